// In-place ops (add_ sub_ mul_ div_ zero_ fill_ clamp_ …, and the augmented assignments `+=`):
// computed out of place, then written into the same Tensor object, with PyTorch's checks.
import * as tf from '@tensorflow/tfjs-core';
import { canCast, scalarTypeName, storageType } from './dtype.js';
import { runtimeError } from './errors.js';
import { castData } from './elementwise.js';
import { type Scalar, scalarValue } from './scalar.js';
import { Tensor, compute, isGradEnabled, makeResult } from './tensor.js';
import { coerce } from './creation.js';

export function checkLeafInplace(t: Tensor): void {
  if (!isGradEnabled()) return;
  if (t.requiresGrad && t.isLeaf) {
    throw runtimeError('a leaf Variable that requires grad is being used in an in-place operation.');
  }
  const root = t.viewRoot;
  if (root && root.requiresGrad && root.isLeaf) {
    throw runtimeError(
      'a view of a leaf Variable that requires grad is being used in an in-place operation.',
    );
  }
}

/** Runs `op` on (a stand-in for) `t` and stores the result in `t`, keeping t's dtype. */
export function inplace(t: Tensor, op: (src: Tensor) => Tensor): Tensor {
  checkLeafInplace(t);
  const shell = t.historyShell();
  let result: Tensor;
  try {
    result = op(shell);
  } catch (e) {
    shell.dispose();
    throw e;
  }
  if (result.dtype !== t.dtype && !canCast(result.dtype, t.dtype)) {
    result.dispose();
    shell.dispose();
    throw runtimeError(
      `result type ${scalarTypeName(result.dtype)} can't be cast to the desired output type ${scalarTypeName(t.dtype)}`,
    );
  }
  // the old values stay alive only when the recorded node reads them
  const recorded = result.gradFn != null;
  // A wider result (float32 += float64) is cast into t's storage; t keeps the op's own history
  // (AddBackward0, as PyTorch prints), since float64 and float32 grads share one storage type.
  const store = storageType(t.dtype);
  if (result.data.dtype !== store) result.replaceData(compute(t.device, () => castData(result.data, store)));
  t.adopt(result);
  if (!recorded) shell.dispose();
  return t;
}

/** fill_(value) / zero_(): no history needed from the old values. */
export function fill(t: Tensor, value: Scalar | Tensor): Tensor {
  checkLeafInplace(t);
  const v = value instanceof Tensor ? value.readSync()[0] : scalarValue(value);
  const data = compute(t.device, () => tf.fill(t.shape, coerce(v, t.dtype), storageType(t.dtype)));
  if (isGradEnabled() && t.requiresGrad) {
    const shell = t.historyShell();
    t.adopt(makeResult(data, t.dtype, t.device, [shell], 'FillBackward0', (g) => [tf.zerosLike(g)], false));
    return t;
  }
  t.replaceData(data);
  return t;
}

export function zero(t: Tensor): Tensor {
  if (isGradEnabled() && t.requiresGrad) {
    checkLeafInplace(t);
    const shell = t.historyShell();
    const data = compute(t.device, () => tf.zeros(shell.shape, storageType(t.dtype)));
    t.adopt(makeResult(data, t.dtype, t.device, [shell], 'ZeroBackward0', (g) => [tf.zerosLike(g)], false));
    return t;
  }
  return fill(t, 0);
}

/** copy_(src): src's values (cast, broadcast) into t. */
export function copyFrom(t: Tensor, src: Tensor): Tensor {
  return inplace(t, (shell) => {
    const data = compute(t.device, () =>
      tf.broadcastTo(castData(src.data, storageType(t.dtype)), shell.shape),
    );
    // every value of the old tensor is overwritten: its gradient is zero (PyTorch 1.13's CopyBackwards)
    return makeResult(
      data,
      t.dtype,
      t.device,
      [shell, src],
      'CopyBackwards',
      (g) => [tf.zerosLike(g), g],
      false,
    );
  });
}
