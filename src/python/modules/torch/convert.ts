// Python arguments → core arguments (operands, tensors, sizes, dims, index items, options) and
// core values → Python values (items, lists). No Tensor PyType here: see tensor-type.ts.
import * as core from '../../../core/index.js';
import { type DType, type Operand, Tensor } from '../../../core/index.js';
import {
  type BoundArgs,
  Ellipsis,
  type MaybePromise,
  newList,
  PyFloat,
  pyFloat,
  pyInt,
  PyList,
  PyNative,
  PySlice,
  PyTuple,
  type PyValue,
  pyError,
  toIndex,
  typeName,
} from '../../objects.js';
import { PyRange, toArrayMP } from '../../runtime.js';
import type { NDArray, DType as NumpyDType } from '../numpy.js';
import { isNDArray } from '../../numpy/ndarray-check.js';
import { guard } from './errors.js';
import { generatorOf, parseDevice, parseDType, sizeOf, sizeType } from './values.js';

export function tensorOf(v: PyValue): Tensor {
  return (v as PyNative<Tensor>).value;
}
export function isTensor(v: PyValue): v is PyNative<Tensor> {
  return v instanceof PyNative && v.value instanceof Tensor;
}

/** Values of a tensor: synchronously on cpu/wasm, awaiting the GPU on webgl/webgpu. */
export function readValues(t: Tensor): MaybePromise<ArrayLike<number>> {
  const backend = guard(() => core.backendFor(t.device));
  if (backend === 'webgl' || backend === 'webgpu') return t.read();
  return guard(() => t.readSync());
}

/** A Python number or tensor as a core operand; undefined for anything else. */
export function operand(v: PyValue): Operand | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v;
  if (v instanceof PyFloat) return v; // the core's own float class
  if (isTensor(v)) return v.value;
  // As in PyTorch, an ndarray operand is taken as a tensor (Tensor wins over ndarray in `a * t`).
  if (isNDArray(v)) return ndarrayToTensor(v.value, false);
  return undefined;
}
export function requireOperand(v: PyValue, what = 'other'): Operand {
  const o = operand(v);
  if (o === undefined) {
    if (isNDArray(v)) return ndarrayToTensor(v.value, false);
    if (v instanceof PyList || v instanceof PyTuple) return toTensorSync(v);
    throw pyError('TypeError', `${what} must be Tensor or a number, not ${typeName(v)}`);
  }
  return o;
}
export function requireTensor(v: PyValue, name = 'input'): Tensor {
  if (isTensor(v)) return v.value;
  if (isNDArray(v)) return ndarrayToTensor(v.value, false);
  throw pyError('TypeError', `${name} must be Tensor, not ${typeName(v)}`);
}
export function scalarOf(v: PyValue): core.Scalar {
  const o = operand(v);
  if (o === undefined || o instanceof Tensor) {
    if (o instanceof Tensor && o.numel === 1) return toPyScalar(o) as core.Scalar;
    throw pyError('TypeError', `expected a number, got ${typeName(v)}`);
  }
  return o;
}
export function toPyScalar(t: Tensor): number | boolean | PyFloat {
  const v = guard(() => core.item(t));
  if (typeof v === 'boolean') return v;
  return core.isFloating(t.dtype) ? core.pyFloat(v) : v;
}

/** A core item as a Python value (float tensors give floats, ints ints, bools bools). */
export function itemValue(t: Tensor, v: number | boolean): PyValue {
  if (typeof v === 'boolean') return v;
  if (core.isFloating(t.dtype)) return pyFloat(v);
  return pyInt(Math.trunc(v));
}

/** Nested Python data → core nested data (numbers, bools, PyFloat, tensors). */
export function nestedData(v: PyValue): core.NestedData {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map(nestedData);
  if (v instanceof PyNative && v.cls === sizeType) return sizeOf(v);
  if (isNDArray(v)) return ndarrayToTensor(v.value, false);
  // A range is materialised synchronously (MemoryError past the sequence limit).
  if (v instanceof PyRange) return (toArrayMP(v) as PyValue[]).map(nestedData);
  const o = operand(v);
  if (o === undefined) throw pyError('TypeError', `new(): invalid data type '${typeName(v)}'`);
  return o;
}
export function toTensorSync(v: PyValue, options: core.CreateOptions = {}): Tensor {
  return guard(() => core.tensor(nestedData(v), options));
}

const numpyToTorch: Partial<Record<NumpyDType, DType>> = {
  float64: 'float64',
  float32: 'float32',
  int64: 'int64',
  int32: 'int32',
  int16: 'int32',
  int8: 'int32',
  uint8: 'int32',
  bool: 'bool',
};
export function ndarrayToTensor(a: NDArray, share: boolean): Tensor {
  const dtype = numpyToTorch[a.dtype] ?? 'float64';
  const device = core.getDefaultDevice();
  if (share && a.dtype === 'float64' && a.isContiguous() && a.offset === 0 && a.data.length === a.size) {
    return guard(() => Tensor.sharing(a.data as Float64Array, a.shape.slice(), 'cpu'));
  }
  return guard(() => core.fromValues(a.values(), a.shape.slice(), dtype, share ? 'cpu' : device));
}
export const torchToNumpy: Record<DType, NumpyDType> = {
  float64: 'float64',
  float32: 'float32',
  float16: 'float32',
  int64: 'int64',
  int32: 'int32',
  bool: 'bool',
};

export function sizesFrom(args: PyValue[]): number[] {
  if (args.length === 1) {
    const a0 = args[0];
    if (a0 instanceof PyList || a0 instanceof PyTuple) return a0.items.map((v) => toIndex(v));
    if (a0 instanceof PyNative && a0.cls === sizeType) return sizeOf(a0).slice();
  }
  return args.map((v) => {
    if (v instanceof PyFloat) {
      throw pyError('TypeError', `'float' object cannot be interpreted as an integer`);
    }
    return toIndex(v);
  });
}
export function dimsArg(v: PyValue): number | number[] | null {
  if (v === null) return null;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map((x) => toIndex(x));
  return toIndex(v);
}

/** Index expression → core index items. */
export function indexItems(key: PyValue): core.IndexItem[] {
  const items = key instanceof PyTuple ? key.items : [key];
  return items.map((it): core.IndexItem => {
    if (it === null) return null;
    if (it === Ellipsis) return 'ellipsis';
    if (typeof it === 'boolean') return core.tensor(it);
    if (typeof it === 'number' || typeof it === 'bigint') return Number(it);
    if (it instanceof PySlice) {
      const conv = (x: PyValue) =>
        x === null
          ? null
          : isTensor(x)
            ? Number(core.item(x.value))
            : toIndex(x, 'slice indices must be integers or None or have an __index__ method');
      return { start: conv(it.start), stop: conv(it.stop), step: conv(it.step) };
    }
    if (isTensor(it)) return it.value;
    if (it instanceof PyList || it instanceof PyTuple) return toTensorSync(it);
    if (isNDArray(it)) return ndarrayToTensor(it.value, false);
    if (it instanceof PyFloat) return it.v;
    throw pyError(
      'IndexError',
      'only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got ' +
        typeName(it) +
        ')',
    );
  });
}

export function tolistValue(t: Tensor, values: ArrayLike<number>): PyValue {
  const nested = core.toList(t, values);
  const conv = (x: core.Nested): PyValue => (Array.isArray(x) ? newList(x.map(conv)) : itemValue(t, x));
  return conv(nested);
}

export function optOperand(v: PyValue): Operand | null {
  return v === null ? null : requireOperand(v);
}
export function roundingMode(v: PyValue): 'trunc' | 'floor' | null {
  if (v === null) return null;
  if (v === 'trunc' || v === 'floor') return v;
  throw pyError(
    'RuntimeError',
    `div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(v)}'`,
  );
}
export function tensorList(v: PyValue): Tensor[] {
  if (!(v instanceof PyList || v instanceof PyTuple))
    throw pyError('TypeError', `expected a sequence of Tensors, got ${typeName(v)}`);
  return v.items.map((x, i) => {
    if (!isTensor(x))
      throw pyError('TypeError', `expected Tensor as element ${i} in argument 0, but got ${typeName(x)}`);
    return x.value;
  });
}
export function tensorOrList(v: PyValue): Tensor[] {
  if (isTensor(v)) return [v.value];
  return tensorList(v);
}

/** `dtype=`, `device=`, `requires_grad=` of the creation functions. */
export function createOptions(a: BoundArgs): core.CreateOptions {
  return {
    dtype: 'dtype' in a ? parseDType(a.dtype) : null,
    device: 'device' in a ? parseDevice(a.device) : null,
    requiresGrad: a.requires_grad === true,
    generator: 'generator' in a ? generatorOf(a.generator) : null,
  };
}

/** numpy-style `axis=` / `keepdims=` are accepted for `dim=` / `keepdim=`, as PyTorch does. */
export const dimOf = (a: BoundArgs): PyValue => (a.dim !== null ? a.dim : (a.axis ?? null));
export const keepOf = (a: BoundArgs): boolean => a.keepdim === true || a.keepdims === true;
/** An optional single dim (`dim=None`). */
export const optDim = (v: PyValue): number | null => (v === null ? null : toIndex(v));
/** `*sizes` / `*dims` varargs, or one list, tuple or Size. */
export const sizesArg = (v: PyValue): number[] => sizesFrom((v as PyTuple).items);
