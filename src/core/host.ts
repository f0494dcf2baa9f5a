// Small float32 tensors on a host backend (cpu, wasm) computed in plain JS loops. A training step of
// a lesson's model runs ~100 ops on tensors of a few dozen values, where each tfjs kernel call costs
// far more than its arithmetic; the hot ops (losses, log_softmax, optimizer steps) take this path,
// mirroring tfjs-cpu's float32 rounding op by op, and keep tfjs for GPUs and big tensors.
import * as tf from '@tensorflow/tfjs-core';
import { backendFor, type DeviceType, selectDevice } from './device.js';
import type { Tensor } from './tensor.js';

/** Above this many values tfjs's kernels win (and wasm's SIMD does). */
const HOST_LIMIT = 4096;

/** Whether the tensors are float32 on one host-backed device, each at most `limit` values. */
export function onHost(ts: readonly Tensor[], limit = HOST_LIMIT): boolean {
  const device = ts[0].device;
  for (const t of ts) if (t.dtype !== 'float32' || t.device !== device || t.numel > limit) return false;
  const b = backendFor(device);
  return b === 'cpu' || b === 'wasm';
}

/** A tfjs float32 tensor of host values on `device`'s backend. */
export function hostData(values: Float32Array, shape: readonly number[], device: DeviceType): tf.Tensor {
  selectDevice(device);
  return tf.tensor(values, shape as number[], 'float32');
}

/** The values of a gradient handed to a backward closure (host backends read synchronously). */
export function gradValues(g: tf.Tensor): Float32Array {
  return g.dataSync() as Float32Array;
}
