// Expression temporaries: `(t ** 2).sum()` frees the product as soon as sum() has read it, and a
// temporary that anything still uses (a view, an autograd graph, an alias, the object that made
// it) is never freed under it.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { backendFor, initDevices, loadBackend, setDeviceBackend } from '../../../core/index.js';
import { PythonSession } from '../../index.js';
import '../torch.js';

async function run(session: PythonSession, code: string): Promise<string> {
  let out = '';
  const r = await session.run(code, { stdout: (t) => (out += t) });
  if (r.error) throw new Error(r.error.traceback);
  return out;
}

/** Runs a loop's lines in `s`; its output, and how many tfjs tensors it left behind. */
async function tensorsLeft(session: PythonSession, lines: string[]): Promise<{ out: string; left: number }> {
  const before = tf.memory().numTensors;
  const out = await run(session, lines.join('\n'));
  return { out, left: tf.memory().numTensors - before };
}

before(async () => {
  await initDevices();
});

describe('expression temporaries', () => {
  it('frees what a loop of (t ** 2).sum() makes while the loop runs', async () => {
    const s = new PythonSession();
    // float powers and int products run as tfjs kernels on every backend: each makes a tfjs tensor
    await run(s, 'import torch\nt = torch.arange(1000.) / 1000\nk = torch.arange(1000)');
    const { out, left } = await tensorsLeft(s, [
      'seen = set()',
      'for _ in range(200):',
      '    seen.add(((t ** 2).sum().item(), (k * 3).max().item(), (-t).exp().mean().item()))',
      'print([[round(v, 2) for v in vs] for vs in seen])',
    ]);
    assert.equal(out, '[[332.83, 2997, 0.63]]\n');
    // the loop's last sums are still referenced by nothing, but the GC has not run: allow a few
    assert.ok(left < 20, `${left} tensors left`);
    s.reset();
  });

  it("frees an operator's operands that native ops made: ((t ** 2) ** 0.5).sum(), (-(t ** 2)).exp()", async () => {
    const s = new PythonSession();
    await run(s, 'import torch\nt = torch.arange(1000.) / 1000\nw = torch.ones(1000, requires_grad=True)');
    const { out, left } = await tensorsLeft(s, [
      'seen = set()',
      'for _ in range(200):',
      '    a = ((t ** 2) ** 0.5).sum().item()',
      '    b = (-(t ** 2)).exp().mean().item()',
      '    c = ((t ** 2) * (t ** 3) - t.exp() ** 2).max().item()',
      '    seen.add((round(a, 2), round(b, 4), round(c, 4)))',
      'print(seen)',
    ]);
    assert.equal(out, '{(499.5, 0.7471, -1.0)}\n');
    // without freeing operands, ~1,200 tensors wait for the garbage collector here
    assert.ok(left < 20, `${left} tensors left`);
    // an operand the graph saves stays: backward reads it (PyTorch 1.13 prints these values too)
    const grad = await run(
      s,
      'loss = ((w * t) ** 2).sum()\nloss.backward()\nprint(round(w.grad.sum().item(), 3))',
    );
    assert.equal(grad, '665.667\n');
    s.reset();
  });

  it('keeps a temporary that a view, a graph, an alias or an in-place result still uses', async () => {
    const sq = '[0.0, 1.0, 4.0, 9.0, 16.0, 25.0]';
    const s = new PythonSession();
    const out = await run(
      s,
      [
        'import torch',
        't = torch.arange(6.)',
        'v = (t ** 2).view(2, 3)', // a view's base
        'r = (t ** 2).reshape(3, 2)',
        'm = (t ** 2).view(3, 2).t()', // a view of a view
        'e = (t ** 2).unsqueeze(0).expand(2, 6)',
        'flat = (t ** 2).flatten()',
        'same = [(t ** 2).cpu(), (t ** 2).to("cpu"), (t ** 2).type_as(t), (t ** 2).view_as(t)]',
        'q = (t ** 2).requires_grad_()',
        'lst = [(t ** 2).view(6), (t ** 2).data]', // in a list (a view, an alias)
        'total = (lst[0] + lst[1]).sum().item() + (t ** 2).data.sum().item()',
        'd = (t ** 2).detach()', // an alias sharing its storage
        'a = (t ** 2).add_(1)', // in place: the temporary itself
        'c = (t ** 2).contiguous()',
        'f = (t ** 2).float()',
        'w = torch.ones(6, requires_grad=True)',
        'y = (t ** 2).mul(w)', // read by the graph in backward
        'g = torch.ones(6, requires_grad=True)',
        'z = (g * 2).sum()', // part of the graph itself
        'y.sum().backward()',
        'z.backward()',
        'print(v.tolist(), r[2].tolist(), m[1].tolist(), e[1].tolist(), flat.tolist())',
        'print([x.tolist() for x in same], q.tolist(), [x.tolist() for x in lst], total)',
        'print(d.tolist(), a.tolist(), c.tolist(), f.tolist())',
        'print(w.grad.tolist(), g.grad.tolist())',
      ].join('\n'),
    );
    assert.equal(
      out,
      [
        `[[0.0, 1.0, 4.0], [9.0, 16.0, 25.0]] [16.0, 25.0] [1.0, 9.0, 25.0] ${sq} ${sq}`,
        `[${[sq, sq, sq, sq].join(', ')}] ${sq} [${sq}, ${sq}] 165.0`,
        `${sq} [1.0, 2.0, 5.0, 10.0, 17.0, 26.0] ${sq} ${sq}`,
        `${sq} [2.0, 2.0, 2.0, 2.0, 2.0, 2.0]`,
        '',
      ].join('\n'),
    );
    s.reset();
  });

  it('keeps a tensor that Python code made and kept, even when an operator handed it over', async () => {
    const s = new PythonSession();
    const out = await run(
      s,
      [
        'import torch',
        't = torch.arange(4.)',
        'keep = {}',
        'class Cached:',
        '    def __mul__(self, other):',
        '        self.last = t ** other',
        '        return self.last',
        '    __rmul__ = lambda self, other: keep.setdefault("r", t ** other)',
        'c = Cached()',
        's1 = (c * 2).sum()', // the product is c.last
        's2 = (3 * c).sum()', // and keep["r"]
        'big = t ** 2',
        's3 = (+big).sum()', // unary plus answers its operand itself
        'print(s1.item(), s2.item(), s3.item())',
        'print(c.last.tolist(), keep["r"].tolist(), big.tolist())',
      ].join('\n'),
    );
    assert.equal(out, '14.0 36.0 14.0\n[0.0, 1.0, 4.0, 9.0] [0.0, 1.0, 8.0, 27.0] [0.0, 1.0, 4.0, 9.0]\n');
    s.reset();
  });

  it("sums the squares of a lesson's floats on wasm (a page's cpu device) to PyTorch's totals, memory flat", async () => {
    assert.ok(await loadBackend('wasm'));
    const previous = backendFor('cpu');
    setDeviceBackend('cpu', 'wasm');
    const s = new PythonSession();
    try {
      await run(s, 'import torch');
      // PyTorch 1.13's output for this code; 10^3 values go through JS memory, 10^4 and 10^5 stay tfjs tensors
      const expected: Record<number, string> = {
        1000: '{332.83349609375} 0.0 2.0',
        10000: '{3328.3349609375} 0.0 2.0',
        100000: '{33283.3515625} 0.0 2.0',
      };
      for (const [n, line] of Object.entries(expected)) {
        await run(s, `t = torch.tensor([((i * 7919) % 1000) / 1000.0 for i in range(${n})])`);
        const before = tf.memory().numTensors;
        const sums = await run(s, 'print({(t * t).sum().item() for _ in range(50)}, end=" ")');
        assert.ok(tf.memory().numTensors - before <= 1, `${tf.memory().numTensors - before} tensors left`);
        const others = await run(
          s,
          'print((t * 0.5 - t / 2).abs().max().item(), (2 - t).sub(t * -1).mean().item())',
        );
        assert.equal(sums + others, `${line}\n`);
      }
    } finally {
      s.reset();
      setDeviceBackend('cpu', previous);
    }
  });
});
