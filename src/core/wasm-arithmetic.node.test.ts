// The wasm SIMD + - * / against the JS loop it stands in for: the same bits for every length, form
// (array op array, array op scalar, scalar op array) and magnitude, operands in wasm or JS memory.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import * as c from './index.js';
import { arithmeticOnHost, type HostArithmetic } from './host.js';
import { wasmArithmeticOnHost, wasmArithmeticTensor } from './wasm-arithmetic.js';
import { bits, values } from '../../test/core/simd-values.js';

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

  it('keeps a result in wasm memory until it is read, another result needs the place, or it is dropped', () => {
    c.useBackend('wasm');
    const cpuBackend = c.backendFor('cpu');
    c.setDeviceBackend('cpu', 'wasm');
    try {
      const n = 10000;
      const xs = values(n, 11).map((v) => (Number.isFinite(v) ? v : 1));
      const x = c.fromValues(xs, [n], 'float32', 'cpu');
      const squares = arithmeticOnHost('mul', xs, xs, n);
      const doubled = arithmeticOnHost('mul', xs, Float32Array.of(2), n);
      const total = (v: Float32Array) => c.item(c.sum(c.fromValues(v, [n], 'float32', 'cpu')));
      // summed where it was computed, then a second result takes the place: the first is copied out
      const p = c.mul(x, x);
      assert.equal(c.item(c.sum(p)), total(squares));
      const q = c.mul(x, 2);
      assert.deepEqual(bits(p.hostValues!), bits(squares));
      assert.deepEqual(bits(q.hostValues!), bits(doubled));
      // a tfjs op on a kept result, a dropped one, an in-place op and a mean
      const r = c.mul(x, x);
      const dot = (u: c.Tensor, v: c.Tensor) => c.item(c.matmul(c.reshape(u, [1, n]), c.reshape(v, [n, 1])));
      const fresh = (v: Float32Array) => c.fromValues(v.slice(), [n], 'float32', 'cpu');
      assert.ok(Object.is(dot(r, q), dot(fresh(squares), fresh(doubled))));
      assert.deepEqual(bits(r.readSync() as Float32Array), bits(squares));
      const dropped = c.mul(q, x);
      dropped.dispose();
      const s = c.add(x, x);
      c.inplace(s, (src) => c.mul(src, x));
      assert.deepEqual(bits(s.readSync() as Float32Array), bits(arithmeticOnHost('mul', doubled, xs, n)));
      assert.equal(c.item(c.mean(c.mul(x, x))), Math.fround((total(squares) as number) / n));
      assert.deepEqual(bits(p.readSync() as Float32Array), bits(squares));
      for (const t of [x, p, q, r, s]) t.dispose();
    } finally {
      c.setDeviceBackend('cpu', cpuBackend);
      c.useBackend(previous as c.BackendName);
    }
  });
});
