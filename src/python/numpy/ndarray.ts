// The ndarray: a typed-array buffer seen through a shape, element strides and an offset, as numpy
// does, so slicing, transposing and reshaping a contiguous array are views that share memory.

import { stridesOf } from '../../core/shapes.js';
import { allocate, castValue, type DType, isFloat, itemSize, type Storage } from './dtype.js';
import { registerNDArrayClass } from './ndarray-check.js';

/** A numpy exception (ValueError, IndexError, TypeError ...), turned into Python's by the binding. */
export class NumpyError extends Error {
  constructor(
    public pyType: string,
    message: string,
  ) {
    super(message);
    this.name = pyType;
  }
}

/** Largest element count an array may have (a huge `zeros` is a MemoryError, not a dead tab). */
export const MAX_ELEMENTS = 2 ** 25;

export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** numpy's shape text in some messages (`(2,2)`, no spaces). */
export function formatShapeCompact(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

/** numpy's allocation size text: `745. GiB` (3 significant digits, binary units). */
function sizeText(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  // Past EiB numpy keeps counting in EiB (a shape like (22**63, 3) printed "46.2 undefined").
  let unit = Math.min(
    units.length - 1,
    Math.floor(Math.max(Math.floor(Math.log2(Math.max(bytes, 1))), 1) / 10),
  );
  let n = bytes / 2 ** (unit * 10);
  if (Math.round(n) === 1024 && unit < units.length - 1) {
    unit++;
    n /= 1024;
  }
  if (unit === 0) return `${Math.trunc(n)} ${units[unit]}`;
  const t = n.toPrecision(3);
  return `${t.includes('.') || t.includes('e') ? t : t + '.'} ${units[unit]}`;
}

/** One item of an index expression `a[i, 1:3, None, ..., mask]`. */
export type IndexItem =
  | { kind: 'int'; index: number }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number | null }
  | { kind: 'newaxis' }
  | { kind: 'ellipsis' }
  | { kind: 'array'; array: NDArray };

export class NDArray {
  /** Element strides (not bytes). */
  readonly strides: number[];
  readonly size: number;

  constructor(
    readonly dtype: DType,
    readonly shape: number[],
    readonly data: Storage,
    strides?: number[],
    readonly offset = 0,
  ) {
    this.strides = strides ?? stridesOf(shape);
    this.size = shapeSize(shape);
  }

  static empty(dtype: DType, shape: number[]): NDArray {
    const n = shapeSize(shape);
    if (n > MAX_ELEMENTS) {
      throw new NumpyError(
        'MemoryError',
        `Unable to allocate ${sizeText(n * itemSize(dtype))} for an array with shape ${formatShape(shape)} and data type ${dtype}`,
      );
    }
    return new NDArray(dtype, shape, allocate(dtype, n));
  }

  /** A new contiguous array holding `values` cast to `dtype`. */
  static from(dtype: DType, shape: number[], values: ArrayLike<number>): NDArray {
    const out = NDArray.empty(dtype, shape);
    const d = out.data;
    if (dtype === 'float64' || dtype === 'float32') for (let i = 0; i < d.length; i++) d[i] = values[i];
    else for (let i = 0; i < d.length; i++) d[i] = castValue(dtype, values[i]);
    return out;
  }

  static scalar(dtype: DType, value: number): NDArray {
    return NDArray.from(dtype, [], [value]);
  }

  get ndim(): number {
    return this.shape.length;
  }

  isContiguous(): boolean {
    let s = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i] !== 1 && this.strides[i] !== s) return false;
      s *= this.shape[i];
    }
    return true;
  }

  /** Storage positions of the elements in C order. */
  positions(): Int32Array {
    const n = this.size;
    const out = new Int32Array(n);
    if (n === 0) return out;
    if (this.isContiguous()) {
      for (let i = 0; i < n; i++) out[i] = this.offset + i;
      return out;
    }
    const { starts, length, stride } = this.rows();
    let k = 0;
    for (let r = 0; r < starts.length; r++) {
      const base = starts[r];
      for (let j = 0; j < length; j++) out[k++] = base + j * stride;
    }
    return out;
  }

  /** Storage offsets where each innermost row starts (C order), the row length and its stride. */
  private rows(): { starts: Int32Array; length: number; stride: number } {
    const nd = this.ndim;
    if (nd === 0) return { starts: Int32Array.of(this.offset), length: 1, stride: 0 };
    const length = this.shape[nd - 1];
    const stride = this.strides[nd - 1];
    const count = length === 0 ? 0 : this.size / length;
    const starts = new Int32Array(count);
    const idx = new Array<number>(nd - 1).fill(0);
    let pos = this.offset;
    for (let r = 0; r < count; r++) {
      starts[r] = pos;
      for (let d = nd - 2; d >= 0; d--) {
        idx[d]++;
        pos += this.strides[d];
        if (idx[d] < this.shape[d]) break;
        pos -= this.strides[d] * this.shape[d];
        idx[d] = 0;
      }
    }
    return { starts, length, stride };
  }

  /** The elements in C order; the buffer itself when that is already so (do not write to it). */
  values(): Storage {
    if (this.isContiguous()) {
      if (this.offset === 0 && this.data.length === this.size) return this.data;
      return this.data.subarray(this.offset, this.offset + this.size);
    }
    const out = allocate(this.dtype, this.size);
    const data = this.data;
    const { starts, length, stride } = this.rows();
    let k = 0;
    for (let r = 0; r < starts.length; r++) {
      const base = starts[r];
      for (let j = 0; j < length; j++) out[k++] = data[base + j * stride];
    }
    return out;
  }

  /** The elements in C order as plain numbers (a fresh array). */
  toNumbers(): number[] {
    return Array.from(this.values());
  }

  /** The element at C-order position `i`. */
  getFlat(i: number): number {
    if (this.isContiguous()) return this.data[this.offset + i];
    let pos = this.offset;
    for (let d = this.ndim - 1; d >= 0; d--) {
      const dim = this.shape[d];
      pos += (i % dim) * this.strides[d];
      i = Math.floor(i / dim);
    }
    return this.data[pos];
  }

  /** The only element of a size-1 array. */
  item(): number {
    if (this.size !== 1)
      throw new NumpyError('ValueError', 'can only convert an array of size 1 to a Python scalar');
    return this.getFlat(0);
  }

  copy(): NDArray {
    return NDArray.from(this.dtype, [...this.shape], this.values());
  }

  astype(dtype: DType): NDArray {
    return NDArray.from(dtype, [...this.shape], this.values());
  }

  /** Nested JS arrays of numbers (the caller makes ints, floats or bools of them). */
  toNested(): unknown {
    const vals = this.values();
    if (this.ndim === 0) return vals[0];
    let k = 0;
    const build = (axis: number): unknown[] => {
      const out: unknown[] = [];
      for (let i = 0; i < this.shape[axis]; i++)
        out.push(axis === this.ndim - 1 ? vals[k++] : build(axis + 1));
      return out;
    };
    return build(0);
  }

  reshape(shape: number[]): NDArray {
    const newShape = resolveShape(shape, this.size);
    if (this.isContiguous()) return new NDArray(this.dtype, newShape, this.data, undefined, this.offset);
    return new NDArray(this.dtype, newShape, this.values().slice() as Storage);
  }

  transpose(axes?: number[]): NDArray {
    const nd = this.ndim;
    const order = axes ?? [...Array(nd).keys()].reverse();
    if (order.length !== nd) throw new NumpyError('ValueError', "axes don't match array");
    const seen = new Set<number>();
    const norm = order.map((a) => {
      const ax = normalizeAxis(a, nd);
      if (seen.has(ax)) throw new NumpyError('ValueError', 'repeated axis in transpose');
      seen.add(ax);
      return ax;
    });
    return new NDArray(
      this.dtype,
      norm.map((a) => this.shape[a]),
      this.data,
      norm.map((a) => this.strides[a]),
      this.offset,
    );
  }

  /** A view with the given shape where size-1 (or missing leading) axes repeat with stride 0. */
  broadcastTo(shape: number[]): NDArray {
    const nd = shape.length;
    const strides = new Array<number>(nd).fill(0);
    const lead = nd - this.ndim;
    for (let i = 0; i < this.ndim; i++) {
      const d = this.shape[i];
      if (d === shape[lead + i]) strides[lead + i] = d === 1 ? 0 : this.strides[i];
      else if (d !== 1) {
        throw new NumpyError(
          'ValueError',
          `could not broadcast input array from shape ${formatShape(this.shape)} into shape ${formatShape(shape)}`,
        );
      }
    }
    return new NDArray(this.dtype, [...shape], this.data, strides, this.offset);
  }

  // ---- indexing -------------------------------------------------------------------------------

  /** `a[index]`: a view for basic indexing, a copy when an index is an array (mask or integers). */
  get(index: IndexItem[]): NDArray {
    const mask = this.fullMask(index);
    if (mask) {
      const vals = this.values();
      let count = 0;
      for (let i = 0; i < mask.length; i++) if (mask[i]) count++;
      const out = NDArray.empty(this.dtype, [count]);
      let k = 0;
      for (let i = 0; i < mask.length; i++) if (mask[i]) out.data[k++] = vals[i];
      return out;
    }
    const { view, advanced } = this.basicIndex(index);
    if (advanced.length === 0) return view;
    const { shape, positions } = gatherPositions(view, advanced);
    const out = NDArray.empty(this.dtype, shape);
    for (let i = 0; i < positions.length; i++) out.data[i] = this.data[positions[i]];
    return out;
  }

  /** `a[index] = value`, value broadcast to the selection and cast to this dtype. */
  set(index: IndexItem[], value: NDArray): void {
    const mask = this.fullMask(index);
    if (mask && value.size === 1 && this.isContiguous()) {
      // `a[a > 0] = 0`: the common masked fill, without index arrays.
      const v = isFloat(this.dtype) ? value.getFlat(0) : castValue(this.dtype, value.getFlat(0));
      for (let i = 0; i < mask.length; i++) if (mask[i]) this.data[this.offset + i] = v;
      return;
    }
    const { view, advanced } = this.basicIndex(index);
    let shape: number[];
    let positions: Int32Array;
    if (advanced.length === 0) {
      shape = view.shape;
      positions = view.positions();
    } else {
      ({ shape, positions } = gatherPositions(view, advanced));
    }
    let src: NDArray;
    try {
      src = value.broadcastTo(shape);
    } catch {
      throw new NumpyError(
        'ValueError',
        advanced.length === 0
          ? `could not broadcast input array from shape ${formatShape(value.shape)} into shape ${formatShape(shape)}`
          : `shape mismatch: value array of shape ${formatShape(value.shape)} could not be broadcast to indexing result of shape ${formatShape(shape)}`,
      );
    }
    const vals = src.values();
    const store = this.data;
    const plain = isFloat(this.dtype) || this.dtype === value.dtype;
    for (let i = 0; i < positions.length; i++)
      store[positions[i]] = plain ? vals[i] : castValue(this.dtype, vals[i]);
  }

  /** The values of a boolean mask of exactly this array's shape used as the whole index. */
  private fullMask(index: IndexItem[]): Storage | undefined {
    if (index.length !== 1 || index[0].kind !== 'array') return undefined;
    const m = index[0].array;
    if (
      m.dtype !== 'bool' ||
      m.ndim !== this.ndim ||
      m.ndim === 0 ||
      m.shape.some((d, i) => d !== this.shape[i])
    )
      return undefined;
    return m.values();
  }

  /**
   * Applies ints, slices, None and ... as a view; array indices stay as full axes of the view,
   * returned with the view axis each one applies to.
   */
  private basicIndex(index: IndexItem[]): { view: NDArray; advanced: { axis: number; arrays: NDArray[] }[] } {
    const consumed = index.reduce(
      (n, it) =>
        n +
        (it.kind === 'newaxis' || it.kind === 'ellipsis'
          ? 0
          : it.kind === 'array' && it.array.dtype === 'bool'
            ? it.array.ndim
            : 1),
      0,
    );
    if (consumed > this.ndim) {
      throw new NumpyError(
        'IndexError',
        `too many indices for array: array is ${this.ndim}-dimensional, but ${consumed} were indexed`,
      );
    }
    const ellipses = index.filter((it) => it.kind === 'ellipsis').length;
    if (ellipses > 1) throw new NumpyError('IndexError', "an index can only have a single ellipsis ('...')");
    const items = [...index];
    const fill = this.ndim - consumed;
    const at = items.findIndex((it) => it.kind === 'ellipsis');
    const fullSlices: IndexItem[] = Array.from({ length: fill }, () => ({
      kind: 'slice',
      start: null,
      stop: null,
      step: null,
    }));
    if (at >= 0) items.splice(at, 1, ...fullSlices);
    else items.push(...fullSlices);

    const shape: number[] = [];
    const strides: number[] = [];
    let offset = this.offset;
    let axis = 0;
    const advanced: { axis: number; arrays: NDArray[] }[] = [];
    for (const it of items) {
      if (it.kind === 'newaxis') {
        shape.push(1);
        strides.push(0);
        continue;
      }
      if (it.kind === 'int') {
        const dim = this.shape[axis];
        let i = it.index;
        if (i < -dim || i >= dim) {
          throw new NumpyError('IndexError', `index ${i} is out of bounds for axis ${axis} with size ${dim}`);
        }
        if (i < 0) i += dim;
        offset += i * this.strides[axis];
        axis++;
        continue;
      }
      if (it.kind === 'slice') {
        const dim = this.shape[axis];
        const [start, , step, length] = sliceIndices(it.start, it.stop, it.step, dim);
        offset += start * this.strides[axis];
        shape.push(length);
        strides.push(step * this.strides[axis]);
        axis++;
        continue;
      }
      if (it.kind === 'array') {
        const arr = it.array;
        if (arr.dtype === 'bool') {
          const maskShape = arr.shape;
          for (let k = 0; k < maskShape.length; k++) {
            if (maskShape[k] !== this.shape[axis + k]) {
              throw new NumpyError(
                'IndexError',
                `boolean index did not match indexed array along dimension ${axis + k}; dimension is ${this.shape[axis + k]} but corresponding boolean dimension is ${maskShape[k]}`,
              );
            }
          }
          const arrays = nonzero(arr);
          advanced.push({ axis: shape.length, arrays });
          for (let k = 0; k < maskShape.length; k++) {
            shape.push(this.shape[axis]);
            strides.push(this.strides[axis]);
            axis++;
          }
        } else {
          if (arr.dtype === 'float32' || arr.dtype === 'float64') {
            throw new NumpyError('IndexError', 'arrays used as indices must be of integer (or boolean) type');
          }
          advanced.push({ axis: shape.length, arrays: [arr] });
          shape.push(this.shape[axis]);
          strides.push(this.strides[axis]);
          axis++;
        }
      }
    }
    return { view: new NDArray(this.dtype, shape, this.data, strides, offset), advanced };
  }
}
registerNDArrayClass(NDArray);

/** Python's slice.indices plus the length: [start, stop, step, length]. */
export function sliceIndices(
  start: number | null,
  stop: number | null,
  step: number | null,
  length: number,
): [number, number, number, number] {
  const st = step ?? 1;
  if (st === 0) throw new NumpyError('ValueError', 'slice step cannot be zero');
  let a: number;
  let b: number;
  if (st > 0) {
    a = start === null ? 0 : start < 0 ? Math.max(0, start + length) : Math.min(start, length);
    b = stop === null ? length : stop < 0 ? Math.max(0, stop + length) : Math.min(stop, length);
  } else {
    a = start === null ? length - 1 : start < 0 ? Math.max(-1, start + length) : Math.min(start, length - 1);
    b = stop === null ? -1 : stop < 0 ? Math.max(-1, stop + length) : Math.min(stop, length - 1);
  }
  const n = st > 0 ? Math.max(0, Math.ceil((b - a) / st)) : Math.max(0, Math.ceil((a - b) / -st));
  return [a, b, st, n];
}

export function normalizeAxis(axis: number, ndim: number): number {
  if (axis < -ndim || axis >= ndim) {
    throw new NumpyError('AxisError', `axis ${axis} is out of bounds for array of dimension ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Resolves one -1 in a reshape target; numpy's error when sizes do not agree. */
export function resolveShape(shape: number[], size: number): number[] {
  const unknown = shape.filter((d) => d === -1).length;
  if (unknown > 1) throw new NumpyError('ValueError', 'can only specify one unknown dimension');
  if (shape.some((d) => d < -1)) throw new NumpyError('ValueError', 'negative dimensions not allowed');
  const known = shape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const bad = (): never => {
    throw new NumpyError(
      'ValueError',
      `cannot reshape array of size ${size} into shape ${formatShapeCompact(shape)}`,
    );
  };
  if (unknown === 1) {
    if (known === 0 || size % known !== 0) bad();
    return shape.map((d) => (d === -1 ? size / known : d));
  }
  if (known !== size) bad();
  return [...shape];
}

/** Indices of the true elements, one int64 array per axis (numpy.nonzero). */
export function nonzero(a: NDArray): NDArray[] {
  const vals = a.values();
  const hits: number[] = [];
  for (let i = 0; i < vals.length; i++) if (vals[i] !== 0) hits.push(i);
  const nd = Math.max(a.ndim, 1);
  const shape = a.ndim === 0 ? [1] : a.shape;
  return Array.from({ length: nd }, (_, axis) => {
    const inner = shape.slice(axis + 1).reduce((x, y) => x * y, 1);
    return NDArray.from(
      'int64',
      [hits.length],
      hits.map((h) => Math.floor(h / inner) % shape[axis]),
    );
  });
}

export function broadcastShapes(...shapes: number[][]): number[] {
  const nd = Math.max(...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = nd - s.length + i;
      const d = s[i];
      if (out[j] === 1) out[j] = d;
      else if (d !== 1 && d !== out[j]) {
        throw new NumpyError(
          'ValueError',
          `operands could not be broadcast together with shapes ${shapes.map(formatShape).join(' ')} `,
        );
      }
    }
  }
  return out;
}

/** Storage positions selected by integer-array indices on `view`'s axes (numpy advanced indexing). */
function gatherPositions(
  view: NDArray,
  advanced: { axis: number; arrays: NDArray[] }[],
): { shape: number[]; positions: Int32Array } {
  const entries: { axis: number; array: NDArray }[] = [];
  for (const a of advanced) a.arrays.forEach((array, k) => entries.push({ axis: a.axis + k, array }));
  let bshape: number[];
  try {
    bshape = broadcastShapes(...entries.map((e) => e.array.shape));
  } catch {
    throw new NumpyError(
      'IndexError',
      `shape mismatch: indexing arrays could not be broadcast together with shapes ${entries.map((e) => formatShape(e.array.shape)).join(' ')} `,
    );
  }
  const axes = entries.map((e) => e.axis);
  const adjacent = axes.every((a, i) => i === 0 || a === axes[i - 1] + 1);
  const restAxes = [...view.shape.keys()].filter((a) => !axes.includes(a));
  const insertAt = adjacent ? restAxes.filter((a) => a < axes[0]).length : 0;
  const restShape = restAxes.map((a) => view.shape[a]);
  const shape = [...restShape.slice(0, insertAt), ...bshape, ...restShape.slice(insertAt)];
  const idxVals = entries.map((e) => e.array.broadcastTo(bshape).values());
  // Validate and normalise the integer indices.
  const bsize = shapeSize(bshape);
  const baseOffsets = new Float64Array(bsize);
  entries.forEach((e, k) => {
    const dim = view.shape[e.axis];
    const vals = idxVals[k];
    for (let i = 0; i < bsize; i++) {
      let v = vals[i];
      if (v < -dim || v >= dim)
        throw new NumpyError('IndexError', `index ${v} is out of bounds for axis ${e.axis} with size ${dim}`);
      if (v < 0) v += dim;
      baseOffsets[i] += v * view.strides[e.axis];
    }
  });
  const restView = new NDArray(
    view.dtype,
    restShape,
    view.data,
    restAxes.map((a) => view.strides[a]),
    view.offset,
  );
  const restPos = restView.positions();
  const total = shapeSize(shape);
  const positions = new Int32Array(total);
  const before = shapeSize(restShape.slice(0, insertAt));
  const after = shapeSize(restShape.slice(insertAt));
  let k = 0;
  for (let o = 0; o < before; o++) {
    for (let b = 0; b < bsize; b++) {
      for (let r = 0; r < after; r++) positions[k++] = restPos[o * after + r] + baseOffsets[b];
    }
  }
  return { shape, positions };
}
