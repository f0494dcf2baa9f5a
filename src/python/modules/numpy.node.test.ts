// The numpy module through the object model (no parser needed): values, printing, errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  binaryOp,
  call as callPython,
  compare,
  getAttr,
  getItem,
  inplaceOp,
  repr,
  setItem,
  str,
} from '../runtime.js';
import {
  newList,
  newTuple,
  PyException,
  PyFloat,
  pyFloat,
  PySlice,
  typeOf,
  type PyModule,
  type PyValue,
  type SessionContext,
} from '../objects.js';
import { stdlibModules } from '../stdlib.js';
import { isNDArray } from './numpy.js';
import './numpy.js';

function fakeContext(): SessionContext {
  return {
    device: 'cpu',
    stdout: () => {},
    figure: () => {},
    clearOutput: () => {},
    sleep: () => Promise.resolve(),
    checkCancelled: () => {},
    state: new Map(),
    importModule: () => Promise.reject(new Error('no imports in this test')),
    onCellEnd: () => {},
    compileFunction: () => {
      throw new Error('no compiling in this test');
    },
  } as SessionContext;
}

async function numpy(): Promise<PyModule> {
  return await stdlibModules.get('numpy')!(fakeContext());
}

async function call(
  m: PyModule,
  name: string,
  args: PyValue[],
  kwargs?: Record<string, PyValue>,
): Promise<PyValue> {
  const f = name.split('.').reduce<PyValue>((v, part) => (v as PyModule).dict.get(part)!, m);
  return await callPython(f, args, kwargs ? new Map(Object.entries(kwargs)) : null);
}

const list = (...xs: PyValue[]) => newList(xs);
const f = pyFloat;

async function raises(p: () => unknown, type: string, message: string): Promise<void> {
  await assert.rejects(
    async () => {
      await p();
    },
    (e: unknown) => {
      assert.ok(e instanceof PyException, `expected a Python exception, got ${String(e)}`);
      assert.equal(e.type, type);
      assert.equal(e.message, message);
      return true;
    },
  );
}

describe('numpy module', () => {
  it('runs the lesson: arange, a Python function over the array, printing', async () => {
    const np = await numpy();
    const xs = await call(np, 'arange', [-3, 3, f(0.1)]);
    const half = await binaryOp('/', xs, 2);
    const ys = await binaryOp('+', await binaryOp('-', 3, xs), await binaryOp('**', half, 2));
    assert.equal(
      await repr(await getItem(ys, new PySlice(null, 4, null))),
      'array([8.25  , 8.0025, 7.76  , 7.5225])',
    );
    assert.equal(await str(await getItem(xs, new PySlice(null, 3, null))), '[-3.  -2.9 -2.8]');
    assert.equal(await repr(await getItem(xs, -1)), '2.9000000000000057');
    assert.equal(await str(await getItem(xs, -1)), '2.9000000000000057');
    assert.equal(await repr(await callPython(await getAttrOf(ys, 'min'), [])), '2.0');
    assert.equal(await str(await getAttrOf(xs, 'dtype')), 'float64');
    assert.equal(await repr(await getAttrOf(xs, 'dtype')), "dtype('float64')");
    assert.equal(await repr(await getAttrOf(xs, 'shape')), '(60,)');
  });

  it('reproduces numpy.random after seed', async () => {
    const np = await numpy();
    await call(np, 'random.seed', [0]);
    const x = await call(np, 'random.normal', [], { size: 5 });
    assert.equal(await repr(x), 'array([1.76405235, 0.40015721, 0.97873798, 2.2408932 , 1.86755799])');
    await call(np, 'random.seed', [42]);
    const m = await call(np, 'random.normal', [0, 1, newTuple([2, 3])]);
    assert.equal(
      await repr(m),
      'array([[ 0.49671415, -0.1382643 ,  0.64768854],\n       [ 1.52302986, -0.23415337, -0.23413696]])',
    );
    await call(np, 'random.seed', [1]);
    assert.equal(await repr(await call(np, 'random.randint', [0, 10, 8])), 'array([5, 8, 9, 5, 0, 0, 1, 7])');
    await call(np, 'random.seed', [1]);
    assert.equal(await repr(await call(np, 'random.rand', [])), '0.417022004702574');
    await call(np, 'random.seed', [3]);
    const picks = await call(np, 'random.choice', [list(10, 20, 30)], {
      size: 8,
      p: list(f(0.2), f(0.5), f(0.3)),
    });
    assert.equal(await repr(picks), 'array([20, 30, 20, 20, 30, 30, 10, 20])');
  });

  it('RandomState objects draw their own legacy stream', async () => {
    const np = await numpy();
    const rng = await call(np, 'random.RandomState', [42]);
    assert.match(await repr(rng), /^RandomState\(MT19937\) at 0x[0-9A-F]+$/);
    const draw = async (name: string, args: PyValue[], kwargs?: Record<string, PyValue>) =>
      await repr(
        await callPython(await getAttrOf(rng, name), args, kwargs ? new Map(Object.entries(kwargs)) : null),
      );
    assert.equal(await draw('normal', [], { size: 3 }), 'array([ 0.49671415, -0.1382643 ,  0.64768854])');
    assert.equal(await draw('rand', [2]), 'array([0.15601864, 0.15599452])');
    assert.equal(await draw('randint', [0, 10, 5]), 'array([7, 4, 3, 7, 7])');
  });

  it("default_rng draws numpy's Generator numbers", async () => {
    const np = await numpy();
    const rng = await call(np, 'random.default_rng', [42]);
    const draw = async (name: string, args: PyValue[]) =>
      await repr(await callPython(await getAttrOf(rng, name), args));
    assert.equal(await draw('random', [3]), 'array([0.77395605, 0.43887844, 0.85859792])');
    assert.equal(await draw('integers', [0, 10, 5]), 'array([0, 6, 2, 0, 5])');
    assert.equal(await draw('normal', [0, 1, 3]), 'array([ 0.1278404 , -0.31624259, -0.01680116])');
  });

  it('keeps int and float dtypes apart and prints their scalars as Python does', async () => {
    const np = await numpy();
    const a = await call(np, 'array', [list(list(1, 2), list(3, 4))]);
    assert.equal(await repr(a), 'array([[1, 2],\n       [3, 4]])');
    assert.equal(await repr(await binaryOp('@', a, a)), 'array([[ 7, 10],\n       [15, 22]])');
    assert.equal(await repr(await binaryOp('/', a, 2)), 'array([[0.5, 1. ],\n       [1.5, 2. ]])');
    assert.equal(await repr(await callPython(await getAttrOf(a, 'sum'), [])), '10');
    assert.equal(await repr(await callPython(await getAttrOf(a, 'mean'), [])), '2.5');
    assert.equal(await repr(await getAttrOf(a, 'T')), 'array([[1, 3],\n       [2, 4]])');
    const f32 = await call(np, 'array', [list(f(0.1), f(0.2))], { dtype: 'float32' });
    assert.equal(await repr(f32), 'array([0.1, 0.2], dtype=float32)');
    assert.equal(await repr(await getItem(f32, 0)), '0.1');
    assert.equal(await repr(await callPython(await getAttrOf(a, 'tolist'), [])), '[[1, 2], [3, 4]]');
  });

  it("gives numpy.float64 scalars that are Python floats with numpy's methods", async () => {
    const np = await numpy();
    const x = await getItem(await call(np, 'arange', [f(3)]), 1);
    assert.ok(x instanceof PyFloat);
    assert.equal(await repr(typeOf(x)), "<class 'numpy.float64'>");
    assert.equal(await repr(await callPython(await getAttrOf(x, 'item'), [])), '1.0');
    assert.equal(await repr(await getAttrOf(x, 'dtype')), "dtype('float64')");
    assert.equal(await repr(await binaryOp('*', x, 2)), '2.0');
    assert.equal(await repr(await call(np, 'float64', [f(2.5)])), '2.5');
  });

  it('indexes with masks, slices and assignment, in place', async () => {
    const np = await numpy();
    const a = await call(np, 'arange', [6]);
    const mask = await compare('>', a, 2);
    assert.equal(await repr(mask), 'array([False, False, False,  True,  True,  True])');
    assert.equal(await repr(await getItem(a, mask)), 'array([3, 4, 5])');
    await setItem(a, mask, 0);
    await setItem(a, 0, f(9.7));
    assert.equal(await repr(a), 'array([9, 1, 2, 0, 0, 0])');
    const same = await inplaceOp('+', a, 1);
    assert.equal(same, a);
    assert.equal(await repr(a), 'array([10,  2,  3,  1,  1,  1])');
    await raises(
      () => inplaceOp('+', a, f(0.5)),
      'UFuncTypeError',
      "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'",
    );
  });

  it("raises numpy's errors as Python exceptions", async () => {
    const np = await numpy();
    const a = await call(np, 'array', [list(1, 2, 3)]);
    const b = await call(np, 'array', [list(1, 2)]);
    await raises(
      () => binaryOp('+', a, b),
      'ValueError',
      'operands could not be broadcast together with shapes (3,) (2,) ',
    );
    await raises(() => getItem(a, 5), 'IndexError', 'index 5 is out of bounds for axis 0 with size 3');
    await raises(
      async () => callPython(await getAttrOf(a, 'reshape'), [2, 2]),
      'ValueError',
      'cannot reshape array of size 3 into shape (2,2)',
    );
    await raises(
      () => call(np, 'zeros', [newTuple([100000, 100000])]),
      'MemoryError',
      'Unable to allocate 74.5 GiB for an array with shape (100000, 100000) and data type float64',
    );
  });

  it('math functions accept numbers and arrays', async () => {
    const np = await numpy();
    assert.equal(await repr(await call(np, 'sqrt', [4])), '2.0');
    const x = await call(np, 'linspace', [0, 1, 3]);
    assert.equal(await repr(await call(np, 'exp', [x])), 'array([1.        , 1.64872127, 2.71828183])');
    assert.equal(await repr(await call(np, 'maximum', [x, f(0.4)])), 'array([0.4, 0.5, 1. ])');
    assert.equal(
      await repr(await call(np, 'where', [await compare('>', x, f(0.2)), x, 0])),
      'array([0. , 0.5, 1. ])',
    );
    const y = await call(np, 'clip', [x, f(0.1), f(0.9)]);
    assert.ok(isNDArray(y));
    assert.equal(await repr(y), 'array([0.1, 0.5, 0.9])');
    assert.ok((await call(np, 'sin', [f(0)])) instanceof PyFloat);
  });
});

async function getAttrOf(v: PyValue, name: string): Promise<PyValue> {
  return await getAttr(v, name);
}
