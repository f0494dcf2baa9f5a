// Counting values: bincount and histc, computed on the host as PyTorch's CPU kernels count them.
import { fromValues } from './creation.js';
import { isFloating, scalarTypeName } from './dtype.js';
import { runtimeError } from './errors.js';
import { Tensor } from './tensor.js';

/** torch.bincount: how often each non-negative int occurs (or the sum of its weights). */
export function bincount(t: Tensor, weights: Tensor | null = null, minlength = 0): Tensor {
  if (isFloating(t.dtype) || t.dtype === 'bool')
    throw runtimeError(`"bincount_cpu" not implemented for '${scalarTypeName(t.dtype)}'`);
  const values = Array.from(t.readSync());
  if (t.ndim !== 1 || values.some((v) => v < 0))
    throw runtimeError('bincount only supports 1-d non-negative integral inputs.');
  if (minlength < 0) throw runtimeError('minlength should be >= 0');
  if (weights && (weights.ndim !== 1 || weights.numel !== values.length))
    throw runtimeError('weights should be 1-d and have the same length as input');
  const w = weights?.readSync();
  const counts = new Float64Array(Math.max(minlength, values.length ? Math.max(...values) + 1 : 0));
  values.forEach((v, i) => (counts[v] += w ? w[i] : 1));
  return fromValues(counts, [counts.length], weights ? weights.dtype : 'int64', t.device);
}

/** torch.histc: counts in `bins` equal bins over [min, max] (both 0: the data's own range). */
export function histc(t: Tensor, bins = 100, min = 0, max = 0): Tensor {
  if (!isFloating(t.dtype))
    throw runtimeError(`"histogram_cpu" not implemented for '${scalarTypeName(t.dtype)}'`);
  if (bins <= 0) throw runtimeError('bins must be > 0');
  const values = Array.from(t.readSync());
  let [lo, hi] = [min, max];
  if (lo === hi && values.length > 0) {
    lo = Math.min(...values);
    hi = Math.max(...values);
  }
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  if (lo > hi) throw runtimeError('max must be larger than min');
  const counts = new Float64Array(bins);
  for (const v of values) {
    if (!(v >= lo && v <= hi)) continue;
    // the top edge belongs to the last bin
    counts[Math.min(bins - 1, Math.floor(((v - lo) * bins) / (hi - lo)))]++;
  }
  return fromValues(counts, [bins], t.dtype, t.device);
}
