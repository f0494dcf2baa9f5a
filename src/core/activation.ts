// Activations over a dim, composed from core ops so autograd records each step; the result's
// node carries PyTorch's name (SoftmaxBackward0, LogSoftmaxBackward0).
import { detach } from './shapeops.js';
import { div, exp, log, sub } from './elementwise.js';
import { extremumDim, sum } from './reduction.js';
import { GradNode, type Tensor } from './tensor.js';

/** `out` with its grad_fn shown under PyTorch's name (for ops composed of several core ops). */
export function renamedNode(out: Tensor, name: string): Tensor {
  const node = out.gradFn;
  if (node) out.gradFn = new GradNode(name, node.inputs, node.backwardFn, node.savesTensors);
  return out;
}

/** softmax along `dim`, shifted by the (detached) max so large inputs do not overflow. */
export function softmax(t: Tensor, dim: number): Tensor {
  const shifted = sub(t, detach(extremumDim(t, 'max', dim, true)[0]));
  const e = exp(shifted);
  return renamedNode(div(e, sum(e, dim, true)), 'SoftmaxBackward0');
}

/** x - max - log(sum(exp(x - max))): exact for very negative log-probabilities, unlike log(softmax). */
export function logSoftmax(t: Tensor, dim: number): Tensor {
  const shifted = sub(t, detach(extremumDim(t, 'max', dim, true)[0]));
  return renamedNode(sub(shifted, log(sum(exp(shifted), dim, true))), 'LogSoftmaxBackward0');
}
