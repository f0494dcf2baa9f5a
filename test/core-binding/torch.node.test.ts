// The `torch` module through the interpreter: Python-level behaviour of the binding, and the
// memory contract (a session's tensors are freed when the session is reset).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { PythonSession } from '../../src/python/index.js';
import '../../src/python/modules/numpy.js';
import '../../src/python/modules/torch.js';
import { initDevices } from '../../src/core/index.js';

async function run(
  session: PythonSession,
  code: string,
): Promise<{ out: string; echo: string | null; error: string | null }> {
  let out = '';
  const r = await session.run(code, { stdout: (t) => (out += t) });
  return { out, echo: r.echo, error: r.error ? `${r.error.type}: ${r.error.message}` : null };
}

before(async () => {
  await initDevices();
});

describe('torch module', () => {
  it('exposes dtypes, devices, Size, namedtuples and grad_fn types as PyTorch prints them', async () => {
    const s = new PythonSession();
    const r = await run(
      s,
      [
        'import torch',
        'x = torch.tensor([[1., 5.], [4., 2.]], requires_grad=True)',
        'v, i = x.max(dim=1)',
        'print(torch.float64, x.dtype, x.device, x.shape, x.size(1))',
        'print(type(v.grad_fn).__name__, i, torch.Size([2, 3]) == (2, 3))',
        'print(f"{x.sum().item():.1f}", float(x[0, 1]), int(x[1, 0]), x.tolist())',
        'x.max(dim=0)',
      ].join('\n'),
    );
    assert.equal(r.error, null);
    assert.equal(
      r.out,
      'torch.float64 torch.float32 cpu torch.Size([2, 2]) 2\nMaxBackward0 tensor([1, 0]) True\n12.0 5.0 4 [[1.0, 5.0], [4.0, 2.0]]\n',
    );
    assert.equal(
      r.echo,
      'torch.return_types.max(\nvalues=tensor([4., 5.], grad_fn=<MaxBackward0>),\nindices=tensor([1, 0]))',
    );
    s.reset();
  });

  it('raises core errors as the Python exceptions PyTorch raises', async () => {
    const s = new PythonSession();
    const cases: [string, string][] = [
      [
        'torch.ones(2, 3) @ torch.ones(2, 3)',
        'RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)',
      ],
      ['torch.tensor([[1, 2], [3]])', 'ValueError: expected sequence of length 2 at dim 1 (got 1)'],
      ['torch.ones(3)[5]', 'IndexError: index 5 is out of bounds for dimension 0 with size 3'],
      ['len(torch.tensor(5))', 'TypeError: len() of a 0-d tensor'],
      ['torch.arange(10)[::-1]', 'ValueError: step must be greater than zero'],
      [
        'torch.zeros(100000, 100000)',
        'MemoryError: DefaultCPUAllocator: not enough memory: you tried to allocate 40000000000 bytes.',
      ],
    ];
    await run(s, 'import torch');
    for (const [code, want] of cases) assert.equal((await run(s, code)).error, want, code);
    s.reset();
  });

  it('takes ranges as data and ndarrays as operands, as PyTorch does', async () => {
    const s = new PythonSession();
    const r = await run(
      s,
      [
        'import torch',
        'import numpy as np',
        'print(torch.tensor(range(5)), torch.tensor(range(2, 8, 2), dtype=torch.float32))',
        'print(torch.tensor([range(2), range(2)]), np.array(range(3)))',
        'print(np.array([1, 2]) * torch.tensor([1, 2]), torch.tensor([1, 2]) - np.array([1, 1]))',
        'print(np.array([1., 2.]) + torch.tensor([1, 2]))',
        't = torch.zeros(2)',
        't += np.array([1., 2.])',
        'print(t)',
      ].join('\n'),
    );
    assert.equal(r.error, null);
    assert.equal(
      r.out,
      'tensor([0, 1, 2, 3, 4]) tensor([2., 4., 6.])\ntensor([[0, 1],\n        [0, 1]]) [0 1 2]\ntensor([1, 4]) tensor([0, 1])\ntensor([2., 4.], dtype=torch.float64)\ntensor([1., 2.])\n',
    );
    assert.equal((await run(s, 'torch.tensor(range(10**10))')).error?.split(':')[0], 'MemoryError');
    // In place with a float64 operand keeps float32 storage (this freed the tensor's data once).
    const inplace = await run(
      s,
      'w = torch.zeros(2, requires_grad=True)\ny = w * 1\ny += torch.tensor([1., 2.], dtype=torch.float64)\ny.sum().backward()\nprint(y, w.grad)',
    );
    assert.equal(inplace.error, null);
    assert.equal(inplace.out, 'tensor([1., 2.], grad_fn=<AddBackward0>) tensor([1., 1.])\n');
    s.reset();
  });

  it('runs the lesson gradient loop under no_grad and keeps requires_grad', async () => {
    const s = new PythonSession();
    const r = await run(
      s,
      'import torch\nx = torch.tensor(-1.0, requires_grad=True)\nfor _ in range(50):\n    y = (x - 2) ** 2\n    y.backward()\n    with torch.no_grad():\n        x -= 0.1 * x.grad\n    x.grad.zero_()\nx',
    );
    assert.equal(r.echo, 'tensor(2.0000, requires_grad=True)');
    s.reset();
  });

  it('keeps PyTorch storage semantics: views, .data updates, float64 values', async () => {
    const s = new PythonSession();
    const r = await run(
      s,
      [
        'import torch',
        'x = torch.zeros(2, 3)',
        'x[0][1] = 5',
        'row = x[1]',
        'x[1, 2] = 7',
        'w = torch.tensor([1., 2.], requires_grad=True)',
        '(w ** 2).sum().backward()',
        'w.data -= 0.5 * w.grad',
        'w.grad.data.zero_()',
        'print(x.tolist(), row.tolist(), w, w.grad)',
        'print(torch.tensor([0.1, 0.2], dtype=torch.float64).sum().item())',
        'torch.sort(torch.tensor([3, 1, 2]), descending=True)',
      ].join('\n'),
    );
    assert.equal(r.error, null);
    assert.equal(
      r.out,
      '[[0.0, 5.0, 0.0], [0.0, 0.0, 7.0]] [0.0, 0.0, 7.0] tensor([0., 0.], requires_grad=True) tensor([0., 0.])\n0.30000000000000004\n',
    );
    assert.equal(r.echo, 'torch.return_types.sort(\nvalues=tensor([3, 2, 1]),\nindices=tensor([0, 2, 1]))');
    s.reset();
  });

  it('shares memory with numpy through from_numpy', async () => {
    const s = new PythonSession();
    const r = await run(
      s,
      'import torch\nimport numpy as np\na = np.array([1., 2.])\nt = torch.from_numpy(a)\na[0] = 100\nt += 1\nprint(t)\na',
    );
    assert.equal(r.out, 'tensor([101.,   3.], dtype=torch.float64)\n');
    assert.equal(r.echo, 'array([101.,   3.])');
    s.reset();
  });

  it('frees every tensor of a session on reset, leaving other sessions intact', async () => {
    const baseline = tf.memory().numTensors;
    const a = new PythonSession();
    const b = new PythonSession();
    await run(b, 'import torch\nkeep = torch.ones(3) * 2');
    const afterB = tf.memory().numTensors;
    await run(
      a,
      'import torch\nx = torch.randn(10, 10, requires_grad=True)\nfor _ in range(5):\n    (x @ x).sum().backward()\ny = x.detach()[x > 0]',
    );
    assert.ok(tf.memory().numTensors > afterB);
    // b's tensor methods run while a's tensors exist: results stay in b's session
    await run(b, 'z = keep.sum()');
    a.reset();
    assert.equal((await run(b, 'keep + z')).echo, 'tensor([8., 8., 8.])');
    b.reset();
    assert.equal(tf.memory().numTensors, baseline);
  });
});
