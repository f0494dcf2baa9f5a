// Loads tfjs backends lazily (each is its own chunk) and switches between them per op.
import * as tf from '@tensorflow/tfjs-core';
import { configuredWasmBase } from './backend-config.js';
import { boundGpuMemory } from './gpu-memory.js';
import { defaultWasmPaths } from './wasm-files.js';

export { setWasmBase } from './backend-config.js';

export type BackendName = 'cpu' | 'wasm' | 'webgl' | 'webgpu';
export const ALL_BACKENDS: readonly BackendName[] = ['cpu', 'wasm', 'webgl', 'webgpu'];

const loading = new Map<BackendName, Promise<boolean>>();

async function importBackend(name: BackendName): Promise<void> {
  switch (name) {
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // A configured base wins (the CDN file, configureKernel); else the files this build ships.
      const paths = configuredWasmBase() ?? defaultWasmPaths();
      if (paths) wasm.setWasmPaths(paths);
      // One thread: LMS pages are rarely cross-origin isolated, and the package ships no threaded binary.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      return;
    }
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
  }
}

/**
 * Runs a backend's asynchronous set-up (a WebGPU device, the wasm module) apart from tfjs's engine
 * and registers the result: while the engine awaits a backend it initialises, every tfjs op on
 * any backend throws, and a run's ops on the cpu may interleave with a GPU set-up (a gpu-speedup
 * probe). False where the set-up found nothing (no adapter).
 */
async function initialiseApart(name: BackendName): Promise<boolean> {
  const factory = tf.findBackendFactory(name);
  if (!factory || tf.engine().registry[name]) return true;
  const instance = await factory();
  if (!instance) return false;
  if (tf.engine().registry[name]) return true;
  const priority = (tf.engine() as unknown as { registryFactory: Record<string, { priority: number }> })
    .registryFactory[name]?.priority;
  tf.removeBackend(name);
  tf.registerBackend(name, () => instance, priority);
  return true;
}

/**
 * Imports and initialises a backend once; resolves false where the platform lacks it (no WebGPU
 * adapter, no WebGL2, wasm refused by a CSP). Leaves the previously active backend active.
 */
export function loadBackend(name: BackendName): Promise<boolean> {
  let pending = loading.get(name);
  if (!pending) {
    pending = (async () => {
      try {
        await importBackend(name);
        if (!(await initialiseApart(name))) return false;
        const previous = tf.engine().backendName;
        const ok = await tf.setBackend(name);
        if (ok && (name === 'webgpu' || name === 'webgl')) boundGpuMemory(name);
        if (previous && previous !== name && tf.engine().registry[previous]) tf.setBackend(previous);
        return ok;
      } catch {
        return false;
      }
    })();
    loading.set(name, pending);
  }
  return pending;
}

/** True when the backend has been loaded and initialised successfully. */
export function isBackendReady(name: BackendName): boolean {
  return tf.engine().registry[name] != null;
}

/**
 * Makes an initialised backend the active one. Synchronous: tfjs switches at once when the
 * backend's registry entry already exists, so each op can select its device's backend.
 */
export function useBackend(name: BackendName): void {
  if (tf.getBackend() === name) return;
  if (!isBackendReady(name)) throw new Error(`backend ${name} is not initialised`);
  void tf.setBackend(name);
}
