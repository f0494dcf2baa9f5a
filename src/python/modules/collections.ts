// `import collections`: Counter, defaultdict, OrderedDict, deque and namedtuple as CPython 3.11 has
// them (Lib/collections/__init__.py and _collectionsmodule.c): the same results, reprs and errors.
// Counter, defaultdict and OrderedDict are dicts of their own class (a PyDict whose cls is theirs),
// so every dict operation works on them; a namedtuple's instances are tuples of their class.
import {
  type BoundArgs,
  builtinExceptions,
  defineFunction,
  dictType,
  isInt,
  type Kwargs,
  type MaybePromise,
  NativeFunction,
  newException,
  newModule,
  None,
  NotImplemented,
  type ModuleFactory,
  PyDict,
  pyError,
  PyException,
  PyList,
  PyProperty,
  PyTuple,
  PyType,
  type PyValue,
  STOP,
  toIndex,
  typeName,
} from '../objects.js';
import {
  binaryOp,
  call,
  compare,
  eqSync,
  isCallable,
  mapMP,
  PyStaticMethod,
  repr,
  then,
  toArrayMP,
  truthy,
} from '../runtime.js';
import { orderedDictType, staticMethodType } from '../builtins/types.js';
import { sortSync } from '../builtins/container-methods.js';
import { lazyIterator } from '../builtins/helpers.js';
import { dequeType } from './collections/deque.js';
import { namedtuple } from './collections/namedtuple.js';

// ---- shared by the dict classes ----------------------------------------------------------------

const dictUpdate = dictType.dict.get('update')!;

/** A new dict of class `cls`, filled as dict(*args, **kwargs) fills one. */
function dictOf(
  cls: PyType,
  args: PyValue[],
  kwargs: Kwargs | null,
  made = new PyDict(),
): MaybePromise<PyDict> {
  made.cls = cls;
  if (args.length > 1) throw pyError('TypeError', `expected at most 1 argument, got ${args.length}`);
  return then(call(dictUpdate, [made, ...args], kwargs), () => made);
}

/** A method of `type` whose wrong calls are worded as CPython words them for it. */
function define(type: PyType, name: string, spec: string, impl: Parameters<typeof defineFunction>[2]): void {
  type.dict.set(
    name,
    defineFunction(name, spec, impl, undefined, { owner: type.name, convention: 'python' }),
  );
}

const isDict = (v: PyValue): v is PyDict => v instanceof PyDict;

/** What Counter.elements() returns in CPython: an itertools.chain. */
const chainType = new PyType('chain', { module: 'itertools' });

// ---- Counter -----------------------------------------------------------------------------------

export const counterType = new PyType('Counter', { module: 'collections', bases: [dictType] });

const plus = (a: PyValue, b: PyValue) => binaryOp('+', a, b);
const minus = (a: PyValue, b: PyValue) => binaryOp('-', a, b);
const isPositive = (v: PyValue) => then(compare('>', v, 0), truthy);
const isNegative = (v: PyValue) => then(compare('<', v, 0), truthy);

/** Counter.update / subtract: counts from a mapping, or one per element of an iterable. */
function countInto(self: PyDict, source: PyValue, combine: typeof plus): MaybePromise<void> {
  if (source === None) return;
  if (isDict(source)) {
    // CPython's fast path: an empty Counter takes a mapping's counts as they are (dict.update).
    if (combine === plus && self.size === 0) {
      for (const [k, v] of source.entries()) self.set(k, v);
      return;
    }
    return then(
      mapMP(source.entries(), ([k, v]) => then(combine(self.get(k) ?? 0, v), (n) => self.set(k, n))),
      () => undefined,
    );
  }
  return then(toArrayMP(source), (items) =>
    then(
      mapMP(items, (k) => then(combine(self.get(k) ?? 0, 1), (n) => self.set(k, n))),
      () => undefined,
    ),
  );
}

function counterUpdate(combine: typeof plus) {
  return (args: PyValue[], kwargs: Kwargs | null): MaybePromise<PyValue> => {
    const [self, source = None, ...extra] = args;
    if (!(self instanceof PyDict)) throw pyError('TypeError', 'descriptor requires a Counter');
    if (extra.length) throw pyError('TypeError', `expected at most 1 argument, got ${args.length - 1}`);
    return then(countInto(self, source, combine), () =>
      kwargs ? then(countInto(self, new PyDict([...kwargs]), combine), () => None) : None,
    );
  };
}

function newCounter(entries: [PyValue, PyValue][] = []): PyDict {
  const c = new PyDict(entries);
  c.cls = counterType;
  return c;
}

/** The (element, count) pairs by count, largest first; ties keep their order (a stable sort). */
function byCount(c: PyDict): MaybePromise<PyTuple[]> {
  const count = new NativeFunction('count', (args) => (args[0] as PyTuple).items[1]);
  const pairs = c.entries().map(([k, v]) => new PyTuple([k, v]));
  return then(sortSync(pairs, count, true), (s) => s as PyTuple[]);
}

/** Counter's binary operators: entries of both, combined, those with a positive count kept. */
function counterOp(combine: (a: PyValue, b: PyValue) => MaybePromise<PyValue>, keepOnlyOwn = false) {
  return (self: PyDict, other: PyValue): MaybePromise<PyValue> => {
    if (!(other instanceof PyDict) || !other.cls.isSubtypeOf(counterType)) return NotImplemented;
    const result = newCounter();
    const keys = keepOnlyOwn ? self.keys() : [...self.keys(), ...other.keys().filter((k) => !self.has(k))];
    return then(
      mapMP(keys, (k) =>
        then(combine(self.get(k) ?? 0, other.get(k) ?? 0), (n) =>
          then(isPositive(n), (keep) => void (keep ? result.set(k, n) : undefined)),
        ),
      ),
      () => result,
    );
  };
}

const maxOf = (a: PyValue, b: PyValue) => then(then(compare('<', a, b), truthy), (lt) => (lt ? b : a));
const minOf = (a: PyValue, b: PyValue) => then(then(compare('<', a, b), truthy), (lt) => (lt ? a : b));

const counterAdd = counterOp(plus);
const counterSub = counterOp(minus);
const counterOr = counterOp(maxOf);
const counterAnd = counterOp(minOf, true);

/** `c1 += c2` and its kin: the same counts as `c1 + c2`, kept in c1. */
function inPlace(op: typeof counterAdd) {
  return (self: PyDict, other: PyValue): MaybePromise<PyValue> =>
    then(op(self, other), (r) => {
      if (r === NotImplemented) return r;
      self.map.clear();
      for (const [k, v] of (r as PyDict).entries()) self.set(k, v);
      return self;
    });
}

const binary = (name: string, fn: (self: PyDict, other: PyValue) => MaybePromise<PyValue>) =>
  define(counterType, name, 'self, other', (a) => fn(a.self as PyDict, a.other));

counterType.construct = new NativeFunction('Counter', (args, kwargs) => {
  const c = newCounter();
  if (args.length > 1)
    throw pyError(
      'TypeError',
      `Counter.__init__() takes from 1 to 2 positional arguments but ${args.length + 1} were given`,
    );
  return then(counterUpdate(plus)([c, ...args], kwargs), () => c);
});
counterType.dict.set('update', new NativeFunction('update', counterUpdate(plus)));
counterType.dict.set('subtract', new NativeFunction('subtract', counterUpdate(minus)));
define(counterType, '__missing__', 'self, key', () => 0);
define(counterType, '__delitem__', 'self, elem', (a) => void (a.self as PyDict).delete(a.elem));
define(counterType, 'total', 'self', (a) =>
  (a.self as PyDict).values().reduce<MaybePromise<PyValue>>((sum, v) => then(sum, (s) => plus(s, v)), 0),
);
define(counterType, 'most_common', 'self, n=None', (a) =>
  then(
    byCount(a.self as PyDict),
    (pairs) => new PyList(a.n === None ? pairs : pairs.slice(0, Math.max(0, toIndex(a.n)))),
  ),
);
define(counterType, 'elements', 'self', (a) => {
  // Lazy, as CPython's chain of repeats: a bad count is found when the iteration reaches it.
  const entries = (a.self as PyDict).entries();
  let at = 0;
  let left = 0;
  return lazyIterator(chainType, () => {
    while (left <= 0) {
      if (at >= entries.length) return STOP;
      const n = entries[at++][1];
      if (!isInt(n) && typeof n !== 'boolean')
        throw pyError('TypeError', `'${typeName(n)}' object cannot be interpreted as an integer`);
      left = Number(n);
    }
    left--;
    return entries[at - 1][0];
  });
});
define(counterType, 'copy', 'self', (a) => newCounter((a.self as PyDict).entries()));
define(counterType, '__repr__', 'self', (a) => {
  const c = a.self as PyDict;
  const name = c.cls.name;
  if (c.size === 0) return `${name}()`;
  return then(byCount(c), (pairs) =>
    then(repr(new PyDict(pairs.map((p) => [p.items[0], p.items[1]]))), (d) => `${name}(${d})`),
  );
});
define(counterType, '__eq__', 'self, other', (a) => {
  const self = a.self as PyDict;
  const other = a.other;
  if (!(other instanceof PyDict)) return NotImplemented;
  if (!other.cls.isSubtypeOf(counterType))
    return compare('==', new PyDict(self.entries()), new PyDict(other.entries()));
  // Since 3.10 a missing element counts as zero: Counter(a=1) == Counter(a=1, b=0).
  const keys = [...self.keys(), ...other.keys()];
  const step = (i: number): MaybePromise<boolean> => {
    for (; i < keys.length; i++) {
      const x = self.get(keys[i]) ?? 0;
      const y = other.get(keys[i]) ?? 0;
      const e = eqSync(x, y);
      if (e === false) return false;
      if (e === undefined) {
        const at = i;
        return then(then(compare('==', x, y), truthy), (same) => (same ? step(at + 1) : false));
      }
    }
    return true;
  };
  return step(0);
});
define(counterType, '__ne__', 'self, other', (a) =>
  then(call(counterType.dict.get('__eq__')!, [a.self, a.other]), (r) =>
    r === NotImplemented ? r : then(truthy(r), (same) => !same),
  ),
);
binary('__add__', counterAdd);
binary('__sub__', counterSub);
binary('__or__', counterOr);
binary('__and__', counterAnd);
binary('__iadd__', inPlace(counterAdd));
binary('__isub__', inPlace(counterSub));
binary('__ior__', inPlace(counterOr));
binary('__iand__', inPlace(counterAnd));
/** Unary + and -: the positive counts, or the negated negative ones. */
const keepWhere = (test: (v: PyValue) => MaybePromise<boolean>, negate: boolean) => (a: BoundArgs) => {
  const result = newCounter();
  return then(
    mapMP((a.self as PyDict).entries(), ([k, v]) =>
      then(test(v), (keep) =>
        keep ? then(negate ? binaryOp('-', 0, v) : v, (n) => void result.set(k, n)) : undefined,
      ),
    ),
    () => result,
  );
};
define(counterType, '__pos__', 'self', keepWhere(isPositive, false));
define(counterType, '__neg__', 'self', keepWhere(isNegative, true));
counterType.dict.set(
  'fromkeys',
  new PyStaticMethod(
    staticMethodType,
    new NativeFunction('fromkeys', () => {
      throw pyError(
        'NotImplementedError',
        'Counter.fromkeys() is undefined.  Use Counter(iterable) instead.',
      );
    }),
    'class',
  ),
);

// ---- defaultdict ---------------------------------------------------------------------------------

/** A dict whose missing keys get `factory()` (None: a KeyError, as a dict's). */
class DefaultDict extends PyDict {
  factory: PyValue = None;
}

export const defaultdictType = new PyType('defaultdict', { module: 'collections', bases: [dictType] });

function checkFactory(f: PyValue): PyValue {
  if (f !== None && !isCallable(f)) throw pyError('TypeError', 'first argument must be callable or None');
  return f;
}

defaultdictType.construct = new NativeFunction('defaultdict', (args, kwargs) => {
  const d = new DefaultDict();
  d.factory = checkFactory(args[0] ?? None);
  return dictOf(defaultdictType, args.slice(1), kwargs, d);
});
define(defaultdictType, '__missing__', 'self, key', (a) => {
  const d = a.self as DefaultDict;
  if (d.factory === None) throw new PyException(newException(builtinExceptions.KeyError, [a.key]));
  return then(call(d.factory, []), (v) => {
    d.set(a.key, v);
    return v;
  });
});
defaultdictType.dict.set(
  'default_factory',
  new PyProperty(
    (self) => (self as DefaultDict).factory,
    (self, v) => void ((self as DefaultDict).factory = v),
  ),
);
const copyDefaultDict = (a: BoundArgs) => {
  const src = a.self as DefaultDict;
  const d = new DefaultDict(src.entries());
  d.cls = src.cls;
  d.factory = src.factory;
  return d;
};
define(defaultdictType, 'copy', 'self', copyDefaultDict);
define(defaultdictType, '__copy__', 'self', copyDefaultDict);
define(defaultdictType, '__repr__', 'self', (a) => {
  const d = a.self as DefaultDict;
  const factory = d.factory === None ? 'None' : repr(d.factory);
  return then(factory, (f) => then(repr(new PyDict(d.entries())), (body) => `${d.cls.name}(${f}, ${body})`));
});

// ---- OrderedDict ---------------------------------------------------------------------------------

orderedDictType.construct = new NativeFunction('OrderedDict', (args, kwargs) =>
  dictOf(orderedDictType, args, kwargs),
);
define(orderedDictType, 'move_to_end', 'self, key, last=True', (a) => {
  const d = a.self as PyDict;
  const value = d.get(a.key);
  if (value === undefined) throw new PyException(newException(builtinExceptions.KeyError, [a.key]));
  return then(truthy(a.last), (last) => {
    d.delete(a.key);
    if (last) d.set(a.key, value);
    else {
      const rest = d.entries();
      d.map.clear();
      d.set(a.key, value);
      for (const [k, v] of rest) d.set(k, v);
    }
    return None;
  });
});
define(orderedDictType, 'popitem', 'self, last=True', (a) => {
  const d = a.self as PyDict;
  if (d.size === 0) throw pyError('KeyError', 'dictionary is empty');
  return then(truthy(a.last), (last) => {
    const entries = d.entries();
    const [k, v] = last ? entries[entries.length - 1] : entries[0];
    d.delete(k);
    return new PyTuple([k, v]);
  });
});
define(orderedDictType, 'copy', 'self', (a) => {
  const d = new PyDict((a.self as PyDict).entries());
  d.cls = (a.self as PyDict).cls;
  return d;
});
define(orderedDictType, '__eq__', 'self, other', (a) => {
  const self = a.self as PyDict;
  const other = a.other;
  if (!(other instanceof PyDict)) return NotImplemented;
  // Two OrderedDicts are equal only in the same order; with a plain dict, as dicts.
  if (other.cls.isSubtypeOf(orderedDictType)) {
    const x = self.keys();
    const y = other.keys();
    if (x.length !== y.length || x.some((k, i) => eqSync(k, y[i]) !== true)) return false;
  }
  return compare('==', new PyDict(self.entries()), new PyDict(other.entries()));
});

export const collectionsModule: ModuleFactory = () =>
  newModule('collections', {
    Counter: counterType,
    defaultdict: defaultdictType,
    OrderedDict: orderedDictType,
    deque: dequeType,
    namedtuple,
  });
