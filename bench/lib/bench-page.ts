// The page side of bench/lib/browser-page.mjs: a bench page in Chromium on the cpu device as
// students have it, its text handed to runBenchPage through window.__benchResult.
import { setWasmBase } from '../../src/core/backends.js';

setWasmBase('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');

/** Puts what `main` resolves to (or why it failed) where runBenchPage polls for it. */
export function publishBenchResult(main: Promise<string>): void {
  const publish = (result: { ok: boolean; text?: string; error?: string }) =>
    ((window as unknown as { __benchResult: unknown }).__benchResult = result);
  main.then(
    (text) => publish({ ok: true, text }),
    (e: unknown) => publish({ ok: false, error: String(e) }),
  );
}
