// Core errors become Python exceptions of the same type and text (TorchError.pyType).
import { TorchError } from '../../../core/index.js';
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

/** A Promise's rejection with a core error as the Python exception. */
export function rejectAsPython(e: unknown): Promise<never> {
  return Promise.reject(toPyError(e));
}

// The binders below call impls inside their own try/catch rather than through a guard(() => …)
// closure: a closure per call, through one shared call site, made every op call twice as slow.
