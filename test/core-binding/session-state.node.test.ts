// Grad mode, torch's generator and print options (torch's and numpy's) belong to a session: one
// session's change never reaches another, as separate notebooks; grad-mode context managers and
// decorators restore the mode, on exceptions too; the conformance runner starts every case afresh.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPy } from '../python/run.js';
import { PythonSession } from '../../src/python/index.js';

async function echo(session: PythonSession, code: string): Promise<string | null> {
  const r = await runPy(code, {}, session);
  assert.equal(r.error, undefined, `${code}: ${r.error?.traceback}`);
  return r.echo;
}

describe('per-session state', () => {
  it("one session's grad mode, seed and print options never reach another", async () => {
    const a = new PythonSession();
    const b = new PythonSession();
    await echo(b, 'import torch, numpy as np\ntorch.manual_seed(0)\nnp.random.seed(0)');
    await echo(
      a,
      'import torch, numpy as np\ntorch.set_grad_enabled(False)\ntorch.manual_seed(123)\ntorch.set_printoptions(precision=1)\nnp.set_printoptions(precision=1)\nnp.random.seed(5)',
    );
    assert.equal(await echo(a, 'torch.is_grad_enabled()'), 'False');
    assert.equal(await echo(b, 'torch.is_grad_enabled()'), 'True');
    assert.equal(await echo(b, 'x = torch.ones(1, requires_grad=True)\n(x * 2).requires_grad'), 'True');
    assert.equal(await echo(b, 'torch.tensor([1.23456])'), 'tensor([1.2346])');
    assert.equal(await echo(a, 'torch.tensor([1.23456])'), 'tensor([1.2])');
    assert.equal(await echo(b, 'np.array([1.23456])'), 'array([1.23456])');
    assert.equal(await echo(a, 'np.array([1.23456])'), 'array([1.2])');
    // b's generator continues from its own seed whatever a draws in between.
    assert.equal(await echo(b, 'torch.rand(2)'), 'tensor([0.4963, 0.7682])');
    await echo(a, 'torch.rand(100)\nnp.random.rand(100)');
    assert.equal(await echo(b, 'torch.rand(1)'), 'tensor([0.0885])');
    assert.equal(await echo(b, 'round(float(np.random.rand()), 6)'), '0.548814');
    assert.equal(await echo(b, 'torch.initial_seed()'), '0');
    assert.equal(await echo(a, 'torch.initial_seed()'), '123');
    // A fresh session starts from PyTorch's defaults.
    const c = new PythonSession();
    assert.equal(
      await echo(c, 'import torch\ntorch.is_grad_enabled(), torch.initial_seed()'),
      '(True, 67280421310721)',
    );
    // reset() forgets the session's state with its namespace.
    a.reset();
    assert.equal(
      await echo(a, 'import torch\ntorch.is_grad_enabled(), torch.tensor([1.23456])'),
      '(True, tensor([1.2346]))',
    );
  });

  it('grad-mode context managers and decorators restore the mode, on exceptions too', async () => {
    const s = new PythonSession();
    const cases: [string, string][] = [
      [
        'import torch\nwith torch.set_grad_enabled(False):\n    inside = torch.is_grad_enabled()\ninside, torch.is_grad_enabled()',
        '(False, True)',
      ],
      [
        'torch.set_grad_enabled(False)\nwith torch.enable_grad():\n    inside = torch.is_grad_enabled()\nafter = torch.is_grad_enabled()\ntorch.set_grad_enabled(True)\ninside, after',
        '(True, False)',
      ],
      [
        'try:\n    with torch.no_grad():\n        raise ValueError()\nexcept ValueError:\n    pass\ntorch.is_grad_enabled()',
        'True',
      ],
      [
        'try:\n    with torch.inference_mode():\n        1 / 0\nexcept ZeroDivisionError:\n    pass\ntorch.is_grad_enabled()',
        'True',
      ],
      [
        '@torch.no_grad()\ndef f():\n    raise KeyError()\ntry:\n    f()\nexcept KeyError:\n    pass\ntorch.is_grad_enabled()',
        'True',
      ],
      [
        '@torch.inference_mode()\ndef g():\n    return torch.is_grad_enabled()\ng(), torch.is_grad_enabled()',
        '(False, True)',
      ],
      [
        'with torch.no_grad():\n    with torch.enable_grad():\n        y = torch.ones(1, requires_grad=True) * 2\n    z = torch.ones(1, requires_grad=True) * 2\ny.requires_grad, z.requires_grad, torch.is_grad_enabled()',
        '(True, False, True)',
      ],
      [
        'with torch.set_grad_enabled(True):\n    with torch.set_grad_enabled(False):\n        a = torch.is_grad_enabled()\n    b = torch.is_grad_enabled()\na, b, torch.is_grad_enabled()',
        '(False, True, True)',
      ],
    ];
    for (const [code, expected] of cases) assert.equal(await echo(s, code), expected, code);
  });

  it('the conformance runner carries no grad mode, seed or print options from one case to the next', () => {
    const dir = mkdtempSync(join(tmpdir(), 'torchlet-conf-'));
    const file = join(dir, 'cases.jsonl');
    const cells = [
      'import torch\ntorch.set_grad_enabled(False)\ntorch.manual_seed(7)\ntorch.set_printoptions(precision=1)',
      'import torch\ntorch.is_grad_enabled(), torch.initial_seed(), torch.tensor([1.23456])',
    ];
    writeFileSync(file, cells.map((code, i) => JSON.stringify({ id: `c${i}`, code })).join('\n') + '\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/conformance.ts', file], {
      encoding: 'utf8',
    });
    const second = JSON.parse(out.trim().split('\n')[1]);
    assert.equal(second.echo, '(True, 67280421310721, tensor([1.2346]))');
  });
});
