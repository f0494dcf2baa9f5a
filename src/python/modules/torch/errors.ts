// Core errors become Python exceptions of the same type and text (TorchError.pyType).
import { GpuSettingUp, TorchError } from '../../../core/index.js';
import { pyError } from '../../objects.js';

export function toPyError(e: unknown): unknown {
  if (e instanceof TorchError) return pyError(e.pyType, e.message);
  return e;
}

/** Runs a core call, turning core errors into Python exceptions of the same type and text. */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toPyError(e);
  }
}

/** True while an op runs again after the GPU's set-up: a second GpuSettingUp is then its error. */
let runningAgain = false;

/**
 * A binder's catch: an op that reached the GPU while it was being set up (core's GpuSettingUp) runs
 * `again`, once, when the set-up is done; any other error is thrown as the Python exception.
 */
export function afterGpuSetUp<T>(e: unknown, again: () => T | Promise<T>): Promise<T> {
  if (!(e instanceof GpuSettingUp) || runningAgain) throw toPyError(e);
  return e.ready.then(() => {
    runningAgain = true;
    try {
      return again();
    } finally {
      runningAgain = false;
    }
  });
}

/** A Promise's rejection with a core error as the Python exception. */
export function rejectAsPython(e: unknown): Promise<never> {
  return Promise.reject(toPyError(e));
}

// The binders below call impls inside their own try/catch rather than through a guard(() => …)
// closure: a closure per call, through one shared call site, made every op call twice as slow.
