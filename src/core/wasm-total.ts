// The total of float32 values that lie in wasm memory (tfjs's, or the SIMD heap of our own that the
// JS cpu backend's values are copied into), added with wasm SIMD (two doubles per lane pair) by a
// 200-byte module that imports that memory: ~3× the JS loop's speed, and the same
// eight partial sums in the same order as host.ts's runTotal, so both give the same bits.
import { GET, I32_CONST, SimdModule, SET, TEE, leb, section, text } from './wasm-bytes.js';

// Opcodes (WebAssembly core + SIMD).
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00, 0x02]; // then the offset
const SWAP_HALVES = [SIMD, 0x0d, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
const PROMOTE_LOW = [SIMD, 0x5f];
const F64X2_ADD = [SIMD, 0xf0, 0x01];
const LANE = (i: number) => [SIMD, 0x21, i];
const F64_ADD = 0xa0;

// Locals: 0 ptr, 1 count (params); 2 end, 3 end of the groups of 8, 4-7 accumulators, 8 v, 9 t.
const [PTR, COUNT, END, END8, A0, A1, A2, A3, V, T] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
/** acc += the low (or high) two floats of v, as doubles */
// prettier-ignore
const accumulate = (acc: number, high: boolean) => [
  GET, acc, GET, V, ...(high ? [GET, V, ...SWAP_HALVES] : []), ...PROMOTE_LOW, ...F64X2_ADD, SET, acc,
];
const pairSum = (acc: number) => [GET, acc, ...LANE(0), GET, acc, ...LANE(1), F64_ADD];

// prettier-ignore
const body = [
  // end = ptr + 4·count; end8 = ptr + 4·(count & ~7)
  GET, PTR, GET, COUNT, I32_CONST, 2, 0x74, 0x6a, SET, END,
  GET, PTR, GET, COUNT, I32_CONST, 0x78, 0x71, I32_CONST, 2, 0x74, 0x6a, SET, END8,
  // groups of eight: lanes of a0..a3 hold the sums of values 8k, 8k+1, … 8k+7
  0x02, 0x40, GET, PTR, GET, END8, 0x4f, 0x0d, 0,
  0x03, 0x40,
  GET, PTR, ...V128_LOAD, 0, SET, V, ...accumulate(A0, false), ...accumulate(A1, true),
  GET, PTR, ...V128_LOAD, 16, SET, V, ...accumulate(A2, false), ...accumulate(A3, true),
  GET, PTR, I32_CONST, 32, 0x6a, TEE, PTR, GET, END8, 0x49, 0x0d, 0,
  0x0b, 0x0b,
  // the remaining values go into the first partial sum, one by one
  GET, A0, ...LANE(0), SET, T,
  0x02, 0x40, GET, PTR, GET, END, 0x4f, 0x0d, 0,
  0x03, 0x40,
  GET, T, GET, PTR, 0x2a, 0x02, 0x00, 0xbb, F64_ADD, SET, T,
  GET, PTR, I32_CONST, 4, 0x6a, TEE, PTR, GET, END, 0x49, 0x0d, 0,
  0x0b, 0x0b,
  // ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
  GET, T, GET, A0, ...LANE(1), F64_ADD, ...pairSum(A1), F64_ADD,
  ...pairSum(A2), ...pairSum(A3), F64_ADD, F64_ADD,
  0x0b,
];
const locals = [3, 2, 0x7f, 5, 0x7b, 1, 0x7c];
const code = [...locals, ...body];

// prettier-ignore
const MODULE_BYTES = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 1, 0x7c]),
  ...section(2, [1, ...text('env'), ...text('memory'), 0x02, 0x00, 0x00]),
  ...section(3, [1, 0]),
  ...section(7, [1, ...text('sum'), 0x00, 0]),
  ...section(10, [1, ...leb(code.length), ...code]),
]);

type Sum = (ptr: number, count: number) => number;
const sumModule = new SimdModule<{ sum: Sum }>(MODULE_BYTES);

/**
 * values[start] + … + values[start + count - 1] in double precision when the values lie in a SIMD
 * heap's memory and the platform has wasm SIMD; null otherwise (the caller loops in JS, same bits).
 */
export function wasmTotal(values: Float32Array, start: number, count: number): number | null {
  const module = sumModule.reading(values.buffer);
  return module ? module.sum(values.byteOffset + 4 * start, count) : null;
}
