// The interpreter in real Chromium: the language, errors, cancellation while the page stays
// responsive, and the lesson's torch/numpy code through the modules.
import { expect } from '@open-wc/testing';
import { PythonSession, type RunOptions } from './index.js';

async function run(code: string, opts: RunOptions = {}, session = new PythonSession()) {
  let stdout = '';
  const out = await session.run(code, { timeBudgetMs: 60_000, ...opts, stdout: (t) => (stdout += t) });
  return { ...out, stdout };
}

describe('python interpreter in the browser', () => {
  it('runs Python and echoes the last expression', async () => {
    const r = await run(
      'def f(x):\n    return [i * x for i in range(3)]\nprint(f(2), 0.1 + 0.2, 2**70)\n{"a": f(1.5)}',
    );
    expect(r.stdout).to.equal('[0, 2, 4] 0.30000000000000004 1180591620717411303424\n');
    expect(r.echo).to.equal("{'a': [0.0, 1.5, 3.0]}");
  });

  it('reports Python errors with a traceback', async () => {
    const r = await run('def g():\n    return {}["k"]\ng()');
    expect(r.ok).to.equal(false);
    expect(r.error?.type).to.equal('KeyError');
    expect(r.error?.message).to.equal("'k'");
    expect(r.error?.line).to.equal(2);
    expect(r.error?.traceback).to.contain('line 2, in g');
  });

  it('keeps the page responsive and stops on cancel', async () => {
    const signal = { cancelled: false };
    let frames = 0;
    const counting = (async () => {
      while (!signal.cancelled) {
        await new Promise((r) => setTimeout(r, 10));
        frames++;
      }
    })();
    setTimeout(() => (signal.cancelled = true), 300);
    const r = await run('while True:\n    pass', { signal });
    await counting;
    expect(r.error?.type).to.equal('KeyboardInterrupt');
    expect(frames).to.be.greaterThan(5);
  });

  it('runs the lesson cells in one session with torch and numpy', async () => {
    const s = new PythonSession();
    const first = await run('import torch\nimport numpy as np\na = torch.tensor([1,2,3])\na.sum()', {}, s);
    expect(first.error, JSON.stringify(first.error)).to.equal(undefined);
    expect(first.echo).to.equal('tensor(6)');
    const second = await run('b = torch.tensor([-1, 0.5, 4])\na * b', {}, s);
    expect(second.echo).to.equal('tensor([-1.,  1., 12.])');
    const third = await run('xs = np.arange(-3, 3, 0.1)\nprint(xs.shape, xs[:3])', {}, s);
    expect(third.stdout).to.equal('(60,) [-3.  -2.9 -2.8]\n');
  });

  it('shows a GPU tensor in an exception message, awaiting its values, with no stray rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (e: PromiseRejectionEvent) => rejections.push(e.reason);
    window.addEventListener('unhandledrejection', onRejection);
    try {
      const s = new PythonSession();
      const r = await run(
        "import torch\ntry:\n    raise ValueError(torch.ones(2, device='cuda'))\nexcept ValueError as e:\n    print(e)\nraise KeyError(torch.zeros(1, device='cuda'))",
        {},
        s,
      );
      expect(r.stdout).to.equal("tensor([1., 1.], device='cuda:0')\n");
      expect(r.error?.type).to.equal('KeyError');
      expect(r.error?.message).to.equal("tensor([0.], device='cuda:0')");
      // A container holding one: its message is computed too, and nothing is left dangling.
      const nested = await run("raise ValueError({torch.ones(1, device='cuda'): [1.5]})", {}, s);
      expect(nested.error?.message).to.equal("{tensor([1.], device='cuda:0'): [1.5]}");
      s.dispose();
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
    }
    expect(rejections.map(String)).to.deep.equal([]);
  });
});
