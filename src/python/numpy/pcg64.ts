// numpy's modern generator, `np.random.default_rng(seed)`: SeedSequence seeding, the PCG64 bit
// generator (128-bit LCG, XSL-RR output), and Generator's random / ziggurat normal / Lemire
// integers, so seeded code draws numpy's numbers.

import { NumpyError } from './ndarray.js';

const MASK32 = 0xffffffff;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;

/** numpy.random.SeedSequence: hashes an int seed into a pool of four 32-bit words. */
export class SeedSequence {
  readonly pool = new Uint32Array(4);

  constructor(entropy: bigint) {
    if (entropy < 0n) throw new NumpyError('ValueError', 'expected non-negative integer');
    const words: number[] = [];
    let e = entropy;
    do {
      words.push(Number(e & BigInt(MASK32)));
      e >>= 32n;
    } while (e > 0n);
    this.mixEntropy(words);
  }

  private mixEntropy(entropy: number[]): void {
    let hashConst = INIT_A;
    const hashmix = (value: number): number => {
      value = (value ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_A) >>> 0;
      value = Math.imul(value, hashConst) >>> 0;
      return (value ^ (value >>> 16)) >>> 0;
    };
    const mix = (x: number, y: number): number => {
      let r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
      r = (r ^ (r >>> 16)) >>> 0;
      return r;
    };
    const pool = this.pool;
    for (let i = 0; i < pool.length; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
    for (let src = 0; src < pool.length; src++) {
      for (let dst = 0; dst < pool.length; dst++) {
        if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
      }
    }
    for (let src = pool.length; src < entropy.length; src++) {
      for (let dst = 0; dst < pool.length; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
    }
  }

  /** `generate_state(n, np.uint64)`: n 64-bit words (pairs of 32-bit words, low first). */
  generateState64(n: number): bigint[] {
    const words = new Uint32Array(n * 2);
    let hashConst = INIT_B;
    for (let i = 0; i < words.length; i++) {
      let v = (this.pool[i % this.pool.length] ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_B) >>> 0;
      v = Math.imul(v, hashConst) >>> 0;
      words[i] = (v ^ (v >>> 16)) >>> 0;
    }
    const out: bigint[] = [];
    for (let i = 0; i < n; i++) out.push((BigInt(words[2 * i + 1]) << 32n) | BigInt(words[2 * i]));
    return out;
  }
}

const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
const PCG_MULT = 0x2360ed051fc65da44385df649fccf645n;

function limbs16(x: bigint): Float64Array {
  const out = new Float64Array(8);
  for (let i = 0; i < 8; i++) out[i] = Number((x >> BigInt(16 * i)) & 0xffffn);
  return out;
}

const MUL16 = limbs16(PCG_MULT);

/**
 * PCG64 with its 128-bit state in eight 16-bit limbs: every partial product stays exact in a
 * double, so a step costs a few dozen multiplications instead of BigInt arithmetic.
 */
export class PCG64 {
  private readonly s: Float64Array;
  private readonly inc: Float64Array;
  private readonly next = new Float64Array(8);
  private hasUint32 = false;
  private uinteger = 0;
  /** The last output's high and low 32 bits. */
  private hi = 0;
  private lo = 0;

  constructor(seed: bigint) {
    const [s0, s1, i0, i1] = new SeedSequence(seed).generateState64(4);
    const initState = (s0 << 64n) | s1;
    const initSeq = (i0 << 64n) | i1;
    const inc = ((initSeq << 1n) | 1n) & MASK128;
    let state = (0n * PCG_MULT + inc) & MASK128;
    state = (state + initState) & MASK128;
    state = (state * PCG_MULT + inc) & MASK128;
    this.s = limbs16(state);
    this.inc = limbs16(inc);
  }

  /** Advances the LCG and leaves the XSL-RR output in hi/lo. */
  private advance(): void {
    const s = this.s;
    const out = this.next;
    const inc = this.inc;
    let carry = 0;
    for (let k = 0; k < 8; k++) {
      let acc = carry + inc[k];
      for (let i = 0; i <= k; i++) acc += s[i] * MUL16[k - i];
      const low = acc % 65536;
      out[k] = low;
      carry = (acc - low) / 65536;
    }
    s.set(out);
    let lo = ((s[0] ^ s[4]) | ((s[1] ^ s[5]) << 16)) >>> 0;
    let hi = ((s[2] ^ s[6]) | ((s[3] ^ s[7]) << 16)) >>> 0;
    let rot = s[7] >>> 10;
    if (rot >= 32) {
      const t = lo;
      lo = hi;
      hi = t;
      rot -= 32;
    }
    if (rot > 0) {
      const nlo = ((lo >>> rot) | (hi << (32 - rot))) >>> 0;
      hi = ((hi >>> rot) | (lo << (32 - rot))) >>> 0;
      lo = nlo;
    }
    this.hi = hi;
    this.lo = lo;
  }

  nextUint64(): bigint {
    this.advance();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  nextUint32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    this.advance();
    this.hasUint32 = true;
    this.uinteger = this.hi;
    return this.lo;
  }

  nextDouble(): number {
    this.advance();
    return (this.hi * 2097152 + (this.lo >>> 11)) / 9007199254740992;
  }

  /** The ziggurat's view of one output: layer index, sign bit, 52-bit magnitude, bit 8 of it. */
  nextZiggurat(out: { idx: number; sign: number; rabs: number; bit8: number }): void {
    this.advance();
    const lo = this.lo;
    out.idx = lo & 0xff;
    out.sign = (lo >>> 8) & 1;
    out.rabs = (this.hi & 0x1fffffff) * 8388608 + (lo >>> 9);
    out.bit8 = (lo >>> 17) & 1;
  }
}

// Ziggurat tables for the standard normal (256 layers, r = 3.6541528853610088), built as
// Marsaglia & Tsang build them, scaled to 52-bit integers as numpy's tables are.
const ZIG_R = 3.6541528853610088;
const ZIG_INV_R = 0.27366123732975828;
const ki = new Float64Array(256);
const wi = new Float64Array(256);
const fi = new Float64Array(256);
(() => {
  const m = 2 ** 52;
  // The layer area v for this r, exactly (r f(r) plus the tail integral), not its 12-digit rounding.
  const vn = 0.0049286732339746545;
  let dn = ZIG_R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  ki[0] = Math.floor((dn / q) * m);
  ki[1] = 0;
  wi[0] = q / m;
  wi[255] = dn / m;
  fi[0] = 1;
  fi[255] = Math.exp(-0.5 * dn * dn);
  for (let i = 254; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    ki[i + 1] = Math.floor((dn / tn) * m);
    tn = dn;
    fi[i] = Math.exp(-0.5 * dn * dn);
    wi[i] = dn / m;
  }
})();

/** numpy.random.Generator over PCG64. */
export class Generator {
  readonly bits: PCG64;

  constructor(seed: bigint) {
    this.bits = new PCG64(seed);
  }

  random(): number {
    return this.bits.nextDouble();
  }

  private readonly zig = { idx: 0, sign: 0, rabs: 0, bit8: 0 };

  standardNormal(): number {
    const bits = this.bits;
    const z = this.zig;
    for (;;) {
      bits.nextZiggurat(z);
      const idx = z.idx;
      const rabs = z.rabs;
      let x = rabs * wi[idx];
      if (z.sign) x = -x;
      if (rabs < ki[idx]) return x;
      if (idx === 0) {
        for (;;) {
          const xx = -ZIG_INV_R * Math.log1p(-bits.nextDouble());
          const yy = -Math.log1p(-bits.nextDouble());
          if (yy + yy > xx * xx) return z.bit8 ? -(ZIG_R + xx) : ZIG_R + xx;
        }
      }
      if ((fi[idx - 1] - fi[idx]) * bits.nextDouble() + fi[idx] < Math.exp(-0.5 * x * x)) return x;
    }
  }

  /** An integer in [low, high) by Lemire's method, as Generator.integers does. */
  integer(low: number, high: number): number {
    if (high <= low) throw new NumpyError('ValueError', 'low >= high');
    const rng = high - low - 1;
    if (rng === 0) return low;
    if (rng < 0xffffffff) {
      const excl = rng + 1;
      let m = BigInt(this.bits.nextUint32()) * BigInt(excl);
      let leftover = Number(m & 0xffffffffn);
      if (leftover < excl) {
        const threshold = (0xffffffff - rng) % excl;
        while (leftover < threshold) {
          m = BigInt(this.bits.nextUint32()) * BigInt(excl);
          leftover = Number(m & 0xffffffffn);
        }
      }
      return low + Number(m >> 32n);
    }
    if (rng === 0xffffffff) return low + this.bits.nextUint32();
    const excl = BigInt(rng) + 1n;
    let m = this.bits.nextUint64() * excl;
    let leftover = m & MASK64;
    if (leftover < excl) {
      const threshold = (MASK64 - BigInt(rng)) % excl;
      while (leftover < threshold) {
        m = this.bits.nextUint64() * excl;
        leftover = m & MASK64;
      }
    }
    return low + Number(m >> 64n);
  }
}
