// Activations over a dim, composed from core ops so autograd records each step.
import { detach } from './shapeops.js';
import { div, exp, log, sub } from './elementwise.js';
import { extremumDim, sum } from './reduction.js';
import type { Tensor } from './tensor.js';

/** softmax along `dim`, shifted by the (detached) max so large inputs do not overflow. */
export function softmax(t: Tensor, dim: number): Tensor {
  const shifted = sub(t, detach(extremumDim(t, 'max', dim, true)[0]));
  const e = exp(shifted);
  return div(e, sum(e, dim, true));
}

export function logSoftmax(t: Tensor, dim: number): Tensor {
  return log(softmax(t, dim));
}
