// One optimizer step on one parameter (torch.optim's single-tensor algorithms, PyTorch 1.13): the
// parameter and its state tensors are updated in place, outside autograd.
import * as tf from '@tensorflow/tfjs-core';
import { onHost, hostData } from './host.js';
import { Tensor, compute } from './tensor.js';

const f32 = Math.fround;

/**
 * float32 tensors on a host backend (cpu, wasm) are updated in one pass over their values: one
 * read and one write per tensor instead of a dozen tfjs ops, which dominate a small training loop
 * (at any size: `onHost(…, Infinity)` below).
 */
function writeHost(t: Tensor, values: Float32Array): void {
  t.replaceData(hostData(values, t.dims, t.device));
}

/** Writes `fn`'s result into `t` (same Tensor object, as param.add_ does). */
function write(t: Tensor, data: tf.Tensor): void {
  t.replaceData(data);
}

/** A new state tensor (zeros like `p`, or a copy of `from`). */
export function stateLike(p: Tensor, from?: tf.Tensor): Tensor {
  return new Tensor(
    compute(p.device, () => (from ? tf.clone(from) : tf.zerosLike(p.data))),
    p.dtype,
    p.device,
  );
}

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}

/** SGD: returns the momentum buffer (created on the first step with momentum). */
export function sgdStep(p: Tensor, g: Tensor, buf: Tensor | null, o: SGDOptions): Tensor | null {
  if (onHost([p, g], Infinity) && (!buf || buf.dtype === 'float32')) return sgdHost(p, g, buf, o);
  let newBuf: Tensor | null = buf;
  const data = compute(p.device, () => {
    let d = g.data;
    if (o.maximize) d = tf.neg(d);
    if (o.weightDecay !== 0) d = tf.add(d, tf.mul(p.data, o.weightDecay));
    if (o.momentum !== 0) {
      if (!newBuf) {
        newBuf = new Tensor(tf.keep(tf.clone(d)), p.dtype, p.device);
      } else {
        write(newBuf, tf.keep(tf.add(tf.mul(newBuf.data, o.momentum), tf.mul(d, 1 - o.dampening))));
      }
      d = o.nesterov ? tf.add(d, tf.mul(newBuf.data, o.momentum)) : newBuf.data;
    }
    return tf.sub(p.data, tf.mul(d, o.lr));
  });
  write(p, data);
  return newBuf;
}

/** sgdStep's arithmetic, op for op in float32, over host values. */
function sgdHost(p: Tensor, g: Tensor, buf: Tensor | null, o: SGDOptions): Tensor | null {
  const P = p.readSync();
  const G = g.readSync();
  const B = buf?.readSync();
  const n = P.length;
  const np = new Float32Array(n);
  const nb = o.momentum !== 0 ? new Float32Array(n) : null;
  const [lr, wd, mom, damp] = [f32(o.lr), f32(o.weightDecay), f32(o.momentum), f32(1 - o.dampening)];
  for (let i = 0; i < n; i++) {
    let d = o.maximize ? -G[i] : G[i];
    if (o.weightDecay !== 0) d = f32(d + f32(P[i] * wd));
    if (nb) {
      const b = B ? f32(f32(B[i] * mom) + f32(d * damp)) : d;
      nb[i] = b;
      d = o.nesterov ? f32(d + f32(b * mom)) : b;
    }
    np[i] = f32(P[i] - f32(d * lr));
  }
  let newBuf = buf;
  if (nb) {
    if (newBuf) writeHost(newBuf, nb);
    else
      newBuf = new Tensor(
        compute(p.device, () => tf.tensor(nb, p.shape, 'float32')),
        'float32',
        p.device,
      );
  }
  writeHost(p, np);
  return newBuf;
}

export interface AdamOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
  /** AdamW: decoupled weight decay (param *= 1 - lr·wd) instead of adding wd·param to the gradient. */
  decoupled: boolean;
}

/** Adam / AdamW at step `step` (1 on the first call); exp_avg, exp_avg_sq (and max_exp_avg_sq) in place. */
export function adamStep(
  p: Tensor,
  g: Tensor,
  expAvg: Tensor,
  expAvgSq: Tensor,
  maxExpAvgSq: Tensor | null,
  step: number,
  o: AdamOptions,
): void {
  if (onHost([p, g, expAvg, expAvgSq], Infinity))
    return adamHost(p, g, expAvg, expAvgSq, maxExpAvgSq, step, o);
  const data = compute(p.device, () => {
    let grad = o.maximize ? tf.neg(g.data) : g.data;
    let param = p.data;
    if (o.weightDecay !== 0) {
      if (o.decoupled) param = tf.mul(param, 1 - o.lr * o.weightDecay);
      else grad = tf.add(grad, tf.mul(param, o.weightDecay));
    }
    const m = tf.keep(tf.add(tf.mul(expAvg.data, o.beta1), tf.mul(grad, 1 - o.beta1)));
    const v = tf.keep(tf.add(tf.mul(expAvgSq.data, o.beta2), tf.mul(tf.mul(grad, grad), 1 - o.beta2)));
    write(expAvg, m);
    write(expAvgSq, v);
    const bc1 = 1 - o.beta1 ** step;
    const bc2 = 1 - o.beta2 ** step;
    const stepSize = o.lr / bc1;
    let second = v;
    if (maxExpAvgSq) {
      const mx = tf.keep(tf.maximum(maxExpAvgSq.data, v));
      write(maxExpAvgSq, mx);
      second = mx;
    }
    const denom = tf.add(tf.div(tf.sqrt(second), Math.sqrt(bc2)), o.eps);
    return tf.sub(param, tf.mul(tf.div(m, denom), stepSize));
  });
  write(p, data);
}

/** adamStep's arithmetic, op for op in float32, over host values. */
function adamHost(
  p: Tensor,
  g: Tensor,
  expAvg: Tensor,
  expAvgSq: Tensor,
  maxExpAvgSq: Tensor | null,
  step: number,
  o: AdamOptions,
): void {
  const P = p.readSync();
  const G = g.readSync();
  const M = expAvg.readSync();
  const V = expAvgSq.readSync();
  const X = maxExpAvgSq?.readSync();
  const n = P.length;
  const [np, nm, nv] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  const nx = X ? new Float32Array(n) : null;
  const b1 = f32(o.beta1);
  const b2 = f32(o.beta2);
  const c1 = f32(1 - o.beta1);
  const c2 = f32(1 - o.beta2);
  const wd = f32(o.weightDecay);
  const decay = f32(1 - o.lr * o.weightDecay);
  const stepSize = f32(o.lr / (1 - o.beta1 ** step));
  const bc2Sqrt = f32(Math.sqrt(1 - o.beta2 ** step));
  const eps = f32(o.eps);
  for (let i = 0; i < n; i++) {
    let grad = o.maximize ? -G[i] : G[i];
    let param = P[i];
    if (o.weightDecay !== 0) {
      if (o.decoupled) param = f32(param * decay);
      else grad = f32(grad + f32(param * wd));
    }
    const m = f32(f32(M[i] * b1) + f32(grad * c1));
    const v = f32(f32(V[i] * b2) + f32(f32(grad * grad) * c2));
    nm[i] = m;
    nv[i] = v;
    let second = v;
    if (X && nx) second = nx[i] = Math.max(X[i], v);
    const denom = f32(f32(f32(Math.sqrt(second)) / bc2Sqrt) + eps);
    np[i] = f32(param - f32(f32(m / denom) * stepSize));
  }
  writeHost(expAvg, nm);
  writeHost(expAvgSq, nv);
  if (maxExpAvgSq && nx) writeHost(maxExpAvgSq, nx);
  writeHost(p, np);
}

export interface RMSpropOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

/** RMSprop: square_avg (grad_avg when centered, momentum_buffer with momentum) in place. */
export function rmspropStep(
  p: Tensor,
  g: Tensor,
  squareAvg: Tensor,
  gradAvg: Tensor | null,
  buf: Tensor | null,
  o: RMSpropOptions,
): void {
  const data = compute(p.device, () => {
    let grad = o.maximize ? tf.neg(g.data) : g.data;
    if (o.weightDecay !== 0) grad = tf.add(grad, tf.mul(p.data, o.weightDecay));
    const sq = tf.keep(tf.add(tf.mul(squareAvg.data, o.alpha), tf.mul(tf.mul(grad, grad), 1 - o.alpha)));
    write(squareAvg, sq);
    let avg: tf.Tensor;
    if (gradAvg) {
      const ga = tf.keep(tf.add(tf.mul(gradAvg.data, o.alpha), tf.mul(grad, 1 - o.alpha)));
      write(gradAvg, ga);
      avg = tf.add(tf.sqrt(tf.sub(sq, tf.mul(ga, ga))), o.eps);
    } else avg = tf.add(tf.sqrt(sq), o.eps);
    if (buf) {
      const b = tf.keep(tf.add(tf.mul(buf.data, o.momentum), tf.div(grad, avg)));
      write(buf, b);
      return tf.sub(p.data, tf.mul(b, o.lr));
    }
    return tf.sub(p.data, tf.mul(tf.div(grad, avg), o.lr));
  });
  write(p, data);
}
