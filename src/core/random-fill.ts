// Random fills (uniform_, normal_) and normal(mean, std) with tensors: samples from the session's generator or a given one.
import { normal, rand, randn } from './creation.js';
import { add, mul } from './elementwise.js';
import { copyFrom } from './inplace.js';
import type { MT19937 } from './random.js';
import { type Operand, pyFloat } from './scalar.js';
import { broadcastShapes } from './shapes.js';
import { Tensor } from './tensor.js';

export function uniformFill(t: Tensor, from = 0, to = 1, generator: MT19937 | null = null): Tensor {
  const r = rand(t.shape, { dtype: t.dtype, device: t.device, generator });
  return copyFrom(t, add(mul(r, pyFloat(to - from)), pyFloat(from)));
}

export function normalFill(t: Tensor, mean = 0, std = 1, generator: MT19937 | null = null): Tensor {
  return copyFrom(t, normal(mean, std, t.shape, { dtype: t.dtype, device: t.device, generator }));
}

/** torch.normal(mean, std) with a tensor mean and/or std: one sample per broadcast element. */
export function normalOf(mean: Operand, std: Operand): Tensor {
  const meanT = mean instanceof Tensor ? mean : null;
  const stdT = std instanceof Tensor ? std : null;
  const shape = broadcastShapes(meanT?.shape ?? [], stdT?.shape ?? []);
  const z = randn(shape, { dtype: meanT?.dtype ?? stdT?.dtype });
  return add(mul(z, std), mean);
}
