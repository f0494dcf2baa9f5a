// Shape ops: reshape/view, transpose/permute/T, squeeze/unsqueeze, flatten, expand, cat, stack.
import * as tf from '@tensorflow/tfjs-core';
import { type DType, promoteTypes, storageType } from './dtype.js';
import { checkAllocation, runtimeError } from './errors.js';
import { commonDevice, castData } from './elementwise.js';
import { inferShape, stridesOf, wrapDim } from './shapes.js';
import { Tensor, compute, makeResult } from './tensor.js';

function reshaped(t: Tensor, shape: number[], name: string): Tensor {
  const old = t.shape;
  const data = compute(t.device, () => tf.reshape(t.data, shape));
  const out = t.carryExactTo(
    makeResult(data, t.dtype, t.device, [t], name, (g) => [tf.reshape(g, old)], false),
  );
  // same element order: a view of t (reshape of a non-contiguous tensor copies, as in PyTorch)
  if (name !== 'UnsafeViewBackward0' && out.numel <= 1 << 16) out.viewInto(t, identity(out.numel));
  return out;
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Flat source index of each element of the permuted tensor. */
function permutedPositions(shape: readonly number[], perm: readonly number[]): Int32Array {
  const srcStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]);
  const n = outShape.reduce((a, b) => a * b, 1);
  const out = new Int32Array(n);
  const idx = new Array<number>(outShape.length).fill(0);
  let pos = 0;
  for (let k = 0; k < n; k++) {
    out[k] = pos;
    for (let d = outShape.length - 1; d >= 0; d--) {
      idx[d]++;
      pos += srcStrides[perm[d]];
      if (idx[d] < outShape[d]) break;
      pos -= srcStrides[perm[d]] * outShape[d];
      idx[d] = 0;
    }
  }
  return out;
}

export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(shape, t.numel);
  return reshaped(t, target, t.contiguous ? 'ViewBackward0' : 'UnsafeViewBackward0');
}

/** True when only size-1 dims are added or removed (a view of any strided tensor allows that). */
function onlyUnitDimsChange(a: readonly number[], b: readonly number[]): boolean {
  const strip = (s: readonly number[]) => s.filter((d) => d !== 1);
  const x = strip(a);
  const y = strip(b);
  return x.length === y.length && x.every((d, i) => d === y[i]);
}

export function view(t: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(shape, t.numel);
  if (!t.contiguous && !onlyUnitDimsChange(t.shape, target)) {
    throw runtimeError(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  const out = reshaped(t, target, 'ViewBackward0');
  out.contiguous = t.contiguous;
  return out;
}

export function flatten(t: Tensor, startDim = 0, endDim = -1): Tensor {
  if (t.ndim === 0) return reshape(t, [1]);
  const s = wrapDim(startDim, t.ndim);
  const e = wrapDim(endDim, t.ndim);
  if (s > e) throw runtimeError('flatten() has invalid args: start_dim cannot come after end_dim');
  if (s === e) return t;
  const shape = t.shape;
  const merged = shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return reshape(t, [...shape.slice(0, s), merged, ...shape.slice(e + 1)]);
}

function isContiguousPerm(shape: readonly number[], perm: readonly number[]): boolean {
  const moved = perm.filter((p) => shape[p] !== 1);
  return moved.every((p, i) => i === 0 || moved[i - 1] < p);
}

export function permute(t: Tensor, dims: readonly number[], name = 'PermuteBackward0'): Tensor {
  if (dims.length !== t.ndim) {
    throw runtimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${t.ndim} is not equal to len(dims) = ${dims.length}`,
    );
  }
  const perm = dims.map((d) => wrapDim(d, t.ndim));
  if (new Set(perm).size !== perm.length) throw runtimeError('permute(): duplicate dims are not allowed.');
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  const data = compute(t.device, () => tf.transpose(t.data, perm));
  const out = makeResult(data, t.dtype, t.device, [t], name, (g) => [tf.transpose(g, inverse)], false);
  out.contiguous = t.contiguous && isContiguousPerm(t.shape, perm);
  const small = t.numel <= 1 << 16;
  if (!small && !t.hasExact) return out;
  const positions = permutedPositions(t.shape, perm);
  if (small) out.viewInto(t, positions);
  return t.carryExactTo(out, positions);
}

export function transpose(t: Tensor, dim0: number, dim1: number): Tensor {
  if (t.ndim === 0) return permute(t, [], 'TransposeBackward0');
  const a = wrapDim(dim0, t.ndim);
  const b = wrapDim(dim1, t.ndim);
  const perm = [...Array(t.ndim).keys()];
  perm[a] = b;
  perm[b] = a;
  return permute(t, perm, 'TransposeBackward0');
}

/** t(): 0-D and 1-D unchanged, 2-D transposed. */
export function t2d(t: Tensor): Tensor {
  if (t.ndim > 2) throw runtimeError(`t() expects a tensor with <= 2 dimensions, but self is ${t.ndim}D`);
  if (t.ndim < 2) return permute(t, [...Array(t.ndim).keys()], 'TBackward0');
  return permute(t, [1, 0], 'TBackward0');
}

/** The .T property: all dims reversed. */
export function reverseDims(t: Tensor): Tensor {
  return permute(t, [...Array(t.ndim).keys()].reverse());
}

export function squeeze(t: Tensor, dim: number | null = null): Tensor {
  const shape = t.shape;
  let target: number[];
  if (dim == null) target = shape.filter((d) => d !== 1);
  else {
    const d = wrapDim(dim, t.ndim);
    target = t.ndim > 0 && shape[d] === 1 ? shape.filter((_, i) => i !== d) : shape;
  }
  const out = reshaped(t, target, dim == null ? 'SqueezeBackward0' : 'SqueezeBackward1');
  out.contiguous = t.contiguous;
  return out;
}

export function unsqueeze(t: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, t.ndim + 1);
  const shape = t.shape;
  shape.splice(d, 0, 1);
  const out = reshaped(t, shape, 'UnsqueezeBackward0');
  out.contiguous = t.contiguous;
  return out;
}

export function expand(t: Tensor, sizes: readonly number[]): Tensor {
  const shape = t.shape;
  if (sizes.length < shape.length) {
    throw runtimeError(
      `expand(torch.FloatTensor{[${shape.join(', ')}]}, size=[${sizes.join(', ')}]): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${shape.length})`,
    );
  }
  const lead = sizes.length - shape.length;
  const target = sizes.map((s, i) => {
    const cur = i >= lead ? shape[i - lead] : 1;
    if (s === -1) return cur;
    if (cur !== 1 && cur !== s) {
      throw runtimeError(
        `The expanded size of the tensor (${s}) must match the existing size (${cur}) at non-singleton dimension ${i}.  Target sizes: [${sizes.join(', ')}].  Tensor sizes: [${shape.join(', ')}]`,
      );
    }
    return s;
  });
  checkAllocation(target);
  const data = compute(t.device, () => tf.broadcastTo(t.data, target));
  const out = makeResult(data, t.dtype, t.device, [t], 'ExpandBackward0', (g) => [g], false);
  out.contiguous = false;
  return out;
}

export function repeat(t: Tensor, reps: readonly number[]): Tensor {
  if (reps.length < t.ndim) {
    throw runtimeError(
      'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor',
    );
  }
  const lead = reps.length - t.ndim;
  const shape = [...Array(lead).fill(1), ...t.shape];
  checkAllocation(shape.map((s, i) => s * reps[i]));
  const data = compute(t.device, () => tf.tile(tf.reshape(t.data, shape), reps as number[]));
  return makeResult(data, t.dtype, t.device, [t], 'RepeatBackward0', (g) => {
    // fold each repeated axis back: [r0, s0, r1, s1, ...] then sum the r axes
    const folded = tf.reshape(
      g,
      shape.flatMap((s, i) => [reps[i], s]),
    );
    const sumAxes = shape.map((_, i) => 2 * i);
    return [tf.reshape(tf.sum(folded, sumAxes), t.shape)];
  });
}

export function flip(t: Tensor, dims: readonly number[]): Tensor {
  const axes = dims.map((d) => wrapDim(d, t.ndim));
  const data = compute(t.device, () => (t.ndim === 0 ? tf.clone(t.data) : tf.reverse(t.data, axes)));
  return makeResult(
    data,
    t.dtype,
    t.device,
    [t],
    'FlipBackward0',
    (g) => [t.ndim === 0 ? g : tf.reverse(g, axes)],
    false,
  );
}

function promoteAll(tensors: readonly Tensor[]): DType {
  return tensors.map((x) => x.dtype).reduce((a, b) => promoteTypes(a, b));
}

export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw runtimeError('torch.cat(): expected a non-empty list of Tensors');
  // 1-D empty tensors are skipped, as PyTorch allows
  const parts = tensors.filter((x) => !(x.ndim === 1 && x.numel === 0));
  if (parts.length === 0) return tensors[0];
  const ref = parts[0];
  if (ref.ndim === 0) throw runtimeError('zero-dimensional tensor (at position 0) cannot be concatenated');
  const d = wrapDim(dim, ref.ndim);
  parts.forEach((x, i) => {
    if (x.ndim === 0) throw runtimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
    if (x.ndim !== ref.ndim) {
      throw runtimeError(`Tensors must have same number of dimensions: got ${ref.ndim} and ${x.ndim}`);
    }
    x.shape.forEach((s, k) => {
      if (k !== d && s !== ref.shape[k]) {
        throw runtimeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${s} for tensor number ${i} in the list.`,
        );
      }
    });
  });
  const device = commonDevice(parts);
  const dtype = promoteAll(parts);
  const sizes = parts.map((x) => x.shape[d]);
  const data = compute(device, () =>
    tf.concat(
      parts.map((x) => castData(x.data, storageType(dtype))),
      d,
    ),
  );
  return makeResult(data, dtype, device, parts, 'CatBackward0', (g) => tf.split(g, sizes, d), false);
}

export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw runtimeError('stack expects a non-empty TensorList');
  const ref = tensors[0];
  tensors.forEach((x, i) => {
    if (x.ndim !== ref.ndim || x.shape.some((s, k) => s !== ref.shape[k])) {
      throw runtimeError(
        `stack expects each tensor to be equal size, but got [${ref.shape.join(', ')}] at entry 0 and [${x.shape.join(', ')}] at entry ${i}`,
      );
    }
  });
  const d = wrapDim(dim, ref.ndim + 1);
  const device = commonDevice(tensors);
  const dtype = promoteAll(tensors);
  const data = compute(device, () =>
    tf.stack(
      tensors.map((x) => castData(x.data, storageType(dtype))),
      d,
    ),
  );
  return makeResult(data, dtype, device, tensors, 'StackBackward0', (g) => tf.unstack(g, d), false);
}

/** clone(): a copy (CloneBackward0). */
export function clone(t: Tensor): Tensor {
  const data = compute(t.device, () => tf.clone(t.data));
  return t.carryExactTo(makeResult(data, t.dtype, t.device, [t], 'CloneBackward0', (g) => [g], false));
}

export function contiguous(t: Tensor): Tensor {
  return t.contiguous ? t : clone(t);
}

/** detach(): the same storage without history (in-place changes show in both, as in PyTorch). */
export function detach(t: Tensor): Tensor {
  return t.alias();
}

/** torch.roll: values shifted along dims, wrapping around (no dims: over the flattened tensor). */
export function roll(t: Tensor, shifts: readonly number[], dims: readonly number[]): Tensor {
  if (dims.length === 0) {
    if (shifts.length !== 1)
      throw runtimeError(`shifts and dimensions must align. shifts: ${shifts.length}, dims:0`);
    return reshape(roll(reshape(t, [t.numel]), shifts, [0]), [...t.shape]);
  }
  if (shifts.length !== dims.length)
    throw runtimeError(`shifts and dimensions must align. shifts: ${shifts.length}, dims:${dims.length}`);
  const axes = dims.map((d) => wrapDim(d, Math.max(t.ndim, 1)));
  const rolled = (x: tf.Tensor, sign: number): tf.Tensor => {
    let y = x;
    axes.forEach((axis, i) => {
      const n = y.shape[axis] ?? 1;
      const k = n === 0 ? 0 : (((sign * shifts[i]) % n) + n) % n;
      if (k === 0) return;
      const [head, tail] = tf.split(y, [n - k, k], axis);
      y = tf.concat([tail, head], axis);
    });
    return y === x ? tf.clone(x) : y;
  };
  const data = compute(t.device, () => rolled(t.data, 1));
  return makeResult(data, t.dtype, t.device, [t], 'RollBackward0', (g) => [rolled(g, -1)], false);
}
