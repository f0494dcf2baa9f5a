// `import heapq`: CPython's binary min-heap on a list, with its exact sift order (_siftdown,
// _siftup as heapq.py writes them), so the list a student prints after each push or pop matches.
import {
  defineFunction,
  isPromise,
  type MaybePromise,
  type ModuleFactory,
  newModule,
  None,
  pyError,
  PyList,
  type PyValue,
  toIndex,
  typeName,
} from '../objects.js';
import { then, toArrayMP } from '../runtime.js';
import { eachInOrder } from '../maybe-promise.js';
import { sortSync } from '../builtins/container-methods.js';
import { lessThan } from './bisect.js';

/** The heap's list; CPython's argument-clinic error for anything else (one-argument forms say "argument"). */
function heapOf(v: PyValue, fn: string, alone = false): PyValue[] {
  if (v instanceof PyList) return v.items;
  const which = alone ? 'argument' : 'argument 1';
  throw pyError('TypeError', `${fn}() ${which} must be list, not ${v === None ? 'None' : typeName(v)}`);
}

/** CPython's _siftdown: move heap[pos] up towards startpos while it is less than its parent. */
function siftDown(heap: PyValue[], start: number, pos: number): MaybePromise<void> {
  const item = heap[pos];
  const step = (pos: number): MaybePromise<void> => {
    while (pos > start) {
      const parentPos = (pos - 1) >> 1;
      const parent = heap[parentPos];
      const less = lessThan(item, parent);
      const move = (lt: boolean): MaybePromise<void> | 'stop' => {
        if (!lt) return 'stop';
        heap[pos] = parent;
        return undefined;
      };
      if (isPromise(less)) {
        const here = pos;
        return less.then((lt) => (move(lt) === 'stop' ? void (heap[here] = item) : step(parentPos)));
      }
      if (move(less) === 'stop') break;
      pos = parentPos;
    }
    heap[pos] = item;
  };
  return step(pos);
}

/** CPython's _siftup: move the smaller child up until a leaf, then _siftdown the item back. */
function siftUp(heap: PyValue[], pos: number): MaybePromise<void> {
  const end = heap.length;
  const start = pos;
  const item = heap[pos];
  const step = (pos: number): MaybePromise<void> => {
    let child = 2 * pos + 1;
    while (child < end) {
      const right = child + 1;
      const rightSmaller = right < end ? then(lessThan(heap[child], heap[right]), (lt) => !lt) : false;
      const descend = (useRight: boolean) => {
        const c = useRight ? right : child;
        heap[pos] = heap[c];
        return c;
      };
      if (isPromise(rightSmaller)) return rightSmaller.then((r) => step(descend(r)));
      pos = descend(rightSmaller);
      child = 2 * pos + 1;
    }
    heap[pos] = item;
    return siftDown(heap, start, pos);
  };
  return step(pos);
}

function heappush(heap: PyValue[], item: PyValue): MaybePromise<void> {
  heap.push(item);
  return siftDown(heap, 0, heap.length - 1);
}

function heappop(heap: PyValue[]): MaybePromise<PyValue> {
  if (heap.length === 0) throw pyError('IndexError', 'index out of range');
  const last = heap.pop() as PyValue;
  if (heap.length === 0) return last;
  const top = heap[0];
  heap[0] = last;
  return then(siftUp(heap, 0), () => top);
}

function heapreplace(heap: PyValue[], item: PyValue): MaybePromise<PyValue> {
  if (heap.length === 0) throw pyError('IndexError', 'index out of range');
  const top = heap[0];
  heap[0] = item;
  return then(siftUp(heap, 0), () => top);
}

function heappushpop(heap: PyValue[], item: PyValue): MaybePromise<PyValue> {
  if (heap.length === 0) return item;
  return then(lessThan(heap[0], item), (lt) => {
    if (!lt) return item;
    const top = heap[0];
    heap[0] = item;
    return then(siftUp(heap, 0), () => top);
  });
}

function heapify(heap: PyValue[]): MaybePromise<undefined> {
  const half = Math.floor(heap.length / 2);
  return eachInOrder(half, (i) => siftUp(heap, half - 1 - i));
}

/** nsmallest/nlargest: what CPython documents them equal to, sorted(...)[:n] (stable on ties). */
function firstSorted(n: PyValue, iterable: PyValue, key: PyValue, reverse: boolean): MaybePromise<PyValue> {
  const count = toIndex(n);
  return then(toArrayMP(iterable), (items) =>
    count <= 0 ? new PyList([]) : then(sortSync(items, key, reverse), (s) => new PyList(s.slice(0, count))),
  );
}

export const heapqModule: ModuleFactory = () =>
  newModule(
    'heapq',
    {
      heappush: defineFunction('heappush', 'heap, item, /', (a) =>
        heappush(heapOf(a.heap, 'heappush'), a.item),
      ),
      heappop: defineFunction('heappop', 'heap, /', (a) => heappop(heapOf(a.heap, 'heappop', true))),
      heapify: defineFunction('heapify', 'heap, /', (a) => heapify(heapOf(a.heap, 'heapify', true))),
      heapreplace: defineFunction('heapreplace', 'heap, item, /', (a) =>
        heapreplace(heapOf(a.heap, 'heapreplace'), a.item),
      ),
      heappushpop: defineFunction('heappushpop', 'heap, item, /', (a) =>
        heappushpop(heapOf(a.heap, 'heappushpop'), a.item),
      ),
      nsmallest: defineFunction('nsmallest', 'n, iterable, key=None', (a) =>
        firstSorted(a.n, a.iterable, a.key, false),
      ),
      nlargest: defineFunction('nlargest', 'n, iterable, key=None', (a) =>
        firstSorted(a.n, a.iterable, a.key, true),
      ),
    },
    'Heap queue algorithm (a.k.a. priority queue), as in CPython 3.11.',
  );
