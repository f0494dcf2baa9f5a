// torch.nn / optim / data in Chromium: a training loop on the page's cpu device (wasm: the
// optimizers' host path) and on its cuda device (WebGPU or WebGL: the tfjs path of every step), and
// the Node test's programs on wasm.
import { expect } from '@open-wc/testing';
import { setWasmBase } from '../../../../core/backends.js';
import { PythonSession } from '../../../index.js';
import { PROGRAMS } from './testing/programs.js';

// the cpu device is tfjs wasm where its binaries load (served from node_modules in the tests)
setWasmBase('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');

const TRAIN = [
  'import torch',
  'import torch.nn as nn',
  'import torch.optim as optim',
  'from torch.utils.data import TensorDataset, DataLoader',
  'torch.manual_seed(0)',
  'X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])',
  'y = torch.tensor([0, 1, 1, 0])',
  'model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 2))',
  'opt = optim.Adam(model.parameters(), lr=0.05)',
  'loader = DataLoader(TensorDataset(X, y), batch_size=4, shuffle=True)',
  'for epoch in range(200):',
  '    for xb, yb in loader:',
  '        opt.zero_grad()',
  '        loss = nn.functional.cross_entropy(model(xb), yb)',
  '        loss.backward()',
  '        opt.step()',
  'print(model(X).argmax(dim=1).tolist(), loss.item() < 0.1, model[0].weight.device.type)',
  'sgd = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)',
  'w = model[2].bias.detach().clone()',
  'nn.MSELoss()(model(X), torch.zeros(4, 2)).backward()',
  'sgd.step()',
  'print((model[2].bias - w).abs().sum().item() > 0)',
  // torch.optim.lr_scheduler loads its own file on first read (so does torch.utils.data, above)
  'sched = torch.optim.lr_scheduler.StepLR(sgd, step_size=1, gamma=0.5)',
  'sgd.step()',
  'sched.step()',
  "print(sgd.param_groups[0]['lr'], sched.get_last_lr())",
].join('\n');

async function train(device: 'cpu' | 'cuda'): Promise<{ stdout: string; error: unknown }> {
  let stdout = '';
  const r = await new PythonSession().run(TRAIN, {
    device,
    timeBudgetMs: 60_000,
    stdout: (t) => (stdout += t),
  });
  return { stdout, error: r.error };
}

describe('torch.nn, optim and data in the browser', function () {
  this.timeout(120_000);

  it('trains the XOR classifier with Adam and a shuffled DataLoader on the cpu device', async () => {
    const r = await train('cpu');
    expect(r.error, JSON.stringify(r.error)).to.equal(undefined);
    expect(r.stdout).to.equal('[0, 1, 1, 0] True cpu\nTrue\n0.05 [0.05]\n');
  });

  it('trains it on the cuda device too (parameters, losses and optimizer state stay on the GPU)', async () => {
    const r = await train('cuda');
    expect(r.error, JSON.stringify(r.error)).to.equal(undefined);
    expect(r.stdout).to.equal('[0, 1, 1, 0] True cuda\nTrue\n0.05 [0.05]\n');
  });

  // the programs Node checks, on wasm: its kernels must print what PyTorch printed too
  for (const p of PROGRAMS.filter((x) => !x.cpuOnly)) {
    it(`on the cpu device: ${p.title}`, async () => {
      let stdout = '';
      const r = await new PythonSession().run(p.code, {
        device: 'cpu',
        timeBudgetMs: 60_000,
        stdout: (t) => (stdout += t),
      });
      expect(r.error, JSON.stringify(r.error)).to.equal(undefined);
      expect(stdout).to.equal(p.expected);
    });
  }
});
