// Every element attribute is checked against what it allows, with a plain visible message, and a
// value that is not allowed never reaches the kernel's Worker.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../gradient-plot/gradient-plot.js';
import type { GradientPlot } from '../gradient-plot/gradient-plot.js';
import { CURVE_PALETTE } from '../gradient-plot/snippets.js';
import '../tensor-playground/tensor-playground.js';
import type { TensorPlayground } from '../tensor-playground/tensor-playground.js';

const text = (root: ParentNode, selector: string) =>
  [...root.querySelectorAll(selector)].map((n) => n.textContent!.replace(/\s+/g, ' ').trim());

async function ranCell(device: string): Promise<TensorPlayground> {
  const el = await fixture<TensorPlayground>(
    html`<tensor-playground device=${device} readonly
      ><script type="text/x-python">
        import torch
        print(torch.ones(2).sum().item())
      </script></tensor-playground
    >`,
  );
  await el.ready;
  expect(await el.run()).to.equal(true);
  return el;
}

const badge = (el: HTMLElement) => el.shadowRoot!.querySelector('[part="badge"]')!.textContent!.trim();

describe('attribute validation: <tensor-playground device>', function () {
  this.timeout(120000);

  for (const name of ['constructor', 'toString', 'valueOf', '__proto__']) {
    it(`device="${name}" runs on cpu with a message (it never reaches the Worker)`, async () => {
      const el = await ranCell(name);
      expect(text(el.shadowRoot!, '.output pre.stdout')).to.deep.equal(['2.0']);
      expect(text(el.shadowRoot!, '.output .note')[0]).to.equal(
        `<tensor-playground device="${name}">: not a device here (the choices are "cpu" and "cuda" (or "cuda:0")), so cpu is used.`,
      );
      expect(badge(el)).to.match(/^cpu · /);
      // The next run works too (nothing stuck on "running…").
      expect(await el.run()).to.equal(true);
    });
  }

  it('device="cuda:0" is accepted as PyTorch accepts it, and runs on the GPU', async () => {
    const el = await ranCell('cuda:0');
    expect(text(el.shadowRoot!, '.output .note')).to.deep.equal([]);
    expect(badge(el)).to.match(/^cuda · /);
    expect(el.shadowRoot!.querySelector<HTMLSelectElement>('select')!.value).to.equal('cuda');
  });

  it('device="CUDA" and "mps" say why instead of running silently on the cpu', async () => {
    const upper = await ranCell('CUDA');
    expect(text(upper.shadowRoot!, '.output .note')[0]).to.contain(
      'device names are lower case, as in PyTorch: write "cuda"',
    );
    const mps = await ranCell('mps');
    expect(text(mps.shadowRoot!, '.output .note')[0]).to.contain('a browser has no such device');
  });
});

describe('attribute validation: <gradient-plot> and <gp-function>', function () {
  this.timeout(120000);

  it('x-min="abc" says so and plots the default range (never "nan")', async () => {
    const el = await fixture<GradientPlot>(html`<gradient-plot x-min="abc"></gradient-plot>`);
    await el.settled();
    expect(text(el.shadowRoot!, '.message')).to.deep.equal([
      '<gradient-plot x-min="abc">: it is not a finite number, so -3 is used.',
    ]);
    expect(el.xMin).to.equal(-3);
    expect(el.tangents.map((t) => t!.slope)).to.deep.equal([-1.5, 0.5]);
    expect(el.shadowRoot!.textContent!.toLowerCase()).to.not.contain('nan');
  });

  it('step="0" and device="constructor" get messages; the plot still computes', async () => {
    const el = await fixture<GradientPlot>(
      html`<gradient-plot step="0" device="constructor"></gradient-plot>`,
    );
    await el.settled();
    const messages = text(el.shadowRoot!, '.message');
    expect(messages).to.include('<gradient-plot step="0">: it must be greater than 0, so 0.1 is used.');
    expect(
      messages.some((m) => m.startsWith('<gradient-plot device="constructor">: not a device here')),
    ).to.equal(true);
    expect(el.computedOn).to.match(/^cpu /);
    expect(el.tangents.map((t) => t!.slope)).to.deep.equal([-1.5, 0.5]);
  });

  it('a gp-function colour that is not one CSS colour is refused: no fetch, no page overlay, the palette colour', async () => {
    const url = `/never-fetched-${Date.now()}.png`;
    const injected = `red;background:url(${url});position:fixed;inset:0`;
    const el = await fixture<GradientPlot>(html`<gradient-plot
      ><gp-function fn="x**2" color=${injected}></gp-function
      ><gp-function fn="x" color="rebeccapurple"></gp-function
    ></gradient-plot>`);
    await el.settled();
    expect(el.curves.map((c) => c.color)).to.deep.equal([CURVE_PALETTE[0], 'rebeccapurple']);
    const swatches = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.swatch')];
    expect(swatches.length).to.be.at.least(2);
    for (const swatch of swatches) {
      const style = getComputedStyle(swatch);
      expect(style.position).to.not.equal('fixed');
      expect(style.backgroundImage).to.equal('none');
    }
    expect(getComputedStyle(swatches[1]).color).to.equal('rgb(102, 51, 153)');
    expect(text(el.shadowRoot!, '.message')).to.deep.equal([
      `<gp-function color=${JSON.stringify(`${injected.slice(0, 40)}…`)}>: not a CSS colour, so the palette colour is used.`,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(performance.getEntriesByType('resource').filter((e) => e.name.includes(url))).to.deep.equal([]);
  });

  it('the swatch colour is set through the CSSOM, so it shows under a policy that blocks style attributes', async () => {
    const el = await fixture<GradientPlot>(html`<gradient-plot
      ><gp-function fn="x" color="rgb(1, 2, 3)"></gp-function
    ></gradient-plot>`);
    await el.settled();
    await waitUntil(() => el.shadowRoot!.querySelector('.swatch'));
    const swatch = el.shadowRoot!.querySelector<HTMLElement>('.swatch')!;
    expect(swatch.style.getPropertyValue('color')).to.equal('rgb(1, 2, 3)');
  });
});

describe('attribute validation: <gpu-speedup>', function () {
  this.timeout(120000);

  it('gpu-backend="constructor" and refine="abc" say so; the meter probes with the defaults', async () => {
    await import('../gpu-speedup/gpu-speedup.js');
    const el = await fixture<HTMLElement & { env: unknown; gpuBackend: string; refine: number }>(
      html`<gpu-speedup gpu-backend="constructor" cpu-backend="toString" refine="abc" n="32"></gpu-speedup>`,
    );
    await waitUntil(() => el.env, 'the probe', { timeout: 60000 });
    expect(el.gpuBackend).to.equal('auto');
    expect(el.refine).to.equal(2);
    const notes = text(el.shadowRoot!, '[part="note"]');
    expect(notes).to.include.members([
      '<gpu-speedup gpu-backend="constructor">: the choices are "auto", "webgpu", "webgl", "none", so "auto" is used.',
      '<gpu-speedup cpu-backend="toString">: the choices are "auto", "wasm", "cpu", so "auto" is used.',
      '<gpu-speedup refine="abc">: it is not a finite number, so 2 is used.',
    ]);
  });
});

describe('attribute validation: theme', function () {
  this.timeout(120000);

  it('theme="blue" is said on each element; light is used', async () => {
    const plot = await fixture<GradientPlot>(html`<gradient-plot theme="blue"></gradient-plot>`);
    await plot.settled();
    expect(text(plot.shadowRoot!, '.message')).to.deep.equal([
      '<gradient-plot theme="blue">: the choices are "light", "dark", so "light" is used.',
    ]);
    expect(plot.theme).to.equal('light');
    const cell = await fixture<TensorPlayground>(
      html`<tensor-playground theme="blue" readonly><script type="text/x-python">print(1)</script></tensor-playground>`,
    );
    await cell.ready;
    await cell.run();
    expect(text(cell.shadowRoot!, '.output .note')).to.deep.equal([
      '<tensor-playground theme="blue">: the choices are "light", "dark", so "light" is used.',
    ]);
  });
});
