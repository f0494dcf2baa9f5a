// softmax / log_softmax along a dim: one node each (SoftmaxBackward0, LogSoftmaxBackward0, as
// PyTorch), shifted by the max so that large inputs do not overflow.
import * as tf from '@tensorflow/tfjs-core';
import { isFloating, scalarTypeName } from './dtype.js';
import { runtimeError } from './errors.js';
import { wrapDim } from './shapes.js';
import { gradValues, hostData, onHost } from './host.js';
import { expf, laneSum } from './sleef.js';
import { GradNode, Tensor, compute, makeResult } from './tensor.js';

/** `out` with its grad_fn shown under PyTorch's name (for ops composed of several core ops). */
export function renamedNode(out: Tensor, name: string): Tensor {
  const node = out.gradFn;
  if (node) out.gradFn = new GradNode(name, node.inputs, node.backwardFn, node.savesTensors);
  return out;
}

function checkFloat(t: Tensor, name: string): void {
  if (!isFloating(t.dtype)) throw runtimeError(`"${name}" not implemented for '${scalarTypeName(t.dtype)}'`);
}

/** x - max(x) along `axis`. */
function shifted(x: tf.Tensor, axis: number): tf.Tensor {
  return tf.sub(x, tf.max(x, axis, true));
}
const softmaxTf = (x: tf.Tensor, axis: number) => {
  const e = tf.exp(shifted(x, axis));
  return tf.div(e, tf.sum(e, axis, true));
};
const logSoftmaxTf = (x: tf.Tensor, axis: number) => {
  const s = shifted(x, axis);
  return tf.sub(s, tf.log(tf.sum(tf.exp(s), axis, true)));
};

/**
 * One node over `t` along `dim` (a 0-d tensor is taken as one element). Backward recomputes the
 * forward from the input, as the core's other nodes do, so an in-place change of the output is harmless.
 */
function alongDim(
  t: Tensor,
  dim: number,
  name: string,
  fn: (x: tf.Tensor, axis: number) => tf.Tensor,
  grad: (g: tf.Tensor, y: tf.Tensor, axis: number) => tf.Tensor,
): Tensor {
  const axis = wrapDim(dim, Math.max(t.ndim, 1));
  const input = () => (t.ndim === 0 ? tf.reshape(t.data, [1]) : t.data);
  const data = compute(t.device, () => tf.reshape(fn(input(), axis), t.shape));
  return makeResult(data, t.dtype, t.device, [t], name, (g) => {
    const y = fn(input(), axis);
    return [tf.reshape(grad(tf.reshape(g, y.shape), y, axis), t.shape)];
  });
}

export function softmax(t: Tensor, dim: number): Tensor {
  checkFloat(t, 'softmax_lastdim_kernel_impl');
  if (onHost([t]) && wrapDim(dim, Math.max(t.ndim, 1)) === Math.max(t.ndim, 1) - 1) return softmaxHost(t);
  return alongDim(t, dim, 'SoftmaxBackward0', softmaxTf, (g, y, axis) =>
    tf.mul(y, tf.sub(g, tf.sum(tf.mul(g, y), axis, true))),
  );
}

export function logSoftmax(t: Tensor, dim: number): Tensor {
  checkFloat(t, 'log_softmax_lastdim_kernel_impl');
  if (onHost([t]) && wrapDim(dim, Math.max(t.ndim, 1)) === Math.max(t.ndim, 1) - 1) return logSoftmaxHost(t);
  return alongDim(t, dim, 'LogSoftmaxBackward0', logSoftmaxTf, (g, y, axis) =>
    tf.sub(g, tf.mul(tf.exp(y), tf.sum(g, axis, true))),
  );
}

/**
 * softmax along the last dim over host values as PyTorch's CPU kernel computes it: Sleef's exp of
 * x - max, the row's sum in vector lanes, and the values times its reciprocal (not divided by
 * it), so the probabilities (and their sums) are PyTorch's to the last bit.
 */
function softmaxRows(x: ArrayLike<number>, width: number): Float32Array {
  const f32 = Math.fround;
  const y = new Float32Array(x.length);
  for (let r = 0; r < x.length; r += width) {
    let max = -Infinity;
    for (let j = r; j < r + width; j++) if (x[j]! > max || Number.isNaN(x[j])) max = x[j]!;
    for (let j = r; j < r + width; j++) y[j] = expf(f32(x[j]! - max));
    const inverse = f32(1 / laneSum(y, r, r + width));
    for (let j = r; j < r + width; j++) y[j] = f32(y[j] * inverse);
  }
  return y;
}

function softmaxHost(t: Tensor): Tensor {
  const width = t.ndim === 0 ? 1 : t.dims[t.ndim - 1];
  const data = hostData(softmaxRows(t.readSync(), width), t.dims, t.device);
  return makeResult(data, t.dtype, t.device, [t], 'SoftmaxBackward0', (g) => {
    // recomputed from the input, as the tfjs path does: y * (g - sum(g * y))
    const y = softmaxRows(t.readSync(), width);
    const G = gradValues(g);
    const out = new Float32Array(y.length);
    const f32 = Math.fround;
    for (let r = 0; r < y.length; r += width) {
      let dot = 0;
      for (let j = r; j < r + width; j++) dot = f32(dot + f32(G[j] * y[j]));
      for (let j = r; j < r + width; j++) out[j] = f32(y[j] * f32(G[j] - dot));
    }
    return [tf.tensor(out, t.shape, 'float32')];
  });
}

/** log_softmax along the last dim over host values, rounded to float32 after each step as tfjs-cpu does. */
function logSoftmaxRows(x: ArrayLike<number>, width: number): Float32Array {
  const f32 = Math.fround;
  const y = new Float32Array(x.length);
  for (let r = 0; r < x.length; r += width) {
    let max = -Infinity;
    for (let j = r; j < r + width; j++) if (x[j]! > max || Number.isNaN(x[j])) max = x[j]!;
    let sum = 0;
    for (let j = r; j < r + width; j++) {
      y[j] = f32(x[j]! - max);
      sum += f32(Math.exp(y[j]));
    }
    const logSum = f32(Math.log(f32(sum)));
    for (let j = r; j < r + width; j++) y[j] = f32(y[j] - logSum);
  }
  return y;
}

function logSoftmaxHost(t: Tensor): Tensor {
  const f32 = Math.fround;
  const width = t.ndim === 0 ? 1 : t.dims[t.ndim - 1];
  const data = hostData(logSoftmaxRows(t.readSync(), width), t.dims, t.device);
  return makeResult(data, t.dtype, t.device, [t], 'LogSoftmaxBackward0', (g) => {
    // recomputed from the input, as the tfjs path does
    const y = logSoftmaxRows(t.readSync(), width);
    const G = gradValues(g);
    const out = new Float32Array(y.length);
    for (let r = 0; r < y.length; r += width) {
      let sum = 0;
      for (let j = r; j < r + width; j++) sum += G[j];
      const s = f32(sum);
      for (let j = r; j < r + width; j++) out[j] = f32(G[j] - f32(f32(Math.exp(y[j])) * s));
    }
    return [tf.tensor(out, t.shape, 'float32')];
  });
}
