// Jupyter / Colab notebooks (nbformat 4) ↔ lesson Markdown. A notebook becomes Markdown first
// and then renders like any lesson; a lesson exports as a notebook whose code cells are its python
// blocks (checks included, tagged) and whose markdown cells are the text between, verbatim.
// No DOM: runs in Node too.
import { isCheck, isPython, parseInfo } from './fences.js';
import { parseLesson } from './markdown.js';

type Source = string | string[];

interface NotebookOutput {
  output_type: string;
  name?: string;
  text?: Source;
  data?: Record<string, Source>;
  ename?: string;
  evalue?: string;
}

export interface NotebookCell {
  cell_type: 'markdown' | 'code' | 'raw';
  id?: string;
  source: Source;
  metadata?: Record<string, unknown> & { tags?: string[]; torchlet?: { info?: string } };
  attachments?: Record<string, Record<string, string>>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** A notebook's tag for a code cell that is the check of the exercise above it. */
export const CHECK_TAG = 'torchlet-check';

const text = (source: Source | undefined): string =>
  Array.isArray(source) ? source.join('') : (source ?? '');

/** A fence longer than any run of backticks in the body, so the body cannot close it. */
function fence(body: string, info: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${info}\n${body.replace(/\n$/, '')}\n${ticks}`;
}

// ANSI colour codes of IPython's tracebacks.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

function outputMarkdown(outputs: NotebookOutput[]): string {
  const parts: string[] = [];
  for (const out of outputs) {
    if (out.output_type === 'stream') parts.push(fence(text(out.text), 'text'));
    else if (out.output_type === 'error')
      parts.push(fence(`${out.ename}: ${out.evalue}`.replace(ANSI, ''), 'text'));
    else if (out.data) {
      const image = IMAGE_TYPES.find((type) => out.data![type]);
      if (image) parts.push(`![output](data:${image};base64,${text(out.data[image]).replace(/\s/g, '')})`);
      else if (out.data['text/plain']) parts.push(fence(text(out.data['text/plain']), 'text'));
    }
  }
  if (!parts.length) return '';
  return `<details class="tl-expected"><summary>Expected output</summary>\n\n${parts.join('\n\n')}\n\n</details>`;
}

/** Markdown cell attachments (`![x](attachment:plot.png)`) as data: URLs. */
function inlineAttachments(source: string, attachments: NotebookCell['attachments']): string {
  if (!attachments) return source;
  return source.replace(/attachment:([^\s)"'>]+)/g, (whole, name: string) => {
    const bundle = attachments[decodeURIComponent(name)] ?? attachments[name];
    const type = bundle && Object.keys(bundle).find((t) => t.startsWith('image/'));
    return type ? `data:${type};base64,${String(bundle[type]).replace(/\s/g, '')}` : whole;
  });
}

export class NotebookError extends Error {
  override name = 'NotebookError';
}

/** Reads a `.ipynb` file's text; throws NotebookError with a plain message when it is not one. */
export function parseNotebook(json: string): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(json) as Notebook;
  } catch (err) {
    throw new NotebookError(
      `This is not a notebook: the file is not valid JSON (${(err as Error).message}).`,
    );
  }
  if (!nb || typeof nb !== 'object' || !Array.isArray(nb.cells)) {
    throw new NotebookError('This is not a notebook: it has no list of cells.');
  }
  if (nb.nbformat !== 4) {
    throw new NotebookError(
      `Only nbformat 4 notebooks can be read (this one is nbformat ${String(nb.nbformat)}): save it again with a current Jupyter or Colab.`,
    );
  }
  return nb;
}

export interface ToMarkdownOptions {
  /** Show each code cell's saved outputs, collapsed, as "Expected output". */
  outputs?: boolean;
}

export function notebookToMarkdown(nb: Notebook, options: ToMarkdownOptions = {}): string {
  const kernel = (nb.metadata?.kernelspec as { language?: string } | undefined)?.language;
  const language = (
    kernel ||
    (nb.metadata?.language_info as { name?: string } | undefined)?.name ||
    'python'
  ).toLowerCase();
  const parts: string[] = [];
  for (const cell of nb.cells) {
    const source = text(cell.source);
    if (cell.cell_type === 'markdown') {
      parts.push(inlineAttachments(source, cell.attachments).trim());
    } else if (cell.cell_type === 'code') {
      const check = cell.metadata?.tags?.includes(CHECK_TAG);
      const info =
        cell.metadata?.torchlet?.info ??
        (language === 'python' ? (check ? 'python check' : 'python') : language);
      parts.push(fence(source, info));
      if (options.outputs && cell.outputs?.length) {
        const shown = outputMarkdown(cell.outputs);
        if (shown) parts.push(shown);
      }
    } else if (source.trim()) {
      parts.push(fence(source, 'text'));
    }
  }
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/** Notebook source: a list of lines, each but the last ending in '\n' (as Jupyter writes it). */
function sourceLines(body: string): string[] {
  return body.split(/(?<=\n)/).filter((line) => line !== '');
}

export function markdownToNotebook(markdown: string): Notebook {
  const { tokens } = parseLesson(markdown);
  const lines = markdown.split('\n');
  const cells: NotebookCell[] = [];
  let textStart = 0;
  const pushText = (end: number) => {
    const body = lines
      .slice(textStart, end)
      .join('\n')
      .replace(/^\s*\n/, '')
      .trimEnd();
    if (body.trim()) cells.push({ cell_type: 'markdown', metadata: {}, source: sourceLines(body) });
  };
  for (const token of tokens) {
    if (token.type !== 'fence' || token.level !== 0 || !token.map) continue;
    const info = parseInfo(token.info);
    if (!isPython(info)) continue;
    pushText(token.map[0]);
    textStart = token.map[1];
    const metadata: NotebookCell['metadata'] = {};
    if (isCheck(info)) metadata.tags = [CHECK_TAG];
    const canonical = isCheck(info) ? 'python check' : 'python';
    if (token.info.trim() !== canonical) metadata.torchlet = { info: token.info.trim() };
    cells.push({
      cell_type: 'code',
      execution_count: null,
      metadata,
      outputs: [],
      source: sourceLines(token.content.replace(/\n$/, '')),
    });
  }
  pushText(lines.length);
  cells.forEach((cell, i) => (cell.id = `cell-${i + 1}`));
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
    },
    cells,
  };
}
