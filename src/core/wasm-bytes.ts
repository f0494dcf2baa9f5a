// What the two small wasm SIMD modules (wasm-total.ts, wasm-arithmetic.ts) share: the bytes of a
// module's sections and common opcodes, and the memory they compute in (simdHeap).
import * as tf from '@tensorflow/tfjs-core';

/** Unsigned LEB128 of a small non-negative integer. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
/** A section: its id, its length, its body. */
export const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
/** A name: its length, its bytes. */
export const text = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

// Opcodes both modules use (WebAssembly core).
export const GET = 0x20;
export const SET = 0x21;
export const TEE = 0x22;
export const I32_CONST = 0x41;

/** Memory the SIMD modules compute in, with its allocator (malloc: null when it cannot). */
export interface SimdHeap {
  readonly memory: WebAssembly.Memory;
  malloc(bytes: number): number | null;
  free(at: number): void;
}

interface TfjsWasmModule {
  asm?: { memory?: unknown };
  _malloc?(bytes: number): number;
  _free?(at: number): void;
}

let tfjsHeap: { module: TfjsWasmModule; heap: SimdHeap } | null = null;

/** The wasm backend's memory, where tfjs keeps its tensors (null before it loads). */
export function tfjsWasmMemory(): WebAssembly.Memory | null {
  return tfjsWasmHeap()?.memory ?? null;
}

/** tfjs's wasm memory and allocator, once that backend is loaded. */
function tfjsWasmHeap(): SimdHeap | null {
  const module = (tf.engine().registry.wasm as { wasm?: TfjsWasmModule } | undefined)?.wasm;
  if (!module) return null;
  if (tfjsHeap?.module === module) return tfjsHeap.heap;
  const memory = module.asm?.memory;
  const { _malloc: malloc, _free: free } = module;
  if (!(memory instanceof WebAssembly.Memory) || !malloc || !free) return null;
  const heap: SimdHeap = { memory, malloc: (bytes) => malloc(bytes) >>> 0, free: (at) => free(at) };
  tfjsHeap = { module, heap };
  return heap;
}

const PAGE = 65536;

/**
 * A memory of our own for the JS cpu backend (tfjs's wasm backend not loaded): operands are copied
 * in, results read in place or copied out. Few blocks ever live here (a scratch, a lent region), so
 * a bump allocator does: a block freed at the top lowers it, and an empty heap starts again at 16.
 */
class OwnHeap implements SimdHeap {
  readonly memory = new WebAssembly.Memory({ initial: 1 });
  private top = 16;
  private readonly sizes = new Map<number, number>();
  malloc(bytes: number): number | null {
    const at = (this.top + 15) & ~15;
    const end = at + bytes;
    const missing = Math.ceil((end - this.memory.buffer.byteLength) / PAGE);
    try {
      if (missing > 0) this.memory.grow(missing);
    } catch {
      return null; // out of memory: the caller loops in JS
    }
    this.sizes.set(at, bytes);
    this.top = end;
    return at;
  }
  free(at: number): void {
    const bytes = this.sizes.get(at);
    if (bytes === undefined) return;
    this.sizes.delete(at);
    if (at + bytes === this.top) this.top = at;
    if (!this.sizes.size) this.top = 16;
  }
}

let ownHeap: OwnHeap | null | undefined;

/**
 * Where the SIMD modules compute: tfjs's wasm memory once that backend is loaded (its tensors lie
 * there and are read in place), else a memory of our own; null without WebAssembly.
 */
export function simdHeap(): SimdHeap | null {
  const tfjs = tfjsWasmHeap();
  if (tfjs) return tfjs;
  if (ownHeap === undefined) ownHeap = typeof WebAssembly === 'object' ? new OwnHeap() : null;
  return ownHeap;
}

/**
 * A small module instantiated over a SIMD heap's memory, once per Memory (a grown memory is the
 * same Memory with a new buffer, which the instance still reads). None where the platform has no
 * wasm SIMD or a CSP refuses compiling wasm: the callers' JS loops or tfjs kernels do the work then.
 */
export class SimdModule<Exports> {
  private readonly instances = new Map<WebAssembly.Memory, Exports>();
  private compiled: WebAssembly.Module | null = null;
  /** Compiling the module failed: it is not tried again. */
  refused = false;

  constructor(private readonly bytes: Uint8Array<ArrayBuffer>) {}

  /** The exports over `memory`. */
  over(memory: WebAssembly.Memory): Exports | null {
    const known = this.instances.get(memory);
    if (known) return known;
    if (this.refused) return null;
    try {
      this.compiled ??= new WebAssembly.Module(this.bytes);
      const exports = new WebAssembly.Instance(this.compiled, { env: { memory } }).exports as Exports;
      this.instances.set(memory, exports);
      return exports;
    } catch {
      this.refused = true;
      return null;
    }
  }

  /** The exports when `buffer` is a SIMD heap's memory (tfjs's or our own); null for JS memory. */
  reading(buffer: ArrayBufferLike): Exports | null {
    for (const [memory, exports] of this.instances) if (memory.buffer === buffer) return exports;
    if (this.refused) return null;
    const heap = simdHeap();
    return heap && buffer === heap.memory.buffer ? this.over(heap.memory) : null;
  }
}
