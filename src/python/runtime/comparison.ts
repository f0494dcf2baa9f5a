// Comparison: ==, <, … with rich-comparison dunders and their reflections, sequence
// comparison, `in`, and the comparisons specialised per call site.
import {
  objectType,
  type PyType,
  dictType,
  MaybePromise,
  NotImplemented,
  PyDict,
  pyError,
  PyFloat,
  PyIterator,
  PyList,
  PyObject,
  PySet,
  PyTuple,
  PyValue,
  typeName,
  typeOf,
} from '../objects.js';
import { then } from '../maybe-promise.js';
import { DictView, PyRange } from './values.js';
import { call, callDunder } from './attributes.js';
import { truthy } from './truth.js';
import type { BinFn } from './arithmetic.js';
import { big, intOf, numValue } from './numbers.js';
import { iterate } from './iteration.js';

const cmpNames: Record<string, [string, string]> = {
  '<': ['__lt__', '__gt__'],
  '<=': ['__le__', '__ge__'],
  '>': ['__gt__', '__lt__'],
  '>=': ['__ge__', '__le__'],
  '==': ['__eq__', '__eq__'],
  '!=': ['__ne__', '__ne__'],
};

/** A comparison operator applied to two numbers, or to two big ints (never one of each). */
function cmpNum<T extends number | bigint>(op: string, x: T, y: T): boolean {
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '==':
      return x === y;
    default:
      return x !== y;
  }
}

/** Sync equality for primitives and containers of them; undefined when Python code is needed. */
export function eqSync(a: PyValue, b: PyValue): boolean | undefined {
  if (a === b) return !(a instanceof PyFloat && Number.isNaN(a.v));
  const x = numValue(a);
  const y = numValue(b);
  if (x !== undefined && y !== undefined) {
    if (typeof a === 'bigint' || typeof b === 'bigint') {
      if (a instanceof PyFloat || b instanceof PyFloat) return x === y;
      return big(intOf(a as number)) === big(intOf(b as number));
    }
    return x === y;
  }
  if (typeof a === 'string' || typeof b === 'string' || a === null || b === null) return false;
  if (x !== undefined || y !== undefined) {
    const o = (x !== undefined ? b : a) as PyObject;
    if (o.cls.lookup('__eq__') === undefined) return false;
    return undefined;
  }
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    if (a.items.length !== b.items.length) return false;
    for (let i = 0; i < a.items.length; i++) {
      const e = a.items[i] === b.items[i] ? true : eqSync(a.items[i], b.items[i]);
      if (e === undefined) return undefined;
      if (!e) return false;
    }
    return true;
  }
  if (a instanceof PyList || a instanceof PyTuple || b instanceof PyList || b instanceof PyTuple) {
    if (
      (a as PyObject).cls.lookup('__eq__') === undefined &&
      (b as PyObject).cls.lookup('__eq__') === undefined
    )
      return false;
  }
  if (a instanceof PyDict && b instanceof PyDict) {
    // A dict class with an __eq__ of its own (Counter, OrderedDict) decides for itself.
    if ((a.cls !== dictType && hasOwnEq(a.cls)) || (b.cls !== dictType && hasOwnEq(b.cls))) return undefined;
    if (a.size !== b.size) return false;
    for (const [k, v] of a.entries()) {
      if (!b.has(k)) return false;
      const e = eqSync(v, b.get(k) as PyValue);
      if (e === undefined) return undefined;
      if (!e) return false;
    }
    return true;
  }
  if (a instanceof PySet && b instanceof PySet) {
    if (a.size !== b.size) return false;
    for (const v of a.values()) if (!b.has(v)) return false;
    return true;
  }
  const ta = (a as PyObject).cls;
  const tb = (b as PyObject).cls;
  if (ta.lookup('__eq__') === undefined && tb.lookup('__eq__') === undefined) return false;
  return undefined;
}

export function compare(op: string, a: PyValue, b: PyValue): MaybePromise<PyValue> {
  if (typeof a === 'number' && typeof b === 'number') return cmpNum(op, a, b);
  if (op === '==' || op === '!=') {
    // `t == t` asks t's own __eq__ (a tensor answers elementwise); only containers compare their
    // items by identity first, which eqSync does.
    const own = a === b && a instanceof PyObject && a.cls.lookup('__eq__') !== undefined;
    const e = own ? undefined : eqSync(a, b);
    if (e !== undefined) return op === '==' ? e : !e;
  }
  const x = numValue(a);
  const y = numValue(b);
  if (x !== undefined && y !== undefined) {
    if (
      (typeof a === 'bigint' || typeof b === 'bigint') &&
      !(a instanceof PyFloat) &&
      !(b instanceof PyFloat)
    )
      return cmpNum(op, big(intOf(a as number)), big(intOf(b as number)));
    return cmpNum(op, x, y);
  }
  if (typeof a === 'string' && typeof b === 'string') {
    switch (op) {
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
    }
  }
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple))
    return compareSeq(op, a.items, b.items);
  if (a instanceof PySet && b instanceof PySet) {
    const sub = (p: PySet, q: PySet) => p.values().every((v) => q.has(v));
    switch (op) {
      case '<=':
        return sub(a, b);
      case '<':
        return sub(a, b) && a.size < b.size;
      case '>=':
        return sub(b, a);
      case '>':
        return sub(b, a) && b.size < a.size;
    }
  }
  if (
    (op === '==' || op === '!=') &&
    a instanceof PyDict &&
    b instanceof PyDict &&
    !hasOwnEq(a.cls) &&
    !hasOwnEq(b.cls)
  )
    return then(dictsEqual(a, b), (e) => (op === '==' ? e : !e));
  const names = cmpNames[op];
  const ta = typeOf(a);
  const tb = typeOf(b);
  const fwd = ta.lookup(names[0]);
  const fallback = (): MaybePromise<PyValue> => {
    const rev = tb.lookup(names[1]);
    const finish = (): PyValue => {
      if (op === '==') return a === b;
      if (op === '!=') return a !== b;
      throw pyError('TypeError', `'${op}' not supported between instances of '${ta.name}' and '${tb.name}'`);
    };
    if (rev !== undefined) return then(call(rev, [b, a], null), (r) => (r === NotImplemented ? finish() : r));
    if (op === '!=') {
      const eq = ta.lookup('__eq__');
      if (eq !== undefined)
        return then(call(eq, [a, b], null), (r) =>
          r === NotImplemented ? a !== b : then(truthy(r), (t) => !t),
        );
    }
    return finish();
  };
  if (fwd !== undefined) return then(call(fwd, [a, b], null), (r) => (r === NotImplemented ? fallback() : r));
  return fallback();
}

/** Whether a class has an __eq__ other than object's (identity). */
function hasOwnEq(t: PyType): boolean {
  const eq = t.lookup('__eq__');
  return eq !== undefined && eq !== objectType.dict.get('__eq__');
}

/** Two dicts' equality when some values compare by a Python __eq__ (eqSync could not tell). */
function dictsEqual(a: PyDict, b: PyDict): MaybePromise<boolean> {
  if (a.size !== b.size) return false;
  const entries = a.entries();
  const step = (i: number): MaybePromise<boolean> => {
    for (; i < entries.length; i++) {
      const [k, x] = entries[i];
      const y = b.get(k);
      if (y === undefined) return false;
      const e = x === y ? true : eqSync(x, y);
      if (e === true) continue;
      if (e === false) return false;
      const next = i + 1;
      return then(then(compare('==', x, y), truthy), (same) => (same ? step(next) : false));
    }
    return true;
  };
  return step(0);
}

function compareSeq(op: string, xs: PyValue[], ys: PyValue[]): MaybePromise<PyValue> {
  const n = Math.min(xs.length, ys.length);
  const step = (i: number): MaybePromise<PyValue> => {
    for (; i < n; i++) {
      const e = eqSync(xs[i], ys[i]);
      if (e === true) continue;
      if (e === false) return compare(op, xs[i], ys[i]);
      const idx = i;
      return then(compare('==', xs[i], ys[i]), (r) =>
        then(truthy(r), (t) => (t ? step(idx + 1) : compare(op, xs[idx], ys[idx]))),
      );
    }
    return cmpNum(op, xs.length, ys.length);
  };
  return step(0);
}

/** Sync less-than for sorting primitives; undefined when it needs Python code. */
export function ltSync(a: PyValue, b: PyValue): boolean | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  const x = numValue(a);
  const y = numValue(b);
  if (x !== undefined && y !== undefined) return x < y;
  if ((a instanceof PyTuple && b instanceof PyTuple) || (a instanceof PyList && b instanceof PyList)) {
    const n = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < n; i++) {
      const e = eqSync(a.items[i], b.items[i]);
      if (e === undefined) return undefined;
      if (!e) return ltSync(a.items[i], b.items[i]);
    }
    return a.items.length < b.items.length;
  }
  return undefined;
}

export function contains(container: PyValue, item: PyValue): MaybePromise<boolean> {
  if (typeof container === 'string') {
    if (typeof item !== 'string')
      throw pyError('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyDict) return container.has(item);
  if (container instanceof PySet) return container.has(item);
  if (container instanceof DictView && container.kind === 'keys') return container.dict.has(item);
  if (container instanceof PyRange) {
    const x = numValue(item);
    if (x === undefined || !Number.isInteger(x)) return false;
    const { start, stop, step } = container;
    if (step > 0 ? x < start || x >= stop : x > start || x <= stop) return false;
    return (x - start) % step === 0;
  }
  if (container instanceof PyList || container instanceof PyTuple) {
    const items = container.items;
    for (let i = 0; i < items.length; i++) {
      const e = items[i] === item ? true : eqSync(items[i], item);
      if (e === true) return true;
      if (e === undefined) {
        const idx = i;
        return (async () => {
          for (let j = idx; j < items.length; j++)
            if (await truthy(await compare('==', items[j], item))) return true;
          return false;
        })();
      }
    }
    return false;
  }
  const c = callDunder(container, '__contains__', [item]);
  if (c !== undefined) return then(c, truthy);
  const t = typeOf(container);
  if (t.lookup('__iter__') === undefined && !(container instanceof PyIterator))
    throw pyError('TypeError', `argument of type '${t.tpName}' is not iterable`);
  let found = false;
  return then(
    iterate(container, (x) =>
      then(compare('==', x, item), (r) =>
        then(truthy(r), (t2) => {
          if (t2) found = true;
          return t2;
        }),
      ),
    ),
    () => found,
  );
}

// Iteration

export function compareFor(op: string): BinFn {
  const general = (a: PyValue, b: PyValue) => compare(op, a, b);
  switch (op) {
    case '<':
      return (a, b) =>
        typeof a === 'number' && typeof b === 'number'
          ? a < b
          : a instanceof PyFloat && b instanceof PyFloat
            ? a.v < b.v
            : general(a, b);
    case '<=':
      return (a, b) =>
        typeof a === 'number' && typeof b === 'number'
          ? a <= b
          : a instanceof PyFloat && b instanceof PyFloat
            ? a.v <= b.v
            : general(a, b);
    case '>':
      return (a, b) =>
        typeof a === 'number' && typeof b === 'number'
          ? a > b
          : a instanceof PyFloat && b instanceof PyFloat
            ? a.v > b.v
            : general(a, b);
    case '>=':
      return (a, b) =>
        typeof a === 'number' && typeof b === 'number'
          ? a >= b
          : a instanceof PyFloat && b instanceof PyFloat
            ? a.v >= b.v
            : general(a, b);
    case '==':
      return (a, b) =>
        typeof a === 'number' && typeof b === 'number'
          ? a === b
          : typeof a === 'string' && typeof b === 'string'
            ? a === b
            : general(a, b);
    case '!=':
      return (a, b) =>
        typeof a === 'number' && typeof b === 'number'
          ? a !== b
          : typeof a === 'string' && typeof b === 'string'
            ? a !== b
            : general(a, b);
    default:
      return general;
  }
}
