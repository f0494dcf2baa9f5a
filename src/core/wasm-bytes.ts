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
