// Summary statistics of timed runs: the median and the quartiles (numpy's default linear
// interpolation), so one slow run (a GC pause, a busy core) moves neither the centre nor the spread.
import type { TimingStats } from '../protocol/speedup.js';

/** The q-quantile (0 ≤ q ≤ 1) of values sorted ascending, interpolated linearly between ranks. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside [0, 1]`);
  const rank = q * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}

/** Median, quartiles and range of a non-empty list of timings (milliseconds). */
export function summarize(samples: readonly number[]): TimingStats {
  if (samples.length === 0) throw new RangeError('no timed runs to summarize');
  if (samples.some((value) => !Number.isFinite(value) || value < 0)) {
    throw new RangeError('timings must be finite and not negative');
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: [...samples],
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/** How many times faster `fast` is than `slow` (the lesson's cpu_time / cuda_time); null if undefined. */
export function speedupOf(slowMs: number, fastMs: number): number | null {
  if (!(slowMs >= 0) || !(fastMs > 0) || !Number.isFinite(slowMs) || !Number.isFinite(fastMs)) return null;
  return slowMs / fastMs;
}

/** Floating-point operations of an n×n by n×n matmul (n³ multiply-adds), in GFLOP per ms → GFLOP/s. */
export function matmulGflops(n: number, ms: number): number {
  return (2 * n ** 3) / (ms * 1e6);
}
