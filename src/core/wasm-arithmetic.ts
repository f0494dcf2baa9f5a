// float32 + - * / with wasm SIMD, four values at a time, by a small module that imports the memory
// it computes in (as wasm-total.ts does): tfjs's wasm memory where the cpu device runs on that
// backend (operands read in place), else a memory of our own that operands from tfjs's JS cpu
// backend are copied into. For the cpu device's mid-sized tensors (10^4 values) a tfjs kernel call
// costs more in engine bookkeeping than its arithmetic, and a JS loop runs a value at a time (and
// slowly until the JIT has compiled it); this runs the loop in wasm and lends the result a region
// or copies it into JS memory (a HostValues result). IEEE float32 + - * / is what the JS loop
// computes too (a double result rounded to float32): the same bits.
import * as tf from '@tensorflow/tfjs-core';
import {
  GET,
  I32_CONST,
  SET,
  SimdModule,
  TEE,
  leb,
  section,
  simdHeap,
  text,
  tfjsWasmMemory,
  type SimdHeap,
} from './wasm-bytes.js';
import type { HostArithmetic } from './host.js';
import type { WasmLease } from './tensor.js';

const [I32, F32, V128] = [0x7f, 0x7d, 0x7b];
const I32_ADD = 0x6a;
const I32_AND = 0x71;
const I32_SHL = 0x74;
const I32_LT_U = 0x49;
const I32_GE_U = 0x4f;
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const BR_IF = 0x0d;
const END = 0x0b;
const F32_LOAD = [0x2a, 2, 0];
const F32_STORE = [0x38, 2, 0];
const V128_LOAD = [0xfd, 0x00, 0, 0];
const V128_STORE = [0xfd, 0x0b, 0, 0];
const F32X4_SPLAT = [0xfd, 0x13];

const OPS: readonly HostArithmetic[] = ['add', 'sub', 'mul', 'div'];
const SCALAR_OP: Record<HostArithmetic, number> = { add: 0x92, sub: 0x93, mul: 0x94, div: 0x95 };
const VECTOR_OP: Record<HostArithmetic, number[]> = {
  add: [0xfd, 0xe4, 0x01],
  sub: [0xfd, 0xe5, 0x01],
  mul: [0xfd, 0xe6, 0x01],
  div: [0xfd, 0xe7, 0x01],
};

/** Operands: both arrays, or an array and a scalar on the right (vs) or on the left (sv). */
type Form = 'vv' | 'vs' | 'sv';
const FORMS: readonly Form[] = ['vv', 'vs', 'sv'];
// Params: (x, y, out, n) with x or y an f32 scalar in the vs / sv forms; locals: end, end4, splat.
const [X, Y, OUT, N, END_AT, END4, SPLAT] = [0, 1, 2, 3, 4, 5, 6];
const PARAMS: Record<Form, number[]> = {
  vv: [I32, I32, I32, I32],
  vs: [I32, F32, I32, I32],
  sv: [F32, I32, I32, I32],
};

const advance = (local: number, by: number) => [GET, local, I32_CONST, ...leb(by), I32_ADD, SET, local];

/** out[i] = x[i] op y[i] for i < n: groups of four in SIMD, the rest one by one. */
function body(op: HostArithmetic, form: Form): number[] {
  const scalar = form === 'sv' ? X : form === 'vs' ? Y : -1;
  const vector = (local: number) => (local === scalar ? [GET, SPLAT] : [GET, local, ...V128_LOAD]);
  const single = (local: number) => (local === scalar ? [GET, local] : [GET, local, ...F32_LOAD]);
  const operandsBy = (by: number) => [X, Y].flatMap((local) => (local === scalar ? [] : advance(local, by)));
  // prettier-ignore
  return [
    // end = out + 4·n; end4 = out + 4·(n & ~3); splat = the scalar in every lane
    GET, OUT, GET, N, I32_CONST, 2, I32_SHL, I32_ADD, SET, END_AT,
    GET, OUT, GET, N, I32_CONST, 0x7c, I32_AND, I32_CONST, 2, I32_SHL, I32_ADD, SET, END4,
    ...(scalar >= 0 ? [GET, scalar, ...F32X4_SPLAT, SET, SPLAT] : []),
    ...BLOCK, GET, OUT, GET, END4, I32_GE_U, BR_IF, 0,
    ...LOOP,
    GET, OUT, ...vector(X), ...vector(Y), ...VECTOR_OP[op], ...V128_STORE,
    ...operandsBy(16),
    GET, OUT, I32_CONST, 16, I32_ADD, TEE, OUT, GET, END4, I32_LT_U, BR_IF, 0,
    END, END,
    ...BLOCK, GET, OUT, GET, END_AT, I32_GE_U, BR_IF, 0,
    ...LOOP,
    GET, OUT, ...single(X), ...single(Y), SCALAR_OP[op], ...F32_STORE,
    ...operandsBy(4),
    GET, OUT, I32_CONST, 4, I32_ADD, TEE, OUT, GET, END_AT, I32_LT_U, BR_IF, 0,
    END, END,
    END,
  ];
}

const names = OPS.flatMap((op) => FORMS.map((form) => `${op}_${form}`));
const codes = OPS.flatMap((op) => FORMS.map((form) => body(op, form)));
const locals = [2, 2, I32, 1, V128];
// prettier-ignore
const MODULE_BYTES = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [3, ...FORMS.flatMap((f) => [0x60, 4, ...PARAMS[f], 0])]),
  ...section(2, [1, ...text('env'), ...text('memory'), 0x02, 0x00, 0x00]),
  ...section(3, [names.length, ...OPS.flatMap(() => FORMS.map((_, i) => i))]),
  ...section(7, [names.length, ...names.flatMap((name, i) => [...text(name), 0x00, i])]),
  ...section(10, [
    codes.length,
    ...codes.flatMap((c) => {
      const fn = [...locals, ...c];
      return [...leb(fn.length), ...fn];
    }),
  ]),
]);

type Kernel = (x: number, y: number, out: number, n: number) => void;
/** The parts of tfjs's wasm backend used here: its tensor storage. */
interface WasmBackend extends tf.KernelBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
}

const arithmetic = new SimdModule<Record<string, Kernel>>(MODULE_BYTES);

/** tfjs's wasm backend when `heap` is its memory, where a tensor result can be made; else null. */
function tensorBackend(heap: SimdHeap): WasmBackend | null {
  const backend = tf.engine().registry.wasm as Partial<WasmBackend> | undefined;
  if (!backend?.makeOutput || !backend.dataIdMap || heap.memory !== tfjsWasmMemory()) return null;
  return backend as WasmBackend;
}

/**
 * A block of the SIMD heap kept by this module, grown (doubling) on demand. When tfjs's wasm
 * backend loads, the heap becomes its memory and the block starts again there.
 */
class WasmBlock {
  at = 0;
  bytes = 0;
  private heap: SimdHeap | null = null;
  /** A pointer to at least `bytes` (null: no heap, or it is full); growing may grow the memory. */
  ensure(bytes: number): number | null {
    const heap = simdHeap();
    if (heap !== this.heap) {
      this.free();
      this.heap = heap;
    }
    if (bytes <= this.bytes) return this.at;
    if (!heap) return null;
    if (this.at) heap.free(this.at);
    this.bytes = Math.max(bytes, 2 * this.bytes);
    const at = heap.malloc(this.bytes);
    if (at === null) {
      this.at = 0;
      this.bytes = 0;
      return null;
    }
    this.at = at;
    return at;
  }
  /** Gives the block back to its heap's allocator. */
  free(): void {
    if (this.at) this.heap?.free(this.at);
    this.at = 0;
    this.bytes = 0;
  }
}

/** Results and operands copied in from JS memory, for one call. */
const scratch = new WasmBlock();
/** A bigger scratch is given back after the op that needed it (JS-memory operands are small). */
const SCRATCH_KEPT = 1 << 20;

/**
 * One region of the SIMD heap lent to the latest result kept in place (wasmArithmeticLent):
 * `(t * t).sum()` then sums the product where it was computed, and the product's memory is free
 * again when the expression drops it, with no copy at all. A later result copies an earlier one
 * that is still held out into JS memory first.
 */
const regionBlock = new WasmBlock();
let lent: Lent | null = null;

class Lent implements WasmLease {
  private copy: Float32Array | null = null;
  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly at: number,
    private readonly n: number,
  ) {}
  inPlace(): Float32Array {
    return this.copy ?? new Float32Array(this.memory.buffer, this.at, this.n);
  }
  settle(): Float32Array {
    if (!this.copy) {
      this.copy = this.inPlace().slice();
      this.end();
    }
    return this.copy;
  }
  end(): void {
    if (lent === this) lent = null;
  }
}

/** The lent region, at least `bytes` long, its earlier values copied out (null: no malloc). */
function region(bytes: number): number | null {
  lent?.settle();
  return regionBlock.ensure(bytes);
}

/** Where a result goes: a tfjs tensor of this shape, a copy in JS memory, or the lent region. */
type Destination = number[] | 'copy' | 'lent';

/**
 * `x op y` over `n` float32 values (an operand of one value broadcasts) with wasm SIMD; null where
 * that is not possible (the caller loops in JS or calls tfjs). The result is a tfjs tensor of
 * `shape` on the wasm backend (made as its kernels make theirs, without the engine's per-kernel
 * work; only once that backend is loaded), a copy in JS memory, or values kept in the lent region.
 * Operands in JS memory are copied into the heap first (an operand used twice, once); views of
 * wasm memory must be fresh (see storageView).
 */
function wasmArithmetic(
  op: HostArithmetic,
  x: Float32Array,
  y: Float32Array,
  n: number,
  into: Destination,
): Float32Array | tf.Tensor | Lent | null {
  if (arithmetic.refused || (x.length !== n && x.length !== 1) || (y.length !== n && y.length !== 1))
    return null;
  const heap = simdHeap();
  if (!heap) return null;
  const shape = Array.isArray(into) ? into : null;
  const backend = shape && tensorBackend(heap);
  if (shape && !backend) return null;
  const before = heap.memory;
  const form: Form = x.length === n && y.length === n ? 'vv' : y.length === 1 ? 'vs' : 'sv';
  // Pointers and scalars before anything is allocated: that may grow the memory, which detaches
  // every view of it (the values stay where they are).
  const inWasm = (v: Float32Array) => v.buffer === before.buffer;
  const xs = form === 'sv' ? x[0] : 0;
  const ys = form === 'vs' ? y[0] : 0;
  const xCopy = form !== 'sv' && !inWasm(x);
  const same = form === 'vv' && x === y;
  const yCopy = form !== 'vs' && !same && !inWasm(y);
  let xp = form !== 'sv' && !xCopy ? x.byteOffset : 0;
  let yp = form !== 'vs' && !yCopy ? y.byteOffset : 0;
  const bytes = 4 * n;
  const copies = (xCopy ? 1 : 0) + (yCopy ? 1 : 0);
  const base = scratch.ensure(bytes * (copies + (into === 'copy' ? 1 : 0)));
  if (base === null) return null;
  let out = base;
  let free = into === 'copy' ? base + bytes : base;
  let result: tf.Tensor | null = null;
  if (shape && backend) {
    result = tf.engine().makeTensorFromTensorInfo(backend.makeOutput(shape, 'float32'), backend);
    out = backend.dataIdMap.get(result.dataId)!.memoryOffset;
  } else if (into === 'lent') {
    const at = region(bytes);
    if (at === null) return null;
    out = at;
  }
  const k = arithmetic.over(heap.memory);
  if (!k) {
    result?.dispose();
    return null;
  }
  const values = new Float32Array(heap.memory.buffer);
  if (xCopy) {
    values.set(x, free >>> 2);
    xp = free;
    free += bytes;
  }
  if (same) yp = xp;
  else if (yCopy) {
    values.set(y, free >>> 2);
    yp = free;
  }
  const kernel = k[`${op}_${form}`];
  if (form === 'vv') kernel(xp, yp, out, n);
  else if (form === 'vs') kernel(xp, ys, out, n);
  else kernel(xs, yp, out, n);
  let answer: Float32Array | tf.Tensor | Lent;
  if (result) answer = result;
  else if (into === 'lent') answer = lent = new Lent(heap.memory, out, n);
  else answer = values.slice(out >>> 2, (out >>> 2) + n);
  giveBackLargeScratch();
  return answer;
}

/** A scratch that grew past SCRATCH_KEPT goes back to its heap after the op that needed it. */
export function giveBackLargeScratch(): void {
  if (scratch.bytes > SCRATCH_KEPT) scratch.free();
}

/**
 * A copy of float32 values from JS memory in the SIMD heap (this module's scratch), for a wasm SIMD
 * loop that reads them; null where there is none. Read it before the next wasm allocation, and
 * call giveBackLargeScratch when done.
 */
export function copyIntoWasm(values: Float32Array): Float32Array | null {
  if (arithmetic.refused) return null;
  const base = scratch.ensure(4 * values.length);
  const heap = simdHeap();
  if (base === null || !heap) return null;
  const copy = new Float32Array(heap.memory.buffer, base, values.length);
  copy.set(values);
  return copy;
}

/** wasmArithmetic's result in JS memory. */
export const wasmArithmeticOnHost = (op: HostArithmetic, x: Float32Array, y: Float32Array, n: number) =>
  wasmArithmetic(op, x, y, n, 'copy') as Float32Array | null;

/** wasmArithmetic's result kept in wasm memory until first read (see region). */
export const wasmArithmeticLent = (op: HostArithmetic, x: Float32Array, y: Float32Array, n: number) =>
  wasmArithmetic(op, x, y, n, 'lent') as WasmLease | null;

/** wasmArithmetic's result as a tfjs tensor of `shape` on the wasm backend. */
export const wasmArithmeticTensor = (
  op: HostArithmetic,
  x: Float32Array,
  y: Float32Array,
  shape: number[],
  n: number,
) => wasmArithmetic(op, x, y, n, shape) as tf.Tensor | null;
