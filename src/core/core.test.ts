// The core on every tfjs backend in a real browser: ops, autograd, printing, devices and memory.
// Values are read back with `await data()` (reprAsync / read), as webgpu requires.
import * as tf from '@tensorflow/tfjs-core';
import { expect } from '@open-wc/testing';
import { forEachBackend } from '../../test/backends.js';
import * as c from './index.js';
import { wasmTotal } from './wasm-total.js';
import { wasmArithmeticOnHost } from './wasm-arithmetic.js';

const F = c.pyFloat;
const floats = (xs: number[]) => xs.map(F);
const show = (t: c.Tensor) => c.reprAsync(t);

describe('tensor core', () => {
  forEachBackend((backend) => {
    before(() => {
      c.setDeviceBackend('cpu', backend);
    });
    after(() => {
      c.setDeviceBackend('cpu', null);
    });

    it('computes elementwise ops with promotion and broadcasting', async () => {
      const a = c.tensor([1, 2, 3]);
      const b = c.tensor(floats([-1, 0.5, 4]));
      expect(await show(c.mul(a, b))).to.equal('tensor([-1.,  1., 12.])');
      expect(await show(c.add(c.tensor([[1], [2], [3]]), c.tensor([10, 20])))).to.equal(
        'tensor([[11, 21],\n        [12, 22],\n        [13, 23]])',
      );
      expect(await show(c.floorDivide(c.tensor([7, -7]), 2))).to.equal('tensor([ 3, -4])');
      expect(await show(c.div(c.tensor([1, 2, 3]), c.tensor([2, 2, 2])))).to.equal(
        'tensor([0.5000, 1.0000, 1.5000])',
      );
      expect(await show(c.compare('gt', a, 1))).to.equal('tensor([False,  True,  True])');
      expect(await show(c.sigmoid(c.tensor(floats([-2, 0, 2]))))).to.equal(
        'tensor([0.1192, 0.5000, 0.8808])',
      );
    });

    // the cpu device's host paths: JS loops, and on wasm a SIMD total in wasm memory
    if (backend === 'cpu' || backend === 'wasm')
      it("sums the squares of a lesson's floats to PyTorch's float32 totals", async () => {
        // torch 1.13: (t * t).sum().item() and t.mean().item() of these values
        const expected: Record<number, number> = { 1000: 332.83349609375, 100000: 33283.3515625 };
        for (const [n, total] of Object.entries(expected)) {
          const xs = Float32Array.from({ length: Number(n) }, (_, i) => ((i * 7919) % 1000) / 1000);
          const t = c.fromValues(xs, [Number(n)], 'float32', 'cpu');
          expect(await c.itemAsync(c.sum(c.mul(t, t)))).to.equal(total);
          expect(await c.itemAsync(c.mean(t))).to.equal(0.49950000643730164);
        }
        if (backend === 'wasm') {
          // the browser build's wasm memory is reachable, so big totals take the SIMD path
          const big = tf.tensor(new Float32Array(1024).fill(0.5));
          const heap = tf.backend() as unknown as { typedArrayFromHeap(t: tf.Tensor): Float32Array };
          expect(wasmTotal(heap.typedArrayFromHeap(big), 0, 1024)).to.equal(512);
          // and elementwise float32 arithmetic runs as wasm SIMD
          const view = heap.typedArrayFromHeap(big);
          expect(Array.from(wasmArithmeticOnHost('mul', view, view, 1024) ?? [])).to.deep.equal(
            new Array(1024).fill(0.25),
          );
          big.dispose();
        }
      });

    it('reduces, reshapes, indexes and multiplies matrices', async () => {
      const t = c.tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      expect(await show(c.sum(t, 1, true))).to.equal('tensor([[ 6],\n        [15]])');
      const [values, indices] = c.extremumDim(t, 'max', 0);
      expect(await show(values)).to.equal('tensor([4, 5, 6])');
      expect(await show(indices)).to.equal('tensor([1, 1, 1])');
      expect(await show(c.reverseDims(t))).to.equal('tensor([[1, 4],\n        [2, 5],\n        [3, 6]])');
      expect(await show(c.getIndex(t, [{ start: null, stop: null, step: null }, 0]))).to.equal(
        'tensor([1, 4])',
      );
      const A = c.tensor([
        [F(1), F(2)],
        [F(3), F(4)],
      ]);
      const B = c.tensor([
        [F(0), F(1)],
        [F(1), F(0)],
      ]);
      expect(await show(c.matmul(A, B))).to.equal('tensor([[2., 1.],\n        [4., 3.]])');
      const m = c.tensor(floats([1, -2, 3, -4]));
      c.setIndex(m, [c.compare('lt', m, 0)], 0);
      expect(await show(m)).to.equal('tensor([1., 0., 3., 0.])');
    });

    it('runs the lesson autograd: grads, grad_fn names, accumulation into the same tensor', async () => {
      const x = c.tensor(F(-1), { requiresGrad: true });
      const y1 = c.add(c.rsub(x, 3), c.pow(c.div(x, 2), 2));
      expect(await show(y1)).to.equal('tensor(4.2500, grad_fn=<AddBackward0>)');
      c.backward(y1);
      const g = x.grad!;
      expect(await show(g)).to.equal('tensor(-1.5000)');
      const y2 = c.rsub(c.pow(c.div(x, 2), 2), 3);
      expect(await show(y2)).to.equal('tensor(2.7500, grad_fn=<RsubBackward1>)');
      c.backward(y2);
      expect(x.grad).to.equal(g);
      expect(await show(g)).to.equal('tensor(-1.)');
      c.zero(g);
      expect(await show(g)).to.equal('tensor(0.)');
      const v = c.tensor(floats([0, 1, 2]), { requiresGrad: true });
      c.backward(c.sum(c.mul(c.sin(v), 2)));
      expect(await show(v.grad!)).to.equal('tensor([ 2.0000,  1.0806, -0.8323])');
    });

    it('prints summaries, scientific notation and suffixes', async () => {
      expect(await show(c.arange(2000, null))).to.equal('tensor([   0,    1,    2,  ..., 1997, 1998, 1999])');
      expect(await show(c.tensor(floats([1e-5, 1])))).to.equal('tensor([1.0000e-05, 1.0000e+00])');
      expect(await show(c.tensor(floats([1.5]), { dtype: 'float64', requiresGrad: true }))).to.equal(
        'tensor([1.5000], dtype=torch.float64, requires_grad=True)',
      );
      c.manualSeed(0);
      expect(await show(c.rand([3]))).to.equal('tensor([0.4963, 0.7682, 0.0885])');
    });

    it('keeps a cpu and a cuda tensor working side by side, each on its backend', async () => {
      c.setDeviceBackend('cuda', backend);
      c.setDeviceBackend('cpu', 'cpu');
      try {
        const onGpu = c.tensor(floats([1, 2]), { device: 'cuda' });
        const onCpu = c.tensor(floats([3, 4]));
        const a = c.mul(onGpu, 2);
        const b = c.add(onCpu, 1);
        const d = c.add(a, 1);
        expect(await show(d)).to.equal("tensor([3., 5.], device='cuda:0')");
        expect(await show(b)).to.equal('tensor([4., 5.])');
        expect(() => c.add(onGpu, onCpu)).to.throw(
          'Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!',
        );
        expect(await show(c.toDevice(onGpu, 'cpu'))).to.equal('tensor([1., 2.])');
      } finally {
        c.setDeviceBackend('cuda', null);
        c.setDeviceBackend('cpu', backend);
      }
    });

    it('returns tf.memory().numTensors to its baseline when the scope is freed', () => {
      // synchronous on purpose: no finalizer of an earlier test's tensors can run in between
      const baseline = tf.memory().numTensors;
      const scope = new c.TensorScope();
      const previous = c.setTensorScope(scope);
      try {
        const x = c.tensor(floats([1, 2, 3]), { requiresGrad: true });
        for (let i = 0; i < 3; i++) c.backward(c.sum(c.mul(c.exp(x), x)));
        c.repr(c.matmul(c.ones([8, 8]), c.ones([8, 8])));
        c.repr(c.getIndex(x, [c.compare('gt', x, 1)]));
      } finally {
        c.setTensorScope(previous);
      }
      expect(tf.memory().numTensors).to.be.above(baseline);
      scope.dispose();
      expect(tf.memory().numTensors).to.equal(baseline);
    });
  });
});
