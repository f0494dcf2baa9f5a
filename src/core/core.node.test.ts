// The core's semantics in Node on the tfjs cpu backend: printing, promotion, errors, autograd,
// seeded random numbers, indexing and memory. Expected strings are PyTorch 1.13's own output.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import * as c from './index.js';

const F = c.pyFloat;
const floats = (xs: number[]) => xs.map(F);
const r = (t: c.Tensor) => c.repr(t);
const throws = (fn: () => unknown, type: string, message: string | RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof c.TorchError, `expected a TorchError, got ${String(e)}`);
    assert.equal(e.pyType, type);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });

before(async () => {
  await c.initDevices();
});

describe('printing', () => {
  it('formats ints, floats and bools with common widths', () => {
    assert.equal(r(c.tensor([1, 2, 3])), 'tensor([1, 2, 3])');
    assert.equal(r(c.tensor(floats([1, 2.5, -3]))), 'tensor([ 1.0000,  2.5000, -3.0000])');
    assert.equal(r(c.tensor([true, false, true])), 'tensor([ True, False,  True])');
    assert.equal(r(c.tensor(floats([1, 2, 3]))), 'tensor([1., 2., 3.])');
    assert.equal(r(c.tensor([10 ** 12, -5])), 'tensor([1000000000000,            -5])');
    assert.equal(
      r(
        c.tensor([
          [F(1.5), F(-200.25)],
          [F(3), F(4)],
        ]),
      ),
      'tensor([[   1.5000, -200.2500],\n        [   3.0000,    4.0000]])',
    );
  });

  it('switches to scientific notation as PyTorch does, on float32 values', () => {
    assert.equal(r(c.tensor(floats([1e10, 1]))), 'tensor([1.0000e+10, 1.0000e+00])');
    assert.equal(r(c.tensor(floats([1e-5, 1]))), 'tensor([1.0000e-05, 1.0000e+00])');
    assert.equal(r(c.tensor(floats([0.01, 10]))), 'tensor([1.0000e-02, 1.0000e+01])');
    assert.equal(r(c.tensor(floats([0.05, 10]))), 'tensor([ 0.0500, 10.0000])');
    assert.equal(r(c.tensor(floats([1000, 2]))), 'tensor([1000.,    2.])');
    assert.equal(r(c.tensor(floats([123456789]))), 'tensor([1.2346e+08])');
    assert.equal(r(c.tensor(floats([Infinity, -Infinity, NaN, 1]))), 'tensor([inf, -inf, nan, 1.])');
    assert.equal(r(c.tensor(floats([-0, 0, 1]))), 'tensor([-0., 0., 1.])');
  });

  it('rounds ties to even like Python', () => {
    assert.equal(c.formatFixed(0.03125, 4), '0.0312');
    assert.equal(c.formatFixed(0.09375, 4), '0.0938');
    assert.equal(c.formatExp(1e-5, 4), '1.0000e-05');
  });

  it('nests, summarizes past 1000 elements and wraps at 80 columns', () => {
    assert.equal(
      r(c.reshape(c.arange(F(12), null), [2, 3, 2])),
      'tensor([[[ 0.,  1.],\n         [ 2.,  3.],\n         [ 4.,  5.]],\n\n        [[ 6.,  7.],\n         [ 8.,  9.],\n         [10., 11.]]])',
    );
    assert.equal(r(c.arange(2000, null)), 'tensor([   0,    1,    2,  ..., 1997, 1998, 1999])');
    assert.equal(r(c.linspace(0, 1, 1001)), 'tensor([0.0000, 0.0010, 0.0020,  ..., 0.9980, 0.9990, 1.0000])');
    assert.equal(
      r(c.arange(30, null)),
      'tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n        18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29])',
    );
    assert.ok(!r(c.arange(1000, null)).includes('...'));
    assert.ok(r(c.arange(1001, null)).includes('...'));
  });

  it('adds dtype, size, requires_grad and grad_fn suffixes', () => {
    assert.equal(
      r(c.tensor(floats([1.5, 2.5]), { dtype: 'float64' })),
      'tensor([1.5000, 2.5000], dtype=torch.float64)',
    );
    assert.equal(r(c.tensor([1, 2], { dtype: 'int32' })), 'tensor([1, 2], dtype=torch.int32)');
    assert.equal(r(c.zeros([2, 0])), 'tensor([], size=(2, 0))');
    assert.equal(r(c.tensor([])), 'tensor([])');
    const x = c.tensor(floats([1, 2]), { requiresGrad: true });
    assert.equal(r(x), 'tensor([1., 2.], requires_grad=True)');
    assert.equal(r(c.mul(x, 2)), 'tensor([2., 4.], grad_fn=<MulBackward0>)');
  });

  it('rounds float16 values as IEEE half does: nearest, exact ties to even, overflow to inf', () => {
    const xs = [0.1, 1 / 3, 2049, 2051, -2049, 65519, 65520, 3 * 2 ** -25, 2 ** -25, 1e-8];
    assert.deepEqual(xs.map(c.roundFloat16), [
      0.0999755859375,
      0.333251953125,
      2048,
      2052,
      -2048,
      65504,
      Infinity,
      2 ** -23,
      0,
      0,
    ]);
  });

  it('reads float32 values back as float32', () => {
    assert.equal(c.item(c.tensor(F(0.1))), 0.10000000149011612);
    assert.equal(c.item(c.sum(c.tensor(floats([0.1, 0.2, 0.3])))), 0.6000000238418579);
  });
});

describe('type promotion', () => {
  it('follows PyTorch categories and weak Python scalars', () => {
    assert.equal(c.mul(c.tensor([1, 2, 3]), c.tensor(floats([-1, 0.5, 4]))).dtype, 'float32');
    assert.equal(c.add(c.tensor([1, 2]), F(0.5)).dtype, 'float32');
    assert.equal(c.add(c.tensor(floats([1.5])), F(0.1)).dtype, 'float32');
    assert.equal(
      c.add(c.tensor(floats([1.5])), c.tensor(floats([1.25]), { dtype: 'float64' })).dtype,
      'float64',
    );
    assert.equal(c.add(c.tensor([1], { dtype: 'int32' }), 5).dtype, 'int32');
    assert.equal(c.add(c.tensor([true]), 1).dtype, 'int64');
    assert.equal(c.div(c.tensor([1, 2, 3]), c.tensor([2, 2, 2])).dtype, 'float32');
    assert.equal(r(c.floorDivide(c.tensor([7, -7]), 2)), 'tensor([ 3, -4])');
    assert.equal(r(c.div(c.tensor([7, -7]), 2, 'trunc')), 'tensor([ 3, -3])');
    assert.equal(r(c.pow(c.tensor([1, 4, 9]), F(0.5))), 'tensor([1., 2., 3.])');
    assert.equal(r(c.sum(c.tensor([true, false, true]))), 'tensor(2)');
  });
});

describe('float64 and int64 labels', () => {
  it('keep exact double values through elementwise ops, sums, indexing and in-place ops', () => {
    const x = c.tensor(floats([0.1, 0.2]), { dtype: 'float64' });
    assert.equal(c.item(c.sum(x)), 0.30000000000000004);
    assert.deepEqual(c.toList(c.mul(x, 3)), [0.30000000000000004, 0.6000000000000001]);
    assert.equal(c.item(c.getIndex(c.sin(x), [0])), Math.sin(0.1));
    c.inplace(x, (s) => c.add(s, F(0.1)));
    assert.deepEqual(c.toList(x), [0.2, 0.30000000000000004]);
    assert.equal(r(c.mul(c.tensor([10 ** 12, 5]), 2)), 'tensor([2000000000000,            10])');
  });

  it('share memory with a float64 buffer (torch.from_numpy) both ways', () => {
    const buffer = new Float64Array([1, 2]);
    const t = c.Tensor.sharing(buffer, [2], 'cpu');
    buffer[0] = 100;
    assert.equal(r(t), 'tensor([100.,   2.], dtype=torch.float64)');
    c.inplace(t, (s) => c.add(s, F(0.5)));
    assert.deepEqual(Array.from(buffer), [100.5, 2.5]);
  });
});

describe('errors', () => {
  it('uses PyTorch types and messages', () => {
    throws(
      () => c.add(c.tensor([1, 2, 3]), c.tensor([1, 2])),
      'RuntimeError',
      'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0',
    );
    // Two dimensions differ: PyTorch names the last one.
    throws(
      () => c.add(c.ones([2, 3]), c.ones([3, 2])),
      'RuntimeError',
      'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1',
    );
    throws(
      () => c.matmul(c.ones([2, 3]), c.ones([2, 3])),
      'RuntimeError',
      'mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)',
    );
    throws(() => c.matmul(c.ones([2, 3]), c.ones([2])), 'RuntimeError', 'size mismatch, got 2, 2x3,2');
    throws(
      () => c.item(c.tensor([1, 2, 3])),
      'ValueError',
      'only one element tensors can be converted to Python scalars',
    );
    throws(
      () => c.reshape(c.arange(6, null), [4, 2]),
      'RuntimeError',
      "shape '[4, 2]' is invalid for input of size 6",
    );
    throws(() => c.mean(c.tensor([1, 2, 3])), 'RuntimeError', /Got: Long$/);
    throws(
      () =>
        c.sum(
          c.tensor([
            [1, 2],
            [3, 4],
          ]),
          2,
        ),
      'IndexError',
      'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
    );
    throws(() => c.floorDivide(c.tensor([1, 2]), 0), 'RuntimeError', 'ZeroDivisionError');
    throws(
      () => c.pow(c.tensor([2, 3]), -1),
      'RuntimeError',
      'Integers to negative integer powers are not allowed.',
    );
    throws(() => c.tensor([[1, 2], [3]]), 'ValueError', 'expected sequence of length 2 at dim 1 (got 1)');
    throws(
      () => c.view(c.reverseDims(c.reshape(c.arange(6, null), [2, 3])), [-1]),
      'RuntimeError',
      /Use \.reshape\(\.\.\.\) instead\.$/,
    );
    throws(
      () => c.getIndex(c.tensor([1, 2, 3]), [5]),
      'IndexError',
      'index 5 is out of bounds for dimension 0 with size 3',
    );
    throws(
      () => c.inplace(c.tensor([1, 2]), (s) => c.add(s, F(0.5))),
      'RuntimeError',
      "result type Float can't be cast to the desired output type Long",
    );
  });
});

describe('autograd', () => {
  it('computes the lesson gradients and names nodes as PyTorch', () => {
    const x = c.setRequiresGrad(c.tensor(F(-1)), true);
    const y = c.add(c.rsub(x, 3), c.pow(c.div(x, 2), 2));
    assert.equal(r(y), 'tensor(4.2500, grad_fn=<AddBackward0>)');
    c.backward(y);
    assert.equal(r(x.grad!), 'tensor(-1.5000)');
    const g = x.grad!;
    c.zero(g);
    const y2 = c.rsub(c.pow(c.div(x, 2), 2), 3);
    assert.equal(r(y2), 'tensor(2.7500, grad_fn=<RsubBackward1>)');
    c.backward(y2);
    assert.equal(x.grad, g, 'grad accumulates into the same Tensor object');
    assert.equal(r(g), 'tensor(0.5000)');
    throws(() => c.backward(y2), 'RuntimeError', /^Trying to backward through the graph a second time/);
  });

  it('accumulates without zero_, keeps the graph with retain_graph, takes gradient=', () => {
    const x = c.tensor(F(-1), { requiresGrad: true });
    c.backward(c.add(c.rsub(x, 3), c.pow(c.div(x, 2), 2)));
    c.backward(c.rsub(c.pow(c.div(x, 2), 2), 3));
    assert.equal(r(x.grad!), 'tensor(-1.)');
    const z = c.tensor(floats([1, 2, 3]), { requiresGrad: true });
    const y = c.mul(z, 2);
    throws(() => c.backward(y), 'RuntimeError', 'grad can be implicitly created only for scalar outputs');
    c.backward(y, c.tensor(floats([1, 0.5, 0])), true);
    c.backward(y, c.tensor(floats([1, 0.5, 0])));
    assert.equal(r(z.grad!), 'tensor([4., 2., 0.])');
  });

  it('maximum and minimum send the gradient to the side that won, half to each on a tie', () => {
    const weights = c.tensor(floats([1, 10, 100]));
    for (const [op, name, gradA, gradB] of [
      [c.maximum, 'MaximumBackward0', 'tensor([  0.,   5., 100.])', 'tensor([1., 5., 0.])'],
      [c.minimum, 'MinimumBackward0', 'tensor([1., 5., 0.])', 'tensor([  0.,   5., 100.])'],
    ] as const) {
      const a = c.tensor(floats([1, 2, 3]), { requiresGrad: true });
      const b = c.tensor(floats([3, 2, 1]), { requiresGrad: true });
      const y = op(a, b);
      assert.match(r(y), new RegExp(`grad_fn=<${name}>`));
      c.backward(c.sum(c.mul(y, weights)));
      assert.equal(r(a.grad!), gradA);
      assert.equal(r(b.grad!), gradB);
    }
    assert.equal(r(c.minimum(c.tensor([1, 5]), c.tensor([2, 4]))), 'tensor([1, 4])');
  });

  it('differentiates the elementwise functions, reductions, matmul and indexing', () => {
    const cases: [(x: c.Tensor) => c.Tensor, string][] = [
      [c.sin, 'tensor([ 1.0000,  0.5403, -0.4161])'],
      [c.cos, 'tensor([-0.0000, -0.8415, -0.9093])'],
      [c.exp, 'tensor([1.0000, 2.7183, 7.3891])'],
      [c.tanh, 'tensor([1.0000, 0.4200, 0.0707])'],
      [(x) => c.mean(x), 'tensor([0.3333, 0.3333, 0.3333])'],
      [(x) => c.getIndex(x, [c.tensor([2, 2])]), 'tensor([0., 0., 2.])'],
      [(x) => c.matmul(x, c.tensor(floats([1, 2, 3]))), 'tensor([1., 2., 3.])'],
      [(x) => c.extremum(x, 'max'), 'tensor([0., 0., 1.])'],
      [(x) => c.variance(x), 'tensor([-1.,  0.,  1.])'],
    ];
    for (const [f, want] of cases) {
      const x = c.tensor(floats([0, 1, 2]), { requiresGrad: true });
      c.backward(c.sum(f(x)));
      assert.equal(r(x.grad!), want);
    }
    const A = c.tensor(
      [
        [F(1), F(2)],
        [F(3), F(4)],
      ],
      { requiresGrad: true },
    );
    const out = c.matmul(A, A);
    assert.equal(out.gradFn?.name, 'MmBackward0');
    c.backward(c.sum(out));
    assert.equal(r(A.grad!), 'tensor([[ 7., 11.],\n        [ 9., 13.]])');
  });

  it('refuses int tensors and in-place ops on leaves, honours no_grad and detach', () => {
    throws(
      () => c.setRequiresGrad(c.tensor([1, 2]), true),
      'RuntimeError',
      'only Tensors of floating point dtype can require gradients',
    );
    throws(
      () => c.tensor([1, 2], { requiresGrad: true }),
      'RuntimeError',
      'Only Tensors of floating point and complex dtype can require gradients',
    );
    const x = c.tensor(F(1), { requiresGrad: true });
    throws(
      () => c.inplace(x, (s) => c.add(s, 1)),
      'RuntimeError',
      'a leaf Variable that requires grad is being used in an in-place operation.',
    );
    const y = c.noGrad(() => c.mul(x, 2));
    assert.equal(y.requiresGrad, false);
    assert.equal(r(c.detach(c.mul(x, 2))), 'tensor(2.)');
    const step = c.tensor(F(-1), { requiresGrad: true });
    c.backward(c.add(c.rsub(step, 3), c.pow(c.div(step, 2), 2)));
    c.noGrad(() => c.inplace(step, (s) => c.sub(s, c.mul(F(0.1), step.grad!))));
    assert.equal(r(step), 'tensor(-0.8500, requires_grad=True)');
  });

  it('detach() shares storage: in-place changes through it reach the original', () => {
    const w = c.tensor(floats([1, 2]), { requiresGrad: true });
    const d = c.detach(w);
    c.inplace(d, (s) => c.sub(s, F(0.5)));
    assert.equal(r(w), 'tensor([0.5000, 1.5000], requires_grad=True)');
    assert.equal(d.requiresGrad, false);
  });

  it('autograd.grad returns gradients without touching .grad', () => {
    const x = c.tensor(floats([1, 2]), { requiresGrad: true });
    const [g] = c.grad([c.sum(c.pow(x, 3))], [x]);
    assert.equal(r(g!), 'tensor([ 3., 12.])');
    assert.equal(x.grad, null);
  });
});

describe('random', () => {
  it('reproduces PyTorch CPU generator streams', () => {
    c.manualSeed(0);
    assert.equal(r(c.rand([3])), 'tensor([0.4963, 0.7682, 0.0885])');
    c.manualSeed(0);
    assert.equal(
      r(c.randn([2, 3])),
      'tensor([[ 1.5410, -0.2934, -2.1788],\n        [ 0.5684, -1.0845, -1.3986]])',
    );
    c.manualSeed(0);
    assert.equal(r(c.randint(0, 10, [5])), 'tensor([4, 9, 3, 0, 3])');
    c.manualSeed(0);
    assert.ok(r(c.randn([16])).startsWith('tensor([-1.1258, -1.1524, -0.2506, -0.4339,  0.8487'));
  });

  it('draws nothing for a device that is not ready: the op run again after the GPU set-up draws the same numbers', () => {
    // Node has no GPU: cuda raises (GpuSettingUp before its probe, an AssertionError after it).
    const ops: [string, (device?: 'cuda') => c.Tensor][] = [
      ['rand', (device) => c.rand([4], { device })],
      ['randn', (device) => c.randn([4], { device })],
      ['normal', (device) => c.normal(1, 2, [4], { device })],
      ['randint', (device) => c.randint(0, 100, [4], { device })],
      ['randperm', (device) => c.randperm(6, { device })],
    ];
    for (const [name, op] of ops) {
      c.manualSeed(3);
      const expected = r(op());
      c.manualSeed(3);
      assert.throws(() => op('cuda'));
      assert.equal(r(op()), expected, name);
    }
  });
});

describe('indexing', () => {
  it('reads with ints, slices, None, masks and lists', () => {
    const t = c.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.equal(r(c.getIndex(t, [{ start: null, stop: null, step: null }, 0])), 'tensor([1, 4])');
    assert.equal(r(c.getIndex(t, [-1])), 'tensor([4, 5, 6])');
    assert.equal(r(c.getIndex(t, [0, { start: null, stop: null, step: 2 }])), 'tensor([1, 3])');
    assert.deepEqual(c.getIndex(t, [null]).shape, [1, 2, 3]);
    assert.equal(r(c.getIndex(t, [c.compare('gt', t, 2)])), 'tensor([3, 4, 5, 6])');
    assert.equal(
      r(
        c.getIndex(t, [
          [1, 0],
          [2, 0],
        ]),
      ),
      'tensor([6, 1])',
    );
  });

  it('gives views for basic indexing, reshapes and transposes: writes reach the base and back', () => {
    const x = c.zeros([2, 3]);
    c.setIndex(c.getIndex(x, [0]), [1], 5);
    const row = c.getIndex(x, [1]);
    c.inplace(row, (s) => c.add(s, 1));
    c.setIndex(c.view(x, [-1]), [0], 7);
    c.setIndex(c.reverseDims(x), [2, 0], 9);
    assert.equal(r(x), 'tensor([[7., 5., 9.],\n        [1., 1., 1.]])');
    c.setIndex(x, [1, 1], -1);
    assert.equal(r(row), 'tensor([ 1., -1.,  1.])');
    const adv = c.getIndex(x, [[0]]);
    c.setIndex(adv, [0, 0], 100);
    assert.equal(c.item(c.getIndex(x, [0, 0])), 7, 'advanced indexing copies');
    const w = c.ones([3], { requiresGrad: true });
    throws(
      () => c.inplace(c.getIndex(w, [0]), (s) => c.add(s, 1)),
      'RuntimeError',
      'a view of a leaf Variable that requires grad is being used in an in-place operation.',
    );
  });

  it('assigns through masks and casts to the tensor dtype', () => {
    const a = c.tensor(floats([1, -2, 3, -4]));
    c.setIndex(a, [c.compare('lt', a, 0)], 0);
    assert.equal(r(a), 'tensor([1., 0., 3., 0.])');
    const b = c.tensor([1, 2, 3]);
    c.setIndex(b, [0], F(2.7));
    assert.equal(r(b), 'tensor([2, 2, 3])');
  });
});

describe('memory', () => {
  it('a scope frees every tensor a session created, graphs and grads included', () => {
    const baseline = tf.memory().numTensors;
    const scope = new c.TensorScope();
    const previous = c.setTensorScope(scope);
    try {
      const x = c.tensor(floats([1, 2, 3]), { requiresGrad: true });
      for (let i = 0; i < 5; i++) c.backward(c.sum(c.mul(c.sin(x), c.exp(x))));
      r(c.matmul(c.ones([4, 4]), c.ones([4, 4])));
      c.setIndex(x.grad!, [0], 5);
    } finally {
      c.setTensorScope(previous);
    }
    assert.ok(tf.memory().numTensors > baseline);
    scope.dispose();
    assert.equal(tf.memory().numTensors, baseline);
  });

  it('dispose() frees one tensor at once', () => {
    const baseline = tf.memory().numTensors;
    const t = c.ones([3]);
    assert.equal(tf.memory().numTensors, baseline + 1);
    t.dispose();
    assert.equal(tf.memory().numTensors, baseline);
  });
});

describe('maths the torch binding used to do itself', () => {
  it('sort, topk, argsort and nonzero', () => {
    const t = c.tensor([
      [F(3), F(1), F(2)],
      [F(NaN), F(0), F(5)],
    ]);
    const [values, indices] = c.sort(t, -1, true);
    assert.equal(r(values), 'tensor([[3., 2., 1.],\n        [nan, 5., 0.]])');
    assert.equal(r(indices), 'tensor([[0, 2, 1],\n        [0, 2, 1]])');
    assert.equal(r(c.topk(t, 1, 0)[1]), 'tensor([[1, 0, 1]])'); // NaN counts as the largest
    assert.equal(r(c.argsort(c.tensor([3, 1, 2]))), 'tensor([1, 2, 0])');
    throws(() => c.topk(t, 4), 'RuntimeError', 'selected index k out of range');
    assert.equal(
      r(
        c.nonzero(
          c.tensor([
            [0, 1],
            [2, 0],
          ]),
        ),
      ),
      'tensor([[0, 1],\n        [1, 0]])',
    );
    assert.equal(
      c
        .nonzeroColumns(c.tensor([0, 3, 4]))
        .map(r)
        .join(' '),
      'tensor([1, 2])',
    );
  });

  it("softmax and log_softmax record their steps for autograd, under PyTorch's node names", () => {
    const x = c.tensor(floats([1, 2, 3]), { requiresGrad: true });
    assert.equal(r(c.softmax(x, 0)), 'tensor([0.0900, 0.2447, 0.6652], grad_fn=<SoftmaxBackward0>)');
    assert.equal(r(c.logSoftmax(x, 0)), 'tensor([-2.4076, -1.4076, -0.4076], grad_fn=<LogSoftmaxBackward0>)');
    // log_softmax stays exact where log(softmax) underflows to -inf
    assert.equal(r(c.logSoftmax(c.tensor(floats([0, 200])), 0)), 'tensor([-200.,    0.])');
    c.backward(c.sum(c.mul(c.logSoftmax(x, 0), c.tensor(floats([1, 0, 0])))));
    assert.equal(r(x.grad!), 'tensor([ 0.9100, -0.2447, -0.6652])');
  });

  it('equal, allclose, logical_and/or/xor, round(decimals) and mse_loss', () => {
    assert.equal(c.equal(c.tensor([1, 2]), c.tensor([1, 2])), true);
    assert.equal(c.equal(c.tensor([1, 2]), c.tensor([[1, 2]])), false);
    assert.equal(c.allclose(c.tensor(floats([1, 2])), c.tensor(floats([1, 2.000001]))), true);
    assert.equal(c.allclose(c.tensor(floats([1, 2])), c.tensor(floats([1, 2.1]))), false);
    assert.equal(r(c.logical('xor', c.tensor([0, 1, 2]), 1)), 'tensor([ True, False, False])');
    assert.equal(r(c.roundDecimals(c.tensor(floats([1.2345, 2.5])), 2)), 'tensor([1.2300, 2.5000])');
    const loss = c.mseLoss(c.tensor(floats([1, 2])), c.tensor(floats([0, 0])), 'sum');
    assert.equal(r(loss), 'tensor(5.)');
  });
});
