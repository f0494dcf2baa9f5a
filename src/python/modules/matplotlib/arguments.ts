// What pyplot's arguments mean: numbers, colours, format strings ("r--o"), keyword lookups.
import {
  isPromise,
  type MaybePromise,
  PyFloat,
  pyError,
  PyList,
  PyObject,
  PyTuple,
  type PyValue,
  typeName,
  type BoundArgs,
} from '../../objects.js';
import { call as callPython } from '../../runtime.js';
import { strRepr } from '../../format.js';
import { toNDArray } from '../numpy.js';
import type { AxesState } from './state.js';

// ---- argument conversion -----------------------------------------------------------------------

/**
 * A sequence of numbers from a list, tuple, ndarray or tensor (anything numpy can convert); one
 * column (N × 1, as `x.unsqueeze(1)` makes) counts as 1-D. `ravel`: any shape, flattened (scatter).
 */
export function numbers(v: PyValue, ravel = false): MaybePromise<number[]> {
  return then(toNDArray(v), (a) => {
    const flat = a.toNumbers();
    if (a.ndim > 1 && !ravel && !(a.ndim === 2 && a.shape[1] === 1))
      throw pyError('ValueError', 'only 1-D data is supported by this plot; pass one column at a time');
    return flat;
  });
}

export function then<T, U>(v: MaybePromise<T>, f: (x: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise<T>(v) ? v.then(f) : f(v);
}

/** One number (int, float, 0-d array, one-element tensor via __float__). */
export function scalar(v: PyValue, what: string): MaybePromise<number> {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyObject) {
    const f = v.cls.lookup('__float__');
    if (f !== undefined) {
      return then(callPython(f, [v]), (r) => {
        if (r instanceof PyFloat) return r.v;
        if (typeof r === 'number') return r;
        throw pyError('TypeError', `${what} must be a number, not ${typeName(v)}`);
      });
    }
  }
  throw pyError('TypeError', `${what} must be a number, not ${typeName(v)}`);
}

export function optString(v: PyValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  throw pyError('TypeError', `expected a string, not ${typeName(v)}`);
}

/** A colour as given: names, 'r', '#ff0000', 'C1', or an RGB(A) tuple of 0..1 floats. */
export function colorArg(v: PyValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (v instanceof PyTuple || v instanceof PyList) {
    const parts = v.items.map((x) => (x instanceof PyFloat ? x.v : typeof x === 'number' ? x : NaN));
    if ((parts.length === 3 || parts.length === 4) && parts.every((p) => p >= 0 && p <= 1)) {
      const hex = parts
        .slice(0, 3)
        .map((p) =>
          Math.round(p * 255)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('');
      return '#' + hex;
    }
  }
  throw pyError('ValueError', `${typeof v === 'string' ? v : typeName(v)} is not a valid value for color`);
}

export const COLOR_CHARS = 'bgrcmykw';
export const MARKERS = '.,ov^<>1234sp*hH+xDd|_';
export const LINESTYLES = ['--', '-.', '-', ':'];
export const NAMED_COLORS = new Set([
  'blue',
  'green',
  'red',
  'cyan',
  'magenta',
  'yellow',
  'black',
  'white',
  'orange',
  'purple',
  'brown',
  'pink',
  'gray',
  'grey',
  'olive',
  'navy',
  'teal',
  'lime',
  'gold',
  'violet',
  'indigo',
  'maroon',
  'coral',
  'salmon',
  'turquoise',
  'tan',
  'silver',
  'darkblue',
  'darkgreen',
  'darkred',
  'lightblue',
  'lightgreen',
  'lightgray',
  'lightgrey',
  'darkgray',
  'darkgrey',
  'skyblue',
  'tab:blue',
  'tab:orange',
  'tab:green',
  'tab:red',
  'tab:purple',
  'tab:brown',
  'tab:pink',
  'tab:gray',
  'tab:olive',
  'tab:cyan',
]);

export function isColorString(s: string): boolean {
  return (
    NAMED_COLORS.has(s.toLowerCase()) ||
    /^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(s) ||
    /^C\d$/.test(s) ||
    /^0?\.\d+$|^[01](\.0*)?$/.test(s)
  );
}

/** matplotlib's format string: `'r--'`, `'bo'`, `'g^:'`, or a whole colour name. */
export function parseFormat(fmt: string): { color?: string; marker?: string; linestyle?: string } {
  if (isColorString(fmt)) return { color: fmt };
  const out: { color?: string; marker?: string; linestyle?: string } = {};
  let i = 0;
  while (i < fmt.length) {
    const ls = LINESTYLES.find((l) => fmt.startsWith(l, i));
    if (ls) {
      if (out.linestyle !== undefined)
        throw pyError('ValueError', `${strRepr(fmt)} is not a valid format string (two linestyle symbols)`);
      out.linestyle = ls;
      i += ls.length;
      continue;
    }
    const c = fmt[i];
    if (c === 'C' && /\d/.test(fmt[i + 1] ?? '')) {
      if (out.color !== undefined)
        throw pyError('ValueError', `${strRepr(fmt)} is not a valid format string (two color symbols)`);
      out.color = fmt.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (COLOR_CHARS.includes(c)) {
      if (out.color !== undefined)
        throw pyError('ValueError', `${strRepr(fmt)} is not a valid format string (two color symbols)`);
      out.color = c;
    } else if (MARKERS.includes(c)) {
      if (out.marker !== undefined)
        throw pyError('ValueError', `${strRepr(fmt)} is not a valid format string (two marker symbols)`);
      out.marker = c;
    } else {
      throw pyError(
        'ValueError',
        `${strRepr(fmt)} is not a valid format string (unrecognized character '${c}')`,
      );
    }
    i++;
  }
  if (out.marker !== undefined && out.linestyle === undefined) out.linestyle = '';
  return out;
}

export function lineStyleArg(v: PyValue | undefined): string | undefined {
  const s = optString(v ?? null);
  if (s === undefined) return undefined;
  const names: Record<string, string> = {
    solid: '-',
    dashed: '--',
    dotted: ':',
    dashdot: '-.',
    None: '',
    none: '',
    ' ': '',
  };
  if (s in names) return names[s];
  if (['-', '--', ':', '-.', ''].includes(s)) return s;
  throw pyError(
    'ValueError',
    `${strRepr(s)} is not a valid value for ls; supported values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'`,
  );
}

export function kw(a: BoundArgs, ...names: string[]): PyValue | undefined {
  const k = a.kwargs as unknown as { get(k: PyValue): PyValue | undefined } | undefined;
  for (const n of names) {
    const v = k?.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

export function nextLineColor(ax: AxesState): string {
  return `C${ax.lineCycle++ % 10}`;
}
