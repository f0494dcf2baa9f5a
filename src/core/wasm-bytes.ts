// What the two small wasm SIMD modules over tfjs's memory (wasm-total.ts, wasm-arithmetic.ts)
// share: the bytes of a module's sections and common opcodes, and the memory they import.
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

/** The wasm backend's memory, where tfjs keeps its tensors (null before it loads). */
export function tfjsWasmMemory(): WebAssembly.Memory | null {
  const backend = tf.engine().registry.wasm as { wasm?: { asm?: { memory?: unknown } } } | undefined;
  const memory = backend?.wasm?.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

/**
 * A small module instantiated over tfjs's wasm memory, once per Memory (a grown memory is the same
 * Memory with a new buffer, which the instance still reads). None where the platform has no wasm
 * SIMD or a CSP refuses compiling wasm: the callers' JS loops or tfjs kernels do the work then.
 */
export class ModuleOverTfjsMemory<Exports> {
  private memory: WebAssembly.Memory | null = null;
  private exports: Exports | null = null;
  /** Compiling the module failed: it is not tried again. */
  refused = false;

  constructor(private readonly bytes: Uint8Array<ArrayBuffer>) {}

  /** The exports over `memory`. */
  over(memory: WebAssembly.Memory): Exports | null {
    if (memory === this.memory) return this.exports;
    if (this.refused) return null;
    try {
      const instance = new WebAssembly.Instance(new WebAssembly.Module(this.bytes), { env: { memory } });
      this.exports = instance.exports as Exports;
      this.memory = memory;
      return this.exports;
    } catch {
      this.refused = true;
      return null;
    }
  }

  /** The exports when `buffer` is tfjs's wasm memory (the memory already known first: no lookup). */
  reading(buffer: ArrayBufferLike): Exports | null {
    if (this.memory && buffer === this.memory.buffer) return this.exports;
    if (this.refused) return null;
    const memory = tfjsWasmMemory();
    return memory && buffer === memory.buffer ? this.over(memory) : null;
  }
}
