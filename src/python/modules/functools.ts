// `import functools`: reduce, partial, lru_cache and cache, wraps and update_wrapper, cmp_to_key,
// total_ordering and cached_property, as CPython 3.11's: their results, reprs and errors. Every
// callback may return a Promise (Python code that waited or yielded); each result is taken on
// either path.
import {
  builtinExceptions,
  defineFunction,
  FunctionAttributes,
  type HashKey,
  hashKey,
  type Kwargs,
  makeIterator,
  type MaybePromise,
  type ModuleFactory,
  NativeFunction,
  newModule,
  None,
  NotImplemented,
  objectType,
  PyCallable,
  PyDict,
  pyError,
  PyException,
  PyInstance,
  PyNative,
  PyProperty,
  PyTuple,
  PyType,
  type PyValue,
  toIndex,
  typeName,
  typeOf,
} from '../objects.js';
import {
  addressOf,
  call,
  compare,
  getAttr,
  getIter,
  isCallable,
  iterate,
  lookupAttr,
  mapMP,
  oneLevelDeeper,
  repr,
  setAttr,
  then,
  toArrayMP,
  truthy,
} from '../runtime.js';
import { eachInOrder, isPromise } from '../maybe-promise.js';
import { fast } from '../builtins/helpers.js';

/** A functools class implemented in C: its messages name the module ('functools.partial' object …). */
function cClass(name: string): PyType {
  return new PyType(name, { module: 'functools', native: true, tpName: `functools.${name}` });
}

/** Whether `e` is a Python exception of class `name` (or a subclass). */
function isPyError(e: unknown, name: string): boolean {
  return e instanceof PyException && e.exc.cls.isSubtypeOf(builtinExceptions[name]);
}

// ---------------------------------------------------------------------------------------------
// reduce

const EMPTY_REDUCE = 'reduce() of empty iterable with no initial value';

/** iter(seq), any TypeError of which reduce words as its own. */
function reduceIter(seq: PyValue): MaybePromise<PyValue> {
  const unsupported = (e: unknown): never => {
    if (isPyError(e, 'TypeError')) throw pyError('TypeError', 'reduce() arg 2 must support iteration');
    throw e;
  };
  try {
    const it = getIter(seq);
    return isPromise(it) ? it.catch(unsupported) : it;
  } catch (e) {
    return unsupported(e);
  }
}

const reduce = fast(
  'reduce',
  2,
  3,
  ([func, seq, ...initial]) =>
    then(reduceIter(seq), (it) => {
      let total: PyValue | undefined = initial.length > 0 ? initial[0] : undefined;
      const fold = (x: PyValue): MaybePromise<void> => {
        if (total === undefined) {
          total = x;
          return;
        }
        return then(call(func, [total, x]), (r) => {
          total = r;
        });
      };
      return then(iterate(it, fold), () => {
        if (total === undefined) throw pyError('TypeError', EMPTY_REDUCE);
        return total;
      });
    }),
  'Apply a function of two arguments cumulatively to the items of an iterable, from left to right.',
  '(function, iterable[, initial], /)',
);

// ---------------------------------------------------------------------------------------------
// partial

interface Partial {
  readonly func: PyValue;
  readonly args: PyTuple;
  readonly keywords: PyDict;
}

const partialType = cClass('partial');

/** The partial a method of partial was called on (`method` names it in the error otherwise). */
function partialOf(v: PyValue | undefined, method: string): Partial {
  if (v instanceof PyNative && v.cls === partialType) return v.value as Partial;
  if (v === undefined)
    throw pyError('TypeError', `descriptor '${method}' of 'functools.partial' object needs an argument`);
  throw pyError(
    'TypeError',
    `descriptor '${method}' requires a 'functools.partial' object but received a '${typeName(v)}'`,
  );
}

/** A partial of a partial is flattened, as CPython's (unless the inner one has attributes of its own). */
function makePartial(func: PyValue, args: PyValue[], keywords: Kwargs | null): PyNative<Partial> {
  let f = func;
  let allArgs = args;
  const allKeywords = new PyDict();
  const inner = f instanceof PyNative && f.cls === partialType ? (f as PyNative<Partial>) : undefined;
  if (inner !== undefined && !(inner as PyNative & { attrs?: Map<string, PyValue> }).attrs?.size) {
    f = inner.value.func;
    allArgs = [...inner.value.args.items, ...args];
    for (const [k, v] of inner.value.keywords.entries()) allKeywords.set(k, v);
  }
  for (const [k, v] of keywords ?? []) allKeywords.set(k, v);
  return new PyNative(partialType, { func: f, args: new PyTuple(allArgs), keywords: allKeywords });
}

/** The keyword arguments of a call of a partial: its own, those of the call replacing them. */
function mergedKeywords(own: PyDict, given: Kwargs | null): Kwargs | null {
  if (own.size === 0) return given;
  const merged: Kwargs = new Map();
  for (const [k, v] of own.entries()) merged.set(k as string, v);
  for (const [k, v] of given ?? []) merged.set(k, v);
  return merged;
}

const readonly = () => {
  throw pyError('AttributeError', 'readonly attribute');
};

partialType.construct = new NativeFunction('partial', (args, kwargs) => {
  if (args.length === 0) throw pyError('TypeError', "type 'partial' takes at least one argument");
  if (!isCallable(args[0])) throw pyError('TypeError', 'the first argument must be callable');
  return makePartial(args[0], args.slice(1), kwargs);
});
partialType.define(
  {
    __call__: new NativeFunction('__call__', (args, kwargs) => {
      const p = partialOf(args[0], '__call__');
      return call(p.func, [...p.args.items, ...args.slice(1)], mergedKeywords(p.keywords, kwargs));
    }),
    __repr__: defineFunction('__repr__', 'self, /', (a) => {
      const p = partialOf(a.self, '__repr__');
      const parts: MaybePromise<string>[] = [repr(p.func), ...p.args.items.map((x) => repr(x))];
      for (const [k, v] of p.keywords.entries()) parts.push(then(repr(v), (s) => `${String(k)}=${s}`));
      return then(
        mapMP(parts, (s) => s),
        (texts) => `functools.partial(${texts.join(', ')})`,
      );
    }),
  },
  {
    func: { get: (self: PyNative<Partial>) => self.value.func, set: readonly },
    args: { get: (self: PyNative<Partial>) => self.value.args, set: readonly },
    keywords: { get: (self: PyNative<Partial>) => self.value.keywords, set: readonly },
  },
);

// ---------------------------------------------------------------------------------------------
// wraps, update_wrapper

const WRAPPER_ASSIGNMENTS = new PyTuple([
  '__module__',
  '__name__',
  '__qualname__',
  '__doc__',
  '__annotations__',
]);
const WRAPPER_UPDATES = new PyTuple(['__dict__']);

/** getattr(obj, name), or undefined where it raises AttributeError. */
function attributeOrMissing(obj: PyValue, name: string): MaybePromise<PyValue | undefined> {
  const missing = (e: unknown): undefined => {
    if (isPyError(e, 'AttributeError')) return undefined;
    throw e;
  };
  try {
    const v = lookupAttr(obj, name);
    return isPromise(v) ? v.catch(missing) : v;
  } catch (e) {
    return missing(e);
  }
}

function attributeName(v: PyValue): string {
  if (typeof v !== 'string')
    throw pyError('TypeError', `attribute name must be string, not '${typeName(v)}'`);
  return v;
}

/** What `obj.__dict__` holds (a function's attributes, an instance's), read in place. */
function ownAttributes(obj: PyValue): Iterable<[string, PyValue]> | undefined {
  if (obj instanceof PyCallable) return obj.attributes()?.dict;
  if (obj instanceof PyInstance) return obj.dict;
  if (obj instanceof PyNative) return (obj as PyNative & { attrs?: Map<string, PyValue> }).attrs;
  return undefined;
}

/** `getattr(wrapper, name).update(getattr(wrapped, name, {}))`; `__dict__` is copied attribute by attribute. */
function updateAttribute(wrapper: PyValue, wrapped: PyValue, name: string): MaybePromise<unknown> {
  if (name === '__dict__') {
    // Our `__dict__` reads are copies: set each attribute on the wrapper instead.
    const items = [...(ownAttributes(wrapped) ?? [])];
    return eachInOrder(items.length, (i) => setAttr(wrapper, items[i][0], items[i][1]));
  }
  return then(getAttr(wrapper, name), (target) =>
    then(attributeOrMissing(wrapped, name), (source) =>
      then(getAttr(target, 'update'), (update) => call(update, [source ?? new PyDict()])),
    ),
  );
}

/**
 * functools.update_wrapper. `assigned` and `updated` left as None take CPython's defaults
 * (WRAPPER_ASSIGNMENTS, WRAPPER_UPDATES); CPython would fail on an explicit None.
 */
function updateWrapper(
  wrapper: PyValue,
  wrapped: PyValue,
  assigned: PyValue,
  updated: PyValue,
): MaybePromise<PyValue> {
  const copy = (name: string) =>
    then(attributeOrMissing(wrapped, name), (v) => (v === undefined ? undefined : setAttr(wrapper, name, v)));
  return then(toArrayMP(assigned === None ? WRAPPER_ASSIGNMENTS : assigned), (toCopy) =>
    then(
      eachInOrder(toCopy.length, (i) => copy(attributeName(toCopy[i]))),
      () =>
        then(toArrayMP(updated === None ? WRAPPER_UPDATES : updated), (toUpdate) =>
          then(
            eachInOrder(toUpdate.length, (i) =>
              updateAttribute(wrapper, wrapped, attributeName(toUpdate[i])),
            ),
            () => then(setAttr(wrapper, '__wrapped__', wrapped), () => wrapper),
          ),
        ),
    ),
  );
}

const updateWrapperFunction = defineFunction(
  'update_wrapper',
  'wrapper, wrapped, assigned=None, updated=None',
  (a) => updateWrapper(a.wrapper, a.wrapped, a.assigned, a.updated),
  'Update a wrapper function to look like the wrapped function.',
);

const wraps = defineFunction(
  'wraps',
  'wrapped, assigned=None, updated=None',
  (a) =>
    makePartial(
      updateWrapperFunction,
      [],
      new Map([
        ['wrapped', a.wrapped],
        ['assigned', a.assigned === None ? WRAPPER_ASSIGNMENTS : a.assigned],
        ['updated', a.updated === None ? WRAPPER_UPDATES : a.updated],
      ]),
    ),
  'Decorator factory to apply update_wrapper() to a wrapper function.',
);

// ---------------------------------------------------------------------------------------------
// lru_cache, cache

const cacheInfoType = new PyType('CacheInfo', { module: 'functools', native: true });
const CACHE_INFO_FIELDS = ['hits', 'misses', 'maxsize', 'currsize'];

function cacheInfoItems(v: PyValue): PyValue[] | undefined {
  return v instanceof PyNative && v.cls === cacheInfoType ? (v.value as PyValue[]) : undefined;
}

/** CacheInfo's items compared with a tuple's or another CacheInfo's, as the named tuple compares. */
function sameItems(self: PyValue, other: PyValue): MaybePromise<PyValue> {
  const mine = cacheInfoItems(self) as PyValue[];
  const theirs = other instanceof PyTuple ? other.items : cacheInfoItems(other);
  if (theirs === undefined) return NotImplemented;
  return compare('==', new PyTuple(mine), new PyTuple(theirs));
}

cacheInfoType.define(
  {
    __repr__: defineFunction('__repr__', 'self, /', (a) => {
      const items = cacheInfoItems(a.self) as PyValue[];
      return then(
        mapMP(items, (x) => repr(x)),
        (texts) => `CacheInfo(${CACHE_INFO_FIELDS.map((f, i) => `${f}=${texts[i]}`).join(', ')})`,
      );
    }),
    __iter__: defineFunction('__iter__', 'self, /', (a) => makeIterator(cacheInfoItems(a.self) as PyValue[])),
    __len__: defineFunction('__len__', 'self, /', () => CACHE_INFO_FIELDS.length),
    __getitem__: defineFunction('__getitem__', 'self, key, /', (a) => {
      const items = cacheInfoItems(a.self) as PyValue[];
      const i = toIndex(a.key);
      const at = i < 0 ? i + items.length : i;
      if (at < 0 || at >= items.length) throw pyError('IndexError', 'tuple index out of range');
      return items[at];
    }),
    __eq__: defineFunction('__eq__', 'self, other, /', (a) => sameItems(a.self, a.other)),
    __ne__: defineFunction('__ne__', 'self, other, /', (a) =>
      then(sameItems(a.self, a.other), (r) => (r === NotImplemented ? r : then(truthy(r), (t) => !t))),
    ),
  },
  Object.fromEntries(
    CACHE_INFO_FIELDS.map((f, i) => [f, { get: (self: PyNative<PyValue[]>) => self.value[i] }]),
  ),
);

const lruCacheWrapperType = cClass('_lru_cache_wrapper');

/** Separates positional from keyword arguments in a cache key, as CPython's kwd_mark. */
const KEYWORDS_MARK = new PyNative(objectType, 'kwd_mark');

/**
 * What lru_cache returns: calls of the wrapped function by their arguments' hash keys, the least
 * recently used dropped past `maxsize` (undefined: unbounded). A function to Python: it binds as a
 * method and takes the attributes update_wrapper copies.
 */
class LruCacheWrapper extends PyCallable {
  hits = 0;
  misses = 0;
  readonly cache = new Map<HashKey, PyValue>();
  private readonly own = new FunctionAttributes();

  constructor(
    readonly func: PyValue,
    readonly maxsize: number | undefined,
    readonly typed: boolean,
  ) {
    super(lruCacheWrapperType);
  }

  get name(): string {
    return this.own.name ?? '_lru_cache_wrapper';
  }

  get qualname(): string {
    return this.own.qualname ?? this.name;
  }

  override attributes(): FunctionAttributes {
    return this.own;
  }

  call(args: PyValue[], kwargs: Kwargs | null): MaybePromise<PyValue> {
    // CPython calls the wrapper through tp_call, a level of recursion of its own.
    return oneLevelDeeper(() => this.lookUpOrCall(args, kwargs));
  }

  private lookUpOrCall(args: PyValue[], kwargs: Kwargs | null): MaybePromise<PyValue> {
    if (this.maxsize === 0) {
      this.misses++;
      return call(this.func, args, kwargs);
    }
    const key = this.keyOf(args, kwargs);
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.hits++;
      if (this.maxsize !== undefined) this.markUsed(key, hit);
      return hit;
    }
    this.misses++;
    return then(call(this.func, args, kwargs), (result) => {
      this.store(key, result);
      return result;
    });
  }

  /**
   * The arguments' key, as CPython's _make_key: positional, a mark, keywords, and with `typed` their
   * types; one int or str alone is its own key (so f(3.0) after f(3) misses, as in CPython).
   */
  private keyOf(args: PyValue[], kwargs: Kwargs | null): HashKey {
    const plain = !this.typed && (kwargs === null || kwargs.size === 0);
    if (plain && args.length === 1) {
      const only = args[0];
      if (typeof only === 'number' || typeof only === 'bigint' || typeof only === 'string') return only;
    }
    const parts = args.slice();
    if (kwargs !== null && kwargs.size > 0) {
      parts.push(KEYWORDS_MARK);
      for (const [k, v] of kwargs) parts.push(k, v);
    }
    if (this.typed) {
      for (const x of args) parts.push(typeOf(x));
      for (const v of kwargs?.values() ?? []) parts.push(typeOf(v));
    }
    return hashKey(new PyTuple(parts));
  }

  /** Moves a key to the most recently used end. */
  private markUsed(key: HashKey, value: PyValue): void {
    this.cache.delete(key);
    this.cache.set(key, value);
  }

  private store(key: HashKey, result: PyValue): void {
    if (this.maxsize === undefined) {
      this.cache.set(key, result);
      return;
    }
    // A recursive call may have cached this key meanwhile: CPython keeps that entry.
    if (this.cache.has(key)) return;
    if (this.cache.size >= this.maxsize) this.cache.delete(this.cache.keys().next().value as HashKey);
    this.cache.set(key, result);
  }

  info(): PyNative<PyValue[]> {
    return new PyNative(cacheInfoType, [this.hits, this.misses, this.maxsize ?? None, this.cache.size]);
  }

  clear(): void {
    this.cache.clear();
    this.hits = 0;
    this.misses = 0;
  }
}

/** The wrapper a method was called on (`method` names it in the error otherwise). */
function lruWrapper(v: PyValue, method: string): LruCacheWrapper {
  if (v instanceof LruCacheWrapper) return v;
  throw pyError(
    'TypeError',
    `descriptor '${method}' for 'functools._lru_cache_wrapper' objects doesn't apply to a '${typeName(v)}' object`,
  );
}

lruCacheWrapperType.define({
  cache_info: defineFunction(
    'cache_info',
    'self, /',
    (a) => lruWrapper(a.self, 'cache_info').info(),
    'Report cache statistics',
  ),
  cache_clear: defineFunction(
    'cache_clear',
    'self, /',
    (a) => {
      lruWrapper(a.self, 'cache_clear').clear();
    },
    'Clear the cache and cache statistics',
  ),
  cache_parameters: defineFunction('cache_parameters', 'self, /', (a) => {
    const w = lruWrapper(a.self, 'cache_parameters');
    return new PyDict([
      ['maxsize', w.maxsize ?? None],
      ['typed', w.typed],
    ]);
  }),
  __repr__: defineFunction(
    '__repr__',
    'self, /',
    (a) => `<functools._lru_cache_wrapper object at ${addressOf(lruWrapper(a.self, '__repr__'))}>`,
  ),
});

/** `user_function` cached as lru_cache(maxsize, typed) caches it, with its name, doc and __wrapped__. */
function cached(userFunction: PyValue, maxsize: number | undefined, typed: PyValue): MaybePromise<PyValue> {
  if (!isCallable(userFunction)) throw pyError('TypeError', 'the first argument must be callable');
  return then(truthy(typed), (isTyped) =>
    updateWrapper(new LruCacheWrapper(userFunction, maxsize, isTyped), userFunction, None, None),
  );
}

const lruCache = defineFunction(
  'lru_cache',
  'maxsize=128, typed=False',
  (a) => {
    const { maxsize, typed } = a;
    // @lru_cache without parentheses: the function comes as maxsize.
    if (typeof maxsize !== 'number' && typeof maxsize !== 'bigint' && typeof maxsize !== 'boolean') {
      if (isCallable(maxsize) && typeof typed === 'boolean') return cached(maxsize, 128, typed);
      if (maxsize !== None)
        throw pyError('TypeError', 'Expected first argument to be an integer, a callable, or None');
    }
    const size = maxsize === None ? undefined : Math.max(0, toIndex(maxsize));
    // Named by its qualified name, which CPython's messages about it give.
    return defineFunction('lru_cache.<locals>.decorating_function', 'user_function', (d) =>
      cached(d.user_function, size, typed),
    );
  },
  'Least-recently-used cache decorator.',
);

const cache = defineFunction(
  'cache',
  'user_function, /',
  (a) => cached(a.user_function, undefined, false),
  'Simple lightweight unbounded cache.  Sometimes called "memoize".',
);

// ---------------------------------------------------------------------------------------------
// cmp_to_key

/** A K object: a comparison function and, once called with one, the object it orders. */
interface KeyState {
  readonly cmp: PyValue;
  obj: PyValue | undefined;
}

const keyWrapperType = cClass('KeyWrapper');

function keyState(v: PyValue): KeyState | undefined {
  return v instanceof PyNative && v.cls === keyWrapperType ? (v.value as KeyState) : undefined;
}

/** `op` between two K objects: cmp(x, y) compared with 0. */
function keyCompare(op: string) {
  return defineFunction(op, 'self, other, /', (a) => {
    const x = keyState(a.self);
    const y = keyState(a.other);
    if (x === undefined || y === undefined) throw pyError('TypeError', 'other argument must be K instance');
    if (x.obj === undefined || y.obj === undefined) throw pyError('AttributeError', 'object');
    return then(call(x.cmp, [x.obj, y.obj]), (r) => compare(op, r, 0));
  });
}

keyWrapperType.define(
  {
    __call__: defineFunction(
      'K',
      'self, obj',
      (a) => new PyNative<KeyState>(keyWrapperType, { cmp: (keyState(a.self) as KeyState).cmp, obj: a.obj }),
      undefined,
      { convention: 'clinic' },
    ),
    __lt__: keyCompare('<'),
    __le__: keyCompare('<='),
    __gt__: keyCompare('>'),
    __ge__: keyCompare('>='),
    __eq__: keyCompare('=='),
    __ne__: keyCompare('!='),
    __hash__: None,
  },
  {
    obj: {
      get: (self: PyNative<KeyState>) => self.value.obj ?? None,
      set: (self: PyNative<KeyState>, v: PyValue) => {
        self.value.obj = v;
      },
    },
  },
);

const cmpToKey = defineFunction(
  'cmp_to_key',
  'mycmp',
  (a) => new PyNative<KeyState>(keyWrapperType, { cmp: a.mycmp, obj: undefined }),
  'Convert a cmp= function into a key= function.',
  { convention: 'clinic' },
);

// ---------------------------------------------------------------------------------------------
// total_ordering

/** How a derived comparison follows from the class's own one (`r`) for self and other. */
type Derivation = (r: PyValue, self: PyValue, other: PyValue) => MaybePromise<PyValue>;

const not: Derivation = (r) => then(truthy(r), (t) => !t);
/** `op_result or self == other` */
const orEqual: Derivation = (r, self, other) => then(truthy(r), (t) => (t ? r : compare('==', self, other)));
/** `op_result and self != other` */
const andNotEqual: Derivation = (r, self, other) =>
  then(truthy(r), (t) => (t ? compare('!=', self, other) : r));
/** `not op_result and self != other` */
const notAndNotEqual: Derivation = (r, self, other) =>
  then(truthy(r), (t) => (t ? false : compare('!=', self, other)));
/** `not op_result or self == other` */
const notOrEqual: Derivation = (r, self, other) =>
  then(truthy(r), (t) => (t ? compare('==', self, other) : true));

/** For each root comparison, the ones total_ordering derives from it (CPython's _convert). */
const derivations: Record<string, [string, Derivation][]> = {
  __lt__: [
    ['__gt__', notAndNotEqual],
    ['__le__', orEqual],
    ['__ge__', not],
  ],
  __le__: [
    ['__ge__', notOrEqual],
    ['__lt__', andNotEqual],
    ['__gt__', not],
  ],
  __gt__: [
    ['__lt__', notAndNotEqual],
    ['__ge__', orEqual],
    ['__le__', not],
  ],
  __ge__: [
    ['__le__', notOrEqual],
    ['__gt__', andNotEqual],
    ['__lt__', not],
  ],
};

/** The method `name` derived from `root`: type(self).root(self, other), NotImplemented passed on. */
function derived(name: string, root: string, derive: Derivation): NativeFunction {
  return defineFunction(name, 'self, other', (a) => {
    const own = typeOf(a.self).lookup(root);
    if (own === undefined)
      throw pyError('AttributeError', `type object '${typeName(a.self)}' has no attribute '${root}'`);
    return then(call(own, [a.self, a.other]), (r) => (r === NotImplemented ? r : derive(r, a.self, a.other)));
  });
}

const totalOrdering = defineFunction(
  'total_ordering',
  'cls',
  (a) => {
    const cls = a.cls;
    const roots = Object.keys(derivations).filter((op) => {
      const mine = lookupAttr(cls, op);
      return mine !== undefined && mine !== None && mine !== lookupAttr(objectType, op);
    });
    if (roots.length === 0)
      throw pyError('ValueError', 'must define at least one ordering operation: < > <= >=');
    // CPython takes max(roots): __lt__ before __le__, __gt__, __ge__.
    const root = roots.sort().at(-1) as string;
    const missing = derivations[root].filter(([op]) => !roots.includes(op));
    return then(
      eachInOrder(missing.length, (i) => {
        // CPython names each derived function after the method it becomes.
        const [op, derive] = missing[i];
        return setAttr(cls, op, derived(op, root, derive));
      }),
      () => cls,
    );
  },
  'Class decorator that fills in missing ordering methods',
);

// ---------------------------------------------------------------------------------------------
// cached_property

const cachedPropertyType = new PyType('cached_property', { module: 'functools' });

/**
 * A property whose value, computed once, is kept in the instance's `__dict__` under the function's
 * name (CPython's __set_name__ name; this interpreter calls no __set_name__): later reads, writes
 * and `del` go to that entry.
 */
class CachedProperty extends PyProperty {
  constructor(
    readonly func: PyValue,
    readonly attrname: string,
  ) {
    super(
      (self) => {
        const dict = instanceDict(self, attrname);
        const kept = dict.get(attrname);
        if (kept !== undefined) return kept;
        return then(call(func, [self]), (v) => {
          dict.set(attrname, v);
          return v;
        });
      },
      (self, v) => {
        instanceDict(self, attrname).set(attrname, v);
      },
    );
    this.cls = cachedPropertyType;
  }
}

function instanceDict(self: PyValue, attrname: string): Map<string, PyValue> {
  if (self instanceof PyInstance) return self.dict;
  throw pyError(
    'TypeError',
    `No '__dict__' attribute on '${typeOf(self).name}' instance to cache '${attrname}' property.`,
  );
}

cachedPropertyType.construct = defineFunction('cached_property.__init__', 'func', (a) =>
  then(
    attributeOrMissing(a.func, '__name__'),
    (name) => new CachedProperty(a.func, typeof name === 'string' ? name : ''),
  ),
);
cachedPropertyType.define(
  {},
  {
    func: { get: (self: CachedProperty) => self.func },
    attrname: { get: (self: CachedProperty) => self.attrname },
  },
);

/** `import functools`. */
export const functoolsModule: ModuleFactory = () =>
  newModule(
    'functools',
    {
      reduce,
      partial: partialType,
      lru_cache: lruCache,
      cache,
      wraps,
      update_wrapper: updateWrapperFunction,
      WRAPPER_ASSIGNMENTS,
      WRAPPER_UPDATES,
      cmp_to_key: cmpToKey,
      total_ordering: totalOrdering,
      cached_property: cachedPropertyType,
    },
    'Tools for working with functions and callable objects, as in CPython 3.11.',
  );
