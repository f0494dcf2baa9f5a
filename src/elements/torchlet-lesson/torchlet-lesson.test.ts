import { expect, fixture, oneEvent, waitUntil } from '@open-wc/testing';
import './torchlet-lesson.js';
import type { TorchletLesson } from './torchlet-lesson.js';
import type { TensorPlayground } from '../tensor-playground/tensor-playground.js';

const EXERCISE = `# Squares

Some text with \`code\`.

## Exercise

\`\`\`python
n = 3
\`\`\`

Make \`sq\` the square of \`n\`:

\`\`\`python
sq = ????
\`\`\`
\`\`\`python check
assert sq == 9, "sq should be n squared"
\`\`\`

### Shell

\`\`\`bash
echo "hello" # greet
\`\`\`

\`\`\`gpu-speedup n=64 repeats=2
\`\`\`

\`\`\`gradient-plot x=0.5
x**2
fn="3 - x" label="line" color="green"
\`\`\`
`;

async function lessonFixture(markdown: string, attrs = ''): Promise<TorchletLesson> {
  const el = await fixture<TorchletLesson>(
    `<torchlet-lesson ${attrs}><script type="text/markdown">${markdown}</script></torchlet-lesson>`,
  );
  await el.rendered;
  return el;
}

function outputOf(cell: Element): string {
  return [...(cell.shadowRoot?.querySelectorAll('.output pre:not(.note)') ?? [])]
    .map((p) => p.textContent)
    .join('');
}

describe('<torchlet-lesson>', function () {
  this.timeout(120000);
  afterEach(() => {
    for (const key of Object.keys(localStorage))
      if (key.startsWith('torchlet:playground:')) localStorage.removeItem(key);
  });

  it('renders an inline lesson: cells in one session, the check joined to its exercise, the other blocks as elements', async () => {
    const el = await lessonFixture(EXERCISE);
    const cells = el.cells;
    expect(cells).to.have.length(2);
    expect(cells[1].originalCode).to.equal('sq = ????');
    expect(cells[1].querySelector('script[slot="check"]')!.textContent).to.equal(
      'assert sq == 9, "sq should be n squared"',
    );
    expect(cells[0].session).to.equal(cells[1].session);
    expect(cells[0].session).to.not.equal('');
    const speedup = el.querySelector('gpu-speedup')!;
    expect([speedup.getAttribute('n'), speedup.getAttribute('repeats')]).to.deep.equal(['64', '2']);
    const plot = el.querySelector('gradient-plot')!;
    expect(plot.getAttribute('x')).to.equal('0.5');
    expect(
      [...plot.querySelectorAll('gp-function')].map((f) => [
        f.getAttribute('fn'),
        f.getAttribute('label'),
        f.getAttribute('color'),
      ]),
    ).to.deep.equal([
      ['x**2', null, null],
      ['3 - x', 'line', 'green'],
    ]);
    await waitUntil(() => el.querySelector('pre.tl-code code .tok-string'), 'the bash block is highlighted', {
      timeout: 30000,
    });
    expect(el.querySelector('pre.tl-code code')!.textContent).to.equal('echo "hello" # greet\n');
    expect(el.progress).to.deep.equal({ solved: 0, total: 1 });
  });

  it('counts an exercise solved when its check passes, and says so in tl-progress', async () => {
    const el = await lessonFixture(EXERCISE);
    const [first, exercise] = el.cells as TensorPlayground[];
    await first.ready;
    expect(await first.run()).to.equal(true);
    await exercise.ready;
    exercise.value = 'sq = n + n';
    const failed = oneEvent(exercise, 'tp-check');
    await exercise.run();
    expect((await failed).detail.message).to.equal('sq should be n squared');
    expect(el.progress.solved).to.equal(0);
    exercise.value = 'sq = n ** 2';
    const progress = oneEvent(el, 'tl-progress');
    await exercise.run();
    expect((await progress).detail).to.deep.equal({ solved: 1, total: 1 });
    expect(el.shadowRoot!.querySelector('[part~="progress"]')!.textContent).to.match(
      /1 of 1 exercise solved/,
    );
  });

  it('Run all runs the cells in order and names the exercise left to fill; Reset all asks twice, then restores', async () => {
    const el = await lessonFixture(EXERCISE);
    const runAll = el.shadowRoot!.querySelector('[part~="run-all-button"]') as HTMLButtonElement;
    runAll.click();
    const status = el.shadowRoot!.querySelector('[part~="status"]')!;
    await waitUntil(() => /^Ran 2 cells/.test(status.textContent ?? ''), 'Run all ends', { timeout: 60000 });
    expect(status.textContent).to.equal('Ran 2 cells; cell 2 is an exercise: fill in its blanks (????).');

    const [, exercise] = el.cells as TensorPlayground[];
    exercise.value = 'sq = n ** 2';
    await exercise.run();
    expect(el.progress.solved).to.equal(1);
    const reset = el.shadowRoot!.querySelector('[part~="reset-all-button"]') as HTMLButtonElement;
    reset.click();
    await el.updateComplete;
    expect(reset.textContent!.trim()).to.equal('Click again to reset all cells');
    expect(el.cells[1].value).to.equal('sq = n ** 2', 'one click changes nothing');
    const progress = oneEvent(el, 'tl-progress');
    reset.click();
    expect((await progress).detail).to.deep.equal({ solved: 0, total: 1 });
    await el.rendered;
    expect(el.cells[1].value).to.equal('sq = ????');
    expect(outputOf(el.cells[0])).to.equal('');
  });

  it('gives headings anchors, a table of contents on request, and passes axe', async () => {
    const el = await lessonFixture(EXERCISE, 'toc');
    expect(el.querySelector('h2')!.id).to.equal('exercise');
    const toc = [...el.shadowRoot!.querySelectorAll('[part~="toc"] a')].map((a) => [
      a.getAttribute('href'),
      a.textContent,
    ]);
    expect(toc).to.deep.equal([
      ['#exercise', 'Exercise'],
      ['#shell', 'Shell'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('reads a </script> written <\\/script> in the inline Markdown, and takes the markdown property over it', async () => {
    const el = await lessonFixture('```python\ns = "<\\/script>"\nprint(s)\n```');
    expect(el.cells[0].originalCode).to.equal('s = "</script>"\nprint(s)');
    el.markdown = '# From the property';
    await waitUntil(() => el.querySelector('h1'), 'the property renders');
    expect(el.cells).to.have.length(0);
  });

  it('renders Markdown set right after the element is added, once', async () => {
    const el = document.createElement('torchlet-lesson');
    let loads = 0;
    el.addEventListener('tl-load', () => loads++);
    document.body.append(el);
    el.markdown = '# Added, then set';
    await waitUntil(() => el.querySelector('h1'), 'the Markdown renders');
    await new Promise((r) => setTimeout(r, 300));
    expect(loads).to.equal(1);
    el.remove();
  });

  it('says plainly when the lesson file cannot be loaded or is not a notebook', async () => {
    const el = document.createElement('torchlet-lesson');
    const loaded = oneEvent(el, 'tl-load');
    el.src = '/no/such/lesson.md';
    document.body.append(el);
    expect((await loaded).detail.error).to.match(
      /Could not load the lesson from \/no\/such\/lesson\.md: HTTP 404/,
    );
    expect(el.querySelector('[role="alert"]')!.textContent).to.match(/HTTP 404/);
    const notebook = oneEvent(el, 'tl-load');
    el.src = URL.createObjectURL(new Blob(['{"nbformat": 3, "cells": []}']));
    expect((await notebook).detail.error).to.match(/Only nbformat 4 notebooks/);
    el.remove();
  });

  it('the demo lesson written in Markdown (demo/lessons/parallelism-2.md): its exercise is solved as the hint says', async () => {
    const el = await fixture<TorchletLesson>(
      '<torchlet-lesson toc src="/demo/lessons/parallelism-2.md"></torchlet-lesson>',
    );
    await el.rendered;
    const cells = el.cells as TensorPlayground[];
    expect(cells).to.have.length(8);
    expect(el.querySelectorAll('gpu-speedup, gradient-plot')).to.have.length(2);
    expect(el.querySelectorAll('math').length).to.be.greaterThan(3);
    expect(el.progress).to.deep.equal({ solved: 0, total: 1 });
    // The imports (cell 5) and the curves (cell 7), then the exercise; the N = 2000 timing is skipped.
    for (const cell of [cells[0], cells[4], cells[6]]) {
      await cell.ready;
      expect(await cell.run()).to.equal(true);
    }
    const exercise = cells[7];
    await exercise.ready;
    exercise.value = exercise.originalCode
      .replace('tensor(-1.0).????', 'tensor(-1.0).requires_grad_()')
      .replace('y1.????', 'y1.backward()')
      .replace('y2.????', 'y2.backward()')
      .replace(/x\.\?\?\?\?/g, 'x.grad');
    const checked = oneEvent(exercise, 'tp-check');
    await exercise.run();
    expect((await checked).detail).to.deep.equal({ passed: true, message: 'Correct!', reason: 'check' });
    expect(el.progress).to.deep.equal({ solved: 1, total: 1 });
    await expect(el).to.be.accessible();
  });
});
