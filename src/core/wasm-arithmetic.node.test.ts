// The wasm SIMD + - * / against the JS loop it stands in for: the same bits for every length, form
// (array op array, array op scalar, scalar op array) and magnitude, operands in wasm or JS memory.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import * as c from './index.js';
import { arithmeticOnHost, type HostArithmetic } from './host.js';
import { wasmArithmeticOnHost, wasmArithmeticTensor } from './wasm-arithmetic.js';

const values = (n: number, seed: number) =>
  Float32Array.from({ length: n }, (_, i) => {
    const k = i + seed;
    if (k % 29 === 0) return 0;
    if (k % 31 === 0) return k % 2 ? Infinity : -1e-40; // infinities and subnormals
    if (k % 37 === 0) return NaN;
    return Math.fround(Math.sin(k * 0.37) * 10 ** ((k % 13) - 6) * (k % 17 === 0 ? 1e30 : 1));
  });

/** Bits, so NaN equals NaN and 0 differs from -0. */
const bits = (v: Float32Array) => Array.from(new Uint32Array(v.buffer, v.byteOffset, v.length));

describe('wasm SIMD arithmetic', () => {
  let previous = '';
  before(async () => {
    assert.ok(await c.loadBackend('wasm'));
    previous = tf.getBackend();
  });

  it('gives the JS loop’s bits for every op, form and length, in wasm or JS memory', () => {
    c.useBackend('wasm');
    try {
      const heapView = (t: tf.Tensor) =>
        (tf.backend() as unknown as { typedArrayFromHeap(t: tf.Tensor): Float32Array }).typedArrayFromHeap(t);
      for (const n of [1, 3, 4, 5, 16, 17, 1000, 10001]) {
        const xs = values(n, 1);
        const ys = values(n, 7);
        const xt = tf.tensor(xs);
        const yt = tf.tensor(ys);
        for (const op of ['add', 'sub', 'mul', 'div'] as HostArithmetic[]) {
          for (const [x, y, label] of [
            [xs, ys, 'js js'],
            [heapView(xt), heapView(yt), 'wasm wasm'],
            [heapView(xt), ys, 'wasm js'],
            [xs, Float32Array.of(-2.5), 'array scalar'],
            [Float32Array.of(3), heapView(yt), 'scalar array'],
          ] as [Float32Array, Float32Array, string][]) {
            const expected = bits(arithmeticOnHost(op, x, y, n));
            const got = wasmArithmeticOnHost(op, x, y, n);
            assert.ok(got, 'computed in wasm');
            assert.deepEqual(bits(got), expected, `${op} n=${n} ${label}`);
            const before = tf.memory().numTensors;
            const t = wasmArithmeticTensor(op, x, y, [n], n);
            assert.ok(t, 'a tensor computed in wasm');
            assert.equal(tf.memory().numTensors, before + 1);
            assert.deepEqual(t.shape, [n]);
            assert.deepEqual(bits(t.dataSync() as Float32Array), expected, `${op} n=${n} ${label} (tensor)`);
            t.dispose();
          }
        }
        xt.dispose();
        yt.dispose();
      }
    } finally {
      c.useBackend(previous as c.BackendName);
    }
  });

  it('copies big operands from JS memory through a scratch it gives back', () => {
    c.useBackend('wasm');
    try {
      const n = 300001;
      const xs = values(n, 3);
      const ys = values(n, 5);
      for (let round = 0; round < 2; round++) {
        const t = wasmArithmeticTensor('div', xs, ys, [n], n);
        assert.ok(t, 'computed in wasm');
        assert.deepEqual(bits(t.dataSync() as Float32Array), bits(arithmeticOnHost('div', xs, ys, n)));
        t.dispose();
      }
    } finally {
      c.useBackend(previous as c.BackendName);
    }
  });
});
