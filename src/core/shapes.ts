// Shape arithmetic with PyTorch's error messages: broadcasting, dim wrapping, size strings.
import { indexError, runtimeError } from './errors.js';

export type Shape = readonly number[];

/** torch.Size's repr: torch.Size([2, 3]) */
export function sizeString(shape: Shape): string {
  return `torch.Size([${shape.join(', ')}])`;
}

export function numelOf(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  // From the last dimension, as PyTorch: the error names the rightmost dimension that differs.
  for (let i = n - 1; i >= 0; i--) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw runtimeError(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Wraps a possibly negative dim into [0, ndim) (a 0-d tensor accepts -1 and 0). */
export function wrapDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (dim < -n || dim >= n) {
    throw indexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** Resolves a -1 in a requested shape, with PyTorch's error for impossible shapes. */
export function inferShape(requested: readonly number[], numel: number): number[] {
  const invalid = () =>
    runtimeError(`shape '[${requested.join(', ')}]' is invalid for input of size ${numel}`);
  let infer = -1;
  let known = 1;
  requested.forEach((d, i) => {
    if (d === -1) {
      if (infer >= 0) throw runtimeError('only one dimension can be inferred');
      infer = i;
    } else if (d < 0) {
      throw runtimeError(`invalid shape dimension ${d}`);
    } else known *= d;
  });
  const out = requested.slice();
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) throw invalid();
    out[infer] = numel / known;
  } else if (known !== numel) throw invalid();
  return out;
}

/** Row-major strides of a contiguous shape. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}
