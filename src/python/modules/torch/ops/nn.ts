// torch.nn.functional's ops (activations over a dim, losses). The activations that are plain
// elementwise ops (relu, sigmoid, tanh) are in elementwise.ts with torch.nn.functional in `modules`.
import * as core from '../../../../core/index.js';
import { toIndex } from '../../../objects.js';
import { requireTensor } from '../convert.js';
import type { TensorOps, TorchFunctions } from '../op.js';

const both = ['torch', 'torch.nn.functional'] as const;

export const nnOps = {
  softmax: { kind: 'both', params: 'dim, dtype=None', modules: both, doc: 'exp(x) / sum(exp(x)) along dim', impl: (t, a) => core.softmax(t, toIndex(a.dim)) },
  log_softmax: { kind: 'both', params: 'dim, dtype=None', modules: both, doc: 'log of softmax along dim', impl: (t, a) => core.logSoftmax(t, toIndex(a.dim)) },
} satisfies TensorOps;

export const nnFunctions = {
  mse_loss: {
    params: 'input, target, size_average=None, reduce=None, reduction="mean"',
    modules: ['torch.nn.functional'],
    doc: "mean squared error; reduction 'mean', 'sum' or 'none'",
    impl: (a) => {
      const reduction = a.reduction === 'sum' || a.reduction === 'none' ? a.reduction : 'mean';
      return core.mseLoss(requireTensor(a.input), requireTensor(a.target, 'target'), reduction);
    },
  },
} satisfies TorchFunctions;
