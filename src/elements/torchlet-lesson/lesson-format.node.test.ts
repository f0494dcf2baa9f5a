// The lesson format without a browser: Markdown → blocks, math, notebooks ↔ Markdown.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CellBlock } from './fences.js';
import { parseAttrs, parseInfo } from './fences.js';
import { parseLesson, renderLesson } from './markdown.js';
import {
  CHECK_TAG,
  type Notebook,
  NotebookError,
  markdownToNotebook,
  notebookToMarkdown,
  parseNotebook,
} from './notebook.js';

const SEED = readFileSync(new URL('../../../demo/lessons/seed-lesson.md', import.meta.url), 'utf8');
const source = (cell: { source: string | string[] }) =>
  Array.isArray(cell.source) ? cell.source.join('') : cell.source;

describe('lesson Markdown', () => {
  it('the seed lesson has 7 python cells; the last is the exercise with its 5 blanks', () => {
    const { blocks, html } = renderLesson(SEED);
    const cells = blocks.filter((b): b is CellBlock => b.kind === 'cell');
    assert.equal(cells.length, 7);
    assert.equal(cells[0].code, 'import torch\na = torch.tensor([1,2,3])\na.sum()');
    assert.deepEqual(
      cells.map((c) => c.exercise),
      [false, false, false, false, false, false, true],
    );
    assert.equal(cells[6].code.split('????').length - 1, 5);
    assert.match(html, /<a href="https:\/\/youtu.be\/JsdDxs2MUFk">13-minute video<\/a>/);
    assert.match(html, /<h2 id="1-pytorch"/);
    assert.match(html, /<a href="https:\/\/colab.research.google.com\/">/, 'bare URLs become links');
    assert.equal(parseLesson(SEED).math, false);
  });

  it('a ```python check block right after a cell is its check; elsewhere it stays static code', () => {
    const { blocks, html } = renderLesson(
      '```python\nx = ????\n```\n```python check\nassert x == 1, "x is 1"\n```\n\nText\n\n```python check\nassert True\n```\n',
    );
    assert.deepEqual(blocks, [
      {
        kind: 'cell',
        code: 'x = ????',
        check: 'assert x == 1, "x is 1"',
        exercise: true,
        attrs: {},
        magics: 0,
      },
    ]);
    assert.match(html, /This check has no exercise right above it/);
  });

  it('gpu-speedup and gradient-plot blocks take only their own attributes from the info string', () => {
    const { blocks } = renderLesson(
      '```gpu-speedup n=256 sweep onclick="alert(1)" style=x\n```\n\n```gradient-plot x=0.5 onload=alert(1)\n3 - x + (x/2)**2\nfn="3 - (x/2)**2" label="f2" color="blue" onclick="x"\n# a comment\n```\n',
    );
    assert.deepEqual(blocks, [
      { kind: 'gpu-speedup', attrs: { n: '256', sweep: '' } },
      {
        kind: 'gradient-plot',
        attrs: { x: '0.5' },
        functions: [{ fn: '3 - x + (x/2)**2' }, { fn: '3 - (x/2)**2', label: 'f2', color: 'blue' }],
      },
    ]);
  });

  it('shell and magic lines become comments with a note; a %%bash cell is static', () => {
    const { blocks, html } = renderLesson(
      '```python\n!pip install torch\n%matplotlib inline\nprint(1)\n```\n\n```python\n%%bash\nls\n```\n',
    );
    assert.equal(blocks.length, 1);
    const cell = blocks[0] as CellBlock;
    assert.equal(cell.magics, 2);
    assert.match(cell.code, /^# !pip install torch {2}# \(a shell command/);
    assert.match(cell.code, /\nprint\(1\)$/);
    assert.match(html, /A %%bash notebook cell: it does not run here/);
  });

  it('the timing magics stay as written: they run (src/python/magics.ts)', () => {
    const { blocks } = renderLesson(
      '```python\n%timeit loop_sum(xs)\nt = %timeit -o (x * x).sum()\n!ls\n```\n\n```python\n%%timeit -n 10\nloop_sum(xs)\n```\n',
    );
    const [lines, cell] = blocks as CellBlock[];
    assert.equal(lines.magics, 1);
    assert.match(lines.code, /^%timeit loop_sum\(xs\)\nt = %timeit -o \(x \* x\)\.sum\(\)\n# !ls/);
    assert.equal(cell.magics, 0);
    assert.equal(cell.code, '%%timeit -n 10\nloop_sum(xs)');
  });

  it('math: $…$, $$…$$ and display blocks; prices and escaped dollars stay text', () => {
    const rendered = renderLesson(
      'Cost $5 and $6. Then $a^2$ and $$\\sum_i i$$\n\nEscaped: \\$x\\$.\n\n$$\nE = mc^2\n$$\n',
      (tex, display) => `[${display ? 'D' : 'I'}:${tex}]`,
    );
    assert.match(rendered.html, /Cost \$5 and \$6\./);
    assert.match(rendered.html, /\[I:a\^2\]/);
    assert.match(rendered.html, /\[D:\\sum_i i\]/);
    assert.match(rendered.html, /\[D:E = mc\^2\]/);
    assert.match(rendered.html, /Escaped: \$x\$\./);
    assert.equal(parseLesson('Only $5 here.').math, false);
    assert.equal(parseLesson('Here $x$.').math, true);
  });

  it('info strings: words and quoted values', () => {
    assert.deepEqual(parseInfo('Python check hint="a b"'), {
      lang: 'python',
      attrs: { check: '', hint: 'a b' },
    });
    assert.deepEqual(parseAttrs(`n=1 label='x y' flag`), { n: '1', label: 'x y', flag: '' });
  });
});

describe('notebooks', () => {
  const pixel =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const notebook: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { language: 'python', name: 'python3' } },
    cells: [
      {
        cell_type: 'markdown',
        source: ['# Title\n', 'Euler: $e^{i\\pi} + 1 = 0$\n', '![plot](attachment:plot.png)'],
        attachments: { 'plot.png': { 'image/png': pixel } },
      },
      {
        cell_type: 'code',
        source: '!pip install torch\nimport torch\ntorch.ones(2)',
        outputs: [{ output_type: 'execute_result', data: { 'text/plain': 'tensor([1., 1.])' } }],
      },
      { cell_type: 'code', source: 'x = ????', outputs: [] },
      { cell_type: 'code', source: 'assert x == 1', metadata: { tags: [CHECK_TAG] }, outputs: [] },
    ],
  };

  it('become Markdown: text, attachments as data: images, code as python blocks, checks kept', () => {
    const md = notebookToMarkdown(notebook);
    assert.match(md, /^# Title\nEuler: \$e\^\{i\\pi\} \+ 1 = 0\$\n!\[plot\]\(data:image\/png;base64,iVBOR/);
    assert.match(md, /```python\n!pip install torch\nimport torch\ntorch.ones\(2\)\n```/);
    assert.match(md, /```python\nx = \?\?\?\?\n```\n\n```python check\nassert x == 1\n```/);
    assert.doesNotMatch(md, /Expected output/);
    const { blocks } = renderLesson(md);
    assert.equal(blocks.length, 2, 'the check joins the exercise');
    assert.equal((blocks[1] as CellBlock).check, 'assert x == 1');
  });

  it('show saved outputs collapsed as "Expected output" when asked', () => {
    const md = notebookToMarkdown(notebook, { outputs: true });
    assert.match(
      md,
      /<details class="tl-expected"><summary>Expected output<\/summary>\n\n```text\ntensor\(\[1\., 1\.\]\)\n```\n\n<\/details>/,
    );
  });

  it('.md → .ipynb → .md keeps the cells; checks are tagged code cells', () => {
    const nb = markdownToNotebook(SEED);
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    assert.equal(code.length, 7);
    assert.equal(source(code[0]), 'import torch\na = torch.tensor([1,2,3])\na.sum()');
    assert.equal(nb.cells[0].cell_type, 'markdown');
    assert.match(source(nb.cells[0]), /^# Parallelism 2: pytorch\n\n## 1. pytorch/);
    for (const cell of nb.cells) assert.match(cell.id!, /^[a-zA-Z0-9-_]{1,64}$/);
    const back = notebookToMarkdown(nb);
    assert.deepEqual(markdownToNotebook(back), nb);
    assert.deepEqual(renderLesson(back).blocks, renderLesson(SEED).blocks);
    const withCheck = markdownToNotebook(
      'Intro\n\n```python\nx = ????\n```\n```python check\nassert x\n```\n',
    );
    assert.deepEqual(
      withCheck.cells.map((c) => [c.cell_type, c.metadata?.tags ?? []]),
      [
        ['markdown', []],
        ['code', []],
        ['code', [CHECK_TAG]],
      ],
    );
    assert.equal(
      notebookToMarkdown(withCheck),
      'Intro\n\n```python\nx = ????\n```\n\n```python check\nassert x\n```\n',
    );
  });

  it('a file that is not an nbformat 4 notebook gets a plain message', () => {
    assert.throws(
      () => parseNotebook('{"cells": [], "nbformat": 3}'),
      (err: Error) => err instanceof NotebookError && /nbformat 4/.test(err.message),
    );
    assert.throws(() => parseNotebook('not json'), /not valid JSON/);
    assert.throws(() => parseNotebook('{"a": 1}'), /no list of cells/);
  });

  it('code containing ``` gets a longer fence', () => {
    const md = notebookToMarkdown({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [{ cell_type: 'code', source: 's = """\n```\n"""' }],
    });
    assert.equal(md, '````python\ns = """\n```\n"""\n````\n');
    assert.equal((renderLesson(md).blocks[0] as CellBlock).code, 's = """\n```\n"""');
  });
});
