// Small float32 tensors on a host backend (cpu, wasm) computed in plain JS loops. A training step of
// a lesson's model runs ~100 ops on tensors of a few dozen values, where each tfjs kernel call costs
// far more than its arithmetic; the hot ops (losses, log_softmax, optimizer steps) take this path,
// mirroring tfjs-cpu's float32 rounding op by op, and keep tfjs for GPUs and big tensors.
import * as tf from '@tensorflow/tfjs-core';
import { backendFor, type DeviceType, selectDevice } from './device.js';
import { stridesOf } from './shapes.js';
import type { Tensor } from './tensor.js';
import { copyIntoWasm, giveBackLargeScratch } from './wasm-arithmetic.js';
import { wasmTotal } from './wasm-total.js';

/** Above this many values tfjs's kernels win (and wasm's SIMD does). */
const HOST_LIMIT = 4096;

/** Whether the tensors are float32 on one host-backed device, each at most `limit` values. */
export function onHost(ts: readonly Tensor[], limit = HOST_LIMIT): boolean {
  const device = ts[0].device;
  for (const t of ts) if (t.dtype !== 'float32' || t.device !== device || t.numel > limit) return false;
  const b = backendFor(device);
  return b === 'cpu' || b === 'wasm';
}

/** A tfjs float32 tensor of host values on `device`'s backend. */
export function hostData(values: Float32Array, shape: readonly number[], device: DeviceType): tf.Tensor {
  selectDevice(device);
  return tf.tensor(values, shape as number[], 'float32');
}

/** The values of a gradient handed to a backward closure (host backends read synchronously). */
export function gradValues(g: tf.Tensor): Float32Array {
  return g.dataSync() as Float32Array;
}

/** The parts of tfjs's engine and host backends that hold a tensor's values. */
interface HostBackend {
  /** wasm: a view of the values in the module's memory */
  typedArrayFromHeap?: (info: tf.TensorInfo) => ArrayLike<number>;
  /** cpu: the values array itself */
  data?: { get(dataId: object): { values?: unknown } | undefined };
}
interface EngineWithMoves {
  state: { tensorInfo: { get(dataId: object): { backend: HostBackend } | undefined } };
  moveData(backend: tf.KernelBackend, dataId: object): void;
}

/**
 * The float32 values of a tfjs tensor held by the cpu or wasm backend, without copying them (tfjs's
 * dataSync copies wasm memory out): read them before the next tfjs call, which may move wasm memory.
 * Null where the values live elsewhere (a GPU). `home`: the backend its device computes on now; a
 * tensor made on the JS cpu backend before the cpu device moved to wasm moves there first, once, as
 * a wasm kernel would move it (else every host op would copy its values into wasm memory again).
 */
export function storageView(d: tf.Tensor, home?: string): Float32Array | null {
  if (d.dtype !== 'float32') return null;
  const engine = tf.engine() as unknown as EngineWithMoves;
  let backend = engine.state.tensorInfo.get(d.dataId)?.backend;
  if (!backend) return null;
  const registry = tf.engine().registry;
  if (home === 'wasm' && backend === registry.cpu && registry.wasm) {
    engine.moveData(registry.wasm, d.dataId);
    backend = registry.wasm as HostBackend;
  }
  if (backend === registry.wasm && backend.typedArrayFromHeap) {
    const view = backend.typedArrayFromHeap(d);
    return view instanceof Float32Array ? view : null;
  }
  if (backend === registry.cpu) {
    const values = backend.data?.get(d.dataId)?.values;
    return values instanceof Float32Array ? values : null;
  }
  return null;
}

/**
 * A float32 tensor's values without a copy where they are on the host (JS memory, tfjs-cpu's
 * arrays, wasm memory); null elsewhere. Read them before the next tfjs call.
 */
export function valuesOf(t: Tensor): Float32Array | null {
  return t.hostValuesInPlace ?? storageView(t.data, backendFor(t.device));
}

/** From this many values a wasm SIMD total (wasm-total.ts) beats the JS loop's call-free start. */
const SIMD_TOTAL_FROM = 256;

/** values[start] + … + values[start + count - 1] in double precision, eight partial sums at a time. */
function runTotal(v: Float32Array, start: number, count: number): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0,
    s5 = 0,
    s6 = 0,
    s7 = 0;
  const end = start + count;
  let i = start;
  for (; i + 7 < end; i += 8) {
    s0 += v[i];
    s1 += v[i + 1];
    s2 += v[i + 2];
    s3 += v[i + 3];
    s4 += v[i + 4];
    s5 += v[i + 5];
    s6 += v[i + 6];
    s7 += v[i + 7];
  }
  for (; i < end; i++) s0 += v[i];
  return s0 + s1 + (s2 + s3) + (s4 + s5 + (s6 + s7));
}

/**
 * Sums of a float32 tensor's values over `axes` (sorted; null: all). Totals are kept in double
 * precision and rounded once to float32, as tfjs-cpu's Sum does (wasm's adds in float32); `divisor`
 * then divides each float32 total (PyTorch's mean).
 */
export function sumOnHost(
  values: Float32Array,
  shape: readonly number[],
  axes: readonly number[] | null,
  divisor = 1,
): Float32Array {
  const first = axes ? axes[0] : 0;
  const last = axes ? axes[axes.length - 1] : shape.length - 1;
  if (last - first + 1 !== (axes ? axes.length : shape.length))
    return divideAll(sumScattered(values, shape, axes!), divisor);
  let outer = 1;
  let reduced = 1;
  let inner = 1;
  for (let i = 0; i < shape.length; i++) {
    if (i < first) outer *= shape[i];
    else if (i > last) inner *= shape[i];
    else reduced *= shape[i];
  }
  const out = new Float32Array(outer * inner);
  if (inner === 1) {
    const simd = reduced >= SIMD_TOTAL_FROM;
    // Values in JS memory (a result of the wasm arithmetic) are copied into wasm memory for the
    // SIMD total: a copy and a SIMD pass take a fraction of a JS loop's time (the same bits).
    const copy = simd && wasmTotal(values, 0, 0) === null ? copyIntoWasm(values) : null;
    const source = copy ?? values;
    for (let o = 0; o < outer; o++)
      out[o] =
        (simd ? wasmTotal(source, o * reduced, reduced) : null) ?? runTotal(values, o * reduced, reduced);
    if (copy) giveBackLargeScratch();
    return divideAll(out, divisor);
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    for (let r = 0; r < reduced; r++) {
      const base = (o * reduced + r) * inner;
      for (let i = 0; i < inner; i++) acc[i] += values[base + i];
    }
    out.set(acc, o * inner);
  }
  return divideAll(out, divisor);
}

/** Offsets (row-major) of every index over `dims` of a tensor with `strides`. */
function offsetsOver(
  shape: readonly number[],
  strides: readonly number[],
  dims: readonly number[],
): Int32Array {
  let offsets = Int32Array.of(0);
  for (const d of dims) {
    const next = new Int32Array(offsets.length * shape[d]);
    let k = 0;
    for (const base of offsets) for (let j = 0; j < shape[d]; j++) next[k++] = base + j * strides[d];
    offsets = next;
  }
  return offsets;
}

/** Sums over axes that are not one block: each total adds its values in row-major order of the axes. */
function sumScattered(values: Float32Array, shape: readonly number[], axes: readonly number[]): Float32Array {
  const strides = stridesOf(shape);
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const starts = offsetsOver(shape, strides, kept);
  const steps = offsetsOver(shape, strides, axes);
  const out = new Float32Array(starts.length);
  for (let o = 0; o < starts.length; o++) {
    const base = starts[o];
    let total = 0;
    for (let r = 0; r < steps.length; r++) total += values[base + steps[r]];
    out[o] = total;
  }
  return out;
}

function divideAll(out: Float32Array, divisor: number): Float32Array {
  if (divisor !== 1) for (let i = 0; i < out.length; i++) out[i] /= divisor;
  return out;
}

/** The float32 arithmetic that a JS loop reproduces bit for bit (IEEE + - * / of float32 values). */
export type HostArithmetic = 'add' | 'sub' | 'mul' | 'div';

/** Up to this many values a wasm elementwise op runs as a JS loop (see hostLoopPays). */
const WASM_LOOP_LIMIT = 8192;

/**
 * Whether an elementwise op over `n` values runs faster as a JS loop than as a tfjs kernel on
 * `backend`: always on tfjs-cpu (its kernels index every value through a generic broadcast), on
 * wasm up to WASM_LOOP_LIMIT values. A wasm kernel alone is faster from ~500 values (SIMD), but in
 * a Python loop its result costs engine bookkeeping and fresh wasm memory (freed only when the
 * interpreter yields), while a loop's result is JS memory the garbage collector reuses. Measured
 * in the interpreter, best of 200 runs of (t * t).sum().item(): 14 µs against 20-28 µs with the
 * kernel at 1000 values, 31-47 against 40-72 at 8000, even at 10^4, the kernel ahead at 16000.
 */
export function hostLoopPays(backend: string, n: number): boolean {
  return backend === 'cpu' || (backend === 'wasm' && n <= WASM_LOOP_LIMIT);
}

/**
 * From this many values an elementwise op on the wasm backend runs as a wasm SIMD loop
 * (wasm-arithmetic.ts), four values at a time, instead of a JS loop (a value at a time: ~21 µs
 * for 10^4 products against ~2 µs) or a tfjs kernel (whose engine bookkeeping costs more than
 * the arithmetic up to ~10^5 values, and most in the first calls, before the JIT has compiled it).
 * Up to WASM_LOOP_LIMIT values its result is copied into JS memory, as the JS loop's is.
 */
export const WASM_SIMD_FROM = 64;

/**
 * Up to this many values the wasm SIMD result stays out of tfjs: it is lent a region of wasm memory
 * (wasmArithmeticLent), where a sum reads it in place, and copied into JS memory when read
 * otherwise; the engine's tensor bookkeeping and disposal cost more than that. Measured in the
 * loop-vs-vector bench, (t * t).sum().item() of 10^4 values in its first calls: ~25 -> ~21 µs.
 * At 10^5 values a product that is kept would cost a 400 KB copy at the next op, so tfjs keeps it.
 */
export const WASM_HOST_RESULT_LIMIT = 1 << 15;

/**
 * `x op y` elementwise into a new float32 array of `n` values; an operand of one value broadcasts.
 * Each result is the double-precision result rounded to float32, which for + - * / of float32
 * operands is the float32 operation's own result.
 */
export function arithmeticOnHost(
  op: HostArithmetic,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
): Float32Array {
  const out = new Float32Array(n);
  if (x.length === n && y.length === n) {
    switch (op) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = x[i] + y[i];
        break;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = x[i] - y[i];
        break;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = x[i] * y[i];
        break;
      case 'div':
        for (let i = 0; i < n; i++) out[i] = x[i] / y[i];
        break;
    }
    return out;
  }
  if (y.length === 1) {
    const s = y[0];
    switch (op) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = x[i] + s;
        break;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = x[i] - s;
        break;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = x[i] * s;
        break;
      case 'div':
        for (let i = 0; i < n; i++) out[i] = x[i] / s;
        break;
    }
    return out;
  }
  const s = x[0];
  switch (op) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = s + y[i];
      break;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = s - y[i];
      break;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = s * y[i];
      break;
    case 'div':
      for (let i = 0; i < n; i++) out[i] = s / y[i];
      break;
  }
  return out;
}
