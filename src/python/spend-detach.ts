// V8 compiles typed-array reads on the promise that no ArrayBuffer has ever been detached. The
// process's first detach (a wasm memory that grows, a buffer sent to another thread) breaks it and
// throws away the optimised code of every function that reads one, the interpreter's hot paths
// included, in the middle of whatever runs then: a student's timed loop, just after the wasm
// backend has loaded. Detaching one small buffer at start-up, before anything is optimised,
// spends that once where it costs nothing.

let spent = false;

/** Detaches one ArrayBuffer, once per process (nothing where structuredClone cannot transfer). */
export function spendFirstDetach(): void {
  if (spent) return;
  spent = true;
  try {
    const buffer = new ArrayBuffer(8);
    structuredClone(buffer, { transfer: [buffer] });
  } catch {
    // No structured clone here: the first detach comes when it comes.
  }
}
