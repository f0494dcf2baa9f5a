// One optimizer step on one parameter (torch.optim's single-tensor algorithms, PyTorch 1.13): the
// parameter and its state tensors are updated in place, outside autograd.
import * as tf from '@tensorflow/tfjs-core';
import { Tensor, compute } from './tensor.js';

/** Writes `fn`'s result into `t` (same Tensor object, as param.add_ does). */
function write(t: Tensor, data: tf.Tensor): void {
  t.replaceData(data);
}

/** A new state tensor (zeros like `p`, or a copy of `from`). */
export function stateLike(p: Tensor, from?: tf.Tensor): Tensor {
  return new Tensor(compute(p.device, () => (from ? tf.clone(from) : tf.zerosLike(p.data))), p.dtype, p.device);
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
export function adamStep(p: Tensor, g: Tensor, expAvg: Tensor, expAvgSq: Tensor, maxExpAvgSq: Tensor | null, step: number, o: AdamOptions): void {
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
export function rmspropStep(p: Tensor, g: Tensor, squareAvg: Tensor, gradAvg: Tensor | null, buf: Tensor | null, o: RMSpropOptions): void {
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
