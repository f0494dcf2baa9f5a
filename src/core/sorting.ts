// Order statistics: sort, argsort, topk and nonzero. The order is found on the host (stable, NaN
// last as in PyTorch); values are then taken with indexing, so gradients flow to the picked elements.
import { fromValues, zeros } from './creation.js';
import { runtimeError } from './errors.js';
import { getIndex } from './indexing.js';
import { reshape, stack } from './shapeops.js';
import { stridesOf, wrapDim } from './shapes.js';
import type { Tensor } from './tensor.js';

/** sort / topk along `dim`: [values, int64 indices]; `k` keeps the first k of the order. */
export function sortAlong(
  t: Tensor,
  dim: number,
  descending: boolean,
  k: number | null = null,
): [Tensor, Tensor] {
  const d = wrapDim(dim, t.ndim);
  const shape = t.ndim === 0 ? [1] : t.shape;
  const size = shape[d];
  const keep = k ?? size;
  if (keep > size || keep < 0) throw runtimeError('selected index k out of range');
  const values = t.readSync();
  const strides = stridesOf(shape);
  const outShape = shape.slice();
  outShape[d] = keep;
  const outStrides = stridesOf(outShape);
  const n = outShape.reduce((p, q) => p * q, 1);
  const positions = new Int32Array(n);
  const order = new Float64Array(n);
  const outer = shape.reduce((p, q) => p * q, 1) / size;
  const key = (v: number) => (Number.isNaN(v) ? Infinity : v);
  for (let o = 0; o < outer; o++) {
    // base offset of this slice: spread o over the dims other than d
    let rem = o;
    let base = 0;
    let outBase = 0;
    for (let j = shape.length - 1; j >= 0; j--) {
      if (j === d) continue;
      const idx = rem % shape[j];
      rem = Math.floor(rem / shape[j]);
      base += idx * strides[j];
      outBase += idx * outStrides[j];
    }
    const idxs = [...Array(size).keys()];
    idxs.sort((a, b) => {
      const va = key(values[base + a * strides[d]]);
      const vb = key(values[base + b * strides[d]]);
      return descending ? vb - va || a - b : va - vb || a - b;
    });
    for (let i = 0; i < keep; i++) {
      positions[outBase + i * outStrides[d]] = base + idxs[i] * strides[d];
      order[outBase + i * outStrides[d]] = idxs[i];
    }
  }
  const flat = reshape(t, [-1]);
  const picked = reshape(
    getIndex(flat, [fromValues(positions, [n], 'int64', t.device)]),
    t.ndim === 0 ? [] : outShape,
  );
  const indices = fromValues(order, t.ndim === 0 ? [] : outShape, 'int64', t.device);
  return [picked, indices];
}

export const sort = (t: Tensor, dim = -1, descending = false): [Tensor, Tensor] =>
  sortAlong(t, dim, descending);
export const argsort = (t: Tensor, dim = -1, descending = false): Tensor => sortAlong(t, dim, descending)[1];
export const topk = (t: Tensor, k: number, dim = -1, largest = true): [Tensor, Tensor] =>
  sortAlong(t, dim, largest, k);

/** Indices of the non-zero elements, one int64 tensor per dimension (`as_tuple=True`). */
export function nonzeroColumns(t: Tensor): Tensor[] {
  const values = t.readSync();
  const shape = t.shape;
  const strides = stridesOf(shape);
  const cols: number[][] = shape.map(() => []);
  for (let i = 0; i < values.length; i++) {
    if (!values[i]) continue;
    shape.forEach((d, j) => cols[j].push(Math.floor(i / strides[j]) % d));
  }
  if (shape.length === 0) return [fromValues(values[0] ? [0] : [], [values[0] ? 1 : 0], 'int64', t.device)];
  return cols.map((c) => fromValues(c, [c.length], 'int64', t.device));
}

/** torch.nonzero(t): one row of indices per non-zero element. */
export function nonzero(t: Tensor): Tensor {
  const cols = nonzeroColumns(t);
  const n = cols[0]?.numel ?? 0;
  return cols.length ? stack(cols, 1) : zeros([n, 0], { dtype: 'int64' });
}
