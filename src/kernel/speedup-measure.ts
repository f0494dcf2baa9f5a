// Times C = A @ B (float32, n×n) on the CPU and the GPU tfjs backends, honestly: one warm-up run
// (shader compilation, reported apart), then k runs each synced by awaiting the result, interleaved
// between devices so drift hits both alike. Runs wherever tfjs runs: the kernel's Worker, or the page.
import * as tf from '@tensorflow/tfjs-core';
import { type BackendName, loadBackend, useBackend } from '../core/backends.js';
import type {
  DeviceTiming,
  SpeedupAdapterInfo,
  SpeedupCpuBackend,
  SpeedupEnvironment,
  SpeedupErrorCode,
  SpeedupEvent,
  SpeedupGpuBackend,
  SpeedupMeasurement,
} from '../protocol/speedup.js';
import { speedupOf, summarize } from './speedup-stats.js';

/** Largest N accepted anywhere: three 4096×4096 float32 matrices are 192 MiB, and one CPU run takes seconds. */
export const SANE_MAX_N = 4096;
export const MAX_REPEATS = 50;

/** An error the caller reports as a `speedup-error` event with this code. */
export class SpeedupFailure extends Error {
  constructor(
    readonly code: SpeedupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Backends whose device was lost: tfjs cannot recover them without a reload. */
const lostBackends = new Set<BackendName>();

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render|software/i;

function describeWebgpuAdapter(adapter: GPUAdapter | null): SpeedupAdapterInfo | null {
  if (!adapter) return null;
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info;
  const fallback =
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter === true ||
    (info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter === true;
  const vendor = info?.vendor ?? '';
  const architecture = info?.architecture ?? '';
  const device = info?.device ?? '';
  const description = info?.description ?? '';
  return {
    vendor,
    architecture,
    device,
    description,
    software: fallback || SOFTWARE_ADAPTER.test(`${vendor} ${architecture} ${device} ${description}`),
  };
}

function webglContext(): WebGL2RenderingContext | null {
  const backend = tf.findBackend('webgl') as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } } | null;
  return backend?.gpgpu?.gl ?? null;
}

function describeWebglRenderer(): SpeedupAdapterInfo | null {
  const gl = webglContext();
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const vendor = String(gl.getParameter(debug ? debug.UNMASKED_VENDOR_WEBGL : gl.VENDOR) ?? '');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  return {
    vendor,
    architecture: '',
    device: renderer,
    description: renderer,
    software: SOFTWARE_ADAPTER.test(`${vendor} ${renderer}`),
  };
}

function webgpuDevice(): GPUDevice | null {
  const backend = tf.findBackend('webgpu') as unknown as { device?: GPUDevice } | null;
  return backend?.device ?? null;
}

function adapterLabel(backend: 'webgpu' | 'webgl', adapter: SpeedupAdapterInfo | null): string {
  if (!adapter) return backend;
  const name =
    backend === 'webgpu'
      ? [adapter.vendor, adapter.architecture || adapter.device].filter(Boolean).join(' ')
      : adapter.description || adapter.vendor;
  return `${backend} on ${name || 'an unnamed adapter'}${adapter.software ? ' (software adapter)' : ''}`;
}

const SOFTWARE_NOTE =
  'This is a software adapter (the GPU is emulated on the CPU, e.g. SwiftShader): its numbers say nothing about a real GPU.';

async function resolveCpu(choice: SpeedupCpuBackend): Promise<SpeedupEnvironment['cpu']> {
  if (choice !== 'cpu') {
    if (await loadBackend('wasm')) {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      let threads: number | null;
      try {
        threads = wasm.getThreadsCount();
      } catch {
        threads = null;
      }
      const parts = [
        simd ? 'SIMD' : 'no SIMD',
        threads == null ? null : `${threads} thread${threads === 1 ? '' : 's'}`,
      ];
      return { backend: 'wasm', simd, threads, label: `wasm (${parts.filter(Boolean).join(', ')})` };
    }
    if (!(await loadBackend('cpu')))
      throw new SpeedupFailure('failed', 'No CPU backend could start (neither wasm nor cpu).');
    return {
      backend: 'cpu',
      simd: null,
      threads: 1,
      label: 'cpu (plain JavaScript)',
      note: 'The wasm backend did not load here (a Content-Security-Policy without wasm-unsafe-eval, or its files not served), so the much slower plain JavaScript backend plays the CPU.',
    };
  }
  if (!(await loadBackend('cpu'))) throw new SpeedupFailure('failed', 'The cpu backend did not start.');
  return { backend: 'cpu', simd: null, threads: 1, label: 'cpu (plain JavaScript)' };
}

interface GpuChoice {
  env: SpeedupEnvironment['gpu'];
  note?: string;
  maxN: number;
  maxNReason: string;
}

async function tryWebgpu(): Promise<GpuChoice | null> {
  if (lostBackends.has('webgpu') || !(await loadBackend('webgpu'))) return null;
  const device = webgpuDevice();
  let adapter: SpeedupAdapterInfo | null;
  try {
    adapter = describeWebgpuAdapter(
      (await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' })) ?? null,
    );
  } catch {
    adapter = null;
  }
  const bindingBytes = device
    ? Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize)
    : 128 * 2 ** 20;
  const maxN = Math.floor(Math.sqrt(bindingBytes / 4));
  return {
    env: {
      backend: 'webgpu',
      label: adapterLabel('webgpu', adapter),
      adapter,
      note: adapter?.software ? SOFTWARE_NOTE : undefined,
    },
    maxN,
    maxNReason: `the GPU's largest storage buffer (maxStorageBufferBindingSize ${bindingBytes.toLocaleString('en-US')} bytes) holds one N×N float32 matrix up to N = ${maxN}`,
  };
}

async function tryWebgl(): Promise<GpuChoice | null> {
  if (lostBackends.has('webgl') || !(await loadBackend('webgl'))) return null;
  const adapter = describeWebglRenderer();
  const maxTexture = tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE');
  return {
    env: {
      backend: 'webgl',
      label: adapterLabel('webgl', adapter),
      adapter,
      note: adapter?.software ? SOFTWARE_NOTE : undefined,
    },
    maxN: maxTexture,
    maxNReason: `WebGL's largest texture is ${maxTexture}×${maxTexture}`,
  };
}

function lostNote(name: BackendName): string {
  return `The ${name} device was lost earlier on this page; reload the page to use it again.`;
}

async function resolveGpu(choice: SpeedupGpuBackend): Promise<GpuChoice | null | string> {
  if (choice === 'none') return 'Only the CPU is timed (gpu-backend="none").';
  if (choice === 'webgpu' || choice === 'auto') {
    const webgpu = await tryWebgpu();
    if (webgpu) return webgpu;
    if (choice === 'webgpu') {
      return lostBackends.has('webgpu')
        ? lostNote('webgpu')
        : 'WebGPU is not available in this browser, so only the CPU is timed.';
    }
  }
  const webgl = await tryWebgl();
  if (webgl) {
    if (choice === 'auto')
      webgl.note = ['WebGPU is not available here, so WebGL plays the GPU.', webgl.env?.note]
        .filter(Boolean)
        .join(' ');
    return webgl;
  }
  if (lostBackends.has('webgl')) return lostNote('webgl');
  return choice === 'webgl'
    ? 'WebGL2 is not available in this browser, so only the CPU is timed.'
    : 'This browser offers no GPU backend (neither WebGPU nor WebGL2), so only the CPU is timed: there is no speedup to compute.';
}

/** Which backends would run, the adapter, and the largest N allowed; loads the backends it names. */
export async function probeSpeedupEnvironment(
  cpuChoice: SpeedupCpuBackend = 'auto',
  gpuChoice: SpeedupGpuBackend = 'auto',
): Promise<SpeedupEnvironment> {
  const previous = tf.getBackend();
  const cpu = await resolveCpu(cpuChoice);
  const gpu = await resolveGpu(gpuChoice);
  if (previous && tf.engine().registry[previous]) useBackend(previous as BackendName);
  let maxN = SANE_MAX_N;
  let maxNReason = `the cap of N = ${SANE_MAX_N} (three ${SANE_MAX_N}×${SANE_MAX_N} float32 matrices are 192 MiB, and one CPU run takes seconds)`;
  if (typeof gpu === 'string' || gpu === null)
    return { cpu, gpu: null, gpuNote: gpu ?? undefined, maxN, maxNReason };
  if (gpu.maxN < maxN) {
    maxN = gpu.maxN;
    maxNReason = gpu.maxNReason;
  }
  const gpuNote = [gpu.note ?? gpu.env?.note].filter(Boolean).join(' ') || undefined;
  return { cpu, gpu: gpu.env, gpuNote, maxN, maxNReason };
}

/** Refuses an N before anything is allocated; returns the reason, or null when N is fine. */
export function refuseSize(n: number, env: Pick<SpeedupEnvironment, 'maxN' | 'maxNReason'>): string | null {
  if (!Number.isInteger(n) || n < 1) return `N must be a whole number of at least 1 (got ${n}).`;
  if (n > env.maxN) {
    const mib = (3 * 4 * n * n) / 2 ** 20;
    return `N = ${n} is too large: its three matrices need ${mib.toFixed(0)} MiB, and ${env.maxNReason}. Try N ≤ ${env.maxN}.`;
  }
  return null;
}

/** Normal(0, 1) float32 values by Box–Muller, like the lesson's np.random.normal (in float32). */
export function randomNormalMatrix(n: number): Float32Array {
  const values = new Float32Array(n * n);
  for (let i = 0; i < values.length; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - Math.random()));
    const angle = 2 * Math.PI * Math.random();
    values[i] = radius * Math.cos(angle);
    if (i + 1 < values.length) values[i + 1] = radius * Math.sin(angle);
  }
  return values;
}

/** Resolves when the GPU backend's device or context is lost, so no await hangs on a dead device. */
function deviceLost(name: BackendName): { lost: Promise<string>; stop: () => void } {
  if (name === 'webgpu') {
    const device = webgpuDevice();
    if (!device) return { lost: new Promise(() => {}), stop: () => {} };
    return {
      lost: device.lost.then(
        (info) => `The WebGPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''}).`,
      ),
      stop: () => {},
    };
  }
  if (name === 'webgl') {
    const canvas = webglContext()?.canvas as (HTMLCanvasElement | OffscreenCanvas) | undefined;
    if (!canvas) return { lost: new Promise(() => {}), stop: () => {} };
    let listener = (): void => {};
    const lost = new Promise<string>((resolve) => {
      listener = () => resolve('The WebGL context was lost.');
      canvas.addEventListener('webglcontextlost', listener);
    });
    if (webglContext()?.isContextLost())
      return { lost: Promise.resolve('The WebGL context was lost.'), stop: () => {} };
    return { lost, stop: () => canvas.removeEventListener('webglcontextlost', listener) };
  }
  return { lost: new Promise(() => {}), stop: () => {} };
}

export interface MeasureOptions {
  n: number;
  repeats: number;
  cpuBackend?: SpeedupCpuBackend;
  gpuBackend?: SpeedupGpuBackend;
  naive?: boolean;
  /** Aborting stops the measurement at once with a 'cancelled' failure (a CPU run in progress ends first). */
  signal?: AbortSignal;
  onProgress?: (event: Omit<Extract<SpeedupEvent, { type: 'speedup-progress' }>, 'type' | 'id'>) => void;
  /** Called once the environment is known, before any allocation. */
  onEnvironment?: (env: SpeedupEnvironment) => void;
}

interface DeviceRun {
  backend: BackendName;
  hostA: Float32Array;
  hostB: Float32Array;
  resident: tf.Tensor[];
  warmupMs: number;
  naiveMs: number;
  compute: number[];
  endToEnd: number[];
  /** Synced runs averaged into one sample, so that a sample lasts at least MIN_SAMPLE_MS. */
  batch: number;
}

/** Browsers coarsen performance.now() (to 0.1 ms without cross-origin isolation): samples shorter than this are batched. */
export const MIN_SAMPLE_MS = 2;
const MAX_BATCH = 256;

/**
 * Measures one N on both devices. Throws SpeedupFailure ('too-large', 'gpu-lost', 'cancelled',
 * 'failed'); whatever happens, every tensor it made is disposed before it returns.
 */
export async function measureSpeedup(
  options: MeasureOptions,
): Promise<{ env: SpeedupEnvironment; result: SpeedupMeasurement }> {
  const { n } = options;
  const repeats = Math.round(options.repeats);
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > MAX_REPEATS) {
    throw new SpeedupFailure(
      'bad-request',
      `repeats must be a whole number from 1 to ${MAX_REPEATS} (got ${options.repeats}).`,
    );
  }
  const env = await probeSpeedupEnvironment(options.cpuBackend, options.gpuBackend);
  options.onEnvironment?.(env);
  const refusal = refuseSize(n, env);
  if (refusal) throw new SpeedupFailure(n > env.maxN ? 'too-large' : 'bad-request', refusal);

  const previous = tf.getBackend();
  // Every tensor this measurement makes, so that the count of leftovers is ours alone
  // (tf.memory() counts the whole kernel's tensors, which other sessions change meanwhile).
  const made: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(tensor: T): T => {
    made.push(tensor);
    return tensor;
  };
  const hostA = randomNormalMatrix(n);
  const hostB = randomNormalMatrix(n);
  const deviceRun = (backend: DeviceRun['backend']): DeviceRun => ({
    backend,
    hostA,
    hostB,
    resident: [],
    warmupMs: 0,
    naiveMs: 0,
    compute: [],
    endToEnd: [],
    batch: 1,
  });
  const cpu = deviceRun(env.cpu.backend);
  const gpu = env.gpu ? deviceRun(env.gpu.backend) : null;
  const devices = gpu ? [cpu, gpu] : [cpu];
  const total = devices.length * (1 + 2 * repeats);
  let done = 0;
  const watch = gpu ? deviceLost(gpu.backend) : null;
  let lostMessage: string | null = null;
  void watch?.lost.then((message) => {
    lostMessage = message;
    if (gpu) lostBackends.add(gpu.backend);
  });

  const aborted = new Promise<never>((_, reject) => {
    const stop = (): void => reject(new SpeedupFailure('cancelled', 'Cancelled.'));
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });
  });
  aborted.catch(() => undefined);
  // Awaits a readback, but gives up at once if cancelled or if the GPU device dies meanwhile
  // (tfjs frees a tensor disposed during its pending read once the read ends).
  const settle = async <T>(run: DeviceRun, pending: Promise<T>): Promise<T> => {
    const racers: Promise<T>[] = [pending, aborted];
    if (run !== cpu && watch) {
      racers.push(
        watch.lost.then((message) => {
          throw new SpeedupFailure('gpu-lost', `${message} The measurement stopped.`);
        }),
      );
    }
    return Promise.race(racers);
  };
  const checkpoint = (run: DeviceRun, phase: 'warmup' | 'compute' | 'end-to-end'): void => {
    done += 1;
    options.onProgress?.({ device: run === cpu ? 'cpu' : 'gpu', phase, done, total });
    if (lostMessage) throw new SpeedupFailure('gpu-lost', `${lostMessage} The measurement stopped.`);
    if (options.signal?.aborted) throw new SpeedupFailure('cancelled', 'Cancelled.');
  };

  // Upload, multiply, download: the lesson's whole `A.to("cuda"); C = A @ B` path, synced.
  // With `keep`, A and B stay on the device afterwards (as the compute-only runs' inputs).
  const endToEnd = async (run: DeviceRun, keep: boolean): Promise<{ ms: number; dispatchMs: number }> => {
    useBackend(run.backend);
    const start = performance.now();
    const a = own(tf.tensor2d(run.hostA, [n, n]));
    const b = own(tf.tensor2d(run.hostB, [n, n]));
    const c = own(tf.matMul(a, b));
    const dispatchMs = performance.now() - start;
    let kept = false;
    try {
      await settle(run, c.data());
      const ms = performance.now() - start;
      if (keep) {
        run.resident = [a, b];
        kept = true;
      }
      return { ms, dispatchMs };
    } finally {
      c.dispose();
      if (!kept) tf.dispose([a, b]);
    }
  };

  // Inputs already on the device (uploaded by the warm-up): multiply, then await the result.
  const computeOnce = async (run: DeviceRun): Promise<void> => {
    useBackend(run.backend);
    const [a, b] = run.resident;
    const c = own(tf.matMul(a, b));
    try {
      await settle(run, c.data());
    } finally {
      c.dispose();
    }
  };
  // One sample: the mean of `batch` runs, each awaited before the next starts.
  const computeOnly = async (run: DeviceRun): Promise<number> => {
    const start = performance.now();
    for (let i = 0; i < run.batch; i++) await computeOnce(run);
    return (performance.now() - start) / run.batch;
  };
  const endToEndSample = async (run: DeviceRun): Promise<number> => {
    const start = performance.now();
    for (let i = 0; i < run.batch; i++) await endToEnd(run, false);
    return (performance.now() - start) / run.batch;
  };
  // How many runs make a sample the coarse timer can measure (untimed, like the warm-up).
  const calibrate = async (run: DeviceRun): Promise<void> => {
    let count = 0;
    const start = performance.now();
    while (performance.now() - start < MIN_SAMPLE_MS && count < MAX_BATCH) {
      await computeOnce(run);
      count++;
    }
    run.batch = Math.max(1, count);
  };

  try {
    if (options.signal?.aborted) throw new SpeedupFailure('cancelled', 'Cancelled.');
    for (const run of devices) {
      // The warm-up is the first, cold run: shader compilation lands here and is never counted.
      const first = await endToEnd(run, true);
      run.warmupMs = first.ms;
      run.naiveMs = first.dispatchMs;
      await calibrate(run);
      checkpoint(run, 'warmup');
    }
    for (let i = 0; i < repeats; i++) {
      for (const run of devices) {
        run.compute.push(await computeOnly(run));
        checkpoint(run, 'compute');
      }
      for (const run of devices) {
        run.endToEnd.push(await endToEndSample(run));
        checkpoint(run, 'end-to-end');
      }
    }
  } catch (error) {
    if (error instanceof SpeedupFailure) throw error;
    if (lostMessage) throw new SpeedupFailure('gpu-lost', `${lostMessage} The measurement stopped.`);
    throw new SpeedupFailure(
      'failed',
      `The measurement failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    watch?.stop();
    for (const run of devices) tf.dispose(run.resident);
    if (previous && tf.engine().registry[previous]) useBackend(previous as BackendName);
    const leftover = made.filter((tensor) => !tensor.isDisposed);
    tf.dispose(leftover);
    if (leftover.length > 0) {
      console.warn(
        `gpu-speedup: ${leftover.length} tensors were still alive after measuring N=${n}; freed them`,
      );
    }
  }

  const timing = (run: DeviceRun): DeviceTiming => ({
    backend: run.backend,
    warmupMs: run.warmupMs,
    compute: summarize(run.compute),
    endToEnd: summarize(run.endToEnd),
    ...(options.naive ? { naiveMs: run.naiveMs } : {}),
    runsPerSample: run.batch,
  });
  const cpuTiming = timing(cpu);
  const gpuTiming = gpu ? timing(gpu) : null;
  return {
    env,
    result: {
      n,
      repeats,
      cpu: cpuTiming,
      gpu: gpuTiming,
      speedupCompute: gpuTiming ? speedupOf(cpuTiming.compute.median, gpuTiming.compute.median) : null,
      speedupEndToEnd: gpuTiming ? speedupOf(cpuTiming.endToEnd.median, gpuTiming.endToEnd.median) : null,
      speedupNaive: gpuTiming && options.naive ? speedupOf(cpu.naiveMs, gpu!.naiveMs) : null,
    },
  };
}
