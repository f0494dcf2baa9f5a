// The host (JS loop) paths of the training ops against the same maths composed of tfjs-backed ops:
// values and gradients agree, so a small model trains the same whichever path a size takes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as c from './index.js';

await c.loadBackend('cpu');
c.useBackend('cpu');

function randomTensor(shape: number[], requiresGrad = true): c.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const t = c.fromValues(
    Float32Array.from({ length: n }, () => Math.random() * 4 - 2),
    shape,
    'float32',
    'cpu',
  );
  if (requiresGrad) c.setRequiresGrad(t, true);
  return t;
}

function close(a: c.Tensor | null, b: c.Tensor | null, what: string): void {
  assert.ok(a && b, `${what}: both gradients exist`);
  assert.deepEqual(a.shape, b.shape, what);
  const x = Array.from(a.readSync());
  const y = Array.from(b.readSync());
  x.forEach((v, i) =>
    assert.ok(Math.abs(v - y[i]) <= 1e-5 * (1 + Math.abs(y[i])), `${what}[${i}]: ${v} vs ${y[i]}`),
  );
}

/** Gradients of `loss(inputs)` for each input, run once per path. */
function grads(inputs: c.Tensor[], loss: () => c.Tensor): (c.Tensor | null)[] {
  for (const t of inputs) t.grad = null;
  const out = loss();
  c.backward(out.numel === 1 ? out : c.sum(out));
  return inputs.map((t) => t.grad);
}

describe('host paths of the training ops', () => {
  it('linear (addmm) equals matmul + add, forward and backward', () => {
    const x = randomTensor([5, 3]);
    const w = randomTensor([4, 3]);
    const b = randomTensor([4]);
    const fast = grads([x, w, b], () => c.sum(c.mul(c.linear(x, w, b), c.linear(x, w, b))));
    assert.equal(c.linear(x, w, b).gradFn?.name, 'AddmmBackward0');
    const slow = grads([x, w, b], () => {
      const y = c.add(c.matmul(x, c.transpose(w, 0, 1)), b);
      return c.sum(c.mul(y, y));
    });
    ['x', 'w', 'b'].forEach((name, i) => close(fast[i], slow[i], name));
    close(c.linear(x, w, b), c.add(c.matmul(x, c.transpose(w, 0, 1)), b), 'value');
  });

  it('log_softmax equals x - log(sum(exp(x))), forward and backward', () => {
    const x = randomTensor([3, 5]);
    const weights = randomTensor([3, 5], false);
    const fast = grads([x], () => c.sum(c.mul(c.logSoftmax(x, 1), weights)));
    const slowOf = () => c.sub(x, c.log(c.sum(c.exp(x), 1, true)));
    const slow = grads([x], () => c.sum(c.mul(slowOf(), weights)));
    close(fast[0], slow[0], 'grad');
    close(c.logSoftmax(x, -1), slowOf(), 'value');
  });

  it('cross_entropy (nll of log_softmax) with weights, ignore_index and every reduction', () => {
    const x = randomTensor([4, 3]);
    const target = c.fromValues([2, 0, 1, 2], [4], 'int64', 'cpu');
    const weight = c.fromValues([0.5, 2, 1], [3], 'float32', 'cpu');
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      const fast = grads([x], () => c.crossEntropy(x, target, weight, 1, reduction));
      // the same picks written with tfjs-backed ops: -w[t]·log_softmax(x)[i, t], row 2 ignored, mean over Σw = 2.5
      const picked = () => {
        const ls = c.sub(x, c.log(c.sum(c.exp(x), 1, true)));
        const mask = c.fromValues([0, 0, 1, 0.5, 0, 0, 0, 0, 0, 0, 0, 1], [4, 3], 'float32', 'cpu');
        const each = c.neg(c.sum(c.mul(ls, mask), 1));
        return reduction === 'none' ? each : reduction === 'sum' ? c.sum(each) : c.div(c.sum(each), 2.5);
      };
      const slow = grads([x], picked);
      close(fast[0], slow[0], `${reduction} grad`);
      close(c.crossEntropy(x, target, weight, 1, reduction), picked(), `${reduction} value`);
    }
  });

  it('mse_loss equals mean((x - y)²), for both arguments', () => {
    const x = randomTensor([6, 2]);
    const y = randomTensor([6, 2]);
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      const fast = grads([x, y], () => c.mseLoss(x, y, reduction));
      const slowOf = () => {
        const d = c.sub(x, y);
        const sq = c.mul(d, d);
        return reduction === 'none' ? sq : reduction === 'sum' ? c.sum(sq) : c.mean(sq);
      };
      const slow = grads([x, y], slowOf);
      close(fast[0], slow[0], `${reduction} dx`);
      close(fast[1], slow[1], `${reduction} dy`);
      close(c.mseLoss(x, y, reduction), slowOf(), `${reduction} value`);
    }
  });
});
