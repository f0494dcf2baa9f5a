// The cpu device starts on tfjs's JS cpu backend and moves to wasm once a program's tensors are big
// (device.ts's rule): small work never loads wasm; the op that crosses the threshold starts the
// move; tensors made before it (with their views, graphs and grads) keep their values on wasm.
// Node runs the cpu device on JS cpu alone unless told (setFastCpuBackend): this file tells it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as c from './index.js';

describe('the cpu device moves from JS cpu to wasm when a program needs it', () => {
  it('the rule: 2^16 elements in one tensor, 2^21 multiply-adds in one product or 2^24 in all', () => {
    assert.equal(c.needsFastCpu(2 ** 16 - 1), false);
    assert.equal(c.needsFastCpu(2 ** 16), true);
    assert.equal(c.needsFastCpu(10, 2 ** 21 - 1), false);
    assert.equal(c.needsFastCpu(10, 2 ** 21), true);
    assert.equal(c.needsFastCpu(10, 1000, 2 ** 24 - 1), false);
    assert.equal(c.needsFastCpu(10, 1000, 2 ** 24), true);
  });

  it('runs small work on JS cpu, moves at a big product, and older tensors keep values, views and grads', async () => {
    c.setFastCpuBackend('wasm');
    assert.deepEqual(await c.initCpuDevice(), { cpu: 'cpu', cuda: null });
    assert.equal(c.isBackendReady('wasm'), false, 'wasm loaded before anything needed it');

    // Small work: a 100-value tensor with a graph, a view, a 127×127 product (2 048 383 multiply-adds).
    const tenths = () =>
      c.setRequiresGrad(
        c.fromValues(
          Array.from({ length: 100 }, (_, i) => i / 10),
          [100],
          'float32',
          'cpu',
        ),
        true,
      );
    const x = tenths();
    const rows = c.view(x, [10, 10]);
    const y = c.mul(x, x);
    // The same graph's gradient on JS cpu, for the one computed on wasm below.
    const reference = tenths();
    c.backward(c.sum(c.add(c.mul(reference, reference), reference)));
    const expected = Array.from(reference.grad!.readSync());
    const small = c.ones([127, 127], { dtype: 'float32' });
    assert.equal(c.item(c.sum(c.matmul(small, small))), 127 ** 3);
    assert.equal(c.cpuMoveUnderWay(), null, 'small work started the move');
    assert.equal(c.backendFor('cpu'), 'cpu');
    assert.equal(c.isBackendReady('wasm'), false);

    // 128×128 @ 128×128: 2^21 multiply-adds, the product's own tensors far below 2^16 values.
    const a = c.ones([128, 128], { dtype: 'float32' });
    assert.equal(c.cpuMoveUnderWay(), null);
    const product = c.matmul(a, a);
    const moving = c.cpuMoveUnderWay();
    assert.ok(moving, 'the big product did not start the move');
    assert.equal(c.backendFor('cpu'), 'cpu', 'the crossing op itself runs on JS cpu');
    assert.equal(await moving, true);
    assert.equal(c.cpuMoveUnderWay(), null);
    assert.equal(c.backendFor('cpu'), 'wasm');
    assert.deepEqual(c.deviceBackends(), { cpu: 'wasm', cuda: null });

    // Made on JS cpu, used on wasm: tfjs moves their data; our wasm SIMD loops read it there.
    assert.equal(c.item(c.sum(product)), 128 ** 3);
    const z = c.add(y, x); // float32, 100 values: wasm-arithmetic.ts over tfjs's wasm memory
    const total = c.sum(z);
    c.backward(total);
    assert.deepEqual(Array.from(x.grad!.readSync()), expected);
    assert.deepEqual(Array.from(c.view(rows, [100]).readSync()), Array.from(x.readSync()));
    assert.equal(
      c.repr(c.getIndex(rows, [1])),
      'tensor([1.0000, 1.1000, 1.2000, 1.3000, 1.4000, 1.5000, 1.6000, 1.7000, 1.8000,\n' +
        '        1.9000], grad_fn=<SelectBackward0>)',
    );
    assert.equal(c.item(c.sum(y)), c.item(c.sum(c.mul(x, x))));

    // Once moved, it stays: no second move.
    c.matmul(a, a);
    assert.equal(c.cpuMoveUnderWay(), null);
  });
});
