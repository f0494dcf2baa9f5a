// End to end: the BUILT lesson studio (dist/cdn/studio.html; run `npm run build` first). It opens
// the seed lesson verbatim, previews edits live, keeps a draft, opens a notebook, and every export
// works: the HTML snippet and the page run the lesson, the embed URL holds it, the notebook and
// the Markdown round-trip.
import { expect, waitUntil } from '@open-wc/testing';
import { decodeEmbedFragment } from '../../src/embed/fragment.js';
import type { TorchletStudio } from '../../src/studio/torchlet-studio.js';
import type { TorchletLesson } from '../../src/elements/torchlet-lesson/torchlet-lesson.js';

const DRAFT_KEY = 'torchlet:studio:draft';
const CDN = new URL('/dist/cdn/', location.href).href;

async function openStudio(): Promise<{
  frame: HTMLIFrameElement;
  studio: TorchletStudio;
  win: Window & typeof globalThis;
}> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1200px; height: 800px';
  frame.src = '/dist/cdn/studio.html';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as Window & typeof globalThis;
  await win.customElements.whenDefined('torchlet-studio');
  const studio = win.document.querySelector('torchlet-studio') as TorchletStudio;
  await studio.ready;
  return { frame, studio, win };
}

async function previewCells(studio: TorchletStudio, count: number): Promise<TorchletLesson> {
  await waitUntil(() => studio.preview?.cells?.length === count, `the preview shows ${count} cells`, {
    timeout: 60000,
  });
  return studio.preview;
}

/** Loads an exported page as srcdoc and runs its lesson; resolves with each cell's output. */
async function runExportedPage(page: string): Promise<string[]> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 600px';
  frame.srcdoc = page;
  document.body.append(frame);
  try {
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as Window & typeof globalThis;
    await win.customElements.whenDefined('torchlet-lesson');
    const lesson = win.document.querySelector('torchlet-lesson') as TorchletLesson;
    await waitUntil(() => lesson.cells?.length, 'the exported lesson renders', { timeout: 60000 });
    await lesson.runAll();
    return lesson.cells.map((c) =>
      [...c.shadowRoot!.querySelectorAll('.output pre:not(.note)')].map((p) => p.textContent).join(''),
    );
  } finally {
    frame.remove();
  }
}

const ADDED =
  '\n## Added in the studio\n\nA `</script>` in the text, and <!-- a comment --> too.\n\n```python\nprint(40 + 2)\n```\n';

describe('the lesson studio (dist/cdn/studio.html)', function () {
  this.timeout(300000);
  before(() => localStorage.removeItem(DRAFT_KEY));
  after(() => localStorage.removeItem(DRAFT_KEY));

  it('starts from the seed lesson verbatim, previews edits, keeps the draft, and exports every format', async () => {
    const seed = await (await fetch('/demo/lessons/seed-lesson.md')).text();
    const { frame, studio, win } = await openStudio();
    try {
      expect(studio.markdown).to.equal(seed);
      const sample = await previewCells(studio, 7);
      // The sample's pictures resolve beside the sample, not beside the studio.
      const picture = sample.querySelector('img') as HTMLImageElement;
      expect(picture.src).to.equal(`${CDN}lessons/before.png`);
      await waitUntil(
        () => picture.complete && picture.naturalWidth > 0,
        "the sample lesson's picture loads",
        { timeout: 30000 },
      );

      // An edit shows in the preview and is saved as a draft.
      studio.markdown = seed + ADDED;
      const lesson = await previewCells(studio, 8);
      expect(lesson.querySelector('h2:last-of-type')!.textContent).to.contain('Added in the studio');
      await waitUntil(
        () => (win.localStorage.getItem(DRAFT_KEY) ?? '').includes('Added in the studio'),
        'the draft is saved',
      );
      const markdown = studio.markdown;

      const md = await studio.export('md');
      expect([md.fileName, md.text]).to.deep.equal(['parallelism-2-pytorch.md', markdown]);

      const ipynb = await studio.export('ipynb');
      const nb = JSON.parse(ipynb.text);
      expect(ipynb.fileName).to.equal('parallelism-2-pytorch.ipynb');
      expect(nb.nbformat).to.equal(4);
      expect(nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'code')).to.have.length(8);

      const embed = await studio.export('embed');
      const url = new URL(embed.url!);
      expect(url.href.startsWith(`${CDN}embed.html#`)).to.equal(true);
      expect(await decodeEmbedFragment(url.hash)).to.deep.equal([['lesson', markdown]]);
      expect(embed.text).to.match(/^<iframe src="[^"]+embed\.html#[^"]+" title="Parallelism 2: pytorch" /);

      const snippet = await studio.export('html');
      // The sample's pictures stay where the sample is: the snippet says so.
      expect(
        snippet.text.startsWith(
          `<script type="module" src="${CDN}torchlet.js"></script>\n<torchlet-lesson base="${CDN}lessons/seed-lesson.md">`,
        ),
      ).to.equal(true);
      const page = await studio.export('page');
      expect(page.fileName).to.equal('parallelism-2-pytorch.html');
      expect(page.text).to.contain('<title>Parallelism 2: pytorch</title>');
      // Both run the lesson: its first cells print PyTorch's outputs, the added cell 42.
      for (const html of [
        `<!doctype html><html lang="en"><head><title>t</title></head><body>${snippet.text}</body></html>`,
        page.text,
      ]) {
        const outputs = await runExportedPage(html);
        expect(outputs[0]).to.equal('tensor(6)');
        expect(outputs[7]).to.equal('42\n');
      }
    } finally {
      frame.remove();
    }

    // The draft is back after a reload.
    const again = await openStudio();
    try {
      expect(again.studio.markdown).to.contain('Added in the studio');
    } finally {
      again.frame.remove();
    }
  });

  it('opens a notebook and shows it as Markdown', async () => {
    const { frame, studio, win } = await openStudio();
    try {
      const nb = {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [
          { cell_type: 'markdown', metadata: {}, source: '# From Colab' },
          { cell_type: 'code', metadata: {}, source: 'x = 2\nx * 21', outputs: [], execution_count: null },
        ],
      };
      await studio.openFile(new win.File([JSON.stringify(nb)], 'colab.ipynb'));
      expect(studio.markdown).to.equal('# From Colab\n\n```python\nx = 2\nx * 21\n```\n');
      const lesson = await previewCells(studio, 1);
      expect(await lesson.runAll()).to.equal(true);
      await studio.openFile(new win.File(['{"nbformat": 3, "cells": []}'], 'old.ipynb'));
      expect(studio.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.match(
        /old\.ipynb could not be opened: Only nbformat 4/,
      );
      expect(studio.markdown).to.contain('From Colab', 'a file that cannot be opened leaves the text alone');
    } finally {
      frame.remove();
    }
  });
});
