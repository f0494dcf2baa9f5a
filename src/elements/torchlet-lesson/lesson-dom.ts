// Rendered lesson HTML → sanitized DOM with live elements in place of the placeholders.
// DOMPurify removes anything that could run (script, on* attributes, javascript: URLs); the
// cells' code and the blocks' attributes are then set through the DOM, never parsed as HTML.
import DOMPurify from 'dompurify';
import type { LessonBlock } from './fences.js';
import type { RenderedLesson } from './markdown.js';

export interface BuildOptions {
  /** The URL relative links and images of the lesson resolve against (its source file). */
  base: string;
  session: string;
  /** Prefix of the cells' `persist` keys (saved student work). */
  persistKey: string;
  theme: string;
}

/**
 * Sanitized HTML as a fragment of this document. A lesson's own <style> would restyle the whole
 * page; KaTeX's MathML keeps its TeX in <semantics><annotation> (text only, unlike annotation-xml).
 */
export function sanitize(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'form'],
    ADD_TAGS: ['semantics', 'annotation'],
  });
}

function isRelative(url: string): boolean {
  return url !== '' && !url.startsWith('#') && !/^[a-z][a-z\d+.-]*:/i.test(url) && !url.startsWith('//');
}

/** Relative src/href resolve against the lesson's file; links out open in a new tab (an LMS frame stays). */
function fixLinks(root: DocumentFragment, base: string): void {
  for (const el of root.querySelectorAll<HTMLElement>('[src], [href]')) {
    for (const name of ['src', 'href']) {
      const value = el.getAttribute(name);
      if (value != null && isRelative(value)) {
        try {
          el.setAttribute(name, new URL(value, base).href);
        } catch {
          // An unparsable URL stays as written.
        }
      }
    }
  }
  for (const a of root.querySelectorAll('a[href]')) {
    if (/^https?:/i.test(a.getAttribute('href') ?? '')) {
      a.setAttribute('target', '_blank');
      a.setAttribute('rel', 'noopener noreferrer');
    }
  }
  for (const img of root.querySelectorAll('img:not([alt])')) {
    // An image the teacher gave no description: its file name says more than nothing.
    const name = (img.getAttribute('src') ?? '').split(/[?#]/)[0].split('/').pop() ?? '';
    img.setAttribute('alt', name.startsWith('data:') || !name ? 'image' : decodeURIComponent(name));
  }
}

function pythonScript(code: string, slot?: string): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'text/x-python';
  if (slot) script.slot = slot;
  script.textContent = code;
  return script;
}

function note(text: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'tl-note';
  p.setAttribute('role', 'note');
  p.textContent = text;
  return p;
}

/** The live element of one block (and a note before it, for a cell with shell lines). */
function blockNodes(block: LessonBlock, index: number, options: BuildOptions): Node[] {
  const set = (el: Element, attrs: Record<string, string>) => {
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    if (options.theme) el.setAttribute('theme', options.theme);
  };
  if (block.kind === 'cell') {
    const cell = document.createElement('tensor-playground');
    // Marks the lesson's own cells (a gradient-plot's exercise may add a playground of its own).
    cell.dataset.tlCell = String(index);
    cell.setAttribute('session', options.session);
    cell.setAttribute('persist', `${options.persistKey}:${index}`);
    set(cell, block.attrs);
    cell.append(pythonScript(block.code));
    if (block.check !== undefined) cell.append(pythonScript(block.check, 'check'));
    const before = block.magics
      ? [
          note(
            'Lines starting with ! or % are shell commands or notebook magics: apart from %timeit and %time, they do not run here, so they are shown as comments.',
          ),
        ]
      : [];
    return [...before, cell];
  }
  const el = document.createElement(block.kind);
  set(el, block.attrs);
  if (block.kind === 'gradient-plot') {
    for (const fn of block.functions) {
      const child = document.createElement('gp-function');
      for (const [name, value] of Object.entries(fn)) child.setAttribute(name, value);
      el.append(child);
    }
  }
  return [el];
}

/** The lesson's DOM: sanitized text, live cells and elements, links resolved. */
export function buildLesson(rendered: RenderedLesson, options: BuildOptions): DocumentFragment {
  const root = sanitize(rendered.html);
  fixLinks(root, options.base);
  for (const slot of root.querySelectorAll<HTMLElement>('div[data-tl-block]')) {
    const [nonce, index] = (slot.dataset.tlBlock ?? '').split('-');
    const block = nonce === rendered.nonce ? rendered.blocks[Number(index)] : undefined;
    // A placeholder written by hand in the lesson's HTML (no right nonce) is left empty.
    if (block) slot.replaceWith(...blockNodes(block, Number(index), options));
    else slot.removeAttribute('data-tl-block');
  }
  return root;
}

/** Colours static code blocks (Lezer parsers, loaded with the first lesson that has any). */
export async function highlightStaticCode(root: ParentNode): Promise<void> {
  const blocks = [...root.querySelectorAll<HTMLElement>('pre.tl-code > code')];
  if (!blocks.length) return;
  const { highlightBlock } = await import('./static-highlight.js');
  for (const code of blocks) highlightBlock(code);
}
