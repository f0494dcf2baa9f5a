// Losses (torch.nn.functional). Each PyTorch loss with its own backward node (MseLossBackward0,
// NllLossBackward0, …) is one node here too, reduction included; l1_loss is composite in PyTorch
// (abs then mean) and here.
import * as tf from '@tensorflow/tfjs-core';
import { isFloating, scalarTypeName } from './dtype.js';
import { indexError, runtimeError, valueError } from './errors.js';
import { abs, asTf, commonDevice, div, mul, neg, sub } from './elementwise.js';
import { logSoftmax, renamedNode } from './activation.js';
import { mean, sum } from './reduction.js';
import { broadcastShapes, sizeString } from './shapes.js';
import { gradValues, hostData, onHost } from './host.js';
import { Tensor, compute, makeResult } from './tensor.js';

export type Reduction = 'mean' | 'sum' | 'none';

export function checkReduction(r: string): Reduction {
  if (r === 'mean' || r === 'sum' || r === 'none') return r;
  throw valueError(`${r} is not a valid value for reduction`);
}

/** Per-element loss → reduced tf tensor. */
function reduceTf(x: tf.Tensor, reduction: Reduction): tf.Tensor {
  return reduction === 'none' ? x : reduction === 'sum' ? tf.sum(x) : tf.mean(x);
}
/** The output's gradient spread back over `shape` elements, as the reduction distributes it. */
function spreadTf(g: tf.Tensor, shape: readonly number[], reduction: Reduction): tf.Tensor {
  if (reduction === 'none') return g;
  const n = shape.reduce((a, b) => a * b, 1);
  const b = tf.broadcastTo(g, shape as number[]);
  return reduction === 'mean' ? tf.div(b, n) : b;
}

function checkFloat(name: string, ...ts: Tensor[]): void {
  for (const t of ts)
    if (!isFloating(t.dtype))
      throw runtimeError(`"${name}" not implemented for '${scalarTypeName(t.dtype).replace('Tensor', '')}'`);
}

/**
 * A pointwise loss of input and target as one node: `forward` gives the per-element loss, `grads`
 * the gradients of input and target from the per-element output gradient.
 */
function pointwiseLoss(
  name: string,
  input: Tensor,
  target: Tensor,
  reduction: Reduction,
  forward: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor,
  grads: (ge: tf.Tensor, x: tf.Tensor, y: tf.Tensor) => [tf.Tensor | null, tf.Tensor | null],
): Tensor {
  const shape = broadcastShapes(input.shape, target.shape);
  const dtype = input.dtype;
  const device = commonDevice([input, target]);
  const data = compute(device, () => reduceTf(forward(asTf(input, dtype), asTf(target, dtype)), reduction));
  return makeResult(data, dtype, device, [input, target], name, (g) => {
    const x = asTf(input, dtype);
    const y = asTf(target, dtype);
    return grads(spreadTf(g, shape, reduction), x, y);
  });
}

export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  checkFloat('mse_cpu', input);
  if (onHost([input, target]) && input.dims.join() === target.dims.join())
    return mseLossHost(input, target, reduction);
  return pointwiseLoss(
    'MseLossBackward0',
    input,
    target,
    reduction,
    (x, y) => tf.square(tf.sub(x, y)),
    (ge, x, y) => {
      const d = tf.mul(tf.mul(tf.sub(x, y), 2), ge);
      return [d, tf.neg(d)];
    },
  );
}

/** mse_loss of same-shape float32 tensors over host values, rounded as tfjs-cpu's sub, square and mean are. */
function mseLossHost(input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  const f32 = Math.fround;
  const X = input.readSync();
  const Y = target.readSync();
  const n = X.length;
  const each = new Float32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const d = f32(X[i]! - Y[i]!);
    each[i] = f32(d * d);
    // tfjs-cpu's mean sums the values already divided by their count
    total += reduction === 'mean' ? f32(each[i] / n) : each[i];
  }
  const data = hostData(
    reduction === 'none' ? each : Float32Array.of(f32(total)),
    reduction === 'none' ? input.dims : [],
    input.device,
  );
  return makeResult(data, input.dtype, input.device, [input, target], 'MseLossBackward0', (g) => {
    const G = gradValues(g);
    const Xs = input.readSync();
    const Ys = target.readSync();
    const gx = new Float32Array(n);
    const scale = reduction === 'mean' ? f32(G[0] / n) : G[0];
    for (let i = 0; i < n; i++)
      gx[i] = f32(f32(f32(Xs[i]! - Ys[i]!) * 2) * (reduction === 'none' ? G[i] : scale));
    const gy = target.requiresGrad ? gx.map((v) => -v) : null;
    return [tf.tensor(gx, input.shape, 'float32'), gy && tf.tensor(gy, target.shape, 'float32')];
  });
}

export function l1Loss(input: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  const d = abs(sub(input, target));
  return reduction === 'none' ? d : reduction === 'sum' ? sum(d) : mean(d);
}

export function binaryCrossEntropy(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  reduction: Reduction = 'mean',
): Tensor {
  if (input.shape.join() !== target.shape.join()) {
    throw valueError(
      `Using a target size (${sizeString(target.shape)}) that is different to the input size (${sizeString(input.shape)}) is deprecated. Please ensure they have the same size.`,
    );
  }
  checkFloat('binary_cross_entropy', input);
  if (input.device === 'cpu' && Array.from(input.readSync()).some((v) => !(v >= 0 && v <= 1))) {
    throw runtimeError('all elements of input should be between 0 and 1');
  }
  const w = (t: tf.Tensor) => (weight ? tf.mul(t, asTf(weight, input.dtype)) : t);
  return pointwiseLoss(
    'BinaryCrossEntropyBackward0',
    input,
    target,
    reduction,
    // PyTorch clamps each log at -100 so that 0 * log(0) stays finite
    (x, y) =>
      w(
        tf.neg(
          tf.add(
            tf.mul(y, tf.maximum(tf.log(x), -100)),
            tf.mul(tf.sub(1, y), tf.maximum(tf.log(tf.sub(1, x)), -100)),
          ),
        ),
      ),
    (ge, x, y) => {
      const gx = w(tf.div(tf.mul(ge, tf.sub(x, y)), tf.maximum(tf.mul(tf.sub(1, x), x), 1e-12)));
      const gy = w(tf.mul(ge, tf.sub(tf.maximum(tf.log(tf.sub(1, x)), -100), tf.maximum(tf.log(x), -100))));
      return [gx, gy];
    },
  );
}

export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  reduction: Reduction = 'mean',
  posWeight: Tensor | null = null,
): Tensor {
  if (input.shape.join() !== target.shape.join()) {
    throw valueError(
      `Target size (${sizeString(target.shape)}) must be the same as input size (${sizeString(input.shape)})`,
    );
  }
  checkFloat('binary_cross_entropy_with_logits', input);
  const dtype = input.dtype;
  const w = (t: tf.Tensor) => (weight ? tf.mul(t, asTf(weight, dtype)) : t);
  // (1 - y)·x + (1 + (pw - 1)·y)·(log1p(exp(-|x|)) + max(-x, 0)), stable for large |x|
  const logw = (y: tf.Tensor) => (posWeight ? tf.add(1, tf.mul(tf.sub(asTf(posWeight, dtype), 1), y)) : null);
  return pointwiseLoss(
    'BinaryCrossEntropyWithLogitsBackward0',
    input,
    target,
    reduction,
    (x, y) => {
      const softplusNeg = tf.add(tf.log1p(tf.exp(tf.neg(tf.abs(x)))), tf.relu(tf.neg(x)));
      const lw = logw(y);
      return w(tf.add(tf.mul(tf.sub(1, y), x), lw ? tf.mul(lw, softplusNeg) : softplusNeg));
    },
    (ge, x, y) => {
      const s = tf.sigmoid(x);
      const pw = posWeight ? asTf(posWeight, dtype) : null;
      // d/dx: σ(x)·(1 + (pw-1)·y) - pw·y  (σ(x) - y without pos_weight)
      const dx = pw ? tf.sub(tf.mul(s, logw(y) as tf.Tensor), tf.mul(pw, y)) : tf.sub(s, y);
      const softplusNeg = tf.add(tf.log1p(tf.exp(tf.neg(tf.abs(x)))), tf.relu(tf.neg(x)));
      const dy = pw ? tf.sub(tf.neg(x), tf.mul(tf.sub(pw, 1), tf.neg(softplusNeg))) : tf.neg(x);
      return [w(tf.mul(ge, dx)), w(tf.mul(ge, dy))];
    },
  );
}

/** F.nll_loss for input [N, C] (or [C]) of log-probabilities and int64 class targets [N] (or []). */
export function nllLoss(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  ignoreIndex = -100,
  reduction: Reduction = 'mean',
): Tensor {
  if (target.dtype !== 'int64')
    throw runtimeError(
      `expected scalar type Long but found ${scalarTypeName(target.dtype).replace('Tensor', '')}`,
    );
  if (input.ndim < 1 || input.ndim > 2) throw valueError(`Expected 2 dimensions (got ${input.ndim})`);
  const single = input.ndim === 1;
  if (single ? target.ndim !== 0 : target.ndim !== 1) {
    throw runtimeError(`0D or 1D target tensor expected, multi-target not supported`);
  }
  const n = single ? 1 : input.shape[0];
  const c = single ? input.shape[0] : input.shape[1];
  const tn = single ? 1 : target.shape[0];
  if (tn !== n) throw valueError(`Expected input batch_size (${n}) to match target batch_size (${tn}).`);
  checkFloat('nll_loss_forward_reduce_cuda_kernel_2d_index', input);
  if (weight && (weight.ndim !== 1 || weight.shape[0] !== c)) {
    throw runtimeError(
      `weight tensor should be defined either for all ${c} classes or no classes but got weight tensor of shape: ${sizeString(weight.shape)}`,
    );
  }
  if (target.device === 'cpu') {
    for (const v of Array.from(target.readSync())) {
      if (v !== ignoreIndex && (v < 0 || v >= c)) throw indexError(`Target ${v} is out of bounds.`);
    }
  }
  const dtype = input.dtype;
  const device = commonDevice([input, target]);
  if (onHost([input]) && target.device === device && (!weight || onHost([input, weight])))
    return nllLossHost(input, target, weight, ignoreIndex, reduction, n, c);
  // [N, C] mask of each row's target class, times the class weight (0 for ignored rows)
  const picks = () => {
    const t = tf.reshape(tf.cast(target.data, 'int32'), [n]);
    const valid = tf.notEqual(t, ignoreIndex);
    const safe = tf.where(valid, t, tf.zerosLike(t));
    let w = tf.cast(valid, 'float32');
    if (weight) w = tf.mul(w, tf.gather(asTf(weight, dtype), safe));
    // oneHot's dtype argument is ignored by tfjs-wasm in the browser (int32 bits read as float): cast
    return { mask: tf.mul(tf.cast(tf.oneHot(safe, c), 'float32'), tf.reshape(w, [n, 1])), w };
  };
  const data = compute(device, () => {
    const { mask, w } = picks();
    const x = tf.reshape(asTf(input, dtype), [n, c]);
    const each = tf.neg(tf.sum(tf.mul(x, mask), 1));
    if (reduction === 'none') return single ? tf.reshape(each, []) : each;
    if (reduction === 'sum') return tf.sum(each);
    return tf.div(tf.sum(each), tf.sum(w));
  });
  return makeResult(data, dtype, device, [input], 'NllLossBackward0', (g) => {
    const { mask, w } = picks();
    let ge: tf.Tensor;
    if (reduction === 'none') ge = tf.reshape(g, [n, 1]);
    else if (reduction === 'sum') ge = tf.reshape(g, [1, 1]);
    else ge = tf.reshape(tf.div(g, tf.sum(w)), [1, 1]);
    // 0 - m·g rather than -(m·g): PyTorch's zeros for the other classes are +0
    return [tf.reshape(tf.sub(0, tf.mul(mask, ge)), input.shape)];
  });
}

/**
 * nll_loss over host values: each row's target class picked directly (no one-hot mask), with
 * tfjs-cpu's float32 rounding of the same sums (float64 accumulation, rounded once).
 */
function nllLossHost(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  ignoreIndex: number,
  reduction: Reduction,
  n: number,
  c: number,
): Tensor {
  const f32 = Math.fround;
  const X = input.readSync();
  const T = target.readSync();
  const W = weight?.readSync();
  // each row's class (-1: ignored) and weight
  const cls = new Int32Array(n);
  const w = new Float32Array(n);
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const t = T[i]!;
    cls[i] = t === ignoreIndex ? -1 : t;
    w[i] = t === ignoreIndex ? 0 : W ? W[t]! : 1;
    wsum += w[i];
  }
  wsum = f32(wsum);
  const each = new Float32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    each[i] = cls[i] < 0 ? 0 : -f32(X[i * c + cls[i]]! * w[i]);
    total += each[i];
  }
  const single = input.ndim === 1;
  let out: Float32Array;
  let shape: number[];
  if (reduction === 'none') [out, shape] = [each, single ? [] : [n]];
  else [out, shape] = [Float32Array.of(reduction === 'sum' ? f32(total) : f32(f32(total) / wsum)), []];
  const data = hostData(out, shape, input.device);
  return makeResult(data, input.dtype, input.device, [input], 'NllLossBackward0', (g) => {
    const G = gradValues(g);
    const grad = new Float32Array(n * c);
    const scale = reduction === 'mean' ? f32(G[0] / wsum) : G[0];
    for (let i = 0; i < n; i++) {
      if (cls[i] < 0) continue;
      const ge = reduction === 'none' ? G[i] : scale;
      grad[i * c + cls[i]] = -f32(w[i] * ge);
    }
    return [tf.tensor(grad, input.shape, 'float32')];
  });
}

/** F.cross_entropy: nll_loss(log_softmax(input, 1), target), or soft targets (class probabilities). */
export function crossEntropy(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null = null,
  ignoreIndex = -100,
  reduction: Reduction = 'mean',
): Tensor {
  const dim = input.ndim === 1 ? 0 : 1;
  if (isFloating(target.dtype) && target.shape.join() === input.shape.join()) {
    // class probabilities: -(log_softmax · target) summed over classes; the mean divides by the batch size
    const each = neg(sum(mul(logSoftmax(input, dim), target), dim));
    if (reduction === 'none') return each;
    const total = sum(each);
    return reduction === 'sum'
      ? total
      : renamedNode(div(total, input.ndim === 1 ? 1 : input.shape[0]), 'DivBackward1');
  }
  return nllLoss(logSoftmax(input, dim), target, weight, ignoreIndex, reduction);
}
