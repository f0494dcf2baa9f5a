// What the tests of core's SIMD loops (wasm-arithmetic, wasm-total, the SIMD heap) compare with:
// float32 values of every kind, their bits, and the JS loop's total.

/** `n` float32 values from `seed`: zeros, infinities, subnormals, NaN and magnitudes from 1e-6 to 1e36. */
export const values = (n: number, seed: number): Float32Array =>
  Float32Array.from({ length: n }, (_, i) => {
    const k = i + seed;
    if (k % 29 === 0) return 0;
    if (k % 31 === 0) return k % 2 ? Infinity : -1e-40; // infinities and subnormals
    if (k % 37 === 0) return NaN;
    return Math.fround(Math.sin(k * 0.37) * 10 ** ((k % 13) - 6) * (k % 17 === 0 ? 1e30 : 1));
  });

/** Bits, so NaN equals NaN and 0 differs from -0. */
export const bits = (v: Float32Array): number[] =>
  Array.from(new Uint32Array(v.buffer, v.byteOffset, v.length));

/** host.ts's loop: eight partial sums, the rest into the first, combined pairwise. */
export function loopTotal(v: Float32Array, start = 0, count = v.length - start): number {
  const s = [0, 0, 0, 0, 0, 0, 0, 0];
  let i = start;
  for (; i + 7 < start + count; i += 8) for (let k = 0; k < 8; k++) s[k] += v[i + k];
  for (; i < start + count; i++) s[0] += v[i];
  return s[0] + s[1] + (s[2] + s[3]) + (s[4] + s[5] + (s[6] + s[7]));
}
