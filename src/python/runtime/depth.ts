// The running cell's recursion depth, for native callables CPython counts as a level of recursion
// (a C object called through tp_call, such as lru_cache's wrapper): recursion through them ends in
// RecursionError at CPython's depth, not twice as deep.
import { type MaybePromise, pyError } from '../objects.js';
import { isPromise } from '../maybe-promise.js';

/** The interpreter's count of nested calls and its limit. */
export interface RecursionCounter {
  depth: number;
  recursionLimit: number;
}

let counter: RecursionCounter | null = null;

/** Set by the interpreter while a cell runs (null after it). */
export function setRecursionCounter(c: RecursionCounter | null): void {
  counter = c;
}

export function getRecursionCounter(): RecursionCounter | null {
  return counter;
}

/** Runs `f` one level deeper, as CPython's _PyObject_MakeTpCall counts a call. */
export function oneLevelDeeper<T>(f: () => MaybePromise<T>): MaybePromise<T> {
  const c = counter;
  if (c === null) return f();
  if (c.depth + 1 > c.recursionLimit)
    throw pyError('RecursionError', 'maximum recursion depth exceeded while calling a Python object');
  // Every so many levels continue on a fresh JS stack, as Python calls do (PyFunction.call), so
  // recursion through this call ends at the recursion limit, not at the JS engine's stack limit.
  // Either parity: a level here and a Python call alternate.
  const fresh = c.depth >= 64 && c.depth % 64 < 2;
  c.depth++;
  let r: MaybePromise<T>;
  try {
    r = fresh ? Promise.resolve().then(f) : f();
  } catch (e) {
    c.depth--;
    throw e;
  }
  if (!isPromise(r)) {
    c.depth--;
    return r;
  }
  return r.then(
    (v) => {
      c.depth--;
      return v;
    },
    (e: unknown) => {
      c.depth--;
      throw e;
    },
  );
}
