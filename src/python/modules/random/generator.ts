// One random.Random's state, as CPython 3.11's _random.Random keeps it: a Mersenne Twister drawn
// 32 bits at a time (random(), getrandbits(), _randbelow()), and gauss()'s cached second value.
import { MT19937 } from '../../../core/random.js';
import { None, type PyValue } from '../../objects.js';

const TWO_32 = 4294967296;

/** The number of bits of a positive integer (int.bit_length). */
export function bitLength(n: number | bigint): number {
  if (typeof n === 'bigint') return n === 0n ? 0 : n.toString(2).length;
  if (n < TWO_32) return 32 - Math.clz32(n);
  return 32 + bitLength(Math.floor(n / TWO_32));
}

export class RandomGenerator {
  private readonly mt = new MT19937(0);
  /** gauss()'s second value, returned by its next call (Lib/random.py's gauss_next). */
  gaussNext: PyValue = None;

  /** init_by_array with the seed's 32-bit words; gauss()'s cached value is dropped. */
  seedWords(words: ArrayLike<number>): void {
    this.mt.seedByArray(words);
    this.gaussNext = None;
  }

  /** random(): 53 random bits, the top 27 of one draw and 26 of the next. */
  random(): number {
    return this.mt.res53();
  }

  /** getrandbits(k) for k >= 0: 32-bit draws filling the int from its least significant word. */
  getrandbits(k: number): number | bigint {
    if (k === 0) return 0;
    if (k <= 32) return this.mt.random() >>> (32 - k);
    if (k <= 53) {
      const low = this.mt.random();
      return (this.mt.random() >>> (64 - k)) * TWO_32 + low;
    }
    const words: string[] = [];
    for (let left = k; left > 0; left -= 32) {
      const word = this.mt.random();
      words.push((left < 32 ? word >>> (32 - left) : word).toString(16).padStart(8, '0'));
    }
    return BigInt('0x' + words.reverse().join(''));
  }

  /** _randbelow_with_getrandbits(n) for n > 0: k = n.bit_length() bits until below n. */
  randbelow(n: number | bigint): number | bigint {
    const k = bitLength(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** _randbelow for a JS number n > 0 (lengths, counts): the same draws, a number back. */
  randbelowNumber(n: number): number {
    return Number(this.randbelow(n));
  }

  /** The 624 state words and the next draw's position. */
  getState(): { words: Uint32Array; index: number } {
    return this.mt.getState();
  }

  setState(words: ArrayLike<number>, index: number): void {
    this.mt.setState(words, index);
  }
}
