// Python values → engine arrays and arguments: array-likes (lists, tensors, numbers), ufunc
// operands, axes, shapes and index keys; and engine values → nested Python lists.
import {
  type BoundArgs,
  Ellipsis,
  isPromise,
  type MaybePromise,
  newTuple,
  PyFloat,
  pyFloat,
  pyInt,
  PyList,
  PyNative,
  PyObject,
  PySlice,
  PyTuple,
  type PyValue,
  pyError,
  toIndex,
  typeName,
} from '../../objects.js';
import { call as callPython, getAttr, PyRange, toArrayMP } from '../../runtime.js';
import { type DType, isFloat, promoteTypes } from '../../numpy/dtype.js';
import { NDArray, type IndexItem, formatShape } from '../../numpy/ndarray.js';
import * as ops from '../../numpy/ops.js';
import { type Arg } from '../../numpy/ops.js';
import { then as thenMP } from '../../maybe-promise.js';
import { guard } from './errors.js';
import { isNDArray } from '../../numpy/ndarray-check.js';

export { isNDArray };

// ---- Python values → arrays --------------------------------------------------------------------

/** A Python number as a ufunc operand (kept apart from arrays for numpy's value-based casting). */
export function scalarArg(v: PyValue): { scalar: number; dtype: DType } | undefined {
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
    if (tolist !== undefined)
      return thenMP(callPython(getAttr(v, 'tolist') as PyValue, []), (r) => toNDArray(r, dtype));
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
export function operand(v: PyValue): Arg | undefined {
  if (isNDArray(v)) return v.value;
  const s = scalarArg(v);
  if (s) return s;
  if (v instanceof PyList || v instanceof PyTuple) return fromNested(v);
  return undefined;
}

export function operandMP(v: PyValue): MaybePromise<Arg> {
  const o = operand(v);
  return o ?? toNDArray(v);
}

// ---- argument helpers ------------------------------------------------------------------------

export function axisArg(v: PyValue): number | number[] | null {
  if (v === null) return null;
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map((x) => toIndex(x));
  return toIndex(v);
}

export function singleAxis(v: PyValue): number | null {
  return v === null ? null : toIndex(v);
}

export function shapeArg(v: PyValue): number[] {
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map((x) => toIndex(x));
  return [toIndex(v)];
}

/** `reshape(2, 3)` and `reshape((2, 3))` alike. */
export function shapeFromArgs(items: PyValue[]): number[] {
  if (items.length === 1 && (items[0] instanceof PyTuple || items[0] instanceof PyList))
    return shapeArg(items[0]);
  return items.map((x) => toIndex(x));
}

export function intTuple(xs: readonly number[]): PyTuple {
  return newTuple(xs.map((x) => x));
}

export function nestedToPython(x: unknown, dtype: DType): PyValue {
  if (Array.isArray(x)) return new PyList(x.map((e) => nestedToPython(e, dtype)));
  const n = x as number;
  if (dtype === 'bool') return n !== 0;
  if (isFloat(dtype)) return pyFloat(n);
  return pyInt(n);
}

export function indexItems(key: PyValue): MaybePromise<IndexItem[]> {
  const items = key instanceof PyTuple ? key.items : [key];
  const out: IndexItem[] = [];
  const pending: Promise<void>[] = [];
  items.forEach((k, i) => {
    if (k === null) out[i] = { kind: 'newaxis' };
    else if (k === Ellipsis) out[i] = { kind: 'ellipsis' };
    else if (k instanceof PySlice) {
      const conv = (x: PyValue) =>
        x === null ? null : toIndex(x, 'slice indices must be integers or None or have an __index__ method');
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

export function isScalarIndex(items: IndexItem[]): boolean {
  return items.every((it) => it.kind === 'int' || it.kind === 'slice' || it.kind === 'newaxis');
}

export function keep(a: BoundArgs): boolean {
  return a.keepdims === true;
}

export async function listOfArrays(v: PyValue): Promise<NDArray[]> {
  const items = v instanceof PyList || v instanceof PyTuple ? v.items : [v];
  const out: NDArray[] = [];
  for (const x of items) out.push(await toNDArray(x));
  return out;
}
