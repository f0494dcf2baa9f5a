// Syntax checks the Lezer parser is too forgiving for, with CPython 3.11's messages: unterminated
// strings, unclosed or unmatched brackets, and indentation (unexpected indent, missing block,
// unindent that matches no outer level). One linear scan of the source, before parsing.

export interface SyntaxProblem {
  type: 'SyntaxError' | 'IndentationError';
  message: string;
  /** 1-based line and column. */
  line: number;
  column: number;
}

const openers: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const closers: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

const blockKinds: Record<string, string> = {
  if: "'if' statement",
  elif: "'elif' statement",
  else: "'else' statement",
  for: "'for' statement",
  while: "'while' statement",
  with: "'with' statement",
  try: "'try' statement",
  except: "'except' statement",
  finally: "'finally' statement",
  def: 'function definition',
  class: 'class definition',
};

interface LogicalLine {
  line: number;
  indent: number;
  /** Column (1-based) of the first character. */
  column: number;
  /** Offset of the first character. */
  start: number;
  endsWithColon: boolean;
}

export function scanSyntax(src: string): SyntaxProblem | undefined {
  const lines: LogicalLine[] = [];
  const stack: { ch: string; line: number; column: number }[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let logical: LogicalLine | undefined;
  let lastSignificant = '';
  const n = src.length;
  const col = (pos: number) => pos - lineStart + 1;
  const finishLogical = () => {
    if (logical) {
      logical.endsWithColon = lastSignificant === ':';
      lines.push(logical);
    }
    logical = undefined;
    lastSignificant = '';
  };
  while (i < n) {
    const c = src[i];
    // Start of a physical line outside brackets: a new logical line may begin.
    if (c === '\n') {
      if (stack.length === 0 && !(src[i - 1] === '\\')) finishLogical();
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i++;
      continue;
    }
    if (!logical && stack.length === 0) {
      let indent = 0;
      for (let k = lineStart; k < i; k++)
        indent = src[k] === '\t' ? (Math.floor(indent / 8) + 1) * 8 : indent + 1;
      logical = { line, indent, column: col(i), start: i, endsWithColon: false };
    }
    // Strings (with prefixes r, b, f, u and combinations).
    const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(src.slice(i, i + 5));
    if (m && (m[1] === '' || !/[\w]/.test(src[i - 1] ?? ''))) {
      const quote = m[2];
      const startLine = line;
      const startCol = col(i);
      let j = i + m[0].length;
      let closed = false;
      while (j < n) {
        const d = src[j];
        if (d === '\\') {
          if (src[j + 1] === '\n') {
            line++;
            lineStart = j + 2;
          }
          j += 2;
          continue;
        }
        if (quote.length === 1 && d === '\n') break;
        if (d === '\n') {
          line++;
          lineStart = j + 1;
        }
        if (src.startsWith(quote, j)) {
          j += quote.length;
          closed = true;
          break;
        }
        j++;
      }
      if (!closed) {
        const triple = quote.length === 3;
        return {
          type: 'SyntaxError',
          message: `unterminated ${triple ? 'triple-quoted ' : ''}string literal (detected at line ${triple ? line : startLine})`,
          line: startLine,
          column: startCol,
        };
      }
      i = j;
      lastSignificant = quote;
      continue;
    }
    if (c in openers) stack.push({ ch: c, line, column: col(i) });
    else if (c in closers) {
      const top = stack.pop();
      if (!top) return { type: 'SyntaxError', message: `unmatched '${c}'`, line, column: col(i) };
      if (top.ch !== closers[c]) {
        const message =
          top.line === line
            ? `closing parenthesis '${c}' does not match opening parenthesis '${top.ch}'`
            : `closing parenthesis '${c}' does not match opening parenthesis '${top.ch}' on line ${top.line}`;
        return { type: 'SyntaxError', message, line, column: col(i) };
      }
    }
    lastSignificant = c;
    // Identifiers and numbers as one run, so `lastSignificant` is their last char.
    if (/\w/.test(c)) {
      let j = i + 1;
      while (j < n && /\w/.test(src[j])) j++;
      lastSignificant = src[j - 1];
      i = j;
      continue;
    }
    i++;
  }
  if (stack.length > 0) {
    const top = stack[stack.length - 1];
    return {
      type: 'SyntaxError',
      message: `'${top.ch}' was never closed`,
      line: top.line,
      column: top.column,
    };
  }
  finishLogical();
  return checkIndentation(lines, src);
}

function checkIndentation(lines: LogicalLine[], src: string): SyntaxProblem | undefined {
  const blockName = (l: LogicalLine): string | undefined => {
    const word = /^(async\s+)?([a-z]+)/.exec(src.slice(l.start, l.start + 16))?.[2] ?? '';
    return blockKinds[word];
  };
  const levels = [0];
  let opener: LogicalLine | undefined;
  for (const l of lines) {
    const top = levels[levels.length - 1];
    if (opener) {
      if (l.indent <= levels[levels.length - 1]) {
        return {
          type: 'IndentationError',
          message: `expected an indented block after ${blockName(opener)} on line ${opener.line}`,
          line: l.line,
          column: l.column,
        };
      }
      levels.push(l.indent);
    } else if (l.indent > top) {
      const prev = lines[lines.indexOf(l) - 1];
      if (prev && blockName(prev) && !prev.endsWithColon) {
        // `if x` followed by an indented block: the header lacks its colon.
        const end = src.indexOf('\n', prev.start);
        return {
          type: 'SyntaxError',
          message: "expected ':'",
          line: prev.line,
          column: (end < 0 ? src.length : end) - prev.start + prev.column,
        };
      }
      return { type: 'IndentationError', message: 'unexpected indent', line: l.line, column: l.column };
    } else if (l.indent < top) {
      while (levels.length > 1 && l.indent < levels[levels.length - 1]) levels.pop();
      if (l.indent !== levels[levels.length - 1]) {
        return {
          type: 'IndentationError',
          message: 'unindent does not match any outer indentation level',
          line: l.line,
          column: l.column,
        };
      }
    }
    opener = l.endsWithColon && blockName(l) ? l : undefined;
  }
  if (opener) {
    return {
      type: 'IndentationError',
      message: `expected an indented block after ${blockName(opener)} on line ${opener.line}`,
      line: opener.line + 1,
      column: 1,
    };
  }
  return undefined;
}
