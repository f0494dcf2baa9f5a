// numpy's array printing (repr and str) with its default print options: the shortest round-trip
// digits capped at 8 decimals ('maxprec'), scientific notation when values span too far, column
// padding, wrapping at 75 characters and '...' summaries beyond 1000 elements.

import { type Digits, floatRepr, roundDigits, shortestDigits } from '../../core/decimal.js';
import type { DType } from './dtype.js';
import { formatShape, NDArray } from './ndarray.js';

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  suppress: boolean;
}

export const defaultPrintOptions: PrintOptions = {
  precision: 8,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 75,
  suppress: false,
};

/** Digits for positional output with at most `precision` decimals (dragon4 unique + cutoff). */
function positionalDigits(x: number, precision: number, float32: boolean): Digits {
  const s = shortestDigits(x, float32);
  const decimals = s.digits.length - 1 - s.exp;
  return decimals <= precision ? s : roundDigits(x, -precision);
}

function scientificDigits(x: number, precision: number, float32: boolean): Digits {
  const s = shortestDigits(x, float32);
  return s.digits.length - 1 <= precision ? s : roundDigits(x, s.exp - precision);
}

/** [integer part with sign, fraction digits] of a positional rendering. */
function positionalParts(x: number, precision: number, float32: boolean): [string, string] {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const ax = Math.abs(x);
  if (ax === 0) return [sign + '0', ''];
  const { digits, exp } = positionalDigits(ax, precision, float32);
  if (digits === '0') return [sign + '0', ''];
  let int: string;
  let frac: string;
  if (exp >= 0) {
    int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    frac = digits.slice(exp + 1);
  } else {
    int = '0';
    frac = '0'.repeat(-exp - 1) + digits;
  }
  return [sign + int, frac];
}

/** [mantissa integer part with sign, mantissa fraction, exponent as '+05'] of a scientific rendering. */
function scientificParts(
  x: number,
  precision: number,
  float32: boolean,
  minDigits = 0,
): [string, string, number] {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const ax = Math.abs(x);
  if (ax === 0) return [sign + '0', '', 0];
  let { digits, exp } = scientificDigits(ax, precision, float32);
  // dragon4 fills up to min_digits with the value's further true digits, not with zeros.
  if (digits.length - 1 < minDigits) ({ digits, exp } = roundDigits(ax, exp - minDigits));
  return [sign + digits[0], digits.slice(1), exp];
}

function expString(exp: number, digits: number): string {
  return (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(digits, '0');
}

/** Formats every element of an array alike (numpy's FloatingFormat / IntegerFormat / BoolFormat). */
type ElementFormatter = (x: number) => string;

function floatFormatter(values: ArrayLike<number>, dtype: DType, opts: PrintOptions): ElementFormatter {
  const f32 = dtype === 'float32';
  const finite: number[] = [];
  let hasNegInf = false;
  let nonFinite = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) finite.push(v);
    else {
      nonFinite = true;
      if (v === -Infinity) hasNegInf = true;
    }
  }
  const absNonZero = finite.filter((v) => v !== 0).map(Math.abs);
  let expFormat = false;
  if (absNonZero.length > 0) {
    const maxVal = Math.max(...absNonZero);
    const minVal = Math.min(...absNonZero);
    if (maxVal >= 1e8 || (!opts.suppress && (minVal < 0.0001 || maxVal / minVal > 1000))) expFormat = true;
  }
  let padLeft = 0;
  let padRight = 0;
  let precision = opts.precision;
  let expSize = -1;
  if (finite.length === 0) {
    // only nan/inf
  } else if (expFormat) {
    const parts = finite.map((v) => scientificParts(v, opts.precision, f32));
    precision = Math.max(...parts.map((p) => p[1].length));
    expSize = Math.max(...parts.map((p) => String(Math.abs(p[2])).length), 2);
    padLeft = Math.max(...parts.map((p) => p[0].length));
    padRight = expSize + 2 + precision;
  } else {
    const parts = finite.map((v) => positionalParts(v, opts.precision, f32));
    padLeft = Math.max(...parts.map((p) => p[0].length));
    padRight = Math.max(...parts.map((p) => p[1].length));
  }
  if (nonFinite) {
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, 3 - offset, 3 + (hasNegInf ? 1 : 0) - offset);
  }
  return (x: number) => {
    if (!Number.isFinite(x)) {
      const s = x !== x ? 'nan' : x < 0 ? '-inf' : 'inf';
      return s.padStart(padLeft + padRight + 1);
    }
    if (expFormat) {
      const [int, frac, exp] = scientificParts(x, opts.precision, f32, precision);
      return `${int.padStart(padLeft)}.${frac.padEnd(precision, '0')}e${expString(exp, expSize)}`;
    }
    const [int, frac] = positionalParts(x, opts.precision, f32);
    return `${int.padStart(padLeft)}.${frac.padEnd(padRight)}`;
  };
}

function formatterFor(
  values: ArrayLike<number>,
  dtype: DType,
  opts: PrintOptions,
  scalar: boolean,
): ElementFormatter {
  if (dtype === 'bool') return (x) => (x ? (scalar ? 'True' : ' True') : 'False');
  if (dtype === 'float32' || dtype === 'float64') return floatFormatter(values, dtype, opts);
  let width = 0;
  for (let i = 0; i < values.length; i++) width = Math.max(width, String(values[i]).length);
  return (x) => String(x).padStart(width);
}

/** The edge items numpy looks at to choose the format of a summarised array. */
function leadingTrailing(a: NDArray, edge: number): number[] {
  const out: number[] = [];
  const walk = (axis: number, pos: number) => {
    if (axis === a.ndim) {
      out.push(a.data[pos]);
      return;
    }
    const dim = a.shape[axis];
    const idx =
      dim > 2 * edge
        ? [...Array(edge).keys(), ...Array.from({ length: edge }, (_, i) => dim - edge + i)]
        : [...Array(dim).keys()];
    for (const i of idx) walk(axis + 1, pos + i * a.strides[axis]);
  };
  walk(0, a.offset);
  return out;
}

function extendLine(
  s: string,
  line: string,
  word: string,
  width: number,
  nextPrefix: string,
): [string, string] {
  let wrap = line.length + word.length > width;
  if (line.length <= nextPrefix.length) wrap = false;
  if (wrap) {
    s += line.trimEnd() + '\n';
    line = nextPrefix;
  }
  return [s, line + word];
}

function formatNested(
  a: NDArray,
  fmt: ElementFormatter,
  linewidth: number,
  nextLinePrefix: string,
  separator: string,
  edge: number,
  summary: boolean,
): string {
  const recurse = (axis: number, pos: number, hanging: string, width: number): string => {
    if (axis === a.ndim) return fmt(a.data[pos]);
    const nextHanging = hanging + ' ';
    const nextWidth = width - 1;
    const len = a.shape[axis];
    const showSummary = summary && 2 * edge < len;
    const leading = showSummary ? edge : 0;
    const trailing = showSummary ? edge : len;
    const at = (i: number) => pos + (i < 0 ? len + i : i) * a.strides[axis];
    let s = '';
    if (a.ndim - axis === 1) {
      const elemWidth = width - Math.max(separator.trimEnd().length, 1);
      let line = hanging;
      for (let i = 0; i < leading; i++) {
        [s, line] = extendLine(s, line, recurse(axis + 1, at(i), nextHanging, nextWidth), elemWidth, hanging);
        line += separator;
      }
      if (showSummary) {
        [s, line] = extendLine(s, line, '...', elemWidth, hanging);
        line += separator;
      }
      for (let i = trailing; i > 1; i--) {
        [s, line] = extendLine(
          s,
          line,
          recurse(axis + 1, at(-i), nextHanging, nextWidth),
          elemWidth,
          hanging,
        );
        line += separator;
      }
      [s, line] = extendLine(s, line, recurse(axis + 1, at(-1), nextHanging, nextWidth), elemWidth, hanging);
      s += line;
    } else {
      const lineSep = separator.trimEnd() + '\n'.repeat(a.ndim - axis - 1);
      for (let i = 0; i < leading; i++)
        s += hanging + recurse(axis + 1, at(i), nextHanging, nextWidth) + lineSep;
      if (showSummary) s += hanging + '...' + lineSep;
      for (let i = trailing; i > 1; i--)
        s += hanging + recurse(axis + 1, at(-i), nextHanging, nextWidth) + lineSep;
      s += hanging + recurse(axis + 1, at(-1), nextHanging, nextWidth);
    }
    return '[' + s.slice(hanging.length) + ']';
  };
  return recurse(0, a.offset, nextLinePrefix, linewidth);
}

function array2string(
  a: NDArray,
  separator: string,
  prefix: string,
  suffix: string,
  opts: PrintOptions,
): string {
  const summary = a.size > opts.threshold;
  const sample = summary ? leadingTrailing(a, opts.edgeitems) : Array.from(a.values());
  const fmt = formatterFor(sample, a.dtype, opts, a.ndim === 0);
  return formatNested(
    a,
    fmt,
    opts.linewidth - suffix.length,
    ' ' + ' '.repeat(prefix.length),
    separator,
    opts.edgeitems,
    summary,
  );
}

/** dtypes numpy leaves out of an array's repr. */
function dtypeImplied(d: DType): boolean {
  return d === 'float64' || d === 'int64' || d === 'bool';
}

/** `repr(a)`: `array([1., 2.])`, `array([1, 2], dtype=int32)`. */
export function arrayRepr(a: NDArray, opts: PrintOptions = defaultPrintOptions): string {
  const skipDtype = dtypeImplied(a.dtype) && a.size > 0;
  const prefix = 'array(';
  const suffix = skipDtype ? ')' : ',';
  let body: string;
  if (a.size > 0 || (a.ndim === 1 && a.shape[0] === 0))
    body = a.size === 0 ? '[]' : array2string(a, ', ', prefix, suffix, opts);
  else body = `[], shape=${formatShape(a.shape)}`;
  const text = prefix + body + suffix;
  if (skipDtype) return text;
  const dtypeStr = `dtype=${a.dtype})`;
  const lastLine = text.length - (text.lastIndexOf('\n') + 1);
  const spacer = lastLine + dtypeStr.length + 1 > opts.linewidth ? '\n' + ' '.repeat(prefix.length) : ' ';
  return text + spacer + dtypeStr;
}

/** `str(a)` / `print(a)`: `[1. 2.]`. */
export function arrayStr(a: NDArray, opts: PrintOptions = defaultPrintOptions): string {
  if (a.ndim === 0) return scalarRepr(a.dtype, a.getFlat(0));
  if (a.size === 0) return '[]';
  return array2string(a, ' ', '', '', opts);
}

/** A numpy scalar's repr in numpy 1.24 (`np.float64(2.5)` → `2.5`, `np.float32(0.1)` → `0.1`). */
export function scalarRepr(dtype: DType, x: number): string {
  if (dtype === 'bool') return x ? 'True' : 'False';
  if (dtype === 'float64' || dtype === 'float32') return floatRepr(x, dtype === 'float32');
  return String(x);
}
