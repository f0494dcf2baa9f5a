// Python's text forms of numbers and strings: float repr (shortest round-trip), str repr with
// quotes, the format-spec mini-language (f-strings, format(), str.format) and %-formatting.
import { floatRepr, formatExp, formatFixed } from '../core/decimal.js';
import { pyError } from './objects.js';

export { floatRepr };

/** repr(str): single quotes unless the text has ' and no ", escapes as Python does. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && c < 0xa0) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

function parseSpec(spec: string): Spec {
  const m = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su.exec(spec);
  if (!m) throw pyError('ValueError', 'Invalid format specifier');
  return {
    fill: m[1] ?? (m[5] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[5] ? '=' : ''),
    sign: m[3] ?? '-',
    alt: !!m[4],
    zero: !!m[5],
    width: m[6] ? Number(m[6]) : 0,
    grouping: m[7] ?? '',
    precision: m[8] !== undefined ? Number(m[8]) : -1,
    type: m[9] ?? '',
  };
}

function pad(body: string, sign: string, spec: Spec, defaultAlign: string): string {
  const align = spec.align || defaultAlign;
  const len = [...body].length + sign.length;
  const n = Math.max(0, spec.width - len);
  if (n === 0) return sign + body;
  const fill = spec.fill.repeat(n);
  if (align === '<') return sign + body + fill;
  if (align === '>') return fill + sign + body;
  if (align === '=') return sign + fill + body;
  const left = spec.fill.repeat(Math.floor(n / 2));
  const right = spec.fill.repeat(n - Math.floor(n / 2));
  return left + sign + body + right;
}

function group(intPart: string, sep: string, every = 3): string {
  if (!sep) return intPart;
  let out = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % every === 0) out += sep;
    out += intPart[i];
  }
  return out;
}

function signOf(neg: boolean, spec: Spec): string {
  if (neg) return '-';
  if (spec.sign === '+') return '+';
  if (spec.sign === ' ') return ' ';
  return '';
}

function formatFloatBody(x: number, spec: Spec): string {
  const t = spec.type;
  if (!Number.isFinite(x)) {
    const s = Number.isNaN(x) ? 'nan' : 'inf';
    return t === 'F' || t === 'E' || t === 'G' ? s.toUpperCase() : s;
  }
  const ax = Math.abs(x);
  let body: string;
  if (t === 'f' || t === 'F' || t === '%') {
    const v = t === '%' ? ax * 100 : ax;
    body = formatFixed(v, spec.precision < 0 ? 6 : spec.precision);
    if (spec.alt && !body.includes('.')) body += '.';
    if (t === '%') body += '%';
  } else if (t === 'e' || t === 'E') {
    body = formatExp(ax, spec.precision < 0 ? 6 : spec.precision);
    if (t === 'E') body = body.toUpperCase();
  } else if (t === 'g' || t === 'G' || t === 'n' || (t === '' && spec.precision >= 0)) {
    let p = spec.precision < 0 ? 6 : spec.precision;
    if (p === 0) p = 1;
    const e = formatExp(ax, p - 1);
    const exp = Number(e.split('e')[1]);
    if (exp >= -4 && exp < p) {
      body = formatFixed(ax, p - 1 - exp);
    } else {
      body = e;
    }
    if (!spec.alt) {
      body = body.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
    }
    if (t === '' && !/[.e]/.test(body) && !spec.alt) body += '.0';
    if (t === 'G') body = body.toUpperCase();
  } else {
    body = floatRepr(ax);
  }
  if (spec.grouping) {
    const [ip, ...rest] = body.split('.');
    if (/^\d+$/.test(ip)) body = [group(ip, spec.grouping), ...rest].join('.');
  }
  return body;
}

/** format(value, spec) for int (number|bigint), float, bool-as-int, str. */
export function formatNumber(x: number | bigint, isFloat: boolean, specText: string): string {
  const spec = parseSpec(specText);
  const t = spec.type;
  if (!isFloat && (t === '' || 'bcdoxXn'.includes(t))) {
    const big = BigInt(x);
    const neg = big < 0n;
    const a = neg ? -big : big;
    let body: string;
    let prefix = '';
    if (t === 'b') {
      body = a.toString(2);
      prefix = spec.alt ? '0b' : '';
    } else if (t === 'o') {
      body = a.toString(8);
      prefix = spec.alt ? '0o' : '';
    } else if (t === 'x' || t === 'X') {
      body = a.toString(16);
      if (t === 'X') body = body.toUpperCase();
      prefix = spec.alt ? (t === 'X' ? '0X' : '0x') : '';
    } else if (t === 'c') {
      return pad(String.fromCodePoint(Number(a)), '', spec, '<');
    } else {
      if (spec.precision >= 0)
        throw pyError('ValueError', 'Precision not allowed in integer format specifier');
      body = group(a.toString(), spec.grouping);
    }
    return pad(body, signOf(neg, spec) + prefix, spec, '>');
  }
  if (!isFloat && t === 's') throw pyError('ValueError', "Unknown format code 's' for object of type 'int'");
  if (isFloat && 'bcdoxX'.includes(t) && t !== '')
    throw pyError('ValueError', `Unknown format code '${t}' for object of type 'float'`);
  const v = Number(x);
  const neg = v < 0 || Object.is(v, -0);
  const body = formatFloatBody(v, spec);
  return pad(body, signOf(neg && !Number.isNaN(v), spec), spec, '>');
}

export function formatString(s: string, specText: string): string {
  const spec = parseSpec(specText);
  if (spec.type && spec.type !== 's')
    throw pyError('ValueError', `Unknown format code '${spec.type}' for object of type 'str'`);
  if (spec.sign !== '-') throw pyError('ValueError', 'Sign not allowed in string format specifier');
  if (spec.align === '=') throw pyError('ValueError', "'=' alignment not allowed in string format specifier");
  const body = spec.precision >= 0 ? [...s].slice(0, spec.precision).join('') : s;
  return pad(body, '', spec, '<');
}
