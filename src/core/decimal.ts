// The decimal text of a double, as Python, PyTorch and numpy print it: exact round-half-to-even
// (JS's toFixed/toExponential round exact ties away from zero), the shortest digits that read
// back as the same float64 or float32, and Python's choice between fixed and scientific repr.
// Every printer of numbers (core/format.ts, python/format.ts, python/numpy/format.ts) uses these.

/** Decimal digits (no trailing zeros) and the power of ten of the first digit: 0.0125 = {'125', -2}. */
export interface Digits {
  digits: string;
  exp: number;
}

/** x (finite, ≥ 0) exactly as num / den. */
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

/** num / den rounded to an integer, ties to even. */
function divideHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r = num % den;
  return r * 2n > den || (r * 2n === den && q % 2n === 1n) ? q + 1n : q;
}

const pow10 = (e: number): bigint => 10n ** BigInt(e);

/** The power of ten of x's first digit (x finite, > 0), exactly. */
function decimalExponent(x: number): number {
  const [num, den] = exactRatio(x);
  const atLeast = (e: number) => (e >= 0 ? num >= pow10(e) * den : num * pow10(-e) >= den);
  let exp = Math.floor(Math.log10(x));
  while (!atLeast(exp)) exp--;
  while (atLeast(exp + 1)) exp++;
  return exp;
}

function trimDigits(digits: string, exp: number): Digits {
  const d = digits.replace(/0+$/, '');
  return { digits: d === '' ? '0' : d, exp };
}

/** x (finite, > 0) rounded half-to-even to a multiple of 10**lastExp, exactly. */
export function roundDigits(x: number, lastExp: number): Digits {
  const [num, den] = exactRatio(x);
  const q =
    lastExp >= 0 ? divideHalfEven(num, den * pow10(lastExp)) : divideHalfEven(num * pow10(-lastExp), den);
  if (q === 0n) return { digits: '0', exp: lastExp };
  const text = q.toString();
  return trimDigits(text, lastExp + text.length - 1);
}

/** The shortest digits that read back as the same float64 (or float32) value; x finite, > 0. */
export function shortestDigits(x: number, float32 = false): Digits {
  if (!float32) {
    const [mant, e] = x.toExponential().split('e');
    return trimDigits(mant.replace('.', ''), Number(e));
  }
  // The closest p-digit decimal, ties to even as dragon4 does, for the first p that reads back.
  const exp = decimalExponent(x);
  for (let p = 1; p < 9; p++) {
    const d = roundDigits(x, exp - p + 1);
    if (Math.fround(Number(`0.${d.digits}e${d.exp + 1}`)) === x) return d;
  }
  return roundDigits(x, exp - 8);
}

/** True when the digits JS printed past the kept ones read 5000…: maybe an exact tie, check it. */
const maybeTie = (tail: string) => /^50*$/.test(tail);
const GUARD = 25;

function signed(x: number, body: (ax: number) => string): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return x < 0 || Object.is(x, -0) ? '-' + body(-x) : body(x);
}

/** Python's '{:.Nf}'.format(x): correctly rounded, ties to even, sign of -0 kept. */
export function formatFixed(x: number, prec: number): string {
  return signed(x, (ax) => {
    if (prec + GUARD <= 100 && ax < 1e21) {
      const longer = ax.toFixed(prec + GUARD);
      if (!maybeTie(longer.slice(-GUARD))) return ax.toFixed(prec);
    }
    const q = divideHalfEven(...scaled(ax, prec)).toString();
    if (prec === 0) return q;
    const digits = q.padStart(prec + 1, '0');
    return digits.slice(0, -prec) + '.' + digits.slice(-prec);
  });
}

/** [num, den] of x * 10**prec. */
function scaled(x: number, prec: number): [bigint, bigint] {
  const [num, den] = exactRatio(x);
  return [num * pow10(prec), den];
}

/** Python's '{:.Ne}'.format(x): ties to even, an exponent of two digits at least. */
export function formatExp(x: number, prec: number): string {
  return signed(x, (ax) => {
    let mant: string;
    let exp: number;
    const longer = prec + GUARD <= 100 ? ax.toExponential(prec + GUARD) : '';
    const [longMant] = longer.split('e');
    if (ax !== 0 && (longer === '' || maybeTie(longMant.slice(-GUARD)))) {
      const first = decimalExponent(ax);
      const d = roundDigits(ax, first - prec);
      exp = d.exp;
      const all = d.digits.padEnd(prec + 1, '0');
      mant = prec > 0 ? all[0] + '.' + all.slice(1) : all;
    } else {
      const [m, e] = ax.toExponential(prec).split('e');
      mant = m;
      exp = Number(e);
    }
    return mant + exponentText(exp);
  });
}

/** `e+05`, `e-12`: Python's exponent, two digits at least. */
function exponentText(exp: number): string {
  return `e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** x rounded to an integer, ties to even (numpy's rint, Python's round(x)); -0 and non-finite kept. */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : r;
}

/**
 * Python's repr(float): shortest round-trip digits, scientific when exponent < -4 or >= 16.
 * With `float32`, the shortest digits of a float32 (numpy's repr of a float32 scalar).
 */
export function floatRepr(x: number, float32 = false): string {
  return signed(x, (ax) => {
    if (ax === 0) return '0.0';
    const { digits, exp } = shortestDigits(ax, float32);
    if (exp < -4 || exp >= 16) {
      return (digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits) + exponentText(exp);
    }
    if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + digits;
    if (digits.length <= exp + 1) return digits + '0'.repeat(exp + 1 - digits.length) + '.0';
    return digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  });
}
