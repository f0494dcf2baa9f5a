// The GPU's tfjs backend loads when a cell names cuda, not at `import torch`: a cpu lesson never
// fetches one (64–73 KB gzip). The tests run in order, in one page: the first sees no GPU yet.
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { PythonSession } from './index.js';

const gpuBackends = () => Object.keys(tf.engine().registry).filter((name) => /^web(gpu|gl)$/.test(name));

async function run(session: PythonSession, code: string) {
  let stdout = '';
  const out = await session.run(code, { timeBudgetMs: 60_000, stdout: (t) => (stdout += t) });
  return { ...out, stdout };
}

describe('the GPU backend, loaded on demand', function () {
  this.timeout(120_000);
  const session = new PythonSession();

  it('import torch and cpu cells load no GPU backend', async () => {
    const r = await run(
      session,
      'import torch\na = torch.tensor([1, 2, 3])\nprint(a.sum().item(), a.device)',
    );
    expect(r.error, JSON.stringify(r.error)).to.equal(undefined);
    expect(r.stdout).to.equal('6 cpu\n');
    expect(gpuBackends()).to.deep.equal([]);
  });

  it('torch.cuda.is_available() looks for the GPU itself, even where the code hides the name', async () => {
    const r = await run(session, "print(getattr(torch, 'cu' + 'da').is_available())");
    expect(r.error, JSON.stringify(r.error)).to.equal(undefined);
    expect(r.stdout).to.equal('True\n');
    expect(gpuBackends()).to.have.length(1);
  });

  it('a cell that names cuda runs on it in a new session', async () => {
    const r = await run(
      new PythonSession(),
      "import torch\nprint(torch.cuda.is_available(), torch.ones(1, device='cuda').device)",
    );
    expect(r.error, JSON.stringify(r.error)).to.equal(undefined);
    expect(r.stdout).to.equal('True cuda:0\n');
  });
});
