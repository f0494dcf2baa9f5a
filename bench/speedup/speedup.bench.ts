// Runs in Chromium (bench/speedup/run.mjs opens it): five sweeps with <gpu-speedup> through the
// kernel Worker, their break-even N and its spread, then GFLOP/s of our timing harness against a
// plain tfjs loop (matMul + await data()) on every backend. Results go to window.__benchResult.
import * as tf from '@tensorflow/tfjs-core';
import { type BackendName, loadBackend, setWasmBase, useBackend } from '../../src/core/backends.js';
import { summarize, matmulGflops } from '../../src/kernel/speedup-stats.js';
import { randomNormalMatrix } from '../../src/kernel/speedup-measure.js';
import '../../src/elements/gpu-speedup/gpu-speedup.js';
import type { GpuSpeedup } from '../../src/elements/gpu-speedup/gpu-speedup.js';
import { describeBreakEven } from '../../src/elements/gpu-speedup/break-even.js';

setWasmBase('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');

const params = new URLSearchParams(location.search);
const SWEEPS = Number(params.get('sweeps') ?? 5);
const MIN_N = Number(params.get('min') ?? 32);
const MAX_N = Number(params.get('max') ?? 512);
const REPEATS = Number(params.get('repeats') ?? 5);
const GFLOPS_N = Number(params.get('gflopsN') ?? 256);

const lines: string[] = [];
function log(line: string): void {
  lines.push(line);
  console.log(line);
}

function element(attrs: Record<string, string>): GpuSpeedup {
  const el = document.createElement('gpu-speedup');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.getElementById('bench')!.append(el);
  return el;
}

async function probed(el: GpuSpeedup): Promise<void> {
  while (!el.env) await new Promise((r) => setTimeout(r, 20));
}

/** Median ms of `repeats` plain tfjs matmuls on `backend`, after one warm-up: the reference. */
async function rawTfjs(backend: BackendName, n: number, repeats: number): Promise<number> {
  if (!(await loadBackend(backend))) return NaN;
  useBackend(backend);
  const a = tf.tensor2d(randomNormalMatrix(n), [n, n]);
  const b = tf.tensor2d(randomNormalMatrix(n), [n, n]);
  const warm = tf.matMul(a, b);
  await warm.data();
  warm.dispose();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const c = tf.matMul(a, b);
    await c.data();
    times.push(performance.now() - start);
    c.dispose();
  }
  tf.dispose([a, b]);
  return summarize(times).median;
}

async function main(): Promise<void> {
  log(
    `# gpu-speedup bench: ${SWEEPS} sweeps of N ${MIN_N}..${MAX_N}, ${REPEATS} repeats, cpu (plain JS) vs webgl`,
  );
  const breakEvens: number[] = [];
  for (let i = 0; i < SWEEPS; i++) {
    const el = element({
      'min-n': String(MIN_N),
      'max-n': String(MAX_N),
      repeats: String(REPEATS),
      'cpu-backend': 'cpu',
      'gpu-backend': 'webgl',
    });
    await probed(el);
    const started = performance.now();
    const found = await el.runSweep();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const sizes = el.results.map((r) => r.n).join(' ');
    log(`sweep ${i + 1}: ${found ? describeBreakEven(found) : 'no result'}  [${seconds} s; N = ${sizes}]`);
    log(
      `  end-to-end speedups: ${el.results.map((r) => `${r.n}:${r.speedupEndToEnd?.toFixed(2)}`).join(' ')}`,
    );
    if (found?.kind === 'crossing') breakEvens.push(found.n);
    if (i === 0) log(`  labels: CPU ${el.env?.cpu.label}; GPU ${el.env?.gpu?.label}`);
    el.remove();
  }
  if (breakEvens.length >= 2) {
    const spread = Math.max(...breakEvens) / Math.min(...breakEvens);
    log(
      `break-even N: ${breakEvens.map((n) => Math.round(n)).join(', ')}; spread max/min = ${spread.toFixed(2)} (target ≤ 1.3: ${spread <= 1.3 ? 'met' : 'NOT met'})`,
    );
  } else {
    log(`break-even N found in ${breakEvens.length} of ${SWEEPS} sweeps: no spread to compute`);
  }

  log(
    `# GFLOP/s at N = ${GFLOPS_N} (compute only, median of ${REPEATS}): ours (kernel Worker) vs raw tfjs loop (page)`,
  );
  const ours = new Map<string, number>();
  const alone = new Map<string, number>();
  for (const cpuBackend of ['wasm', 'cpu'] as const) {
    const el = element({
      n: String(GFLOPS_N),
      repeats: String(REPEATS),
      'cpu-backend': cpuBackend,
      'gpu-backend': 'none',
    });
    await probed(el);
    const result = await el.run();
    if (result) alone.set(cpuBackend, result.cpu.compute.median);
    el.remove();
  }
  for (const [cpuBackend, gpuBackend] of [
    ['wasm', 'webgpu'],
    ['cpu', 'webgl'],
  ] as const) {
    const el = element({
      n: String(GFLOPS_N),
      repeats: String(REPEATS),
      'cpu-backend': cpuBackend,
      'gpu-backend': gpuBackend,
    });
    await probed(el);
    const result = await el.run();
    if (result) {
      ours.set(result.cpu.backend, result.cpu.compute.median);
      if (result.gpu) ours.set(result.gpu.backend, result.gpu.compute.median);
      log(
        `  wasm vs webgpu / cpu vs webgl at N = ${GFLOPS_N}: end-to-end speedup ${result.speedupEndToEnd?.toFixed(3)} (${cpuBackend} vs ${gpuBackend})`,
      );
    }
    el.remove();
  }
  // On SwiftShader the "GPU" runs on the same CPU cores, so a CPU run interleaved with GPU runs
  // can be slowed by the GPU's leftover work; the CPU-only column shows the CPU timed alone.
  log('backend   ours GFLOP/s   ours, CPU alone   raw GFLOP/s   ours/raw');
  for (const backend of ['cpu', 'wasm', 'webgl', 'webgpu'] as const) {
    const oursMs = ours.get(backend);
    const rawMs = await rawTfjs(backend, GFLOPS_N, REPEATS);
    const o = oursMs ? matmulGflops(GFLOPS_N, oursMs) : NaN;
    const r = matmulGflops(GFLOPS_N, rawMs);
    const aloneMs = alone.get(backend);
    const a = aloneMs ? matmulGflops(GFLOPS_N, aloneMs).toFixed(3) : '';
    log(
      `${backend.padEnd(9)} ${o.toFixed(3).padStart(12)} ${a.padStart(17)} ${r.toFixed(3).padStart(13)} ${(o / r).toFixed(2).padStart(10)}`,
    );
  }
}

main().then(
  () => ((window as unknown as { __benchResult: unknown }).__benchResult = { ok: true, lines }),
  (error) =>
    ((window as unknown as { __benchResult: unknown }).__benchResult = {
      ok: false,
      lines,
      error: String(error?.stack ?? error),
    }),
);
