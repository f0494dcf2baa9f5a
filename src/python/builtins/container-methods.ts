// The methods of list, tuple, dict and set, and sorting (list.sort, sorted) with key functions
// that may call Python code.
import {
  BoundArgs,
  builtinExceptions,
  defineFunction,
  dictType,
  frozensetType,
  listType,
  MaybePromise,
  NativeFunction,
  newException,
  None,
  PyDict,
  pyError,
  PyException,
  PyList,
  PySet,
  PyFloat,
  PyTuple,
  PyValue,
  rangeType,
  setType,
  toIndex,
  tupleType,
  typeName,
  typeOf,
} from '../objects.js';
import {
  call,
  compare,
  DictView,
  eqSync,
  getItem,
  getIter,
  ltSync,
  mapMP,
  MAX_SEQUENCE,
  PyRange,
  PyStaticMethod,
  reprSync,
  setItem,
  then,
  toArrayMP,
  truthy,
} from '../runtime.js';
import { fast, isNumeric, method, normIndex } from './helpers.js';
import { countMessage, cShape } from '../signature.js';
import { dictItemsType, dictKeysType, dictValuesType, dictViewTypes, staticMethodType } from './types.js';

async function sortValues(items: PyValue[], key: PyValue, reverse: boolean): Promise<PyValue[]> {
  const keys = key === None ? items : await mapMP(items, (x) => call(key, [x], null));
  const idx = items.map((_, i) => i);
  let needsAsync = false;
  const cmp = (i: number, j: number): number => {
    const a = keys[i];
    const b = keys[j];
    const lt = ltSync(b, a);
    if (lt === undefined) {
      needsAsync = true;
      return 0;
    }
    if (lt) return reverse ? -1 : 1;
    const gt = ltSync(a, b);
    if (gt) return reverse ? 1 : -1;
    return 0;
  };
  idx.sort(cmp);
  if (!needsAsync) return idx.map((i) => items[i]);
  // Merge sort with Python's `<`, which may run Python code.
  const lessThan = async (a: number, b: number) => truthy(await compare('<', keys[a], keys[b]));
  const msort = async (arr: number[]): Promise<number[]> => {
    if (arr.length <= 1) return arr;
    const mid = arr.length >> 1;
    const l = await msort(arr.slice(0, mid));
    const r = await msort(arr.slice(mid));
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (i < l.length && j < r.length) {
      const takeRight = reverse ? await lessThan(l[i], r[j]) : await lessThan(r[j], l[i]);
      out.push(takeRight ? r[j++] : l[i++]);
    }
    return out.concat(l.slice(i), r.slice(j));
  };
  const sorted = await msort(items.map((_, i) => i));
  return sorted.map((i) => items[i]);
}

export function sortSync(items: PyValue[], key: PyValue, reverse: boolean): MaybePromise<PyValue[]> {
  if (key === None) {
    const copy = items.slice();
    let ok = true;
    copy.sort((a, b) => {
      const lt = ltSync(a, b);
      if (lt === undefined) {
        ok = false;
        return 0;
      }
      if (lt) return reverse ? 1 : -1;
      const gt = ltSync(b, a);
      if (gt === undefined) {
        ok = false;
        return 0;
      }
      return gt ? (reverse ? -1 : 1) : 0;
    });
    if (ok) {
      // Errors for unorderable builtin pairs.
      for (let i = 1; i < copy.length; i++) {
        const a = copy[i - 1];
        const b = copy[i];
        if (typeOf(a) !== typeOf(b) && !(isNumeric(a) && isNumeric(b))) {
          throw pyError(
            'TypeError',
            `'<' not supported between instances of '${typeName(b)}' and '${typeName(a)}'`,
          );
        }
      }
      return copy;
    }
  }
  return sortValues(items, key, reverse);
}

/** sys.maxsize: the stop of list.index and tuple.index when none is given. */
const MAX_SSIZE = '9223372036854775807';

/** The start and stop of list.index/tuple.index(value, start, stop), clamped as slice bounds. */
function searchBounds(a: BoundArgs, length: number): [number, number] {
  return [normIndex(toIndex(a.start), length), normIndex(toIndex(a.stop), length)];
}

/** dict.update(other=(), /, **kwargs) checks its count as PyArg_UnpackTuple does. */
const updateShape = cShape('update', 'dict', 'positional', 0, 1);

export function listMethods(): void {
  const t = listType;
  const items = (a: BoundArgs) => (a.self as PyList).items;
  const append = (self: PyValue, x: PyValue): PyValue => {
    const xs = (self as PyList).items;
    if (xs.length >= MAX_SEQUENCE) throw pyError('MemoryError', '');
    xs.push(x);
    return None;
  };
  const appendFn = fast(
    'append',
    2,
    2,
    (args) => append(args[0], args[1]),
    undefined,
    '(self, object, /)',
    'list',
  );
  appendFn.method2 = { min: 1, max: 1, fn: append };
  t.dict.set('append', appendFn);
  method(t, 'extend', 'self, iterable, /', (a) =>
    then(toArrayMP(a.iterable), (xs) => {
      const target = items(a);
      if (target.length + xs.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
      for (const x of xs) target.push(x);
    }),
  );
  method(t, 'insert', 'self, index, object, /', (a) => {
    const xs = items(a);
    xs.splice(normIndex(toIndex(a.index), xs.length), 0, a.object);
  });
  method(t, 'pop', 'self, index=-1, /', (a) => {
    const xs = items(a);
    if (xs.length === 0) throw pyError('IndexError', 'pop from empty list');
    let i = toIndex(a.index);
    if (i < 0) i += xs.length;
    if (i < 0 || i >= xs.length) throw pyError('IndexError', 'pop index out of range');
    return xs.splice(i, 1)[0];
  });
  const indexOf = (xs: PyValue[], x: PyValue, start = 0): MaybePromise<number> => {
    for (let i = start; i < xs.length; i++) {
      const e = eqSync(xs[i], x);
      if (e === true) return i;
      if (e === undefined) {
        const idx = i;
        return then(compare('==', xs[i], x), (r) =>
          then(truthy(r), (tr) => (tr ? idx : indexOf(xs, x, idx + 1))),
        );
      }
    }
    return -1;
  };
  method(t, 'remove', 'self, value, /', (a) =>
    then(indexOf(items(a), a.value), (i) => {
      if (i < 0) throw pyError('ValueError', 'list.remove(x): x not in list');
      items(a).splice(i, 1);
    }),
  );
  method(t, 'index', `self, value, start=0, stop=${MAX_SSIZE}, /`, (a) => {
    const xs = items(a);
    const [start, stop] = searchBounds(a, xs.length);
    return then(indexOf(stop < xs.length ? xs.slice(0, stop) : xs, a.value, start), (i) => {
      if (i < 0) throw pyError('ValueError', `${reprSync(a.value)} is not in list`);
      return i;
    });
  });
  method(t, 'count', 'self, value, /', (a) => items(a).filter((x) => eqSync(x, a.value) === true).length);
  method(t, 'clear', 'self, /', (a) => {
    (a.self as PyList).items = [];
  });
  method(t, 'copy', 'self, /', (a) => new PyList(items(a).slice()));
  method(t, 'reverse', 'self, /', (a) => void items(a).reverse());
  method(t, 'sort', 'self, /, *, key=None, reverse=False', (a) => {
    const self = a.self as PyList;
    return then(truthy(a.reverse), (rev) =>
      then(sortSync(self.items, a.key, rev), (sorted) => {
        self.items = sorted;
      }),
    );
  });
  method(t, '__len__', 'self', (a) => items(a).length);
  method(t, '__getitem__', 'self, key', (a) => getItem(a.self, a.key));

  method(tupleType, 'index', `self, value, start=0, stop=${MAX_SSIZE}, /`, (a) => {
    const xs = (a.self as PyTuple).items;
    const [start, stop] = searchBounds(a, xs.length);
    for (let i = start; i < stop; i++) if (eqSync(xs[i], a.value) === true) return i;
    throw pyError('ValueError', 'tuple.index(x): x not in tuple');
  });
  method(
    tupleType,
    'count',
    'self, value, /',
    (a) => (a.self as PyTuple).items.filter((x) => eqSync(x, a.value) === true).length,
  );
  method(tupleType, '__len__', 'self', (a) => (a.self as PyTuple).items.length);
  method(tupleType, '__getitem__', 'self, key', (a) => getItem(a.self, a.key));
}

export function dictMethods(): void {
  const t = dictType;
  const d = (a: BoundArgs) => a.self as PyDict;
  // An OrderedDict's views are odict_keys …; a dict subclass of a program's own, a dict's.
  const views = (dict: PyDict) => dictViewTypes.get(dict.cls) ?? dictViewTypes.get(dictType)!;
  method(t, 'keys', 'self, /', (a) => new DictView(views(d(a)).keys, d(a), 'keys'));
  method(t, 'values', 'self, /', (a) => new DictView(views(d(a)).values, d(a), 'values'));
  method(t, 'items', 'self, /', (a) => new DictView(views(d(a)).items, d(a), 'items'));
  const get = fast(
    'get',
    2,
    3,
    (args) => (args[0] as PyDict).get(args[1]) ?? args[2] ?? None,
    undefined,
    '(self, key, default=None, /)',
    'dict',
  );
  get.method2 = { min: 1, max: 2, fn: (self, k, dflt) => (self as PyDict).get(k) ?? dflt ?? None };
  t.dict.set('get', get);
  method(t, 'setdefault', 'self, key, default=None, /', (a) => {
    const v = d(a).get(a.key);
    if (v !== undefined) return v;
    d(a).set(a.key, a.default);
    return a.default;
  });
  // fast: a missing default differs from default=None.
  t.dict.set(
    'pop',
    fast(
      'pop',
      2,
      3,
      (args) => {
        const self = args[0] as PyDict;
        const v = self.get(args[1]);
        if (v === undefined) {
          if (args.length > 2) return args[2];
          throw new PyException(newException(builtinExceptions.KeyError, [args[1]]));
        }
        self.delete(args[1]);
        return v;
      },
      undefined,
      '(self, key, default=<unrepresentable>, /)',
      'dict',
    ),
  );
  method(t, 'popitem', 'self, /', (a) => {
    const e = d(a).entries();
    if (e.length === 0) throw pyError('KeyError', 'popitem(): dictionary is empty');
    const [k, v] = e[e.length - 1];
    d(a).delete(k);
    return new PyTuple([k, v]);
  });
  t.dict.set(
    'update',
    new NativeFunction('update', (args, kwargs) => {
      const self = args[0] as PyDict;
      if (args.length > 2) throw pyError('TypeError', countMessage(updateShape, args.length - 1));
      const done = () => {
        if (kwargs) for (const [k, v] of kwargs) self.set(k, v);
        return None;
      };
      if (args.length < 2) return done();
      const src = args[1];
      if (src instanceof PyDict) {
        for (const [k, v] of src.entries()) self.set(k, v);
        return done();
      }
      return then(toArrayMP(src), (items) =>
        then(
          mapMP(items, (item) =>
            then(toArrayMP(item), (pair) => {
              if (pair.length !== 2)
                throw pyError('ValueError', 'dictionary update sequence element has wrong length');
              self.set(pair[0], pair[1]);
            }),
          ),
          done,
        ),
      );
    }),
  );
  method(t, 'copy', 'self, /', (a) => new PyDict(d(a).entries()));
  method(t, 'clear', 'self, /', (a) => void d(a).map.clear());
  t.dict.set(
    'fromkeys',
    new PyStaticMethod(
      staticMethodType,
      // A class method: OrderedDict.fromkeys makes an OrderedDict (`self` is the class).
      defineFunction(
        'fromkeys',
        'self, iterable, value=None, /',
        (a) =>
          then(toArrayMP(a.iterable), (ks) => {
            if (a.self === dictType) return new PyDict(ks.map((k) => [k, a.value] as [PyValue, PyValue]));
            return then(call(a.self, []), (made) =>
              then(
                mapMP(ks, (k) => setItem(made, k, a.value)),
                () => made,
              ),
            );
          }),
        undefined,
        { owner: 'dict', convention: 'clinic' },
      ),
      'class',
    ),
  );
  method(t, '__len__', 'self', (a) => d(a).size);
  method(t, '__getitem__', 'self, key', (a) => getItem(a.self, a.key));
  method(t, '__contains__', 'self, key', (a) => d(a).has(a.key));
  for (const vt of [dictKeysType, dictValuesType, dictItemsType]) {
    method(vt, '__len__', 'self', (a) => (a.self as DictView).dict.size);
    vt.dict.set(
      '__iter__',
      defineFunction('__iter__', 'self', (a) => getIter(a.self)),
    );
  }
}

export function setMethods(): void {
  for (const t of [setType, frozensetType]) {
    const s = (a: BoundArgs) => a.self as PySet;
    const mk = (a: BoundArgs, items: PyValue[]) => new PySet(items, s(a).cls === frozensetType);
    method(t, 'union', 'self, /, *others', async (a) => {
      const out = mk(a, s(a).values());
      for (const o of (a.others as PyTuple).items) for (const x of await toArrayMP(o)) out.add(x);
      return out;
    });
    method(t, 'intersection', 'self, /, *others', async (a) => {
      let cur = s(a).values();
      for (const o of (a.others as PyTuple).items) {
        const other = new PySet(await toArrayMP(o));
        cur = cur.filter((x) => other.has(x));
      }
      return mk(a, cur);
    });
    method(t, 'difference', 'self, /, *others', async (a) => {
      let cur = s(a).values();
      for (const o of (a.others as PyTuple).items) {
        const other = new PySet(await toArrayMP(o));
        cur = cur.filter((x) => !other.has(x));
      }
      return mk(a, cur);
    });
    method(t, 'symmetric_difference', 'self, other, /', async (a) => {
      const other = new PySet(await toArrayMP(a.other));
      return mk(a, [
        ...s(a)
          .values()
          .filter((x) => !other.has(x)),
        ...other.values().filter((x) => !s(a).has(x)),
      ]);
    });
    method(t, 'issubset', 'self, other, /', async (a) => {
      const other = new PySet(await toArrayMP(a.other));
      return s(a)
        .values()
        .every((x) => other.has(x));
    });
    method(t, 'issuperset', 'self, other, /', async (a) =>
      (await toArrayMP(a.other)).every((x) => s(a).has(x)),
    );
    method(t, 'isdisjoint', 'self, other, /', async (a) =>
      (await toArrayMP(a.other)).every((x) => !s(a).has(x)),
    );
    method(t, 'copy', 'self, /', (a) => mk(a, s(a).values()));
    method(t, '__len__', 'self', (a) => s(a).size);
    method(t, '__contains__', 'self, item', (a) => s(a).has(a.item));
  }
  const s = (a: BoundArgs) => a.self as PySet;
  method(setType, 'add', 'self, elem, /', (a) => void s(a).add(a.elem));
  method(setType, 'remove', 'self, elem, /', (a) => {
    if (!s(a).delete(a.elem)) throw new PyException(newException(builtinExceptions.KeyError, [a.elem]));
  });
  method(setType, 'discard', 'self, elem, /', (a) => void s(a).delete(a.elem));
  method(setType, 'pop', 'self, /', (a) => {
    const v = s(a).values()[0];
    if (v === undefined) throw pyError('KeyError', 'pop from an empty set');
    s(a).delete(v);
    return v;
  });
  method(setType, 'clear', 'self, /', (a) => void s(a).map.clear());
  method(setType, 'update', 'self, /, *others', async (a) => {
    for (const o of (a.others as PyTuple).items) for (const x of await toArrayMP(o)) s(a).add(x);
  });
  method(setType, 'intersection_update', 'self, /, *others', async (a) => {
    for (const o of (a.others as PyTuple).items) {
      const other = new PySet(await toArrayMP(o));
      for (const x of s(a).values()) if (!other.has(x)) s(a).delete(x);
    }
  });
  method(setType, 'difference_update', 'self, /, *others', async (a) => {
    for (const o of (a.others as PyTuple).items) for (const x of await toArrayMP(o)) s(a).delete(x);
  });
  method(setType, 'symmetric_difference_update', 'self, other, /', async (a) => {
    // Each distinct item of other once, as CPython takes it as a set first.
    for (const x of new PySet(await toArrayMP(a.other)).values()) if (!s(a).delete(x)) s(a).add(x);
  });
}

/** Where `v` stands in range `r` (ints, and floats and bools equal to one), or -1. */
function rangePosition(r: PyRange, v: PyValue): number {
  const x =
    typeof v === 'number'
      ? v
      : typeof v === 'boolean'
        ? Number(v)
        : v instanceof PyFloat && Number.isInteger(v.v)
          ? v.v
          : undefined;
  if (x === undefined) return -1;
  const k = (x - r.start) / r.step;
  return Number.isInteger(k) && k >= 0 && k < r.length ? k : -1;
}

export function rangeMethods(): void {
  const r = (a: BoundArgs) => a.self as PyRange;
  method(rangeType, 'count', 'self, value, /', (a) => (rangePosition(r(a), a.value) >= 0 ? 1 : 0));
  method(rangeType, 'index', 'self, value, /', (a) => {
    const k = rangePosition(r(a), a.value);
    // CPython computes an int's place, and searches by == for anything else.
    const int = typeof a.value === 'number' || typeof a.value === 'boolean' || typeof a.value === 'bigint';
    if (k < 0)
      throw pyError(
        'ValueError',
        int ? `${reprSync(a.value)} is not in range` : 'sequence.index(x): x not in sequence',
      );
    return k;
  });
}
