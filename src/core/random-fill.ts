// Random fills (uniform_, normal_) and normal(mean, std) with tensors: samples from the session's generator or a given one.
import { fromValues, normal, rand, randn } from './creation.js';
import { isFloating, scalarTypeName } from './dtype.js';
import { runtimeError } from './errors.js';
import { add, mul } from './elementwise.js';
import { copyFrom } from './inplace.js';
import { defaultGenerator, type MT19937 } from './random.js';
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

const BERNOULLI_RANGE =
  'Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)';

/**
 * torch.bernoulli(p): 1 where a uniform draw falls below p, one draw per element in order, as
 * PyTorch's CPU kernel draws: 24 bits for a float32 p, 53 for a float64 one (p given as a number
 * instead: 53 bits each, bernoulli_(p)).
 */
export function bernoulli(p: Tensor, scalar: number | null = null, generator: MT19937 | null = null): Tensor {
  if (!isFloating(p.dtype))
    throw runtimeError(`"bernoulli_tensor_cpu_p_" not implemented for '${scalarTypeName(p.dtype)}'`);
  const gen = generator ?? defaultGenerator();
  const probs = scalar === null ? p.readSync() : null;
  if (probs && Array.from(probs).some((v) => !(v >= 0 && v <= 1))) throw runtimeError(BERNOULLI_RANGE);
  if (scalar !== null && !(scalar >= 0 && scalar <= 1)) throw runtimeError(BERNOULLI_RANGE);
  const double = scalar !== null || p.dtype === 'float64';
  const out = new Float64Array(p.numel);
  for (let i = 0; i < out.length; i++) {
    const u = double ? gen.uniformDouble() : gen.uniformFloat();
    out[i] = u < (probs ? probs[i] : scalar!) ? 1 : 0;
  }
  return fromValues(out, [...p.shape], p.dtype, p.device);
}

/**
 * torch.multinomial: indices drawn by the rows' weights, as PyTorch's CPU kernel draws them.
 * Without replacement: p / q for q ~ Exp(1) (a 53-bit draw per element), then the
 * largest; with replacement: a 53-bit draw per sample, found in the row's normalised cumulative sum.
 */
export function multinomial(
  p: Tensor,
  samples: number,
  replacement = false,
  generator: MT19937 | null = null,
): Tensor {
  if (!isFloating(p.dtype))
    throw runtimeError(
      `multinomial only supports floating-point dtypes for input, got: ${scalarTypeName(p.dtype)}`,
    );
  if (p.ndim !== 1 && p.ndim !== 2) throw runtimeError('prob_dist must be 1 or 2 dim');
  const width = p.dims[p.ndim - 1];
  if (samples <= 0) throw runtimeError('cannot sample n_sample <= 0 samples');
  if (!replacement && samples > width)
    throw runtimeError('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  const values = Array.from(p.readSync());
  if (values.some((v) => !(v >= 0 && v < Infinity)))
    throw runtimeError('probability tensor contains either `inf`, `nan` or element < 0');
  const rows = values.length / width;
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < width; j++) sum += values[r * width + j];
    if (!(sum > 0)) throw runtimeError('invalid multinomial distribution (sum of probabilities <= 0)');
  }
  const gen = generator ?? defaultGenerator();
  const round = p.dtype === 'float64' ? (x: number) => x : Math.fround;
  const out: number[] = [];
  if (!replacement) {
    // exponential_(1) over the whole tensor first, in order; then each row's largest p / q
    const q = values.map(() => round(-Math.log1p(-gen.uniformDouble())));
    for (let r = 0; r < rows; r++) {
      const keys = Array.from({ length: width }, (_, j) => ({
        j,
        key: round(values[r * width + j] / q[r * width + j]),
      }));
      keys.sort((a, b) => b.key - a.key || a.j - b.j);
      for (let k = 0; k < samples; k++) out.push(keys[k].j);
    }
  } else {
    for (let r = 0; r < rows; r++) {
      const cumulative = new Array<number>(width);
      let sum = 0;
      for (let j = 0; j < width; j++) cumulative[j] = round((sum += values[r * width + j]));
      for (let j = 0; j < width; j++) cumulative[j] = round(cumulative[j] / sum);
      cumulative[width - 1] = 1;
      for (let k = 0; k < samples; k++) {
        const u = gen.uniformDouble();
        let left = 0;
        let right = width;
        while (right > left) {
          const mid = left + ((right - left) >> 1);
          if (cumulative[mid] < u) left = mid + 1;
          else right = mid;
        }
        out.push(left);
      }
    }
  }
  return fromValues(out, p.ndim === 1 ? [samples] : [rows, samples], 'int64', p.device);
}
