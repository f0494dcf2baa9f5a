// Tensor creation: torch.tensor from nested Python data, zeros/ones/full/eye/arange/linspace,
// *_like, and the seeded random functions.
import * as tf from '@tensorflow/tfjs-core';
import { type DType, DEFAULT_FLOAT, isFloating, storageType } from './dtype.js';
import { backendFor, type DeviceType } from './device.js';
import { allocationError, runtimeError, typeError, valueError } from './errors.js';
import { roundHalfEven } from './decimal.js';
import { setRequiresGrad } from './autograd.js';
import { type MT19937, normalSamples, randintSamples, randpermSamples, uniformSamples } from './random.js';
import { PyFloat, type Scalar, isScalar, scalarValue } from './scalar.js';
import { numelOf } from './shapes.js';
import { Tensor, compute, mapValues } from './tensor.js';

/** Nested Python data as the interpreter hands it over: lists/tuples of numbers, bools, tensors. */
export type NestedData = Scalar | Tensor | readonly NestedData[];

export interface CreateOptions {
  dtype?: DType | null;
  device?: DeviceType | null;
  requiresGrad?: boolean;
  /** The stream random values come from (torch's generator=); the session's default one if none. */
  generator?: MT19937 | null;
}

let defaultDevice: DeviceType = 'cpu';
/** The device new tensors go to when none is given (the run's device). */
export function setDefaultDevice(device: DeviceType): void {
  defaultDevice = device;
}
export function getDefaultDevice(): DeviceType {
  return defaultDevice;
}

function finish(t: Tensor, options: CreateOptions): Tensor {
  if (options.requiresGrad) setRequiresGrad(t, true, true);
  return t;
}

/** Converts a value to what storing it in `dtype` gives (int truncates toward zero, bool != 0). */
export function coerce(v: number, dtype: DType): number {
  if (dtype === 'bool') return v !== 0 && !Number.isNaN(v) ? 1 : 0;
  if (dtype === 'int32' || dtype === 'int64') return Number.isFinite(v) ? Math.trunc(v) : 0;
  if (dtype === 'float16') return roundFloat16(v);
  return v;
}

/** Rounds to the nearest float16 value (for the float16 label's printed values). */
export function roundFloat16(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const a = Math.abs(v);
  if (a >= 65520) return v > 0 ? Infinity : -Infinity;
  const e = Math.max(Math.floor(Math.log2(a)), -14);
  const quantum = 2 ** (e - 10);
  // a / quantum is exact (a power of two), so only an exact .5 is a tie.
  return Math.sign(v) * roundHalfEven(a / quantum) * quantum;
}

/** torch.tensor(data): shape and dtype inferred as PyTorch does, ragged lists rejected. */
export function tensor(data: NestedData, options: CreateOptions = {}): Tensor {
  if (data instanceof Tensor) {
    const dtype = options.dtype ?? data.dtype;
    return finish(
      fromValues(Array.from(data.readSync()), data.shape, dtype, options.device ?? data.device),
      options,
    );
  }
  const shape: number[] = [];
  let probe: NestedData = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  if (probe instanceof Tensor) shape.push(...probe.shape);
  const values: number[] = [];
  let sawFloat = false;
  let sawInt = false;
  let sawBool = false;
  let tensorType: DType | null = null;
  const walk = (node: NestedData, dim: number) => {
    if (Array.isArray(node)) {
      // A sequence where the first element's path had a number (PyTorch's store_scalar wording).
      if (dim >= shape.length) throw typeError('must be real number, not list');
      if (node.length !== shape[dim]) {
        throw valueError(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${node.length})`);
      }
      for (const child of node) walk(child, dim + 1);
      return;
    }
    if (node instanceof Tensor) {
      const rest = shape.slice(dim);
      if (node.ndim !== rest.length || node.shape.some((d, i) => d !== rest[i])) {
        if (node.ndim === 0)
          throw valueError(`expected sequence of length ${shape[dim]} at dim ${dim} (got 0)`);
        throw valueError('only one element tensors can be converted to Python scalars');
      }
      tensorType = tensorType == null ? node.dtype : tensorType;
      for (const v of Array.from(node.readSync())) values.push(v);
      if (isFloating(node.dtype)) sawFloat = true;
      else if (node.dtype === 'bool') sawBool = true;
      else sawInt = true;
      return;
    }
    if (dim < shape.length) {
      throw typeError(
        `object of type '${typeof node === 'boolean' ? 'bool' : node instanceof PyFloat ? 'float' : 'int'}' has no len()`,
      );
    }
    if (!isScalar(node)) throw typeError(`Could not infer dtype of ${typeof node}`);
    if (node instanceof PyFloat) sawFloat = true;
    else if (typeof node === 'boolean') sawBool = true;
    else sawInt = true;
    values.push(scalarValue(node));
  };
  walk(data, 0);
  const inferred: DType =
    tensorType && !sawFloat
      ? tensorType
      : sawFloat
        ? tensorType && isFloating(tensorType)
          ? tensorType
          : DEFAULT_FLOAT
        : sawInt
          ? 'int64'
          : sawBool
            ? 'bool'
            : DEFAULT_FLOAT;
  const dtype = options.dtype ?? inferred;
  return finish(fromValues(values, shape, dtype, options.device ?? defaultDevice), options);
}

/** A tensor from flat host values (coerced to the dtype). */
export function fromValues(
  values: ArrayLike<number>,
  shape: number[],
  dtype: DType,
  device: DeviceType,
): Tensor {
  const coerced = mapValues(values, new Float64Array(values.length), (v) => coerce(v, dtype));
  return Tensor.fromHost(coerced, shape, dtype, device);
}

/** Largest element count a tensor may have: a huge `zeros` is a MemoryError, not a dead tab. */
export const MAX_ELEMENTS = 2 ** 27;
const ITEM_BYTES: Record<DType, number> = { bool: 1, float16: 2, int32: 4, float32: 4, int64: 8, float64: 8 };

function checkSize(
  numel: number,
  dtype: DType,
  device: DeviceType = defaultDevice,
  shape: readonly number[] = [numel],
): void {
  if (numel > MAX_ELEMENTS) throw allocationError(shape, ITEM_BYTES[dtype], device);
}

function checkShape(
  shape: readonly number[],
  dtype: DType = DEFAULT_FLOAT,
  device: DeviceType = defaultDevice,
): number[] {
  for (const d of shape) {
    if (!Number.isInteger(d)) throw typeError('expected a sequence of integers for the size');
    if (d < 0)
      throw runtimeError(`Trying to create tensor with negative dimension ${d}: [${shape.join(', ')}]`);
  }
  checkSize(numelOf(shape), dtype, device, shape);
  return shape.slice();
}

function filled(shape: readonly number[], value: number, options: CreateOptions, fallback: DType): Tensor {
  const dtype = options.dtype ?? fallback;
  const device = options.device ?? defaultDevice;
  const dims = checkShape(shape, dtype, device);
  const v = coerce(value, dtype);
  const data = compute(device, () => tf.fill(dims, v, storageType(dtype)));
  return finish(new Tensor(data, dtype, device), options);
}

export const zeros = (shape: readonly number[], options: CreateOptions = {}): Tensor =>
  filled(shape, 0, options, DEFAULT_FLOAT);
export const ones = (shape: readonly number[], options: CreateOptions = {}): Tensor =>
  filled(shape, 1, options, DEFAULT_FLOAT);

/** torch.full: the dtype follows the fill value (int → int64, float → float32, bool → bool). */
export function full(shape: readonly number[], value: Scalar, options: CreateOptions = {}): Tensor {
  const fallback: DType =
    typeof value === 'boolean' ? 'bool' : value instanceof PyFloat ? DEFAULT_FLOAT : 'int64';
  return filled(shape, scalarValue(value), options, fallback);
}

const likeOptions = (t: Tensor, options: CreateOptions): CreateOptions => ({
  dtype: options.dtype ?? t.dtype,
  device: options.device ?? t.device,
  requiresGrad: options.requiresGrad,
});
export const zerosLike = (t: Tensor, options: CreateOptions = {}): Tensor =>
  zeros(t.shape, likeOptions(t, options));
export const onesLike = (t: Tensor, options: CreateOptions = {}): Tensor =>
  ones(t.shape, likeOptions(t, options));
export const fullLike = (t: Tensor, value: Scalar, options: CreateOptions = {}): Tensor =>
  filled(t.shape, scalarValue(value), likeOptions(t, options), t.dtype);

export function eye(n: number, m: number = n, options: CreateOptions = {}): Tensor {
  const dtype = options.dtype ?? DEFAULT_FLOAT;
  checkShape([n, m], dtype);
  const device = options.device ?? defaultDevice;
  const data = compute(device, () => tf.cast(tf.eye(n, m), storageType(dtype)));
  return finish(new Tensor(data, dtype, device), options);
}

/** torch.arange(start, end, step): int64 unless an argument is a float. */
export function arange(
  start: Scalar,
  end: Scalar | null,
  step: Scalar = 1,
  options: CreateOptions = {},
): Tensor {
  if (end == null) {
    end = start;
    start = 0;
  }
  const anyFloat = [start, end, step].some((v) => v instanceof PyFloat);
  const dtype = options.dtype ?? (anyFloat ? DEFAULT_FLOAT : 'int64');
  const s = scalarValue(start);
  const e = scalarValue(end);
  const st = scalarValue(step);
  if (st === 0) throw runtimeError('step must be nonzero');
  if ((st > 0 && e < s) || (st < 0 && e > s))
    throw runtimeError('upper bound and larger bound inconsistent with step sign');
  const n = Math.max(0, Math.ceil((e - s) / st));
  checkSize(n, dtype);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = s + i * st;
  return finish(fromValues(values, [n], dtype, options.device ?? defaultDevice), options);
}

/** torch.linspace: computed from both ends, as PyTorch's CPU kernel does. */
export function linspace(start: number, end: number, steps: number, options: CreateOptions = {}): Tensor {
  if (steps < 0) throw runtimeError('number of steps must be non-negative');
  const dtype = options.dtype ?? DEFAULT_FLOAT;
  checkSize(steps, dtype);
  const values = new Float64Array(steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) values[i] = i < half ? start + step * i : end - step * (steps - i - 1);
  return finish(fromValues(values, [steps], dtype, options.device ?? defaultDevice), options);
}

/**
 * The device of a random op, known ready before a number is drawn: a GPU still being set up raises
 * here (GpuSettingUp), so the op the binding runs again after the set-up draws the same numbers.
 */
function readyDevice(options: CreateOptions): DeviceType {
  const device = options.device ?? defaultDevice;
  backendFor(device);
  return device;
}

function randomTensor(
  shape: readonly number[],
  options: CreateOptions,
  sample: (n: number, double: boolean) => Float64Array,
  name: string,
): Tensor {
  const dims = checkShape(shape);
  const dtype = options.dtype ?? DEFAULT_FLOAT;
  if (!isFloating(dtype))
    throw runtimeError(
      `"${name}" not implemented for '${dtype === 'bool' ? 'Bool' : dtype === 'int32' ? 'Int' : 'Long'}'`,
    );
  const device = readyDevice(options);
  const values = sample(numelOf(dims), dtype === 'float64');
  return finish(fromValues(values, dims, dtype, device), options);
}

export const rand = (shape: readonly number[], options: CreateOptions = {}): Tensor =>
  randomTensor(
    shape,
    options,
    (n, d) => uniformSamples(n, d, 0, 1, options.generator ?? undefined),
    'check_uniform_bounds',
  );
export const randn = (shape: readonly number[], options: CreateOptions = {}): Tensor =>
  randomTensor(
    shape,
    options,
    (n, d) => normalSamples(n, d, 0, 1, options.generator ?? undefined),
    'normal_kernel_cpu',
  );

/** torch.normal(mean, std, size) with numbers. */
export function normal(
  mean: number,
  std: number,
  shape: readonly number[],
  options: CreateOptions = {},
): Tensor {
  if (std < 0) throw runtimeError(`normal expects std >= 0.0, but found std ${std}`);
  return randomTensor(
    shape,
    options,
    (n, d) => normalSamples(n, d, mean, std, options.generator ?? undefined),
    'normal_kernel_cpu',
  );
}

export function randint(
  low: number,
  high: number,
  shape: readonly number[],
  options: CreateOptions = {},
): Tensor {
  const dims = checkShape(shape);
  if (low >= high)
    throw runtimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const dtype = options.dtype ?? 'int64';
  const device = readyDevice(options);
  const values = randintSamples(numelOf(dims), low, high, options.generator ?? undefined);
  return finish(fromValues(values, dims, dtype, device), options);
}

export function randperm(n: number, options: CreateOptions = {}): Tensor {
  if (n < 0) throw runtimeError(`n must be non-negative, got${n}`);
  const dtype = options.dtype ?? 'int64';
  checkSize(n, dtype);
  const device = readyDevice(options);
  return finish(fromValues(randpermSamples(n, options.generator ?? undefined), [n], dtype, device), options);
}

export const randLike = (t: Tensor, options: CreateOptions = {}): Tensor =>
  rand(t.shape, likeOptions(t, options));
export const randnLike = (t: Tensor, options: CreateOptions = {}): Tensor =>
  randn(t.shape, likeOptions(t, options));
