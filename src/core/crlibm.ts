// Correctly rounded exp, log and pow (sin, cos and acos: crlibm-trig.ts): the doubles glibc's libm returns (and so
// CPython's math and random), where V8's Math functions are off by one ulp in a few percent of
// cases. Each is computed in double-double arithmetic (about 100 bits) and rounded once.

/** A double-double: the unevaluated sum hi + lo, |lo| <= ulp(hi) / 2. */
export type DD = readonly [number, number];

const SPLITTER = 134217729; // 2**27 + 1, Dekker's split

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

export function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

/** a * b exactly, as a double-double (no fma in JS: Dekker's product). */
export function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

export function add(a: DD, b: DD): DD {
  const [s, e1] = twoSum(a[0], b[0]);
  const [t, e2] = twoSum(a[1], b[1]);
  const [s2, e3] = quickTwoSum(s, e1 + t);
  return quickTwoSum(s2, e3 + e2);
}

export function neg(a: DD): DD {
  return [-a[0], -a[1]];
}

export function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + a[0] * b[1] + a[1] * b[0]);
}

function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = add(a, neg(mul(b, [q1, 0])));
  const q2 = r[0] / b[0];
  r = add(r, neg(mul(b, [q2, 0])));
  const q3 = r[0] / b[0];
  return add(quickTwoSum(q1, q2), [q3, 0]);
}

// add(mul(s, x), c) without arrays, for the series' Horner loops (the same operations in the
// same order as mul and add, so the same bits): the result in RH + RL.
let RH = 0;
let RL = 0;
function mulAddInto(sh: number, sl: number, xh: number, xl: number, ch: number, cl: number): void {
  // mul: Dekker's product of the high parts, then the cross terms
  const p = sh * xh;
  let t = SPLITTER * sh;
  const ah = t - (t - sh);
  const al = sh - ah;
  t = SPLITTER * xh;
  const bh = t - (t - xh);
  const bl = xh - bh;
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  const mh = p + (e + sh * xl + sl * xh);
  const ml = e + sh * xl + sl * xh - (mh - p);
  // add: two-sums of the highs and the lows, renormalised twice
  const s = mh + ch;
  const bb = s - mh;
  const e1 = mh - (s - bb) + (ch - bb);
  const u = ml + cl;
  const bb2 = u - ml;
  const e2 = ml - (u - bb2) + (cl - bb2);
  const s2 = s + (e1 + u);
  const e3 = e1 + u - (s2 - s);
  RH = s2 + (e3 + e2);
  RL = e3 + e2 - (RH - s2);
}

/** The double nearest the double-double. */
export function round(a: DD): number {
  return a[0] + a[1];
}

// Constants as sums of three doubles (160 bits), from mpmath.
const LN2 = [0.6931471805599453, 2.3190468138462996e-17, 5.707708438416212e-34] as const;

/** k * c for an integer k of at most 2**20 and c a three-double constant, to about 150 bits. */
export function timesConstant(k: number, c: readonly [number, number, number]): DD {
  return add(add(twoProd(k, c[0]), twoProd(k, c[1])), [k * c[2], 0]);
}

/** 1/n! for n = 0 … 30, as double-doubles. */
export const INVERSE_FACTORIALS: DD[] = (() => {
  const out: DD[] = [[1, 0]];
  for (let n = 1; n <= 30; n++) out.push(div(out[n - 1], [n, 0]));
  return out;
})();

/** 1/(2k+1) for k = 0 … 30. */
const INVERSE_ODDS: DD[] = Array.from({ length: 31 }, (_, k) => div([1, 0], [2 * k + 1, 0]));

/** exp(x) - 1 for |x| <= 2**-10 by its Taylor series (terms to x**9/9!, below 2**-107). */
function expm1Small(x: DD): DD {
  let [sh, sl] = INVERSE_FACTORIALS[9];
  for (let n = 8; n >= 1; n--) {
    const c = INVERSE_FACTORIALS[n];
    mulAddInto(sh, sl, x[0], x[1], c[0], c[1]);
    sh = RH;
    sl = RL;
  }
  return mul([sh, sl], x);
}

/**
 * exp of a double-double: x = k ln2 + r, exp(r) = (exp(r / 2**10))**(2**10), squared in the
 * form e -> e (2 + e) of exp - 1 so that no bit is lost near 1. Finite results only
 * (|x| < 708), the callers check.
 */
function expDD(x: DD): DD {
  const k = Math.round(x[0] / LN2[0]);
  const r = add(x, neg(timesConstant(k, LN2)));
  let [eh, el] = expm1Small([r[0] / 1024, r[1] / 1024]);
  for (let i = 0; i < 10; i++) {
    // e * (2 + e): add([2, 0], e), then mul(e, that), as scalars
    const s = 2 + eh;
    const bb = s - 2;
    const e1 = 2 - (s - bb) + (eh - bb);
    const s2 = s + (e1 + el);
    const e3 = e1 + el - (s2 - s);
    const ah2 = s2 + e3;
    const al2 = e3 - (ah2 - s2);
    const p = eh * ah2;
    let t = SPLITTER * eh;
    const xh = t - (t - eh);
    const xl = eh - xh;
    t = SPLITTER * ah2;
    const yh = t - (t - ah2);
    const yl = ah2 - yh;
    const err = xh * yh - p + xh * yl + xl * yh + xl * yl;
    const cross = err + eh * al2 + el * ah2;
    eh = p + cross;
    el = cross - (eh - p);
  }
  const y = add([1, 0], [eh, el]);
  const scale = 2 ** k;
  return [y[0] * scale, y[1] * scale];
}

/**
 * log of a positive finite double: x = m 2**e with m in [sqrt(1/2), sqrt(2)), log(m) = 2 atanh(s)
 * with s = (m - 1) / (m + 1), |s| <= 0.172, by its series to s**45 (below 2**-107 relative).
 */
function logDD(x: number): DD {
  let e = 0;
  if (x < 2 ** -1000) {
    x *= 2 ** 100;
    e = -100;
  }
  let shift = Math.floor(Math.log2(x));
  let m = x / 2 ** shift;
  // log2 may be off by one near powers of two: bring m into [1, 2) exactly.
  if (m >= 2) {
    m /= 2;
    shift++;
  } else if (m < 1) {
    m *= 2;
    shift--;
  }
  if (m > Math.SQRT2) {
    m /= 2;
    shift++;
  }
  e += shift;
  const s = div(twoSum(m, -1), twoSum(m, 1));
  const s2 = mul(s, s);
  let [sh, sl] = INVERSE_ODDS[22];
  for (let k = 21; k >= 0; k--) {
    const c = INVERSE_ODDS[k];
    mulAddInto(sh, sl, s2[0], s2[1], c[0], c[1]);
    sh = RH;
    sl = RL;
  }
  const logM = mul([sh, sl], [2 * s[0], 2 * s[1]]);
  return e === 0 ? logM : add(timesConstant(e, LN2), logM);
}

/** exp(x), correctly rounded. */
export function exp(x: number): number {
  if (!(Math.abs(x) < 708)) return Math.exp(x);
  return round(expDD([x, 0]));
}

/** log(x) (natural), correctly rounded; NaN below 0, -Infinity at 0 as Math.log. */
export function log(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  return round(logDD(x));
}

/**
 * x ** y as C's pow: exp(y log x) in double-double for x > 0, correctly rounded; other bases and
 * the special cases are Math.pow's, except the two where C differs (1 ** NaN, (-1) ** ±inf: 1).
 */
export function pow(x: number, y: number): number {
  if (x === 1 || y === 0 || (x === -1 && Math.abs(y) === Infinity)) return 1;
  // x * x is the correctly rounded square (the common case, and no double-double needed).
  if (y === 2) return x * x;
  // A negative base with an odd or even integer power: the sign, times |x| ** y (exact negation).
  if (x < 0 && x !== -Infinity && Number.isInteger(y) && Number.isFinite(y)) {
    const magnitude = pow(-x, y);
    return y % 2 === 0 ? magnitude : -magnitude;
  }
  if (!(x > 0) || x === Infinity || !Number.isFinite(y)) return Math.pow(x, y);
  // sqrt is correctly rounded, and so equals the correctly rounded x ** 0.5.
  if (y === 0.5) return Math.sqrt(x);
  if (Number.isInteger(y) && Math.abs(y) <= 1024) {
    const r = powInteger(x, y);
    if (r !== null) return r;
  }
  const t = mul(logDD(x), [y, 0]);
  if (!(Math.abs(t[0]) < 708)) return Math.pow(x, y);
  return round(expDD(t));
}

/**
 * x ** n for an integer n by squaring in double-double (about 100 bits, so rounding once is
 * correct), with no arrays: 20 times faster than exp(n log x). Null where an intermediate leaves
 * the range where Dekker's products are exact (the general path answers).
 */
function powInteger(x: number, n: number): number | null {
  let k = Math.abs(n);
  let rh = 1;
  let rl = 0;
  let bh = x;
  let bl = 0;
  const SAFE = 2 ** 480;
  while (k > 0) {
    if (k & 1) {
      const p = rh * bh;
      let t = SPLITTER * rh;
      const ah = t - (t - rh);
      const al = rh - ah;
      t = SPLITTER * bh;
      const hh = t - (t - bh);
      const hl = bh - hh;
      const e = ah * hh - p + ah * hl + al * hh + al * hl + rh * bl + rl * bh;
      rh = p + e;
      rl = e - (rh - p);
      if (!(Math.abs(rh) < SAFE && Math.abs(rh) > 1 / SAFE)) return null;
    }
    k = Math.floor(k / 2);
    if (k > 0) {
      const p = bh * bh;
      const t = SPLITTER * bh;
      const ah = t - (t - bh);
      const al = bh - ah;
      const e = ah * ah - p + 2 * ah * al + al * al + 2 * bh * bl;
      bh = p + e;
      bl = e - (bh - p);
      if (!(Math.abs(bh) < SAFE && Math.abs(bh) > 1 / SAFE)) return null;
    }
  }
  return n > 0 ? rh + rl : round(div([1, 0], [rh, rl]));
}
