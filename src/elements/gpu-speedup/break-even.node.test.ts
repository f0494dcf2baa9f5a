import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matmulGflops, quantileSorted, speedupOf, summarize } from '../../kernel/speedup-stats.js';
import {
  crossingEnds,
  crossingPairs,
  describeBreakEven,
  gpuFriendly,
  mergeMeasurements,
  findBreakEven,
  fitBreakEven,
  interpolateBreakEven,
  logGrid,
  predictTimeMs,
  refinementSizes,
  toCsv,
} from './break-even.js';
import type { SpeedupMeasurement } from '../../protocol/speedup.js';

test('median and quartiles interpolate between ranks as numpy does', () => {
  const stats = summarize([5, 1, 4, 2, 3]);
  assert.deepEqual([stats.median, stats.q1, stats.q3, stats.min, stats.max], [3, 2, 4, 1, 5]);
  assert.equal(summarize([1, 2, 3, 10]).median, 2.5);
  assert.equal(summarize([1, 2, 3, 10]).q3, 4.75);
  assert.equal(summarize([7]).median, 7);
  assert.equal(quantileSorted([0, 10], 0.3), 3);
  assert.throws(() => summarize([]), /no timed runs/);
  assert.throws(() => summarize([1, NaN]), /finite/);
});

test('one slow run moves neither the median nor the quartiles much', () => {
  const stats = summarize([10, 11, 10, 12, 500]);
  assert.equal(stats.median, 11);
  assert.equal(stats.q3, 12);
  assert.equal(stats.max, 500);
});

test('summaries are ordered: min ≤ q1 ≤ median ≤ q3 ≤ max', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
      (xs) => {
        const s = summarize(xs);
        return s.min <= s.q1 && s.q1 <= s.median && s.median <= s.q3 && s.q3 <= s.max;
      },
    ),
  );
});

test('speedup is cpu time over gpu time, null when undefined', () => {
  assert.equal(speedupOf(100, 25), 4);
  assert.equal(speedupOf(1, 0), null);
  assert.equal(speedupOf(NaN, 2), null);
  assert.ok(Math.abs(matmulGflops(1000, 1000) - 2) < 1e-12);
});

test('the log grid doubles from min to max with both ends', () => {
  assert.deepEqual(logGrid(16, 2048), [16, 32, 64, 128, 256, 512, 1024, 2048]);
  assert.deepEqual(logGrid(16, 128), [16, 32, 64, 128]);
  assert.deepEqual(logGrid(20, 100), [20, 32, 64, 100]);
  assert.deepEqual(logGrid(64, 64), [64]);
  assert.deepEqual(logGrid(100, 30), [30, 64, 100]);
});

test('break-even is interpolated linearly in log N and log speedup', () => {
  // speedup = N / 200 is a straight line in log-log space: it crosses 1 at exactly 200.
  assert.ok(Math.abs(interpolateBreakEven(128, 128 / 200, 256, 256 / 200) - 200) < 1e-9);
  // speedup 0.5 at 100 and 2 at 400: the geometric midpoint.
  assert.ok(Math.abs(interpolateBreakEven(100, 0.5, 400, 2) - 200) < 1e-9);
  assert.equal(interpolateBreakEven(64, 1, 128, 3), 64);
  assert.throws(() => interpolateBreakEven(64, 2, 128, 3), /does not cross/);
});

test('any power law speedup = (N/N0)^k is recovered exactly', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 20, max: 3000, noNaN: true }),
      fc.double({ min: 0.2, max: 3, noNaN: true }),
      (n0, k) => {
        const grid = logGrid(16, 4096).map((n) => ({ n, speedup: (n / n0) ** k }));
        const found = findBreakEven(grid);
        return found.kind === 'crossing' && Math.abs(found.n - n0) / n0 < 1e-9 && found.gpuWinsAbove;
      },
    ),
  );
});

test('a log-log least-squares line finds where a power law crosses 1', () => {
  const fit = fitBreakEven([64, 128, 256, 512].map((n) => ({ n, speedup: (n / 200) ** 1.5 })));
  assert.ok(fit && Math.abs(fit.n - 200) < 1e-9 && Math.abs(fit.slope - 1.5) < 1e-12);
  assert.equal(fitBreakEven([{ n: 64, speedup: 2 }]), null);
  assert.equal(
    fitBreakEven([
      { n: 64, speedup: 2 },
      { n: 64, speedup: 3 },
    ]),
    null,
  );
});

test('one disturbed size moves the fitted break-even less than the interpolated one', () => {
  const clean = [64, 128, 181, 256, 362, 512].map((n) => ({ n, speedup: (n / 250) ** 1.2 }));
  const disturbed = clean.map((p) => (p.n === 256 ? { n: 256, speedup: 0.8 } : p));
  const found = findBreakEven(disturbed);
  assert.equal(found.kind, 'crossing');
  if (found.kind !== 'crossing') return;
  const interpolated = interpolateBreakEven(256, 0.8, 362, (362 / 250) ** 1.2);
  assert.ok(Math.abs(Math.log(found.n / 250)) < Math.abs(Math.log(interpolated / 250)));
});

test('verdicts: always, never, noisy crossings, nothing', () => {
  assert.deepEqual(
    findBreakEven([
      { n: 16, speedup: 2 },
      { n: 32, speedup: 3 },
    ]),
    { kind: 'gpu-always', nMin: 16, nMax: 32 },
  );
  assert.deepEqual(
    findBreakEven([
      { n: 32, speedup: 0.3 },
      { n: 16, speedup: 0.1 },
    ]),
    { kind: 'gpu-never', nMin: 16, nMax: 32 },
  );
  assert.deepEqual(findBreakEven([{ n: 16, speedup: null }]), { kind: 'none' });
  const noisy = findBreakEven([
    { n: 64, speedup: 0.5 },
    { n: 128, speedup: 1.1 },
    { n: 256, speedup: 0.9 },
    { n: 512, speedup: 3 },
  ]);
  assert.equal(noisy.kind, 'crossing');
  if (noisy.kind === 'crossing') {
    assert.deepEqual(noisy.between, [256, 512]);
    assert.equal(noisy.crossings, 3);
  }
  if (noisy.kind === 'crossing') {
    assert.deepEqual(noisy.fitted, [64, 512]);
    assert.ok(noisy.n > 64 && noisy.n < 512);
  }
  assert.match(
    describeBreakEven(noisy),
    /Break-even at N ≈ \d+ \(from a straight line .* N = 64 to 512; the measured speedup crosses 1 between 256 and 512\).*3 times/,
  );
  const two = findBreakEven([
    { n: 100, speedup: 0.5 },
    { n: 400, speedup: 2 },
  ]);
  assert.equal(two.kind === 'crossing' && two.fitted, undefined);
  assert.equal(two.kind === 'crossing' && Math.round(two.n), 200);
  assert.match(
    describeBreakEven(two),
    /Break-even at N ≈ 200 \(interpolated between 100 and 400 in log space\)/,
  );
  assert.match(describeBreakEven({ kind: 'gpu-never', nMin: 16, nMax: 128 }), /never won/);
  assert.match(describeBreakEven({ kind: 'gpu-always', nMin: 16, nMax: 128 }), /won at every N tried/);
});

test('refinement asks for the geometric midpoint of each wide crossing', () => {
  const points = [
    { n: 64, speedup: 0.5 },
    { n: 128, speedup: 0.8 },
    { n: 256, speedup: 1.5 },
  ];
  assert.equal(crossingPairs(points).length, 1);
  assert.deepEqual(refinementSizes(points), [184]);
  assert.deepEqual(refinementSizes([...points, { n: 184, speedup: 1.1 }]), [152]);
  assert.deepEqual(
    refinementSizes([
      { n: 16, speedup: 0.9 },
      { n: 32, speedup: 1.1 },
    ]),
    [22],
  );
  assert.deepEqual(crossingEnds(points), [128, 256]);
  assert.equal(gpuFriendly(181), 184);
  assert.equal(gpuFriendly(43), 44);
  assert.equal(gpuFriendly(1), 2);
  assert.deepEqual(
    refinementSizes([
      { n: 100, speedup: 0.9 },
      { n: 110, speedup: 1.1 },
    ]),
    [],
  );
  assert.equal(predictTimeMs(100, 10, 200), 80);
});

test('CSV has a header and one row per N in order', () => {
  const stats = (m: number) => ({ samples: [m], median: m, q1: m, q3: m, min: m, max: m });
  const row = (n: number): SpeedupMeasurement => ({
    n,
    repeats: 1,
    cpu: { backend: 'wasm', warmupMs: 3, compute: stats(2), endToEnd: stats(2.5), runsPerSample: 1 },
    gpu: { backend: 'webgl', warmupMs: 40, compute: stats(1), endToEnd: stats(5), runsPerSample: 1 },
    speedupCompute: 2,
    speedupEndToEnd: 0.5,
    speedupNaive: null,
  });
  const lines = toCsv([row(32), row(16)])
    .trim()
    .split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^n,repeats,cpu_backend,gpu_backend,/);
  assert.equal(lines[1], '16,1,wasm,webgl,2,2,2,1,1,1,2.5,5,3,40,2,0.5,');
  assert.ok(lines[2].startsWith('32,'));
});

test('merging two measurements pools the samples and recomputes the speedups', () => {
  const stats = (...xs: number[]) => ({
    samples: xs,
    median: xs[0],
    q1: xs[0],
    q3: xs[0],
    min: xs[0],
    max: xs[0],
  });
  const one = (cpu: number[], gpu: number[]): SpeedupMeasurement => ({
    n: 128,
    repeats: cpu.length,
    cpu: { backend: 'cpu', warmupMs: 9, compute: stats(...cpu), endToEnd: stats(...cpu), runsPerSample: 1 },
    gpu: {
      backend: 'webgl',
      warmupMs: 90,
      compute: stats(...gpu),
      endToEnd: stats(...gpu),
      runsPerSample: 1,
    },
    speedupCompute: null,
    speedupEndToEnd: null,
    speedupNaive: null,
  });
  const merged = mergeMeasurements(one([10, 12, 11], [5, 50, 6]), one([13, 9, 10], [5.5, 4, 5]));
  assert.equal(merged.repeats, 6);
  assert.deepEqual(merged.cpu.compute.samples, [10, 12, 11, 13, 9, 10]);
  assert.equal(merged.cpu.compute.median, 10.5);
  assert.equal(merged.gpu!.endToEnd.median, 5.25);
  assert.equal(merged.speedupEndToEnd, 2);
  assert.equal(merged.cpu.warmupMs, 9);
  assert.throws(() => mergeMeasurements(one([1], [1]), { ...one([1], [1]), n: 64 }), /same N/);
});
