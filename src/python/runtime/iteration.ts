// Iteration: iter() of any value, for-loops driven synchronously until something waits, the loop
// tick that keeps long loops cancellable, and the builtin iterator types.
import {
  builtinExceptions,
  IterResult,
  MaybePromise,
  PyDict,
  pyError,
  PyException,
  PyIterator,
  PyList,
  PySet,
  PyTuple,
  PyType,
  PyValue,
  STOP,
  typeName,
  typeOf,
} from '../objects.js';
import { isPromise, then } from '../maybe-promise.js';
import { DictView, MAX_SEQUENCE, PyRange } from './values.js';
import { call } from './attributes.js';

export function getIter(v: PyValue): MaybePromise<PyIterator> {
  if (v instanceof PyList) {
    let i = 0;
    const items = v;
    return new PyIterator(() => (i < items.items.length ? items.items[i++] : STOP), listIteratorType);
  }
  if (v instanceof PyTuple) {
    let i = 0;
    const items = v.items;
    return new PyIterator(() => (i < items.length ? items[i++] : STOP), tupleIteratorType);
  }
  if (v instanceof PyRange) {
    let i = 0;
    const r = v;
    return new PyIterator(() => (i < r.length ? r.at(i++) : STOP), rangeIteratorType);
  }
  if (typeof v === 'string') {
    const chars = [...v];
    let i = 0;
    return new PyIterator(() => (i < chars.length ? chars[i++] : STOP), strIteratorType);
  }
  if (v instanceof PyDict) {
    const keys = v.keys();
    const size = v.size;
    let i = 0;
    return new PyIterator(() => {
      if (v.size !== size) throw pyError('RuntimeError', 'dictionary changed size during iteration');
      return i < keys.length ? keys[i++] : STOP;
    });
  }
  if (v instanceof PySet) {
    const vals = v.values();
    let i = 0;
    return new PyIterator(() => (i < vals.length ? vals[i++] : STOP));
  }
  if (v instanceof DictView) {
    const vals = v.items();
    let i = 0;
    return new PyIterator(() => (i < vals.length ? vals[i++] : STOP));
  }
  if (v instanceof PyIterator) return v;
  const t = typeOf(v);
  const it = t.lookup('__iter__');
  if (it !== undefined) {
    return then(call(it, [v], null), (r) => {
      if (r instanceof PyIterator) return r;
      const nx = typeOf(r).lookup('__next__');
      if (nx === undefined) {
        if (r instanceof PyList || r instanceof PyTuple || r instanceof PyRange) return getIter(r);
        throw pyError('TypeError', `iter() returned non-iterator of type '${typeName(r)}'`);
      }
      return new PyIterator(() => nextViaDunder(nx, r));
    });
  }
  const gi = t.lookup('__getitem__');
  if (gi !== undefined && !(v instanceof PyType)) {
    let i = 0;
    return new PyIterator(() => {
      const idx = i++;
      try {
        const r = call(gi, [v, idx], null);
        if (isPromise(r)) return r.catch((e: unknown) => stopOnIndexError(e));
        return r;
      } catch (e) {
        return stopOnIndexError(e);
      }
    });
  }
  throw pyError('TypeError', `'${t.tpName}' object is not iterable`);
}

function stopOnIndexError(e: unknown): IterResult {
  if (
    e instanceof PyException &&
    (e.exc.cls.isSubtypeOf(builtinExceptions.IndexError) ||
      e.exc.cls.isSubtypeOf(builtinExceptions.StopIteration))
  )
    return STOP;
  throw e;
}

function nextViaDunder(nx: PyValue, r: PyValue): MaybePromise<IterResult> {
  try {
    const x = call(nx, [r], null);
    if (isPromise(x)) return x.catch((e: unknown) => stopOnStopIteration(e));
    return x;
  } catch (e) {
    return stopOnStopIteration(e);
  }
}

function stopOnStopIteration(e: unknown): IterResult {
  if (e instanceof PyException && e.exc.cls.isSubtypeOf(builtinExceptions.StopIteration)) return STOP;
  throw e;
}

export function iterate(
  v: PyValue,
  body: (item: PyValue) => MaybePromise<void | boolean>,
): MaybePromise<void> {
  if (v instanceof PyList || v instanceof PyTuple) {
    const items = v.items;
    for (let i = 0; i < items.length; i++) {
      const r = body(items[i]);
      if (r === true) return;
      if (isPromise(r)) {
        let k = i + 1;
        return finishAsync(r, () => (k < items.length ? items[k++] : STOP), body);
      }
    }
    return;
  }
  return then(getIter(v), (it) => drive(it, body));
}

/** The running cell's budget and Stop check, for native loops that may not end (`sum(range(10**15))`). */
let loopTick: (() => void | Promise<void>) | null = null;

export function setLoopTick(tick: (() => void | Promise<void>) | null): void {
  loopTick = tick;
}

export function getLoopTick(): (() => void | Promise<void>) | null {
  return loopTick;
}

function drive(it: PyIterator, body: (item: PyValue) => MaybePromise<void | boolean>): MaybePromise<void> {
  const next = () => it.next();
  for (;;) {
    const waiting = loopTick?.();
    if (waiting)
      return finishAsync(
        waiting.then(() => undefined),
        next,
        body,
      );
    const x = it.next();
    if (isPromise(x)) {
      return finishAsync(
        x.then((y) => (y === STOP ? true : body(y))),
        next,
        body,
      );
    }
    if (x === STOP) return;
    const r = body(x);
    if (r === true) return;
    if (isPromise(r)) return finishAsync(r, next, body);
  }
}

/** The rest of an iteration once something waited: awaits only real Promises, step by step. */
async function finishAsync(
  pending: Promise<void | boolean>,
  next: () => MaybePromise<IterResult>,
  body: (item: PyValue) => MaybePromise<void | boolean>,
): Promise<void> {
  if ((await pending) === true) return;
  for (;;) {
    const waiting = loopTick?.();
    if (waiting) await waiting;
    let x = next();
    if (isPromise(x)) x = await x;
    if (x === STOP) return;
    let r = body(x);
    if (isPromise(r)) r = await r;
    if (r === true) return;
  }
}

export function toArrayMP(v: PyValue): MaybePromise<PyValue[]> {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.slice();
  if (v instanceof PyRange) {
    if (v.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
    const out = new Array<PyValue>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v.at(i);
    return out;
  }
  const out: PyValue[] = [];
  return then(
    iterate(v, (x) => {
      if (out.length >= MAX_SEQUENCE) throw pyError('MemoryError', '');
      out.push(x);
    }),
    () => out,
  );
}

export const listIteratorType = new PyType('list_iterator');

/**
 * zip()'s iterator, its iterators kept: a for loop that unpacks each step into plain locals reads
 * them directly, without a tuple per step, when they are list or tuple iterators (sync, never raise).
 */
export class ZipIterator extends PyIterator {
  constructor(
    readonly its: PyIterator[],
    readonly strict: boolean,
    next: () => MaybePromise<IterResult>,
    cls: PyType,
  ) {
    super(next, cls);
  }

  /** True when every iterator is a list or tuple iterator. */
  get overSequences(): boolean {
    return this.its.every((it) => it.cls === listIteratorType || it.cls === tupleIteratorType);
  }
}

export const tupleIteratorType = new PyType('tuple_iterator');

export const rangeIteratorType = new PyType('range_iterator');

export const strIteratorType = new PyType('str_iterator');

// Indexing
