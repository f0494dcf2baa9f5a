// float32 arithmetic and sum/mean on the host backends (tfjs cpu, and wasm as a page's cpu device
// has it), where JS loops replace tfjs kernels: PyTorch's values, over any set of axes, with
// gradients, bit for bit the same as the tfjs kernels on both backends.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import * as c from './index.js';

const BACKENDS = ['cpu', 'wasm'] as const;

before(async () => {
  for (const b of BACKENDS) assert.ok(await c.loadBackend(b), `${b} loads in Node`);
});
after(() => {
  c.setDeviceBackend('cpu', 'cpu');
  c.useBackend('cpu');
});

const lessonValues = (n: number) => Float32Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000);

/** The double-precision total of `values` picked by `pick`, rounded once to float32. */
function reference(shape: number[], axes: number[], values: Float32Array, keep: boolean, divide: boolean) {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const out = new Float64Array(outShape.reduce((a, b) => a * b, 1));
  const outStrides = outShape.map((_, i) => outShape.slice(i + 1).reduce((a, b) => a * b, 1));
  for (let k = 0; k < values.length; k++) {
    let o = 0;
    for (let i = 0; i < shape.length; i++)
      if (!axes.includes(i)) o += (Math.floor(k / strides[i]) % shape[i]) * outStrides[i];
    out[o] += values[k];
  }
  const count = axes.reduce((n, a) => n * shape[a], 1);
  const rounded = Float32Array.from(out, (v) => (divide ? Math.fround(v) / count : v));
  return { shape: keep ? outShape : shape.filter((_, i) => !axes.includes(i)), values: Array.from(rounded) };
}

for (const backend of BACKENDS) {
  describe(`sum and mean on ${backend}`, () => {
    before(() => {
      c.setDeviceBackend('cpu', backend);
      c.useBackend(backend);
    });

    it("sums squares of a lesson's floats to PyTorch's float32 totals", () => {
      // torch 1.13: (t * t).sum().item() and t.mean().item() for these values
      const expected: Record<number, number> = {
        1000: 332.83349609375,
        10000: 3328.3349609375,
        100000: 33283.3515625,
      };
      for (const [n, total] of Object.entries(expected)) {
        const t = c.fromValues(lessonValues(Number(n)), [Number(n)], 'float32', 'cpu');
        assert.equal(c.item(c.sum(c.mul(t, t))), total, `sum of ${n} squares`);
        assert.equal(c.item(c.mean(t)), 0.49950000643730164, `mean of ${n}`);
      }
    });

    it('reduces over every set of axes, with and without keepdim', () => {
      const shape = [2, 3, 4];
      const values = Float32Array.from({ length: 24 }, (_, i) =>
        Math.fround(Math.sin(i + 1) * 10 ** (i % 5)),
      );
      const t = c.fromValues(values, shape, 'float32', 'cpu');
      for (const axes of [[0], [1], [2], [0, 1], [1, 2], [0, 2], [0, 1, 2]])
        for (const keep of [false, true])
          for (const divide of [false, true]) {
            const r = divide ? c.mean(t, axes, keep) : c.sum(t, axes, keep);
            const want = reference(shape, axes, values, keep, divide);
            const what = `${divide ? 'mean' : 'sum'}(${axes}, keepdim=${keep})`;
            assert.deepEqual(r.shape, want.shape, what);
            assert.deepEqual(Array.from(r.readSync()), want.values, what);
          }
    });

    it('gives 0 for the sum and nan for the mean of an empty tensor', () => {
      const empty = c.fromValues(new Float32Array(0), [0], 'float32', 'cpu');
      assert.equal(c.item(c.sum(empty)), 0);
      assert.ok(Number.isNaN(c.item(c.mean(empty))));
      const rows = c.fromValues(new Float32Array(0), [2, 0], 'float32', 'cpu');
      assert.deepEqual(Array.from(c.sum(rows, 1).readSync()), [0, 0]);
    });

    it('records SumBackward0 and MeanBackward1, whose gradients broadcast back', () => {
      const x = c.fromValues(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3], 'float32', 'cpu');
      c.setRequiresGrad(x, true);
      const s = c.sum(c.mul(x, x));
      assert.equal(s.gradFn?.name, 'SumBackward0');
      c.backward(s);
      assert.deepEqual(Array.from(x.grad!.readSync()), [2, 4, 6, 8, 10, 12]);
      x.grad = null;
      const m = c.mean(x, 1);
      assert.equal(m.gradFn?.name, 'MeanBackward1');
      c.backward(c.sum(m));
      assert.deepEqual(
        Array.from(x.grad!.readSync()),
        [1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3].map(Math.fround),
      );
    });

    it('adds, subtracts, multiplies and divides float32 values as the tfjs kernels do, bit for bit', () => {
      const ops = { add: c.add, sub: c.sub, mul: c.mul, div: c.div } as const;
      const kernels = { add: tf.add, sub: tf.sub, mul: tf.mul, div: tf.div } as const;
      // sizes on both sides of wasm's JS loop, SIMD and JS-memory limits; values of every
      // magnitude, zeros, a NaN
      for (const n of [1, 7, 63, 64, 8192, 8193, 9000, 100003]) {
        const xs = Float32Array.from({ length: n }, (_, i) =>
          Math.fround(Math.sin(i * 1.7) * 10 ** ((i % 9) - 4)),
        );
        const ys = Float32Array.from({ length: n }, (_, i) =>
          i % 11 === 0 ? 0 : Math.fround(Math.cos(i) * 3 ** (i % 5)),
        );
        if (n > 7) xs[3] = NaN;
        const x = c.fromValues(xs, [n], 'float32', 'cpu');
        const y = c.fromValues(ys, [n], 'float32', 'cpu');
        const scalar = c.fromValues(Float32Array.of(0.1), [], 'float32', 'cpu');
        for (const name of Object.keys(ops) as (keyof typeof ops)[]) {
          const pairs: [c.Operand, c.Operand, tf.Tensor, tf.Tensor][] = [
            [x, y, tf.tensor(xs), tf.tensor(ys)],
            [x, c.pyFloat(0.1), tf.tensor(xs), tf.scalar(0.1)],
            [3, y, tf.scalar(3), tf.tensor(ys)],
            [scalar, x, tf.scalar(0.1), tf.tensor(xs)],
          ];
          for (const [a, b, ta, tb] of pairs) {
            const got = Array.from(ops[name](a, b).readSync());
            const want = Array.from(kernels[name](ta, tb).dataSync());
            assert.deepEqual(got, want, `${name} of ${n} values`);
          }
        }
      }
    });

    it('broadcasts rows against columns and keeps int and bool operands exact', () => {
      const col = c.fromValues(Float32Array.of(1, 2, 3), [3, 1], 'float32', 'cpu');
      const row = c.fromValues(Float32Array.of(10, 20), [1, 2], 'float32', 'cpu');
      assert.deepEqual(Array.from(c.mul(col, row).readSync()), [10, 20, 20, 40, 30, 60]);
      const ints = c.fromValues(Int32Array.of(1, 2, 3), [3], 'int64', 'cpu');
      const half = c.mul(ints, c.pyFloat(0.5));
      assert.equal(half.dtype, 'float32');
      assert.deepEqual(Array.from(half.readSync()), [0.5, 1, 1.5]);
      assert.deepEqual(Array.from(c.div(ints, 2).readSync()), [0.5, 1, 1.5]);
      assert.deepEqual(Array.from(c.add(ints, ints).readSync()), [2, 4, 6]);
      const bools = c.fromValues(Uint8Array.of(1, 0), [2], 'bool', 'cpu');
      assert.deepEqual(Array.from(c.mul(bools, c.pyFloat(2.5)).readSync()), [2.5, 0]);
    });

    it('records MulBackward0 and DivBackward0 for the loop results', () => {
      const x = c.fromValues(Float32Array.of(1, 2, 4), [3], 'float32', 'cpu');
      c.setRequiresGrad(x, true);
      const y = c.div(c.mul(x, x), 2);
      assert.equal(y.gradFn?.name, 'DivBackward0');
      c.backward(c.sum(y));
      assert.deepEqual(Array.from(x.grad!.readSync()), [1, 2, 4]);
    });

    it('keeps loop results in JS memory until a tfjs op needs them, then as one tfjs tensor', () => {
      const x = c.fromValues(Float32Array.of(1, 2, 3, 4), [2, 2], 'float32', 'cpu');
      const before = tf.memory().numTensors;
      const y = c.mul(x, 2);
      assert.ok(y.hostValues, 'the product is held in JS memory');
      assert.equal(tf.memory().numTensors, before, 'no tfjs tensor yet');
      // a tfjs op made inside a tidy takes the values into one kept tfjs tensor
      const z = c.matmul(y, y);
      assert.deepEqual(Array.from(z.readSync()), [28, 40, 60, 88]);
      assert.equal(y.data.isDisposed, false);
      assert.deepEqual(Array.from(y.readSync()), [2, 4, 6, 8]);
      // a view of it, and a write through the view into it
      const row = c.getIndex(y, [1]);
      c.setIndex(row, [0], 0);
      assert.deepEqual(Array.from(y.readSync()), [2, 4, 0, 8]);
      assert.equal(y.hostValues, null, 'written values live in tfjs');
    });

    it("frees loop results with their session's scope", () => {
      const scope = new c.TensorScope();
      const previous = c.setTensorScope(scope);
      const x = c.fromValues(Float32Array.of(1, 2), [2], 'float32', 'cpu');
      const s = c.sum(c.mul(x, x));
      c.setTensorScope(previous);
      assert.equal(c.item(s), 5);
      scope.dispose();
      assert.ok(s.isDisposed);
      assert.throws(() => s.data, /freed/);
    });
  });
}
