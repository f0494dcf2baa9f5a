// Where a cell's code comes from (the teacher's markup) and where the student's edits are kept.

/**
 * Removes the indentation every non-blank line shares, and blank lines at both ends, so code
 * indented to match the page's HTML runs as Python. Tabs count as one column each.
 */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(common).replace(/[ \t]+$/, ''))).join('\n');
}

/** Is this child the teacher's check (`<script type="text/x-python" slot="check">`)? */
function isCheck(el: Element): boolean {
  return el.getAttribute('slot') === 'check';
}

function isPythonScript(el: Element): el is HTMLScriptElement {
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  return (
    el.localName === 'script' && (type === 'text/x-python' || type === 'text/python' || type === 'python')
  );
}

/**
 * A template's text, not its markup (`a < b` written in a template parses as text anyway). A
 * template made by a framework's DOM calls (Vue's) has its text as children, not in `.content`.
 */
function templateText(template: Element): string {
  return (template as HTMLTemplateElement).content?.textContent || template.textContent || '';
}

/** The starting code written inside the tag: a `<script type="text/x-python">` or a `<template>`. */
export function inlineCode(host: Element): string | null {
  for (const child of Array.from(host.children)) {
    if (isPythonScript(child) && !isCheck(child)) return dedent(child.textContent ?? '');
    if (child.localName === 'template' && !isCheck(child)) return dedent(templateText(child));
  }
  return null;
}

/** The teacher's check: Python that runs after the student's code and raises AssertionError when wrong. */
export function checkCode(host: Element): string | null {
  for (const child of Array.from(host.children)) {
    if (isCheck(child) && (isPythonScript(child) || child.localName === 'template')) {
      return dedent(child.localName === 'template' ? templateText(child) : (child.textContent ?? ''));
    }
  }
  return null;
}

/** Blanks an exercise leaves for the student, and where the first one is (1-based line). */
export const BLANK = '????';
export function firstBlankLine(code: string): number | null {
  const index = code.indexOf(BLANK);
  return index < 0 ? null : code.slice(0, index).split('\n').length;
}

// Saved work. localStorage may be missing or throw (private windows, sandboxed iframes, quota):
// every access is guarded, and a failure only means the work is not kept.

const PREFIX = 'torchlet:playground:';

interface Saved {
  /** The student's code. */
  code: string;
  /** The teacher's code it was based on: a changed lesson does not restore stale work. */
  original: string;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function storageKey(key: string): string {
  const page = typeof location === 'undefined' ? '' : location.pathname;
  return `${PREFIX}${page}#${key}`;
}

export function loadSaved(key: string, original: string): string | null {
  try {
    const raw = storage()?.getItem(storageKey(key));
    if (!raw) return null;
    const saved = JSON.parse(raw) as Partial<Saved>;
    return typeof saved.code === 'string' && saved.original === original ? saved.code : null;
  } catch {
    return null;
  }
}

/** Saves the student's code, or forgets it when it equals the teacher's. False when storage failed. */
export function save(key: string, code: string, original: string): boolean {
  try {
    const store = storage();
    if (!store) return false;
    if (code === original) store.removeItem(storageKey(key));
    else store.setItem(storageKey(key), JSON.stringify({ code, original } satisfies Saved));
    return true;
  } catch {
    return false;
  }
}
