// math and time through the object model: CPython's values, result types and error messages.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { call as callPython, repr } from '../runtime.js';
import {
  newList,
  PyException,
  pyFloat,
  type PyModule,
  type PyValue,
  type SessionContext,
} from '../objects.js';
import { stdlibModules } from '../stdlib.js';
import './math.js';
import './time.js';

function context(sleeps: number[] = [], cancelled = { value: false }): SessionContext {
  return {
    device: 'cpu',
    stdout: () => {},
    figure: () => {},
    clearOutput: () => {},
    sleep: (ms: number) => {
      sleeps.push(ms);
      return cancelled.value ? Promise.reject(new PyException(undefined as never)) : Promise.resolve();
    },
    checkCancelled: () => {
      if (cancelled.value) throw new Error('KeyboardInterrupt');
    },
    state: new Map(),
    importModule: () => Promise.reject(new Error('no imports here')),
    onCellEnd: () => {},
    compileFunction: () => {
      throw new Error('no compiling in this test');
    },
  } as SessionContext;
}

async function load(name: string, ctx = context()): Promise<PyModule> {
  return await stdlibModules.get(name)!(ctx);
}

async function call(m: PyModule, name: string, ...args: PyValue[]): Promise<string> {
  return await repr(await callPython(m.dict.get(name)!, args));
}

async function error(m: PyModule, name: string, ...args: PyValue[]): Promise<string> {
  try {
    await callPython(m.dict.get(name)!, args);
  } catch (e) {
    assert.ok(e instanceof PyException);
    return `${e.type}: ${e.message}`;
  }
  assert.fail('no exception');
}

describe('math module', () => {
  it('returns floats and ints as CPython does', async () => {
    const m = await load('math');
    assert.equal(await call(m, 'sqrt', 2), '1.4142135623730951');
    assert.equal(await call(m, 'sqrt', 4), '2.0');
    assert.equal(await call(m, 'log', 8, 2), '3.0');
    assert.equal(await call(m, 'log', 2n ** 1000n), '693.1471805599454');
    assert.equal(await call(m, 'log', 2n ** 2000n), '1386.2943611198907');
    assert.equal(await call(m, 'log10', 1000), '3.0');
    assert.equal(await call(m, 'floor', pyFloat(-2.5)), '-3');
    assert.equal(await call(m, 'ceil', pyFloat(2.1)), '3');
    assert.equal(await call(m, 'trunc', pyFloat(-2.7)), '-2');
    assert.equal(await call(m, 'factorial', 25), '15511210043330985984000000');
    assert.equal(await call(m, 'gcd', 12, 18), '6');
    assert.equal(await call(m, 'hypot', 3, 4), '5.0');
    assert.equal(await call(m, 'degrees', m.dict.get('pi')!), '180.0');
    assert.equal(await call(m, 'atan2', 1, 1), '0.7853981633974483');
    assert.equal(await call(m, 'isclose', pyFloat(0.1 + 0.2), pyFloat(0.3)), 'True');
    assert.equal(await call(m, 'pow', 2, 10), '1024.0');
    assert.equal(
      await call(m, 'fsum', newList([pyFloat(0.1), pyFloat(0.1), pyFloat(0.1)])),
      '0.30000000000000004',
    );
    assert.equal(await repr(m.dict.get('tau')!), '6.283185307179586');
    assert.equal(await repr(m.dict.get('inf')!), 'inf');
  });

  it("raises CPython's errors", async () => {
    const m = await load('math');
    assert.equal(await error(m, 'sqrt', -1), 'ValueError: math domain error');
    assert.equal(await error(m, 'log', 0), 'ValueError: math domain error');
    assert.equal(await error(m, 'exp', 1000), 'OverflowError: math range error');
    assert.equal(await error(m, 'factorial', -1), 'ValueError: factorial() not defined for negative values');
    assert.equal(await error(m, 'sqrt', 'x'), 'TypeError: must be real number, not str');
    assert.equal(
      await error(m, 'floor', pyFloat(Infinity)),
      'OverflowError: cannot convert float infinity to integer',
    );
  });
});

describe('time module', () => {
  it('has clocks that move forward', async () => {
    const t = await load('time');
    const a = Number(await call(t, 'perf_counter'));
    const now = Number(await call(t, 'time'));
    assert.ok(Math.abs(now - Date.now() / 1000) < 5);
    const b = Number(await call(t, 'perf_counter'));
    assert.ok(b >= a);
  });

  it('sleeps through the session (never blocking) and checks its argument', async () => {
    const sleeps: number[] = [];
    const t = await load('time', context(sleeps));
    assert.equal(await call(t, 'sleep', pyFloat(0.25)), 'None');
    assert.deepEqual(sleeps, [250]);
    assert.equal(await error(t, 'sleep', -1), 'ValueError: sleep length must be non-negative');
  });
});
