// A browser without WebGPU: `gpu-backend="auto"` falls back to WebGL and says so. The kernel runs
// in this page, where navigator.gpu is hidden before any tfjs backend loads.
import { expect, fixture, html } from '@open-wc/testing';
import { configureKernel } from '../../kernel/client.js';
import './gpu-speedup.js';
import type { GpuSpeedup } from './gpu-speedup.js';

Object.defineProperty(navigator, 'gpu', { value: undefined, configurable: true });
configureKernel({ inPage: true, wasmBase: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/' });

const text = (el: GpuSpeedup, selector: string) =>
  el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<gpu-speedup> without WebGPU', function () {
  this.timeout(60000);

  it('measures on WebGL instead, labelled as such', async () => {
    const el = await fixture<GpuSpeedup>(html`<gpu-speedup n="32" repeats="2"></gpu-speedup>`);
    while (!el.env) await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    expect(el.env.gpu?.backend).to.equal('webgl');
    expect(text(el, '.gpu-label')).to.match(/^webgl on /);
    expect(text(el, '.note')).to.match(/WebGPU is not available here, so WebGL plays the GPU/);
    const result = await el.run();
    expect(result!.gpu!.backend).to.equal('webgl');
    expect(result!.speedupEndToEnd).to.be.a('number').and.satisfy(Number.isFinite);
  });
});
