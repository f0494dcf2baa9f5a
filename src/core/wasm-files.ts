// Where tfjs-backend-wasm's .wasm binaries are, by default. Each URL is written as the literal
// `new URL('…', import.meta.url)` so that bundlers (Vite, webpack, rspack, Parcel) see the files,
// emit them with the app and rewrite the URLs; without a bundler the same expressions resolve
// against this module. The package ships one copy of each binary, in dist/wasm/, so from
// dist/core/ they are at ../wasm/ (the CDN package has its own copies beside torchlet.js).

/**
 * tfjs-backend-wasm's file names, as setWasmPaths's map takes them (it wants all three). The
 * backend runs one thread (see backends.ts) and the package ships no threaded binary: that entry
 * names the SIMD file, which tfjs never asks for.
 */
export type WasmFileName =
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

function withUnusedThreaded(plain: string, simd: string): Record<WasmFileName, string> {
  return {
    'tfjs-backend-wasm.wasm': plain,
    'tfjs-backend-wasm-simd.wasm': simd,
    'tfjs-backend-wasm-threaded-simd.wasm': simd,
  };
}

/** From source (the dev server and the tests) the binaries are tfjs's own, under /node_modules. */
function fromSource(): Record<WasmFileName, string> | undefined {
  const here = import.meta.url;
  if (!/\/src\/core\/wasm-files\.[jt]s$/.test(new URL(here).pathname)) return undefined;
  // Not the literal new URL('…', import.meta.url): a bundler would look for this folder.
  const base = new URL('/node_modules/@tensorflow/tfjs-backend-wasm/dist/', here).href;
  return withUnusedThreaded(`${base}tfjs-backend-wasm.wasm`, `${base}tfjs-backend-wasm-simd.wasm`);
}

/**
 * The binaries' URLs for this build, or undefined in Node (tfjs reads them from its own folder).
 */
export function defaultWasmPaths(): Record<WasmFileName, string> | undefined {
  if (
    typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string'
  )
    return undefined;
  return (
    fromSource() ??
    withUnusedThreaded(
      new URL('../wasm/tfjs-backend-wasm.wasm', import.meta.url).href,
      new URL('../wasm/tfjs-backend-wasm-simd.wasm', import.meta.url).href,
    )
  );
}
