// Reductions (sum mean prod max min argmax argmin std var cumsum all any) with dim/keepdim.
import * as tf from '@tensorflow/tfjs-core';
import { type DType, isFloating, scalarTypeName, storageType } from './dtype.js';
import { runtimeError } from './errors.js';
import { asTf } from './elementwise.js';
import { sumOnHost, valuesOf } from './host.js';
import { wrapDim } from './shapes.js';
import { HostValues, Tensor, compute, makeResult } from './tensor.js';

export type Dims = number | readonly number[] | null | undefined;

/** Normalised, sorted, de-duplicated axes; null means all. */
function axesOf(dims: Dims, ndim: number): number[] | null {
  if (dims == null) return null;
  const list = typeof dims === 'number' ? [dims] : dims;
  if (list.length === 0) return null;
  const out = list.map((d) => wrapDim(d, ndim));
  if (ndim === 0) return [];
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Shape of the gradient before broadcasting back: reduced axes kept as 1. */
function keptShape(shape: readonly number[], axes: number[] | null): number[] {
  return shape.map((d, i) => (axes == null || axes.includes(i) ? 1 : d));
}

function reduceWith(
  t: Tensor,
  dims: Dims,
  keepdim: boolean,
  outType: DType,
  fn: (x: tf.Tensor, axes: number[] | null, keep: boolean) => tf.Tensor,
  names: [string, string],
  grad: ((g: tf.Tensor, x: tf.Tensor, out: tf.Tensor, axes: number[] | null) => tf.Tensor) | null,
  computeType: DType = outType,
  savesTensors = true,
  host: HostReduce | null = null,
): Tensor {
  const axes = axesOf(dims, t.ndim);
  const data =
    (host && reduceOnHost(t, axes, keepdim, outType, host)) ??
    compute(t.device, () => {
      const x = asTf(t, computeType);
      if (axes && axes.length === 0) return tf.clone(x);
      const r = fn(x, axes, keepdim);
      return r.dtype === storageType(outType) ? r : tf.cast(r, storageType(outType));
    });
  if (!grad || !isFloating(outType)) return new Tensor(data, outType, t.device);
  const shape = t.shape;
  const name = dims == null ? names[0] : names[1];
  return makeResult(
    data,
    outType,
    t.device,
    [t],
    name,
    (g) => {
      const x = asTf(t, computeType);
      const out = fn(x, axes, true);
      const gk = tf.reshape(g, keptShape(shape, axes));
      return [grad(gk, x, out, axes)];
    },
    savesTensors,
  );
}

/** A reduction of float32 values on the host: the result's values, or null to leave it to tfjs. */
type HostReduce = (
  values: Float32Array,
  shape: readonly number[],
  axes: number[] | null,
) => Float32Array | null;

/**
 * Runs a float32 reduction in a JS loop over the values where they lie (cpu, wasm): no kernel
 * dispatch, no copy out of wasm memory, and a double-precision total (wasm's Sum adds in float32).
 */
function reduceOnHost(
  t: Tensor,
  axes: number[] | null,
  keepdim: boolean,
  outType: DType,
  host: HostReduce,
): HostValues | null {
  if (storageType(outType) !== 'float32' || (axes && axes.length === 0)) return null;
  const shape = t.dims;
  const values = valuesOf(t);
  if (!values) return null;
  const out = host(values, shape, axes);
  if (!out) return null;
  const outShape = keepdim
    ? shape.map((d, i) => (axes == null || axes.includes(i) ? 1 : d))
    : shape.filter((_, i) => axes != null && !axes.includes(i));
  return new HostValues(out, outShape);
}

const intToLong = (d: DType): DType => (isFloating(d) ? d : 'int64');

/** float64/int64 totals of lesson-sized cpu tensors, summed exactly in double precision. */
function exactTotal(result: Tensor, t: Tensor, dims: Dims, divide: boolean): Tensor {
  if ((result.dtype !== 'float64' && result.dtype !== 'int64') || t.device !== 'cpu' || t.numel > 1 << 16)
    return result;
  if (dims != null && !(Array.isArray(dims) && dims.length === 0)) return result;
  const values = t.readSync();
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  if (divide) total /= values.length;
  result.attachExact(Float64Array.of(total));
  return result;
}

export function sum(t: Tensor, dims: Dims = null, keepdim = false, dtype: DType | null = null): Tensor {
  const out = dtype ?? intToLong(t.dtype);
  return exactTotal(sumOf(t, dims, keepdim, out), t, dims, false);
}

function sumOf(t: Tensor, dims: Dims, keepdim: boolean, out: DType): Tensor {
  return reduceWith(
    t,
    dims,
    keepdim,
    out,
    (x, axes, keep) => tf.sum(x.dtype === 'bool' ? tf.cast(x, 'int32') : x, axes ?? undefined, keep),
    ['SumBackward0', 'SumBackward1'],
    (g, x) => tf.broadcastTo(g, x.shape),
    out,
    false,
    sumOnHost,
  );
}

export function mean(t: Tensor, dims: Dims = null, keepdim = false, dtype: DType | null = null): Tensor {
  const out = dtype ?? t.dtype;
  if (!isFloating(out)) {
    throw runtimeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarTypeName(out)}`,
    );
  }
  return exactTotal(meanOf(t, dims, keepdim, out), t, dims, true);
}

function meanOf(t: Tensor, dims: Dims, keepdim: boolean, out: DType): Tensor {
  return reduceWith(
    t,
    dims,
    keepdim,
    out,
    (x, axes, keep) => tf.mean(x, axes ?? undefined, keep),
    ['MeanBackward0', 'MeanBackward1'],
    (g, x, _o, axes) => {
      const count = axes == null ? x.size : axes.reduce((n, a) => n * x.shape[a], 1);
      return tf.div(tf.broadcastTo(g, x.shape), count);
    },
    out,
    false,
    (values, shape, axes) => {
      const count = axes == null ? values.length : axes.reduce((n, a) => n * shape[a], 1);
      return sumOnHost(values, shape, axes, count);
    },
  );
}

export function prod(t: Tensor, dim: number | null = null, keepdim = false): Tensor {
  const out = intToLong(t.dtype);
  return reduceWith(
    t,
    dim,
    keepdim,
    out,
    (x, axes, keep) => tf.prod(x.dtype === 'bool' ? tf.cast(x, 'int32') : x, axes ?? undefined, keep),
    ['ProdBackward0', 'ProdBackward1'],
    // d/dx_i prod = prod / x_i (fine away from zeros, which lessons rarely hit)
    (g, x, o) => tf.mul(tf.broadcastTo(g, x.shape), tf.div(tf.broadcastTo(o, x.shape), x)),
  );
}

function emptyCheck(t: Tensor, name: string): void {
  if (t.numel === 0) {
    throw runtimeError(
      `${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    );
  }
}

/** max()/min() over everything (MaxBackward1): gradient shared evenly among ties. */
export function extremum(t: Tensor, kind: 'max' | 'min'): Tensor {
  emptyCheck(t, kind);
  const fn = kind === 'max' ? tf.max : tf.min;
  return reduceWith(
    t,
    null,
    false,
    t.dtype,
    (x, axes, keep) =>
      x.dtype === 'bool'
        ? tf.cast(fn(tf.cast(x, 'int32'), axes ?? undefined, keep), 'bool')
        : fn(x, axes ?? undefined, keep),
    [kind === 'max' ? 'MaxBackward1' : 'MinBackward1', ''],
    (g, x, o) => {
      const hit = tf.cast(tf.equal(x, tf.broadcastTo(o, x.shape)), 'float32');
      return tf.div(tf.mul(tf.broadcastTo(g, x.shape), hit), tf.sum(hit));
    },
  );
}

/** max(dim)/min(dim): values and int64 indices (MaxBackward0). */
export function extremumDim(t: Tensor, kind: 'max' | 'min', dim: number, keepdim = false): [Tensor, Tensor] {
  const d = wrapDim(dim, t.ndim);
  if (t.ndim > 0 && t.shape[d] === 0) {
    throw runtimeError(`${kind}(): Expected reduction dim ${d} to have non-zero size.`);
  }
  const argFn = kind === 'max' ? tf.argMax : tf.argMin;
  const indices = compute(t.device, () => {
    if (t.ndim === 0) return tf.scalar(0, 'int32');
    const x = t.dtype === 'bool' ? tf.cast(t.data, 'int32') : t.data;
    const r = argFn(x, d);
    return keepdim ? tf.expandDims(r, d) : r;
  });
  const valueFn = kind === 'max' ? tf.max : tf.min;
  const values = compute(t.device, () => {
    if (t.ndim === 0) return tf.clone(t.data);
    if (t.dtype === 'bool') return tf.cast(valueFn(tf.cast(t.data, 'int32'), d, keepdim), 'bool');
    return valueFn(t.data, d, keepdim);
  });
  const idxTensor = new Tensor(indices, 'int64', t.device);
  if (!isFloating(t.dtype)) return [new Tensor(values, t.dtype, t.device), idxTensor];
  const shape = t.shape;
  const valTensor = makeResult(
    values,
    t.dtype,
    t.device,
    [t],
    kind === 'max' ? 'MaxBackward0' : 'MinBackward0',
    (g) => {
      if (shape.length === 0) return [g];
      const idx = keepdim ? tf.squeeze(idxTensor.data, [d]) : idxTensor.data;
      const gk = keepdim ? tf.squeeze(g, [d]) : g;
      const hot = tf.oneHot(tf.cast(idx, 'int32'), shape[d]);
      const scattered = tf.mul(tf.expandDims(gk, -1), hot);
      return [tf.transpose(scattered, inversePerm(moveLast(shape.length, d)))];
    },
  );
  return [valTensor, idxTensor];
}

function moveLast(ndim: number, d: number): number[] {
  const perm = [...Array(ndim).keys()].filter((i) => i !== d);
  perm.push(d);
  return perm;
}
function inversePerm(perm: number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

export function argExtremum(
  t: Tensor,
  kind: 'max' | 'min',
  dim: number | null = null,
  keepdim = false,
): Tensor {
  if (dim == null) {
    emptyCheck(t, `arg${kind}`);
    const data = compute(t.device, () => {
      const flat = tf.reshape(t.data, [-1]);
      const r = (kind === 'max' ? tf.argMax : tf.argMin)(
        flat.dtype === 'bool' ? tf.cast(flat, 'int32') : flat,
      );
      return keepdim
        ? tf.reshape(
            r,
            t.shape.map(() => 1),
          )
        : r;
    });
    return new Tensor(data, 'int64', t.device);
  }
  return extremumDim(t, kind, dim, keepdim)[1];
}

/** var/std with Bessel's correction by default (unbiased=True / correction=1). */
export function variance(
  t: Tensor,
  dims: Dims = null,
  correction = 1,
  keepdim = false,
  takeSqrt = false,
): Tensor {
  if (!isFloating(t.dtype)) throw runtimeError('std and var only support floating point and complex dtypes');
  const axes = axesOf(dims, t.ndim);
  const count = axes == null ? t.numel : axes.reduce((n, a) => n * t.shape[a], 1);
  const denom = Math.max(0, count - correction);
  const fn = (x: tf.Tensor, ax: number[] | null, keep: boolean) => {
    const m = tf.mean(x, ax ?? undefined, true);
    const v = tf.div(tf.sum(tf.square(tf.sub(x, m)), ax ?? undefined, keep), denom);
    return takeSqrt ? tf.sqrt(v) : v;
  };
  return reduceWith(
    t,
    dims,
    keepdim,
    t.dtype,
    fn,
    takeSqrt ? ['StdBackward0', 'StdBackward0'] : ['VarBackward0', 'VarBackward0'],
    (g, x, o, ax) => {
      const m = tf.mean(x, ax ?? undefined, true);
      const dv = tf.mul(tf.div(tf.sub(x, m), denom), 2);
      const gv = takeSqrt ? tf.div(g, tf.mul(o, 2)) : g;
      return tf.mul(tf.broadcastTo(gv, x.shape), dv);
    },
  );
}

/** Running sum along `dim`; ints and bools sum as int64 unless `dtype` says otherwise, as in PyTorch. */
export function cumsum(t: Tensor, dim: number, dtype: DType | null = null): Tensor {
  const d = wrapDim(dim, t.ndim);
  const out = dtype ?? intToLong(t.dtype);
  const data = compute(t.device, () => {
    if (t.ndim === 0) return tf.clone(asTf(t, out));
    return tf.cumsum(asTf(t, out), d);
  });
  if (!isFloating(out)) return new Tensor(data, out, t.device);
  return makeResult(
    data,
    out,
    t.device,
    [t],
    'CumsumBackward0',
    (g) => [t.ndim === 0 ? g : tf.cumsum(g, d, false, true)],
    false,
  );
}

export function all(t: Tensor, dim: number | null = null, keepdim = false): Tensor {
  return reduceWith(
    t,
    dim,
    keepdim,
    'bool',
    (x, axes, keep) => tf.all(x, axes ?? undefined, keep),
    ['', ''],
    null,
    'bool',
  );
}
export function any(t: Tensor, dim: number | null = null, keepdim = false): Tensor {
  return reduceWith(
    t,
    dim,
    keepdim,
    'bool',
    (x, axes, keep) => tf.any(x, axes ?? undefined, keep),
    ['', ''],
    null,
    'bool',
  );
}

/** Euclidean norm (p=2) or p-norm over everything or a dim. */
export function norm(t: Tensor, p = 2, dims: Dims = null, keepdim = false): Tensor {
  if (!isFloating(t.dtype)) {
    throw runtimeError(
      `linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${scalarTypeName(t.dtype)}`,
    );
  }
  return reduceWith(
    t,
    dims,
    keepdim,
    t.dtype,
    (x, axes, keep) => tf.pow(tf.sum(tf.pow(tf.abs(x), p), axes ?? undefined, keep), 1 / p),
    ['LinalgVectorNormBackward0', 'LinalgVectorNormBackward0'],
    (g, x, o) =>
      tf.mul(
        tf.broadcastTo(g, x.shape),
        tf.div(tf.mul(tf.sign(x), tf.pow(tf.abs(x), p - 1)), tf.pow(tf.broadcastTo(o, x.shape), p - 1)),
      ),
  );
}
