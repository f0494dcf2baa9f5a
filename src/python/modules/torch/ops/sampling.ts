// Sampling from a tensor's probabilities: bernoulli and multinomial, drawn as PyTorch's CPU kernels
// draw them from the session's generator or a given one (so a seeded lesson samples the same).
import * as core from '../../../../core/index.js';
import { toIndex, toNumber } from '../../../objects.js';
import type { TensorOps } from '../op.js';
import { generatorOf } from '../values.js';

export const samplingOps = {
  bernoulli: {
    kind: 'both',
    params: 'p=None, *, generator=None',
    doc: '1 with probability p (each element of the tensor, or p), else 0',
    impl: (t, a) => core.bernoulli(t, a.p === null ? null : toNumber(a.p), generatorOf(a.generator)),
  },
  bernoulli_: {
    kind: 'method',
    params: 'p=0.5, *, generator=None',
    doc: 'fill with 1 with probability p, else 0',
    impl: (t, a) => core.copyFrom(t, core.bernoulli(t, toNumber(a.p), generatorOf(a.generator))),
  },
  multinomial: {
    kind: 'both',
    params: 'num_samples, replacement=False, *, generator=None',
    doc: 'indices drawn by the weights of each row',
    impl: (t, a) =>
      core.multinomial(t, toIndex(a.num_samples), a.replacement === true, generatorOf(a.generator)),
  },
} satisfies TensorOps;
