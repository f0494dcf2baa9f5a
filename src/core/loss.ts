// Losses (torch.nn.functional), composed from core ops so autograd records each step.
import { pow, sub } from './elementwise.js';
import { mean, sum } from './reduction.js';
import type { Tensor } from './tensor.js';

export type Reduction = 'mean' | 'sum' | 'none';

export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor {
  const sq = pow(sub(input, target), 2);
  return reduction === 'sum' ? sum(sq) : reduction === 'none' ? sq : mean(sq);
}
