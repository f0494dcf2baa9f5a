// The wasm SIMD total against the JS loop it stands in for: the same bits for every length, start
// and magnitude, used only for values in tfjs's wasm memory.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import * as c from './index.js';
import { sumOnHost } from './host.js';
import { wasmTotal } from './wasm-total.js';
import { loopTotal } from '../../test/core/simd-values.js';

describe('wasm SIMD totals', () => {
  let previous = '';
  before(async () => {
    assert.ok(await c.loadBackend('wasm'));
    previous = tf.getBackend();
  });

  it('gives the JS loop’s bits for every length and start, values of every magnitude', () => {
    c.useBackend('wasm');
    try {
      for (const n of [1, 7, 8, 9, 16, 31, 257, 1000, 65537]) {
        const xs = Float32Array.from({ length: n }, (_, i) =>
          Math.fround(Math.sin(i * 0.37) * 10 ** ((i % 13) - 6) * (i % 17 === 0 ? 1e30 : 1)),
        );
        const t = tf.tensor(xs);
        const view = (
          tf.backend() as unknown as { typedArrayFromHeap(t: tf.Tensor): Float32Array }
        ).typedArrayFromHeap(t);
        for (const [start, count] of [
          [0, n],
          [1, n - 1],
          [Math.floor(n / 3), Math.floor(n / 2)],
        ]) {
          const total = wasmTotal(view, start, count);
          assert.notEqual(total, null, 'wasm memory is summed in wasm');
          assert.equal(total, loopTotal(view, start, count), `n=${n} start=${start} count=${count}`);
        }
        t.dispose();
      }
    } finally {
      c.useBackend(previous as c.BackendName);
    }
  });

  it('leaves values in JS memory to the JS loop', () => {
    assert.equal(wasmTotal(new Float32Array(1000), 0, 1000), null);
  });

  it('sums values in JS memory in wasm too (copied in), with the JS loop’s bits, row by row', () => {
    c.useBackend('wasm');
    try {
      for (const [rows, n] of [
        [1, 300],
        [1, 10000],
        [3, 1001],
        [2, 400000],
      ]) {
        const xs = Float32Array.from({ length: rows * n }, (_, i) =>
          Math.fround(Math.cos(i * 0.71) * 10 ** ((i % 11) - 5) * (i % 19 === 0 ? 1e25 : 1)),
        );
        const totals = sumOnHost(xs, [rows, n], [1]);
        for (let r = 0; r < rows; r++)
          assert.equal(totals[r], Math.fround(loopTotal(xs, r * n, n)), `rows=${rows} n=${n} row ${r}`);
        assert.equal(sumOnHost(xs, [rows * n], null)[0], Math.fround(loopTotal(xs, 0, rows * n)));
      }
    } finally {
      c.useBackend(previous as c.BackendName);
    }
  });
});
