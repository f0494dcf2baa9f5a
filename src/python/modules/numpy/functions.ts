// numpy's module functions other than the ufuncs: creation (array, zeros, arange …), reductions,
// shape, sorting, joining, comparison (allclose …), set_printoptions, linalg.norm; and their help() texts.
import {
  type BoundArgs,
  defineFunction,
  type NativeFunction,
  newModule,
  newTuple,
  None,
  PyFloat,
  pyFloat,
  PyList,
  PyTuple,
  type PyValue,
  pyError,
  toIndex,
  toNumber,
  typeName,
} from '../../objects.js';
import { type DType } from '../../numpy/dtype.js';
import { NDArray, NumpyError, nonzero as nonzeroOf } from '../../numpy/ndarray.js';
import * as ops from '../../numpy/ops.js';
import { then as thenMP } from '../../maybe-promise.js';
import { argsort, atLeast, isclose, ops_nonzero, squeeze } from './array-ops.js';
import {
  axisArg,
  intTuple,
  isNDArray,
  keep,
  listOfArrays,
  operand,
  operandMP,
  scalarArg,
  shapeArg,
  singleAxis,
  toNDArray,
} from './convert.js';
import { parseDTypeArg } from './dtype-type.js';
import { guard } from './errors.js';
import { matmulImpl, ndarrayType, toPython } from './ndarray-type.js';
import { ownPrintOptions } from './print-options.js';

function arrayArgFn(name: string, spec: string, body: (x: NDArray, a: BoundArgs) => PyValue): NativeFunction {
  const first = spec.split(',')[0].trim();
  return defineFunction(name, spec, (a) => thenMP(toNDArray(a[first]), (x) => guard(() => body(x, a))));
}

type AxisReduction = (x: NDArray, axis: number | number[] | null, keepdims: boolean) => NDArray;

/** np.max(a, axis=None, out=None, keepdims=False) and the reductions that share its signature. */
function axisReduction(name: string, op: AxisReduction): NativeFunction {
  return arrayArgFn(name, 'a, axis=None, out=None, keepdims=False', (x, a) =>
    toPython(op(x, axisArg(a.axis), keep(a))),
  );
}

function creationDType(a: BoundArgs, fallback: DType): DType {
  return parseDTypeArg(a.dtype ?? null) ?? fallback;
}

function likeFn(name: string, fill: ((x: NDArray) => number) | null): NativeFunction {
  return defineFunction(name, fill === null ? 'a, fill_value, dtype=None' : 'a, dtype=None', (a) =>
    thenMP(toNDArray(a.a), (x) =>
      guard(() =>
        ndarrayType.wrap(
          ops.full([...x.shape], fill ? fill(x) : toNumber(a.fill_value), creationDType(a, x.dtype)),
        ),
      ),
    ),
  );
}

/** One session's module functions (each session gets its own function objects). */
export function numpyFunctions(): Record<string, PyValue> {
  return {
    array: defineFunction('array', 'object, dtype=None, copy=True, ndmin=0', (a) =>
      thenMP(toNDArray(a.object, parseDTypeArg(a.dtype)), (x) => {
        // Lists give a fresh array; arrays and tensors' buffers are copied unless copy=False.
        const fresh =
          a.object instanceof PyList || a.object instanceof PyTuple || scalarArg(a.object) !== undefined;
        let r = !fresh && a.copy !== false && (!isNDArray(a.object) || x === a.object.value) ? x.copy() : x;
        const ndmin = toIndex(a.ndmin);
        if (r.ndim < ndmin) r = r.reshape([...Array(ndmin - r.ndim).fill(1), ...r.shape]);
        return ndarrayType.wrap(r);
      }),
    ),
    asarray: defineFunction('asarray', 'a, dtype=None', (a) =>
      thenMP(toNDArray(a.a, parseDTypeArg(a.dtype)), (x) => ndarrayType.wrap(x)),
    ),
    copy: defineFunction('copy', 'a', (a) => thenMP(toNDArray(a.a), (x) => ndarrayType.wrap(x.copy()))),
    zeros: defineFunction('zeros', 'shape, dtype=None', (a) =>
      guard(() => ndarrayType.wrap(ops.full(shapeArg(a.shape), 0, creationDType(a, 'float64')))),
    ),
    ones: defineFunction('ones', 'shape, dtype=None', (a) =>
      guard(() => ndarrayType.wrap(ops.full(shapeArg(a.shape), 1, creationDType(a, 'float64')))),
    ),
    empty: defineFunction('empty', 'shape, dtype=None', (a) =>
      guard(() => ndarrayType.wrap(ops.full(shapeArg(a.shape), 0, creationDType(a, 'float64')))),
    ),
    full: defineFunction('full', 'shape, fill_value, dtype=None', (a) => {
      const s = scalarArg(a.fill_value);
      if (!s) throw pyError('TypeError', 'fill_value must be a number');
      return guard(() => ndarrayType.wrap(ops.full(shapeArg(a.shape), s.scalar, creationDType(a, s.dtype))));
    }),
    zeros_like: likeFn('zeros_like', () => 0),
    ones_like: likeFn('ones_like', () => 1),
    empty_like: likeFn('empty_like', () => 0),
    full_like: likeFn('full_like', null),
    eye: defineFunction('eye', 'N, M=None, k=0, dtype=None', (a) => {
      const n = toIndex(a.N);
      return guard(() =>
        ndarrayType.wrap(
          ops.eye(n, a.M === null ? n : toIndex(a.M), toIndex(a.k), creationDType(a, 'float64')),
        ),
      );
    }),
    identity: defineFunction('identity', 'n, dtype=None', (a) =>
      guard(() => ndarrayType.wrap(ops.eye(toIndex(a.n), toIndex(a.n), 0, creationDType(a, 'float64')))),
    ),
    arange: defineFunction('arange', 'start, stop=None, step=None, dtype=None', (a) => {
      const args = [a.start, a.stop, a.step].filter((x) => x !== null);
      for (const x of args)
        if (!scalarArg(x)) throw pyError('TypeError', `unsupported type for arange: '${typeName(x)}'`);
      const anyFloat = args.some((x) => x instanceof PyFloat);
      let start = 0;
      let stop: number;
      if (a.stop === null) stop = toNumber(a.start);
      else {
        start = toNumber(a.start);
        stop = toNumber(a.stop);
      }
      const step = a.step === null ? 1 : toNumber(a.step);
      if (step === 0) throw pyError('ZeroDivisionError', 'division by zero');
      const dtype = creationDType(a, anyFloat ? 'float64' : 'int64');
      return guard(() => ndarrayType.wrap(ops.arange(start, stop, step, dtype)));
    }),
    linspace: defineFunction(
      'linspace',
      'start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0',
      (a) => {
        const num = toIndex(a.num);
        const start = toNumber(a.start);
        const stop = toNumber(a.stop);
        const arr = guard(() =>
          ops.linspace(start, stop, num, a.endpoint !== false, creationDType(a, 'float64')),
        );
        if (a.retstep === true) {
          const div = a.endpoint !== false ? num - 1 : num;
          return newTuple([ndarrayType.wrap(arr), pyFloat(div > 0 ? (stop - start) / div : NaN)]);
        }
        return ndarrayType.wrap(arr);
      },
    ),
    where: defineFunction('where', 'condition, x=None, y=None', (a) =>
      thenMP(toNDArray(a.condition), (c) => {
        if (a.x === null && a.y === null)
          return newTuple(guard(() => nonzeroOf(c)).map((x) => ndarrayType.wrap(x)));
        if (a.x === null || a.y === null)
          throw pyError('ValueError', 'either both or neither of x and y should be given');
        return thenMP(operandMP(a.x), (x) =>
          thenMP(operandMP(a.y), (y) =>
            guard(() => toPython(ops.where(c.dtype === 'bool' ? c : c.astype('bool'), x, y))),
          ),
        );
      }),
    ),
    clip: defineFunction('clip', 'a, a_min, a_max', (a) =>
      thenMP(toNDArray(a.a), (x) =>
        guard(() =>
          toPython(
            ops.clip(
              x,
              a.a_min === null ? null : (operand(a.a_min) ?? null),
              a.a_max === null ? null : (operand(a.a_max) ?? null),
            ),
          ),
        ),
      ),
    ),
    sum: arrayArgFn('sum', 'a, axis=None, dtype=None, out=None, keepdims=False', (x, a) =>
      toPython(ops.sum(x, axisArg(a.axis), keep(a), parseDTypeArg(a.dtype))),
    ),
    prod: arrayArgFn('prod', 'a, axis=None, dtype=None, out=None, keepdims=False', (x, a) =>
      toPython(ops.prod(x, axisArg(a.axis), keep(a))),
    ),
    mean: arrayArgFn('mean', 'a, axis=None, dtype=None, out=None, keepdims=False', (x, a) =>
      toPython(ops.mean(x, axisArg(a.axis), keep(a))),
    ),
    std: arrayArgFn('std', 'a, axis=None, dtype=None, out=None, ddof=0, keepdims=False', (x, a) =>
      toPython(ops.std(x, axisArg(a.axis), toNumber(a.ddof), keep(a))),
    ),
    var: arrayArgFn('var', 'a, axis=None, dtype=None, out=None, ddof=0, keepdims=False', (x, a) =>
      toPython(ops.variance(x, axisArg(a.axis), toNumber(a.ddof), keep(a))),
    ),
    max: axisReduction('max', ops.max),
    amax: axisReduction('amax', ops.max),
    min: axisReduction('min', ops.min),
    amin: axisReduction('amin', ops.min),
    any: axisReduction('any', ops.any),
    all: axisReduction('all', ops.all),
    argmax: arrayArgFn('argmax', 'a, axis=None', (x, a) => toPython(ops.argmax(x, singleAxis(a.axis)))),
    argmin: arrayArgFn('argmin', 'a, axis=None', (x, a) => toPython(ops.argmin(x, singleAxis(a.axis)))),
    cumsum: arrayArgFn('cumsum', 'a, axis=None', (x, a) => toPython(ops.cumsum(x, singleAxis(a.axis)))),
    // n=0 hands back the argument itself, as numpy does (a list stays a list).
    diff: arrayArgFn('diff', 'a, n=1, axis=-1', (x, a) =>
      toIndex(a.n) === 0 ? a.a : toPython(ops.diff(x, toIndex(a.n), toIndex(a.axis))),
    ),
    cumprod: arrayArgFn('cumprod', 'a, axis=None', (x, a) => toPython(ops.cumprod(x, singleAxis(a.axis)))),
    round: arrayArgFn('round', 'a, decimals=0', (x, a) => toPython(ops.around(x, toIndex(a.decimals)))),
    around: arrayArgFn('around', 'a, decimals=0', (x, a) => toPython(ops.around(x, toIndex(a.decimals)))),
    reshape: arrayArgFn('reshape', 'a, newshape, order="C"', (x, a) =>
      ndarrayType.wrap(x.reshape(shapeArg(a.newshape))),
    ),
    transpose: arrayArgFn('transpose', 'a, axes=None', (x, a) =>
      ndarrayType.wrap(x.transpose(a.axes === null ? undefined : shapeArg(a.axes))),
    ),
    ravel: arrayArgFn('ravel', 'a', (x) => ndarrayType.wrap(x.reshape([x.size]))),
    squeeze: arrayArgFn('squeeze', 'a, axis=None', (x, a) => ndarrayType.wrap(squeeze(x, axisArg(a.axis)))),
    expand_dims: arrayArgFn('expand_dims', 'a, axis', (x, a) => {
      let ax = toIndex(a.axis);
      if (ax < 0) ax += x.ndim + 1;
      if (ax < 0 || ax > x.ndim)
        throw new NumpyError(
          'AxisError',
          `axis ${toIndex(a.axis)} is out of bounds for array of dimension ${x.ndim + 1}`,
        );
      return ndarrayType.wrap(x.reshape([...x.shape.slice(0, ax), 1, ...x.shape.slice(ax)]));
    }),
    shape: arrayArgFn('shape', 'a', (x) => intTuple(x.shape)),
    size: arrayArgFn('size', 'a', (x) => x.size),
    ndim: arrayArgFn('ndim', 'a', (x) => x.ndim),
    sort: arrayArgFn('sort', 'a, axis=-1', (x, a) => ndarrayType.wrap(ops.sort(x, singleAxis(a.axis)))),
    argsort: arrayArgFn('argsort', 'a, axis=-1', (x, a) => ndarrayType.wrap(argsort(x, singleAxis(a.axis)))),
    nonzero: arrayArgFn('nonzero', 'a', (x) => newTuple(ops_nonzero(x).map((r) => ndarrayType.wrap(r)))),
    count_nonzero: arrayArgFn('count_nonzero', 'a', (x) => x.toNumbers().filter((v) => v !== 0).length),
    unique: arrayArgFn('unique', 'ar', (x) => {
      const sorted = ops.sort(x, null).values();
      const out: number[] = [];
      for (const v of sorted) if (out.length === 0 || out[out.length - 1] !== v) out.push(v);
      return ndarrayType.wrap(NDArray.from(x.dtype, [out.length], out));
    }),
    dot: defineFunction('dot', 'a, b', (a) =>
      thenMP(operandMP(a.a), (x) => thenMP(operandMP(a.b), (y) => guard(() => toPython(ops.dot(x, y))))),
    ),
    matmul: defineFunction('matmul', 'x1, x2', (a) =>
      thenMP(toNDArray(a.x1), (x) => thenMP(toNDArray(a.x2), (y) => matmulImpl(x, y))),
    ),
    outer: defineFunction('outer', 'a, b', (a) =>
      thenMP(toNDArray(a.a), (x) =>
        thenMP(toNDArray(a.b), (y) => guard(() => ndarrayType.wrap(ops.outer(x, y)))),
      ),
    ),
    inner: defineFunction('inner', 'a, b', (a) =>
      thenMP(toNDArray(a.a), (x) => thenMP(toNDArray(a.b), (y) => guard(() => toPython(ops.dot(x, y))))),
    ),
    concatenate: defineFunction('concatenate', 'arrays, axis=0', async (a) => {
      const arrays = await listOfArrays(a.arrays);
      return guard(() =>
        ndarrayType.wrap(
          a.axis === null
            ? ops.concatenate(
                arrays.map((x) => x.reshape([x.size])),
                0,
              )
            : ops.concatenate(arrays, toIndex(a.axis)),
        ),
      );
    }),
    stack: defineFunction('stack', 'arrays, axis=0', async (a) => {
      const arrays = await listOfArrays(a.arrays);
      return guard(() => ndarrayType.wrap(ops.stack(arrays, toIndex(a.axis))));
    }),
    vstack: defineFunction('vstack', 'tup', async (a) => {
      const arrays = await listOfArrays(a.tup);
      return guard(() =>
        ndarrayType.wrap(
          ops.concatenate(
            arrays.map((x) => atLeast(x, 2)),
            0,
          ),
        ),
      );
    }),
    hstack: defineFunction('hstack', 'tup', async (a) => {
      const arrays = (await listOfArrays(a.tup)).map((x) => (x.ndim === 0 ? x.reshape([1]) : x));
      return guard(() => ndarrayType.wrap(ops.concatenate(arrays, arrays[0]?.ndim === 1 ? 0 : 1)));
    }),
    allclose: defineFunction('allclose', 'a, b, rtol=1e-05, atol=1e-08, equal_nan=False', (a) =>
      thenMP(toNDArray(a.a), (x) =>
        thenMP(toNDArray(a.b), (y) => guard(() => ops.all(isclose(x, y, a)).getFlat(0) !== 0)),
      ),
    ),
    isclose: defineFunction('isclose', 'a, b, rtol=1e-05, atol=1e-08, equal_nan=False', (a) =>
      thenMP(toNDArray(a.a), (x) => thenMP(toNDArray(a.b), (y) => guard(() => toPython(isclose(x, y, a))))),
    ),
    array_equal: defineFunction('array_equal', 'a1, a2', (a) =>
      thenMP(toNDArray(a.a1), (x) =>
        thenMP(toNDArray(a.a2), (y) => {
          if (x.ndim !== y.ndim || x.shape.some((d, i) => d !== y.shape[i])) return false;
          return guard(() => ops.all(ops.binary('equal', x, y)).getFlat(0) !== 0);
        }),
      ),
    ),
    set_printoptions: defineFunction(
      'set_printoptions',
      'precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None',
      (a) => {
        const printOptions = ownPrintOptions();
        if (a.precision !== null) printOptions.precision = toIndex(a.precision);
        if (a.threshold !== null) printOptions.threshold = toNumber(a.threshold);
        if (a.edgeitems !== null) printOptions.edgeitems = toIndex(a.edgeitems);
        if (a.linewidth !== null) printOptions.linewidth = toIndex(a.linewidth);
        if (a.suppress !== null) printOptions.suppress = a.suppress === true;
        return None;
      },
    ),
    linalg: newModule('numpy.linalg', {
      norm: arrayArgFn('norm', 'x, ord=None, axis=None', (x) =>
        pyFloat(Math.sqrt(ops.sum(ops.binary('multiply', x, x)).getFlat(0))),
      ),
    }),
  };
}

/** help() texts: what each function does, in numpy's words, shortened. */
export const FUNCTION_DOCS: Record<string, string> = {
  array: 'Create an array from a list (of lists) of numbers, an array or a tensor.',
  asarray: 'Convert the input to an array, without copying an array that already is one.',
  arange: 'Evenly spaced values in [start, stop) with the given step: arange(-3, 3, 0.1).',
  linspace: 'num evenly spaced numbers from start to stop (stop included unless endpoint=False).',
  zeros: 'A new array of the given shape filled with zeros (float64 unless dtype= says otherwise).',
  ones: 'A new array of the given shape filled with ones.',
  full: 'A new array of the given shape filled with fill_value.',
  eye: 'A 2-D array with ones on the diagonal and zeros elsewhere.',
  zeros_like: 'An array of zeros with the same shape and dtype as a.',
  ones_like: 'An array of ones with the same shape and dtype as a.',
  sum: 'Sum of array elements over a given axis (all of them by default).',
  mean: 'Arithmetic mean along the given axis.',
  std: 'Standard deviation along the given axis (ddof=0).',
  var: 'Variance along the given axis (ddof=0).',
  max: 'Largest element (along an axis).',
  min: 'Smallest element (along an axis).',
  argmax: 'Index of the largest element (along an axis).',
  argmin: 'Index of the smallest element (along an axis).',
  dot: 'Dot product of two arrays: inner product of vectors, matrix product of matrices.',
  matmul: 'Matrix product of two arrays (the @ operator).',
  reshape: 'Gives a new shape to an array without changing its data.',
  where: 'Elements from x where condition is true, else from y.',
  clip: 'Limit the values in an array to [a_min, a_max].',
  maximum: 'Element-wise maximum of two arrays.',
  minimum: 'Element-wise minimum of two arrays.',
  sqrt: 'Element-wise square root.',
  exp: 'Element-wise exponential.',
  log: 'Element-wise natural logarithm.',
  sin: 'Element-wise sine (radians).',
  cos: 'Element-wise cosine (radians).',
  tanh: 'Element-wise hyperbolic tangent.',
  abs: 'Element-wise absolute value.',
};
