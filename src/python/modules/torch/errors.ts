// Core errors become Python exceptions of the same type and text (TorchError.pyType).
import { TorchError } from '../../../core/index.js';
import { isPromise, type MaybePromise, pyError } from '../../objects.js';

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

/** guard() for a call that may answer with a Promise (a GPU read). */
export function guardAsync<T>(fn: () => MaybePromise<T>): MaybePromise<T> {
  const r = guard(fn);
  return isPromise<T>(r) ? r.catch((e: unknown) => Promise.reject(toPyError(e))) : r;
}
