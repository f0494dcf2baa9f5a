// Correctly rounded sin, cos and acos in double-double (crlibm.ts's arithmetic): the doubles glibc
// returns, for math and random (loaded with them; the interpreter's ** needs only crlibm.ts).
import {
  add,
  type DD,
  INVERSE_FACTORIALS,
  mul,
  neg,
  quickTwoSum,
  round,
  timesConstant,
  twoProd,
} from './crlibm.js';

const PI_2 = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33] as const;
const PI: DD = [3.141592653589793, 1.2246467991473532e-16];
const HALF_PI: DD = [PI_2[0], PI_2[1]];

/** sin and cos of |r| <= pi/4 by their Taylor series (to r**29, below 2**-110). */
function sinCosReduced(r: DD): [DD, DD] {
  const r2 = mul(r, r);
  let sin: DD = INVERSE_FACTORIALS[29];
  for (let n = 27; n >= 1; n -= 2) {
    sin = add(mul(sin, r2), n % 4 === 1 ? INVERSE_FACTORIALS[n] : neg(INVERSE_FACTORIALS[n]));
  }
  let cos: DD = INVERSE_FACTORIALS[28];
  for (let n = 26; n >= 0; n -= 2) {
    cos = add(mul(cos, r2), n % 4 === 0 ? INVERSE_FACTORIALS[n] : neg(INVERSE_FACTORIALS[n]));
  }
  return [mul(sin, r), cos];
}

/** [sin x, cos x] as double-doubles for |x| <= 2**20: x = k pi/2 + r, then the quadrant. */
function sinCosDD(x: number): [DD, DD] {
  const k = Math.round(x / PI_2[0]);
  const r = add([x, 0], neg(timesConstant(k, PI_2)));
  const [s, c] = sinCosReduced(r);
  switch (((k % 4) + 4) % 4) {
    case 0:
      return [s, c];
    case 1:
      return [c, neg(s)];
    case 2:
      return [neg(s), neg(c)];
    default:
      return [neg(c), s];
  }
}

/** The largest argument sinCos reduces exactly; beyond it Math's functions answer. */
const TRIG_LIMIT = 2 ** 20;

/** [sin(x), cos(x)], each correctly rounded (one argument reduction for both). */
export function sinCos(x: number): [number, number] {
  if (!(Math.abs(x) <= TRIG_LIMIT)) return [Math.sin(x), Math.cos(x)];
  if (x === 0) return [x, 1];
  const [s, c] = sinCosDD(x);
  return [round(s), round(c)];
}

export function sin(x: number): number {
  return sinCos(x)[0];
}

export function cos(x: number): number {
  return sinCos(x)[1];
}

/** sqrt of a double as a double-double: one Newton step on the correctly rounded sqrt. */
function sqrtDD(x: number): DD {
  const s = Math.sqrt(x);
  if (s === 0) return [0, 0];
  const [p, e] = twoProd(s, s);
  return quickTwoSum(s, (x - p - e) / (2 * s));
}

/** asin of |s| <= 0.5 given as a double-double: one Newton step on sin from Math.asin. */
function asinDD(s: DD): DD {
  const z = Math.asin(s[0]);
  const [sinZ, cosZ] = sinCosDD(z);
  const residual = add(sinZ, neg(s));
  return add([z, 0], [-residual[0] / round(cosZ), 0]);
}

/** acos(x) for |x| <= 1, correctly rounded; NaN outside, as Math.acos. */
export function acos(x: number): number {
  if (!(Math.abs(x) <= 1)) return Math.acos(x);
  if (Math.abs(x) <= 0.5) return round(add(HALF_PI, neg(asinDD([x, 0]))));
  // Near ±1: acos(x) = 2 asin(sqrt((1 - |x|) / 2)), 1 - |x| exact (Sterbenz).
  const a = asinDD(sqrtDD((1 - Math.abs(x)) / 2));
  const twice: DD = [2 * a[0], 2 * a[1]];
  return round(x > 0 ? twice : add(PI, neg(twice)));
}
