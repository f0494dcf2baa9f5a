// <gpu-speedup> in Chromium, measuring for real in the kernel's Worker on SwiftShader's WebGPU
// adapter and on WebGL. Sizes stay small: SwiftShader is slow (webgpu N=256 ≈ 150 ms per run).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './gpu-speedup.js';
import type { GpuSpeedup, GsErrorDetail, GsProgressDetail, GsResultDetail } from './gpu-speedup.js';
import { findBreakEven } from './break-even.js';

const shadow = (el: GpuSpeedup, selector: string) =>
  el.shadowRoot!.querySelector(selector) as HTMLElement | null;
const text = (el: GpuSpeedup, selector: string) =>
  shadow(el, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function probed(el: GpuSpeedup): Promise<GpuSpeedup> {
  const deadline = performance.now() + 60000;
  while (!el.env && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
  expect(el.env, 'the kernel answered the probe').to.not.equal(null);
  return el;
}

describe('<gpu-speedup>', function () {
  this.timeout(120000);

  it('times one N on wasm and the SwiftShader WebGPU adapter, labelled as software', async () => {
    const el = await probed(
      await fixture<GpuSpeedup>(html`<gpu-speedup n="64" repeats="3" gpu-backend="webgpu"></gpu-speedup>`),
    );
    expect(text(el, '.cpu-label')).to.match(/^wasm \((no )?SIMD, \d+ threads?\)$/);
    expect(text(el, '.gpu-label')).to.match(/^webgpu on .*swiftshader.* \(software adapter\)$/i);
    expect(text(el, '.note')).to.match(/software adapter.*say nothing about a real GPU/);
    // No empty chart frames or legends before there is anything to chart.
    expect(getComputedStyle(shadow(el, '.charts')!).display).to.equal('none');
    const resultEvent = oneEvent(el, 'gs-result');
    const result = await el.run();
    const { detail } = (await resultEvent) as CustomEvent<GsResultDetail>;
    expect(result).to.not.equal(null);
    expect(detail.latest).to.deep.equal(result);
    expect(result!.cpu.backend).to.equal('wasm');
    expect(result!.gpu!.backend).to.equal('webgpu');
    for (const timing of [result!.cpu, result!.gpu!]) {
      expect(timing.compute.median).to.be.greaterThan(0);
      expect(timing.endToEnd.median).to.be.greaterThan(0);
      expect(timing.compute.samples).to.have.length(3);
    }
    expect(result!.speedupCompute).to.be.a('number').and.satisfy(Number.isFinite);
    expect(result!.speedupEndToEnd).to.equal(result!.cpu.endToEnd.median / result!.gpu!.endToEnd.median);
    await el.updateComplete;
    expect(text(el, '.summary')).to.match(/N = 64: [\d.]+× speedup end to end/);
    expect(text(el, '.summary')).to.match(/Warm-up, not counted/);
    expect(el.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(1);
  });

  it('uses WebGL when asked, names the SwiftShader renderer, and shows the naive timing', async () => {
    const el = await probed(
      await fixture<GpuSpeedup>(
        html`<gpu-speedup n="48" repeats="2" gpu-backend="webgl" naive></gpu-speedup>`,
      ),
    );
    expect(text(el, '.gpu-label')).to.match(/^webgl on .*SwiftShader.* \(software adapter\)$/);
    const result = await el.run();
    expect(result!.gpu!.backend).to.equal('webgl');
    expect(result!.gpu!.compute.median).to.be.greaterThan(0);
    expect(result!.speedupNaive).to.be.a('number').and.satisfy(Number.isFinite);
    await el.updateComplete;
    expect(text(el, '.summary')).to.match(/naive way .* misleading/);
    // Every column fits a lesson page's text column (the guide's is 54rem): nothing hides off to the side.
    const wrap = shadow(el, '.table-wrap')!;
    el.style.maxWidth = '52rem';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('thead th')).to.have.length(8);
    expect(wrap.scrollWidth, 'table width').to.be.at.most(wrap.clientWidth);
  });

  it('sweeps 16..128 with a progress bar and reports the verdict its own numbers give', async () => {
    const el = await probed(
      await fixture<GpuSpeedup>(
        html`<gpu-speedup sweep min-n="16" max-n="128" repeats="3" gpu-backend="webgl"></gpu-speedup>`,
      ),
    );
    const progress: GsProgressDetail[] = [];
    el.addEventListener('gs-progress', (e) => progress.push((e as CustomEvent<GsProgressDetail>).detail));
    const resultEvent = oneEvent(el, 'gs-result');
    // The page never freezes: the matmuls run in the kernel's Worker.
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => longTasks.push(e.duration)),
    );
    observer.observe({ type: 'longtask' });
    const sweep = el.runSweep();
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(shadow(el, 'progress'), 'a progress bar while sweeping').to.not.equal(null);
    expect((shadow(el, '.cancel') as HTMLButtonElement).disabled).to.equal(false);
    const breakEven = await sweep;
    observer.disconnect();
    expect(Math.max(0, ...longTasks), 'longest main-thread task (ms)').to.be.below(200);
    const { detail } = (await resultEvent) as CustomEvent<GsResultDetail>;
    const sizes = detail.results.map((r) => r.n);
    expect(sizes.slice(0, 1)).to.deep.equal([16]);
    for (const n of [16, 32, 64, 128]) expect(sizes).to.include(n);
    expect(progress.length).to.be.greaterThan(4);
    expect(progress.map((p) => p.n)).to.include.members([16, 32, 64, 128]);
    expect(progress.at(-1)!.fraction).to.be.within(0, 1);
    // The verdict is recomputed here from the measured speedups, not trusted.
    const expected = findBreakEven(detail.results.map((r) => ({ n: r.n, speedup: r.speedupEndToEnd })));
    expect(breakEven).to.deep.equal(expected);
    expect(detail.breakEven).to.deep.equal(expected);
    expect(['crossing', 'gpu-always', 'gpu-never']).to.include(expected.kind);
    if (expected.kind === 'crossing') {
      const [lo, hi] = expected.fitted ?? expected.between;
      expect(expected.n).to.be.within(lo, hi);
    }
    await el.updateComplete;
    expect(text(el, '.verdict')).to.equal(detail.verdict);
    expect(text(el, '.status')).to.equal(`Sweep finished: ${new Set(sizes).size} sizes measured.`);
    expect(detail.verdict).to.match(/Break-even at N ≈ \d+|won at every N tried|never won/);
    expect(shadow(el, 'progress'), 'no progress bar once done').to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('tbody tr')).to.have.length(detail.results.length);
    // The chart code loads with the first two results; then both charts are drawn and shown.
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.charts canvas').length >= 2, 'both charts drawn');
    expect(getComputedStyle(shadow(el, '.charts')!).display).to.equal('grid');

    const csv = el.toCsv().trim().split('\n');
    expect(csv).to.have.length(detail.results.length + 1);
    expect(csv[1]).to.match(/^16,\d+,wasm,webgl,/);
    // "Copy as CSV" puts exactly that text on the clipboard.
    let clipboard = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (value: string) => void (clipboard = value) },
    });
    shadow(el, '.csv')!.click();
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(clipboard).to.equal(el.toCsv());
    expect(text(el, '.copied')).to.equal(`Copied ${detail.results.length} rows as CSV.`);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('refuses an N whose matrices would not fit, before measuring', async () => {
    const el = await probed(
      await fixture<GpuSpeedup>(html`<gpu-speedup n="100000" gpu-backend="webgpu"></gpu-speedup>`),
    );
    const errorEvent = oneEvent(el, 'gs-error');
    let progressed = false;
    el.addEventListener('gs-progress', (e) =>
      (e as CustomEvent<GsProgressDetail>).detail.fraction > 0 ? (progressed = true) : undefined,
    );
    const started = performance.now();
    expect(await el.run()).to.equal(null);
    const { detail } = (await errorEvent) as CustomEvent<GsErrorDetail>;
    expect(performance.now() - started).to.be.below(1000);
    expect(detail.code).to.equal('too-large');
    expect(detail.message).to.match(
      /N = 100000 is too large: its three matrices need 114441 MiB, and .*Try N ≤ \d+\./,
    );
    expect(progressed).to.equal(false);
    await el.updateComplete;
    expect(shadow(el, '.error')!.getAttribute('role')).to.equal('alert');
    expect(text(el, '.error')).to.equal(detail.message);
  });

  it('cancels a sweep promptly and keeps what it measured', async () => {
    const el = await probed(
      await fixture<GpuSpeedup>(
        html`<gpu-speedup sweep min-n="32" max-n="1024" repeats="10" gpu-backend="webgpu"></gpu-speedup>`,
      ),
    );
    const sweep = el.runSweep();
    // Cancel during the second size, once the first one is in the table.
    await new Promise<void>((resolve) =>
      el.addEventListener(
        'gs-progress',
        (e) => (e as CustomEvent<GsProgressDetail>).detail.sizesDone >= 1 && resolve(),
      ),
    );
    await el.updateComplete;
    const cancelButton = shadow(el, '.cancel') as HTMLButtonElement;
    expect(cancelButton.disabled).to.equal(false);
    const asked = performance.now();
    cancelButton.click();
    await sweep;
    expect(performance.now() - asked).to.be.below(3000);
    await el.updateComplete;
    expect(text(el, '.status')).to.equal(
      `Cancelled: ${el.results.length} ${el.results.length === 1 ? 'size' : 'sizes'} measured.`,
    );
    expect(el.results.length).to.be.at.least(1);
    expect(el.results.length).to.be.below(6);
    expect(cancelButton.disabled).to.equal(true);
    expect((shadow(el, '.run') as HTMLButtonElement).disabled).to.equal(false);
  });

  it('says the sweep stopped early when the time limit ends it, not the last "Measuring…"', async () => {
    const el = await probed(
      await fixture<GpuSpeedup>(
        html`<gpu-speedup sweep min-n="16" max-n="2048" repeats="2" time-limit="0.001" gpu-backend="none"></gpu-speedup>`,
      ),
    );
    await el.runSweep();
    await el.updateComplete;
    expect(text(el, '.status')).to.equal('Sweep stopped early: 1 size measured.');
    expect(text(el, '.status')).to.not.match(/Measuring/);
  });

  it('works from the keyboard: Enter runs, Escape cancels', async () => {
    const el = await probed(
      await fixture<GpuSpeedup>(html`<gpu-speedup n="512" repeats="20" gpu-backend="webgpu"></gpu-speedup>`),
    );
    const input = shadow(el, '.n-input') as HTMLInputElement;
    input.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(shadow(el, '.repeats-input'));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(shadow(el, '.run'));
    const progressed = oneEvent(el, 'gs-progress');
    await sendKeys({ press: 'Enter' });
    await progressed;
    await el.updateComplete;
    expect((shadow(el, '.cancel') as HTMLButtonElement).disabled).to.equal(false);
    (shadow(el, '.cancel') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Escape' });
    const deadline = performance.now() + 5000;
    while (text(el, '.status') !== 'Cancelled.' && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(text(el, '.status')).to.equal('Cancelled.');
  });

  it('times the CPU alone, with a plain explanation, when there is no GPU backend', async () => {
    const el = await probed(
      await fixture<GpuSpeedup>(html`<gpu-speedup n="32" repeats="2" gpu-backend="none"></gpu-speedup>`),
    );
    expect(text(el, '.gpu-label')).to.equal('none');
    expect(text(el, '.note')).to.match(/Only the CPU is timed/);
    const result = await el.run();
    expect(result!.gpu).to.equal(null);
    expect(result!.cpu.compute.median).to.be.greaterThan(0);
    await el.updateComplete;
    expect(text(el, '.summary')).to.match(/No GPU backend ran, so there is no speedup/);
    await expect(el).to.be.accessible();
  });
});
