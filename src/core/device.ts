// Devices as PyTorch names them, each backed by one tfjs backend ("cpu": tfjs's JS cpu backend, then
// wasm once a program's tensors are big, see noteCpuWork; "cuda": webgpu, else webgl, looked for
// only once something names cuda). Ops select their device's backend right before they run, so
// tensors of different devices never disturb each other.
import * as tf from '@tensorflow/tfjs-core';
import { registerDeviceBackends } from './backend-config.js';
import { type BackendName, isBackendReady, loadBackend, useBackend } from './backends.js';
import { GpuSettingUp, TorchError } from './errors.js';

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

/**
 * Loads the backend behind "cpu" once: tfjs's JS cpu backend (17.9 KB gzip), quick for a lesson's
 * small tensors; the wasm backend (14 KB of JS and a 134 KB binary) comes when a program needs it
 * (noteCpuWork). Where JS cpu fails to load, wasm is tried at once.
 */
export function initCpuDevice(): Promise<DeviceBackends> {
  cpuReady ??= (async () => {
    backendOf.cpu ??= await firstLoaded(fastCpu ? ['cpu', fastCpu] : ['cpu']);
    armCpuMove();
    return deviceBackends();
  })();
  return cpuReady;
}

/** The backend the cpu device moves to once a program's tensors are big (browser: wasm; Node: none). */
let fastCpu: BackendName | null = inNode ? null : 'wasm';
/** The move's set-up, started once by the op that crossed the rule's threshold. */
let cpuMove: Promise<boolean> | null = null;
/** Until it settles: what the op that started it awaits. */
let cpuMovePending: Promise<boolean> | null = null;
/** The move failed: WebAssembly did not start (a CSP, the .wasm files not served). */
let cpuMoveRefused = false;
/**
 * True while the cpu device runs on JS cpu and may still move (ops test it before measuring their
 * work: one load on the hot path).
 */
export let cpuMoveArmed = false;

/** Arms the move while the cpu device is on JS cpu, has somewhere to move and has not moved yet. */
function armCpuMove(): void {
  cpuMoveArmed = fastCpu != null && backendOf.cpu === 'cpu' && cpuMove == null;
}

/** A program needs the fast cpu backend from this many elements in one tensor… */
export const FAST_CPU_ELEMENTS = 2 ** 16;
/** …or this many multiply-adds in one matrix product (128×128 @ 128×128: ~5 ms on JS cpu, 0.2 on wasm)… */
export const FAST_CPU_MULTIPLY_ADDS = 2 ** 21;
/** …or in all the products it has run on JS cpu (a training loop of middling layers: ~0.1 s of them). */
export const FAST_CPU_TOTAL_MULTIPLY_ADDS = 2 ** 24;
/** Multiply-adds of the products run on JS cpu so far. */
let cpuMultiplyAdds = 0;

/**
 * The rule, in one place: whether an op that makes `elements` values or does `multiplyAdds` (after
 * `totalMultiplyAdds` in all on JS cpu) needs wasm. Element-wise work is as quick on JS cpu as on
 * wasm (our JS and SIMD loops); matrix products are ~25× slower there.
 */
export function needsFastCpu(elements: number, multiplyAdds = 0, totalMultiplyAdds = multiplyAdds): boolean {
  return (
    elements >= FAST_CPU_ELEMENTS ||
    multiplyAdds >= FAST_CPU_MULTIPLY_ADDS ||
    totalMultiplyAdds >= FAST_CPU_TOTAL_MULTIPLY_ADDS
  );
}

/**
 * An op on the cpu device makes a tensor of `elements` values or does `multiplyAdds`: past the
 * rule's threshold the fast backend starts loading. The op itself runs on JS cpu (core's ops are
 * synchronous); the torch binding awaits the set-up right after it (cpuMoveUnderWay), so every
 * later op of the cell runs on wasm and a lesson's timings after its first big op are wasm's.
 */
export function noteCpuWork(elements: number, multiplyAdds = 0): void {
  if (!cpuMoveArmed) return;
  cpuMultiplyAdds += multiplyAdds;
  if (needsFastCpu(elements, multiplyAdds, cpuMultiplyAdds)) void startCpuMove();
}

/** Loads the fast cpu backend once and moves the cpu device to it (false: it did not load). */
function startCpuMove(): Promise<boolean> {
  cpuMoveArmed = false;
  const target = fastCpu!;
  const move = loadBackend(target).then((ok) => {
    // The switch lands between two synchronous ops; tfjs moves older tensors' data on first use.
    if (ok && backendOf.cpu === 'cpu') backendOf.cpu = target;
    cpuMoveRefused = !ok;
    if (cpuMovePending === move) cpuMovePending = null;
    return ok;
  });
  cpuMove = cpuMovePending = move;
  return move;
}

/** The cpu device's move to its fast backend while under way (null otherwise): the binding awaits it. */
export function cpuMoveUnderWay(): Promise<boolean> | null {
  return cpuMovePending;
}

/**
 * Which backend the cpu device moves to once a program's tensors are big (null: it stays where it
 * is). The browser's default is wasm; Node's none (tests and benches pin their backend); a Node
 * test of the move sets it before the device's set-up.
 */
export function setFastCpuBackend(name: BackendName | null): void {
  fastCpu = name;
  armCpuMove();
}

/**
 * Loads the backend behind "cuda" once (webgpu, else webgl; none in Node). Apart from the cpu's: a
 * lesson that never names cuda never fetches a GPU backend (the kernel calls this before a run
 * whose code mentions cuda, torch.cuda's functions before they answer).
 */
export function initGpuDevice(): Promise<DeviceBackends> {
  gpuReady ??= initCpuDevice().then(async () => {
    // A program that uses the GPU compares it with the cpu: wasm's timings, from its first op on.
    const cpuMoved = cpuMoveArmed ? startCpuMove() : null;
    if (!inNode) backendOf.cuda ??= await firstLoaded(['webgpu', 'webgl']);
    await cpuMoved;
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

registerDeviceBackends(deviceBackends, () => cpuMoveRefused);

/** Pins a device to an already loaded backend (tests run every op on one chosen backend). */
export function setDeviceBackend(device: DeviceType, backend: BackendName | null): void {
  if (backend && !isBackendReady(backend)) throw new Error(`backend ${backend} is not initialised`);
  backendOf[device] = backend;
  // A pinned cpu device stays pinned.
  if (device === 'cpu') cpuMoveArmed = false;
}

export function cudaAvailable(): boolean {
  return backendOf.cuda != null;
}

/** The backend of a device; the cpu device falls back to whatever tfjs has registered. */
export function backendFor(device: DeviceType): BackendName {
  const name = backendOf[device];
  if (name) return name;
  // Reached only through a device name the kernel could not see in the cell's code ("cu" + "da"):
  // the binding runs the op again once the GPU is set up.
  if (device === 'cuda' && !cudaProbed()) throw new GpuSettingUp(initGpuDevice());
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
