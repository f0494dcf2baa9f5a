// Colours for a lesson's static code (a shell line, JSON, HTML): Lezer parsers, the ones the
// editor already uses plus a few, with the playground's tok-* classes. Loaded only by lessons that
// have such blocks. The spans are built as DOM nodes: the code is never parsed as HTML.
import { StreamLanguage } from '@codemirror/language';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import type { Parser } from '@lezer/common';
import { parser as css } from '@lezer/css';
import { classHighlighter, highlightCode } from '@lezer/highlight';
import { parser as html } from '@lezer/html';
import { parser as javascript } from '@lezer/javascript';
import { parser as python } from '@lezer/python';

const shellParser = StreamLanguage.define(shell).parser;
const typescript = javascript.configure({ dialect: 'ts' });

const PARSERS: Record<string, Parser> = {
  python,
  py: python,
  bash: shellParser,
  sh: shellParser,
  shell: shellParser,
  console: shellParser,
  zsh: shellParser,
  javascript,
  js: javascript,
  json: javascript,
  typescript,
  ts: typescript,
  css,
  html,
  xml: html,
  svg: html,
};

/** Highlights a `<code class="language-x">` in place; false for a language it does not know. */
export function highlightBlock(code: HTMLElement): boolean {
  const language = /\blanguage-([\w+#-]+)/.exec(code.className)?.[1]?.toLowerCase();
  const parser = language ? PARSERS[language] : undefined;
  if (!parser) return false;
  const text = code.textContent ?? '';
  const out = document.createDocumentFragment();
  highlightCode(
    text,
    parser.parse(text),
    classHighlighter,
    (piece, classes) => {
      if (!classes) return void out.append(piece);
      const span = document.createElement('span');
      span.className = classes;
      span.textContent = piece;
      out.append(span);
    },
    () => out.append('\n'),
  );
  code.replaceChildren(out);
  return true;
}
