// One call that points the kernel at a folder holding the CDN build's files (worker.js, its chunks,
// the .wasm binaries): a page that hosts a copy of the @torchlet/cdn package (dist/cdn/), or a
// bundler that cannot emit the Worker. The CDN file calls it at load with its own folder (src/cdn-setup.ts).
import { configureKernel, folderUrl } from './client.js';

let basePath: string | undefined;

/**
 * Where the kernel Worker (`worker.js`, with its chunks) and tfjs's `.wasm` files are loaded from:
 * a folder with the contents of the `@torchlet/cdn` package (`dist/cdn/` of a build). Takes effect for a kernel not yet
 * started: call it before the first element connects.
 */
export function setBasePath(base: string | URL): void {
  basePath = folderUrl(base, import.meta.url);
  configureKernel({ workerUrl: `${basePath}worker.js`, wasmBase: basePath });
}

/** The folder setBasePath set (for the CDN file: torchlet.js's own, or data-torchlet-base). */
export function getBasePath(): string | undefined {
  return basePath;
}
