// Reductions and order statistics: sum … norm, cumsum, sort, topk, nonzero.
import * as core from '../../../../core/index.js';
import type { DType, Tensor } from '../../../../core/index.js';
import { type BoundArgs, toIndex, toNumber } from '../../../objects.js';
import { dimOf, dimsArg, isTensor, keepOf, optDim, requireTensor } from '../convert.js';
import { ReturnPair, type TensorOp, type TensorOps } from '../op.js';
import { parseDType } from '../values.js';

/** sum/mean-like: (dim=None, keepdim=False, *, dtype=None), numpy's axis=/keepdims= accepted. */
const reduction = (
  f: (t: Tensor, dims: core.Dims, keepdim: boolean, dtype: DType | null) => Tensor,
  doc: string,
  kind: TensorOp['kind'] = 'both',
): TensorOp => ({
  kind,
  params: 'dim=None, keepdim=False, *, dtype=None, axis=None, keepdims=False',
  doc,
  impl: (t, a) => f(t, dimsArg(dimOf(a)), keepOf(a), parseDType(a.dtype)),
});

/** max()/min(): the value; max(dim): (values, indices); max(other): maximum. */
const extremum = (kind: 'max' | 'min'): TensorOp => ({
  kind: 'both',
  params: 'dim=None, keepdim=False, *, axis=None, keepdims=False',
  doc:
    kind === 'max'
      ? 'largest value, or (values, indices) along dim'
      : 'smallest value, or (values, indices) along dim',
  impl: (t, a) => {
    const dim = dimOf(a);
    if (dim === null) return core.extremum(t, kind);
    if (isTensor(dim)) return kind === 'max' ? core.maximum(t, dim.value) : core.minimum(t, dim.value);
    const [values, indices] = core.extremumDim(t, kind, toIndex(dim), keepOf(a));
    return new ReturnPair(kind, values, indices);
  },
});

const argExtremum = (kind: 'max' | 'min'): TensorOp => ({
  kind: 'both',
  params: 'dim=None, keepdim=False, *, axis=None, keepdims=False',
  doc: `index of the ${kind === 'max' ? 'largest' : 'smallest'} value (flattened, or along dim)`,
  impl: (t, a) => core.argExtremum(t, kind, optDim(dimOf(a)), keepOf(a)),
});

/** std/var: (dim=None, unbiased=None, keepdim=False, *, correction=None); std(True) means unbiased. */
const variance = (takeSqrt: boolean): TensorOp => ({
  kind: 'both',
  params: 'dim=None, unbiased=None, keepdim=False, *, correction=None',
  doc: takeSqrt
    ? 'standard deviation (Bessel-corrected by default)'
    : 'variance (Bessel-corrected by default)',
  impl: (t, a: BoundArgs) => {
    let dim = a.dim;
    let unbiased = a.unbiased;
    if (typeof dim === 'boolean') {
      unbiased = dim;
      dim = null;
    }
    const correction = a.correction !== null ? toNumber(a.correction) : unbiased === false ? 0 : 1;
    return core.variance(t, dimsArg(dim), correction, a.keepdim === true, takeSqrt);
  },
});

export const reductionOps = {
  bincount: {
    kind: 'both',
    params: 'weights=None, minlength=0',
    doc: 'how often each non-negative int occurs',
    impl: (t, a) =>
      core.bincount(t, a.weights === null ? null : requireTensor(a.weights, 'weights'), toIndex(a.minlength)),
  },
  histc: {
    kind: 'both',
    params: 'bins=100, min=0, max=0',
    doc: 'counts in equal bins over [min, max]',
    impl: (t, a) => core.histc(t, toIndex(a.bins), toNumber(a.min), toNumber(a.max)),
  },
  sum: reduction(core.sum, 'sum of all values, or along dim'),
  mean: reduction(core.mean, 'mean of all values, or along dim'),
  nansum: reduction(core.sum, 'sum, NaN counted as zero', 'method'),
  prod: {
    kind: 'both',
    params: 'dim=None, keepdim=False, *, dtype=None',
    doc: 'product of all values, or along dim',
    impl: (t, a) => core.prod(t, optDim(a.dim), a.keepdim === true),
  },
  max: extremum('max'),
  min: extremum('min'),
  argmax: argExtremum('max'),
  argmin: argExtremum('min'),
  std: variance(true),
  var: variance(false),
  cumsum: {
    kind: 'both',
    params: 'dim, *, dtype=None',
    out: true,
    doc: 'running sum along dim (ints as int64)',
    impl: (t, a) => core.cumsum(t, toIndex(a.dim), parseDType(a.dtype)),
  },
  all: {
    kind: 'both',
    params: 'dim=None, keepdim=False',
    doc: 'True if every value is non-zero',
    impl: (t, a) => core.all(t, optDim(a.dim), a.keepdim === true),
  },
  any: {
    kind: 'both',
    params: 'dim=None, keepdim=False',
    doc: 'True if any value is non-zero',
    impl: (t, a) => core.any(t, optDim(a.dim), a.keepdim === true),
  },
  norm: {
    kind: 'both',
    params: 'p=2, dim=None, keepdim=False',
    doc: 'p-norm (Euclidean by default)',
    impl: (t, a) => core.norm(t, toNumber(a.p ?? 2), dimsArg(a.dim), a.keepdim === true),
  },
  sort: {
    kind: 'both',
    params: 'dim=-1, descending=False, stable=False',
    doc: '(values, indices) sorted along dim',
    impl: (t, a) => new ReturnPair('sort', ...core.sort(t, toIndex(a.dim), a.descending === true)),
  },
  argsort: {
    kind: 'both',
    params: 'dim=-1, descending=False',
    doc: 'indices that sort along dim',
    impl: (t, a) => core.argsort(t, toIndex(a.dim), a.descending === true),
  },
  topk: {
    kind: 'both',
    params: 'k, dim=-1, largest=True, sorted=True',
    doc: '(values, indices) of the k largest along dim',
    impl: (t, a) =>
      new ReturnPair('topk', ...core.topk(t, toIndex(a.k), toIndex(a.dim), a.largest !== false)),
  },
  nonzero: {
    kind: 'both',
    params: '*, as_tuple=False',
    doc: 'indices of the non-zero values',
    impl: (t, a) => (a.as_tuple === true ? core.nonzeroColumns(t) : core.nonzero(t)),
  },
} satisfies TensorOps;
