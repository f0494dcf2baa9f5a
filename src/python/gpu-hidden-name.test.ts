// A device name the cell's code hides ('cu' + 'da') is not seen before the run, so the GPU is not
// set up then: the first op that meets it sets it up and runs again, and the cell goes on. A file
// of its own: its page must not have looked for the GPU before.
import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { PythonSession } from './index.js';

const gpuBackends = () => Object.keys(tf.engine().registry).filter((name) => /^web(gpu|gl)$/.test(name));

describe('an op on a device name the code hides', function () {
  this.timeout(120_000);

  it('sets up the GPU and runs on it, in the same run', async () => {
    const session = new PythonSession();
    let stdout = '';
    const r = await session.run('import torch\nprint(torch.ones(1).sum())', { stdout: (t) => (stdout += t) });
    expect(r.error, JSON.stringify(r.error)).to.equal(undefined);
    expect(gpuBackends()).to.deep.equal([]);
    stdout = '';
    const hidden = await session.run(
      "dev = 'cu' + 'da'\nx = torch.ones(2).to(dev) * 3\nprint(x, x.device)\nprint(torch.zeros(1, device=dev).device)",
      { stdout: (t) => (stdout += t) },
    );
    expect(hidden.error, JSON.stringify(hidden.error)).to.equal(undefined);
    expect(stdout).to.equal("tensor([3., 3.], device='cuda:0') cuda:0\ncuda:0\n");
    expect(gpuBackends()).to.have.length(1);
  });
});
