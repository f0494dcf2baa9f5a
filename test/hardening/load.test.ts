// Load: 12 playgrounds on one page, cpu and cuda mixed, all started at once through the page's
// shared kernel Worker, print exactly what each prints when it runs alone.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import '../../src/elements/tensor-playground/tensor-playground.js';
import type { TensorPlayground } from '../../src/elements/tensor-playground/tensor-playground.js';
import { configureKernel } from '../../src/kernel/client.js';
import { isLongMode, reportFigure } from './programs.js';

configureKernel({ wasmBase: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/' });

const COUNT = 12;
const codeFor = (i: number) => `import torch
import numpy as np
torch.manual_seed(${i})
x = torch.randn(3, 3)
w = torch.ones(3, requires_grad=True)
y = (x @ w * ${i}).sum()
y.backward()
for k in range(3):
    print('cell', ${i}, 'step', k)
print(x.device, w.grad.device)
print(y.item() == y.item(), w.grad)
np.arange(${i}).sum(), [n * n for n in range(${i % 5})]`;

const outputText = (el: TensorPlayground) =>
  [...el.shadowRoot!.querySelectorAll('.output pre')].map((pre) => pre.textContent).join('');
const runButton = (el: TensorPlayground) =>
  el.shadowRoot!.querySelector('[part~="run-button"]') as HTMLElement;

describe('hardening: load', function () {
  this.timeout(isLongMode() ? 1_800_000 : 120_000);

  it(`${COUNT} playgrounds on cpu and cuda started at once print what each prints alone`, async () => {
    const start = performance.now();
    const page = await fixture<HTMLDivElement>(
      `<div>${Array.from({ length: COUNT }, (_, i) => `<tensor-playground device="${i % 2 ? 'cuda' : 'cpu'}"><script type="text/x-python">${codeFor(i)}</script></tensor-playground>`).join('')}</div>`,
    );
    const cells = [...page.querySelectorAll('tensor-playground')];
    await Promise.all(cells.map((c) => c.ready));

    // Alone: one after the other.
    const alone: string[] = [];
    for (const cell of cells) {
      const ended = oneEvent(cell, 'tp-run-end');
      runButton(cell).click();
      const detail = (await ended).detail;
      expect(detail.ok, `${detail.error?.traceback}`).to.equal(true);
      alone.push(outputText(cell));
    }
    // At once: every Run clicked in the same task.
    const ends = cells.map((cell) => oneEvent(cell, 'tp-run-end'));
    for (const cell of cells) runButton(cell).click();
    const details = (await Promise.all(ends)).map((e) => e.detail);
    const together = cells.map(outputText);

    let failures = 0;
    for (let i = 0; i < COUNT; i++) if (!details[i].ok || together[i] !== alone[i]) failures++;
    reportFigure({
      suite: 'load: 12 playgrounds at once (cpu + cuda)',
      mode: isLongMode() ? 'long' : 'short',
      inputs: COUNT * 2,
      failures,
      ms: Math.round(performance.now() - start),
    });
    expect(details.map((d) => d.ok)).to.deep.equal(Array(COUNT).fill(true));
    expect(details.map((d) => d.device)).to.deep.equal(
      Array.from({ length: COUNT }, (_, i) => (i % 2 ? 'cuda' : 'cpu')),
    );
    expect(together).to.deep.equal(alone);
    // What the cells printed is theirs: each names itself and its device.
    for (let i = 0; i < COUNT; i++) {
      expect(alone[i]).to.include(`cell ${i} step 2`);
      expect(alone[i]).to.include(i % 2 ? 'cuda:0 cuda:0' : 'cpu cpu');
    }
  });
});
