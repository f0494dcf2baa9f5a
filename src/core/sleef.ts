// float32 exp and row sums as PyTorch's CPU kernels compute them on x86 (AVX2): Sleef's expf_u10
// with fused multiply-adds, and Vectorized<float>'s eight-lane reductions. Bit for bit: a
// correctly rounded exp differs from Sleef's in about one value in ten, and a sum in another order
// in its last bit, which a softmax's printed probabilities (or their sum, 1.0000 or 1.) show.

const f32 = Math.fround;

/** a * b + c rounded once to float32, as _mm256_fmadd_ps: the product is exact in a double. */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  // s + err === p + c exactly (Knuth's two-sum)
  const back = s - p;
  const err = p - (s - back) + (c - back);
  const r = f32(s);
  if (err === 0 || r === s) return r;
  // s sits exactly halfway between two floats only if err could tip it: then err decides.
  const other = f32(s + (s - r));
  if (other === r || s - r !== other - s) return r;
  return s - r > 0 === err > 0 ? other : r;
}

const R_LN2 = f32(1.4426950408889634); // 1/ln 2
const L2U = f32(0.693145751953125);
const L2L = f32(1.428606765330187045e-6);
const POLY = [
  0.000198527617612853646278381, 0.00139304355252534151077271, 0.00833336077630519866943359,
  0.0416664853692054748535156, 0.166666671633720397949219, 0.5,
].map(f32);

/** Round half to even, as _mm256_cvtps_epi32 in the default rounding mode. */
function roundEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Sleef_expf8_u10 for one float32 value: q = round(d / ln 2), the remainder's polynomial, ldexp. */
export function expf(d: number): number {
  if (d < -104) return 0;
  if (d > 100) return Infinity;
  if (Number.isNaN(d)) return NaN;
  const q = roundEven(f32(d * R_LN2));
  let s = fmaf(q, -L2U, d);
  s = fmaf(q, -L2L, s);
  let u = POLY[0];
  for (let i = 1; i < POLY.length; i++) u = fmaf(u, s, POLY[i]);
  u = f32(1 + fmaf(f32(s * s), u, s));
  // ldexp2: two multiplications by powers of two, so that no intermediate overflows
  const half = q >> 1;
  return f32(f32(u * 2 ** half) * 2 ** (q - half));
}

const LANES = 8;

/**
 * The sum of float32 values as Vectorized<float>'s reduce_all adds them: eight lanes over whole
 * chunks (the tail added to the first lanes), then lanes folded 4, 2 and 1 apart; fewer than eight
 * values, one after the other.
 */
export function laneSum(values: ArrayLike<number>, from: number, to: number): number {
  const n = to - from;
  if (n < LANES) {
    let s = n > 0 ? values[from] : 0;
    for (let i = from + 1; i < to; i++) s = f32(s + values[i]);
    return s;
  }
  const acc = new Array<number>(LANES);
  for (let k = 0; k < LANES; k++) acc[k] = values[from + k];
  let i = from + LANES;
  for (; i + LANES <= to; i += LANES) for (let k = 0; k < LANES; k++) acc[k] = f32(acc[k] + values[i + k]);
  for (let k = 0; i + k < to; k++) acc[k] = f32(acc[k] + values[i + k]);
  for (let apart = LANES / 2; apart >= 1; apart /= 2)
    for (let k = 0; k < apart; k++) acc[k] = f32(acc[k] + acc[k + apart]);
  return acc[0];
}
