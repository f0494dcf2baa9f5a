// torch.nn.functional's layers: linear (addmm), leaky_relu, dropout, one_hot, normalize, with
// PyTorch's errors and grad_fn names.
import * as tf from '@tensorflow/tfjs-core';
import { fromValues } from './creation.js';
import { uniformSamples } from './random.js';
import { isFloating, scalarTypeName } from './dtype.js';
import { cpuMoveArmed, noteCpuWork } from './device.js';
import { runtimeError } from './errors.js';
import { add, clamp, commonDevice, div, mul, unary } from './elementwise.js';
import { matmul } from './linalg.js';
import { norm } from './reduction.js';
import { t2d } from './shapeops.js';
import { pyFloat } from './scalar.js';
import { gradValues, hostData, onHost } from './host.js';
import { Tensor, compute, makeResult, mapValues } from './tensor.js';

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
    if (b.ndim === 1 && b.dims[0] === o && n * k * o <= HOST_MACS && onHost([x, w, b]))
      return addmmHost(x, w, b, n, k, o);
    if (cpuMoveArmed && device === 'cpu') noteCpuWork(0, n * k * o);
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

/** Up to this many multiply-adds a small layer is faster in a JS loop than in tfjs's kernels. */
const HOST_MACS = 1 << 16;

/**
 * x @ wᵀ + b over host values (x [n, k], w [o, k], b [o]), rounded as tfjs-cpu's matMul and add
 * are: products summed in float64, each result rounded to float32.
 */
function addmmHost(x: Tensor, w: Tensor, b: Tensor, n: number, k: number, o: number): Tensor {
  const f32 = Math.fround;
  const X = x.readSync();
  const W = w.readSync();
  const B = b.readSync();
  const out = new Float32Array(n * o);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < o; j++) {
      let acc = 0;
      for (let q = 0; q < k; q++) acc += X[i * k + q]! * W[j * k + q]!;
      out[i * o + j] = f32(f32(acc) + B[j]!);
    }
  const data = hostData(out, [n, o], x.device);
  return makeResult(data, x.dtype, x.device, [b, x, w], 'AddmmBackward0', (g) => {
    const G = gradValues(g);
    const Xs = x.readSync();
    const Ws = w.readSync();
    const gb = new Float32Array(o);
    const gx = new Float32Array(n * k);
    const gw = new Float32Array(o * k);
    for (let j = 0; j < o; j++) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += G[i * o + j];
      gb[j] = acc;
    }
    for (let i = 0; i < n; i++)
      for (let q = 0; q < k; q++) {
        let acc = 0;
        for (let j = 0; j < o; j++) acc += G[i * o + j] * Ws[j * k + q]!;
        gx[i * k + q] = acc;
      }
    for (let j = 0; j < o; j++)
      for (let q = 0; q < k; q++) {
        let acc = 0;
        for (let i = 0; i < n; i++) acc += G[i * o + j] * Xs[i * k + q]!;
        gw[j * k + q] = acc;
      }
    return [
      b.requiresGrad ? tf.tensor(gb, [o], 'float32') : null,
      x.requiresGrad ? tf.tensor(gx, [n, k], 'float32') : null,
      w.requiresGrad ? tf.tensor(gw, [o, k], 'float32') : null,
    ];
  });
}

export function leakyRelu(t: Tensor, slope = 0.01): Tensor {
  return unary(t, {
    name: 'LeakyReluBackward0',
    fn: (x) => tf.leakyRelu(x, slope),
    grad: (g, x) => tf.mul(g, tf.where(tf.greater(x, 0), tf.onesLike(x), tf.fill(x.shape, slope, x.dtype))),
  });
}

/**
 * F.dropout as PyTorch does it on the CPU: a noise tensor filled by bernoulli_(1 - p) (one 53-bit
 * uniform draw from the global generator per element, kept when below 1 - p), divided by 1 - p,
 * times the input; so a seeded program drops the same elements.
 */
export function dropout(t: Tensor, p = 0.5, training = true): Tensor {
  if (p < 0 || p > 1) throw runtimeError(`dropout probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0 || t.numel === 0) return t;
  if (p === 1) return mul(t, 0);
  const draws = uniformSamples(t.numel, true);
  const keep = mapValues(draws, new Float64Array(draws.length), (u) => (u < 1 - p ? 1 : 0));
  const noise = fromValues(keep, [...t.shape], isFloating(t.dtype) ? t.dtype : 'float32', t.device);
  return mul(t, div(noise, pyFloat(1 - p)));
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
