// End to end: <torchlet-lesson> from the BUILT dist/cdn/torchlet.js (run `npm run build` first) on
// plain pages: the seed lesson's Markdown (demo/lessons/seed-lesson.md, a copy of the course's
// lesson) becomes live cells that print what PyTorch prints, a notebook renders, and pages
// without a lesson never fetch its code.
import { expect, waitUntil } from '@open-wc/testing';
import { LESSON_CELLS } from '../hardening/lesson-cells.js';
import type { TorchletLesson } from '../../src/elements/torchlet-lesson/torchlet-lesson.js';
import type { TensorPlayground } from '../../src/elements/tensor-playground/tensor-playground.js';

interface Page {
  win: Window & typeof globalThis;
  doc: Document;
  frame: HTMLIFrameElement;
}

async function openPage(body: string, head = ''): Promise<Page> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 700px';
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>lesson</title>${head}
    <script type="module" src="/dist/cdn/torchlet.js"></script></head><body>${body}</body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as Window & typeof globalThis;
  return { win, doc: win.document, frame };
}

const fetched = (page: Page) => page.win.performance.getEntriesByType('resource').map((e) => e.name);
const lessonCode = (urls: string[]) =>
  urls.filter((u) => /\/(torchlet-lesson|katex|static-highlight)-[\w-]+\.js$/.test(u));

/** The printed and echoed text of a cell (not the element's own notes). */
function outputOf(cell: Element): string {
  return [...(cell.shadowRoot?.querySelectorAll('.output pre:not(.note)') ?? [])]
    .map((p) => p.textContent)
    .join('');
}

async function lessonIn(page: Page): Promise<TorchletLesson> {
  await page.win.customElements.whenDefined('torchlet-lesson');
  const lesson = page.doc.querySelector('torchlet-lesson') as TorchletLesson;
  await waitUntil(() => lesson.cells?.length, 'the lesson renders', { timeout: 60000 });
  await lesson.rendered;
  return lesson;
}

const EXPECTED = Object.fromEntries(LESSON_CELLS.map((c) => [c.id, c.echo]));

describe('<torchlet-lesson> from dist/cdn/torchlet.js', function () {
  this.timeout(300000);
  let page: Page | undefined;
  afterEach(() => page?.frame.remove());

  it('renders the seed lesson from src: 7 cells, links, headings; Run all prints what PyTorch prints, in one session', async () => {
    page = await openPage('<torchlet-lesson src="/demo/lessons/seed-lesson.md"></torchlet-lesson>');
    const lesson = await lessonIn(page);
    const cells = lesson.cells as TensorPlayground[];
    expect(cells).to.have.length(7);
    expect(cells[6].originalCode).to.match(/^x = tensor\(-1\.0\)\.\?\?\?\?/);
    expect(cells.slice(0, 6).every((c) => !c.originalCode.includes('????'))).to.equal(true);
    expect(lesson.progress).to.deep.equal({ solved: 0, total: 1 });
    expect(new Set(cells.map((c) => c.session)).size).to.equal(1);

    const links = [...page.doc.querySelectorAll('torchlet-lesson a[href^="https://youtu.be/"]')].map((a) => [
      a.getAttribute('href'),
      a.textContent,
    ]);
    expect(links).to.deep.equal([
      ['https://youtu.be/JsdDxs2MUFk', '13-minute video'],
      ['https://youtu.be/v1V88SgoAc4', '9-minute video'],
      ['https://youtu.be/tpA3r5-Czuk', '12-minute video'],
    ]);
    const headings = [...page.doc.querySelectorAll('torchlet-lesson h1, torchlet-lesson h2')].map(
      (h) => h.id,
    );
    expect(headings).to.deep.equal(['parallelism-2-pytorch', '1-pytorch', '2-collaboratory', '3-gradients']);
    // The lesson's images resolve against the Markdown file, not the page.
    const img = page.doc.querySelector('torchlet-lesson img') as HTMLImageElement;
    expect(img.src).to.equal(new URL('/demo/lessons/before.png', location.href).href);
    await waitUntil(() => img.complete && img.naturalWidth > 0, 'the picture beside the lesson loads', {
      timeout: 30000,
    });
    expect(lessonCode(fetched(page)).filter((u) => /katex/.test(u))).to.deep.equal([], 'no math, no KaTeX');

    // Run all: every cell in order. Cell 5 uses np and time without importing them (it raises
    // NameError in PyTorch too); the exercise waits for its blanks.
    const ok = await lesson.runAll();
    expect(ok).to.equal(false);
    expect(lesson.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal(
      'Ran 7 cells; cell 5 raised an error; cell 7 is an exercise: fill in its blanks (????).',
    );
    expect(outputOf(cells[0])).to.equal(EXPECTED.lab_01_a_sum);
    expect(outputOf(cells[1])).to.equal(EXPECTED.lab_02_a_sum_item);
    expect(outputOf(cells[2])).to.equal(EXPECTED.lab_03_a_reshape);
    expect(outputOf(cells[3])).to.equal(EXPECTED.lab_04_a_times_b);
    expect(outputOf(cells[4])).to.contain("NameError: name 'np' is not defined");
    await waitUntil(
      () => cells[5].shadowRoot!.querySelector('.output [role="img"] canvas'),
      'the two curves',
      { timeout: 60000 },
    );

    // The student fills the blanks as the hint says: the exercise uses f1, f2 of the cell above.
    const progress = new Promise<CustomEvent>((resolve) =>
      lesson.addEventListener('tl-progress', (e) => resolve(e as CustomEvent), { once: true }),
    );
    cells[6].value = cells[6].originalCode
      .replace('tensor(-1.0).????', 'tensor(-1.0).requires_grad_()')
      .replace('y1.????', 'y1.backward()')
      .replace('y2.????', 'y2.backward()')
      .replace(/x\.\?\?\?\?/g, 'x.grad');
    expect(await cells[6].run()).to.equal(true);
    expect((await progress).detail).to.deep.equal({ solved: 1, total: 1 });
    expect(lesson.shadowRoot!.querySelector('[part="progress"]')!.textContent).to.match(
      /1 of 1 exercise solved/,
    );
  });

  it('a page without <torchlet-lesson> fetches none of its code; one added later loads it, KaTeX only for math', async () => {
    page = await openPage(
      '<tensor-playground autorun><script type="text/x-python">print(2 + 2)</script></tensor-playground>',
    );
    await page.win.customElements.whenDefined('tensor-playground');
    const cell = page.doc.querySelector('tensor-playground')!;
    await waitUntil(() => outputOf(cell) === '4\n', 'the cell runs', { timeout: 60000 });
    expect(lessonCode(fetched(page))).to.deep.equal([]);
    expect(page.win.customElements.get('torchlet-lesson')).to.equal(undefined);

    const lesson = page.doc.createElement('torchlet-lesson') as TorchletLesson;
    lesson.markdown = '# Later\n\nNo math here.\n\n```python\nprint(3)\n```\n';
    page.doc.body.append(lesson);
    await lessonIn(page);
    expect(lessonCode(fetched(page)).map((u) => u.replace(/^.*\/|-[\w-]{8}\.js$/g, ''))).to.deep.equal([
      'torchlet-lesson',
    ]);

    lesson.markdown = 'Euler: $e^{i\\pi} + 1 = 0$';
    await waitUntil(() => lesson.querySelector('math'), 'KaTeX renders the formula', { timeout: 30000 });
    expect(lessonCode(fetched(page)).some((u) => /\/katex-/.test(u))).to.equal(true);
  });

  it('keeps a markdown property set before torchlet.js defined the element', async () => {
    page = await openPage(
      '<torchlet-lesson id="early"></torchlet-lesson>',
      // A classic inline script runs before the module script: the element is not defined yet.
      `<script>addEventListener('DOMContentLoaded', () => { document.getElementById('early').markdown = '## Set early\\n\\n\`\`\`python\\n6 * 7\\n\`\`\`'; });</script>`,
    );
    const lesson = await lessonIn(page);
    expect(lesson.querySelector('h2')!.textContent).to.contain('Set early');
    expect(await lesson.runAll()).to.equal(true);
    expect(outputOf(lesson.cells[0])).to.equal('42');
  });

  it('renders a notebook (.ipynb): text, math, an attachment, a !pip line that never runs, and its code', async () => {
    const pixel =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', language: 'python' } },
      cells: [
        {
          cell_type: 'markdown',
          metadata: {},
          source: [
            '# A notebook\n',
            'The mean is $\\bar x = \\frac{1}{n}\\sum_i x_i$.\n',
            '\n',
            '![one pixel](attachment:pixel.png)',
          ],
          attachments: { 'pixel.png': { 'image/png': pixel } },
        },
        {
          cell_type: 'code',
          metadata: {},
          execution_count: 1,
          outputs: [{ output_type: 'stream', name: 'stdout', text: ['tensor(2.)\n'] }],
          source: ['!pip install torch\n', 'import torch\n', 'print(torch.tensor([1., 2., 3.]).mean())'],
        },
      ],
    };
    page = await openPage('');
    const url = page.win.URL.createObjectURL(
      new page.win.Blob([JSON.stringify(notebook)], { type: 'application/x-ipynb+json' }),
    );
    const lesson = page.doc.createElement('torchlet-lesson') as TorchletLesson;
    lesson.setAttribute('src', url);
    lesson.setAttribute('expected-outputs', '');
    page.doc.body.append(lesson);
    await lessonIn(page);
    expect(lesson.querySelector('h1')!.textContent).to.contain('A notebook');
    expect(lesson.querySelector('math annotation')?.textContent).to.equal(
      '\\bar x = \\frac{1}{n}\\sum_i x_i',
    );
    expect((lesson.querySelector('img[alt="one pixel"]') as HTMLImageElement).src).to.match(
      /^data:image\/png;base64,iVBOR/,
    );
    expect(lesson.querySelector('.tl-note')!.textContent).to.match(/do not run here/);
    expect(lesson.querySelector('details.tl-expected summary')!.textContent).to.equal('Expected output');
    const [cell] = lesson.cells;
    expect(cell.originalCode.split('\n')[0]).to.match(/^# !pip install torch {2}# \(a shell command/);
    expect(await lesson.runAll()).to.equal(true);
    expect(outputOf(cell)).to.equal('tensor(2.)\n');
  });
});
