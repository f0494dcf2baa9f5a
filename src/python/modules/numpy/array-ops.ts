// Array operations the binding computes itself, over engine arrays: squeeze, argsort, nonzero of
// a 0-d array, at-least-n-d, isclose.
import { type BoundArgs, toNumber } from '../../objects.js';
import { NDArray, NumpyError, nonzero as nonzeroOf } from '../../numpy/ndarray.js';
import * as ops from '../../numpy/ops.js';

export function ops_nonzero(a: NDArray): NDArray[] {
  return a.ndim === 0 ? [] : nonzeroOf(a);
}

export function squeeze(a: NDArray, axis: number | number[] | null): NDArray {
  const axes =
    axis === null ? a.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : ops.reductionAxes(axis, a.ndim);
  for (const ax of axes) {
    if (a.shape[ax] !== 1)
      throw new NumpyError(
        'ValueError',
        'cannot select an axis to squeeze out which has size not equal to one',
      );
  }
  return a.reshape(a.shape.filter((_, i) => !axes.includes(i)));
}

export function argsort(a: NDArray, axis: number | null): NDArray {
  const src = axis === null ? a.reshape([a.size]) : a;
  if (src.ndim !== 1) throw new NumpyError('ValueError', 'argsort is supported on 1-D arrays only');
  const v = src.values();
  const idx = [...Array(v.length).keys()].sort((p, q) => {
    const x = v[p];
    const y = v[q];
    if (x !== x) return y !== y ? p - q : 1;
    if (y !== y) return -1;
    return x - y || p - q;
  });
  return NDArray.from('int64', [idx.length], idx);
}

export function atLeast(a: NDArray, n: number): NDArray {
  if (a.ndim >= n) return a;
  if (n === 2) return a.reshape(a.ndim === 0 ? [1, 1] : [1, a.shape[0]]);
  return a.reshape([...a.shape, ...Array(n - a.ndim).fill(1)]);
}

export function isclose(x: NDArray, y: NDArray, a: BoundArgs): NDArray {
  const rtol = toNumber(a.rtol);
  const atol = toNumber(a.atol);
  const equalNan = a.equal_nan === true;
  const shapeX = ops.binary('subtract', x.astype('float64'), y.astype('float64'));
  const yv = y.astype('float64').broadcastTo(shapeX.shape).values();
  const xv = x.astype('float64').broadcastTo(shapeX.shape).values();
  const out = NDArray.empty('bool', shapeX.shape);
  for (let i = 0; i < out.size; i++) {
    const p = xv[i];
    const q = yv[i];
    if (p !== p || q !== q) out.data[i] = equalNan && p !== p && q !== q ? 1 : 0;
    else if (p === q) out.data[i] = 1;
    else out.data[i] = Math.abs(p - q) <= atol + rtol * Math.abs(q) ? 1 : 0;
  }
  return out;
}
