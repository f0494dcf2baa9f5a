// `import bisect`: CPython's binary searches (bisect_left/right, insort_left/right, with lo, hi
// and key) comparing with `<` only, as CPython does, so a class's __lt__ is all it needs.
import {
  defineFunction,
  isPromise,
  type MaybePromise,
  type ModuleFactory,
  newModule,
  None,
  pyError,
  PyList,
  PyTuple,
  type PyValue,
  toIndex,
} from '../objects.js';
import { call, compare, getAttr, getItem, len, ltSync, then, truthy } from '../runtime.js';

/** a < b as Python decides it: at once for numbers and strings, else through compare (dunders). */
export function lessThan(a: PyValue, b: PyValue): MaybePromise<boolean> {
  const quick = ltSync(a, b);
  if (quick !== undefined) return quick;
  return then(compare('<', a, b), truthy);
}

function itemAt(a: PyValue, i: number): MaybePromise<PyValue> {
  return a instanceof PyList || a instanceof PyTuple ? a.items[i] : getItem(a, i);
}

/** The binary search: `goRight(mid)` says whether the answer lies after mid. */
function search(
  lo: number,
  hi: number,
  goRight: (mid: number) => MaybePromise<boolean>,
): MaybePromise<number> {
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const right = goRight(mid);
    if (isPromise(right))
      return right.then((r) => (r ? search(mid + 1, hi, goRight) : search(lo, mid, goRight)));
    if (right) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Side = 'left' | 'right';

/** bisect_left/right(a, x, lo, hi, key): x is compared with key(a[mid]) where a key is given. */
function bisect(
  side: Side,
  a: PyValue,
  x: PyValue,
  lo: PyValue,
  hi: PyValue,
  key: PyValue,
): MaybePromise<number> {
  const start = toIndex(lo);
  if (start < 0) throw pyError('ValueError', 'lo must be non-negative');
  return then(hi === None ? len(a) : toIndex(hi), (end) => {
    const keyed = (mid: number) => then(itemAt(a, mid), (v) => (key === None ? v : call(key, [v])));
    const goRight =
      side === 'left'
        ? (mid: number) => then(keyed(mid), (v) => lessThan(v, x))
        : (mid: number) => then(keyed(mid), (v) => then(lessThan(x, v), (lt) => !lt));
    return search(start, end, goRight);
  });
}

/** insort: bisect by key(x), then a.insert (a list's own, or the sequence's insert method). */
function insort(
  side: Side,
  a: PyValue,
  x: PyValue,
  lo: PyValue,
  hi: PyValue,
  key: PyValue,
): MaybePromise<void> {
  const probe = key === None ? x : call(key, [x]);
  return then(probe, (k) =>
    then(bisect(side, a, k, lo, hi, key), (i) => {
      if (a instanceof PyList) return void a.items.splice(i, 0, x);
      return then(getAttr(a, 'insert'), (insert) => then(call(insert, [i, x]), () => undefined));
    }),
  );
}

const SPEC = 'a, x, lo=0, hi=None, *, key=None';

const bisectFunction = (name: string, side: Side) =>
  defineFunction(name, SPEC, (a) => bisect(side, a.a, a.x, a.lo, a.hi, a.key));
const insortFunction = (name: string, side: Side) =>
  defineFunction(name, SPEC, (a) => insort(side, a.a, a.x, a.lo, a.hi, a.key));

export const bisectModule: ModuleFactory = () =>
  newModule(
    'bisect',
    {
      bisect_left: bisectFunction('bisect_left', 'left'),
      bisect_right: bisectFunction('bisect_right', 'right'),
      bisect: bisectFunction('bisect_right', 'right'),
      insort_left: insortFunction('insort_left', 'left'),
      insort_right: insortFunction('insort_right', 'right'),
      insort: insortFunction('insort_right', 'right'),
    },
    'Bisection algorithms, as in CPython 3.11.',
  );
