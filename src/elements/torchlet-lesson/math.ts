// `$…$` and `$$…$$` math for markdown-it, as Jupyter notebooks write it. The rules only find the
// TeX; what it becomes is the renderer's choice (KaTeX once loaded), so markdown-it itself never
// needs KaTeX and a lesson without math never loads it.
import type { MarkdownIt, StateBlock, StateInline } from 'markdown-it';

export type MathRenderer = (tex: string, display: boolean) => string;

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a;
}

/** `$x$` (not `$ x$`, `\$5`, or `$5 and $6`: a closing `$` followed by a digit is a price) and inline `$$x$$`. */
function inlineMath(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (src.charCodeAt(pos) !== DOLLAR) return false;
  const display = src.charCodeAt(pos + 1) === DOLLAR;
  const open = display ? 2 : 1;
  const start = pos + open;
  if (start >= posMax || (!display && isSpace(src.charCodeAt(start)))) return false;
  let end = start;
  while (end < posMax) {
    const code = src.charCodeAt(end);
    if (code === BACKSLASH) {
      end += 2;
      continue;
    }
    if (code === DOLLAR) {
      if (display) {
        if (src.charCodeAt(end + 1) === DOLLAR) break;
      } else {
        // The first `$` closes or nothing does: `$5 and $6` is two prices, not a formula.
        const after = src.charCodeAt(end + 1);
        if (isSpace(src.charCodeAt(end - 1)) || (after >= 0x30 && after <= 0x39)) return false;
        break;
      }
    }
    end++;
  }
  if (end >= posMax || end === start) return false;
  if (!silent) {
    const token = state.push(display ? 'math_display' : 'math_inline', 'math', 0);
    token.markup = display ? '$$' : '$';
    token.content = src.slice(start, end);
  }
  state.pos = end + open;
  return true;
}

/** A paragraph of its own that starts with `$$` and ends, on that line or a later one, with `$$`. */
function blockMath(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  const max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (pos + 2 > max || state.src.slice(pos, pos + 2) !== '$$') return false;
  pos += 2;
  let firstLine = state.src.slice(pos, max);
  let lastLine = '';
  let line = startLine;
  let closed = false;
  if (firstLine.trim().endsWith('$$') && firstLine.trim().length >= 2) {
    firstLine = firstLine.trim().slice(0, -2);
    closed = true;
  }
  while (!closed) {
    line++;
    if (line >= endLine) return false;
    const lineStart = state.bMarks[line] + state.tShift[line];
    const lineEnd = state.eMarks[line];
    const text = state.src.slice(lineStart, lineEnd);
    if (text.trim().endsWith('$$')) {
      lastLine = text.trim().slice(0, -2);
      closed = true;
    }
  }
  if (silent) return true;
  const inner =
    line === startLine
      ? firstLine
      : [firstLine, state.getLines(startLine + 1, line, state.tShift[startLine], true), lastLine].join('\n');
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = inner.trim();
  token.markup = '$$';
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/**
 * Adds the math rules. `render` gives the HTML of one formula; without it (KaTeX not loaded) the
 * TeX is shown as code.
 */
export function mathPlugin(md: MarkdownIt, options: { render?: () => MathRenderer | undefined } = {}): void {
  md.inline.ruler.before('escape', 'math_inline', inlineMath);
  md.block.ruler.before('fence', 'math_block', blockMath, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  });
  const show = (tex: string, display: boolean) => {
    const render = options.render?.();
    const body = render ? render(tex, display) : `<code>${escapeHtml(tex)}</code>`;
    // A span even for display math written inside a paragraph: a div may not sit in a <p>.
    return `<span class="tl-math${display ? ' tl-math-display' : ''}">${body}</span>`;
  };
  md.renderer.rules.math_inline = (tokens, idx) => show(tokens[idx].content, false);
  md.renderer.rules.math_display = (tokens, idx) => show(tokens[idx].content, true);
  md.renderer.rules.math_block = (tokens, idx) =>
    `<div class="tl-math-block">${show(tokens[idx].content, true)}</div>\n`;
}

/** Whether parsed tokens hold any math (then KaTeX is worth loading). */
export function hasMath(
  tokens: ReadonlyArray<{ type: string; children: ReadonlyArray<{ type: string }> | null }>,
): boolean {
  return tokens.some(
    (t) =>
      t.type === 'math_block' ||
      (t.children ?? []).some((c) => c.type === 'math_inline' || c.type === 'math_display'),
  );
}
