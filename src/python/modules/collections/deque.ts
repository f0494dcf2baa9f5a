// collections.deque: a list-like sequence with fast appends and pops at both ends and an optional
// maxlen (the oldest items fall off the other end), with CPython 3.11's reprs and errors.
import {
  defineNativeType,
  isInt,
  type MaybePromise,
  NativeFunction,
  None,
  NotImplemented,
  PyList,
  PyNative,
  pyError,
  PyObject,
  type PyType,
  type PyValue,
  STOP,
  toIndex,
  typeName,
} from '../../objects.js';
import { lazyIterator } from '../../builtins/helpers.js';
import { compare, eqSync, mapMP, repr, then, toArrayMP, truthy } from '../../runtime.js';

interface Deque {
  items: PyValue[];
  maxlen: number | null;
  /** Bumped by every change of length: an iterator over the deque notices one. */
  changes: number;
}

type DequeObject = PyNative<Deque>;

const state = (v: PyValue): Deque => (v as DequeObject).value;

function newDeque(cls: PyType, items: PyValue[], maxlen: number | null): DequeObject {
  const d: Deque = { items: [], maxlen, changes: 0 };
  pushRight(d, items);
  return new PyNative(cls, d);
}

/** Appends on the right; past maxlen the oldest items drop off the left. */
function pushRight(d: Deque, items: PyValue[]): void {
  d.items.push(...items);
  if (d.maxlen !== null && d.items.length > d.maxlen) d.items.splice(0, d.items.length - d.maxlen);
  d.changes++;
}

/** Appends on the left, one at a time (extendleft reverses its input); past maxlen the right drops. */
function pushLeft(d: Deque, items: PyValue[]): void {
  d.items.unshift(...items.slice().reverse());
  if (d.maxlen !== null && d.items.length > d.maxlen) d.items.length = d.maxlen;
  d.changes++;
}

function maxlenOf(v: PyValue): number | null {
  if (v === None) return null;
  if (!isInt(v) && typeof v !== 'boolean') throw pyError('TypeError', 'an integer is required');
  const n = toIndex(v);
  if (n < 0) throw pyError('ValueError', 'maxlen must be non-negative');
  return n;
}

/** An index into the deque: an int, negative from the end, in range. */
function position(d: Deque, i: PyValue): number {
  if (!isInt(i) && typeof i !== 'boolean' && !(i instanceof PyObject && i.cls.lookup('__index__')))
    throw pyError('TypeError', `sequence index must be integer, not '${typeName(i)}'`);
  let k = toIndex(i);
  if (k < 0) k += d.items.length;
  if (k < 0 || k >= d.items.length) throw pyError('IndexError', 'deque index out of range');
  return k;
}

/** The first index whose item equals `x` (identity first, as CPython), or -1. */
function find(d: Deque, x: PyValue, start: number, stop: number): MaybePromise<number> {
  const changes = d.changes;
  const step = (i: number): MaybePromise<number> => {
    for (; i < Math.min(stop, d.items.length); i++) {
      const e = eqSync(d.items[i], x);
      if (e === true) return i;
      if (e === undefined) {
        const at = i;
        return then(then(compare('==', d.items[i], x), truthy), (same) => {
          if (d.changes !== changes) throw pyError('RuntimeError', 'deque mutated during iteration');
          return same ? at : step(at + 1);
        });
      }
    }
    return -1;
  };
  return step(start);
}

const dequeMethods: Record<string, NativeFunction> = {};

/** A wrong call's message, as CPython words it for the method's calling convention. */
function countMessage(name: string, [min, max]: [number, number], given: number): string {
  if (max === 0) return `deque.${name}() takes no arguments (${given} given)`;
  if (min === 1 && max === 1) return `deque.${name}() takes exactly one argument (${given} given)`;
  if (name === 'index') return `index() takes at least 1 argument (${given} given)`;
  if (name === 'insert') return `insert() takes exactly 2 arguments (${given} given)`;
  return given < min
    ? `deque.${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${given}`
    : `deque.${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${given}`;
}

/** A deque method: `impl(d, args, self)` with the bound deque's state first. */
function def(
  name: string,
  arity: [number, number],
  impl: (d: Deque, args: PyValue[], self: DequeObject) => MaybePromise<PyValue>,
) {
  dequeMethods[name] = new NativeFunction(name, (args, kwargs) => {
    const [self, ...rest] = args;
    if (!(self instanceof PyNative) || !(self.value as Deque | undefined)?.items)
      throw pyError('TypeError', `descriptor '${name}' requires a 'collections.deque' object`);
    if (kwargs?.size) throw pyError('TypeError', `deque.${name}() takes no keyword arguments`);
    if (rest.length < arity[0] || rest.length > arity[1])
      throw pyError('TypeError', countMessage(name, arity, rest.length));
    return impl(self.value as Deque, rest, self as DequeObject);
  });
}

def('append', [1, 1], (d, [x]) => (pushRight(d, [x]), None));
def('appendleft', [1, 1], (d, [x]) => (pushLeft(d, [x]), None));
def('extend', [1, 1], (d, [xs]) => then(toArrayMP(xs), (items) => (pushRight(d, items), None)));
def('extendleft', [1, 1], (d, [xs]) => then(toArrayMP(xs), (items) => (pushLeft(d, items), None)));
def('pop', [0, 0], (d) => {
  if (d.items.length === 0) throw pyError('IndexError', 'pop from an empty deque');
  d.changes++;
  return d.items.pop()!;
});
def('popleft', [0, 0], (d) => {
  if (d.items.length === 0) throw pyError('IndexError', 'pop from an empty deque');
  d.changes++;
  return d.items.shift()!;
});
def('rotate', [0, 1], (d, [n = 1]) => {
  const len = d.items.length;
  if (len > 1) {
    const k = ((toIndex(n) % len) + len) % len;
    d.items.unshift(...d.items.splice(len - k, k));
  }
  return None;
});
def('clear', [0, 0], (d) => {
  d.items.length = 0;
  d.changes++;
  return None;
});
def('copy', [0, 0], (d, _, self) => newDeque(self.cls, d.items, d.maxlen));
def('__copy__', [0, 0], (d, _, self) => newDeque(self.cls, d.items, d.maxlen));
def('count', [1, 1], (d, [x]) => {
  const items = d.items.slice();
  let n = 0;
  return then(
    mapMP(items, (v) =>
      then(eqSync(v, x) ?? then(compare('==', v, x), truthy), (same) => void (same ? n++ : 0)),
    ),
    () => n,
  );
});
def('index', [1, 3], (d, [x, start = 0, stop = Number.MAX_SAFE_INTEGER]) => {
  const norm = (i: number) => (i < 0 ? Math.max(0, i + d.items.length) : i);
  return then(find(d, x, norm(toIndex(start)), norm(toIndex(stop))), (i) => {
    if (i < 0) throw pyError('ValueError', `${reprShort(x)} is not in deque`);
    return i;
  });
});
def('insert', [2, 2], (d, [i, x]) => {
  if (d.maxlen !== null && d.items.length >= d.maxlen)
    throw pyError('IndexError', 'deque already at its maximum size');
  let k = toIndex(i);
  if (k < 0) k = Math.max(0, k + d.items.length);
  d.items.splice(Math.min(k, d.items.length), 0, x);
  d.changes++;
  return None;
});
def('remove', [1, 1], (d, [x]) =>
  then(find(d, x, 0, d.items.length), (i) => {
    if (i < 0) throw pyError('ValueError', `${reprShort(x)} is not in deque`);
    d.items.splice(i, 1);
    d.changes++;
    return None;
  }),
);
def('reverse', [0, 0], (d) => (d.items.reverse(), None));
def('__len__', [0, 0], (d) => d.items.length);
def('__bool__', [0, 0], (d) => d.items.length > 0);
def('__getitem__', [1, 1], (d, [i]) => d.items[position(d, i)]);
def('__setitem__', [2, 2], (d, [i, x]) => ((d.items[position(d, i)] = x), None));
def('__delitem__', [1, 1], (d, [i]) => {
  d.items.splice(position(d, i), 1);
  d.changes++;
  return None;
});
def('__contains__', [1, 1], (d, [x]) => then(find(d, x, 0, d.items.length), (i) => i >= 0));
def('__iter__', [0, 0], (d) => iterator(d, false));
def('__reversed__', [0, 0], (d) => iterator(d, true));
def('__add__', [1, 1], (d, [other], self) => {
  if (!isDeque(other))
    throw pyError('TypeError', `can only concatenate deque (not "${typeName(other)}") to deque`);
  return newDeque(self.cls, [...d.items, ...state(other).items], d.maxlen);
});
def('__iadd__', [1, 1], (d, [other], self) => then(toArrayMP(other), (items) => (pushRight(d, items), self)));
const repeat = (d: Deque, n: PyValue, cls: PyType) => {
  if (!isInt(n) && typeof n !== 'boolean')
    throw pyError('TypeError', `can't multiply sequence by non-int of type '${typeName(n)}'`);
  const times = Math.max(0, toIndex(n));
  const items: PyValue[] = [];
  for (let i = 0; i < times; i++) items.push(...d.items);
  return newDeque(cls, items, d.maxlen);
};
def('__mul__', [1, 1], (d, [n], self) => repeat(d, n, self.cls));
def('__rmul__', [1, 1], (d, [n], self) => repeat(d, n, self.cls));
def('__imul__', [1, 1], (d, [n], self) => {
  const r = state(repeat(d, n, self.cls));
  d.items = r.items;
  d.changes++;
  return self;
});
for (const [name, op] of [
  ['__eq__', '=='],
  ['__ne__', '!='],
  ['__lt__', '<'],
  ['__le__', '<='],
  ['__gt__', '>'],
  ['__ge__', '>='],
] as const)
  def(name, [1, 1], (d, [other]) =>
    isDeque(other)
      ? compare(op, new PyList(d.items.slice()), new PyList(state(other).items.slice()))
      : NotImplemented,
  );
def('__repr__', [0, 0], (d, _, self) => {
  if (reprActive.has(d)) return '[...]';
  reprActive.add(d);
  const inner = then(repr(new PyList(d.items)), (body) => {
    const tail = d.maxlen === null ? '' : `, maxlen=${d.maxlen}`;
    return `${self.cls.name}(${body}${tail})`;
  });
  const done = () => reprActive.delete(d);
  if (inner instanceof Promise) return inner.finally(done);
  done();
  return inner;
});

const reprActive = new Set<Deque>();

/** repr for an error message, without running Python code. */
function reprShort(x: PyValue): string {
  const r = repr(x);
  return typeof r === 'string' ? r : '?';
}

const dequeIteratorType = defineNativeType({ name: '_deque_iterator', module: '_collections' });
const dequeReverseIteratorType = defineNativeType({
  name: '_deque_reverse_iterator',
  module: '_collections',
});

function iterator(d: Deque, reversed: boolean) {
  const changes = d.changes;
  let i = 0;
  return lazyIterator(reversed ? dequeReverseIteratorType : dequeIteratorType, () => {
    if (d.changes !== changes) throw pyError('RuntimeError', 'deque mutated during iteration');
    if (i >= d.items.length) return STOP;
    const v = reversed ? d.items[d.items.length - 1 - i] : d.items[i];
    i++;
    return v;
  });
}

export const dequeType: PyType = defineNativeType<Deque>({
  name: 'deque',
  module: 'collections',
  tpName: 'collections.deque',
  methods: { ...dequeMethods, __hash__: None },
  properties: {
    maxlen: { get: (self) => self.value.maxlen ?? None },
  },
  construct: new NativeFunction('deque', (args, kwargs) => {
    if (args.length > 2)
      throw pyError('TypeError', `deque() takes at most 2 arguments (${args.length} given)`);
    for (const k of kwargs?.keys() ?? [])
      if (k !== 'iterable' && k !== 'maxlen')
        throw pyError('TypeError', `'${k}' is an invalid keyword argument for deque()`);
    const iterable = args[0] ?? kwargs?.get('iterable') ?? new PyList();
    const maxlen = maxlenOf(args[1] ?? kwargs?.get('maxlen') ?? None);
    return then(toArrayMP(iterable), (items) => newDeque(dequeType, items, maxlen));
  }),
});

const isDeque = (v: PyValue): v is DequeObject => v instanceof PyNative && v.cls.isSubtypeOf(dequeType);
