// A lesson's Markdown → HTML (not yet sanitized) with placeholders where its live blocks go.
// markdown-it parses; fenced python / gpu-speedup / gradient-plot blocks are taken out as
// LessonBlocks, each leaving `<div data-tl-block="NONCE-i">` behind; everything else is plain
// CommonMark (raw HTML allowed: the caller sanitizes it). No DOM: runs in Node too.
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Parser, Token } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import {
  type CellBlock,
  type LessonBlock,
  cellBlock,
  cellMagic,
  elementBlock,
  isCheck,
  isPython,
  parseInfo,
} from './fences.js';
import { type MathRenderer, hasMath, mathPlugin } from './math.js';

export interface ParsedLesson {
  markdown: string;
  tokens: Token[];
  /** Has `$…$` or `$$…$$` math (KaTeX is needed). */
  math: boolean;
}

export interface RenderedLesson {
  html: string;
  blocks: LessonBlock[];
  /** The attribute value prefix of this render's placeholders. */
  nonce: string;
  /** Static code blocks in a language worth highlighting. */
  staticCode: boolean;
}

/** Heading ids as GitHub makes them ("1. pytorch" → "1-pytorch"). */
export function slugify(text: string): string {
  return (
    text
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .replace(/\s+/g, '-') || 'section'
  );
}

function createParser(math?: MathRenderer): Parser {
  // linkify: bare URLs ("Go https://colab.research.google.com/") become links, as on GitHub.
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
  md.use(mathPlugin, { render: () => math });
  // A "#" link after the heading's text (not the heading as a link: headings may hold links).
  md.use(anchor, {
    slugify,
    tabIndex: false,
    permalink: anchor.permalink.linkInsideHeader({
      symbol: '#',
      placement: 'after',
      renderAttrs: () => ({ 'aria-label': 'Link to this section' }),
    }),
  });
  return md;
}

export function parseLesson(markdown: string): ParsedLesson {
  const md = createParser();
  const tokens = md.parse(markdown, {});
  return { markdown, tokens, math: hasMath(tokens) };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function staticCode(body: string, lang: string, note?: string): string {
  const cls = lang ? ` class="language-${escapeHtml(lang)}"` : '';
  const before = note ? `<p class="tl-note" role="note">${escapeHtml(note)}</p>\n` : '';
  return `${before}<pre class="tl-code"><code${cls}>${escapeHtml(body)}</code></pre>\n`;
}

/** Renders a parsed lesson; `math` typesets formulas (KaTeX), else they show as TeX code. */
export function renderLesson(markdown: string, math?: MathRenderer): RenderedLesson {
  const md = createParser(math);
  const tokens = md.parse(markdown, {});
  const nonce = `tl${Math.random().toString(36).slice(2, 10)}`;
  const blocks: LessonBlock[] = [];
  let hasStaticCode = false;
  let previousCell: CellBlock | undefined;
  const placeholder = (block: LessonBlock) => {
    blocks.push(block);
    return `<div data-tl-block="${nonce}-${blocks.length - 1}"></div>\n`;
  };

  md.renderer.rules.fence = (all, idx) => {
    const token = all[idx];
    const info = parseInfo(token.info);
    const adjacent = previousCell && all[idx - 1]?.type === 'fence' ? previousCell : undefined;
    previousCell = undefined;
    if (isCheck(info)) {
      if (adjacent && adjacent.check === undefined) {
        adjacent.check = token.content.replace(/\n$/, '');
        adjacent.exercise = true;
        return '';
      }
      hasStaticCode = true;
      return staticCode(
        token.content,
        'python',
        'This check has no exercise right above it, so it does not run.',
      );
    }
    if (isPython(info)) {
      const magic = cellMagic(token.content);
      if (magic) {
        hasStaticCode = true;
        return staticCode(
          token.content,
          magic === 'bash' || magic === 'sh' ? 'bash' : '',
          `A %%${magic} notebook cell: it does not run here.`,
        );
      }
      const cell = cellBlock(token.content, info);
      previousCell = cell;
      return placeholder(cell);
    }
    const element = elementBlock(token.content, info);
    if (element) return placeholder(element);
    hasStaticCode = true;
    return staticCode(token.content, info.lang);
  };

  const html = md.renderer.render(tokens, md.options, {});
  return { html, blocks, nonce, staticCode: hasStaticCode };
}
