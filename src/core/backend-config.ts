// What the kernel tells tfjs's backends, and asks them, without loading tfjs: a cell with no
// tensors never waits for TensorFlow.js (the kernel imports this module, never backends.ts).
import type { BackendName } from './backends.js';
import type { DeviceBackends, DeviceType } from './device.js';

let wasmBase: string | undefined;
let devices: (() => DeviceBackends) | undefined;
let fastCpuRefused: (() => boolean) | undefined;

/** Where the wasm backend's `.wasm` files are served from (a URL ending in `/`). */
export function setWasmBase(url: string): void {
  wasmBase = url.endsWith('/') ? url : `${url}/`;
}

/** The base setWasmBase set, if any. */
export function configuredWasmBase(): string | undefined {
  return wasmBase;
}

/** device.ts, once loaded, says how to read its device backends and whether wasm was refused. */
export function registerDeviceBackends(read: () => DeviceBackends, refused: () => boolean): void {
  devices = read;
  fastCpuRefused = refused;
}

/** True once the cpu device needed wasm (big tensors) and WebAssembly did not start (a CSP, missing files). */
export function cpuWasmRefused(): boolean {
  return fastCpuRefused?.() ?? false;
}

/** The backend behind a device if tfjs has been loaded (by `import torch`); else null. */
export function loadedDeviceBackend(device: DeviceType): BackendName | null {
  return devices?.()[device] ?? null;
}
