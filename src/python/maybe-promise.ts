// The sync/async seam. An operation that may end in Python code, a native call that waits (a GPU
// readback, sleep) or a yield to the event loop returns a Promise; every other one returns its
// value directly, so plain Python runs synchronously. These helpers continue after such a value
// without allocating a Promise on the sync path; `isPromise` is the one test for which path.

export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(v: MaybePromise<T>): v is Promise<T>;
export function isPromise(v: unknown): v is Promise<unknown>;
export function isPromise(v: unknown): v is Promise<unknown> {
  // Numbers, strings, booleans, None and undefined answer without a prototype-chain walk.
  return typeof v === 'object' && v !== null && v instanceof Promise;
}

/** f(v) now when v is a value, after it when v is a Promise. */
export function then<T, U>(v: MaybePromise<T>, f: (x: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(v) ? v.then(f) : f(v);
}

/** Maps each item with f; sync when every result is sync. */
export function mapMP<T, U>(items: T[], f: (x: T, i: number) => MaybePromise<U>): MaybePromise<U[]> {
  const out: U[] = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    const r = f(items[i], i);
    if (isPromise(r)) {
      return (async () => {
        out[i] = await r;
        for (let j = i + 1; j < items.length; j++) out[j] = await f(items[j], j);
        return out;
      })();
    }
    out[i] = r;
  }
  return out;
}

/** Calls `run(0)` … `run(count - 1)` in order, waiting only where a call returns a Promise. */
export function eachInOrder(count: number, run: (i: number) => unknown): MaybePromise<undefined> {
  const step = (i: number): MaybePromise<undefined> => {
    for (; i < count; i++) {
      const r = run(i);
      if (isPromise(r)) {
        const next = i + 1;
        return r.then(() => step(next));
      }
    }
    return undefined;
  };
  return step(0);
}
