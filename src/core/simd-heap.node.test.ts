// The SIMD modules on tfjs's JS cpu backend, before tfjs's wasm backend is loaded: they compute in a
// memory of their own (operands copied in) with the JS loop's bits, results lent there are read
// in place or copied out, and when the wasm backend loads later they move to its memory while
// results made before stay right. A file of its own: it needs a process where wasm is not loaded.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import * as c from './index.js';
import { arithmeticOnHost, sumOnHost, type HostArithmetic } from './host.js';
import { simdHeap, tfjsWasmMemory } from './wasm-bytes.js';
import { wasmArithmeticLent, wasmArithmeticOnHost } from './wasm-arithmetic.js';
import { wasmTotal } from './wasm-total.js';
import { bits, loopTotal, values } from '../../test/core/simd-values.js';

const finite = (v: Float32Array) => v.map((x) => (Number.isFinite(x) ? x : 1));

describe('the SIMD heap before tfjs-backend-wasm is loaded', () => {
  it('is a memory of its own, and gives the JS loop’s bits for every op, form and length', async () => {
    assert.ok(await c.loadBackend('cpu'));
    assert.equal(c.isBackendReady('wasm'), false);
    assert.equal(tfjsWasmMemory(), null);
    const heap = simdHeap();
    assert.ok(heap, 'an own heap');
    for (const n of [1, 3, 4, 5, 16, 17, 1000, 10001, 70000]) {
      const xs = values(n, 1);
      const ys = values(n, 7);
      for (const op of ['add', 'sub', 'mul', 'div'] as HostArithmetic[]) {
        for (const [x, y, label] of [
          [xs, ys, 'array array'],
          [xs, xs, 'the same array twice'],
          [xs, Float32Array.of(-2.5), 'array scalar'],
          [Float32Array.of(3), ys, 'scalar array'],
        ] as [Float32Array, Float32Array, string][]) {
          const expected = bits(arithmeticOnHost(op, x, y, n));
          const got = wasmArithmeticOnHost(op, x, y, n);
          assert.ok(got, 'computed in wasm');
          assert.deepEqual(bits(got), expected, `${op} n=${n} ${label}`);
          const kept = wasmArithmeticLent(op, x, y, n);
          assert.ok(kept, 'lent');
          assert.equal(kept.inPlace().buffer, heap.memory.buffer, 'in the own memory');
          assert.deepEqual(bits(kept.inPlace()), expected, `${op} n=${n} ${label} (lent)`);
          kept.end();
        }
      }
    }
  });

  it('runs (t * t).sum() of cpu tensors in it, with the JS loop’s bits', () => {
    const cpuBackend = c.backendFor('cpu');
    c.setDeviceBackend('cpu', 'cpu');
    try {
      for (const n of [100, 10000, 50000]) {
        const xs = finite(values(n, 5));
        const t = c.fromValues(xs, [n], 'float32', 'cpu');
        const square = c.mul(t, t);
        const total = c.sum(square);
        const squares = arithmeticOnHost('mul', xs, xs, n);
        assert.equal(c.item(total), Math.fround(loopTotal(squares)), `n=${n}`);
        assert.deepEqual(bits(square.readSync() as Float32Array), bits(squares));
        // Values in JS memory are summed in wasm too (copied in), row by row.
        assert.equal(sumOnHost(squares, [n], null)[0], Math.fround(loopTotal(squares)));
        for (const x of [t, square, total]) x.dispose();
      }
      assert.equal(wasmTotal(new Float32Array(1000), 0, 1000), null, 'JS memory is left to the JS loop');
    } finally {
      c.setDeviceBackend('cpu', cpuBackend);
    }
  });

  it('moves to tfjs’s wasm memory when that backend loads; a result lent before stays right', async () => {
    const cpuBackend = c.backendFor('cpu');
    c.setDeviceBackend('cpu', 'cpu');
    try {
      const n = 4096;
      const xs = finite(values(n, 9));
      const x = c.fromValues(xs, [n], 'float32', 'cpu');
      const before = c.mul(x, x);
      const own = simdHeap()!.memory;
      assert.equal(before.hostValuesInPlace!.buffer, own.buffer, 'the product is lent in the own memory');
      assert.ok(await c.loadBackend('wasm'));
      const tfjs = tfjsWasmMemory();
      assert.ok(tfjs);
      assert.equal(simdHeap()!.memory, tfjs, 'the heap is now tfjs’s memory');
      assert.notEqual(own, tfjs);
      // A product made now computes in tfjs's memory; the one lent before is copied out of ours.
      const after = c.mul(x, 3);
      const squares = arithmeticOnHost('mul', xs, xs, n);
      assert.deepEqual(bits(before.readSync() as Float32Array), bits(squares));
      assert.deepEqual(
        bits(after.readSync() as Float32Array),
        bits(arithmeticOnHost('mul', xs, Float32Array.of(3), n)),
      );
      assert.equal(c.item(c.sum(before)), Math.fround(loopTotal(squares)));
      // The cpu device on wasm now: operands in tfjs memory are read in place.
      c.setDeviceBackend('cpu', 'wasm');
      const y = c.fromValues(xs, [n], 'float32', 'cpu');
      assert.equal(c.item(c.sum(c.mul(y, y))), Math.fround(loopTotal(squares)));
      for (const t of [x, before, after, y]) t.dispose();
    } finally {
      c.setDeviceBackend('cpu', cpuBackend);
    }
  });
});

describe('tensors made on the JS cpu backend before the cpu device moves to wasm', () => {
  it('move into wasm memory once, at their first host op there, and keep their values', async () => {
    assert.ok(await c.loadBackend('cpu'));
    assert.ok(await c.loadBackend('wasm'));
    const cpuBackend = c.backendFor('cpu');
    c.setDeviceBackend('cpu', 'cpu');
    try {
      const n = 20000;
      const xs = finite(values(n, 13));
      const ys = finite(values(n, 17));
      const x = c.fromValues(xs, [n], 'float32', 'cpu');
      const y = c.fromValues(ys, [n], 'float32', 'cpu');
      const where = (t: c.Tensor) =>
        (
          tf.engine() as unknown as { state: { tensorInfo: Map<object, { backend: unknown }> } }
        ).state.tensorInfo.get(t.data.dataId)!.backend;
      assert.equal(where(x), tf.engine().registry.cpu);
      c.setDeviceBackend('cpu', 'wasm');
      const product = c.mul(x, y);
      assert.equal(where(x), tf.engine().registry.wasm, 'x moved');
      assert.equal(where(y), tf.engine().registry.wasm, 'y moved');
      assert.deepEqual(bits(product.readSync() as Float32Array), bits(arithmeticOnHost('mul', xs, ys, n)));
      assert.deepEqual(bits(x.readSync() as Float32Array), bits(xs));
      c.setDeviceBackend('cpu', 'cpu');
      const w = c.fromValues(ys, [n], 'float32', 'cpu');
      c.setDeviceBackend('cpu', 'wasm');
      assert.equal(c.item(c.sum(w)), Math.fround(loopTotal(ys)), 'a sum moves it too');
      assert.equal(where(w), tf.engine().registry.wasm);
      for (const t of [x, y, product, w]) t.dispose();
    } finally {
      c.setDeviceBackend('cpu', cpuBackend);
    }
  });
});
