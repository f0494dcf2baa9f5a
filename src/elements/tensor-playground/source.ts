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

// Saved work lives in saved-work.ts; its key is re-exported for the tests that read it.
export { storageKey } from './saved-work.js';

/** The name in a NameError's message (`name 'x' is not defined`), else null. */
export function undefinedName(error: { type: string; message: string } | undefined): string | null {
  if (error?.type !== 'NameError') return null;
  return /^name '([^']+)' is not defined/.exec(error.message)?.[1] ?? null;
}
