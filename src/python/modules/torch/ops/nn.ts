// torch.nn.functional's ops (activations over a dim, layers, losses). The activations that are plain
// elementwise ops (relu, sigmoid, tanh) are in elementwise.ts with torch.nn.functional in `modules`.
import * as core from '../../../../core/index.js';
import { type BoundArgs, type PyValue, pyError, toIndex, toNumber } from '../../../objects.js';
import { requireTensor } from '../convert.js';
import type { TensorOps, TorchFunctions } from '../op.js';

const both = ['torch', 'torch.nn.functional'] as const;
const functional = ['torch.nn.functional'] as const;

const optionalTensor = (v: PyValue, name: string) => (v === null ? null : requireTensor(v, name));
/** reduction=, or the legacy size_average= / reduce= pair as PyTorch maps them. */
function reduction(a: BoundArgs): core.Reduction {
  if (a.size_average !== null || a.reduce !== null) {
    const sizeAverage = a.size_average !== false;
    if (a.reduce === false) return 'none';
    return sizeAverage ? 'mean' : 'sum';
  }
  return core.checkReduction(String(a.reduction));
}
const LOSS = 'size_average=None, reduce=None, reduction="mean"';

export const nnOps = {
  softmax: {
    kind: 'both',
    params: 'dim, dtype=None',
    modules: both,
    doc: 'exp(x) / sum(exp(x)) along dim',
    impl: (t, a) => core.softmax(t, toIndex(a.dim)),
  },
  log_softmax: {
    kind: 'both',
    params: 'dim, dtype=None',
    modules: both,
    doc: 'log of softmax along dim',
    impl: (t, a) => core.logSoftmax(t, toIndex(a.dim)),
  },
  leaky_relu: {
    kind: 'function',
    params: 'negative_slope=0.01, inplace=False',
    modules: functional,
    doc: 'max(0, x) + negative_slope * min(0, x)',
    impl: (t, a) => core.leakyRelu(t, toNumber(a.negative_slope)),
  },
  dropout: {
    kind: 'function',
    params: 'p=0.5, training=True, inplace=False',
    modules: functional,
    doc: 'zeroes elements with probability p while training, scaling the rest by 1/(1-p)',
    impl: (t, a) => core.dropout(t, toNumber(a.p), a.training === true),
  },
  one_hot: {
    kind: 'function',
    params: 'num_classes=-1',
    modules: functional,
    doc: 'int64 classes as one-hot rows of length num_classes',
    impl: (t, a) => core.oneHot(t, toIndex(a.num_classes)),
  },
  normalize: {
    kind: 'function',
    params: 'p=2.0, dim=1, eps=1e-12, out=None',
    modules: functional,
    doc: 'input divided by its p-norm along dim',
    impl: (t, a) => core.normalize(t, toNumber(a.p), toIndex(a.dim), toNumber(a.eps)),
  },
} satisfies TensorOps;

export const nnFunctions = {
  linear: {
    params: 'input, weight, bias=None',
    modules: functional,
    doc: 'input @ weight.T + bias',
    impl: (a) =>
      core.linear(requireTensor(a.input), requireTensor(a.weight, 'weight'), optionalTensor(a.bias, 'bias')),
  },
  mse_loss: {
    params: `input, target, ${LOSS}`,
    modules: functional,
    doc: "mean squared error; reduction 'mean', 'sum' or 'none'",
    impl: (a) => core.mseLoss(requireTensor(a.input), requireTensor(a.target, 'target'), reduction(a)),
  },
  l1_loss: {
    params: `input, target, ${LOSS}`,
    modules: functional,
    doc: "mean absolute error; reduction 'mean', 'sum' or 'none'",
    impl: (a) => core.l1Loss(requireTensor(a.input), requireTensor(a.target, 'target'), reduction(a)),
  },
  nll_loss: {
    params: 'input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"',
    modules: functional,
    doc: 'negative log-likelihood of the target classes, from log-probabilities',
    impl: (a) =>
      core.nllLoss(
        requireTensor(a.input),
        requireTensor(a.target, 'target'),
        optionalTensor(a.weight, 'weight'),
        toIndex(a.ignore_index),
        reduction(a),
      ),
  },
  cross_entropy: {
    params:
      'input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean", label_smoothing=0.0',
    modules: functional,
    doc: 'log_softmax then nll_loss: the classification loss on raw scores (logits)',
    impl: (a) => {
      if (toNumber(a.label_smoothing) !== 0)
        throw pyError('NotImplementedError', 'cross_entropy: label_smoothing is not supported in torchlet');
      return core.crossEntropy(
        requireTensor(a.input),
        requireTensor(a.target, 'target'),
        optionalTensor(a.weight, 'weight'),
        toIndex(a.ignore_index),
        reduction(a),
      );
    },
  },
  binary_cross_entropy: {
    params: `input, target, weight=None, ${LOSS}`,
    modules: functional,
    doc: 'binary cross entropy of probabilities (after sigmoid)',
    impl: (a) =>
      core.binaryCrossEntropy(
        requireTensor(a.input),
        requireTensor(a.target, 'target'),
        optionalTensor(a.weight, 'weight'),
        reduction(a),
      ),
  },
  binary_cross_entropy_with_logits: {
    params: `input, target, weight=None, ${LOSS}, pos_weight=None`,
    modules: functional,
    doc: 'sigmoid then binary cross entropy, computed stably from logits',
    impl: (a) =>
      core.binaryCrossEntropyWithLogits(
        requireTensor(a.input),
        requireTensor(a.target, 'target'),
        optionalTensor(a.weight, 'weight'),
        reduction(a),
        optionalTensor(a.pos_weight, 'pos_weight'),
      ),
  },
} satisfies TorchFunctions;
