// Python's text forms of numbers and strings: float repr (shortest round-trip), str repr with
// quotes, the format-spec mini-language (f-strings, format(), str.format) and %-formatting.
import { pyError } from './objects.js';

/** repr(float): shortest round-trip digits, scientific when exponent < -4 or >= 16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    out = m + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
  } else if (exp < 0) {
    out = '0.' + '0'.repeat(-exp - 1) + digits;
  } else if (digits.length <= exp + 1) {
    out = digits + '0'.repeat(exp + 1 - digits.length) + '.0';
  } else {
    out = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  }
  return neg ? '-' + out : out;
}

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

/** Exact decimal rounding of a double to `prec` fraction digits, ties to even (as CPython). */
export function toFixedExact(x: number, prec: number): string {
  if (prec > 100 || Math.abs(x) >= 1e21) return toFixedBig(x, prec);
  const s = x.toFixed(prec);
  // JS rounds exact ties away from zero; CPython rounds them to even.
  const scaled = Math.abs(x) * 10 ** prec;
  if (Number.isFinite(scaled) && scaled - Math.floor(scaled) === 0.5 && isExactTie(Math.abs(x), prec)) {
    const down = toFixedBig(x, prec);
    return down;
  }
  return s;
}

function isExactTie(x: number, prec: number): boolean {
  // x is a tie when x * 10^prec has fractional part exactly .5 in exact arithmetic.
  const [num, den] = exactRatio(x);
  const n = num * 10n ** BigInt(prec) * 2n;
  return n % den === 0n && (n / den) % 2n === 1n;
}

function exactRatio(x: number): [bigint, bigint] {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = expBits - 1075;
  }
  if (e >= 0) return [mant << BigInt(e), 1n];
  return [mant, 1n << BigInt(-e)];
}

/** Exact fixed-point text with round-half-even, for any magnitude. */
function toFixedBig(x: number, prec: number): string {
  const neg = x < 0 || Object.is(x, -0);
  const [num, den] = exactRatio(Math.abs(x));
  const scaled = num * 10n ** BigInt(prec);
  let q = scaled / den;
  const r = scaled % den;
  if (r * 2n > den || (r * 2n === den && q % 2n === 1n)) q += 1n;
  let digits = q.toString();
  if (prec > 0) {
    digits = digits.padStart(prec + 1, '0');
    digits = digits.slice(0, -prec) + '.' + digits.slice(-prec);
  }
  return (neg ? '-' : '') + digits;
}

/** `%e`-style text with exact round-half-even. */
function toExponentialExact(x: number, prec: number): string {
  if (x === 0) return (Object.is(x, -0) ? '-' : '') + '0' + (prec > 0 ? '.' + '0'.repeat(prec) : '') + 'e+00';
  const neg = x < 0;
  const ax = Math.abs(x);
  let exp = Math.floor(Math.log10(ax));
  // Correct the estimate with exact arithmetic.
  const [num, den] = exactRatio(ax);
  const pow = (e: number): [bigint, bigint] => (e >= 0 ? [10n ** BigInt(e), 1n] : [1n, 10n ** BigInt(-e)]);
  const ge = (e: number) => {
    const [pn, pd] = pow(e);
    return num * pd >= pn * den;
  };
  while (!ge(exp)) exp--;
  while (ge(exp + 1)) exp++;
  const [pn, pd] = pow(prec - exp);
  const scaled = num * pn;
  const d = den * pd;
  let q = scaled / d;
  const r = scaled % d;
  if (r * 2n > d || (r * 2n === d && q % 2n === 1n)) q += 1n;
  if (q.toString().length > prec + 1) {
    q /= 10n;
    exp++;
  }
  const digits = q.toString();
  const mant = prec > 0 ? digits[0] + '.' + digits.slice(1) : digits;
  return (neg ? '-' : '') + mant + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
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
    body = toFixedExact(v, spec.precision < 0 ? 6 : spec.precision);
    if (spec.alt && !body.includes('.')) body += '.';
    if (t === '%') body += '%';
  } else if (t === 'e' || t === 'E') {
    body = toExponentialExact(ax, spec.precision < 0 ? 6 : spec.precision);
    if (t === 'E') body = body.toUpperCase();
  } else if (t === 'g' || t === 'G' || t === 'n' || (t === '' && spec.precision >= 0)) {
    let p = spec.precision < 0 ? 6 : spec.precision;
    if (p === 0) p = 1;
    const e = toExponentialExact(ax, p - 1);
    const exp = Number(e.split('e')[1]);
    if (exp >= -4 && exp < p) {
      body = toFixedExact(ax, p - 1 - exp);
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
      if (spec.precision >= 0) throw pyError('ValueError', 'Precision not allowed in integer format specifier');
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
  if (spec.type && spec.type !== 's') throw pyError('ValueError', `Unknown format code '${spec.type}' for object of type 'str'`);
  if (spec.sign !== '-') throw pyError('ValueError', 'Sign not allowed in string format specifier');
  if (spec.align === '=') throw pyError('ValueError', "'=' alignment not allowed in string format specifier");
  const body = spec.precision >= 0 ? [...s].slice(0, spec.precision).join('') : s;
  return pad(body, '', spec, '<');
}
