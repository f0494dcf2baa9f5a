// PyTorch's CPU generator: mt19937 seeded as torch.manual_seed does, and the same transforms from
// 32/64-bit draws to uniform, normal and integer samples, so seeded results equal PyTorch's.
import { currentSessionState } from './session-state.js';

const N = 624;
const M = 397;

export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private index = N;
  /** Box-Muller's second value, cached between scalar normal draws (as PyTorch does). */
  nextDoubleNormal: number | null = null;

  constructor(seed: number) {
    this.seed(seed);
  }

  seed(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i in uint32 arithmetic without losing precision
      mt[i] = ((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i;
    }
    this.index = N;
    this.nextDoubleNormal = null;
  }

  /**
   * init_by_array (MT2002): seeding from 32-bit words, as CPython's random.seed does with an
   * int's words (least significant first). Products wrap mod 2**32 through Math.imul.
   */
  seedByArray(key: ArrayLike<number>): void {
    this.seed(19650218);
    const mt = this.mt;
    const length = Math.max(key.length, 1);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + (key[j] ?? 0) + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    // MSB set: the state is never all zeros.
    mt[0] = 0x80000000;
  }

  /** The 624 state words and the position of the next draw (CPython's random.getstate()). */
  getState(): { words: Uint32Array; index: number } {
    return { words: this.mt.slice(), index: this.index };
  }

  /** Restores what getState gave; `index` from 0 to 624 (624: twist before the next draw). */
  setState(words: ArrayLike<number>, index: number): void {
    for (let i = 0; i < N; i++) this.mt[i] = words[i];
    this.index = index;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      let v = mt[(i + M) % N] ^ (y >>> 1);
      if (y & 1) v ^= 0x9908b0df;
      mt[i] = v;
    }
    this.index = 0;
  }

  /** One 32-bit draw (generator->random()). */
  random(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** genrand_res53: a double in [0, 1) from 27 bits of one draw and 26 of the next (CPython's random()). */
  res53(): number {
    const a = this.random() >>> 5;
    const b = this.random() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A 64-bit draw (generator->random64()) as [hi, lo]. */
  random64(): [number, number] {
    const hi = this.random();
    const lo = this.random();
    return [hi, lo];
  }

  /** uniform [0,1) for float32: 24 random bits. */
  uniformFloat(): number {
    return (this.random() & 0xffffff) / 16777216;
  }

  /** uniform [0,1) for float64: 53 random bits of a 64-bit draw. */
  uniformDouble(): number {
    const [hi, lo] = this.random64();
    // low 53 bits: 21 bits of hi, all 32 of lo
    return ((hi & 0x1fffff) * 4294967296 + lo) / 9007199254740992;
  }

  /** at::normal_distribution<double>: Box-Muller on two uniform doubles, caching the sine half. */
  normalDouble(): number {
    if (this.nextDoubleNormal != null) {
      const v = this.nextDoubleNormal;
      this.nextDoubleNormal = null;
      return v;
    }
    const u1 = this.uniformDouble();
    const u2 = this.uniformDouble();
    const r = Math.sqrt(-2 * Math.log1p(-u2));
    const theta = 2 * Math.PI * u1;
    this.nextDoubleNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

/** PyTorch's default seed, used until manual_seed is called. */
export const DEFAULT_SEED = 67280421310721;

/** A seed as PyTorch keeps it: its uint64 value (a negative one wraps), a number where exact. */
export type Seed = number | bigint;
function uint64(seed: Seed): Seed {
  const u = BigInt.asUintN(64, BigInt(seed));
  return u <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(u) : u;
}
/** mt19937 takes the low 32 bits of the seed. */
const low32 = (seed: Seed) => Number(BigInt.asUintN(32, BigInt(seed)));

// The generator belongs to the current Python session (session-state.ts), made on first use.
export function manualSeed(seed: Seed): void {
  const state = currentSessionState();
  state.initialSeed = uint64(seed);
  state.generator = new MT19937(low32(seed));
}
export function getInitialSeed(): Seed {
  return currentSessionState().initialSeed ?? DEFAULT_SEED;
}
export function defaultGenerator(): MT19937 {
  const state = currentSessionState();
  return (state.generator ??= new MT19937(low32(DEFAULT_SEED)));
}

/** A torch.Generator of a program's own: its stream, apart from the session's default one. */
export class Generator {
  readonly mt = new MT19937(low32(DEFAULT_SEED));
  initialSeed: Seed = DEFAULT_SEED;
  manualSeed(seed: Seed): void {
    this.initialSeed = uint64(seed);
    this.mt.seed(low32(seed));
  }
}

/** torch.rand: float32 uses 24-bit draws, float64 53-bit draws. */
export function uniformSamples(
  n: number,
  double: boolean,
  low = 0,
  high = 1,
  generator = defaultGenerator(),
): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = double ? generator.uniformDouble() : generator.uniformFloat();
    out[i] = u * (high - low) + low;
  }
  return out;
}

/**
 * torch.randn / normal_: 16 or more contiguous values use the vectorised fill (uniforms first, then
 * Box-Muller over blocks of 16, the tail block recomputed); fewer use scalar normal draws.
 */
export function normalSamples(
  n: number,
  double: boolean,
  mean = 0,
  std = 1,
  generator = defaultGenerator(),
): Float64Array {
  const out = new Float64Array(n);
  if (n >= 16) {
    const uniform = () => (double ? generator.uniformDouble() : generator.uniformFloat());
    const f = double ? (x: number) => x : Math.fround;
    for (let i = 0; i < n; i++) out[i] = uniform();
    const fill16 = (at: number) => {
      for (let j = 0; j < 8; j++) {
        const u1 = 1 - out[at + j];
        const u2 = out[at + j + 8];
        const radius = f(Math.sqrt(-2 * Math.log(u1)));
        const theta = f(2 * Math.PI * u2);
        out[at + j] = radius * Math.cos(theta) * std + mean;
        out[at + j + 8] = radius * Math.sin(theta) * std + mean;
      }
    };
    for (let i = 0; i + 16 <= n; i += 16) fill16(i);
    if (n % 16 !== 0) {
      const at = n - 16;
      for (let i = 0; i < 16; i++) out[at + i] = uniform();
      fill16(at);
    }
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = generator.normalDouble() * std + mean;
  return out;
}

/** torch.randint(low, high): from + draw % range, 64-bit draws for ranges of 2^32 or more. */
export function randintSamples(
  n: number,
  low: number,
  high: number,
  generator = defaultGenerator(),
): Float64Array {
  const range = high - low;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (range >= 4294967296) {
      const [hi, lo] = generator.random64();
      out[i] = low + Number((BigInt(hi) * 4294967296n + BigInt(lo)) % BigInt(range));
    } else out[i] = low + (generator.random() % range);
  }
  return out;
}

/** torch.randperm(n) on the CPU: Fisher-Yates with 32-bit draws. */
export function randpermSamples(n: number, generator = defaultGenerator()): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = generator.random() % (n - i);
    const tmp = out[i];
    out[i] = out[z + i];
    out[z + i] = tmp;
  }
  return out;
}
