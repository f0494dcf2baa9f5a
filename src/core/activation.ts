// softmax / log_softmax along a dim: one node each (SoftmaxBackward0, LogSoftmaxBackward0, as
// PyTorch), shifted by the max so that large inputs do not overflow.
import * as tf from '@tensorflow/tfjs-core';
import { isFloating, scalarTypeName } from './dtype.js';
import { runtimeError } from './errors.js';
import { wrapDim } from './shapes.js';
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
  return alongDim(t, dim, 'SoftmaxBackward0', softmaxTf, (g, y, axis) =>
    tf.mul(y, tf.sub(g, tf.sum(tf.mul(g, y), axis, true))),
  );
}

export function logSoftmax(t: Tensor, dim: number): Tensor {
  checkFloat(t, 'log_softmax_lastdim_kernel_impl');
  return alongDim(t, dim, 'LogSoftmaxBackward0', logSoftmaxTf, (g, y, axis) =>
    tf.sub(g, tf.mul(tf.exp(y), tf.sum(g, axis, true))),
  );
}
