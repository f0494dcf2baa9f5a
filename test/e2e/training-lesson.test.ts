// End to end: the demo lesson "Training a model with gradient descent" (demo/lessons/training.md)
// from the BUILT dist/cdn/torchlet.js (run `npm run build` first): Run all runs every cell without an
// error (the exercise waits for its blanks), the loss curves and plots are drawn, and the exercise
// filled in as its text asks passes its check; the loss curve is redrawn live while its cell trains.
import { expect, waitUntil } from '@open-wc/testing';
import type { TorchletLesson } from '../../src/elements/torchlet-lesson/torchlet-lesson.js';
import type { TensorPlayground } from '../../src/elements/tensor-playground/tensor-playground.js';

function outputOf(cell: Element): string {
  return [...(cell.shadowRoot?.querySelectorAll('.output pre:not(.note)') ?? [])]
    .map((p) => p.textContent)
    .join('');
}

const figuresOf = (cell: Element) => [...(cell.shadowRoot?.querySelectorAll('.output [role="img"]') ?? [])];

describe('demo lesson: training a model with gradient descent', function () {
  this.timeout(300000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('runs every cell without an error, draws its figures, and the solved exercise passes its check', async () => {
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 900px; height: 700px';
    frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>lesson</title>
      <script type="module" src="/dist/cdn/torchlet.js"></script></head>
      <body><torchlet-lesson src="/demo/lessons/training.md"></torchlet-lesson></body></html>`;
    document.body.append(frame);
    await new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as Window & typeof globalThis;
    await win.customElements.whenDefined('torchlet-lesson');
    const lesson = win.document.querySelector('torchlet-lesson') as TorchletLesson;
    await waitUntil(() => lesson.cells?.length, 'the lesson renders', { timeout: 60000 });
    await lesson.rendered;
    const cells = lesson.cells as TensorPlayground[];
    expect(cells).to.have.length(8);
    expect(lesson.progress).to.deep.equal({ solved: 0, total: 1 });

    // The loss-curve cell redraws its figure while it trains (clear_output(wait=True)).
    const redraws = new Set<string>();
    const live = new MutationObserver(() => {
      for (const img of cells[2].shadowRoot!.querySelectorAll('.output [role="img"]'))
        redraws.add(/after (\d+) steps/.exec(img.getAttribute('aria-label') ?? '')?.[1] ?? '');
    });
    live.observe(cells[2].shadowRoot!, { subtree: true, childList: true, attributes: true });
    expect(await lesson.runAll()).to.equal(false);
    live.disconnect();
    expect(lesson.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal(
      'Ran 8 cells; cell 8 is an exercise: fill in its blanks (????).',
    );
    // the same numbers as PyTorch 1.13 prints for these cells
    expect(outputOf(cells[1])).to.equal(
      'step   0  loss 2.5333\nstep  20  loss 0.1281\nstep  40  loss 0.0499\nstep  60  loss 0.0455\nstep  80  loss 0.0452\nw = 2.056  b = 1.01\n',
    );
    expect(outputOf(cells[2])).to.equal('w = 2.056  b = 1.01\n');
    expect(outputOf(cells[5])).to.equal('accuracy 100.0%\n');
    for (const i of [0, 2, 3, 4, 5, 6])
      await waitUntil(() => figuresOf(cells[i]).length === 1, `cell ${i + 1} draws its figure`, {
        timeout: 60000,
      });
    expect(figuresOf(cells[2])[0].getAttribute('aria-label')).to.match(
      /Plot 1 "loss curve".*a blue line through 100 points/,
    );
    expect(figuresOf(cells[2])[0].getAttribute('aria-label')).to.contain('the fitted line after 100 steps');
    expect(
      [...redraws].filter((n) => n && n !== '100').length,
      `redraws seen: ${[...redraws]}`,
    ).to.be.greaterThan(2);
    expect(figuresOf(cells[3])[0].getAttribute('aria-label')).to.contain(
      'y axis "loss (log scale)" (log scale)',
    );
    expect(figuresOf(cells[6])[0].getAttribute('aria-label')).to.contain(
      'a 16 × 2 image in the coolwarm colour map',
    );

    const progress = new Promise<CustomEvent>((resolve) =>
      lesson.addEventListener('tl-progress', (e) => resolve(e as CustomEvent), { once: true }),
    );
    cells[7].value = cells[7].originalCode
      .replace('opt.????()', 'opt.zero_grad()')
      .replace('loss.????()', 'loss.backward()')
      .replace('opt.????()', 'opt.step()');
    expect(await cells[7].run()).to.equal(true);
    expect(outputOf(cells[7])).to.equal('loss 0.001, accuracy 100.0%\n');
    expect((await progress).detail).to.deep.equal({ solved: 1, total: 1 });
  });
});
