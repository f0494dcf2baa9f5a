// Conversions: dtype casts (float() long() …), device moves (to/cpu/cuda), item(), tolist().
import * as tf from '@tensorflow/tfjs-core';
import { type DType, isFloating, storageType } from './dtype.js';
import { type DeviceType, backendFor, selectDevice } from './device.js';
import { valueError } from './errors.js';
import { castData } from './elementwise.js';
import { Tensor, compute, makeResult } from './tensor.js';
import { coerce } from './creation.js';

/** A copy with another dtype (ToCopyBackward0 between floating types). Same dtype: t itself. */
export function toDType(t: Tensor, dtype: DType, copy = false): Tensor {
  if (dtype === t.dtype && !copy) return t;
  const store = storageType(dtype);
  const host = !isFloating(t.dtype) || dtype === 'float16' || dtype === 'float64' || dtype === 'int64';
  if (host && (dtype === 'float64' || dtype === 'int64' || dtype === 'float16')) {
    // through the host so exact values and float16 rounding survive
    const values = Array.from(t.readSync(), (v) => coerce(v, dtype));
    const out = Tensor.fromHost(values, t.shape, dtype, t.device);
    if (isFloating(dtype) && isFloating(t.dtype) && t.requiresGrad) return withCopyGrad(t, out);
    return out;
  }
  const data = compute(t.device, () => castData(t.data, store));
  const out = new Tensor(data, dtype, t.device);
  if (isFloating(dtype) && isFloating(t.dtype) && t.requiresGrad) return withCopyGrad(t, out);
  return out;
}

function withCopyGrad(src: Tensor, out: Tensor): Tensor {
  const data = out.data;
  const r = makeResult(tf.clone(data), out.dtype, out.device, [src], 'ToCopyBackward0', (g) => [g], false);
  out.dispose();
  return r;
}

/** A copy on another device (tfjs moves the data between backends when read). */
export function toDevice(t: Tensor, device: DeviceType): Tensor {
  if (device === t.device) return t;
  backendFor(device); // raises when the device is unavailable
  const values = t.readSync();
  selectDevice(device);
  const out = Tensor.fromHost(values, t.shape, t.dtype, device);
  if (!t.requiresGrad) return out;
  return makeResult(
    tf.clone(out.data),
    t.dtype,
    device,
    [t],
    'ToCopyBackward0',
    (g) => {
      const v = g.dataSync();
      selectDevice(t.device);
      return [tf.tensor(v, g.shape, g.dtype)];
    },
    false,
  );
}

function checkOne(t: Tensor): void {
  if (t.numel !== 1) throw valueError('only one element tensors can be converted to Python scalars');
}

/** item(): the value as a JS number (or boolean for bool tensors); floats are float32 values. */
export function item(t: Tensor): number | boolean {
  checkOne(t);
  return scalarOf(t, t.readSync()[0]);
}
export async function itemAsync(t: Tensor): Promise<number | boolean> {
  checkOne(t);
  return scalarOf(t, (await t.read())[0]);
}
function scalarOf(t: Tensor, v: number): number | boolean {
  return t.dtype === 'bool' ? v !== 0 : v;
}

export type Nested = number | boolean | Nested[];
/** tolist(): nested arrays of numbers (booleans for bool tensors). */
export function toList(t: Tensor, values: ArrayLike<number> = t.readSync()): Nested {
  const shape = t.shape;
  let k = 0;
  const build = (dim: number): Nested => {
    if (dim === shape.length) return scalarOf(t, values[k++]);
    const out: Nested[] = [];
    for (let i = 0; i < shape[dim]; i++) out.push(build(dim + 1));
    return out;
  };
  return build(0);
}

/** Values of a tensor as a store type suited to numpy conversion (float64 array). */
export function toFloat64Array(t: Tensor): Float64Array {
  return Float64Array.from(t.readSync());
}

export { storageType };
