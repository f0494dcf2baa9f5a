// A browser with neither WebGPU nor WebGL2: the CPU timings are still shown, with a plain
// explanation. The kernel runs in this page, where both are hidden before any tfjs backend loads.
import { expect, fixture, html } from '@open-wc/testing';
import { configureKernel } from '../../kernel/client.js';
import './gpu-speedup.js';
import type { GpuSpeedup, GsResultDetail } from './gpu-speedup.js';

Object.defineProperty(navigator, 'gpu', { value: undefined, configurable: true });
for (const canvas of [HTMLCanvasElement, OffscreenCanvas]) {
  const getContext = canvas.prototype.getContext as (
    this: unknown,
    id: string,
    ...rest: unknown[]
  ) => unknown;
  Object.defineProperty(canvas.prototype, 'getContext', {
    configurable: true,
    value(this: unknown, id: string, ...rest: unknown[]) {
      return /webgl/.test(id) ? null : getContext.call(this, id, ...rest);
    },
  });
}
configureKernel({ inPage: true, wasmBase: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/' });

const text = (el: GpuSpeedup, selector: string) =>
  el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<gpu-speedup> without any GPU backend', function () {
  this.timeout(60000);

  it('times the CPU and explains why there is no speedup', async () => {
    const el = await fixture<GpuSpeedup>(
      html`<gpu-speedup sweep min-n="16" max-n="32" repeats="2"></gpu-speedup>`,
    );
    while (!el.env) await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    expect(el.env.gpu).to.equal(null);
    expect(text(el, '.gpu-label')).to.equal('none');
    expect(text(el, '.note')).to.match(
      /no GPU backend \(neither WebGPU nor WebGL2\), so only the CPU is timed/,
    );
    const results: GsResultDetail[] = [];
    el.addEventListener('gs-result', (e) => results.push((e as CustomEvent<GsResultDetail>).detail));
    await el.runSweep();
    expect(results).to.have.length(1);
    expect(results[0].results.map((r) => r.n)).to.deep.equal([16, 32]);
    expect(results[0].results.every((r) => r.gpu === null && r.cpu.compute.median > 0)).to.equal(true);
    expect(results[0].verdict).to.match(/Only the CPU was timed/);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(2);
    await expect(el).to.be.accessible();
  });
});
