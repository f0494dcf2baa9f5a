// numpy's ufuncs, reductions, linear algebra and array constructors over NDArray.

import {
  allocate,
  castValue,
  type DType,
  isFloat,
  isInteger,
  kindOf,
  type Operand,
  resultType,
  type Storage,
} from './dtype.js';
import { roundHalfEven } from '../../core/decimal.js';
import {
  broadcastShapes,
  formatShapeCompact,
  type IndexItem,
  NDArray,
  normalizeAxis,
  NumpyError,
  shapeSize,
} from './ndarray.js';

/** A ufunc operand: an array, or a Python scalar with its dtype (`int64`, `float64`, `bool`). */
export type Arg = NDArray | { scalar: number; dtype: DType };

export function asArray(x: Arg): NDArray {
  return x instanceof NDArray ? x : NDArray.scalar(x.dtype, x.scalar);
}

function operandOf(x: Arg): Operand {
  if (x instanceof NDArray)
    return x.ndim === 0
      ? { dtype: x.dtype, scalar: true, value: x.getFlat(0) }
      : { dtype: x.dtype, scalar: false };
  return { dtype: x.dtype, scalar: true, value: x.scalar };
}

/** Floats that ints become under a float ufunc (sin, sqrt, / ...): numpy's smallest safe float. */
function floatFor(d: DType): DType {
  if (d === 'float32') return 'float32';
  if (d === 'int8' || d === 'uint8' || d === 'int16' || d === 'bool')
    return d === 'bool' || d === 'int8' || d === 'uint8' ? 'float32' : 'float32';
  return 'float64';
}

// ---- elementwise kernels ----------------------------------------------------------------------

/** Runs f over broadcast inputs into a new `outType` array. */
function mapBinary(a: NDArray, b: NDArray, outType: DType, f: (x: number, y: number) => number): NDArray {
  const shape = broadcastShapes(a.shape, b.shape);
  const out = NDArray.empty(outType, shape);
  const o = out.data;
  const n = out.size;
  const store = isFloat(outType)
    ? (i: number, v: number) => (o[i] = v)
    : (i: number, v: number) => (o[i] = castValue(outType, v));
  if (a.size === 1 && b.size === n) {
    const x = a.getFlat(0);
    const bv = b.broadcastTo(shape).values();
    for (let i = 0; i < n; i++) store(i, f(x, bv[i]));
  } else if (b.size === 1 && a.size === n) {
    const y = b.getFlat(0);
    const av = a.broadcastTo(shape).values();
    for (let i = 0; i < n; i++) store(i, f(av[i], y));
  } else {
    const av = a.broadcastTo(shape).values();
    const bv = b.broadcastTo(shape).values();
    for (let i = 0; i < n; i++) store(i, f(av[i], bv[i]));
  }
  return out;
}

function mapUnary(a: NDArray, outType: DType, f: (x: number) => number): NDArray {
  const out = NDArray.empty(outType, [...a.shape]);
  const v = a.values();
  const o = out.data;
  if (isFloat(outType)) for (let i = 0; i < v.length; i++) o[i] = f(v[i]);
  else for (let i = 0; i < v.length; i++) o[i] = castValue(outType, f(v[i]));
  return out;
}

/** Python's float floor division and modulo (numpy's npy_divmod). */
export function floorDivFloat(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0 * (a / b);
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return floordiv;
}

export function modFloat(a: number, b: number): number {
  if (b === 0) return NaN;
  let mod = a % b;
  if (mod) {
    if (b < 0 !== mod < 0) mod += b;
  } else mod = b < 0 ? -0 : 0;
  return mod;
}

function intPow(base: number, exp: number): number {
  let result = 1;
  let b = base;
  let e = exp;
  while (e > 0) {
    if (e & 1) result *= b;
    b *= b;
    e = Math.floor(e / 2);
  }
  return result;
}

export type BinaryOp =
  | 'add'
  | 'subtract'
  | 'multiply'
  | 'true_divide'
  | 'floor_divide'
  | 'remainder'
  | 'power'
  | 'maximum'
  | 'minimum'
  | 'fmax'
  | 'fmin'
  | 'arctan2'
  | 'hypot'
  | 'equal'
  | 'not_equal'
  | 'less'
  | 'less_equal'
  | 'greater'
  | 'greater_equal'
  | 'logical_and'
  | 'logical_or'
  | 'logical_xor'
  | 'bitwise_and'
  | 'bitwise_or'
  | 'bitwise_xor';

const COMPARE: Partial<Record<BinaryOp, (x: number, y: number) => number>> = {
  equal: (x, y) => (x === y ? 1 : 0),
  not_equal: (x, y) => (x !== y ? 1 : 0),
  less: (x, y) => (x < y ? 1 : 0),
  less_equal: (x, y) => (x <= y ? 1 : 0),
  greater: (x, y) => (x > y ? 1 : 0),
  greater_equal: (x, y) => (x >= y ? 1 : 0),
  logical_and: (x, y) => (x && y ? 1 : 0),
  logical_or: (x, y) => (x || y ? 1 : 0),
  logical_xor: (x, y) => (!x !== !y ? 1 : 0),
};

function nanMax(x: number, y: number): number {
  return x !== x || y !== y ? NaN : x >= y ? x : y;
}
function nanMin(x: number, y: number): number {
  return x !== x || y !== y ? NaN : x <= y ? x : y;
}

function bitwise(op: 'and' | 'or' | 'xor', x: number, y: number): number {
  const bx = BigInt(Math.trunc(x));
  const by = BigInt(Math.trunc(y));
  return Number(BigInt.asIntN(64, op === 'and' ? bx & by : op === 'or' ? bx | by : bx ^ by));
}

/** A binary ufunc with numpy's broadcasting and type rules. */
export function binary(op: BinaryOp, x: Arg, y: Arg): NDArray {
  const a = asArray(x);
  const b = asArray(y);
  const common = resultType([operandOf(x), operandOf(y)]);
  const cmp = COMPARE[op];
  if (cmp) return mapBinary(a, b, 'bool', cmp);
  const integral = isInteger(common);
  switch (op) {
    case 'add':
      if (common === 'bool') return mapBinary(a, b, 'bool', (p, q) => (p || q ? 1 : 0));
      return mapBinary(a, b, common, (p, q) => p + q);
    case 'subtract':
      if (common === 'bool') {
        throw new NumpyError(
          'TypeError',
          'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.',
        );
      }
      return mapBinary(a, b, common, (p, q) => p - q);
    case 'multiply':
      if (common === 'bool') return mapBinary(a, b, 'bool', (p, q) => (p && q ? 1 : 0));
      return mapBinary(a, b, common, (p, q) => p * q);
    case 'true_divide':
      return mapBinary(a, b, isFloat(common) ? common : 'float64', (p, q) => p / q);
    case 'floor_divide':
      if (integral || common === 'bool') {
        return mapBinary(a, b, common === 'bool' ? 'int8' : common, (p, q) =>
          q === 0 ? 0 : Math.floor(p / q),
        );
      }
      return mapBinary(a, b, common, floorDivFloat);
    case 'remainder':
      if (integral || common === 'bool') {
        return mapBinary(a, b, common === 'bool' ? 'int8' : common, (p, q) =>
          q === 0 ? 0 : p - Math.floor(p / q) * q,
        );
      }
      return mapBinary(a, b, common, modFloat);
    case 'power': {
      if (integral || common === 'bool') {
        const bv = b.values();
        for (let i = 0; i < bv.length; i++) {
          if (bv[i] < 0)
            throw new NumpyError('ValueError', 'Integers to negative integer powers are not allowed.');
        }
        return mapBinary(a, b, common === 'bool' ? 'int8' : common, intPow);
      }
      // numpy squares, roots and inverts exactly for these scalar exponents.
      if (b.size === 1 && b.ndim === 0) {
        const e = b.getFlat(0);
        if (e === 2) return mapBinary(a, b, common, (p) => p * p);
        if (e === 0.5) return mapBinary(a, b, common, (p) => Math.sqrt(p));
        if (e === -1) return mapBinary(a, b, common, (p) => 1 / p);
        if (e === 1) return mapBinary(a, b, common, (p) => p);
      }
      return mapBinary(a, b, common, Math.pow);
    }
    case 'maximum':
      return mapBinary(a, b, common, nanMax);
    case 'minimum':
      return mapBinary(a, b, common, nanMin);
    case 'fmax':
      return mapBinary(a, b, common, (p, q) => (p !== p ? q : q !== q ? p : Math.max(p, q)));
    case 'fmin':
      return mapBinary(a, b, common, (p, q) => (p !== p ? q : q !== q ? p : Math.min(p, q)));
    case 'arctan2':
      return mapBinary(a, b, floatFor(common), Math.atan2);
    case 'hypot':
      return mapBinary(a, b, floatFor(common), Math.hypot);
    case 'bitwise_and':
    case 'bitwise_or':
    case 'bitwise_xor': {
      if (isFloat(common)) {
        throw new NumpyError(
          'TypeError',
          `ufunc '${op}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`,
        );
      }
      const kind = op === 'bitwise_and' ? 'and' : op === 'bitwise_or' ? 'or' : 'xor';
      if (common === 'bool') return mapBinary(a, b, 'bool', (p, q) => bitwise(kind, p, q));
      return mapBinary(a, b, common, (p, q) => bitwise(kind, p, q));
    }
    default:
      throw new NumpyError('TypeError', `unknown ufunc ${op as string}`);
  }
}

export type UnaryOp =
  | 'negative'
  | 'positive'
  | 'absolute'
  | 'sign'
  | 'square'
  | 'sqrt'
  | 'exp'
  | 'exp2'
  | 'expm1'
  | 'log'
  | 'log2'
  | 'log10'
  | 'log1p'
  | 'sin'
  | 'cos'
  | 'tan'
  | 'arcsin'
  | 'arccos'
  | 'arctan'
  | 'sinh'
  | 'cosh'
  | 'tanh'
  | 'floor'
  | 'ceil'
  | 'trunc'
  | 'rint'
  | 'reciprocal'
  | 'isnan'
  | 'isinf'
  | 'isfinite'
  | 'logical_not'
  | 'invert'
  | 'deg2rad'
  | 'rad2deg';

const FLOAT_UNARY: Partial<Record<UnaryOp, (x: number) => number>> = {
  sqrt: Math.sqrt,
  exp: Math.exp,
  exp2: (x) => Math.pow(2, x),
  expm1: Math.expm1,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  deg2rad: (x) => (x * Math.PI) / 180,
  rad2deg: (x) => (x * 180) / Math.PI,
};

/** A ufunc of one array, with numpy's result dtype (rint rounds half to even). */
export function unary(op: UnaryOp, x: Arg): NDArray {
  const a = asArray(x);
  const d = a.dtype;
  const floatOp = FLOAT_UNARY[op];
  if (floatOp) return mapUnary(a, isFloat(d) ? d : floatFor(d), floatOp);
  switch (op) {
    case 'negative':
      if (d === 'bool') {
        throw new NumpyError(
          'TypeError',
          'The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.',
        );
      }
      return mapUnary(a, d, (v) => -v);
    case 'positive':
      return mapUnary(a, d, (v) => v);
    case 'absolute':
      return mapUnary(a, d, Math.abs);
    case 'sign':
      return mapUnary(a, d, (v) => (v !== v ? NaN : v > 0 ? 1 : v < 0 ? -1 : 0));
    case 'square':
      return mapUnary(a, d === 'bool' ? 'bool' : d, (v) => v * v);
    case 'floor':
      return mapUnary(a, isFloat(d) ? d : floatFor(d), Math.floor);
    case 'ceil':
      return mapUnary(a, isFloat(d) ? d : floatFor(d), Math.ceil);
    case 'trunc':
      return mapUnary(a, isFloat(d) ? d : floatFor(d), Math.trunc);
    case 'rint':
      return mapUnary(a, isFloat(d) ? d : floatFor(d), roundHalfEven);
    case 'reciprocal':
      return mapUnary(a, d, (v) => (isFloat(d) ? 1 / v : v === 0 ? 0 : Math.trunc(1 / v)));
    case 'isnan':
      return mapUnary(a, 'bool', (v) => (v !== v ? 1 : 0));
    case 'isinf':
      return mapUnary(a, 'bool', (v) => (v === Infinity || v === -Infinity ? 1 : 0));
    case 'isfinite':
      return mapUnary(a, 'bool', (v) => (Number.isFinite(v) ? 1 : 0));
    case 'logical_not':
      return mapUnary(a, 'bool', (v) => (v ? 0 : 1));
    case 'invert':
      if (d === 'bool') return mapUnary(a, 'bool', (v) => (v ? 0 : 1));
      if (isFloat(d)) {
        throw new NumpyError(
          'TypeError',
          "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
        );
      }
      return mapUnary(a, d, (v) => -v - 1);
    default:
      throw new NumpyError('TypeError', `unknown ufunc ${op as string}`);
  }
}

/** numpy.around: half to even at `decimals` places. */
export function around(a: NDArray, decimals = 0): NDArray {
  if (!isFloat(a.dtype)) {
    if (decimals >= 0) return a.copy();
    const f = Math.pow(10, -decimals);
    return mapUnary(a, a.dtype, (v) => roundHalfEven(v / f) * f);
  }
  const f = Math.pow(10, decimals);
  return mapUnary(a, a.dtype, (v) =>
    decimals >= 0
      ? roundHalfEven(v * f) / f
      : roundHalfEven(v / Math.pow(10, -decimals)) * Math.pow(10, -decimals),
  );
}

export function where(cond: NDArray, x: Arg, y: Arg): NDArray {
  const a = asArray(x);
  const b = asArray(y);
  const dtype = resultType([operandOf(x), operandOf(y)]);
  const shape = broadcastShapes(cond.shape, a.shape, b.shape);
  const c = cond.broadcastTo(shape).values();
  const av = a.broadcastTo(shape).values();
  const bv = b.broadcastTo(shape).values();
  const out = NDArray.empty(dtype, shape);
  for (let i = 0; i < out.size; i++) out.data[i] = castValue(dtype, c[i] ? av[i] : bv[i]);
  return out;
}

export function clip(a: NDArray, lo: Arg | null, hi: Arg | null): NDArray {
  let r = a;
  if (lo !== null) r = binary('maximum', r, lo);
  if (hi !== null) r = binary('minimum', r, hi);
  return r === a ? a.copy() : r;
}

// ---- reductions -------------------------------------------------------------------------------

/** numpy's pairwise summation (what `add.reduce` does along a contiguous axis). */
export function pairwiseSum(
  v: ArrayLike<number>,
  start: number,
  n: number,
  stride: number,
  round: (x: number) => number,
): number {
  if (n < 8) {
    let res = round(0);
    for (let i = 0; i < n; i++) res = round(res + v[start + i * stride]);
    return res;
  }
  if (n <= 128) {
    const r = new Array<number>(8);
    for (let j = 0; j < 8; j++) r[j] = v[start + j * stride];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] = round(r[j] + v[start + (i + j) * stride]);
    }
    let res = round(
      round(round(r[0] + r[1]) + round(r[2] + r[3])) + round(round(r[4] + r[5]) + round(r[6] + r[7])),
    );
    for (; i < n; i++) res = round(res + v[start + i * stride]);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return round(
    pairwiseSum(v, start, n2, stride, round) + pairwiseSum(v, start + n2 * stride, n - n2, stride, round),
  );
}

const identity = (x: number) => x;

/** Normalised, sorted axes to reduce over (all of them for `null`). */
export function reductionAxes(axis: number | number[] | null, ndim: number): number[] {
  if (axis === null) return [...Array(ndim).keys()];
  const list = Array.isArray(axis) ? axis : [axis];
  const out = list.map((a) => normalizeAxis(a, ndim));
  if (new Set(out).size !== out.length) throw new NumpyError('ValueError', "duplicate value in 'axis'");
  return out.sort((p, q) => p - q);
}

/**
 * Reduces `a` over `axes` with `reduce(values, start, n, stride)` called once per output element
 * on a C-ordered copy whose reduced axes come last.
 */
function reduceAxes(
  a: NDArray,
  axis: number | number[] | null,
  keepdims: boolean,
  outType: DType,
  reduce: (v: Storage, start: number, n: number, lastAxisOnly: boolean) => number,
): NDArray {
  const axes = reductionAxes(axis, a.ndim);
  const kept = [...a.shape.keys()].filter((d) => !axes.includes(d));
  const moved = a.transpose([...kept, ...axes]);
  const v = moved.values();
  const n = shapeSize(axes.map((d) => a.shape[d]));
  const outShape = keepdims ? a.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : kept.map((d) => a.shape[d]);
  const out = NDArray.empty(outType, outShape);
  // numpy sums pairwise only when the reduction runs along the array's last (contiguous) axis.
  const lastAxisOnly = axes.length === a.ndim || (axes.length === 1 && axes[0] === a.ndim - 1);
  for (let o = 0; o < out.size; o++) out.data[o] = castValue(outType, reduce(v, o * n, n, lastAxisOnly));
  return out;
}

function sumType(d: DType): DType {
  return d === 'bool' || (isInteger(d) && d !== 'int64') ? 'int64' : d;
}

export function sum(
  a: NDArray,
  axis: number | number[] | null = null,
  keepdims = false,
  dtype?: DType,
): NDArray {
  const outType = dtype ?? sumType(a.dtype);
  const round = outType === 'float32' ? Math.fround : identity;
  return reduceAxes(a, axis, keepdims, outType, (v, s, n, pairwise) => {
    if (pairwise && isFloat(outType)) return pairwiseSum(v, s, n, 1, round);
    let r = 0;
    for (let i = 0; i < n; i++) r = round(r + v[s + i]);
    return r;
  });
}

export function prod(a: NDArray, axis: number | number[] | null = null, keepdims = false): NDArray {
  const outType = sumType(a.dtype);
  const round = outType === 'float32' ? Math.fround : identity;
  return reduceAxes(a, axis, keepdims, outType, (v, s, n) => {
    let r = 1;
    for (let i = 0; i < n; i++) r = round(r * v[s + i]);
    return r;
  });
}

function reducedCount(a: NDArray, axis: number | number[] | null): number {
  return shapeSize(reductionAxes(axis, a.ndim).map((d) => a.shape[d]));
}

export function mean(a: NDArray, axis: number | number[] | null = null, keepdims = false): NDArray {
  const outType = isFloat(a.dtype) ? a.dtype : 'float64';
  const s = sum(a, axis, keepdims, outType);
  return binary('true_divide', s, { scalar: reducedCount(a, axis), dtype: 'int64' });
}

export function variance(
  a: NDArray,
  axis: number | number[] | null = null,
  ddof = 0,
  keepdims = false,
): NDArray {
  const outType = isFloat(a.dtype) ? a.dtype : 'float64';
  const n = reducedCount(a, axis);
  const m = binary('true_divide', sum(a, axis, true, outType), { scalar: n, dtype: 'int64' });
  const dev = binary('subtract', a, m);
  const sq = binary('multiply', dev, dev);
  return binary('true_divide', sum(sq, axis, keepdims, outType), {
    scalar: Math.max(n - ddof, 0),
    dtype: 'int64',
  });
}

export function std(a: NDArray, axis: number | number[] | null = null, ddof = 0, keepdims = false): NDArray {
  return unary('sqrt', variance(a, axis, ddof, keepdims));
}

function emptyReductionCheck(a: NDArray, axis: number | number[] | null, name: string): void {
  if (reducedCount(a, axis) === 0) {
    throw new NumpyError(
      'ValueError',
      `zero-size array to reduction operation ${name} which has no identity`,
    );
  }
}

export function max(a: NDArray, axis: number | number[] | null = null, keepdims = false): NDArray {
  return extreme(a, axis, keepdims, 'maximum', nanMax);
}

export function min(a: NDArray, axis: number | number[] | null = null, keepdims = false): NDArray {
  return extreme(a, axis, keepdims, 'minimum', nanMin);
}

/** max/min over axes: nan wins, as in numpy; an empty reduction is numpy's ValueError. */
function extreme(
  a: NDArray,
  axis: number | number[] | null,
  keepdims: boolean,
  name: string,
  pick: (x: number, y: number) => number,
): NDArray {
  emptyReductionCheck(a, axis, name);
  return reduceAxes(a, axis, keepdims, a.dtype, (v, s, n) => {
    let r = v[s];
    for (let i = 1; i < n; i++) r = pick(r, v[s + i]);
    return r;
  });
}

export function any(a: NDArray, axis: number | number[] | null = null, keepdims = false): NDArray {
  return reduceAxes(a, axis, keepdims, 'bool', (v, s, n) => {
    for (let i = 0; i < n; i++) if (v[s + i]) return 1;
    return 0;
  });
}

export function all(a: NDArray, axis: number | number[] | null = null, keepdims = false): NDArray {
  return reduceAxes(a, axis, keepdims, 'bool', (v, s, n) => {
    for (let i = 0; i < n; i++) if (!v[s + i]) return 0;
    return 1;
  });
}

function argReduce(
  a: NDArray,
  axis: number | null,
  name: string,
  better: (x: number, best: number) => boolean,
): NDArray {
  if (a.size === 0) throw new NumpyError('ValueError', `attempt to get ${name} of an empty sequence`);
  const src = axis === null ? a.reshape([a.size]) : a;
  return reduceAxes(src, axis === null ? 0 : axis, false, 'int64', (v, s, n) => {
    let best = 0;
    for (let i = 0; i < n; i++) {
      const x = v[s + i];
      if (x !== x) return i; // the first NaN wins, as in numpy
      if (better(x, v[s + best])) best = i;
    }
    return best;
  });
}

export function argmax(a: NDArray, axis: number | null = null): NDArray {
  return argReduce(a, axis, 'argmax', (x, b) => x > b);
}

export function argmin(a: NDArray, axis: number | null = null): NDArray {
  return argReduce(a, axis, 'argmin', (x, b) => x < b);
}

function accumulate(a: NDArray, axis: number | null, multiply: boolean): NDArray {
  const outType = sumType(a.dtype);
  const src = axis === null ? a.reshape([a.size]) : a;
  const ax = axis === null ? 0 : normalizeAxis(axis, src.ndim);
  const out = src.astype(outType);
  const round = outType === 'float32' ? Math.fround : identity;
  const stride = out.strides[ax];
  const len = out.shape[ax];
  const outerShape = out.shape.map((d, i) => (i === ax ? 1 : d));
  const starts = new NDArray(outType, outerShape, out.data, out.strides).positions();
  for (const s of starts) {
    let acc = out.data[s];
    for (let i = 1; i < len; i++) {
      const p = s + i * stride;
      acc = castValue(outType, round(multiply ? acc * out.data[p] : acc + out.data[p]));
      out.data[p] = acc;
    }
  }
  return out;
}

export function cumsum(a: NDArray, axis: number | null = null): NDArray {
  return accumulate(a, axis, false);
}

/** numpy.diff: the n-th difference along an axis (booleans by !=, as numpy differs them). */
export function diff(a: NDArray, n = 1, axis = -1): NDArray {
  if (n < 0) throw new NumpyError('ValueError', `order must be non-negative but got ${n}`);
  if (a.ndim === 0)
    throw new NumpyError('ValueError', 'diff requires input that is at least one dimensional');
  const ax = normalizeAxis(axis, a.ndim);
  const along = (start: number | null, stop: number | null): IndexItem[] =>
    a.shape.map((_, i) => ({
      kind: 'slice',
      start: i === ax ? start : null,
      stop: i === ax ? stop : null,
      step: null,
    }));
  let out = a;
  for (let k = 0; k < n; k++)
    out = binary(
      out.dtype === 'bool' ? 'not_equal' : 'subtract',
      out.get(along(1, null)),
      out.get(along(null, -1)),
    );
  return out;
}

export function cumprod(a: NDArray, axis: number | null = null): NDArray {
  return accumulate(a, axis, true);
}

// ---- linear algebra ---------------------------------------------------------------------------

function matmul2d(a: NDArray, b: NDArray, outType: DType): NDArray {
  const [m, k] = a.shape;
  const n = b.shape[1];
  const av = Float64Array.from(a.values());
  const bv = Float64Array.from(b.values());
  const acc = new Float64Array(4 * n);
  const out = NDArray.empty(outType, [m, n]);
  const o = out.data;
  // Four rows of the result at a time share each row of b; every sum still runs p = 0..k-1 in order.
  for (let i0 = 0; i0 < m; i0 += 4) {
    const rows = Math.min(4, m - i0);
    acc.fill(0);
    for (let p = 0; p < k; p++) {
      const row = p * n;
      const x0 = av[i0 * k + p];
      const x1 = rows > 1 ? av[(i0 + 1) * k + p] : 0;
      const x2 = rows > 2 ? av[(i0 + 2) * k + p] : 0;
      const x3 = rows > 3 ? av[(i0 + 3) * k + p] : 0;
      for (let j = 0; j < n; j++) {
        const y = bv[row + j];
        acc[j] += x0 * y;
        acc[n + j] += x1 * y;
        acc[2 * n + j] += x2 * y;
        acc[3 * n + j] += x3 * y;
      }
    }
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < n; j++) o[(i0 + r) * n + j] = castValue(outType, acc[r * n + j]);
    }
  }
  return out;
}

/** numpy.matmul (`@`): 1-D operands are promoted to matrices and the added axis removed again. */
export function matmul(x: NDArray, y: NDArray): NDArray {
  if (x.ndim === 0 || y.ndim === 0) {
    throw new NumpyError(
      'ValueError',
      'matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)',
    );
  }
  const outType = resultType([
    { dtype: x.dtype, scalar: false },
    { dtype: y.dtype, scalar: false },
  ]);
  const a = x.ndim === 1 ? x.reshape([1, x.shape[0]]) : x;
  const b = y.ndim === 1 ? y.reshape([y.shape[0], 1]) : y;
  const k = a.shape[a.ndim - 1];
  if (b.shape[b.ndim - 2] !== k) {
    throw new NumpyError(
      'ValueError',
      `matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size ${b.shape[b.ndim - 2]} is different from ${k})`,
    );
  }
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const m = a.shape[a.ndim - 2];
  const n = b.shape[b.ndim - 1];
  const aB = a.broadcastTo([...batch, m, k]);
  const bB = b.broadcastTo([...batch, k, n]);
  const count = shapeSize(batch);
  const out = NDArray.empty(outType, [...batch, m, n]);
  const av = aB.values();
  const bv = bB.values();
  for (let t = 0; t < count; t++) {
    const am = new NDArray(aB.dtype, [m, k], av.subarray(t * m * k, (t + 1) * m * k) as Storage);
    const bm = new NDArray(bB.dtype, [k, n], bv.subarray(t * k * n, (t + 1) * k * n) as Storage);
    out.data.set(matmul2d(am, bm, outType).data, t * m * n);
  }
  let shape = [...batch, m, n];
  if (x.ndim === 1) shape = [...batch, n];
  if (y.ndim === 1) shape = x.ndim === 1 ? [...batch] : [...batch, m];
  return out.reshape(shape);
}

/** numpy.dot: products of scalars, inner products of vectors, matrix products otherwise. */
export function dot(x: Arg, y: Arg): NDArray {
  const a = asArray(x);
  const b = asArray(y);
  if (a.ndim === 0 || b.ndim === 0) return binary('multiply', x, y);
  if (a.ndim <= 2 && b.ndim <= 2) {
    const ka = a.shape[a.ndim - 1];
    const kb = b.ndim === 1 ? b.shape[0] : b.shape[0];
    if (ka !== kb) {
      throw new NumpyError(
        'ValueError',
        `shapes ${formatShapeCompact(a.shape)} and ${formatShapeCompact(b.shape)} not aligned: ${ka} (dim ${a.ndim - 1}) != ${kb} (dim 0)`,
      );
    }
    return matmul(a, b);
  }
  throw new NumpyError('ValueError', 'dot of arrays with more than 2 dimensions is not supported');
}

export function outer(a: NDArray, b: NDArray): NDArray {
  return binary('multiply', a.reshape([a.size, 1]), b.reshape([1, b.size]));
}

// ---- constructors -----------------------------------------------------------------------------

export function full(shape: number[], value: number, dtype: DType): NDArray {
  if (shape.some((d) => d < 0)) throw new NumpyError('ValueError', 'negative dimensions are not allowed');
  const out = NDArray.empty(dtype, shape);
  out.data.fill(castValue(dtype, value));
  return out;
}

/** numpy.arange: length ceil((stop - start) / step), element i is start + i * step. */
export function arange(start: number, stop: number, step: number, dtype: DType): NDArray {
  if (step === 0) throw new NumpyError('ZeroDivisionError', 'division by zero');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (!Number.isFinite(n)) throw new NumpyError('ValueError', 'arange: cannot compute length');
  const out = NDArray.empty(dtype, [n]);
  if (n === 0) return out;
  // numpy fills the first two values and then steps by their difference.
  const first = castValue(dtype, start);
  const delta = castValue(dtype, start + step) - first;
  for (let i = 0; i < n; i++) out.data[i] = castValue(dtype, first + i * delta);
  return out;
}

export function linspace(start: number, stop: number, num: number, endpoint: boolean, dtype: DType): NDArray {
  if (num < 0) throw new NumpyError('ValueError', `Number of samples, ${num}, must be non-negative.`);
  const div = endpoint ? num - 1 : num;
  const delta = stop - start;
  const values = new Float64Array(num);
  const step = div > 0 ? delta / div : NaN;
  for (let i = 0; i < num; i++) {
    // numpy: y = arange(num) * step + start when step is nonzero, else (arange/div) * delta + start.
    values[i] = div > 0 ? (step === 0 ? (i / div) * delta + start : i * step + start) : i * delta + start;
  }
  if (endpoint && num > 1) values[num - 1] = stop;
  return NDArray.from(dtype, [num], values);
}

export function eye(n: number, m: number, k: number, dtype: DType): NDArray {
  const out = NDArray.empty(dtype, [n, m]);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < m) out.data[i * m + j] = 1;
  }
  return out;
}

export function concatenate(arrays: NDArray[], axis: number): NDArray {
  if (arrays.length === 0) throw new NumpyError('ValueError', 'need at least one array to concatenate');
  const nd = arrays[0].ndim;
  if (nd === 0) throw new NumpyError('ValueError', 'zero-dimensional arrays cannot be concatenated');
  const ax = normalizeAxis(axis, nd);
  for (const [i, a] of arrays.entries()) {
    if (a.ndim !== nd) {
      throw new NumpyError(
        'ValueError',
        `all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has ${nd} dimension(s) and the array at index ${i} has ${a.ndim} dimension(s)`,
      );
    }
    for (let d = 0; d < nd; d++) {
      if (d !== ax && a.shape[d] !== arrays[0].shape[d]) {
        throw new NumpyError(
          'ValueError',
          `all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${d}, the array at index 0 has size ${arrays[0].shape[d]} and the array at index ${i} has size ${a.shape[d]}`,
        );
      }
    }
  }
  const dtype = arrays
    .map((a) => a.dtype)
    .reduce((p, q) =>
      resultType([
        { dtype: p, scalar: false },
        { dtype: q, scalar: false },
      ]),
    );
  const shape = [...arrays[0].shape];
  shape[ax] = arrays.reduce((s, a) => s + a.shape[ax], 0);
  const out = NDArray.empty(dtype, shape);
  let at = 0;
  for (const a of arrays) {
    const index = shape.map((_, d) =>
      d === ax
        ? { kind: 'slice' as const, start: at, stop: at + a.shape[ax], step: 1 }
        : { kind: 'slice' as const, start: null, stop: null, step: null },
    );
    out.set(index, a);
    at += a.shape[ax];
  }
  return out;
}

export function stack(arrays: NDArray[], axis: number): NDArray {
  if (arrays.length === 0) throw new NumpyError('ValueError', 'need at least one array to stack');
  const shape = arrays[0].shape;
  if (arrays.some((a) => a.shape.length !== shape.length || a.shape.some((d, i) => d !== shape[i]))) {
    throw new NumpyError('ValueError', 'all input arrays must have the same shape');
  }
  const ax = normalizeAxis(axis, shape.length + 1);
  return concatenate(
    arrays.map((a) => a.reshape([...shape.slice(0, ax), 1, ...shape.slice(ax)])),
    ax,
  );
}

/** Sorted copy along the last axis (or flattened when axis is null). */
export function sort(a: NDArray, axis: number | null = -1): NDArray {
  const src = axis === null ? a.reshape([a.size]) : a;
  if (src.ndim === 0) throw new NumpyError('AxisError', 'axis -1 is out of bounds for array of dimension 0');
  const ax = normalizeAxis(axis ?? 0, src.ndim);
  const moved = src.transpose([...[...src.shape.keys()].filter((d) => d !== ax), ax]);
  const v = moved.copy();
  const len = src.shape[ax];
  for (let s = 0; s < v.size; s += len) {
    const part = Array.from(v.data.subarray(s, s + len)).sort((p, q) => (p !== p ? 1 : q !== q ? -1 : p - q));
    v.data.set(part, s);
  }
  const inverse = [...Array(src.ndim).keys()].map((d) => (d < ax ? d : d === ax ? src.ndim - 1 : d - 1));
  return v.transpose(inverse).copy();
}

export { allocate, kindOf };
