// The builtin types as callables: int(), float(), str(), list(), dict(), range(), super(), property(),
// map/filter/zip/enumerate/reversed; instantiating classes defined in Python (__new__, __init__).
import {
  boolType,
  builtinExceptions,
  defineFunction,
  dictType,
  floatType,
  frozensetType,
  intType,
  listType,
  MaybePromise,
  NativeFunction,
  None,
  NotImplemented,
  objectType,
  PyDict,
  pyError,
  PyFloat,
  pyFloat,
  PyInstance,
  pyInt,
  PyList,
  PyProperty,
  PySet,
  PySlice,
  PyTuple,
  PyType,
  PyValue,
  rangeType,
  setType,
  sliceType,
  strType,
  toIndex,
  tupleType,
  typeName,
  typeOf,
  typeType,
} from '../objects.js';
import {
  call,
  callDunder,
  mapMP,
  PyRange,
  PyStaticMethod,
  PySuper,
  repr,
  reprSync,
  str,
  then,
  toArrayMP,
  truthy,
} from '../runtime.js';
import { method } from './helpers.js';

export const dictKeysType = new PyType('dict_keys');

export const dictValuesType = new PyType('dict_values');

export const dictItemsType = new PyType('dict_items');

/** collections.OrderedDict (what state_dict() returns): a dict whose views print as odict_keys(…). */
export const orderedDictType = new PyType('OrderedDict', { module: 'collections', bases: [dictType] });
orderedDictType.dict.set(
  '__repr__',
  defineFunction('__repr__', 'self', (a) => {
    const d = a.self as PyDict;
    const name = d.cls.name;
    if (d.size === 0) return `${name}()`;
    return then(repr(new PyList(d.entries().map(([k, v]) => new PyTuple([k, v])))), (s) => `${name}(${s})`);
  }),
);

/** The view types of a dict's keys(), values() and items(), by the dict's class. */
export const dictViewTypes = new Map<PyType, { keys: PyType; values: PyType; items: PyType }>([
  [dictType, { keys: dictKeysType, values: dictValuesType, items: dictItemsType }],
  [
    orderedDictType,
    {
      keys: new PyType('odict_keys', { bases: [dictKeysType] }),
      values: new PyType('odict_values', { bases: [dictValuesType] }),
      items: new PyType('odict_items', { bases: [dictItemsType] }),
    },
  ],
]);

export const superType = new PyType('super');

export const staticMethodType = new PyType('staticmethod');

export const classMethodType = new PyType('classmethod');

export const mapType = new PyType('map');

export const filterType = new PyType('filter');

export const zipType = new PyType('zip');

export const enumerateType = new PyType('enumerate');

export const reversedType = new PyType('reversed');

/** What reversed() of a dict or of its keys(), values(), items() gives. */
export const dictReverseIteratorTypes = {
  keys: new PyType('dict_reversekeyiterator'),
  values: new PyType('dict_reversevalueiterator'),
  items: new PyType('dict_reverseitemiterator'),
};

function floatFromString(s: string): number {
  const t = s.trim().replace(/_/g, '').toLowerCase();
  if (/^[-+]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?nan$/.test(t)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t))
    throw pyError('ValueError', `could not convert string to float: ${reprSync(s)}`);
  return Number(t);
}

export function toFloat(v: PyValue): MaybePromise<number> {
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') {
    const x = Number(v);
    if (!Number.isFinite(x)) throw pyError('OverflowError', 'int too large to convert to float');
    return x;
  }
  if (typeof v === 'string') return floatFromString(v);
  const r = callDunder(v, '__float__');
  if (r !== undefined) return then(r, (x) => toFloat(x));
  const idx = callDunder(v, '__index__');
  if (idx !== undefined) return then(idx, (x) => toFloat(x));
  throw pyError('TypeError', `float() argument must be a string or a real number, not '${typeName(v)}'`);
}

function intFromString(s: string, base: number): number | bigint {
  let t = s.trim().replace(/_/g, '').toLowerCase();
  let neg = false;
  if (t.startsWith('-') || t.startsWith('+')) {
    neg = t.startsWith('-');
    t = t.slice(1);
  }
  if (base === 0) {
    if (t.startsWith('0x')) base = 16;
    else if (t.startsWith('0o')) base = 8;
    else if (t.startsWith('0b')) base = 2;
    else base = 10;
  }
  if (base === 16 && t.startsWith('0x')) t = t.slice(2);
  else if (base === 8 && t.startsWith('0o')) t = t.slice(2);
  else if (base === 2 && t.startsWith('0b')) t = t.slice(2);
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  if (t.length === 0 || [...t].some((c) => !digits.includes(c))) {
    throw pyError('ValueError', `invalid literal for int() with base ${base}: ${reprSync(s)}`);
  }
  let r = 0n;
  const b = BigInt(base);
  for (const c of t) r = r * b + BigInt(digits.indexOf(c));
  return pyInt(neg ? -r : r);
}

export function toInt(v: PyValue): MaybePromise<number | bigint> {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) {
    if (Number.isNaN(v.v)) throw pyError('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(v.v)) throw pyError('OverflowError', 'cannot convert float infinity to integer');
    return pyInt(Math.trunc(v.v) === 0 ? 0 : Math.trunc(v.v));
  }
  if (typeof v === 'string') return intFromString(v, 10);
  const r = callDunder(v, '__int__') ?? callDunder(v, '__index__');
  if (r !== undefined) return then(r, toInt);
  throw pyError(
    'TypeError',
    `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`,
  );
}

export function setupTypes(): void {
  intType.construct = defineFunction('int', 'x=0, base=None', (a) => {
    if (a.base !== None) {
      if (typeof a.x !== 'string')
        throw pyError('TypeError', "int() can't convert non-string with explicit base");
      return intFromString(a.x, toIndex(a.base));
    }
    return toInt(a.x);
  });
  floatType.construct = defineFunction('float', 'x=0', (a) => then(toFloat(a.x), pyFloat));
  strType.construct = defineFunction('str', "object=''", (a) => str(a.object));
  boolType.construct = defineFunction('bool', 'x=False', (a) => truthy(a.x));
  listType.construct = defineFunction('list', 'iterable=None', (a) =>
    a.iterable === None ? new PyList() : then(toArrayMP(a.iterable), (xs) => new PyList(xs)),
  );
  tupleType.construct = defineFunction('tuple', 'iterable=None', (a) =>
    a.iterable === None
      ? new PyTuple()
      : a.iterable instanceof PyTuple && a.iterable.cls === tupleType
        ? a.iterable
        : then(toArrayMP(a.iterable), (xs) => new PyTuple(xs)),
  );
  setType.construct = defineFunction('set', 'iterable=None', (a) =>
    a.iterable === None ? new PySet() : then(toArrayMP(a.iterable), (xs) => new PySet(xs)),
  );
  frozensetType.construct = defineFunction('frozenset', 'iterable=None', (a) =>
    a.iterable === None
      ? new PySet(undefined, true)
      : then(toArrayMP(a.iterable), (xs) => new PySet(xs, true)),
  );
  dictType.construct = new NativeFunction('dict', (args, kwargs) => {
    const d = new PyDict();
    const fill = (): MaybePromise<PyValue> => {
      if (kwargs) for (const [k, v] of kwargs) d.set(k, v);
      return d;
    };
    if (args.length > 1) throw pyError('TypeError', `dict expected at most 1 argument, got ${args.length}`);
    if (args.length === 0) return fill();
    const src = args[0];
    if (src instanceof PyDict) {
      for (const [k, v] of src.entries()) d.set(k, v);
      return fill();
    }
    return then(toArrayMP(src), (items) =>
      then(
        mapMP(items, (item, i) =>
          then(toArrayMP(item), (pair) => {
            if (pair.length !== 2)
              throw pyError(
                'ValueError',
                `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`,
              );
            d.set(pair[0], pair[1]);
          }),
        ),
        fill,
      ),
    );
  });
  rangeType.construct = new NativeFunction('range', (args, kwargs) => {
    // range(n) and range(a, b) of ints: no conversion of each argument.
    if (kwargs === null) {
      if (args.length === 1 && typeof args[0] === 'number') return new PyRange(0, args[0], 1);
      if (args.length === 2 && typeof args[0] === 'number' && typeof args[1] === 'number')
        return new PyRange(args[0], args[1], 1);
    }
    const ints = args.map((x) => {
      if (x instanceof PyFloat)
        throw pyError('TypeError', "'float' object cannot be interpreted as an integer");
      return toIndex(x);
    });
    if (ints.length === 0) throw pyError('TypeError', 'range expected at least 1 argument, got 0');
    if (ints.length > 3) throw pyError('TypeError', `range expected at most 3 arguments, got ${ints.length}`);
    if (ints.length === 1) return new PyRange(0, ints[0], 1);
    if (ints[2] === 0) throw pyError('ValueError', 'range() arg 3 must not be zero');
    return new PyRange(ints[0], ints[1], ints[2] ?? 1);
  });
  sliceType.construct = new NativeFunction('slice', (args) => {
    if (args.length === 1) return new PySlice(None, args[0], None);
    return new PySlice(args[0] ?? None, args[1] ?? None, args[2] ?? None);
  });
  typeType.construct = new NativeFunction('type', (args) => {
    if (args.length === 1) return typeOf(args[0]);
    throw pyError('TypeError', 'type() takes 1 argument');
  });
  objectType.construct = new NativeFunction('object', () => new PyInstance(objectType));
  superType.construct = new NativeFunction('super', (args) => {
    if (args.length !== 2 || !(args[0] instanceof PyType))
      throw pyError('RuntimeError', 'super(): no arguments');
    return new PySuper(superType, args[0], args[1]);
  });
  staticMethodType.construct = defineFunction(
    'staticmethod',
    'f',
    (a) => new PyStaticMethod(staticMethodType, a.f, 'static'),
  );
  classMethodType.construct = defineFunction(
    'classmethod',
    'f',
    (a) => new PyStaticMethod(classMethodType, a.f, 'class'),
  );
  const propertyType = new PyProperty(() => None).cls;
  propertyType.construct = defineFunction('property', 'fget=None, fset=None, fdel=None, doc=None', (a) =>
    makeProperty(a.fget, a.fset),
  );
  method(propertyType, 'setter', 'self, fset', (a) =>
    makeProperty((a.self as PyProperty & { fget?: PyValue }).fget ?? None, a.fset),
  );
  method(propertyType, 'getter', 'self, fget', (a) =>
    makeProperty(a.fget, (a.self as PyProperty & { fset?: PyValue }).fset ?? None),
  );

  // object
  objectType.dict.set(
    '__init__',
    defineFunction('__init__', 'self, *args, **kwargs', () => None),
  );
  objectType.dict.set(
    '__eq__',
    defineFunction('__eq__', 'self, other', (a) => (a.self === a.other ? true : NotImplemented)),
  );
  objectType.dict.set(
    '__ne__',
    // CPython's object.__ne__: the inverse of the class's __eq__, unless that is NotImplemented.
    defineFunction('__ne__', 'self, other', (a) => {
      const eq = typeOf(a.self).lookup('__eq__');
      if (eq === undefined) return a.self === a.other ? false : NotImplemented;
      return then(call(eq, [a.self, a.other], null), (r) =>
        r === NotImplemented ? r : then(truthy(r), (t) => !t),
      );
    }),
  );
  // BaseException
  const base = builtinExceptions.BaseException;
  base.dict.set(
    '__init__',
    new NativeFunction('__init__', (args) => {
      const self = args[0];
      if (self instanceof PyInstance) self.dict.set('args', new PyTuple(args.slice(1)));
      return None;
    }),
  );
  base.dict.set(
    'with_traceback',
    defineFunction('with_traceback', 'self, tb', (a) => a.self),
  );
}

function makeProperty(fget: PyValue, fset: PyValue): PyProperty {
  const p = new PyProperty(
    (self) => {
      if (fget === None) throw pyError('AttributeError', 'unreadable attribute');
      return call(fget, [self], null);
    },
    fset === None ? undefined : (self, v) => then(call(fset, [self, v], null), () => undefined),
  ) as PyProperty & { fget?: PyValue; fset?: PyValue };
  p.fget = fget;
  p.fset = fset;
  return p;
}

// str methods
