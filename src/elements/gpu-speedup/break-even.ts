// The sweep's arithmetic: a log grid of N, where to refine it, the break-even N interpolated in
// log space, time predictions and the CSV. Pure functions: tested in Node.
import type { DeviceTiming, SpeedupMeasurement, TimingStats } from '../../protocol/speedup.js';
import { speedupOf, summarize } from '../../kernel/speedup-stats.js';

/** Powers of two from `min` to `max`, with both ends included (e.g. 16, 32, …, 2048). */
export function logGrid(min: number, max: number): number[] {
  const lo = Math.max(1, Math.round(Math.min(min, max)));
  const hi = Math.max(1, Math.round(Math.max(min, max)));
  const grid = [lo];
  for (let p = 2 ** (Math.floor(Math.log2(lo)) + 1); p < hi; p *= 2) {
    // A power of two too close to an end (within 20%) adds little: skip it.
    if (p / lo >= 1.2 && hi / p >= 1.2) grid.push(p);
  }
  if (hi !== lo) grid.push(hi);
  return grid;
}

export interface SpeedupPoint {
  n: number;
  speedup: number | null;
}

/** N at which the speedup is 1 between two measured points, linear in (log N, log speedup). */
export function interpolateBreakEven(n1: number, s1: number, n2: number, s2: number): number {
  if (!(n1 > 0 && n2 > 0 && s1 > 0 && s2 > 0)) throw new RangeError('sizes and speedups must be positive');
  const y1 = Math.log(s1);
  const y2 = Math.log(s2);
  if (y1 === 0) return n1;
  if (y2 === 0) return n2;
  if (Math.sign(y1) === Math.sign(y2))
    throw new RangeError('the speedup does not cross 1 between these points');
  const x1 = Math.log(n1);
  const x2 = Math.log(n2);
  return Math.exp(x1 + ((0 - y1) * (x2 - x1)) / (y2 - y1));
}

export type BreakEven =
  /** The speedup crosses 1 at `n`: above it the GPU wins (`gpuWinsAbove`) or, oddly, loses. */
  | {
      kind: 'crossing';
      n: number;
      /** The sizes around the last crossing of 1. */
      between: [number, number];
      gpuWinsAbove: boolean;
      crossings: number;
      /** The range of sizes whose log-log fit gave `n` (absent: interpolated within `between`). */
      fitted?: [number, number];
    }
  | { kind: 'gpu-always'; nMin: number; nMax: number }
  | { kind: 'gpu-never'; nMin: number; nMax: number }
  | { kind: 'none' };

function usable(points: readonly SpeedupPoint[]): { n: number; speedup: number }[] {
  return points
    .filter(
      (p): p is { n: number; speedup: number } =>
        p.speedup != null && Number.isFinite(p.speedup) && p.speedup > 0,
    )
    .sort((a, b) => a.n - b.n);
}

/** Index pairs of neighbouring points (by N) between which the speedup crosses 1. */
export function crossingPairs(
  points: readonly SpeedupPoint[],
): [{ n: number; speedup: number }, { n: number; speedup: number }][] {
  const sorted = usable(points);
  const pairs: [{ n: number; speedup: number }, { n: number; speedup: number }][] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i].speedup;
    const b = sorted[i + 1].speedup;
    if ((a < 1 && b >= 1) || (a >= 1 && b < 1)) pairs.push([sorted[i], sorted[i + 1]]);
  }
  return pairs;
}

/** Least-squares line through (log N, log speedup): where it crosses speedup 1, and its slope. */
export function fitBreakEven(points: readonly SpeedupPoint[]): { n: number; slope: number } | null {
  const sorted = usable(points);
  if (sorted.length < 2) return null;
  const xs = sorted.map((p) => Math.log(p.n));
  const ys = sorted.map((p) => Math.log(p.speedup));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i] - my), 0) / sxx;
  if (slope === 0) return null;
  return { n: Math.exp(mx - my / slope), slope };
}

/**
 * The break-even N from measured points, in log space. Near 1 timings are noisy and the speedup
 * can cross 1 several times, so a straight line is fitted through (log N, log speedup) of the
 * sizes from a quarter of the first crossing to four times the last, and where it crosses 1 is
 * the break-even; with too few sizes for a fit (or a fit against the trend), the last crossing
 * is interpolated between its two sizes.
 */
export function findBreakEven(points: readonly SpeedupPoint[]): BreakEven {
  const sorted = usable(points);
  if (sorted.length === 0) return { kind: 'none' };
  const nMin = sorted[0].n;
  const nMax = sorted[sorted.length - 1].n;
  const pairs = crossingPairs(sorted);
  if (pairs.length === 0)
    return sorted[0].speedup >= 1 ? { kind: 'gpu-always', nMin, nMax } : { kind: 'gpu-never', nMin, nMax };
  const [a, b] = pairs[pairs.length - 1];
  const gpuWinsAbove = b.speedup >= 1;
  // Two octaves either side: sizes enough to average out noise, near enough to be straight in log-log.
  const lo = pairs[0][0].n / 4;
  const hi = b.n * 4;
  const window = sorted.filter((p) => p.n >= lo && p.n <= hi);
  const fit = window.length >= 3 ? fitBreakEven(window) : null;
  const fitted =
    fit && fit.slope > 0 === gpuWinsAbove && fit.n >= window[0].n && fit.n <= window[window.length - 1].n;
  return {
    kind: 'crossing',
    n: fitted ? fit.n : interpolateBreakEven(a.n, a.speedup, b.n, b.speedup),
    between: [a.n, b.n],
    gpuWinsAbove,
    crossings: pairs.length,
    ...(fitted ? { fitted: [window[0].n, window[window.length - 1].n] as [number, number] } : {}),
  };
}

/**
 * N rounded the way GPU kernels like it: to a multiple of 8 from 64 up, else to an even number.
 * (An odd N makes tfjs's packed WebGL matmul take a slower path, which would bend the curve.)
 */
export function gpuFriendly(n: number): number {
  const step = n >= 64 ? 8 : 2;
  return Math.max(step, Math.round(n / step) * step);
}

/** New N to measure: the geometric midpoint (GPU-friendly) of each crossing pair wider than `minRatio`. */
export function refinementSizes(points: readonly SpeedupPoint[], minRatio = 1.15): number[] {
  const known = new Set(points.map((p) => p.n));
  const sizes = new Set<number>();
  for (const [a, b] of crossingPairs(points)) {
    if (b.n / a.n <= minRatio) continue;
    const exact = Math.sqrt(a.n * b.n);
    const mid = [gpuFriendly(exact), Math.round(exact)].find((m) => m > a.n && m < b.n && !known.has(m));
    if (mid !== undefined) sizes.add(mid);
  }
  return [...sizes].sort((x, y) => x - y);
}

/** Sizes on either side of a crossing of 1: re-measured once, so one disturbed run cannot place it. */
export function crossingEnds(points: readonly SpeedupPoint[]): number[] {
  return [...new Set(crossingPairs(points).flatMap(([a, b]) => [a.n, b.n]))].sort((x, y) => x - y);
}

function mergeStats(a: TimingStats, b: TimingStats): TimingStats {
  return summarize([...a.samples, ...b.samples]);
}

function mergeDevice(a: DeviceTiming, b: DeviceTiming): DeviceTiming {
  return {
    backend: a.backend,
    warmupMs: a.warmupMs,
    compute: mergeStats(a.compute, b.compute),
    endToEnd: mergeStats(a.endToEnd, b.endToEnd),
    ...(a.naiveMs !== undefined ? { naiveMs: a.naiveMs } : {}),
    runsPerSample: Math.max(a.runsPerSample, b.runsPerSample),
  };
}

/** Two measurements of the same N and backends as one: samples pooled, medians and speedups recomputed. */
export function mergeMeasurements(a: SpeedupMeasurement, b: SpeedupMeasurement): SpeedupMeasurement {
  if (a.n !== b.n || a.cpu.backend !== b.cpu.backend || a.gpu?.backend !== b.gpu?.backend) {
    throw new RangeError('only measurements of the same N on the same backends can be merged');
  }
  const cpu = mergeDevice(a.cpu, b.cpu);
  const gpu = a.gpu && b.gpu ? mergeDevice(a.gpu, b.gpu) : null;
  return {
    n: a.n,
    repeats: a.repeats + b.repeats,
    cpu,
    gpu,
    speedupCompute: gpu ? speedupOf(cpu.compute.median, gpu.compute.median) : null,
    speedupEndToEnd: gpu ? speedupOf(cpu.endToEnd.median, gpu.endToEnd.median) : null,
    speedupNaive: a.speedupNaive,
  };
}

/** Matmul time grows as N³: the expected time at `nextN` from a time measured at `n`. */
export function predictTimeMs(n: number, ms: number, nextN: number): number {
  return ms * (nextN / n) ** 3;
}

/** A plain-language verdict, e.g. "break-even at N ≈ 180 (between 128 and 256)". */
export function describeBreakEven(breakEven: BreakEven): string {
  switch (breakEven.kind) {
    case 'none':
      return 'No speedup was measured, so there is no break-even point.';
    case 'gpu-always':
      return `The GPU won at every N tried (${breakEven.nMin} to ${breakEven.nMax}): the break-even point is below ${breakEven.nMin}.`;
    case 'gpu-never':
      return `The GPU never won at any N tried (${breakEven.nMin} to ${breakEven.nMax}): no break-even point in this range.`;
    case 'crossing': {
      const [lo, hi] = breakEven.between;
      const side = breakEven.gpuWinsAbove ? 'the GPU is faster above it' : 'the GPU is faster below it';
      const noise =
        breakEven.crossings > 1
          ? ` The speedup crossed 1 ${breakEven.crossings} times: near 1 the timings are noisy.`
          : '';
      const how = breakEven.fitted
        ? `from a straight line through log speedup against log N for N = ${breakEven.fitted[0]} to ${breakEven.fitted[1]}; the measured speedup crosses 1 between ${lo} and ${hi}`
        : `interpolated between ${lo} and ${hi} in log space`;
      return `Break-even at N ≈ ${Math.round(breakEven.n)} (${how}); ${side}.${noise}`;
    }
  }
}

const CSV_HEADER = [
  'n',
  'repeats',
  'cpu_backend',
  'gpu_backend',
  'cpu_compute_median_ms',
  'cpu_compute_q1_ms',
  'cpu_compute_q3_ms',
  'gpu_compute_median_ms',
  'gpu_compute_q1_ms',
  'gpu_compute_q3_ms',
  'cpu_end_to_end_median_ms',
  'gpu_end_to_end_median_ms',
  'cpu_warmup_ms',
  'gpu_warmup_ms',
  'speedup_compute',
  'speedup_end_to_end',
  'speedup_naive',
];

function cell(value: number | string | null | undefined): string {
  if (value == null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : '';
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The measurements as CSV (one row per N, sorted), header first. */
export function toCsv(results: readonly SpeedupMeasurement[]): string {
  const rows = [...results]
    .sort((a, b) => a.n - b.n)
    .map((r) =>
      [
        r.n,
        r.repeats,
        r.cpu.backend,
        r.gpu?.backend,
        r.cpu.compute.median,
        r.cpu.compute.q1,
        r.cpu.compute.q3,
        r.gpu?.compute.median,
        r.gpu?.compute.q1,
        r.gpu?.compute.q3,
        r.cpu.endToEnd.median,
        r.gpu?.endToEnd.median,
        r.cpu.warmupMs,
        r.gpu?.warmupMs,
        r.speedupCompute,
        r.speedupEndToEnd,
        r.speedupNaive,
      ]
        .map(cell)
        .join(','),
    );
  return [CSV_HEADER.join(','), ...rows].join('\n') + '\n';
}
