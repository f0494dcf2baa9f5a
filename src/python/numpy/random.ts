// numpy's legacy RandomState: MT19937 seeded like `np.random.seed(int)`, 53-bit doubles, the
// polar Box–Muller gaussian with its cached second value, and masked rejection for randint, so
// seeded lessons draw the very numbers numpy draws.

import { NumpyError } from './ndarray.js';

const N = 624;
const M = 397;

export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private readonly state = new Int32Array(N);
  private readonly tempered = new Int32Array(N);
  private index = N + 1;

  /** init_genrand: the seeding `RandomState.seed(int)` uses. */
  seed(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i, mod 2**32, without losing bits to float precision.
      mt[i] =
        (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
    }
    this.state.set(new Int32Array(mt.buffer));
    this.index = N;
  }

  /** init_by_array: seeding from a sequence of 32-bit words. */
  seedArray(key: number[]): void {
    this.seed(19650218);
    const mt = this.mt;
    let i = 1;
    let j = 0;
    const len = key.length;
    for (let k = Math.max(N, len); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] =
        ((mt[i] ^ (((((prev & 0xffff0000) >>> 16) * 1664525) << 16) + (prev & 0x0000ffff) * 1664525)) +
          key[j] +
          j) >>>
        0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] =
        ((mt[i] ^ (((((prev & 0xffff0000) >>> 16) * 1566083941) << 16) + (prev & 0x0000ffff) * 1566083941)) -
          i) >>>
        0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.state.set(new Int32Array(mt.buffer));
    this.index = N;
  }

  private twist(): void {
    // Signed 32-bit arithmetic throughout keeps every value a small integer for the JIT.
    const mt = this.mt;
    const state = this.state;
    const MATRIX_A = 0x9908b0df | 0;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (state[kk] & 0x80000000) | (state[kk + 1] & 0x7fffffff);
      state[kk] = state[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (state[kk] & 0x80000000) | (state[kk + 1] & 0x7fffffff);
      state[kk] = state[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (state[N - 1] & 0x80000000) | (state[0] & 0x7fffffff);
    state[N - 1] = state[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    const out = this.tempered;
    const B = 0x9d2c5680 | 0;
    const C = 0xefc60000 | 0;
    for (let i = 0; i < N; i++) {
      let t = state[i];
      t ^= t >>> 11;
      t ^= (t << 7) & B;
      t ^= (t << 15) & C;
      t ^= t >>> 18;
      out[i] = t;
    }
    mt.set(state);
    this.index = 0;
  }

  /** The next output as a signed 32-bit integer (same bits as numpy's uint32). */
  private nextInt32(): number {
    if (this.index >= N) {
      if (this.index > N) this.seed(5489);
      this.twist();
    }
    return this.tempered[this.index++];
  }

  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /** A double in [0, 1) from 53 random bits. */
  nextDouble(): number {
    const a = this.nextInt32() >>> 5;
    const b = this.nextInt32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}

export class RandomState {
  private readonly mt = new MT19937();
  private hasGauss = false;
  private gauss = 0;

  constructor(seed?: number | number[]) {
    this.seed(seed);
  }

  /** `np.random.seed(s)`: an int in [0, 2**32), a sequence of them, or None for fresh entropy. */
  seed(seed?: number | number[] | null): void {
    if (seed === undefined || seed === null) {
      const words = new Uint32Array(N);
      if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(words);
      else for (let i = 0; i < N; i++) words[i] = Math.floor(Math.random() * 2 ** 32);
      this.mt.seedArray(Array.from(words));
    } else if (Array.isArray(seed)) {
      if (seed.length === 0) throw new NumpyError('ValueError', 'Seed must be non-empty');
      for (const s of seed) {
        if (!Number.isInteger(s) || s < 0 || s > 0xffffffff)
          throw new NumpyError('ValueError', 'Seed must be between 0 and 2**32 - 1');
      }
      this.mt.seedArray(seed);
    } else {
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
        throw new NumpyError('ValueError', 'Seed must be between 0 and 2**32 - 1');
      this.mt.seed(seed);
    }
    this.hasGauss = false;
    this.gauss = 0;
  }

  randomSample(): number {
    return this.mt.nextDouble();
  }

  /** The legacy polar method: two gaussians per accepted pair, the second kept for the next call. */
  gaussian(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.mt.nextDouble() - 1;
      x2 = 2 * this.mt.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  fillRandom(out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.mt.nextDouble();
  }

  fillNormal(out: Float64Array, loc: number, scale: number): void {
    const n = out.length;
    let i = 0;
    if (n > 0 && this.hasGauss) {
      out[i++] = loc + scale * this.gauss;
      this.hasGauss = false;
    }
    const mt = this.mt;
    // gaussian() unrolled: each accepted pair gives two values, the second one first as numpy does.
    while (i < n) {
      let x1: number;
      let x2: number;
      let r2: number;
      do {
        x1 = 2 * mt.nextDouble() - 1;
        x2 = 2 * mt.nextDouble() - 1;
        r2 = x1 * x1 + x2 * x2;
      } while (r2 >= 1 || r2 === 0);
      const f = Math.sqrt((-2 * Math.log(r2)) / r2);
      out[i++] = loc + scale * (f * x2);
      if (i < n) out[i++] = loc + scale * (f * x1);
      else {
        this.gauss = f * x1;
        this.hasGauss = true;
      }
    }
  }

  fillUniform(out: Float64Array, low: number, high: number): void {
    const range = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + range * this.mt.nextDouble();
  }

  /** Integers in [low, high) by masked rejection sampling, as the legacy `randint` does. */
  fillInt(out: Float64Array, low: number, high: number): void {
    if (high <= low) throw new NumpyError('ValueError', 'low >= high');
    const rng = high - low - 1;
    if (rng === 0) {
      out.fill(low);
      return;
    }
    if (rng <= 0xffffffff) {
      let mask = rng;
      mask |= mask >>> 1;
      mask |= mask >>> 2;
      mask |= mask >>> 4;
      mask |= mask >>> 8;
      mask |= mask >>> 16;
      mask >>>= 0;
      for (let i = 0; i < out.length; i++) {
        if (rng === 0xffffffff) {
          out[i] = low + this.mt.nextUint32();
          continue;
        }
        let v: number;
        do v = (this.mt.nextUint32() & mask) >>> 0;
        while (v > rng);
        out[i] = low + v;
      }
      return;
    }
    const brng = BigInt(rng);
    let mask = brng;
    for (const s of [1n, 2n, 4n, 8n, 16n, 32n]) mask |= mask >> s;
    for (let i = 0; i < out.length; i++) {
      let v: bigint;
      do {
        const hi = BigInt(this.mt.nextUint32());
        const lo = BigInt(this.mt.nextUint32());
        v = ((hi << 32n) | lo) & mask;
      } while (v > brng);
      out[i] = low + Number(v);
    }
  }

  /** A random permutation of 0..n-1 (legacy Fisher–Yates from the end, as `shuffle` does). */
  permutation(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffleInPlace(out);
    return out;
  }

  shuffleInPlace(v: Float64Array): void {
    for (let i = v.length - 1; i > 0; i--) {
      const j = this.boundedInt(i);
      const t = v[i];
      v[i] = v[j];
      v[j] = t;
    }
  }

  /** An integer in [0, max] (inclusive), masked rejection. */
  boundedInt(max: number): number {
    const out = new Float64Array(1);
    this.fillInt(out, 0, max + 1);
    return out[0];
  }
}
