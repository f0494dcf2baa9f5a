// `import numpy as np`: the Python face of the ndarray engine in src/python/numpy. Arrays are
// PyNative<NDArray>; 0-d results become Python floats/ints/bools (numpy 1.24 prints its float64,
// int64 and bool_ scalars exactly as Python does), float32 scalars a numpy.float32 object.

import {
  boolType,
  builtinExceptions,
  defineFunction,
  defineNativeType,
  Ellipsis,
  floatType,
  intType,
  isPromise,
  type Kwargs,
  type MaybePromise,
  NativeFunction,
  newModule,
  newTuple,
  None,
  NotImplemented,
  objectId,
  PyFloat,
  pyFloat,
  pyInt,
  PyList,
  PyNative,
  PyObject,
  PySlice,
  PyTuple,
  PyType,
  type PyValue,
  registerModule,
  toIndex,
  toNumber,
  typeName,
  callPython,
  getAttr,
  makeIterator,
  pyError,
  type BoundArgs,
  PyModule,
} from '../objects.js';
import { formatNumber } from '../format.js';
import { PyRange, toArrayMP } from '../runtime.js';
import { type DType, isFloat, isInteger, parseDType, promoteTypes } from '../numpy/dtype.js';
import { NDArray, type IndexItem, NumpyError, formatShape, nonzero as nonzeroOf, shapeSize } from '../numpy/ndarray.js';
import * as ops from '../numpy/ops.js';
import { type Arg, type BinaryOp, type UnaryOp } from '../numpy/ops.js';
import { arrayRepr, arrayStr, defaultPrintOptions, type PrintOptions, scalarRepr } from '../numpy/format.js';
import { RandomState } from '../numpy/random.js';
import { Generator as PcgGenerator } from '../numpy/pcg64.js';
import { currentSessionState } from '../../core/session-state.js';

export { NDArray } from '../numpy/ndarray.js';
export type { DType } from '../numpy/dtype.js';

/** np.set_printoptions belongs to the current Python session, as torch's do (core/session-state.ts). */
function printOptions(): PrintOptions {
  return (currentSessionState().modules.get('numpy.printoptions') as PrintOptions | undefined) ?? defaultPrintOptions;
}
function ownPrintOptions(): PrintOptions {
  const modules = currentSessionState().modules;
  let own = modules.get('numpy.printoptions') as PrintOptions | undefined;
  if (!own) modules.set('numpy.printoptions', (own = { ...defaultPrintOptions }));
  return own;
}

// ---- errors -----------------------------------------------------------------------------------

/** numpy's own exception classes: AxisError is both a ValueError and an IndexError. */
export const axisErrorType = new PyType('AxisError', { bases: [builtinExceptions.ValueError, builtinExceptions.IndexError], module: 'numpy' });
export const ufuncTypeErrorType = new PyType('UFuncTypeError', { bases: [builtinExceptions.TypeError], module: 'numpy' });
const NUMPY_ERRORS: Record<string, PyType> = { AxisError: axisErrorType, UFuncTypeError: ufuncTypeErrorType };

/** Runs engine code, turning its NumpyError into the Python exception it names. */
function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof NumpyError) throw pyError(NUMPY_ERRORS[e.pyType] ?? e.pyType, e.message);
    throw e;
  }
}

function thenMP<T, U>(v: MaybePromise<T>, f: (x: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise<T>(v) ? v.then(f) : f(v);
}

// ---- types ------------------------------------------------------------------------------------

export const ndarrayType: PyType = defineNativeType<NDArray>({ name: 'ndarray', module: 'numpy', doc: 'An N-dimensional array of float64, float32, int64, int32 or bool values.' });
ndarrayType.dict.set('__hash__', None);

/** numpy.float32 scalars (a 0-d array that prints like a number). */
export const float32ScalarType: PyType = defineNativeType<NDArray>({ name: 'float32', module: 'numpy', base: ndarrayType });

export const dtypeType: PyType = defineNativeType<DType>({ name: 'dtype', module: 'numpy' });
const dtypeObjects = new Map<DType, PyNative<DType>>();
export function dtypeObject(d: DType): PyNative<DType> {
  let o = dtypeObjects.get(d);
  if (!o) {
    o = new PyNative(dtypeType, d);
    dtypeObjects.set(d, o);
  }
  return o;
}

/** The scalar classes `np.float64`, `np.int32` ... : usable as `dtype=` and callable. */
const scalarTypes = new Map<PyType, DType>();
function scalarClass(name: string, dtype: DType, existing?: PyType): PyType {
  const t =
    existing ??
    defineNativeType<NDArray>({
      name,
      module: 'numpy',
      construct: defineFunction(name, 'x=0', (a) => guard(() => fromScalarCall(a.x, dtype))),
    });
  scalarTypes.set(t, dtype);
  return t;
}

function fromScalarCall(x: PyValue, dtype: DType): MaybePromise<PyValue> {
  return thenMP(toNDArray(x, dtype), (arr) => toPython(arr));
}

export function isNDArray(v: PyValue): v is PyNative<NDArray> {
  return v instanceof PyNative && v.value instanceof NDArray;
}

/** Wraps an engine array for Python; the same JS array gives the same Python object. */
export function wrapNDArray(a: NDArray): PyValue {
  return ndarrayType.wrap(a);
}

/** A numpy result for Python: arrays stay arrays, 0-d ones become scalars as numpy returns them. */
export function toPython(a: NDArray): PyValue {
  if (a.ndim > 0) return ndarrayType.wrap(a);
  return scalarToPython(a.dtype, a.getFlat(0), a);
}

function scalarToPython(dtype: DType, x: number, zeroD?: NDArray): PyValue {
  if (dtype === 'bool') return x !== 0;
  if (dtype === 'float64') return float64Scalar(x);
  if (dtype === 'float32') return new PyNative(float32ScalarType, zeroD ?? NDArray.scalar('float32', x));
  return pyInt(x);
}

/** `dtype=` arguments: None, names, np.float32, float/int/bool, dtype objects. */
export function parseDTypeArg(v: PyValue): DType | undefined {
  if (v === null) return undefined;
  if (typeof v === 'string') {
    const d = parseDType(v);
    if (!d) throw pyError('TypeError', `data type '${v}' not understood`);
    return d;
  }
  if (v instanceof PyNative && v.cls === dtypeType) return v.value as DType;
  if (v instanceof PyType) {
    if (v === floatType) return 'float64';
    if (v === intType) return 'int64';
    if (v === boolType) return 'bool';
    const d = scalarTypes.get(v);
    if (d) return d;
  }
  throw pyError('TypeError', `Cannot interpret '${typeof v === 'string' ? v : typeName(v)}' as a data type`);
}

// ---- Python values → arrays --------------------------------------------------------------------

/** A Python number as a ufunc operand (kept apart from arrays for numpy's value-based casting). */
function scalarArg(v: PyValue): { scalar: number; dtype: DType } | undefined {
  if (typeof v === 'number') return { scalar: v, dtype: 'int64' };
  if (typeof v === 'bigint') return { scalar: Number(v), dtype: 'int64' };
  if (typeof v === 'boolean') return { scalar: v ? 1 : 0, dtype: 'bool' };
  if (v instanceof PyFloat) return { scalar: v.v, dtype: 'float64' };
  return undefined;
}

/** Nested lists/tuples of numbers → array; undefined when `v` holds something else. */
function fromNested(v: PyValue, dtype?: DType): NDArray | undefined {
  const shape: number[] = [];
  let probe: PyValue = v;
  while (probe instanceof PyList || probe instanceof PyTuple) {
    shape.push(probe.items.length);
    if (probe.items.length === 0) break;
    probe = probe.items[0];
  }
  if (isNDArray(probe)) shape.push(...probe.value.shape);
  const values: number[] = [];
  let kind: DType = 'bool';
  let sawAny = false;
  let ragged = false;
  let foreign = false;
  const walk = (x: PyValue, depth: number) => {
    if (x instanceof PyList || x instanceof PyTuple) {
      if (depth >= shape.length || x.items.length !== shape[depth]) {
        ragged = true;
        return;
      }
      for (const item of x.items) walk(item, depth + 1);
      return;
    }
    if (isNDArray(x)) {
      const a = x.value;
      const sub = shape.slice(depth);
      if (a.shape.length !== sub.length || a.shape.some((d, i) => d !== sub[i])) {
        ragged = true;
        return;
      }
      for (const e of a.values()) values.push(e);
      kind = sawAny ? promoteTypes(kind, a.dtype) : a.dtype;
      sawAny = true;
      return;
    }
    if (depth !== shape.length) {
      ragged = true;
      return;
    }
    const s = scalarArg(x);
    if (!s) {
      foreign = true;
      return;
    }
    values.push(s.scalar);
    kind = sawAny ? promoteTypes(kind, s.dtype) : s.dtype;
    sawAny = true;
  };
  walk(v, 0);
  if (foreign) return undefined;
  if (ragged) {
    throw pyError(
      'ValueError',
      `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${Math.max(shape.length - 1, 1)} dimensions. The detected shape was ${formatShape(shape.slice(0, Math.max(shape.length - 1, 1)))} + inhomogeneous part.`,
    );
  }
  const d = dtype ?? (sawAny ? kind : 'float64');
  return guard(() => NDArray.from(d, shape, values));
}

/**
 * Any array-like Python value → NDArray (a view of the same array when no conversion is
 * needed): ndarrays, numbers, nested lists, or objects with `numpy()` / `tolist()` (tensors).
 */
export function toNDArray(v: PyValue, dtype?: DType): MaybePromise<NDArray> {
  if (isNDArray(v)) return dtype && v.value.dtype !== dtype ? guard(() => v.value.astype(dtype)) : v.value;
  const s = scalarArg(v);
  if (s) return guard(() => NDArray.scalar(dtype ?? s.dtype, s.scalar));
  if (v instanceof PyRange) return toNDArray(new PyList(toArrayMP(v) as PyValue[]), dtype);
  const nested = fromNested(v, dtype);
  if (nested) return nested;
  if (v instanceof PyList || v instanceof PyTuple) return fromItems(v.items, dtype);
  if (v instanceof PyObject) {
    // Tensors and other array-likes: ask them for an ndarray, then for nested lists.
    const viaNumpy = v instanceof PyNative ? v.cls.lookup('numpy') : undefined;
    if (viaNumpy !== undefined) {
      return thenMP(callPython(getAttr(v, 'numpy') as PyValue, []), (r) => {
        if (isNDArray(r)) return dtype ? guard(() => r.value.astype(dtype)) : r.value;
        return toNDArray(r, dtype);
      });
    }
    const tolist = v.cls.lookup('tolist');
    if (tolist !== undefined) return thenMP(callPython(getAttr(v, 'tolist') as PyValue, []), (r) => toNDArray(r, dtype));
    const toFloat = v.cls.lookup('__float__');
    if (toFloat !== undefined) return thenMP(callPython(toFloat, [v]), (r) => toNDArray(r, dtype));
  }
  throw pyError('TypeError', `could not convert '${typeName(v)}' object to a numpy array`);
}

/** A list holding array-likes numpy has to ask (tensors, 0-d arrays): convert each, then stack. */
async function fromItems(items: PyValue[], dtype?: DType): Promise<NDArray> {
  const parts: NDArray[] = [];
  for (const item of items) parts.push(await toNDArray(item));
  if (parts.length === 0) return NDArray.empty(dtype ?? 'float64', [0]);
  const first = parts[0].shape;
  if (parts.some((p) => p.ndim !== first.length || p.shape.some((d, i) => d !== first[i]))) {
    throw pyError(
      'ValueError',
      `setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (${parts.length},) + inhomogeneous part.`,
    );
  }
  const stacked = guard(() => ops.stack(parts, 0));
  return dtype && stacked.dtype !== dtype ? stacked.astype(dtype) : stacked;
}

/** A ufunc operand: Python numbers stay scalars; undefined for values numpy would defer on. */
function operand(v: PyValue): Arg | undefined {
  if (isNDArray(v)) return v.value;
  const s = scalarArg(v);
  if (s) return s;
  if (v instanceof PyList || v instanceof PyTuple) return fromNested(v);
  return undefined;
}

function operandMP(v: PyValue): MaybePromise<Arg> {
  const o = operand(v);
  return o ?? toNDArray(v);
}

// ---- argument helpers ------------------------------------------------------------------------

function axisArg(v: PyValue): number | number[] | null {
  if (v === null) return null;
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map((x) => toIndex(x));
  return toIndex(v);
}

function singleAxis(v: PyValue): number | null {
  return v === null ? null : toIndex(v);
}

function shapeArg(v: PyValue): number[] {
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map((x) => toIndex(x));
  return [toIndex(v)];
}

/** `reshape(2, 3)` and `reshape((2, 3))` alike. */
function shapeFromArgs(items: PyValue[]): number[] {
  if (items.length === 1 && (items[0] instanceof PyTuple || items[0] instanceof PyList)) return shapeArg(items[0]);
  return items.map((x) => toIndex(x));
}

function intTuple(xs: readonly number[]): PyTuple {
  return newTuple(xs.map((x) => x));
}

function nestedToPython(x: unknown, dtype: DType): PyValue {
  if (Array.isArray(x)) return new PyList(x.map((e) => nestedToPython(e, dtype)));
  const n = x as number;
  if (dtype === 'bool') return n !== 0;
  if (isFloat(dtype)) return pyFloat(n);
  return pyInt(n);
}

function indexItems(key: PyValue): MaybePromise<IndexItem[]> {
  const items = key instanceof PyTuple ? key.items : [key];
  const out: IndexItem[] = [];
  const pending: Promise<void>[] = [];
  items.forEach((k, i) => {
    if (k === null) out[i] = { kind: 'newaxis' };
    else if (k === Ellipsis) out[i] = { kind: 'ellipsis' };
    else if (k instanceof PySlice) {
      const conv = (x: PyValue) => (x === null ? null : toIndex(x, 'slice indices must be integers or None or have an __index__ method'));
      out[i] = { kind: 'slice', start: conv(k.start), stop: conv(k.stop), step: conv(k.step) };
    } else if (typeof k === 'number' || typeof k === 'bigint') out[i] = { kind: 'int', index: Number(k) };
    else if (typeof k === 'boolean') out[i] = { kind: 'array', array: NDArray.scalar('bool', k ? 1 : 0) };
    else if (k instanceof PyFloat || typeof k === 'string') {
      throw pyError(
        'IndexError',
        'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices',
      );
    } else {
      const arr = toNDArray(k);
      if (isPromise<NDArray>(arr)) pending.push(arr.then((a) => void (out[i] = { kind: 'array', array: a })));
      else out[i] = { kind: 'array', array: arr };
    }
  });
  if (pending.length > 0) return Promise.all(pending).then(() => out);
  return out;
}

function isScalarIndex(items: IndexItem[]): boolean {
  return items.every((it) => it.kind === 'int' || it.kind === 'slice' || it.kind === 'newaxis');
}

// ---- operators ---------------------------------------------------------------------------------

function self(a: BoundArgs): NDArray {
  const s = a.self;
  if (!isNDArray(s)) throw pyError('TypeError', `descriptor requires a 'numpy.ndarray' object but received a '${typeName(s)}'`);
  return s.value;
}

function binaryMethod(name: string, op: BinaryOp, reflected: boolean): NativeFunction {
  return defineFunction(name, 'self, other', (a) => {
    const x = self(a);
    const y = operand(a.other);
    if (y === undefined) return NotImplemented;
    return guard(() => toPython(reflected ? ops.binary(op, y, x) : ops.binary(op, x, y)));
  });
}

function inplaceMethod(name: string, op: BinaryOp): NativeFunction {
  return defineFunction(name, 'self, other', (a) => {
    const x = self(a);
    const y = operand(a.other);
    if (y === undefined) return NotImplemented;
    return guard(() => {
      const r = ops.binary(op, x, y);
      const rank = (d: DType) => (d === 'bool' ? 0 : isInteger(d) ? 1 : 2);
      if (rank(r.dtype) > rank(x.dtype)) {
        throw pyError(
          ufuncTypeErrorType,
          `Cannot cast ufunc '${op === 'true_divide' ? 'divide' : op}' output from dtype('${r.dtype}') to dtype('${x.dtype}') with casting rule 'same_kind'`,
        );
      }
      if (r.ndim !== x.ndim || r.shape.some((d, i) => d !== x.shape[i])) {
        throw pyError(
          'ValueError',
          `non-broadcastable output operand with shape ${formatShape(x.shape)} doesn't match the broadcast shape ${formatShape(r.shape)}`,
        );
      }
      x.set([{ kind: 'ellipsis' }], r);
      return a.self;
    });
  });
}

function unaryMethod(name: string, op: UnaryOp): NativeFunction {
  return defineFunction(name, 'self', (a) => guard(() => toPython(ops.unary(op, self(a)))));
}

const BINARY_DUNDERS: [string, BinaryOp][] = [
  ['add', 'add'],
  ['sub', 'subtract'],
  ['mul', 'multiply'],
  ['truediv', 'true_divide'],
  ['floordiv', 'floor_divide'],
  ['mod', 'remainder'],
  ['pow', 'power'],
  ['and', 'bitwise_and'],
  ['or', 'bitwise_or'],
  ['xor', 'bitwise_xor'],
];

const COMPARISONS: [string, BinaryOp][] = [
  ['__eq__', 'equal'],
  ['__ne__', 'not_equal'],
  ['__lt__', 'less'],
  ['__le__', 'less_equal'],
  ['__gt__', 'greater'],
  ['__ge__', 'greater_equal'],
];

function matmulImpl(x: Arg, y: Arg): PyValue {
  return guard(() => toPython(ops.matmul(ops.asArray(x), ops.asArray(y))));
}

function reductionMethod(name: string, run: (arr: NDArray, a: BoundArgs) => NDArray, spec = 'self, axis=None, dtype=None, out=None, keepdims=False'): NativeFunction {
  return defineFunction(name, spec, (a) => guard(() => toPython(run(self(a), a))));
}

function keep(a: BoundArgs): boolean {
  return a.keepdims === true;
}

const arrayMethods: Record<string, NativeFunction | PyValue> = {
  __repr__: defineFunction('__repr__', 'self', (a) => {
    const x = self(a);
    if (x.ndim === 0 && a.self instanceof PyNative && a.self.cls === float32ScalarType) return scalarRepr(x.dtype, x.getFlat(0));
    return arrayRepr(x, printOptions());
  }),
  __str__: defineFunction('__str__', 'self', (a) => arrayStr(self(a), printOptions())),
  __format__: defineFunction('__format__', 'self, spec', (a) => {
    const x = self(a);
    const spec = String(a.spec);
    if (spec === '') return arrayStr(x, printOptions());
    if (x.ndim === 0) return formatNumber(x.getFlat(0), isFloat(x.dtype), spec);
    throw pyError('TypeError', 'unsupported format string passed to numpy.ndarray.__format__');
  }),
  __len__: defineFunction('__len__', 'self', (a) => {
    const x = self(a);
    if (x.ndim === 0) throw pyError('TypeError', 'len() of unsized object');
    return x.shape[0];
  }),
  __iter__: defineFunction('__iter__', 'self', (a) => {
    const x = self(a);
    if (x.ndim === 0) throw pyError('TypeError', 'iteration over a 0-d array');
    function* items(): Generator<PyValue> {
      for (let i = 0; i < x.shape[0]; i++) yield toPython(x.get([{ kind: 'int', index: i }]));
    }
    return makeIterator(items());
  }),
  __bool__: defineFunction('__bool__', 'self', (a) => {
    const x = self(a);
    if (x.size === 1) return x.getFlat(0) !== 0;
    if (x.size === 0) return false;
    throw pyError('ValueError', 'The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()');
  }),
  __float__: defineFunction('__float__', 'self', (a) => {
    const x = self(a);
    if (x.size !== 1) throw pyError('TypeError', 'only size-1 arrays can be converted to Python scalars');
    return pyFloat(x.getFlat(0));
  }),
  __int__: defineFunction('__int__', 'self', (a) => {
    const x = self(a);
    if (x.size !== 1) throw pyError('TypeError', 'only size-1 arrays can be converted to Python scalars');
    const v = x.getFlat(0);
    if (!Number.isFinite(v)) throw pyError(Number.isNaN(v) ? 'ValueError' : 'OverflowError', Number.isNaN(v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
    return pyInt(Math.trunc(v));
  }),
  __index__: defineFunction('__index__', 'self', (a) => {
    const x = self(a);
    if (x.ndim !== 0 || !isInteger(x.dtype)) throw pyError('TypeError', 'only integer scalar arrays can be converted to a scalar index');
    return pyInt(x.getFlat(0));
  }),
  __contains__: defineFunction('__contains__', 'self, value', (a) => {
    const y = operand(a.value);
    if (y === undefined) return false;
    return guard(() => ops.any(ops.binary('equal', self(a), y)).getFlat(0) !== 0);
  }),
  __getitem__: defineFunction('__getitem__', 'self, key', (a) => {
    const x = self(a);
    return thenMP(indexItems(a.key), (items) =>
      guard(() => {
        const r = x.get(items);
        return r.ndim === 0 && isScalarIndex(items) ? toPython(r) : ndarrayType.wrap(r);
      }),
    );
  }),
  __setitem__: defineFunction('__setitem__', 'self, key, value', (a) => {
    const x = self(a);
    return thenMP(indexItems(a.key), (items) =>
      thenMP(toNDArray(a.value), (v) => {
        guard(() => x.set(items, v));
        return None;
      }),
    );
  }),
  __neg__: unaryMethod('__neg__', 'negative'),
  __pos__: unaryMethod('__pos__', 'positive'),
  __abs__: unaryMethod('__abs__', 'absolute'),
  __invert__: unaryMethod('__invert__', 'invert'),
  __matmul__: defineFunction('__matmul__', 'self, other', (a) => {
    const y = operand(a.other);
    return y === undefined ? NotImplemented : matmulImpl(self(a), y);
  }),
  __rmatmul__: defineFunction('__rmatmul__', 'self, other', (a) => {
    const y = operand(a.other);
    return y === undefined ? NotImplemented : matmulImpl(y, self(a));
  }),
  __round__: defineFunction('__round__', 'self, ndigits=None', (a) => guard(() => toPython(ops.around(self(a), a.ndigits === null ? 0 : toIndex(a.ndigits))))),
  __copy__: defineFunction('__copy__', 'self', (a) => ndarrayType.wrap(self(a).copy())),
  __array_priority__: pyFloat(0),

  reshape: defineFunction('reshape', 'self, *shape, order="C"', (a) => guard(() => ndarrayType.wrap(self(a).reshape(shapeFromArgs((a.shape as PyTuple).items))))),
  transpose: defineFunction('transpose', 'self, *axes', (a) => {
    const items = (a.axes as PyTuple).items;
    const axes = items.length === 0 || (items.length === 1 && items[0] === null) ? undefined : shapeFromArgs(items);
    return guard(() => ndarrayType.wrap(self(a).transpose(axes)));
  }),
  flatten: defineFunction('flatten', 'self, order="C"', (a) => ndarrayType.wrap(self(a).copy().reshape([self(a).size]))),
  ravel: defineFunction('ravel', 'self, order="C"', (a) => ndarrayType.wrap(self(a).reshape([self(a).size]))),
  squeeze: defineFunction('squeeze', 'self, axis=None', (a) => guard(() => ndarrayType.wrap(squeeze(self(a), axisArg(a.axis))))),
  copy: defineFunction('copy', 'self, order="C"', (a) => ndarrayType.wrap(self(a).copy())),
  astype: defineFunction('astype', 'self, dtype, order="K", casting="unsafe", subok=True, copy=True', (a) => {
    const d = parseDTypeArg(a.dtype) ?? 'float64';
    return ndarrayType.wrap(self(a).astype(d));
  }),
  tolist: defineFunction('tolist', 'self', (a) => {
    const x = self(a);
    return nestedToPython(x.toNested(), x.dtype);
  }),
  item: defineFunction('item', 'self, *args', (a) => {
    const x = self(a);
    const args = (a.args as PyTuple).items;
    let v: number;
    if (args.length === 0) v = guard(() => x.item());
    else if (args.length === 1) {
      const i = toIndex(args[0]);
      if (i < -x.size || i >= x.size) throw pyError('IndexError', `index ${i} is out of bounds for size ${x.size}`);
      v = x.getFlat(i < 0 ? i + x.size : i);
    } else v = guard(() => x.get(args.map((k) => ({ kind: 'int', index: toIndex(k) }))).item());
    if (x.dtype === 'bool') return v !== 0;
    return isFloat(x.dtype) ? pyFloat(v) : pyInt(v);
  }),
  fill: defineFunction('fill', 'self, value', (a) => {
    const x = self(a);
    x.set([{ kind: 'ellipsis' }], NDArray.scalar('float64', toNumber(a.value)));
    return None;
  }),
  sum: reductionMethod('sum', (x, a) => ops.sum(x, axisArg(a.axis), keep(a), parseDTypeArg(a.dtype))),
  prod: reductionMethod('prod', (x, a) => ops.prod(x, axisArg(a.axis), keep(a))),
  mean: reductionMethod('mean', (x, a) => ops.mean(x, axisArg(a.axis), keep(a))),
  std: reductionMethod('std', (x, a) => ops.std(x, axisArg(a.axis), toNumber(a.ddof), keep(a)), 'self, axis=None, dtype=None, out=None, ddof=0, keepdims=False'),
  var: reductionMethod('var', (x, a) => ops.variance(x, axisArg(a.axis), toNumber(a.ddof), keep(a)), 'self, axis=None, dtype=None, out=None, ddof=0, keepdims=False'),
  max: reductionMethod('max', (x, a) => ops.max(x, axisArg(a.axis), keep(a)), 'self, axis=None, out=None, keepdims=False'),
  min: reductionMethod('min', (x, a) => ops.min(x, axisArg(a.axis), keep(a)), 'self, axis=None, out=None, keepdims=False'),
  any: reductionMethod('any', (x, a) => ops.any(x, axisArg(a.axis), keep(a)), 'self, axis=None, out=None, keepdims=False'),
  all: reductionMethod('all', (x, a) => ops.all(x, axisArg(a.axis), keep(a)), 'self, axis=None, out=None, keepdims=False'),
  argmax: reductionMethod('argmax', (x, a) => ops.argmax(x, singleAxis(a.axis)), 'self, axis=None, out=None'),
  argmin: reductionMethod('argmin', (x, a) => ops.argmin(x, singleAxis(a.axis)), 'self, axis=None, out=None'),
  cumsum: reductionMethod('cumsum', (x, a) => ops.cumsum(x, singleAxis(a.axis)), 'self, axis=None, dtype=None, out=None'),
  cumprod: reductionMethod('cumprod', (x, a) => ops.cumprod(x, singleAxis(a.axis)), 'self, axis=None, dtype=None, out=None'),
  dot: defineFunction('dot', 'self, b', (a) => thenMP(operandMP(a.b), (y) => guard(() => toPython(ops.dot(self(a), y))))),
  clip: defineFunction('clip', 'self, min=None, max=None', (a) =>
    guard(() => toPython(ops.clip(self(a), a.min === null ? null : (operand(a.min) ?? null), a.max === null ? null : (operand(a.max) ?? null)))),
  ),
  round: defineFunction('round', 'self, decimals=0', (a) => guard(() => toPython(ops.around(self(a), toIndex(a.decimals))))),
  nonzero: defineFunction('nonzero', 'self', (a) => newTuple(guard(() => ops_nonzero(self(a))).map((x) => ndarrayType.wrap(x)))),
  sort: defineFunction('sort', 'self, axis=-1', (a) => {
    const x = self(a);
    guard(() => x.set([{ kind: 'ellipsis' }], ops.sort(x, singleAxis(a.axis))));
    return None;
  }),
  argsort: defineFunction('argsort', 'self, axis=-1', (a) => guard(() => ndarrayType.wrap(argsort(self(a), singleAxis(a.axis))))),
};

for (const [short, op] of BINARY_DUNDERS) {
  arrayMethods[`__${short}__`] = binaryMethod(`__${short}__`, op, false);
  arrayMethods[`__r${short}__`] = binaryMethod(`__r${short}__`, op, true);
  arrayMethods[`__i${short}__`] = inplaceMethod(`__i${short}__`, op);
}
for (const [name, op] of COMPARISONS) arrayMethods[name] = binaryMethod(name, op, false);

function ops_nonzero(a: NDArray): NDArray[] {
  return a.ndim === 0 ? [] : nonzeroOf(a);
}

function squeeze(a: NDArray, axis: number | number[] | null): NDArray {
  const axes = axis === null ? a.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : ops.reductionAxes(axis, a.ndim);
  for (const ax of axes) {
    if (a.shape[ax] !== 1) throw new NumpyError('ValueError', 'cannot select an axis to squeeze out which has size not equal to one');
  }
  return a.reshape(a.shape.filter((_, i) => !axes.includes(i)));
}

function argsort(a: NDArray, axis: number | null): NDArray {
  const src = axis === null ? a.reshape([a.size]) : a;
  if (src.ndim !== 1) throw new NumpyError('ValueError', 'argsort is supported on 1-D arrays only');
  const v = src.values();
  const idx = [...Array(v.length).keys()].sort((p, q) => {
    const x = v[p];
    const y = v[q];
    if (x !== x) return y !== y ? p - q : 1;
    if (y !== y) return -1;
    return x - y || p - q;
  });
  return NDArray.from('int64', [idx.length], idx);
}

ndarrayType.define(arrayMethods, {
  shape: {
    get: (s: PyNative<NDArray>) => intTuple(s.value.shape),
    set: (s: PyNative<NDArray>, v: PyValue) => {
      throw pyError('AttributeError', `cannot set the shape of an array in place here (${typeName(v)}); use reshape ${s.value.size}`);
    },
  },
  dtype: { get: (s: PyNative<NDArray>) => dtypeObject(s.value.dtype) },
  ndim: { get: (s: PyNative<NDArray>) => s.value.ndim },
  size: { get: (s: PyNative<NDArray>) => s.value.size },
  itemsize: { get: (s: PyNative<NDArray>) => itemBytes(s.value.dtype) },
  nbytes: { get: (s: PyNative<NDArray>) => itemBytes(s.value.dtype) * s.value.size },
  T: { get: (s: PyNative<NDArray>) => ndarrayType.wrap(s.value.transpose()) },
  real: { get: (s: PyNative<NDArray>) => s },
  strides: { get: (s: PyNative<NDArray>) => intTuple(s.value.strides.map((x) => x * itemBytes(s.value.dtype))) },
});

function itemBytes(d: DType): number {
  return d === 'bool' || d === 'int8' || d === 'uint8' ? 1 : d === 'int16' ? 2 : d === 'int32' || d === 'float32' ? 4 : 8;
}

float32ScalarType.define({
  __str__: defineFunction('__str__', 'self', (a) => scalarRepr('float32', self(a).getFlat(0))),
  __hash__: defineFunction('__hash__', 'self', (a) => Math.trunc(self(a).getFlat(0))),
});

dtypeType.define(
  {
    __repr__: defineFunction('__repr__', 'self', (a) => `dtype('${String((a.self as PyNative<DType>).value)}')`),
    __str__: defineFunction('__str__', 'self', (a) => String((a.self as PyNative<DType>).value)),
    __eq__: defineFunction('__eq__', 'self, other', (a) => {
      try {
        return parseDTypeArg(a.other) === (a.self as PyNative<DType>).value;
      } catch {
        return false;
      }
    }),
    __ne__: defineFunction('__ne__', 'self, other', (a) => {
      try {
        return parseDTypeArg(a.other) !== (a.self as PyNative<DType>).value;
      } catch {
        return true;
      }
    }),
    __hash__: defineFunction('__hash__', 'self', (a) => String((a.self as PyNative<DType>).value).length),
  },
  {
    name: { get: (s: PyNative<DType>) => s.value },
    kind: { get: (s: PyNative<DType>) => (s.value === 'bool' ? 'b' : s.value === 'uint8' ? 'u' : isFloat(s.value) ? 'f' : 'i') },
    itemsize: { get: (s: PyNative<DType>) => itemBytes(s.value) },
  },
);

// ---- module functions --------------------------------------------------------------------------

function ufunc1(name: string, op: UnaryOp): NativeFunction {
  return defineFunction(name, 'x, /, out=None, where=True, dtype=None', (a) =>
    thenMP(operandMP(a.x), (x) => guard(() => toPython(ops.unary(op, x)))),
  );
}

function ufunc2(name: string, op: BinaryOp): NativeFunction {
  return defineFunction(name, 'x1, x2, /, out=None, where=True, dtype=None', (a) =>
    thenMP(operandMP(a.x1), (x) => thenMP(operandMP(a.x2), (y) => guard(() => toPython(ops.binary(op, x, y))))),
  );
}

function arrayArgFn(name: string, spec: string, body: (x: NDArray, a: BoundArgs) => PyValue): NativeFunction {
  const first = spec.split(',')[0].trim();
  return defineFunction(name, spec, (a) => thenMP(toNDArray(a[first]), (x) => guard(() => body(x, a))));
}

function creationDType(a: BoundArgs, fallback: DType): DType {
  return parseDTypeArg(a.dtype ?? null) ?? fallback;
}

function likeFn(name: string, fill: ((x: NDArray) => number) | null): NativeFunction {
  return defineFunction(name, fill === null ? 'a, fill_value, dtype=None' : 'a, dtype=None', (a) =>
    thenMP(toNDArray(a.a), (x) =>
      guard(() => ndarrayType.wrap(ops.full([...x.shape], fill ? fill(x) : toNumber(a.fill_value), creationDType(a, x.dtype)))),
    ),
  );
}

async function listOfArrays(v: PyValue): Promise<NDArray[]> {
  const items = v instanceof PyList || v instanceof PyTuple ? v.items : [v];
  const out: NDArray[] = [];
  for (const x of items) out.push(await toNDArray(x));
  return out;
}

function atLeast(a: NDArray, n: number): NDArray {
  if (a.ndim >= n) return a;
  if (n === 2) return a.reshape(a.ndim === 0 ? [1, 1] : [1, a.shape[0]]);
  return a.reshape([...a.shape, ...Array(n - a.ndim).fill(1)]);
}

/** numpy.random's legacy functions over one RandomState: module functions, or methods with self. */
function randomFunctions(asMethods: boolean, st: (a: BoundArgs) => RandomState): Record<string, NativeFunction> {
  const fn = (name: string, spec: string, impl: (a: BoundArgs) => MaybePromise<PyValue>) =>
    defineFunction(name, asMethods ? (spec ? `self, ${spec}` : 'self') : spec, impl);
  const sizeOf = (size: PyValue): number[] | null => (size === null ? null : shapeArg(size));
  const draw = (size: PyValue, fill: (out: Float64Array) => void, dtype: DType = 'float64'): PyValue => {
    const shape = sizeOf(size);
    const out = guard(() => NDArray.empty(dtype, shape ?? []));
    fill(out.data as Float64Array);
    return shape === null ? toPython(out) : ndarrayType.wrap(out);
  };
  const dims = (a: BoundArgs): PyValue => {
    const items = (a.d as PyTuple).items;
    return items.length === 0 ? None : newTuple(items);
  };
  const num = (v: PyValue, name: string) => {
    if (isNDArray(v) || v instanceof PyList || v instanceof PyTuple) {
      throw pyError('TypeError', `array-valued ${name} is not supported here; pass a number`);
    }
    return toNumber(v);
  };
  const seedArg = (v: PyValue): number | number[] | null => {
    if (v === null) return null;
    if (v instanceof PyList || v instanceof PyTuple) return v.items.map((x) => toIndex(x));
    if (isNDArray(v)) return v.value.toNumbers();
    if (v instanceof PyFloat) throw pyError('TypeError', 'Cannot cast scalar from dtype(\'float64\') to dtype(\'int64\') according to the rule \'safe\'');
    return toIndex(v);
  };
  return {
    seed: fn('seed', 'seed=None', (a) => {
      guard(() => st(a).seed(seedArg(a.seed)));
      return None;
    }),
    rand: fn('rand', '*d', (a) => draw(dims(a), (o) => st(a).fillRandom(o))),
    randn: fn('randn', '*d', (a) => draw(dims(a), (o) => st(a).fillNormal(o, 0, 1))),
    random: fn('random', 'size=None', (a) => draw(a.size, (o) => st(a).fillRandom(o))),
    random_sample: fn('random_sample', 'size=None', (a) => draw(a.size, (o) => st(a).fillRandom(o))),
    normal: fn('normal', 'loc=0.0, scale=1.0, size=None', (a) => {
      const loc = num(a.loc, 'loc');
      const scale = num(a.scale, 'scale');
      if (scale < 0) throw pyError('ValueError', 'scale < 0');
      return draw(a.size, (o) => st(a).fillNormal(o, loc, scale));
    }),
    standard_normal: fn('standard_normal', 'size=None', (a) => draw(a.size, (o) => st(a).fillNormal(o, 0, 1))),
    uniform: fn('uniform', 'low=0.0, high=1.0, size=None', (a) => {
      const low = num(a.low, 'low');
      const high = num(a.high, 'high');
      return draw(a.size, (o) => st(a).fillUniform(o, low, high));
    }),
    randint: fn('randint', 'low, high=None, size=None, dtype="int64"', (a) => {
      const [low, high] = integerBounds(a.low, a.high);
      if (low >= high) throw pyError('ValueError', a.high === null ? 'high <= 0' : 'low >= high');
      const dtype = parseDTypeArg(a.dtype) ?? 'int64';
      const shape = sizeOf(a.size);
      const buf = new Float64Array(shapeSize(shape ?? []));
      guard(() => st(a).fillInt(buf, low, high));
      const out = guard(() => NDArray.from(dtype, shape ?? [], buf));
      return shape === null ? toPython(out) : ndarrayType.wrap(out);
    }),
    choice: fn('choice', 'a, size=None, replace=True, p=None', (a) =>
      thenMP(typeof a.a === 'number' ? NDArray.from('int64', [a.a], [...Array(a.a).keys()]) : toNDArray(a.a), (pool) =>
        thenMP(a.p === null ? null : toNDArray(a.p, 'float64'), (probs) => guard(() => {
          const n = pool.size;
          if (n === 0) throw pyError('ValueError', "'a' cannot be empty unless no samples are taken");
          const shape = sizeOf(a.size);
          const count = shapeSize(shape ?? []);
          const vals = pool.values();
          const picks = new Float64Array(count);
          if (probs !== null) {
            // Legacy choice with p: inverse CDF of random_sample draws (searchsorted, side='right').
            if (probs.ndim !== 1) throw pyError('ValueError', "'p' must be 1-dimensional");
            if (probs.size !== n) throw pyError('ValueError', "'a' and 'p' must have same size");
            const pv = probs.values();
            if (pv.some((x) => x < 0)) throw pyError('ValueError', 'probabilities are not non-negative');
            const cdf = new Float64Array(n);
            let acc = 0;
            for (let i = 0; i < n; i++) cdf[i] = acc += pv[i];
            if (Math.abs(acc - 1) > Math.sqrt(Number.EPSILON)) throw pyError('ValueError', 'probabilities do not sum to 1');
            if (a.replace === false) throw pyError('NotImplementedError', 'choice with p= and replace=False is not supported');
            for (let i = 0; i < n; i++) cdf[i] /= acc;
            const u = new Float64Array(count);
            st(a).fillRandom(u);
            for (let i = 0; i < count; i++) {
              let lo = 0;
              let hi = n;
              while (lo < hi) {
                const mid = (lo + hi) >> 1;
                if (cdf[mid] <= u[i]) lo = mid + 1;
                else hi = mid;
              }
              picks[i] = vals[Math.min(lo, n - 1)];
            }
          } else if (a.replace === false) {
            if (count > n) throw pyError('ValueError', "Cannot take a larger sample than population when 'replace=False'");
            const perm = st(a).permutation(n);
            for (let i = 0; i < count; i++) picks[i] = vals[perm[i]];
          } else {
            const idx = new Float64Array(count);
            st(a).fillInt(idx, 0, n);
            for (let i = 0; i < count; i++) picks[i] = vals[idx[i]];
          }
          const out = NDArray.from(pool.dtype, shape ?? [], picks);
          return shape === null ? toPython(out) : ndarrayType.wrap(out);
        })),
      ),
    ),
    permutation: fn('permutation', 'x', (a) => {
      if (typeof a.x === 'number') return ndarrayType.wrap(NDArray.from('int64', [a.x], st(a).permutation(a.x)));
      return thenMP(toNDArray(a.x), (x) =>
        guard(() => {
          const perm = st(a).permutation(x.shape[0]);
          return ndarrayType.wrap(x.get([{ kind: 'array', array: NDArray.from('int64', [perm.length], perm) }]));
        }),
      );
    }),
    shuffle: fn('shuffle', 'x', (a) =>
      thenMP(toNDArray(a.x), (x) =>
        guard(() => {
          const perm = st(a).permutation(x.shape[0]);
          const shuffled = x.get([{ kind: 'array', array: NDArray.from('int64', [perm.length], perm) }]);
          x.set([{ kind: 'ellipsis' }], shuffled);
          return None;
        }),
      ),
    ),
  };
}

export const randomStateType: PyType = defineNativeType<RandomState>({
  name: 'RandomState',
  module: 'numpy.random',
  methods: {
    ...randomFunctions(true, (a) => (a.self as PyNative<RandomState>).value),
    __repr__: defineFunction('__repr__', 'self', (a) => `RandomState(MT19937) at 0x${(0x7f0000000000 + objectId(a.self as PyNative) * 16).toString(16).toUpperCase()}`),
  },
  construct: defineFunction('RandomState', 'seed=None', (a) => {
    const rs = new RandomState();
    const st = randomFunctions(false, () => rs);
    return thenMP(callPython(st.seed, [a.seed]), () => new PyNative(randomStateType, rs));
  }),
});

/** `np.random.default_rng(seed)`: numpy's Generator over PCG64. */
function generatorMethods(): Record<string, NativeFunction> {
  const gen = (a: BoundArgs) => (a.self as PyNative<PcgGenerator>).value;
  const sizeOf = (size: PyValue): number[] | null => (size === null ? null : shapeArg(size));
  const draw = (size: PyValue, next: () => number, dtype: DType = 'float64'): PyValue => {
    const shape = sizeOf(size);
    const out = guard(() => NDArray.empty(dtype, shape ?? []));
    for (let i = 0; i < out.size; i++) out.data[i] = next();
    return shape === null ? toPython(out) : ndarrayType.wrap(out);
  };
  return {
    random: defineFunction('random', 'self, size=None', (a) => draw(a.size, () => gen(a).random())),
    standard_normal: defineFunction('standard_normal', 'self, size=None', (a) => draw(a.size, () => gen(a).standardNormal())),
    normal: defineFunction('normal', 'self, loc=0.0, scale=1.0, size=None', (a) => {
      const loc = toNumber(a.loc);
      const scale = toNumber(a.scale);
      if (scale < 0) throw pyError('ValueError', 'scale < 0');
      return draw(a.size, () => loc + scale * gen(a).standardNormal());
    }),
    uniform: defineFunction('uniform', 'self, low=0.0, high=1.0, size=None', (a) => {
      const low = toNumber(a.low);
      const range = toNumber(a.high) - low;
      return draw(a.size, () => low + range * gen(a).random());
    }),
    integers: defineFunction('integers', 'self, low, high=None, size=None, dtype="int64", endpoint=False', (a) => {
      const [low, exclusiveHigh] = integerBounds(a.low, a.high);
      const high = a.endpoint === true ? exclusiveHigh + 1 : exclusiveHigh;
      if (low >= high) throw pyError('ValueError', a.endpoint === true ? 'low > high' : 'low >= high');
      return draw(a.size, () => gen(a).integer(low, high), parseDTypeArg(a.dtype) ?? 'int64');
    }),
    __repr__: defineFunction('__repr__', 'self', (a) => `Generator(PCG64) at 0x${(0x7f0000000000 + objectId(a.self as PyNative) * 16).toString(16).toUpperCase()}`),
  };
}

/** randint/integers bounds: `(n)` means `[0, n)`. */
function integerBounds(lowArg: PyValue, highArg: PyValue): [number, number] {
  return highArg === null ? [0, toIndex(lowArg)] : [toIndex(lowArg), toIndex(highArg)];
}

export const generatorType: PyType = defineNativeType<PcgGenerator>({ name: 'Generator', module: 'numpy.random', methods: generatorMethods() });

function seedBigInt(v: PyValue): bigint {
  if (v === null) {
    const words = new Uint32Array(4);
    if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(words);
    else for (let i = 0; i < 4; i++) words[i] = Math.floor(Math.random() * 2 ** 32);
    return words.reduce((acc, w) => (acc << 32n) | BigInt(w), 0n);
  }
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') {
    const b = BigInt(v);
    if (b < 0n) throw pyError('ValueError', 'expected non-negative integer');
    return b;
  }
  throw pyError('TypeError', `SeedSequence expects int or sequence of ints for entropy not ${typeName(v)}`);
}

function buildRandomModule(): PyModule {
  const rs = new RandomState();
  return newModule('numpy.random', {
    ...randomFunctions(false, () => rs),
    RandomState: randomStateType,
    Generator: generatorType,
    default_rng: defineFunction(
      'default_rng',
      'seed=None',
      (a) => new PyNative(generatorType, new PcgGenerator(seedBigInt(a.seed))),
      "numpy's Generator (PCG64) seeded like numpy: random, normal, standard_normal, uniform, integers.",
    ),
  });
}

const UNARY_FUNCS: [string, UnaryOp][] = [
  ['sin', 'sin'],
  ['cos', 'cos'],
  ['tan', 'tan'],
  ['arcsin', 'arcsin'],
  ['arccos', 'arccos'],
  ['arctan', 'arctan'],
  ['sinh', 'sinh'],
  ['cosh', 'cosh'],
  ['tanh', 'tanh'],
  ['exp', 'exp'],
  ['exp2', 'exp2'],
  ['expm1', 'expm1'],
  ['log', 'log'],
  ['log2', 'log2'],
  ['log10', 'log10'],
  ['log1p', 'log1p'],
  ['sqrt', 'sqrt'],
  ['square', 'square'],
  ['abs', 'absolute'],
  ['absolute', 'absolute'],
  ['fabs', 'absolute'],
  ['sign', 'sign'],
  ['floor', 'floor'],
  ['ceil', 'ceil'],
  ['trunc', 'trunc'],
  ['rint', 'rint'],
  ['negative', 'negative'],
  ['positive', 'positive'],
  ['reciprocal', 'reciprocal'],
  ['isnan', 'isnan'],
  ['isinf', 'isinf'],
  ['isfinite', 'isfinite'],
  ['logical_not', 'logical_not'],
  ['invert', 'invert'],
  ['deg2rad', 'deg2rad'],
  ['rad2deg', 'rad2deg'],
  ['radians', 'deg2rad'],
  ['degrees', 'rad2deg'],
];

const BINARY_FUNCS: [string, BinaryOp][] = [
  ['add', 'add'],
  ['subtract', 'subtract'],
  ['multiply', 'multiply'],
  ['divide', 'true_divide'],
  ['true_divide', 'true_divide'],
  ['floor_divide', 'floor_divide'],
  ['mod', 'remainder'],
  ['remainder', 'remainder'],
  ['power', 'power'],
  ['maximum', 'maximum'],
  ['minimum', 'minimum'],
  ['fmax', 'fmax'],
  ['fmin', 'fmin'],
  ['arctan2', 'arctan2'],
  ['hypot', 'hypot'],
  ['equal', 'equal'],
  ['not_equal', 'not_equal'],
  ['less', 'less'],
  ['less_equal', 'less_equal'],
  ['greater', 'greater'],
  ['greater_equal', 'greater_equal'],
  ['logical_and', 'logical_and'],
  ['logical_or', 'logical_or'],
  ['logical_xor', 'logical_xor'],
];

/** numpy.float64: a subclass of Python's float (as in numpy), so it computes and prints as one. */
const float64Class = scalarClass(
  'float64',
  'float64',
  new PyType('float64', {
    module: 'numpy',
    bases: [floatType],
    native: true,
    construct: defineFunction('float64', 'x=0', (a) => guard(() => fromScalarCall(a.x, 'float64'))),
  }),
);

/** A numpy.float64 scalar: a Python float whose class is numpy.float64. */
export function float64Scalar(x: number): PyFloat {
  const f = pyFloat(x);
  f.cls = float64Class;
  return f;
}

const scalarValue = (a: BoundArgs) => (a.self as PyFloat).v;
float64Class.define(
  {
    item: defineFunction('item', 'self', (a) => pyFloat(scalarValue(a))),
    tolist: defineFunction('tolist', 'self', (a) => pyFloat(scalarValue(a))),
    round: defineFunction('round', 'self, decimals=0', (a) => float64Scalar(ops.around(NDArray.scalar('float64', scalarValue(a)), toIndex(a.decimals)).getFlat(0))),
    astype: defineFunction('astype', 'self, dtype', (a) => toPython(NDArray.scalar(parseDTypeArg(a.dtype) ?? 'float64', scalarValue(a)))),
    sum: defineFunction('sum', 'self, axis=None', (a) => float64Scalar(scalarValue(a))),
    reshape: defineFunction('reshape', 'self, *shape', (a) =>
      guard(() => ndarrayType.wrap(NDArray.scalar('float64', scalarValue(a)).reshape(shapeFromArgs((a.shape as PyTuple).items)))),
    ),
  },
  {
    dtype: { get: () => dtypeObject('float64') },
    shape: { get: () => newTuple([]) },
    ndim: { get: () => 0 },
    size: { get: () => 1 },
    itemsize: { get: () => 8 },
  },
);
const float32Class = scalarClass('float32', 'float32', float32ScalarType);
float32ScalarType.construct = defineFunction('float32', 'x=0', (a) => guard(() => fromScalarCall(a.x, 'float32')));
const scalarClasses: Record<string, PyType> = {
  float64: float64Class,
  float32: float32Class,
  int64: scalarClass('int64', 'int64'),
  int32: scalarClass('int32', 'int32'),
  int16: scalarClass('int16', 'int16'),
  int8: scalarClass('int8', 'int8'),
  uint8: scalarClass('uint8', 'uint8'),
  bool_: scalarClass('bool_', 'bool'),
};

function buildNumpy(): PyModule {
  const random = buildRandomModule();
  const attrs: Record<string, PyValue> = {
    __version__: '1.24.4',
    ndarray: ndarrayType,
    dtype: dtypeType,
    ...scalarClasses,
    double: float64Class,
    single: float32Class,
    float_: float64Class,
    int_: scalarClasses.int64,
    pi: pyFloat(Math.PI),
    e: pyFloat(Math.E),
    inf: pyFloat(Infinity),
    nan: pyFloat(NaN),
    newaxis: None,
    AxisError: axisErrorType,
    random,

    array: defineFunction('array', 'object, dtype=None, copy=True, ndmin=0', (a) =>
      thenMP(toNDArray(a.object, parseDTypeArg(a.dtype)), (x) => {
        // Lists give a fresh array; arrays and tensors' buffers are copied unless copy=False.
        const fresh = a.object instanceof PyList || a.object instanceof PyTuple || scalarArg(a.object) !== undefined;
        let r = !fresh && a.copy !== false && (!isNDArray(a.object) || x === a.object.value) ? x.copy() : x;
        const ndmin = toIndex(a.ndmin);
        if (r.ndim < ndmin) r = r.reshape([...Array(ndmin - r.ndim).fill(1), ...r.shape]);
        return ndarrayType.wrap(r);
      }),
    ),
    asarray: defineFunction('asarray', 'a, dtype=None', (a) => thenMP(toNDArray(a.a, parseDTypeArg(a.dtype)), (x) => ndarrayType.wrap(x))),
    copy: defineFunction('copy', 'a', (a) => thenMP(toNDArray(a.a), (x) => ndarrayType.wrap(x.copy()))),
    zeros: defineFunction('zeros', 'shape, dtype=None', (a) => guard(() => ndarrayType.wrap(ops.full(shapeArg(a.shape), 0, creationDType(a, 'float64'))))),
    ones: defineFunction('ones', 'shape, dtype=None', (a) => guard(() => ndarrayType.wrap(ops.full(shapeArg(a.shape), 1, creationDType(a, 'float64'))))),
    empty: defineFunction('empty', 'shape, dtype=None', (a) => guard(() => ndarrayType.wrap(ops.full(shapeArg(a.shape), 0, creationDType(a, 'float64'))))),
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
      return guard(() => ndarrayType.wrap(ops.eye(n, a.M === null ? n : toIndex(a.M), toIndex(a.k), creationDType(a, 'float64'))));
    }),
    identity: defineFunction('identity', 'n, dtype=None', (a) => guard(() => ndarrayType.wrap(ops.eye(toIndex(a.n), toIndex(a.n), 0, creationDType(a, 'float64'))))),
    arange: defineFunction('arange', 'start, stop=None, step=None, dtype=None', (a) => {
      const args = [a.start, a.stop, a.step].filter((x) => x !== null);
      for (const x of args) if (!scalarArg(x)) throw pyError('TypeError', `unsupported type for arange: '${typeName(x)}'`);
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
    linspace: defineFunction('linspace', 'start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0', (a) => {
      const num = toIndex(a.num);
      const start = toNumber(a.start);
      const stop = toNumber(a.stop);
      const arr = guard(() => ops.linspace(start, stop, num, a.endpoint !== false, creationDType(a, 'float64')));
      if (a.retstep === true) {
        const div = a.endpoint !== false ? num - 1 : num;
        return newTuple([ndarrayType.wrap(arr), pyFloat(div > 0 ? (stop - start) / div : NaN)]);
      }
      return ndarrayType.wrap(arr);
    }),
    where: defineFunction('where', 'condition, x=None, y=None', (a) =>
      thenMP(toNDArray(a.condition), (c) => {
        if (a.x === null && a.y === null) return newTuple(guard(() => nonzeroOf(c)).map((x) => ndarrayType.wrap(x)));
        if (a.x === null || a.y === null) throw pyError('ValueError', 'either both or neither of x and y should be given');
        return thenMP(operandMP(a.x), (x) => thenMP(operandMP(a.y), (y) => guard(() => toPython(ops.where(c.dtype === 'bool' ? c : c.astype('bool'), x, y)))));
      }),
    ),
    clip: defineFunction('clip', 'a, a_min, a_max', (a) =>
      thenMP(toNDArray(a.a), (x) =>
        guard(() => toPython(ops.clip(x, a.a_min === null ? null : (operand(a.a_min) ?? null), a.a_max === null ? null : (operand(a.a_max) ?? null)))),
      ),
    ),
    sum: arrayArgFn('sum', 'a, axis=None, dtype=None, out=None, keepdims=False', (x, a) => toPython(ops.sum(x, axisArg(a.axis), keep(a), parseDTypeArg(a.dtype)))),
    prod: arrayArgFn('prod', 'a, axis=None, dtype=None, out=None, keepdims=False', (x, a) => toPython(ops.prod(x, axisArg(a.axis), keep(a)))),
    mean: arrayArgFn('mean', 'a, axis=None, dtype=None, out=None, keepdims=False', (x, a) => toPython(ops.mean(x, axisArg(a.axis), keep(a)))),
    std: arrayArgFn('std', 'a, axis=None, dtype=None, out=None, ddof=0, keepdims=False', (x, a) => toPython(ops.std(x, axisArg(a.axis), toNumber(a.ddof), keep(a)))),
    var: arrayArgFn('var', 'a, axis=None, dtype=None, out=None, ddof=0, keepdims=False', (x, a) => toPython(ops.variance(x, axisArg(a.axis), toNumber(a.ddof), keep(a)))),
    max: arrayArgFn('max', 'a, axis=None, out=None, keepdims=False', (x, a) => toPython(ops.max(x, axisArg(a.axis), keep(a)))),
    amax: arrayArgFn('amax', 'a, axis=None, out=None, keepdims=False', (x, a) => toPython(ops.max(x, axisArg(a.axis), keep(a)))),
    min: arrayArgFn('min', 'a, axis=None, out=None, keepdims=False', (x, a) => toPython(ops.min(x, axisArg(a.axis), keep(a)))),
    amin: arrayArgFn('amin', 'a, axis=None, out=None, keepdims=False', (x, a) => toPython(ops.min(x, axisArg(a.axis), keep(a)))),
    any: arrayArgFn('any', 'a, axis=None, out=None, keepdims=False', (x, a) => toPython(ops.any(x, axisArg(a.axis), keep(a)))),
    all: arrayArgFn('all', 'a, axis=None, out=None, keepdims=False', (x, a) => toPython(ops.all(x, axisArg(a.axis), keep(a)))),
    argmax: arrayArgFn('argmax', 'a, axis=None', (x, a) => toPython(ops.argmax(x, singleAxis(a.axis)))),
    argmin: arrayArgFn('argmin', 'a, axis=None', (x, a) => toPython(ops.argmin(x, singleAxis(a.axis)))),
    cumsum: arrayArgFn('cumsum', 'a, axis=None', (x, a) => toPython(ops.cumsum(x, singleAxis(a.axis)))),
    cumprod: arrayArgFn('cumprod', 'a, axis=None', (x, a) => toPython(ops.cumprod(x, singleAxis(a.axis)))),
    round: arrayArgFn('round', 'a, decimals=0', (x, a) => toPython(ops.around(x, toIndex(a.decimals)))),
    around: arrayArgFn('around', 'a, decimals=0', (x, a) => toPython(ops.around(x, toIndex(a.decimals)))),
    reshape: arrayArgFn('reshape', 'a, newshape, order="C"', (x, a) => ndarrayType.wrap(x.reshape(shapeArg(a.newshape)))),
    transpose: arrayArgFn('transpose', 'a, axes=None', (x, a) => ndarrayType.wrap(x.transpose(a.axes === null ? undefined : shapeArg(a.axes)))),
    ravel: arrayArgFn('ravel', 'a', (x) => ndarrayType.wrap(x.reshape([x.size]))),
    squeeze: arrayArgFn('squeeze', 'a, axis=None', (x, a) => ndarrayType.wrap(squeeze(x, axisArg(a.axis)))),
    expand_dims: arrayArgFn('expand_dims', 'a, axis', (x, a) => {
      let ax = toIndex(a.axis);
      if (ax < 0) ax += x.ndim + 1;
      if (ax < 0 || ax > x.ndim) throw new NumpyError('AxisError', `axis ${toIndex(a.axis)} is out of bounds for array of dimension ${x.ndim + 1}`);
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
    dot: defineFunction('dot', 'a, b', (a) => thenMP(operandMP(a.a), (x) => thenMP(operandMP(a.b), (y) => guard(() => toPython(ops.dot(x, y)))))),
    matmul: defineFunction('matmul', 'x1, x2', (a) => thenMP(toNDArray(a.x1), (x) => thenMP(toNDArray(a.x2), (y) => matmulImpl(x, y)))),
    outer: defineFunction('outer', 'a, b', (a) => thenMP(toNDArray(a.a), (x) => thenMP(toNDArray(a.b), (y) => guard(() => ndarrayType.wrap(ops.outer(x, y)))))),
    inner: defineFunction('inner', 'a, b', (a) => thenMP(toNDArray(a.a), (x) => thenMP(toNDArray(a.b), (y) => guard(() => toPython(ops.dot(x, y)))))),
    concatenate: defineFunction('concatenate', 'arrays, axis=0', async (a) => {
      const arrays = await listOfArrays(a.arrays);
      return guard(() => ndarrayType.wrap(a.axis === null ? ops.concatenate(arrays.map((x) => x.reshape([x.size])), 0) : ops.concatenate(arrays, toIndex(a.axis))));
    }),
    stack: defineFunction('stack', 'arrays, axis=0', async (a) => {
      const arrays = await listOfArrays(a.arrays);
      return guard(() => ndarrayType.wrap(ops.stack(arrays, toIndex(a.axis))));
    }),
    vstack: defineFunction('vstack', 'tup', async (a) => {
      const arrays = await listOfArrays(a.tup);
      return guard(() => ndarrayType.wrap(ops.concatenate(arrays.map((x) => atLeast(x, 2)), 0)));
    }),
    hstack: defineFunction('hstack', 'tup', async (a) => {
      const arrays = (await listOfArrays(a.tup)).map((x) => (x.ndim === 0 ? x.reshape([1]) : x));
      return guard(() => ndarrayType.wrap(ops.concatenate(arrays, arrays[0]?.ndim === 1 ? 0 : 1)));
    }),
    allclose: defineFunction('allclose', 'a, b, rtol=1e-05, atol=1e-08, equal_nan=False', (a) =>
      thenMP(toNDArray(a.a), (x) => thenMP(toNDArray(a.b), (y) => guard(() => ops.all(isclose(x, y, a)).getFlat(0) !== 0))),
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
    set_printoptions: defineFunction('set_printoptions', 'precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None', (a) => {
      const printOptions = ownPrintOptions();
      if (a.precision !== null) printOptions.precision = toIndex(a.precision);
      if (a.threshold !== null) printOptions.threshold = toNumber(a.threshold);
      if (a.edgeitems !== null) printOptions.edgeitems = toIndex(a.edgeitems);
      if (a.linewidth !== null) printOptions.linewidth = toIndex(a.linewidth);
      if (a.suppress !== null) printOptions.suppress = a.suppress === true;
      return None;
    }),
    linalg: newModule('numpy.linalg', {
      norm: arrayArgFn('norm', 'x, ord=None, axis=None', (x) => pyFloat(Math.sqrt(ops.sum(ops.binary('multiply', x, x)).getFlat(0)))),
    }),
  };
  for (const [name, op] of UNARY_FUNCS) attrs[name] = ufunc1(name, op);
  for (const [name, op] of BINARY_FUNCS) attrs[name] = ufunc2(name, op);
  for (const [name, doc] of Object.entries(DOCS)) {
    const f = attrs[name];
    if (f instanceof NativeFunction) f.doc = doc;
  }
  for (const [name, doc] of Object.entries(RANDOM_DOCS)) {
    const f = random.dict.get(name);
    if (f instanceof NativeFunction) f.doc = doc;
  }
  return newModule('numpy', attrs, 'NumPy in torchlet: float64/int64/bool arrays that compute and print as numpy 1.24 does.');
}

/** help() texts: what each function does, in numpy's words, shortened. */
const DOCS: Record<string, string> = {
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

const RANDOM_DOCS: Record<string, string> = {
  seed: 'Seed the legacy generator (an int in [0, 2**32)): the same seed gives numpy\'s same numbers.',
  normal: 'Samples from a normal (Gaussian) distribution: normal(loc=0.0, scale=1.0, size=None).',
  rand: 'Uniform samples in [0, 1) of the given shape: rand(2, 3).',
  randn: 'Standard normal samples of the given shape: randn(2, 3).',
  randint: 'Random integers from low (inclusive) to high (exclusive).',
  uniform: 'Samples from a uniform distribution over [low, high).',
  random: 'Uniform samples in [0, 1) of the given size.',
  choice: 'A random sample from a 1-D array (or range(a) for an int).',
  permutation: 'A randomly permuted range or copy of a sequence.',
  shuffle: 'Shuffle an array in place along its first axis.',
};

function isclose(x: NDArray, y: NDArray, a: BoundArgs): NDArray {
  const rtol = toNumber(a.rtol);
  const atol = toNumber(a.atol);
  const equalNan = a.equal_nan === true;
  const shapeX = ops.binary('subtract', x.astype('float64'), y.astype('float64'));
  const yv = y.astype('float64').broadcastTo(shapeX.shape).values();
  const xv = x.astype('float64').broadcastTo(shapeX.shape).values();
  const out = NDArray.empty('bool', shapeX.shape);
  for (let i = 0; i < out.size; i++) {
    const p = xv[i];
    const q = yv[i];
    if (p !== p || q !== q) out.data[i] = equalNan && p !== p && q !== q ? 1 : 0;
    else if (p === q) out.data[i] = 1;
    else out.data[i] = Math.abs(p - q) <= atol + rtol * Math.abs(q) ? 1 : 0;
  }
  return out;
}

registerModule('numpy', () => buildNumpy());

export type { Kwargs };
