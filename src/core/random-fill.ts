// In-place random fills (uniform_, normal_): new samples from the global generator, copied in.
import { normal, rand } from './creation.js';
import { add, mul } from './elementwise.js';
import { copyFrom } from './inplace.js';
import { pyFloat } from './scalar.js';
import type { Tensor } from './tensor.js';

export function uniformFill(t: Tensor, from = 0, to = 1): Tensor {
  const r = rand(t.shape, { dtype: t.dtype, device: t.device });
  return copyFrom(t, add(mul(r, pyFloat(to - from)), pyFloat(from)));
}

export function normalFill(t: Tensor, mean = 0, std = 1): Tensor {
  return copyFrom(t, normal(mean, std, t.shape, { dtype: t.dtype, device: t.device }));
}
