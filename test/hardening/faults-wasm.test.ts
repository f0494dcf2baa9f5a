// Faults: tfjs's .wasm files cannot be loaded (a wrong wasm base path). The cell's 256×256 tensor
// needs wasm (src/core/device.ts); the cpu device stays on tfjs's JS cpu backend, the cell runs and
// prints PyTorch's output, the badge names the backend and a note says why.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import { configureKernel } from '../../src/kernel/client.js';
import '../../src/elements/tensor-playground/tensor-playground.js';
import type { TensorPlayground } from '../../src/elements/tensor-playground/tensor-playground.js';
import { isLongMode, reportFigure } from './programs.js';

configureKernel({ wasmBase: '/no-such-directory/' });

describe('hardening: the wasm files fail to load', function () {
  this.timeout(120000);

  it('runs the cell on the JS cpu backend, says which backend ran it, and why', async () => {
    const start = performance.now();
    const el = await fixture<TensorPlayground>(
      `<tensor-playground><script type="text/x-python">import torch\nbig = torch.zeros(256, 256)\nprint(torch.tensor([1., 2.]) * 2, big.sum())</script></tensor-playground>`,
    );
    await el.ready;
    const ended = oneEvent(el, 'tp-run-end');
    (el.shadowRoot!.querySelector('[part~="run-button"]') as HTMLElement).click();
    const detail = (await ended).detail;
    const output = [...el.shadowRoot!.querySelectorAll('.output pre')].map((p) => p.textContent).join('');
    const badge = el.shadowRoot!.querySelector('[part~="badge"]')?.textContent ?? '';
    reportFigure({
      suite: 'faults: wasm files missing',
      mode: isLongMode() ? 'long' : 'short',
      inputs: 1,
      failures: detail.ok && detail.backend === 'cpu' ? 0 : 1,
      ms: Math.round(performance.now() - start),
    });
    expect(detail.ok, detail.error?.message).to.equal(true);
    expect(detail.backend).to.equal('cpu');
    expect(output).to.include('tensor([2., 4.]) tensor(0.)');
    expect(badge).to.match(/cpu · cpu/);
    expect(output).to.include('WebAssembly could not start on this page');
    expect(output).to.include("'wasm-unsafe-eval'");
  });
});
