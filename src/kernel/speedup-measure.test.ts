// The measuring code run in the page (as the in-page kernel would): real timings on the
// SwiftShader adapters, every tensor freed, refusals before allocation, a lost device reported.
import * as tf from '@tensorflow/tfjs-core';
import { expect } from '@open-wc/testing';
import { setWasmBase } from '../core/backends.js';
import { SpeedupFailure, measureSpeedup, probeSpeedupEnvironment } from './speedup-measure.js';

setWasmBase('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');

async function failure(promise: Promise<unknown>): Promise<SpeedupFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SpeedupFailure) return error;
    throw error;
  }
  throw new Error('expected a SpeedupFailure');
}

describe('speedup measuring code (in the page)', function () {
  this.timeout(120000);

  it('labels wasm with SIMD and threads, and SwiftShader as a software WebGPU adapter', async () => {
    const env = await probeSpeedupEnvironment('auto', 'webgpu');
    expect(env.cpu.backend).to.equal('wasm');
    expect(env.cpu.label).to.match(/^wasm \((no )?SIMD, \d+ threads?\)$/);
    expect(env.gpu?.backend).to.equal('webgpu');
    expect(env.gpu?.adapter?.software).to.equal(true);
    expect(env.gpu?.label).to.match(/swiftshader/i);
    expect(env.gpuNote).to.match(/say nothing about a real GPU/);
    expect(env.maxN).to.be.greaterThan(1000).and.at.most(4096);
  });

  for (const gpuBackend of ['webgpu', 'webgl'] as const) {
    it(`times N=64 on wasm and ${gpuBackend} with finite speedups and frees every tensor`, async () => {
      const before = tf.memory().numTensors;
      const progress: number[] = [];
      const { env, result } = await measureSpeedup({
        n: 64,
        repeats: 3,
        gpuBackend,
        naive: true,
        onProgress: (p) => progress.push(p.done),
      });
      expect(tf.memory().numTensors).to.equal(before);
      expect(env.gpu?.backend).to.equal(gpuBackend);
      expect(result.gpu?.backend).to.equal(gpuBackend);
      for (const timing of [result.cpu, result.gpu!]) {
        expect(timing.compute.samples).to.have.length(3);
        expect(timing.compute.median).to.be.greaterThan(0);
        expect(timing.endToEnd.median).to.be.greaterThan(0);
        expect(timing.compute.min).to.be.at.most(timing.compute.median);
        expect(timing.warmupMs).to.be.greaterThan(0);
        expect(timing.naiveMs).to.be.a('number');
        expect(timing.runsPerSample).to.be.within(1, 256);
      }
      expect(Number.isFinite(result.speedupCompute)).to.equal(true);
      expect(Number.isFinite(result.speedupEndToEnd)).to.equal(true);
      expect(progress).to.deep.equal(Array.from({ length: 14 }, (_, i) => i + 1));
    });
  }

  it('counts only its own tensors: another session freeing tensors meanwhile raises no warning', async () => {
    const others = Array.from({ length: 40 }, () => tf.zeros([2]));
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const before = tf.memory().numTensors;
      await measureSpeedup({
        n: 32,
        repeats: 2,
        gpuBackend: 'none',
        cpuBackend: 'cpu',
        // Another cell's tensors are freed while this measurement runs.
        onProgress: (p) => p.done === 1 && tf.dispose(others),
      });
      expect(tf.memory().numTensors).to.equal(before - others.length);
    } finally {
      console.warn = warn;
    }
    expect(warnings.filter((w) => w.includes('gpu-speedup'))).to.deep.equal([]);
  });

  it('times the CPU alone when no GPU backend is asked for', async () => {
    const { env, result } = await measureSpeedup({
      n: 32,
      repeats: 2,
      gpuBackend: 'none',
      cpuBackend: 'cpu',
    });
    expect(env.gpu).to.equal(null);
    expect(env.gpuNote).to.match(/Only the CPU/);
    expect(result.cpu.backend).to.equal('cpu');
    expect(result.cpu.compute.median).to.be.greaterThan(0);
    expect(result.speedupCompute).to.equal(null);
  });

  it('refuses an N too large before allocating anything', async () => {
    const before = tf.memory();
    const error = await failure(measureSpeedup({ n: 100000, repeats: 1 }));
    expect(error.code).to.equal('too-large');
    expect(error.message).to.match(
      /N = 100000 is too large: its three matrices need 114441 MiB.*Try N ≤ \d+/,
    );
    expect(tf.memory().numTensors).to.equal(before.numTensors);
    expect(tf.memory().numBytes).to.equal(before.numBytes);
  });

  it('stops at once when cancelled, and frees what it made', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const started = performance.now();
    const pending = measureSpeedup({
      n: 256,
      repeats: 20,
      gpuBackend: 'webgpu',
      signal: controller.signal,
      onProgress: (p) => p.done === 3 && controller.abort(),
    });
    const error = await failure(pending);
    expect(error.code).to.equal('cancelled');
    expect(performance.now() - started).to.be.below(20000);
    expect(tf.memory().numTensors).to.equal(before);
  });

  // Last: it destroys this page's WebGPU device for good.
  it('ends with a message, not a hang, when the WebGPU device is lost mid-run', async () => {
    const device = (tf.findBackend('webgpu') as unknown as { device: GPUDevice }).device;
    const error = await failure(
      measureSpeedup({
        n: 128,
        repeats: 5,
        gpuBackend: 'webgpu',
        onProgress: (p) => p.done === 2 && device.destroy(),
      }),
    );
    expect(error.code).to.equal('gpu-lost');
    expect(error.message).to.match(/WebGPU device was lost/);
    const env = await probeSpeedupEnvironment('auto', 'webgpu');
    expect(env.gpu).to.equal(null);
    expect(env.gpuNote).to.match(/lost earlier/);
  });
});
