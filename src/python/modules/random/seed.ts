// What random.seed(a) turns its argument into, as CPython 3.11 does: a non-negative int whose
// 32-bit words (least significant first) seed the twister by init_by_array.
import { sha512 } from './sha512.js';

const TWO_32 = 4294967296;
const MASK_64 = (1n << 64n) - 1n;
/** sys.hash_info.modulus: 2**61 - 1, the prime float hashes reduce by. */
const HASH_MODULUS = (1n << 61n) - 1n;
const HASH_INF = 314159n;

/** The 32-bit words of n >= 0, least significant first; 0 is one zero word. */
export function seedWords(n: number | bigint): number[] {
  if (typeof n === 'number') return n < TWO_32 ? [n] : [n % TWO_32, Math.floor(n / TWO_32)];
  const words: number[] = [];
  for (let rest = n; rest > 0n || words.length === 0; rest >>= 32n) words.push(Number(rest & 0xffffffffn));
  return words;
}

/** 624 words from the platform's secure source, as CPython seeds from urandom. */
export function entropyWords(): Uint32Array {
  const words = new Uint32Array(624);
  crypto.getRandomValues(words);
  return words;
}

/**
 * hash(x) of a float, cast to size_t as _random's seed casts it: the value as an exact fraction,
 * reduced modulo 2**61 - 1, its sign kept (±314159 for infinities). NaN hashes by identity in
 * CPython, so it seeds from entropy (undefined).
 */
export function floatSeed(x: number): bigint | undefined {
  if (Number.isNaN(x)) return undefined;
  let hash: bigint;
  if (!Number.isFinite(x)) hash = HASH_INF;
  else {
    // |x| = mantissa * 2**exponent with an integral mantissa; 2**-1 is 2**60 modulo 2**61 - 1.
    let mantissa = Math.abs(x);
    let exponent = 0;
    while (!Number.isInteger(mantissa)) {
      mantissa *= 2;
      exponent--;
    }
    const shift = BigInt(((exponent % 61) + 61) % 61);
    hash = ((BigInt(mantissa) % HASH_MODULUS) << shift) % HASH_MODULUS;
  }
  if (x < 0) hash = hash === 1n ? -2n : -hash; // -1 is CPython's error value, so hash(-1.0) is -2
  return hash & MASK_64;
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** seed(str) with version 2: int.from_bytes(a + sha512(a).digest()) of the UTF-8 bytes. */
export function stringSeedV2(s: string): bigint {
  const bytes = utf8(s);
  const all = new Uint8Array(bytes.length + 64);
  all.set(bytes);
  all.set(sha512(bytes), bytes.length);
  let hex = '0x0';
  for (const b of all) hex += b.toString(16).padStart(2, '0');
  return BigInt(hex);
}

/** seed(str) with version 1 (Python 2's string hash of the code points). */
export function stringSeedV1(s: string): bigint {
  const codes = [...s].map((c) => BigInt(c.codePointAt(0) ?? 0));
  let x = codes.length > 0 ? codes[0] << 7n : 0n;
  for (const c of codes) x = ((1000003n * x) ^ c) & MASK_64;
  return x ^ BigInt(codes.length);
}
