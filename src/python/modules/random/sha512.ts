// SHA-512 (FIPS 180-4), synchronous and dependency-free: random.seed(str) hashes its seed with it,
// in a page or a Worker alike (Web Crypto's digest is async only). Seeds are short, so 64-bit
// words are BigInts, for clarity rather than speed.

const MASK = (1n << 64n) - 1n;

/** floor(n ** (1 / k)) for a BigInt n >= 0 (Newton's method). */
function integerRoot(n: bigint, k: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << (BigInt(n.toString(2).length) / k + 1n);
  for (;;) {
    const y = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (y >= x) return x;
    x = y;
  }
}

function firstPrimes(count: number): bigint[] {
  const primes: bigint[] = [];
  for (let n = 2n; primes.length < count; n++) if (primes.every((p) => n % p !== 0n)) primes.push(n);
  return primes;
}

/** The standard's constants: fractional bits of square roots (H0) and cube roots (K) of primes. */
let constants: { h0: bigint[]; k: bigint[] } | undefined;
function sha512Constants(): { h0: bigint[]; k: bigint[] } {
  if (constants) return constants;
  const primes = firstPrimes(80);
  constants = {
    h0: primes.slice(0, 8).map((p) => integerRoot(p << 128n, 2n) & MASK),
    k: primes.map((p) => integerRoot(p << 192n, 3n) & MASK),
  };
  return constants;
}

function rotr(x: bigint, n: bigint): bigint {
  return ((x >> n) | (x << (64n - n))) & MASK;
}

function compress(h: bigint[], block: DataView, k: bigint[]): void {
  const w: bigint[] = [];
  for (let t = 0; t < 16; t++) w.push(block.getBigUint64(t * 8));
  for (let t = 16; t < 80; t++) {
    const s0 = rotr(w[t - 15], 1n) ^ rotr(w[t - 15], 8n) ^ (w[t - 15] >> 7n);
    const s1 = rotr(w[t - 2], 19n) ^ rotr(w[t - 2], 61n) ^ (w[t - 2] >> 6n);
    w.push((w[t - 16] + s0 + w[t - 7] + s1) & MASK);
  }
  let [a, b, c, d, e, f, g, hh] = h;
  for (let t = 0; t < 80; t++) {
    const s1 = rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n);
    const ch = (e & f) ^ (~e & MASK & g);
    const t1 = (hh + s1 + ch + k[t] + w[t]) & MASK;
    const s0 = rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n);
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (s0 + maj) & MASK;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) & MASK;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) & MASK;
  }
  [a, b, c, d, e, f, g, hh].forEach((x, i) => (h[i] = (h[i] + x) & MASK));
}

/** The 64-byte SHA-512 digest of `message`. */
export function sha512(message: Uint8Array): Uint8Array {
  const { h0, k } = sha512Constants();
  // Padding: a 1 bit, zeros, then the length in bits as a 128-bit big-endian number.
  const length = Math.ceil((message.length + 17) / 128) * 128;
  const padded = new Uint8Array(length);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setBigUint64(length - 8, BigInt(message.length) * 8n);
  const h = [...h0];
  for (let at = 0; at < length; at += 128) compress(h, new DataView(padded.buffer, at, 128), k);
  const digest = new Uint8Array(64);
  const out = new DataView(digest.buffer);
  h.forEach((x, i) => out.setBigUint64(i * 8, x));
  return digest;
}
