// `import itertools`: CPython 3.11's iterator building blocks, as lazy iterators. Each next() asks
// its sources and callbacks for what CPython's does, in the same order, so side effects and errors
// come as CPython's do; it returns a Promise only when a source or a callback did.
import {
  type BoundArgs,
  defineFunction,
  isInt,
  isPromise,
  type IterResult,
  type MaybePromise,
  makeIterator,
  type ModuleFactory,
  NativeFunction,
  newModule,
  None,
  PyFloat,
  pyError,
  pyInt,
  PyIterator,
  PyObject,
  PyTuple,
  PyType,
  type PyValue,
  STOP,
  stopIteration,
  toIndex,
  typeName,
  typeOf,
} from '../objects.js';
import {
  binaryOp,
  call,
  compare,
  getIter,
  getLoopTick,
  mapMP,
  MAX_SEQUENCE,
  repr,
  then,
  toArrayMP,
  truthy,
} from '../runtime.js';
import { cShape, countMessage, noKeywordsMessage } from '../signature.js';

// ---------------------------------------------------------------------------------------------
// Shared machinery

/** A step that took an item it does not give (dropped, skipped): the loop takes another. */
const AGAIN: unique symbol = Symbol('again');

/**
 * Runs `step` until it gives something other than AGAIN: synchronously while each step is, and
 * ticking the run's clock every step as a for loop does, so `next(dropwhile(f, count()))` can be
 * stopped.
 */
function repeatStep<T>(step: () => MaybePromise<T | typeof AGAIN>): MaybePromise<T> {
  for (;;) {
    const waiting = getLoopTick()?.();
    if (waiting) return waiting.then(() => repeatStep(step));
    const r = step();
    if (isPromise(r)) return r.then((x) => (x === AGAIN ? repeatStep(step) : x));
    if (r !== AGAIN) return r;
  }
}

/** `a == b` as PyObject_RichCompareBool decides it (the same object is equal to itself). */
function equal(a: PyValue, b: PyValue): MaybePromise<boolean> {
  return a === b ? true : then(compare('==', a, b), truthy);
}

/**
 * A constructor that takes positional arguments only, its wrong calls worded as CPython's tp_new
 * checks them ("cycle expected 1 argument, got 0", "cycle() takes no keyword arguments").
 */
function positionalOnly(
  name: string,
  params: string,
  min: number,
  max: number,
  impl: (args: PyValue[]) => MaybePromise<PyValue>,
  owner?: string,
): NativeFunction {
  const shape = cShape(name, owner, 'positional', min, max);
  const f = new NativeFunction(name, (args, kwargs) => {
    if (kwargs !== null && kwargs.size > 0) throw pyError('TypeError', noKeywordsMessage(shape));
    if (args.length < min || args.length > max) throw pyError('TypeError', countMessage(shape, args.length));
    return impl(args);
  });
  f.signature = `(${params})`;
  return f;
}

/** A constructor taking keywords, its wrong calls worded as Argument Clinic's. */
function withKeywords(
  name: string,
  params: string,
  impl: (a: BoundArgs) => MaybePromise<PyValue>,
): NativeFunction {
  return defineFunction(name, params, impl, undefined, { convention: 'clinic' });
}

/** An itertools class: an iterator type whose instances print as `<itertools.chain object at 0x…>`. */
function iteratorClass(name: string): PyType {
  const t = new PyType(name, { module: 'itertools', native: true, tpName: `itertools.${name}` });
  const self = (a: BoundArgs, method: string): PyIterator => {
    const it = a.self;
    if (!(it instanceof PyIterator) || !typeOf(it).isSubtypeOf(t))
      throw pyError(
        'TypeError',
        `descriptor '${method}' requires a '${t.tpName}' object but received a '${typeName(it)}'`,
      );
    return it;
  };
  t.define({
    __iter__: defineFunction('__iter__', 'self, /', (a) => self(a, '__iter__')),
    __next__: defineFunction('__next__', 'self, /', (a) => {
      const it = self(a, '__next__');
      return then(it.next(), (x) => {
        if (x === STOP) throw stopIteration(it);
        return x;
      });
    }),
  });
  return t;
}

/** An iterator of `type` over a JS generator (the combinatoric iterators, whose pools are in hand). */
function fromGenerator(type: PyType, items: Generator<PyValue>): PyIterator {
  return new PyIterator(() => {
    const r = items.next();
    return r.done ? STOP : r.value;
  }, type);
}

/** The items of each iterable, read in order, as CPython's combinatoric iterators take them up front. */
function pools(iterables: PyValue[]): MaybePromise<PyValue[][]> {
  return mapMP(iterables, (x) => toArrayMP(x));
}

function tuple(pool: PyValue[], indices: number[], length = indices.length): PyTuple {
  const items = new Array<PyValue>(length);
  for (let i = 0; i < length; i++) items[i] = pool[indices[i]];
  return new PyTuple(items);
}

// ---------------------------------------------------------------------------------------------
// Infinite iterators: count, cycle, repeat

const countType = iteratorClass('count');

/** PyNumber_Check: what count() takes for a start and a step. */
function isNumber(v: PyValue): boolean {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof PyFloat)
    return true;
  if (!(v instanceof PyObject)) return false;
  const t = v.cls;
  return ['__index__', '__int__', '__float__'].some((d) => t.lookup(d) !== undefined);
}

/** An int step of 1 (or True): count() then counts in C integers and its repr leaves the step out. */
function isUnitStep(step: PyValue): boolean {
  return step === 1 || step === true;
}

class CountIterator extends PyIterator {
  constructor(
    public current: PyValue,
    readonly step: PyValue,
  ) {
    // next() reads this object's fields, which a function passed to super() may not touch.
    super(() => STOP, countType);
    this.next = () => {
      const value = this.current;
      return then(addStep(value, this.step), (following) => {
        this.current = following;
        return value;
      });
    };
  }
}

function addStep(a: PyValue, b: PyValue): MaybePromise<PyValue> {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    return Number.isSafeInteger(sum) ? sum : pyInt(BigInt(a) + BigInt(b));
  }
  return binaryOp('+', a, b);
}

countType.construct = withKeywords('count', 'start=0, step=1', (a) => {
  if (!isNumber(a.start) || !isNumber(a.step)) throw pyError('TypeError', 'a number is required');
  // CPython counts an int start by a unit step in C integers: True starts at 1, not True.
  const intCount = (isInt(a.start) || typeof a.start === 'boolean') && isUnitStep(a.step);
  const start = typeof a.start === 'boolean' && intCount ? (a.start ? 1 : 0) : a.start;
  return new CountIterator(start, intCount ? 1 : a.step);
});
countType.define({
  __repr__: defineFunction('__repr__', 'self, /', (a) => {
    const c = a.self as CountIterator;
    return then(repr(c.current), (start) =>
      isUnitStep(c.step) ? `count(${start})` : then(repr(c.step), (step) => `count(${start}, ${step})`),
    );
  }),
});

const cycleType = iteratorClass('cycle');
cycleType.construct = positionalOnly('cycle', 'iterable, /', 1, 1, ([iterable]) =>
  then(getIter(iterable), (it) => {
    let source: PyIterator | undefined = it;
    const saved: PyValue[] = [];
    let index = 0;
    const replay = (): IterResult => {
      if (saved.length === 0) return STOP;
      const x = saved[index];
      index = (index + 1) % saved.length;
      return x;
    };
    // The first pass reads the source and keeps its items; later passes replay them.
    return new PyIterator(() => {
      if (source === undefined) return replay();
      return then(source.next(), (x) => {
        if (x !== STOP) {
          if (saved.length >= MAX_SEQUENCE) throw pyError('MemoryError', '');
          saved.push(x);
          return x;
        }
        source = undefined;
        return replay();
      });
    }, cycleType);
  }),
);

const repeatType = iteratorClass('repeat');

class RepeatIterator extends PyIterator {
  constructor(
    readonly object: PyValue,
    /** How many times are left; undefined repeats forever. */
    public remaining: number | undefined,
  ) {
    super(() => STOP, repeatType);
    this.next = () => {
      if (this.remaining === undefined) return this.object;
      if (this.remaining <= 0) return STOP;
      this.remaining--;
      return this.object;
    };
  }
}

const repeatArgs = withKeywords('repeat', 'object, times=None', (a) => {
  const times = a.times === None ? undefined : Math.max(0, toIndex(a.times));
  return new RepeatIterator(a.object, times);
});
// times=None is no default to CPython: None given is an error, as any other non-int.
repeatType.construct = new NativeFunction('repeat', (args, kwargs) => {
  if (args[1] === None || kwargs?.get('times') === None)
    throw pyError('TypeError', "'NoneType' object cannot be interpreted as an integer");
  return repeatArgs.call(args, kwargs);
});
repeatType.define({
  __repr__: defineFunction('__repr__', 'self, /', (a) => {
    const r = a.self as RepeatIterator;
    return then(repr(r.object), (object) =>
      r.remaining === undefined ? `repeat(${object})` : `repeat(${object}, ${r.remaining})`,
    );
  }),
});

// ---------------------------------------------------------------------------------------------
// Iterators over iterables: accumulate, chain, compress, dropwhile, filterfalse, groupby, islice,
// pairwise, starmap, takewhile, tee, zip_longest

const accumulateType = iteratorClass('accumulate');
accumulateType.construct = withKeywords('accumulate', 'iterable, func=None, *, initial=None', (a) =>
  then(getIter(a.iterable), (it) => {
    const func = a.func;
    let initial = a.initial;
    let total: PyValue | undefined;
    return new PyIterator(() => {
      if (initial !== None) {
        total = initial;
        initial = None;
        return total;
      }
      return then(it.next(), (x) => {
        if (x === STOP) return STOP;
        if (total === undefined) return (total = x);
        return then(func === None ? binaryOp('+', total, x) : call(func, [total, x]), (t) => (total = t));
      });
    }, accumulateType);
  }),
);

const chainType = iteratorClass('chain');

/** The items of each iterable `sources` gives, each iterable's iterator taken when it is reached. */
function chainOf(sources: PyIterator): PyIterator {
  let source: PyIterator | undefined = sources;
  let active: PyIterator | undefined;
  const step = (): MaybePromise<IterResult | typeof AGAIN> => {
    if (source === undefined) return STOP;
    if (active === undefined) {
      const from = source;
      return then(from.next(), (iterable) => {
        // Over until the iterable gives an iterator: one that fails ends the chain, as CPython's.
        source = undefined;
        if (iterable === STOP) return STOP;
        return then(getIter(iterable), (it) => {
          source = from;
          active = it;
          return AGAIN;
        });
      });
    }
    return then(active.next(), (x) => {
      if (x !== STOP) return x;
      active = undefined;
      return AGAIN;
    });
  };
  return new PyIterator(() => repeatStep(step), chainType);
}

chainType.construct = positionalOnly('chain', '*iterables', 0, Infinity, (args) =>
  chainOf(makeIterator(args)),
);
// A class method: its one-argument message is METH_O's.
chainType.dict.set(
  'from_iterable',
  defineFunction('from_iterable', 'iterable, /', (a) => then(getIter(a.iterable), chainOf), undefined, {
    owner: 'chain',
    convention: 'clinic',
  }),
);

const compressType = iteratorClass('compress');
compressType.construct = withKeywords('compress', 'data, selectors', (a) =>
  then(getIter(a.data), (data) =>
    then(getIter(a.selectors), (selectors) => {
      const step = () =>
        then(data.next(), (datum) => {
          if (datum === STOP) return STOP;
          return then(selectors.next(), (selector) => {
            if (selector === STOP) return STOP;
            return then(truthy(selector), (keep) => (keep ? datum : AGAIN));
          });
        });
      return new PyIterator(() => repeatStep(step), compressType);
    }),
  ),
);

/** A (predicate, iterable) constructor: dropwhile, takewhile, filterfalse. */
function predicateClass(
  name: string,
  params: string,
  make: (predicate: PyValue, it: PyIterator, type: PyType) => PyIterator,
): PyType {
  const t = iteratorClass(name);
  t.construct = positionalOnly(name, params, 2, 2, ([predicate, iterable]) =>
    then(getIter(iterable), (it) => make(predicate, it, t)),
  );
  return t;
}

const dropwhileType = predicateClass('dropwhile', 'predicate, iterable, /', (predicate, it, type) => {
  let dropping = true;
  const step = () =>
    then(it.next(), (x) => {
      if (x === STOP || !dropping) return x;
      return then(call(predicate, [x]), (r) =>
        then(truthy(r), (drop) => {
          if (drop) return AGAIN;
          dropping = false;
          return x;
        }),
      );
    });
  return new PyIterator(() => repeatStep(step), type);
});

const takewhileType = predicateClass('takewhile', 'predicate, iterable, /', (predicate, it, type) => {
  let taking = true;
  return new PyIterator(() => {
    if (!taking) return STOP;
    return then(it.next(), (x) => {
      if (x === STOP) return STOP;
      return then(call(predicate, [x]), (r) =>
        then(truthy(r), (take) => {
          if (take) return x;
          taking = false;
          return STOP;
        }),
      );
    });
  }, type);
});

const filterfalseType = predicateClass('filterfalse', 'function, iterable, /', (predicate, it, type) => {
  const step = () =>
    then(it.next(), (x) => {
      if (x === STOP) return STOP;
      return then(predicate === None ? x : call(predicate, [x]), (r) =>
        then(truthy(r), (t) => (t ? AGAIN : x)),
      );
    });
  return new PyIterator(() => repeatStep(step), type);
});

const groupbyType = iteratorClass('groupby');
const grouperType = iteratorClass('_grouper');

/**
 * groupby's state as CPython keeps it: the current item and its key, the key of the group last
 * given, and that group's iterator, the only one that still gives items (the outer iterator
 * moving on ends the group before it).
 */
class GroupBy {
  currentKey: PyValue | undefined = undefined;
  currentValue: PyValue | undefined = undefined;
  targetKey: PyValue | undefined = undefined;
  currentGroup: PyIterator | undefined = undefined;

  constructor(
    readonly it: PyIterator,
    readonly key: PyValue,
  ) {}

  /** Reads the next item and its key; false at the end of the iterable. */
  advance(): MaybePromise<boolean> {
    return then(this.it.next(), (x) => {
      if (x === STOP) return false;
      return then(this.key === None ? x : call(this.key, [x]), (k) => {
        this.currentValue = x;
        this.currentKey = k;
        return true;
      });
    });
  }

  /** The next (key, group) pair: the items left in the current group are skipped. */
  nextGroup(): MaybePromise<IterResult> {
    this.currentGroup = undefined;
    const skip = (): MaybePromise<boolean | typeof AGAIN> => {
      const current = this.currentKey;
      const target = this.targetKey;
      if (current === undefined) return then(this.advance(), (more) => (more ? AGAIN : false));
      if (target === undefined) return true;
      return then(equal(target, current), (same) =>
        same ? then(this.advance(), (more) => (more ? AGAIN : false)) : true,
      );
    };
    return then(repeatStep(skip), (found) => {
      if (!found) return STOP;
      const key = this.currentKey as PyValue;
      this.targetKey = key;
      const group = this.group(key);
      this.currentGroup = group;
      return new PyTuple([key, group]);
    });
  }

  private group(key: PyValue): PyIterator {
    const group: PyIterator = new PyIterator(() => {
      if (this.currentGroup !== group) return STOP;
      return then(this.currentValue === undefined ? this.advance() : true, (more) => {
        if (!more) return STOP;
        return then(equal(key, this.currentKey as PyValue), (same) => {
          if (!same) return STOP;
          const x = this.currentValue as PyValue;
          this.currentValue = undefined;
          this.currentKey = undefined;
          return x;
        });
      });
    }, grouperType);
    return group;
  }
}

groupbyType.construct = withKeywords('groupby', 'iterable, key=None', (a) =>
  then(getIter(a.iterable), (it) => {
    const state = new GroupBy(it, a.key);
    return new PyIterator(() => state.nextGroup(), groupbyType);
  }),
);

const isliceType = iteratorClass('islice');

const STOP_BOUND = 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.';
const INDICES = 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.';
const STEP = 'Step for islice() must be a positive integer or None.';

/** PyNumber_AsSsize_t with its error cleared: an int that fits, else -1 (what islice then refuses). */
function ssizeOr(v: PyValue, absent: number): number {
  if (v === None) return absent;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return v >= -(2n ** 63n) && v < 2n ** 63n ? Number(v) : -1;
  return -1;
}

/** islice's bounds, checked in CPython's order with its messages. */
function isliceBounds(args: PyValue[]): { start: number; stop: number; step: number } {
  // islice(iterable, stop) or islice(iterable, start, stop[, step]); stop -1 stands for None.
  const stopArg = args.length === 2 ? args[1] : args[2];
  const stop = ssizeOr(stopArg, -1);
  if (stop === -1 && stopArg !== None) throw pyError('ValueError', STOP_BOUND);
  const start = args.length === 2 ? 0 : ssizeOr(args[1], 0);
  if (start < 0 || stop < -1) throw pyError('ValueError', INDICES);
  const step = args.length === 4 ? ssizeOr(args[3], 1) : 1;
  if (step < 1) throw pyError('ValueError', STEP);
  return { start, stop, step };
}

isliceType.construct = positionalOnly('islice', 'iterable, start, stop[, step]', 2, 4, (args) => {
  const { start, stop, step } = isliceBounds(args);
  return then(getIter(args[0]), (source) => {
    let it: PyIterator | undefined = source;
    let read = 0;
    let nextIndex = start;
    const end = (): IterResult => {
      it = undefined;
      return STOP;
    };
    // Reads and drops items up to the next index, then reads the one it gives.
    const skip = (): MaybePromise<boolean | typeof AGAIN> => {
      if (it === undefined) return false;
      if (read >= nextIndex) return true;
      return then(it.next(), (x) => {
        if (x === STOP) return false;
        read++;
        return AGAIN;
      });
    };
    return new PyIterator(
      () =>
        then(repeatStep(skip), (ready) => {
          if (!ready || it === undefined) return end();
          if (stop !== -1 && read >= stop) return end();
          return then(it.next(), (x) => {
            if (x === STOP) return end();
            read++;
            nextIndex += step;
            if (stop !== -1 && nextIndex > stop) nextIndex = stop;
            return x;
          });
        }),
      isliceType,
    );
  });
});

const pairwiseType = iteratorClass('pairwise');
pairwiseType.construct = positionalOnly('pairwise', 'iterable, /', 1, 1, ([iterable]) =>
  then(getIter(iterable), (source) => {
    let it: PyIterator | undefined = source;
    let previous: PyValue | undefined;
    const pairWith = (first: PyValue): MaybePromise<IterResult> =>
      then((it as PyIterator).next(), (second) => {
        if (second === STOP) {
          it = undefined;
          previous = undefined;
          return STOP;
        }
        previous = second;
        return new PyTuple([first, second]);
      });
    return new PyIterator(() => {
      if (it === undefined) return STOP;
      if (previous !== undefined) return pairWith(previous);
      return then(it.next(), (first) => {
        if (first === STOP) {
          it = undefined;
          return STOP;
        }
        return pairWith(first);
      });
    }, pairwiseType);
  }),
);

const starmapType = iteratorClass('starmap');
starmapType.construct = positionalOnly('starmap', 'function, iterable, /', 2, 2, ([func, iterable]) =>
  then(
    getIter(iterable),
    (it) =>
      new PyIterator(
        () =>
          then(it.next(), (args) => {
            if (args === STOP) return STOP;
            if (args instanceof PyTuple) return call(func, args.items);
            return then(toArrayMP(args), (items) => call(func, items));
          }),
        starmapType,
      ),
  ),
);

const teeType = iteratorClass('_tee');

/** One item of a tee's shared buffer; `next` is set once the item has been read from the source. */
class TeeLink {
  value: PyValue = None;
  next: TeeLink | undefined = undefined;
}

/** One of tee()'s iterators: it reads the shared buffer from its own link, the source past its end. */
class TeeIterator extends PyIterator {
  constructor(
    readonly source: PyIterator,
    public link: TeeLink,
  ) {
    super(() => STOP, teeType);
    this.next = () => {
      const at = this.link;
      if (at.next !== undefined) {
        this.link = at.next;
        return at.value;
      }
      return then(this.source.next(), (x) => {
        if (x === STOP) return STOP;
        at.value = x;
        at.next = new TeeLink();
        this.link = at.next;
        return x;
      });
    };
  }

  copy(): TeeIterator {
    return new TeeIterator(this.source, this.link);
  }
}

/** A tee of `it`: `it` itself when it is one (its copies share its buffer), as CPython's tee. */
function teeOf(it: PyIterator): TeeIterator {
  return it instanceof TeeIterator ? it : new TeeIterator(it, new TeeLink());
}

teeType.construct = positionalOnly('_tee', 'iterable, /', 1, 1, ([iterable]) =>
  then(getIter(iterable), (it) => (it instanceof TeeIterator ? it.copy() : teeOf(it))),
);

const tee = positionalOnly(
  'tee',
  'iterable, n=2, /',
  1,
  2,
  ([iterable, count = 2]) => {
    const n = toIndex(count);
    if (n < 0) throw pyError('ValueError', 'n must be >= 0');
    if (n === 0) return new PyTuple([]);
    return then(getIter(iterable), (it) => {
      const first = teeOf(it);
      const tees: PyValue[] = [first];
      for (let i = 1; i < n; i++) tees.push(first.copy());
      return new PyTuple(tees);
    });
  },
  'itertools',
);

const zipLongestType = iteratorClass('zip_longest');
zipLongestType.construct = new NativeFunction('zip_longest', (args, kwargs) => {
  let fillvalue: PyValue = None;
  if (kwargs !== null && kwargs.size > 0) {
    const given = kwargs.size === 1 ? kwargs.get('fillvalue') : undefined;
    if (given === undefined) throw pyError('TypeError', 'zip_longest() got an unexpected keyword argument');
    fillvalue = given;
  }
  return then(
    mapMP(args, (x) => getIter(x)),
    (its) => zipLongest(its, fillvalue),
  );
});

function zipLongest(sources: PyIterator[], fillvalue: PyValue): PyIterator {
  const its: (PyIterator | undefined)[] = sources.slice();
  const n = its.length;
  let active = n;
  let items: PyValue[] = [];
  /** Keeps the item of iterator `i`; false when it was the last one still going. */
  const took = (i: number, x: IterResult): boolean => {
    if (x !== STOP) {
      items[i] = x;
      return true;
    }
    active--;
    if (active === 0) return false;
    its[i] = undefined;
    items[i] = fillvalue;
    return true;
  };
  const from = (i: number): MaybePromise<IterResult> => {
    for (; i < n; i++) {
      const it = its[i];
      if (it === undefined) {
        items[i] = fillvalue;
        continue;
      }
      const x = it.next();
      if (isPromise(x)) {
        const at = i;
        return x.then((v) => (took(at, v) ? from(at + 1) : STOP));
      }
      if (!took(i, x)) return STOP;
    }
    const row = new PyTuple(items);
    items = [];
    return row;
  };
  return new PyIterator(() => (active === 0 ? STOP : from(0)), zipLongestType);
}

// ---------------------------------------------------------------------------------------------
// Combinatoric iterators: product, permutations, combinations, combinations_with_replacement

const productType = iteratorClass('product');

function* productOf(lists: PyValue[][]): Generator<PyValue> {
  if (lists.some((p) => p.length === 0)) return;
  const indices = lists.map(() => 0);
  for (;;) {
    yield new PyTuple(indices.map((k, i) => lists[i][k]));
    // The rightmost index advances first, as an odometer.
    let i = lists.length - 1;
    for (; i >= 0; i--) {
      if (++indices[i] < lists[i].length) break;
      indices[i] = 0;
    }
    if (i < 0) return;
  }
}

productType.construct = new NativeFunction('product', (args, kwargs) => {
  let repeat = 1;
  for (const [k, v] of kwargs ?? []) {
    if (k !== 'repeat') throw pyError('TypeError', `'${k}' is an invalid keyword argument for product()`);
    repeat = toIndex(v);
    if (repeat < 0) throw pyError('ValueError', 'repeat argument cannot be negative');
  }
  return then(pools(args), (lists) => {
    const all: PyValue[][] = [];
    for (let r = 0; r < repeat; r++) all.push(...lists);
    return fromGenerator(productType, productOf(all));
  });
});

const permutationsType = iteratorClass('permutations');

function* permutationsOf(pool: PyValue[], r: number): Generator<PyValue> {
  const n = pool.length;
  if (r > n) return;
  const indices = pool.map((_, i) => i);
  const cycles = Array.from({ length: r }, (_, i) => n - i);
  yield tuple(pool, indices, r);
  if (n === 0) return;
  for (;;) {
    let i = r - 1;
    for (; i >= 0; i--) {
      cycles[i]--;
      if (cycles[i] === 0) {
        // Rotate indices[i:] left by one.
        indices.push(indices.splice(i, 1)[0]);
        cycles[i] = n - i;
      } else {
        const j = n - cycles[i];
        [indices[i], indices[j]] = [indices[j], indices[i]];
        yield tuple(pool, indices, r);
        break;
      }
    }
    if (i < 0) return;
  }
}

permutationsType.construct = withKeywords('permutations', 'iterable, r=None', (a) =>
  then(toArrayMP(a.iterable), (pool) => {
    let r = pool.length;
    if (a.r !== None) {
      if (!isInt(a.r) && typeof a.r !== 'boolean') throw pyError('TypeError', 'Expected int as r');
      r = toIndex(a.r);
    }
    if (r < 0) throw pyError('ValueError', 'r must be non-negative');
    return fromGenerator(permutationsType, permutationsOf(pool, r));
  }),
);

const combinationsType = iteratorClass('combinations');

function* combinationsOf(pool: PyValue[], r: number): Generator<PyValue> {
  const n = pool.length;
  if (r > n) return;
  const indices = Array.from({ length: r }, (_, i) => i);
  yield tuple(pool, indices);
  for (;;) {
    let i = r - 1;
    while (i >= 0 && indices[i] === i + n - r) i--;
    if (i < 0) return;
    indices[i]++;
    for (let j = i + 1; j < r; j++) indices[j] = indices[j - 1] + 1;
    yield tuple(pool, indices);
  }
}

const combinationsWithReplacementType = iteratorClass('combinations_with_replacement');

function* combinationsWithReplacementOf(pool: PyValue[], r: number): Generator<PyValue> {
  const n = pool.length;
  if (n === 0 && r > 0) return;
  const indices = new Array<number>(r).fill(0);
  yield tuple(pool, indices);
  for (;;) {
    let i = r - 1;
    while (i >= 0 && indices[i] === n - 1) i--;
    if (i < 0) return;
    indices.fill(indices[i] + 1, i);
    yield tuple(pool, indices);
  }
}

/** combinations and combinations_with_replacement: r is read before the iterable, as Argument Clinic does. */
function choosing(type: PyType, choose: (pool: PyValue[], r: number) => Generator<PyValue>): NativeFunction {
  return withKeywords(type.name, 'iterable, r', (a) => {
    const r = toIndex(a.r);
    return then(toArrayMP(a.iterable), (pool) => {
      if (r < 0) throw pyError('ValueError', 'r must be non-negative');
      return fromGenerator(type, choose(pool, r));
    });
  });
}

combinationsType.construct = choosing(combinationsType, combinationsOf);
combinationsWithReplacementType.construct = choosing(
  combinationsWithReplacementType,
  combinationsWithReplacementOf,
);

/** `import itertools`. */
export const itertoolsModule: ModuleFactory = () =>
  newModule(
    'itertools',
    {
      count: countType,
      cycle: cycleType,
      repeat: repeatType,
      accumulate: accumulateType,
      chain: chainType,
      compress: compressType,
      dropwhile: dropwhileType,
      filterfalse: filterfalseType,
      groupby: groupbyType,
      islice: isliceType,
      pairwise: pairwiseType,
      starmap: starmapType,
      takewhile: takewhileType,
      tee,
      zip_longest: zipLongestType,
      product: productType,
      permutations: permutationsType,
      combinations: combinationsType,
      combinations_with_replacement: combinationsWithReplacementType,
      _grouper: grouperType,
      _tee: teeType,
    },
    'Functional tools for creating and using iterators, as in CPython 3.11.',
  );
