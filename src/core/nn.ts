// torch.nn.functional's layers: linear (addmm), leaky_relu, dropout, one_hot, normalize, with
// PyTorch's errors and grad_fn names.
import * as tf from '@tensorflow/tfjs-core';
import { rand } from './creation.js';
import { isFloating, scalarTypeName } from './dtype.js';
import { runtimeError } from './errors.js';
import { add, clamp, commonDevice, compare, div, mul, unary } from './elementwise.js';
import { matmul } from './linalg.js';
import { norm } from './reduction.js';
import { t2d } from './shapeops.js';
import { pyFloat } from './scalar.js';
import { Tensor, compute, makeResult } from './tensor.js';

/** F.linear: x @ wᵀ + b; one AddmmBackward0 node for a 2-D input with bias, as PyTorch. */
export function linear(x: Tensor, w: Tensor, b: Tensor | null): Tensor {
  if (x.ndim === 2 && w.ndim === 2 && b) {
    const [n, k] = x.shape;
    const [o, kw] = w.shape;
    if (k !== kw) throw runtimeError(`mat1 and mat2 shapes cannot be multiplied (${n}x${k} and ${kw}x${o})`);
    if (x.dtype !== w.dtype) throw runtimeError('mat1 and mat2 must have the same dtype');
    if (x.dtype !== b.dtype)
      throw runtimeError(
        `expected scalar type ${scalarTypeName(x.dtype)} but found ${scalarTypeName(b.dtype)}`,
      );
    if (!isFloating(x.dtype))
      throw runtimeError(
        `"addmm_impl_cpu_" not implemented for '${scalarTypeName(x.dtype).replace('Tensor', '')}'`,
      );
    const device = commonDevice([x, w, b]);
    const data = compute(device, () => tf.add(tf.matMul(x.data, w.data, false, true), b.data));
    return makeResult(data, x.dtype, device, [b, x, w], 'AddmmBackward0', (g) => [
      tf.sum(g, 0),
      tf.matMul(g, w.data),
      tf.matMul(g, x.data, true, false),
    ]);
  }
  const y = matmul(x, t2d(w));
  return b ? add(y, b) : y;
}

export function leakyRelu(t: Tensor, slope = 0.01): Tensor {
  return unary(t, {
    name: 'LeakyReluBackward0',
    fn: (x) => tf.leakyRelu(x, slope),
    grad: (g, x) => tf.mul(g, tf.where(tf.greater(x, 0), tf.onesLike(x), tf.fill(x.shape, slope, x.dtype))),
  });
}

/** F.dropout: zeroes each element with probability p (drawn from the global generator), scales the rest by 1/(1-p). */
export function dropout(t: Tensor, p = 0.5, training = true): Tensor {
  if (p < 0 || p > 1) throw runtimeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return t;
  if (p === 1) return mul(t, 0);
  const keep = compare('ge', rand(t.shape, { dtype: t.dtype, device: t.device }), pyFloat(p));
  return mul(t, div(keep, pyFloat(1 - p)));
}

/** F.one_hot: int64 classes → int64 [..., num_classes]. */
export function oneHot(t: Tensor, numClasses = -1): Tensor {
  if (t.dtype !== 'int64') throw runtimeError('one_hot is only applicable to index tensor.');
  const values = t.readSync();
  let max = -1;
  for (const v of Array.from(values)) {
    if (v < 0) throw runtimeError('Class values must be non-negative.');
    max = Math.max(max, v);
  }
  const n = numClasses === -1 ? max + 1 : numClasses;
  if (numClasses !== -1 && max >= numClasses)
    throw runtimeError('Class values must be smaller than num_classes.');
  const data = compute(t.device, () => tf.cast(tf.oneHot(tf.cast(t.data, 'int32'), n), 'int32'));
  return new Tensor(data, 'int64', t.device);
}

/** F.normalize: x / max(‖x‖_p along dim, eps). */
export function normalize(t: Tensor, p = 2, dim = 1, eps = 1e-12): Tensor {
  return div(t, clamp(norm(t, p, dim, true), pyFloat(eps), null));
}
