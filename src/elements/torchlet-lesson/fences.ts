// What a fenced block of a lesson becomes, read from its info string (```python check,
// ```gpu-speedup n=256, ```gradient-plot x=1): the element, its attributes (only the ones that
// element has: an info string can never set an event handler) and its body. No DOM: runs in Node.
import { isTimingMagic } from '../../protocol/magic-lines.js';

export type Attrs = Record<string, string>;

export interface CellBlock {
  kind: 'cell';
  code: string;
  /** The ```python check block right after it, if any. */
  check?: string;
  /** Has `????` blanks, or a check: counts in the lesson's progress. */
  exercise: boolean;
  attrs: Attrs;
  /** How many `!shell` / `%magic` lines were turned into comments (they never run here). */
  magics: number;
}

export interface SpeedupBlock {
  kind: 'gpu-speedup';
  attrs: Attrs;
}

export interface GradientBlock {
  kind: 'gradient-plot';
  attrs: Attrs;
  /** One `<gp-function>` per body line. */
  functions: Attrs[];
}

export type LessonBlock = CellBlock | SpeedupBlock | GradientBlock;

const PYTHON = new Set(['python', 'py', 'python3', 'ipython', 'ipython3']);

/** Attributes a block may set on its element; values are set with setAttribute, never parsed as HTML. */
export const ALLOWED_ATTRS = {
  cell: ['readonly', 'autorun', 'hint', 'device'],
  'gpu-speedup': [
    'n',
    'repeats',
    'sweep',
    'min-n',
    'max-n',
    'gpu-backend',
    'cpu-backend',
    'naive',
    'time-limit',
    'refine',
    'autorun',
  ],
  'gradient-plot': ['fn', 'x', 'x-min', 'x-max', 'step', 'accumulate', 'device', 'exercise'],
  'gp-function': ['fn', 'name', 'label', 'color'],
} as const;

/** `a=1 b="two words" c='x' flag` → { a: '1', b: 'two words', c: 'x', flag: '' }. */
export function parseAttrs(text: string): Attrs {
  const attrs: Attrs = {};
  const pattern = /([A-Za-z_][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g;
  for (const match of text.matchAll(pattern)) {
    attrs[match[1].toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return attrs;
}

function pick(attrs: Attrs, allowed: readonly string[]): Attrs {
  return Object.fromEntries(Object.entries(attrs).filter(([name]) => allowed.includes(name)));
}

export interface FenceInfo {
  /** The first word of the info string, lower-cased ('' for a bare ```). */
  lang: string;
  /** The rest, as attributes. */
  attrs: Attrs;
}

export function parseInfo(info: string): FenceInfo {
  const trimmed = info.trim();
  const space = trimmed.search(/\s/);
  const lang = (space < 0 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  return { lang, attrs: parseAttrs(space < 0 ? '' : trimmed.slice(space + 1)) };
}

export function isPython(info: FenceInfo): boolean {
  return PYTHON.has(info.lang);
}

export function isCheck(info: FenceInfo): boolean {
  return isPython(info) && 'check' in info.attrs;
}

/** A notebook cell magic (`%%bash`, `%%html`): the whole cell is something other than Python. */
export function cellMagic(code: string): string | null {
  const first = code.split('\n', 1)[0].trim();
  const magic = /^%%(\w+)/.exec(first)?.[1];
  // These only time or capture Python: the rest of the cell is still Python.
  if (!magic || ['time', 'timeit', 'capture'].includes(magic)) return null;
  return magic;
}

/**
 * Turns `!pip install …` and `%matplotlib inline` lines into comments, so they are shown where
 * they stand but never run (the interpreter has no shell and no IPython); the timing magics
 * (`%timeit`, `%time`, `%%timeit`, `%%time`) stay: they run. Line numbers stay.
 */
export function commentOutMagics(code: string): { code: string; count: number } {
  let count = 0;
  const lines = code.split('\n').map((line, i) => {
    if (!/^\s*[!%]/.test(line) || isTimingMagic(line, i === 0)) return line;
    count++;
    const indent = /^\s*/.exec(line)![0];
    return `${indent}# ${line.slice(indent.length)}  # (a shell command or notebook magic: it does not run here)`;
  });
  return { code: lines.join('\n'), count };
}

export const BLANK = '????';

export function cellBlock(code: string, info: FenceInfo): CellBlock {
  const { code: runnable, count } = commentOutMagics(code.replace(/\n$/, ''));
  return {
    kind: 'cell',
    code: runnable,
    exercise: runnable.includes(BLANK),
    attrs: pick(info.attrs, ALLOWED_ATTRS.cell),
    magics: count,
  };
}

/** ```gpu-speedup / ```gradient-plot, or null for any other language (static code). */
export function elementBlock(body: string, info: FenceInfo): SpeedupBlock | GradientBlock | null {
  if (info.lang === 'gpu-speedup')
    return { kind: 'gpu-speedup', attrs: pick(info.attrs, ALLOWED_ATTRS['gpu-speedup']) };
  if (info.lang !== 'gradient-plot') return null;
  // Each body line is a curve: a bare expression in x (`3 - x + (x/2)**2`), or attributes
  // (`fn="3 - (x/2)**2" label="f2" color="blue"`).
  const functions = body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) =>
      /^[A-Za-z][\w-]*\s*=\s*["']/.test(line)
        ? pick(parseAttrs(line), ALLOWED_ATTRS['gp-function'])
        : { fn: line },
    );
  return { kind: 'gradient-plot', attrs: pick(info.attrs, ALLOWED_ATTRS['gradient-plot']), functions };
}
