// Runs a block of tests once per tfjs backend, so every feature is checked on cpu, wasm, webgl
// and webgpu. A backend that fails to initialise fails its tests: the CI browser has all four.
import {
  ALL_BACKENDS,
  type BackendName,
  loadBackend,
  setWasmBase,
  useBackend,
} from '../src/core/backends.js';

setWasmBase('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');

export function forEachBackend(
  body: (backend: BackendName) => void,
  backends: readonly BackendName[] = ALL_BACKENDS,
): void {
  for (const backend of backends) {
    describe(`on ${backend}`, function () {
      before(async function () {
        this.timeout(120000);
        const ok = await loadBackend(backend);
        if (!ok) throw new Error(`the ${backend} backend did not initialise in this browser`);
        useBackend(backend);
      });
      body(backend);
    });
  }
}
