// The <gpu-speedup> element's messages to the kernel, answered by src/kernel/speedup.ts in the
// Worker, and the measurements they carry back (drawn by src/plot/speedup-charts.ts).

/** Which tfjs backend plays the CPU: 'auto' = wasm where it loads, else the plain JS cpu backend. */
export type SpeedupCpuBackend = 'auto' | 'wasm' | 'cpu';
/** Which tfjs backend plays the GPU: 'auto' = webgpu, else webgl; 'none' measures the CPU only. */
export type SpeedupGpuBackend = 'auto' | 'webgpu' | 'webgl' | 'none';

export type SpeedupRequest =
  /** Labels and limits only: which backends would run, the GPU adapter, the largest N allowed. */
  | { type: 'speedup-probe'; id: number; cpuBackend?: SpeedupCpuBackend; gpuBackend?: SpeedupGpuBackend }
  /** Times C = A @ B (float32, n×n) on both devices: one warm-up, then `repeats` synced runs. */
  | {
      type: 'speedup';
      id: number;
      n: number;
      repeats: number;
      cpuBackend?: SpeedupCpuBackend;
      gpuBackend?: SpeedupGpuBackend;
      /** Also time the lesson's naive way: one cold run, no warm-up, no sync. */
      naive?: boolean;
    }
  /** Stops the running `speedup` request `target` at its next checkpoint (between runs). */
  | { type: 'speedup-cancel'; id: number; target: number };

const speedupRequestTypes: ReadonlySet<string> = new Set<SpeedupRequest['type']>([
  'speedup-probe',
  'speedup',
  'speedup-cancel',
]);

/** True for the requests the kernel hands to its speedup handler. */
export function isSpeedupRequest<R extends { type: string }>(msg: R | SpeedupRequest): msg is SpeedupRequest {
  return speedupRequestTypes.has(msg.type);
}

export interface SpeedupAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software rasteriser / fallback adapter (SwiftShader, llvmpipe, WARP): not a real GPU. */
  software: boolean;
}

export interface SpeedupEnvironment {
  cpu: {
    backend: 'wasm' | 'cpu';
    simd: boolean | null;
    threads: number | null;
    label: string;
    note?: string;
  };
  /** null when no GPU backend initialised (or it was not asked for); `gpuNote` says why. */
  gpu: {
    backend: 'webgpu' | 'webgl';
    label: string;
    adapter: SpeedupAdapterInfo | null;
    note?: string;
  } | null;
  gpuNote?: string;
  /** Largest N this environment accepts, and what limits it. */
  maxN: number;
  maxNReason: string;
}

/** Median and spread of a set of timed runs, in milliseconds. */
export interface TimingStats {
  samples: number[];
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
}

export interface DeviceTiming {
  backend: string;
  /** The first (warm-up) run, synced: includes shader compilation. Never counted in the stats. */
  warmupMs: number;
  /** Inputs already on the device: matmul, then await the result. */
  compute: TimingStats;
  /** Upload A and B, matmul, download C. */
  endToEnd: TimingStats;
  /** The lesson's way: the first run, timed without waiting for the result. */
  naiveMs?: number;
  /**
   * Runs averaged into each sample (1 unless one run is shorter than the browser's coarse timer
   * can measure well; each run is still synced before the next starts).
   */
  runsPerSample: number;
}

export interface SpeedupMeasurement {
  n: number;
  repeats: number;
  cpu: DeviceTiming;
  gpu: DeviceTiming | null;
  /** cpu median / gpu median; null without a GPU. */
  speedupCompute: number | null;
  speedupEndToEnd: number | null;
  speedupNaive: number | null;
}

export type SpeedupErrorCode = 'too-large' | 'gpu-lost' | 'cancelled' | 'bad-request' | 'failed';

export type SpeedupEvent =
  | { type: 'speedup-info'; id: number; env: SpeedupEnvironment; final?: boolean }
  | {
      type: 'speedup-progress';
      id: number;
      device: 'cpu' | 'gpu';
      phase: 'warmup' | 'compute' | 'end-to-end';
      /** Runs finished so far for this request, and all it will do. */
      done: number;
      total: number;
      final?: boolean;
    }
  | { type: 'speedup-result'; id: number; result: SpeedupMeasurement; env: SpeedupEnvironment; final: true }
  | { type: 'speedup-error'; id: number; code: SpeedupErrorCode; message: string; final: true }
  | { type: 'speedup-cancelled'; id: number; final: true };
