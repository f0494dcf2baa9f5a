// matmul in its 1-D/2-D/batched forms (dot, mv, mm, bmm) with PyTorch's errors and grad names.
import * as tf from '@tensorflow/tfjs-core';
import { isFloating, scalarTypeName } from './dtype.js';
import { checkAllocation, runtimeError } from './errors.js';
import { cpuMoveArmed, noteCpuWork } from './device.js';
import { commonDevice } from './elementwise.js';
import { broadcastShapes } from './shapes.js';
import { Tensor, compute, makeResult } from './tensor.js';

function checkTypes(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) {
    throw runtimeError(
      `expected scalar type ${scalarTypeName(a.dtype)} but found ${scalarTypeName(b.dtype)}`,
    );
  }
  if (a.dtype === 'bool') throw runtimeError(`"addmm_impl_cpu_" not implemented for 'Bool'`);
}

/** tfjs matMul computes in float32; integer results are rounded back. */
function mm(x: tf.Tensor, y: tf.Tensor, ta = false, tb = false): tf.Tensor {
  if (x.dtype === 'int32')
    return tf.cast(tf.round(tf.matMul(tf.cast(x, 'float32'), tf.cast(y, 'float32'), ta, tb)), 'int32');
  return tf.matMul(x, y, ta, tb);
}

function result(
  a: Tensor,
  b: Tensor,
  data: tf.Tensor,
  name: string,
  backward: (g: tf.Tensor) => tf.Tensor[],
): Tensor {
  const device = commonDevice([a, b]);
  if (!isFloating(a.dtype)) return new Tensor(data, a.dtype, device);
  return makeResult(data, a.dtype, device, [a, b], name, backward);
}

export function matmul(a: Tensor, b: Tensor): Tensor {
  const device = commonDevice([a, b]);
  const da = a.ndim;
  const db = b.ndim;
  if (da === 0 || db === 0) {
    throw runtimeError(`both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`);
  }
  checkTypes(a, b);
  const sa = a.shape;
  const sb = b.shape;
  if (cpuMoveArmed && device === 'cpu') noteCpuWork(0, a.numel * (db === 1 ? 1 : sb[db - 1]));
  if (da === 1 && db === 1) {
    if (sa[0] !== sb[0]) {
      throw runtimeError(
        `inconsistent tensor size, expected tensor [${sa[0]}] and src [${sb[0]}] to have the same number of elements, but got ${sa[0]} and ${sb[0]} elements respectively`,
      );
    }
    const data = compute(device, () => tf.sum(tf.mul(a.data, b.data)));
    return result(a, b, data, 'DotBackward0', (g) => [tf.mul(g, b.data), tf.mul(g, a.data)]);
  }
  if (da === 2 && db === 1) {
    if (sa[1] !== sb[0]) throw runtimeError(`size mismatch, got ${sa[0]}, ${sa[0]}x${sa[1]},${sb[0]}`);
    const data = compute(device, () => tf.reshape(mm(a.data, tf.reshape(b.data, [sb[0], 1])), [sa[0]]));
    return result(a, b, data, 'MvBackward0', (g) => [
      tf.mul(tf.reshape(g, [sa[0], 1]), tf.reshape(b.data, [1, sb[0]])),
      tf.reshape(mm(a.data, tf.reshape(g, [sa[0], 1]), true), [sb[0]]),
    ]);
  }
  if (da === 1 && db === 2) {
    if (sa[0] !== sb[0]) {
      throw runtimeError(`mat1 and mat2 shapes cannot be multiplied (1x${sa[0]} and ${sb[0]}x${sb[1]})`);
    }
    const data = compute(device, () => tf.reshape(mm(tf.reshape(a.data, [1, sa[0]]), b.data), [sb[1]]));
    return result(a, b, data, 'SqueezeBackward1', (g) => [
      tf.reshape(mm(tf.reshape(g, [1, sb[1]]), b.data, false, true), [sa[0]]),
      tf.mul(tf.reshape(a.data, [sa[0], 1]), tf.reshape(g, [1, sb[1]])),
    ]);
  }
  if (da === 2 && db === 2) {
    if (sa[1] !== sb[0]) {
      throw runtimeError(
        `mat1 and mat2 shapes cannot be multiplied (${sa[0]}x${sa[1]} and ${sb[0]}x${sb[1]})`,
      );
    }
    checkAllocation([sa[0], sb[1]]);
    const data = compute(device, () => mm(a.data, b.data));
    return result(a, b, data, 'MmBackward0', (g) => [mm(g, b.data, false, true), mm(a.data, g, true, false)]);
  }
  // batched: broadcast the batch dims, 1-D operands get a unit dim that is dropped afterwards
  const a3 = da === 1 ? [1, sa[0]] : sa;
  const b3 = db === 1 ? [sb[0], 1] : sb;
  const [n, k] = a3.slice(-2);
  const [k2, m] = b3.slice(-2);
  if (k !== k2) {
    throw runtimeError(
      da >= 3 && db >= 3 && sa.length === sb.length
        ? `Expected size for first two dimensions of batch2 tensor to be: [${sa.slice(0, -2).reduce((p, q) => p * q, 1)}, ${k}] but got: [${sb.slice(0, -2).reduce((p, q) => p * q, 1)}, ${k2}].`
        : `mat1 and mat2 shapes cannot be multiplied (${a3.slice(0, -1).reduce((p, q) => p * q, 1)}x${k} and ${k2}x${m})`,
    );
  }
  const batch = broadcastShapes(a3.slice(0, -2), b3.slice(0, -2));
  const outShape = [...batch, ...(da === 1 ? [] : [n]), ...(db === 1 ? [] : [m])];
  checkAllocation([...batch, n, Math.max(k, m)]);
  const ea = [...batch, n, k];
  const eb = [...batch, k, m];
  const data = compute(device, () =>
    tf.reshape(
      mm(tf.broadcastTo(tf.reshape(a.data, a3), ea), tf.broadcastTo(tf.reshape(b.data, b3), eb)),
      outShape,
    ),
  );
  return result(a, b, data, 'UnsafeViewBackward0', (g) => {
    const g3 = tf.reshape(g, [...batch, n, m]);
    const ga = mm(g3, tf.broadcastTo(tf.reshape(b.data, b3), eb), false, true);
    const gb = mm(tf.broadcastTo(tf.reshape(a.data, a3), ea), g3, true, false);
    return [tf.reshape(sumTo(ga, a3), sa), tf.reshape(sumTo(gb, b3), sb)];
  });
}

function sumTo(x: tf.Tensor, shape: readonly number[]): tf.Tensor {
  let g = x;
  const lead = g.rank - shape.length;
  if (lead > 0) g = tf.sum(g, [...Array(lead).keys()]);
  const axes = shape.map((d, i) => (d === 1 && g.shape[i] !== 1 ? i : -1)).filter((i) => i >= 0);
  return axes.length ? tf.sum(g, axes, true) : g;
}

/** torch.mm: 2-D only. */
export function mmOnly(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2) throw runtimeError('self must be a matrix');
  if (b.ndim !== 2) throw runtimeError('mat2 must be a matrix');
  return matmul(a, b);
}

/** torch.dot: 1-D only. */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw runtimeError(`1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  }
  return matmul(a, b);
}

export function outer(a: Tensor, b: Tensor): Tensor {
  checkTypes(a, b);
  const device = commonDevice([a, b]);
  const n = a.numel;
  const m = b.numel;
  const data = compute(device, () => tf.mul(tf.reshape(a.data, [n, 1]), tf.reshape(b.data, [1, m])));
  return result(a, b, data, 'MulBackward0', (g) => [
    tf.sum(tf.mul(g, tf.reshape(b.data, [1, m])), 1),
    tf.sum(tf.mul(g, tf.reshape(a.data, [n, 1])), 0),
  ]);
}
