// Sleef's float32 exp and Vectorized<float>'s lane sums against values PyTorch 1.13 computed on x86
// (torch.exp of float32 tensors; their bits recorded with struct).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expf, fmaf, laneSum } from './sleef.js';

const bits = (x: number) => new Uint32Array(new Float32Array([x]).buffer)[0];
const fromBits = (b: number) => new Float32Array(new Uint32Array([b]).buffer)[0];

// [x, torch.exp(x)] as float32 bits
const TORCH_EXP = [
  [0xc2cf0000, 0x00000001],
  [0xc2ae999a, 0x0084c38b],
  [0xc1a20000, 0x30dc9ef1],
  [0xc040522c, 0x3d4ae85a],
  [0xbf317218, 0x3f000000],
  [0xba83126f, 0x3f7fbe7f],
  [0x00000000, 0x3f800000],
  [0x389d4952, 0x3f800275],
  [0x3f000000, 0x3fd3094c],
  [0x3f800000, 0x402df854],
  [0x40135d8d, 0x411ffffe],
  [0x4124cccd, 0x46e84940],
  [0x4228b61a, 0x5de6ae2c],
  [0x42b10000, 0x7f4cdcc4],
  [0x42c90000, 0x7f800000],
];

describe('Sleef expf_u10 (AVX2)', () => {
  it('gives torch.exp’s bits, from the subnormals to overflow', () => {
    for (const [x, y] of TORCH_EXP)
      assert.equal(bits(expf(fromBits(x))).toString(16), y.toString(16), `exp(${fromBits(x)})`);
  });
  it('differs from a correctly rounded exp where PyTorch does: exp(1.6570065)', () => {
    // Math.exp rounded to float32 gives 0x40a7cb7f here; torch.exp (and Sleef) 0x40a7cb7e.
    const x = fromBits(0x3fd418ca);
    assert.equal(bits(Math.fround(Math.exp(x))).toString(16), '40a7cb7f');
    assert.equal(bits(expf(x)).toString(16), '40a7cb7e');
  });
  it('is 0 below -104 and NaN for NaN', () => {
    assert.equal(expf(-104.5), 0);
    assert.ok(Number.isNaN(expf(NaN)));
  });
});

describe('fmaf', () => {
  it('rounds a * b + c once', () => {
    const a = Math.fround(1 + 2 ** -12);
    // a * a = 1 + 2^-11 + 2^-24: two roundings (to float32 after the product) would lose 2^-24
    assert.equal(fmaf(a, a, -1), Math.fround(2 ** -11 + 2 ** -24));
    assert.notEqual(Math.fround(Math.fround(a * a) - 1), fmaf(a, a, -1));
  });
});

describe('laneSum', () => {
  it('adds fewer than eight values one after the other', () => {
    const v = new Float32Array([1e8, 1, -1e8, 1]);
    assert.equal(laneSum(v, 0, 4), Math.fround(Math.fround(Math.fround(1e8 + 1) - 1e8) + 1));
  });
  it('adds eight or more in lanes, then folds the lanes 4, 2 and 1 apart', () => {
    const v = new Float32Array([1e8, 1, 1, 1, -1e8, 1, 1, 1, 1]);
    // lanes 1e8 + 1 (the tail: lost), 1, 1, 1, -1e8, 1, 1, 1; folded: (0 + 2) + (2 + 2) = 6
    assert.equal(laneSum(v, 0, 9), 6);
    let sequential = 0;
    for (const x of v) sequential = Math.fround(sequential + x);
    assert.equal(sequential, 4);
  });
});
