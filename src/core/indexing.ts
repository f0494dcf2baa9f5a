// Indexing and assignment: ints, negative ints, slices with steps, None, ..., bool masks, integer
// lists/tensors (NumPy's advanced-indexing placement). Indices are resolved on the host into flat
// source positions, then one gather (read) or one select (write) runs on the device.
import * as tf from '@tensorflow/tfjs-core';
import { storageType } from './dtype.js';
import { indexError, runtimeError, typeError, valueError } from './errors.js';
import { asTf, commonDevice } from './elementwise.js';
import type { Operand } from './scalar.js';
import { broadcastShapes, stridesOf, wrapDim } from './shapes.js';
import { checkLeafInplace } from './inplace.js';
import { Tensor, compute, isGradEnabled, makeResult } from './tensor.js';

export interface SliceSpec {
  start: number | null;
  stop: number | null;
  step: number | null;
}
export type IndexItem = number | SliceSpec | null | 'ellipsis' | Tensor | readonly (number | boolean)[];

interface Resolved {
  shape: number[];
  /** flat source position of each output element */
  positions: Int32Array;
  gradName: string;
}

function sliceRange(s: SliceSpec, size: number): number[] {
  const step = s.step ?? 1;
  if (step <= 0)
    throw step === 0 ? valueError('slice step cannot be zero') : valueError('step must be greater than zero');
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + size : v, 0), size);
  const start = s.start == null ? 0 : clamp(s.start);
  const stop = s.stop == null ? size : clamp(s.stop);
  const out: number[] = [];
  for (let i = start; i < stop; i += step) out.push(i);
  return out;
}

interface Advanced {
  srcDim: number;
  values: number[];
  shape: number[];
}

function isBoolList(item: readonly (number | boolean)[]): boolean {
  return item.length > 0 && item.every((v) => typeof v === 'boolean');
}

/** Resolves an index tuple against a shape. */
export function resolveIndex(shape: readonly number[], items: readonly IndexItem[]): Resolved {
  const consumes = (it: IndexItem): number => {
    if (it === null || it === 'ellipsis') return 0;
    if (it instanceof Tensor) return it.dtype === 'bool' ? it.ndim : 1;
    return 1;
  };
  const used = items.reduce((n: number, it) => n + consumes(it), 0);
  if (used > shape.length) {
    throw indexError(`too many indices for tensor of dimension ${shape.length}`);
  }
  const ellipses = items.filter((it) => it === 'ellipsis').length;
  if (ellipses > 1) throw indexError('an index can only have a single ellipsis (...)');
  const expanded: IndexItem[] = [];
  for (const it of items) {
    if (it === 'ellipsis')
      for (let k = 0; k < shape.length - used; k++) expanded.push({ start: null, stop: null, step: null });
    else expanded.push(it);
  }
  const strides = stridesOf(shape);
  let base = 0;
  let srcDim = 0;
  const outDims: ({ kind: 'basic'; offsets: number[] } | { kind: 'adv' })[] = [];
  const advanced: Advanced[] = [];
  const advPositions: number[] = [];
  const hasAdvanced = expanded.some((it) => it instanceof Tensor || Array.isArray(it));
  let gradName = 'AliasBackward0';
  expanded.forEach((it, pos) => {
    if (it === null) {
      outDims.push({ kind: 'basic', offsets: [0] });
      gradName = 'UnsqueezeBackward0';
      return;
    }
    if (typeof it === 'number') {
      const size = shape[srcDim];
      if (it < -size || it >= size) {
        throw indexError(`index ${it} is out of bounds for dimension ${srcDim} with size ${size}`);
      }
      base += (it < 0 ? it + size : it) * strides[srcDim];
      if (hasAdvanced) advPositions.push(pos);
      srcDim++;
      gradName = 'SelectBackward0';
      return;
    }
    if (it instanceof Tensor || Array.isArray(it)) {
      const list = it instanceof Tensor ? null : (it as readonly (number | boolean)[]);
      const isMask = it instanceof Tensor ? it.dtype === 'bool' : isBoolList(list!);
      if (it instanceof Tensor && !isMask && it.dtype !== 'int64' && it.dtype !== 'int32') {
        throw indexError('tensors used as indices must be long, int, byte or bool tensors');
      }
      const values =
        it instanceof Tensor
          ? Array.from(it.readSync())
          : list!.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
      const ishape = it instanceof Tensor ? it.shape : [list!.length];
      if (advanced.length === 0 || advPositions[advPositions.length - 1] !== pos) advPositions.push(pos);
      if (isMask) {
        const k = ishape.length;
        ishape.forEach((d, j) => {
          if (d !== shape[srcDim + j]) {
            throw indexError(
              `The shape of the mask [${ishape.join(', ')}] at index ${j} does not match the shape of the indexed tensor [${shape.join(', ')}] at index ${srcDim + j}`,
            );
          }
        });
        const maskStrides = stridesOf(ishape);
        const coords: number[][] = ishape.map(() => []);
        values.forEach((v, flat) => {
          if (!v) return;
          ishape.forEach((_, j) => coords[j].push(Math.floor(flat / maskStrides[j]) % ishape[j]));
        });
        for (let j = 0; j < k; j++)
          advanced.push({ srcDim: srcDim + j, values: coords[j], shape: [coords[j].length] });
        srcDim += k;
      } else {
        const size = shape[srcDim];
        for (const v of values) {
          if (v < -size || v >= size)
            throw indexError(`index ${v} is out of bounds for dimension ${srcDim} with size ${size}`);
        }
        advanced.push({ srcDim, values: values.map((v) => (v < 0 ? v + size : v)), shape: ishape });
        srcDim++;
      }
      if (!outDims.some((d) => d.kind === 'adv')) outDims.push({ kind: 'adv' });
      gradName = 'IndexBackward0';
      return;
    }
    const spec = it as SliceSpec;
    const size = shape[srcDim];
    const range = sliceRange(spec, size);
    outDims.push({ kind: 'basic', offsets: range.map((i) => i * strides[srcDim]) });
    const full = range.length === size && (spec.step ?? 1) === 1;
    if (!full) gradName = 'SliceBackward0';
    srcDim++;
  });
  for (; srcDim < shape.length; srcDim++) {
    const s = strides[srcDim];
    outDims.push({ kind: 'basic', offsets: [...Array(shape[srcDim]).keys()].map((i) => i * s) });
  }
  // Advanced indices broadcast together; their dims go where they stand when adjacent, else first.
  let advShape: number[] = [];
  let advOffsets: number[] = [];
  if (advanced.length) {
    for (const a of advanced) advShape = broadcastShapes(advShape, a.shape);
    const n = advShape.reduce((p, q) => p * q, 1);
    advOffsets = new Array<number>(n).fill(0);
    for (const a of advanced) {
      const aStrides = stridesOf(a.shape);
      const lead = advShape.length - a.shape.length;
      const outStrides = stridesOf(advShape);
      for (let flat = 0; flat < n; flat++) {
        let off = 0;
        for (let j = 0; j < a.shape.length; j++) {
          const coord = Math.floor(flat / outStrides[j + lead]) % advShape[j + lead];
          off += (a.shape[j] === 1 ? 0 : coord) * aStrides[j];
        }
        advOffsets[flat] += a.values[off] * strides[a.srcDim];
      }
    }
    const adjacent = advPositions.every((p, i) => i === 0 || p === advPositions[i - 1] + 1);
    if (!adjacent) {
      const at = outDims.findIndex((d) => d.kind === 'adv');
      const [adv] = outDims.splice(at, 1);
      outDims.unshift(adv);
    }
  }
  const dims = outDims.map((d) =>
    d.kind === 'adv'
      ? { sizes: advShape, offsets: advOffsets }
      : { sizes: [d.offsets.length], offsets: d.offsets },
  );
  const outShape = dims.flatMap((d) => d.sizes);
  let positions = [base];
  for (const d of dims) {
    const next: number[] = new Array(positions.length * d.offsets.length);
    let k = 0;
    for (const p of positions) for (const o of d.offsets) next[k++] = p + o;
    positions = next;
  }
  return { shape: outShape, positions: Int32Array.from(positions), gradName };
}

function checkItems(items: readonly IndexItem[]): void {
  for (const it of items) {
    if (typeof it === 'number' && !Number.isInteger(it)) {
      throw indexError(
        'only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)',
      );
    }
  }
}

/** t[items]; `name` replaces the grad_fn's name (split's pieces are SplitBackward0). */
export function getIndex(t: Tensor, items: readonly IndexItem[], name?: string): Tensor {
  checkItems(items);
  if (t.ndim === 0 && items.some((it) => typeof it === 'number')) {
    throw indexError(
      'invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number',
    );
  }
  const { shape, positions, gradName } = resolveIndex(t.shape, items);
  const numel = t.numel;
  const srcShape = t.shape;
  const data = compute(t.device, () => {
    const flat = tf.reshape(t.data, [-1]);
    const idx = tf.tensor1d(positions, 'int32');
    return tf.reshape(tf.gather(flat, idx), shape);
  });
  const out = makeResult(
    data,
    t.dtype,
    t.device,
    [t],
    name ?? gradName,
    (g) => {
      const idx = tf.tensor2d(positions, [positions.length, 1], 'int32');
      return [tf.reshape(tf.scatterND(idx, tf.reshape(g, [-1]), [numel]), srcShape)];
    },
    gradName === 'IndexBackward0',
  );
  // basic indexing gives a view (writes reach t); advanced indexing gives a copy, as in PyTorch
  if (gradName !== 'IndexBackward0') out.viewInto(t, positions);
  return t.carryExactTo(out, positions);
}

/** t[items] = value, in place (the value is cast to t's dtype, broadcast to the indexed shape). */
export function setIndex(t: Tensor, items: readonly IndexItem[], value: Operand): void {
  checkItems(items);
  checkLeafInplace(t);
  const { shape, positions } = resolveIndex(t.shape, items);
  const vShape = value instanceof Tensor ? value.shape : [];
  try {
    broadcastShapes(shape, vShape);
  } catch {
    throw runtimeError(
      `shape mismatch: value tensor of shape [${vShape.join(', ')}] cannot be broadcast to indexing result of shape [${shape.join(', ')}]`,
    );
  }
  const device = commonDevice([t, value]);
  if (device !== t.device) throw typeError('expected matching devices');
  const numel = t.numel;
  const source = new Int32Array(numel).fill(-1);
  positions.forEach((p, k) => (source[p] = k));
  const store = storageType(t.dtype);
  const data = compute(t.device, () => {
    const flat = tf.reshape(t.data, [-1]);
    const v = tf.reshape(tf.broadcastTo(asTf(value, t.dtype), shape), [-1]);
    const src = tf.tensor1d(source, 'int32');
    const picked = tf.gather(v, tf.maximum(src, tf.scalar(0, 'int32')));
    const out = tf.reshape(tf.where(tf.greaterEqual(src, 0), picked, flat), t.shape);
    return out.dtype === store ? out : tf.cast(out, store);
  });
  const valueNeedsGrad = value instanceof Tensor && value.requiresGrad;
  if (isGradEnabled() && (t.requiresGrad || valueNeedsGrad)) {
    const shell = t.historyShell();
    const inputs = value instanceof Tensor ? [shell, value] : [shell];
    const result = makeResult(data, t.dtype, t.device, inputs, 'CopySlices', (g) => {
      const src = tf.tensor1d(source, 'int32');
      const kept = tf.reshape(
        tf.where(tf.greaterEqual(src, 0), tf.zerosLike(tf.reshape(g, [-1])), tf.reshape(g, [-1])),
        g.shape,
      );
      const grads: (tf.Tensor | null)[] = [kept];
      if (value instanceof Tensor)
        grads.push(tf.reshape(tf.gather(tf.reshape(g, [-1]), tf.tensor1d(positions, 'int32')), shape));
      return grads;
    });
    t.adopt(result);
    return;
  }
  t.replaceData(data);
}

/**
 * t.split(size) and t.chunk(n) (`size` a number: pieces of that size, the last smaller) and
 * t.split([sizes]) along dim: views, with PyTorch's grad_fn names and errors.
 */
export function split(t: Tensor, size: number | readonly number[], dim: number): Tensor[] {
  const d = wrapDim(dim, t.ndim);
  const n = t.ndim === 0 ? 1 : t.shape[d];
  let sizes: number[];
  if (typeof size === 'number') {
    if (size < 0) throw runtimeError(`split expects split_size be non-negative, but got split_size=${size}`);
    if (size === 0 && n !== 0)
      throw runtimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${n}`);
    sizes = [];
    for (let at = 0; at < n || (n === 0 && sizes.length === 0); at += size)
      sizes.push(Math.min(size, n - at));
  } else {
    if (size.reduce((a, b) => a + b, 0) !== n || size.some((s) => s < 0))
      throw runtimeError(
        `split_with_sizes expects split_sizes to sum exactly to ${n} (input tensor's size at dimension ${d}), but got split_sizes=[${size.join(', ')}]`,
      );
    sizes = [...size];
  }
  const name = typeof size === 'number' ? 'SplitBackward0' : 'SplitWithSizesBackward0';
  let at = 0;
  return sizes.map((s) => {
    const items: IndexItem[] = t.shape.map((_, i) =>
      i === d ? { start: at, stop: at + s, step: null } : { start: null, stop: null, step: null },
    );
    at += s;
    return getIndex(t, items, name);
  });
}

/** t.chunk(chunks, dim): pieces of ceil(size / chunks) along dim (fewer when they run out). */
export function chunk(t: Tensor, chunks: number, dim: number): Tensor[] {
  if (chunks <= 0) throw runtimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const n = t.shape[wrapDim(dim, t.ndim)] ?? 1;
  return split(t, Math.max(1, Math.ceil(n / chunks)), dim);
}
