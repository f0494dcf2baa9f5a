// A GPU device lost in the middle of a sweep ends the sweep with a message, never a hang. The
// kernel runs in this page here, so the test can destroy the very WebGPU device it measures on.
import * as tf from '@tensorflow/tfjs-core';
import { expect, fixture, html } from '@open-wc/testing';
import { configureKernel } from '../../kernel/client.js';
import './gpu-speedup.js';
import type { GpuSpeedup, GsErrorDetail, GsProgressDetail, GsResultDetail } from './gpu-speedup.js';

configureKernel({ inPage: true, wasmBase: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/' });

const text = (el: GpuSpeedup, selector: string) =>
  el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<gpu-speedup> when the GPU device is lost', function () {
  this.timeout(30000);

  it('ends the sweep with a message, keeps what was measured, and says so on the next run', async () => {
    const el = await fixture<GpuSpeedup>(
      html`<gpu-speedup sweep min-n="16" max-n="256" repeats="3" gpu-backend="webgpu"></gpu-speedup>`,
    );
    while (!el.env) await new Promise((r) => setTimeout(r, 20));
    expect(el.env.gpu?.backend).to.equal('webgpu');
    let destroyed = false;
    el.addEventListener('gs-progress', (e) => {
      const { sizesDone, fraction } = (e as CustomEvent<GsProgressDetail>).detail;
      // In the middle of the third size, after its warm-up runs.
      if (!destroyed && sizesDone === 2 && fraction > 0.43) {
        destroyed = true;
        (tf.findBackend('webgpu') as unknown as { device: GPUDevice }).device.destroy();
      }
    });
    const errors: GsErrorDetail[] = [];
    const results: GsResultDetail[] = [];
    el.addEventListener('gs-error', (e) => errors.push((e as CustomEvent<GsErrorDetail>).detail));
    el.addEventListener('gs-result', (e) => results.push((e as CustomEvent<GsResultDetail>).detail));
    await el.runSweep();
    expect(errors).to.have.length(1);
    expect(results).to.have.length(1);
    const [error] = errors;
    const [result] = results;
    expect(error.code).to.equal('gpu-lost');
    expect(error.message).to.match(/WebGPU device was lost/);
    expect(result.results.map((r) => r.n)).to.deep.equal([16, 32]);
    expect(result.stoppedBecause).to.match(/WebGPU device was lost/);
    await el.updateComplete;
    expect(text(el, '.error')).to.match(/WebGPU device was lost.*The measurement stopped/);
    expect((el.shadowRoot!.querySelector('.run') as HTMLButtonElement).disabled).to.equal(false);

    // The next measurement does not try the dead device: it times the CPU and says why.
    const next = await el.run(32);
    expect(next!.gpu).to.equal(null);
    await el.updateComplete;
    expect(text(el, '.note')).to.match(/lost earlier on this page; reload the page/);
  });
});
