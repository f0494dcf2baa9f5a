import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DECIMATE_ABOVE,
  decimateLine,
  decimateMarkers,
  displayItem,
  finiteExtent,
} from './figure-decimate.js';

test('extents are computed in a loop: ten million points, no stack overflow, non-finite points skipped', () => {
  const n = 10_000_000;
  const x = new Float64Array(n).map((_, i) => i);
  const y = new Float64Array(n).map((_, i) => Math.sin(i / 1000));
  y[5] = Number.NaN;
  x[6] = Infinity;
  const extent = finiteExtent(x, y)!;
  assert.deepEqual(extent.x, [0, n - 1]);
  assert.ok(extent.y[0] < -0.9999 && extent.y[1] > 0.9999);
  assert.equal(finiteExtent([Number.NaN], [1]), null);
});

test('a thinned line keeps every bucket’s first, last, lowest and highest point, in order', () => {
  const n = 100_000;
  const x = Array.from({ length: n }, (_, i) => i);
  const y = x.map((i) => (i % 1000 === 500 ? 100 : i % 1000 === 700 ? -100 : Math.sin(i)));
  const out = decimateLine(x, y, 100);
  assert.ok(out.x.length <= 400 && out.x.length >= 200, `${out.x.length} points`);
  for (let k = 1; k < out.x.length; k++) assert.ok(out.x[k] > out.x[k - 1], 'x stays in the original order');
  assert.equal(out.x[0], 0);
  assert.equal(out.x.at(-1), n - 1);
  // Every spike survives (each bucket of 1,000 holds one +100 and one -100).
  assert.equal(out.y.filter((v) => v === 100).length, 100);
  assert.equal(out.y.filter((v) => v === -100).length, 100);
});

test('a NaN in a thinned line still breaks it', () => {
  const n = 50_000;
  const x = Array.from({ length: n }, (_, i) => i);
  const y = x.map((i) => (i >= 20_000 && i < 20_010 ? Number.NaN : 1));
  const out = decimateLine(x, y, 100);
  const gaps = out.y.map((v, k) => (Number.isNaN(v) ? k : -1)).filter((k) => k >= 0);
  assert.equal(gaps.length, 1);
  assert.ok(out.x[gaps[0] - 1] < 20_000 && out.x[gaps[0] + 1] >= 20_010);
});

test('markers keep one point per grid cell', () => {
  const n = 1_000_000;
  let seed = 1;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const x = Array.from({ length: n }, rand);
  const y = Array.from({ length: n }, rand);
  const out = decimateMarkers(x, y, { x: [0, 1], y: [0, 1] });
  assert.ok(out.x.length <= 320 * 240 && out.x.length > 50_000, `${out.x.length} markers`);
});

test('displayItem: small items cross unchanged; big ones carry their count, extent and ends', () => {
  const small = { kind: 'line' as const, x: [1, 2, 3], y: [4, 5, 6], color: 'C0' };
  assert.deepEqual(displayItem(small), small);
  const n = DECIMATE_ABOVE * 10;
  const x = Array.from({ length: n }, (_, i) => i / 10);
  const y = x.map((v) => v * v);
  const big = displayItem({ kind: 'line', x, y, color: 'C0' });
  assert.equal(big.points, n);
  assert.deepEqual(big.extent, [0, x[n - 1], 0, y[n - 1]]);
  assert.deepEqual(big.ends, [0, 0, x[n - 1], y[n - 1]]);
  assert.ok(big.x.length < 8_100);
  const scatter = displayItem({ kind: 'scatter', x, y, linestyle: '', marker: 'o' });
  assert.ok(scatter.x.length < n && scatter.points === n);
});

test('ten million points are thinned in well under a second', () => {
  const n = 10_000_000;
  const x = new Array<number>(n);
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    x[i] = i;
    y[i] = Math.sin(i / 1e5);
  }
  const t0 = performance.now();
  const out = displayItem({ kind: 'line', x, y });
  const ms = performance.now() - t0;
  assert.ok(out.x.length <= 8_000);
  // About 0.2 s on a quiet core; the bound leaves room for the Node suites running side by side.
  assert.ok(ms < 1500, `${ms.toFixed(0)} ms`);
});
