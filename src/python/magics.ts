// IPython's timing magics in a cell, as Colab notebooks use them: `%timeit` and `%time` on a line,
// `%%timeit` and `%%time` over a cell. Each becomes a call of the builtin `__torchlet_magic__` on
// the same line (so every line number stays), with the magic's text kept in a table for the run;
// timeit.ts does the timing. Other `%` and `!` lines (`%matplotlib inline`, `!pip install`) are
// blanked: there is no shell and no IPython here.
import { parser } from '@lezer/python';
import { TIMING_CELL_MAGIC, TIMING_LINE_MAGIC } from '../protocol/magic-lines.js';

/** The builtin a magic's line calls; its first argument indexes the run's magics. */
export const MAGIC_BUILTIN = '__torchlet_magic__';

export type Magic =
  /**
   * `%timeit [options] statement` (`body` null), or a `%%timeit [options] [setup]` cell and its
   * `body`; `source` is the magic's own line as written.
   */
  | { kind: 'timeit'; line: number; options: string; body: string | null; source: string }
  /** `%time statement` and `%%time`: a wall clock around code that runs in place. */
  | { kind: 'time'; line: number }
  /** `%%timeit` or `%%time` below a cell's first line: IPython's UsageError when reached. */
  | { kind: 'misplaced'; line: number; name: string };

export interface RewrittenCell {
  code: string;
  magics: Magic[];
}

const COMPOUND = /^(for|while|if|with|try|def|class|async)\b/;

/** Whether a line of a cell is a magic or shell command this module knows nothing of. */
const otherMagic = (line: string) => /^[%!]/.test(line) && !line.startsWith('!=');

/** Whether `text` is one Python expression (not a statement, not two). */
export function isExpression(text: string): boolean {
  const tree = parser.parse(text);
  const top = tree.topNode;
  const first = top.firstChild;
  if (!first || first.nextSibling || first.name !== 'ExpressionStatement') return false;
  let ok = true;
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) ok = false;
    },
  });
  return ok;
}

/**
 * The cell with its magics turned into calls (same lines, same count; a `%%time` cell whose last
 * line is not an expression gets one more line at its end), and the magics those calls stand for.
 */
export function rewriteMagics(source: string): RewrittenCell {
  if (!/^\s*[%!]|=\s*%time/m.test(source)) return { code: source, magics: [] };
  const lines = source.split('\n');
  const magics: Magic[] = [];
  const cell = TIMING_CELL_MAGIC.exec(lines[0]);
  if (cell?.[1] === 'timeit') {
    // The body runs in timeit's inner function; the cell itself only calls it.
    magics.push({
      kind: 'timeit',
      line: 1,
      options: cell[2].trim(),
      body: lines.slice(1).join('\n'),
      source: lines[0],
    });
    return { code: [`${MAGIC_BUILTIN}(0)`, ...lines.slice(1).map(() => '')].join('\n'), magics };
  }
  let start = 0;
  let end: string | undefined;
  if (cell?.[1] === 'time') {
    magics.push({ kind: 'time', line: 1 });
    lines[0] = `${MAGIC_BUILTIN}(0, 0)`;
    end = `${MAGIC_BUILTIN}(0, 1)`;
    start = 1;
  }
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    const misplaced = TIMING_CELL_MAGIC.exec(line.trimStart());
    if (misplaced) {
      magics.push({ kind: 'misplaced', line: i + 1, name: misplaced[1] });
      lines[i] =
        `${line.slice(0, line.length - line.trimStart().length)}${MAGIC_BUILTIN}(${magics.length - 1})`;
      continue;
    }
    const m = TIMING_LINE_MAGIC.exec(line);
    if (!m) {
      if (otherMagic(line.trimStart())) lines[i] = ' '.repeat(line.length);
      continue;
    }
    const [, indent, target, kind, rest] = m;
    const k = magics.length;
    if (kind === 'timeit') {
      magics.push({ kind: 'timeit', line: i + 1, options: rest.trim(), body: null, source: line });
      lines[i] = `${indent}${target ? `${target} = ` : ''}${MAGIC_BUILTIN}(${k})`;
      continue;
    }
    // %time runs its statement where it stands (names it binds stay), between two clock reads; an
    // expression's value goes through the second, so the cell still shows it.
    magics.push({ kind: 'time', line: i + 1 });
    const statement = stripComment(rest).trim();
    const startClock = `${MAGIC_BUILTIN}(${k}, 0)`;
    // A one-line loop or block cannot share its line with the clock calls: the magic says so.
    if (COMPOUND.test(statement)) lines[i] = `${indent}${MAGIC_BUILTIN}(${k}, 2)`;
    else if (target)
      lines[i] = `${indent}${startClock}; ${target} = ${MAGIC_BUILTIN}(${k}, 1, (${statement}))`;
    else if (statement && isExpression(statement))
      lines[i] = `${indent}${startClock}; ${MAGIC_BUILTIN}(${k}, 1, (${statement}))`;
    else lines[i] = `${indent}${startClock}; ${statement ? `${statement}; ` : ''}${MAGIC_BUILTIN}(${k}, 1)`;
  }
  if (end !== undefined) {
    // The cell's last line, an expression: its value passes through the clock read, so it shows.
    let last = lines.length - 1;
    while (last > 0 && !stripComment(lines[last]).trim()) last--;
    const tail = stripComment(lines[last]).trim();
    if (last > 0 && !/^\s/.test(lines[last]) && !tail.endsWith(';') && isExpression(tail))
      lines[last] = `${MAGIC_BUILTIN}(0, 1, (${tail}))`;
    else lines.push(end);
  }
  return { code: lines.join('\n'), magics };
}

/** `%timeit`'s options (IPython's: -n loops, -r runs, -p precision, -q quiet, -o return the result). */
export interface TimeitOptions {
  number: number;
  repeat: number;
  precision: number;
  quiet: boolean;
  returnResult: boolean;
  /** What follows the options: the statement (line magic) or the setup (cell magic). */
  rest: string;
}

/** Reads `%timeit`'s options; a message naming the problem for an option it does not know. */
export function parseTimeitOptions(text: string): TimeitOptions | string {
  const options: TimeitOptions = {
    number: 0,
    repeat: 7,
    precision: 3,
    quiet: false,
    returnResult: false,
    rest: '',
  };
  let s = text.trimStart();
  while (s.startsWith('-')) {
    const m = /^-([nrpqotc])(\s*(\d+))?(?=\s|$)/.exec(s);
    if (!m) return `%timeit: option ${s.split(/\s/)[0]} not recognized`;
    const [all, flag, , value] = m;
    const needsValue = flag === 'n' || flag === 'r' || flag === 'p';
    if (needsValue && value === undefined) return `%timeit: option -${flag} requires a number`;
    if (!needsValue && value !== undefined) return `%timeit: option -${flag} takes no value`;
    if (flag === 'n') options.number = Number(value);
    else if (flag === 'r') options.repeat = Number(value);
    else if (flag === 'p') options.precision = Number(value);
    else if (flag === 'q') options.quiet = true;
    else if (flag === 'o') options.returnResult = true;
    // -t and -c choose a clock in IPython; here there is one (performance.now).
    s = s.slice(all.length).trimStart();
  }
  if (options.repeat < 1) return '%timeit: -r needs at least 1 run';
  options.rest = s;
  return options;
}

/** A line without its `#` comment (a `#` inside a string literal stays). */
export function stripComment(line: string): string {
  let q: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}
