// Devices as PyTorch names them, each backed by one tfjs backend chosen once ("cpu": wasm, else the
// JS cpu backend; "cuda": webgpu, else webgl, looked for only once something names cuda). Ops
// select their device's backend right before they run, so tensors of different devices never
// disturb each other.
import * as tf from '@tensorflow/tfjs-core';
import { registerDeviceBackends } from './backend-config.js';
import { type BackendName, isBackendReady, loadBackend, useBackend } from './backends.js';
import { TorchError } from './errors.js';

export type DeviceType = 'cpu' | 'cuda';

const backendOf: Record<DeviceType, BackendName | null> = { cpu: null, cuda: null };
let cpuReady: Promise<DeviceBackends> | null = null;
let gpuReady: Promise<DeviceBackends> | null = null;
let gpuProbed = false;

export interface DeviceBackends {
  cpu: BackendName | null;
  cuda: BackendName | null;
}

const inNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

/** The first of `names` that loads, in order (null: none does). */
async function firstLoaded(names: readonly BackendName[]): Promise<BackendName | null> {
  for (const name of names) if (await loadBackend(name)) return name;
  return null;
}

/** Loads the backend behind "cpu" once (the browser: wasm, else the JS cpu backend). */
export function initCpuDevice(): Promise<DeviceBackends> {
  cpuReady ??= (async () => {
    backendOf.cpu ??= await firstLoaded(inNode ? ['cpu'] : ['wasm', 'cpu']);
    return deviceBackends();
  })();
  return cpuReady;
}

/**
 * Loads the backend behind "cuda" once (webgpu, else webgl; none in Node). Apart from the cpu's: a
 * lesson that never names cuda never fetches a GPU backend (the kernel calls this before a run
 * whose code mentions cuda, torch.cuda's functions before they answer).
 */
export function initGpuDevice(): Promise<DeviceBackends> {
  gpuReady ??= initCpuDevice().then(async () => {
    if (!inNode) backendOf.cuda ??= await firstLoaded(['webgpu', 'webgl']);
    gpuProbed = true;
    return deviceBackends();
  });
  return gpuReady;
}

/** Loads the backends behind "cpu" and "cuda" once (Node: the JS cpu backend only). */
export function initDevices(): Promise<DeviceBackends> {
  return initGpuDevice();
}

/** True once "cuda" has been looked for (initGpuDevice), or pinned (setDeviceBackend). */
export function cudaProbed(): boolean {
  return inNode || gpuProbed || backendOf.cuda != null;
}

/** Which tfjs backend computes each device (null: the device is unavailable). */
export function deviceBackends(): DeviceBackends {
  return { cpu: backendOf.cpu, cuda: backendOf.cuda };
}

registerDeviceBackends(deviceBackends);

/** Pins a device to an already loaded backend (tests run every op on one chosen backend). */
export function setDeviceBackend(device: DeviceType, backend: BackendName | null): void {
  if (backend && !isBackendReady(backend)) throw new Error(`backend ${backend} is not initialised`);
  backendOf[device] = backend;
}

export function cudaAvailable(): boolean {
  return backendOf.cuda != null;
}

/** The backend of a device; the cpu device falls back to whatever tfjs has registered. */
export function backendFor(device: DeviceType): BackendName {
  const name = backendOf[device];
  if (name) return name;
  if (device === 'cuda' && !cudaProbed()) {
    // Reached only through a device name the kernel could not see in the cell's code ("cu" + "da").
    void initGpuDevice();
    throw new TorchError('RuntimeError', 'the GPU is still being set up: run this cell again');
  }
  if (device === 'cuda') throw new TorchError('AssertionError', 'Torch not compiled with CUDA enabled');
  if (isBackendReady('cpu')) {
    backendOf.cpu = 'cpu';
    return 'cpu';
  }
  const current = tf.getBackend() as BackendName;
  backendOf.cpu = current;
  return current;
}

/** Makes the device's backend the active tfjs backend (synchronous once loaded). */
export function selectDevice(device: DeviceType): void {
  useBackend(backendFor(device));
}

export function deviceString(device: DeviceType): string {
  return device === 'cuda' ? 'cuda:0' : 'cpu';
}

/** Parses "cpu", "cuda", "cuda:0" (PyTorch's own error text for anything else). */
export function parseDevice(spec: string): DeviceType {
  const m = /^(cpu|cuda)(?::(\d+))?$/.exec(spec);
  if (!m) {
    throw new TorchError(
      'RuntimeError',
      `Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, privateuseone device type at start of device string: ${spec}`,
    );
  }
  if (m[1] === 'cpu' && m[2] !== undefined && m[2] !== '0') {
    throw new TorchError('RuntimeError', `CPU device index must be -1 or zero, got ${m[2]}`);
  }
  return m[1] as DeviceType;
}
