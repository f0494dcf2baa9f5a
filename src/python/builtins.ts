// Python's builtins: functions (print, len, range …), the constructors of builtin types, and the
// methods of str, list, dict, set, tuple, int and float.
import {
  BoundMethod,
  boolType,
  BoundArgs,
  builtinExceptions,
  defineFunction,
  dictType,
  Ellipsis,
  exceptionArgs,
  floatType,
  frozensetType,
  intType,
  isPromise,
  Kwargs,
  listType,
  MaybePromise,
  NativeFunction,
  newException,
  None,
  NotImplemented,
  objectId,
  objectType,
  PyCallable,
  PyDict,
  PyException,
  pyError,
  PyFloat,
  pyFloat,
  pyInt,
  PyInstance,
  PyIterator,
  PyList,
  PyModule,
  PyNative,
  PyObject,
  PyProperty,
  PySet,
  PySlice,
  PyTuple,
  PyType,
  PyValue,
  rangeType,
  setType,
  sliceType,
  STOP,
  strType,
  toIndex,
  tupleType,
  typeName,
  typeOf,
  typeType,
  moduleType,
  iteratorType,
  IterResult,
} from './objects.js';
import {
  binaryOp,
  call,
  callDunder,
  compare,
  contains,
  DictView,
  eqSync,
  format,
  getAttr,
  getIter,
  hooks,
  isCallable,
  isIntLike,
  len,
  lookupAttr,
  ltSync,
  mapMP,
  MAX_SEQUENCE,
  PyRange,
  PyStaticMethod,
  PySuper,
  repr,
  setAttr,
  delAttr,
  str,
  then,
  toArrayMP,
  truthy,
  unaryOp,
  iterate,
  reprSync,
} from './runtime.js';
import { floatRepr } from './format.js';
import { formatFixed, roundHalfEven } from '../core/decimal.js';

// ---------------------------------------------------------------------------------------------
// Small helpers

/** A positional-only native function without the generic binder, for hot builtins. */
function fast(name: string, min: number, max: number, impl: (args: PyValue[]) => MaybePromise<PyValue>, doc?: string, signature?: string): NativeFunction {
  const isMethod = signature?.startsWith('(self') ?? false;
  const f = new NativeFunction(
    name,
    (args, kwargs) => {
      if (kwargs && kwargs.size > 0) throw pyError('TypeError', `${name}() takes no keyword arguments`);
      const n = args.length;
      if (n < min || n > max) {
        const shown = isMethod ? n - 1 : n;
        const lo = isMethod ? min - 1 : min;
        const hi = isMethod ? max - 1 : max;
        if (lo === hi) throw pyError('TypeError', `${name}() takes exactly ${lo === 1 ? 'one argument' : lo + ' arguments'} (${shown} given)`);
        throw pyError('TypeError', `${name} expected ${n < min ? 'at least ' + lo : 'at most ' + hi} argument${(n < min ? lo : hi) === 1 ? '' : 's'}, got ${shown}`);
      }
      return impl(args);
    },
    doc,
  );
  if (signature) f.signature = signature;
  return f;
}

function isinstanceOf(obj: PyValue, classinfo: PyValue): boolean {
  const t = typeOf(obj);
  const check = (c: PyValue): boolean => {
    if (c instanceof PyTuple) return c.items.some(check);
    if (!(c instanceof PyType)) throw pyError('TypeError', 'isinstance() arg 2 must be a type, a tuple of types, or a union');
    return t.isSubtypeOf(c);
  };
  return check(classinfo);
}

function method(type: PyType, name: string, spec: string, impl: (a: BoundArgs) => MaybePromise<PyValue | undefined | void>): void {
  type.dict.set(name, defineFunction(name, spec, impl));
}

function selfStr(a: BoundArgs): string {
  return a.self as string;
}

function optIndex(v: PyValue, dflt: number): number {
  return v === None ? dflt : toIndex(v);
}

function normIndex(i: number, n: number): number {
  if (i < 0) i += n;
  return Math.min(Math.max(i, 0), n);
}

export const dictKeysType = new PyType('dict_keys');
export const dictValuesType = new PyType('dict_values');
export const dictItemsType = new PyType('dict_items');
export const superType = new PyType('super');
export const staticMethodType = new PyType('staticmethod');
export const classMethodType = new PyType('classmethod');
const mapType = new PyType('map');
const filterType = new PyType('filter');
const zipType = new PyType('zip');
const enumerateType = new PyType('enumerate');
const reversedType = new PyType('reversed');

function floatFromString(s: string): number {
  const t = s.trim().replace(/_/g, '').toLowerCase();
  if (/^[-+]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?nan$/.test(t)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) throw pyError('ValueError', `could not convert string to float: ${reprSync(s)}`);
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
  throw pyError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`);
}

/** round(x, n) with correct decimal rounding of the double, as CPython. */
function roundFloat(x: number, n: number): number {
  if (!Number.isFinite(x)) return x;
  if (n > 22) return x;
  if (n < -22) return 0 * x;
  if (n >= 0) return Number(formatFixed(x, n));
  const p = 10 ** -n;
  return roundHalfEven(x / p) * p;
}

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

function sortSync(items: PyValue[], key: PyValue, reverse: boolean): MaybePromise<PyValue[]> {
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
          throw pyError('TypeError', `'<' not supported between instances of '${typeName(b)}' and '${typeName(a)}'`);
        }
      }
      return copy;
    }
  }
  return sortValues(items, key, reverse);
}

function isNumeric(v: PyValue): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof PyFloat;
}

function lazyIterator(type: PyType, next: () => MaybePromise<IterResult>): PyIterator {
  return new PyIterator(next, type);
}

// ---------------------------------------------------------------------------------------------
// Type constructors

function setupTypes(): void {
  intType.construct = defineFunction('int', 'x=0, base=None', (a) => {
    if (a.base !== None) {
      if (typeof a.x !== 'string') throw pyError('TypeError', "int() can't convert non-string with explicit base");
      return intFromString(a.x, toIndex(a.base));
    }
    return toInt(a.x);
  });
  floatType.construct = defineFunction('float', 'x=0', (a) => then(toFloat(a.x), pyFloat));
  strType.construct = defineFunction('str', "object=''", (a) => str(a.object));
  boolType.construct = defineFunction('bool', 'x=False', (a) => truthy(a.x));
  listType.construct = defineFunction('list', 'iterable=None', (a) => (a.iterable === None ? new PyList() : then(toArrayMP(a.iterable), (xs) => new PyList(xs))));
  tupleType.construct = defineFunction('tuple', 'iterable=None', (a) =>
    a.iterable === None ? new PyTuple() : a.iterable instanceof PyTuple ? a.iterable : then(toArrayMP(a.iterable), (xs) => new PyTuple(xs)),
  );
  setType.construct = defineFunction('set', 'iterable=None', (a) => (a.iterable === None ? new PySet() : then(toArrayMP(a.iterable), (xs) => new PySet(xs))));
  frozensetType.construct = defineFunction('frozenset', 'iterable=None', (a) =>
    a.iterable === None ? new PySet(undefined, true) : then(toArrayMP(a.iterable), (xs) => new PySet(xs, true)),
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
            if (pair.length !== 2) throw pyError('ValueError', `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
            d.set(pair[0], pair[1]);
          }),
        ),
        fill,
      ),
    );
  });
  rangeType.construct = new NativeFunction('range', (args) => {
    const ints = args.map((x) => {
      if (x instanceof PyFloat) throw pyError('TypeError', "'float' object cannot be interpreted as an integer");
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
    if (args.length !== 2 || !(args[0] instanceof PyType)) throw pyError('RuntimeError', 'super(): no arguments');
    return new PySuper(superType, args[0], args[1]);
  });
  staticMethodType.construct = defineFunction('staticmethod', 'f', (a) => new PyStaticMethod(staticMethodType, a.f, 'static'));
  classMethodType.construct = defineFunction('classmethod', 'f', (a) => new PyStaticMethod(classMethodType, a.f, 'class'));
  const propertyType = new PyProperty(() => None).cls;
  propertyType.construct = defineFunction('property', 'fget=None, fset=None, fdel=None, doc=None', (a) => makeProperty(a.fget, a.fset));
  method(propertyType, 'setter', 'self, fset', (a) => makeProperty((a.self as PyProperty & { fget?: PyValue }).fget ?? None, a.fset));
  method(propertyType, 'getter', 'self, fget', (a) => makeProperty(a.fget, (a.self as PyProperty & { fset?: PyValue }).fset ?? None));

  // object
  objectType.dict.set('__init__', defineFunction('__init__', 'self, *args, **kwargs', () => None));
  objectType.dict.set('__eq__', defineFunction('__eq__', 'self, other', (a) => (a.self === a.other ? true : NotImplemented)));
  objectType.dict.set('__ne__', defineFunction('__ne__', 'self, other', (a) => (a.self === a.other ? false : NotImplemented)));
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
  base.dict.set('with_traceback', defineFunction('with_traceback', 'self, tb', (a) => a.self));
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

/** Instantiates a class defined in Python (hooked into runtime.call). */
const nativeBases = new WeakMap<PyType, PyType | null>();
let objectInit: PyValue | undefined;

function instantiate(cls: PyType, args: PyValue[], kwargs: Kwargs | null): MaybePromise<PyValue> {
  if (cls.native && !cls.construct) throw pyError('TypeError', `cannot create '${cls.qualifiedName}' instances`);
  let nativeBase = nativeBases.get(cls);
  if (nativeBase === undefined) {
    nativeBase = cls.mro.find((t) => t !== cls && t.construct && t !== objectType) ?? null;
    nativeBases.set(cls, nativeBase);
  }
  if (nativeBase && !cls.isException) {
    throw pyError('TypeError', `subclassing '${nativeBase.name}' is not supported`);
  }
  const inst = cls.isException ? newException(cls, args) : new PyInstance(cls);
  const init = cls.lookup('__init__');
  if (init === undefined) return inst;
  objectInit ??= objectType.dict.get('__init__');
  if (init === objectInit) {
    if (args.length || kwargs?.size) throw pyError('TypeError', `${cls.name}() takes no arguments`);
    return inst;
  }
  args.unshift(inst);
  const r = call(init, args, kwargs);
  if (r instanceof Promise) return r.then((x) => checkInit(x, inst));
  return checkInit(r, inst);
}

function checkInit(r: PyValue, inst: PyValue): PyValue {
  if (r !== None) throw pyError('TypeError', `__init__() should return None, not '${typeName(r)}'`);
  return inst;
}

// ---------------------------------------------------------------------------------------------
// str methods

function strMethods(): void {
  const t = strType;
  const ws = /^\s+|\s+$/g;
  const stripChars = (s: string, chars: PyValue, left: boolean, right: boolean) => {
    if (chars === None) {
      if (left && right) return s.replace(ws, '');
      if (left) return s.replace(/^\s+/, '');
      return s.replace(/\s+$/, '');
    }
    const cs = chars as string;
    let i = 0;
    let j = s.length;
    if (left) while (i < j && cs.includes(s[i])) i++;
    if (right) while (j > i && cs.includes(s[j - 1])) j--;
    return s.slice(i, j);
  };
  method(t, 'strip', 'self, chars=None', (a) => stripChars(selfStr(a), a.chars, true, true));
  method(t, 'lstrip', 'self, chars=None', (a) => stripChars(selfStr(a), a.chars, true, false));
  method(t, 'rstrip', 'self, chars=None', (a) => stripChars(selfStr(a), a.chars, false, true));
  method(t, 'upper', 'self', (a) => selfStr(a).toUpperCase());
  method(t, 'lower', 'self', (a) => selfStr(a).toLowerCase());
  method(t, 'casefold', 'self', (a) => selfStr(a).toLowerCase());
  method(t, 'swapcase', 'self', (a) => [...selfStr(a)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));
  method(t, 'capitalize', 'self', (a) => {
    const s = selfStr(a);
    return s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase();
  });
  method(t, 'title', 'self', (a) => selfStr(a).toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()));
  method(t, 'split', 'self, sep=None, maxsplit=-1', (a) => new PyList(splitStr(selfStr(a), a.sep, toIndex(a.maxsplit))));
  method(t, 'rsplit', 'self, sep=None, maxsplit=-1', (a) => {
    const max = toIndex(a.maxsplit);
    if (max < 0) return new PyList(splitStr(selfStr(a), a.sep, -1));
    const rev = (s: string) => [...s].reverse().join('');
    const parts = splitStr(rev(selfStr(a)), a.sep === None ? None : rev(a.sep as string), max);
    return new PyList(parts.map((p) => rev(p as string)).reverse());
  });
  method(t, 'splitlines', 'self, keepends=False', (a) => {
    const s = selfStr(a);
    if (!s) return new PyList();
    const parts = s.split(/(\r\n|\r|\n)/);
    const out: PyValue[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      const line = parts[i] + (a.keepends && parts[i + 1] ? parts[i + 1] : '');
      if (i === parts.length - 1 && parts[i] === '') break;
      out.push(line);
    }
    return new PyList(out);
  });
  method(t, 'join', 'self, iterable', (a) =>
    then(toArrayMP(a.iterable), (xs) => {
      xs.forEach((x, i) => {
        if (typeof x !== 'string') throw pyError('TypeError', `sequence item ${i}: expected str instance, ${typeName(x)} found`);
      });
      return xs.join(selfStr(a));
    }),
  );
  method(t, 'replace', 'self, old, new, count=-1', (a) => {
    const s = selfStr(a);
    const old = a.old as string;
    const nw = a.new as string;
    let count = toIndex(a.count);
    if (count < 0) return old === '' ? [...s].map((c) => nw + c).join('') + nw : s.split(old).join(nw);
    let out = '';
    let pos = 0;
    while (count-- > 0) {
      const i = s.indexOf(old, pos);
      if (i < 0) break;
      out += s.slice(pos, i) + nw;
      pos = i + old.length;
      if (old === '') {
        out += s[pos] ?? '';
        pos++;
      }
    }
    return out + s.slice(pos);
  });
  const startsEnds = (name: string, isStart: boolean) =>
    method(t, name, 'self, prefix, start=None, end=None', (a) => {
      const s = selfStr(a).slice(optIndex(a.start, 0), a.end === None ? undefined : toIndex(a.end));
      const p = a.prefix;
      const options = p instanceof PyTuple ? p.items : [p];
      return options.some((o) => {
        if (typeof o !== 'string') throw pyError('TypeError', `${name} first arg must be str or a tuple of str, not ${typeName(o)}`);
        return isStart ? s.startsWith(o) : s.endsWith(o);
      });
    });
  startsEnds('startswith', true);
  startsEnds('endswith', false);
  const finder = (name: string, fromRight: boolean, raise: boolean) =>
    method(t, name, 'self, sub, start=None, end=None', (a) => {
      const s = selfStr(a);
      const start = normIndex(optIndex(a.start, 0), s.length);
      const end = a.end === None ? s.length : normIndex(toIndex(a.end), s.length);
      const hay = s.slice(start, end);
      const i = fromRight ? hay.lastIndexOf(a.sub as string) : hay.indexOf(a.sub as string);
      if (i < 0) {
        if (raise) throw pyError('ValueError', 'substring not found');
        return -1;
      }
      return i + start;
    });
  finder('find', false, false);
  finder('rfind', true, false);
  finder('index', false, true);
  finder('rindex', true, true);
  method(t, 'count', 'self, sub, start=None, end=None', (a) => {
    const s = selfStr(a).slice(optIndex(a.start, 0), a.end === None ? undefined : toIndex(a.end));
    const sub = a.sub as string;
    if (sub === '') return s.length + 1;
    return s.split(sub).length - 1;
  });
  const justify = (name: string, how: 'l' | 'r' | 'c') =>
    method(t, name, "self, width, fillchar=' '", (a) => {
      const s = selfStr(a);
      const w = toIndex(a.width);
      const fill = a.fillchar as string;
      const n = w - [...s].length;
      if (n <= 0) return s;
      if (how === 'l') return s + fill.repeat(n);
      if (how === 'r') return fill.repeat(n) + s;
      const left = Math.floor(n / 2) + (n & w & 1);
      return fill.repeat(left) + s + fill.repeat(n - left);
    });
  justify('ljust', 'l');
  justify('rjust', 'r');
  justify('center', 'c');
  method(t, 'zfill', 'self, width', (a) => {
    const s = selfStr(a);
    const w = toIndex(a.width);
    if (s.length >= w) return s;
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    return sign + '0'.repeat(w - s.length) + s.slice(sign.length);
  });
  const pred = (name: string, re: RegExp) => method(t, name, 'self', (a) => selfStr(a).length > 0 && re.test(selfStr(a)));
  pred('isdigit', /^\d+$/);
  pred('isnumeric', /^\d+$/);
  pred('isdecimal', /^\d+$/);
  pred('isalpha', /^\p{L}+$/u);
  pred('isalnum', /^[\p{L}\d]+$/u);
  pred('isspace', /^\s+$/);
  method(t, 'isupper', 'self', (a) => /\p{Lu}/u.test(selfStr(a)) && selfStr(a) === selfStr(a).toUpperCase());
  method(t, 'islower', 'self', (a) => /\p{Ll}/u.test(selfStr(a)) && selfStr(a) === selfStr(a).toLowerCase());
  method(t, 'isidentifier', 'self', (a) => /^[\p{L}_][\p{L}\d_]*$/u.test(selfStr(a)));
  method(t, 'partition', 'self, sep', (a) => {
    const s = selfStr(a);
    const i = s.indexOf(a.sep as string);
    if (i < 0) return new PyTuple([s, '', '']);
    return new PyTuple([s.slice(0, i), a.sep, s.slice(i + (a.sep as string).length)]);
  });
  method(t, 'rpartition', 'self, sep', (a) => {
    const s = selfStr(a);
    const i = s.lastIndexOf(a.sep as string);
    if (i < 0) return new PyTuple(['', '', s]);
    return new PyTuple([s.slice(0, i), a.sep, s.slice(i + (a.sep as string).length)]);
  });
  method(t, 'removeprefix', 'self, prefix', (a) => (selfStr(a).startsWith(a.prefix as string) ? selfStr(a).slice((a.prefix as string).length) : selfStr(a)));
  method(t, 'removesuffix', 'self, suffix', (a) =>
    (a.suffix as string) && selfStr(a).endsWith(a.suffix as string) ? selfStr(a).slice(0, -(a.suffix as string).length) : selfStr(a),
  );
  method(t, 'expandtabs', 'self, tabsize=8', (a) => {
    const size = toIndex(a.tabsize);
    let col = 0;
    let out = '';
    for (const ch of selfStr(a)) {
      if (ch === '\t') {
        const n = size > 0 ? size - (col % size) : 0;
        out += ' '.repeat(n);
        col += n;
      } else {
        out += ch;
        col = ch === '\n' || ch === '\r' ? 0 : col + 1;
      }
    }
    return out;
  });
  method(t, 'encode', "self, encoding='utf-8', errors='strict'", (a) => selfStr(a));
  t.dict.set(
    'format',
    new NativeFunction('format', (args, kwargs) => strFormat(args[0] as string, args.slice(1), kwargs)),
  );
  method(t, 'format_map', 'self, mapping', (a) => {
    const m = a.mapping as PyDict;
    const kw = new Map<string, PyValue>();
    for (const [k, v] of m.entries()) kw.set(String(k), v);
    return strFormat(selfStr(a), [], kw);
  });
  method(t, '__len__', 'self', (a) => [...selfStr(a)].length);
  method(t, '__contains__', 'self, item', (a) => contains(a.self, a.item));
  method(t, '__getitem__', 'self, key', (a) => getItemFn(a.self, a.key));
  method(t, '__add__', 'self, other', (a) => (typeof a.other === 'string' ? selfStr(a) + a.other : NotImplemented));
  method(t, '__mul__', 'self, n', (a) => binaryOp('*', a.self, a.n));
  method(t, '__mod__', 'self, args', (a) => binaryOp('%', a.self, a.args));
  method(t, '__str__', 'self', (a) => a.self);
  method(t, '__format__', 'self, spec', (a) => format(a.self, a.spec as string));
}

let getItemFn: (v: PyValue, k: PyValue) => MaybePromise<PyValue> = () => None;

function splitStr(s: string, sep: PyValue, maxsplit: number): PyValue[] {
  if (sep === None) {
    const out: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest.length > 0) {
      if (maxsplit >= 0 && out.length >= maxsplit) {
        out.push(rest.replace(/\s+$/, '') === rest ? rest : rest);
        return out.map((x, i) => (i === out.length - 1 && maxsplit >= 0 && out.length > maxsplit ? x : x));
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  }
  if (typeof sep !== 'string') throw pyError('TypeError', `must be str or None, not ${typeName(sep)}`);
  if (sep === '') throw pyError('ValueError', 'empty separator');
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

/** str.format: {} {0} {name} {0.attr} {0[key]} {!r} {:spec}. */
export function strFormat(fmt: string, args: PyValue[], kwargs: Kwargs | null): MaybePromise<string> {
  let auto = 0;
  const parts: (string | (() => MaybePromise<string>))[] = [];
  let i = 0;
  let lit = '';
  while (i < fmt.length) {
    const c = fmt[i];
    if (c === '{' && fmt[i + 1] === '{') {
      lit += '{';
      i += 2;
      continue;
    }
    if (c === '}' && fmt[i + 1] === '}') {
      lit += '}';
      i += 2;
      continue;
    }
    if (c === '}') throw pyError('ValueError', "Single '}' encountered in format string");
    if (c !== '{') {
      lit += c;
      i++;
      continue;
    }
    // Find the matching close brace (one nesting level for specs).
    let depth = 1;
    let j = i + 1;
    while (j < fmt.length && depth > 0) {
      if (fmt[j] === '{') depth++;
      else if (fmt[j] === '}') depth--;
      if (depth > 0) j++;
    }
    if (depth > 0) throw pyError('ValueError', "expected '}' before end of string");
    const field = fmt.slice(i + 1, j);
    parts.push(lit);
    lit = '';
    const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(field)!;
    const [, name, conv, specRaw] = m;
    const refMatch = /^([^.[]*)(.*)$/.exec(name)!;
    let first: PyValue;
    if (refMatch[1] === '') {
      if (auto < 0) throw pyError('ValueError', 'cannot switch from manual field specification to automatic field numbering');
      if (auto >= args.length) throw pyError('IndexError', `Replacement index ${auto} out of range for positional args tuple`);
      first = args[auto++];
    } else if (/^\d+$/.test(refMatch[1])) {
      const k = Number(refMatch[1]);
      if (k >= args.length) throw pyError('IndexError', `Replacement index ${k} out of range for positional args tuple`);
      first = args[k];
    } else {
      const v = kwargs?.get(refMatch[1]);
      if (v === undefined) throw new PyException(newException(builtinExceptions.KeyError, [refMatch[1]]));
      first = v;
    }
    const accessors = [...refMatch[2].matchAll(/\.(\w+)|\[([^\]]*)\]/g)];
    const spec = specRaw ?? '';
    parts.push(() => {
      let v: MaybePromise<PyValue> = first;
      for (const acc of accessors) {
        if (acc[1] !== undefined) {
          const name2 = acc[1];
          v = then(v, (x) => getAttr(x, name2));
        } else {
          const key = /^\d+$/.test(acc[2]) ? Number(acc[2]) : acc[2];
          v = then(v, (x) => getItemFn(x, key));
        }
      }
      const specText = spec.includes('{') ? strFormat(spec, args, kwargs) : spec;
      return then(v, (x) =>
        then(specText, (sp) => {
          if (conv === 'r' || conv === 'a') return then(repr(x), (s) => format(s, sp));
          if (conv === 's') return then(str(x), (s) => format(s, sp));
          return format(x, sp);
        }),
      );
    });
    i = j + 1;
  }
  parts.push(lit);
  return then(
    mapMP(parts, (p) => (typeof p === 'string' ? p : p())),
    (xs) => xs.join(''),
  );
}

// ---------------------------------------------------------------------------------------------
// list, tuple, dict, set methods

function listMethods(): void {
  const t = listType;
  const items = (a: BoundArgs) => (a.self as PyList).items;
  t.dict.set(
    'append',
    fast('append', 2, 2, (args) => {
      const xs = (args[0] as PyList).items;
      if (xs.length >= MAX_SEQUENCE) throw pyError('MemoryError', '');
      xs.push(args[1]);
      return None;
    }, undefined, '(self, object, /)'),
  );
  method(t, 'extend', 'self, iterable', (a) =>
    then(toArrayMP(a.iterable), (xs) => {
      const target = items(a);
      if (target.length + xs.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
      for (const x of xs) target.push(x);
    }),
  );
  method(t, 'insert', 'self, index, object', (a) => {
    const xs = items(a);
    xs.splice(normIndex(toIndex(a.index), xs.length), 0, a.object);
  });
  method(t, 'pop', 'self, index=-1', (a) => {
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
        return then(compare('==', xs[i], x), (r) => then(truthy(r), (tr) => (tr ? idx : indexOf(xs, x, idx + 1))));
      }
    }
    return -1;
  };
  method(t, 'remove', 'self, value', (a) =>
    then(indexOf(items(a), a.value), (i) => {
      if (i < 0) throw pyError('ValueError', 'list.remove(x): x not in list');
      items(a).splice(i, 1);
    }),
  );
  method(t, 'index', 'self, value, start=0', (a) =>
    then(indexOf(items(a), a.value, toIndex(a.start)), (i) => {
      if (i < 0) throw pyError('ValueError', `${reprSync(a.value)} is not in list`);
      return i;
    }),
  );
  method(t, 'count', 'self, value', (a) => items(a).filter((x) => eqSync(x, a.value) === true).length);
  method(t, 'clear', 'self', (a) => {
    (a.self as PyList).items = [];
  });
  method(t, 'copy', 'self', (a) => new PyList(items(a).slice()));
  method(t, 'reverse', 'self', (a) => void items(a).reverse());
  t.dict.set(
    'sort',
    new NativeFunction('sort', (args, kwargs) => {
      const self = args[0] as PyList;
      if (args.length > 1) throw pyError('TypeError', 'sort() takes no positional arguments');
      const key = kwargs?.get('key') ?? None;
      const reverse = kwargs?.get('reverse') ?? false;
      return then(truthy(reverse), (rev) =>
        then(sortSync(self.items, key, rev), (sorted) => {
          self.items = sorted;
          return None;
        }),
      );
    }),
  );
  method(t, '__len__', 'self', (a) => items(a).length);
  method(t, '__getitem__', 'self, key', (a) => getItemFn(a.self, a.key));

  method(tupleType, 'index', 'self, value', (a) => {
    const i = (a.self as PyTuple).items.findIndex((x) => eqSync(x, a.value) === true);
    if (i < 0) throw pyError('ValueError', 'tuple.index(x): x not in tuple');
    return i;
  });
  method(tupleType, 'count', 'self, value', (a) => (a.self as PyTuple).items.filter((x) => eqSync(x, a.value) === true).length);
  method(tupleType, '__len__', 'self', (a) => (a.self as PyTuple).items.length);
  method(tupleType, '__getitem__', 'self, key', (a) => getItemFn(a.self, a.key));
}

function dictMethods(): void {
  const t = dictType;
  const d = (a: BoundArgs) => a.self as PyDict;
  method(t, 'keys', 'self', (a) => new DictView(dictKeysType, d(a), 'keys'));
  method(t, 'values', 'self', (a) => new DictView(dictValuesType, d(a), 'values'));
  method(t, 'items', 'self', (a) => new DictView(dictItemsType, d(a), 'items'));
  t.dict.set('get', fast('get', 2, 3, (args) => (args[0] as PyDict).get(args[1]) ?? args[2] ?? None, undefined, '(self, key, default=None, /)'));
  method(t, 'setdefault', 'self, key, default=None', (a) => {
    const v = d(a).get(a.key);
    if (v !== undefined) return v;
    d(a).set(a.key, a.default);
    return a.default;
  });
  t.dict.set(
    'pop',
    new NativeFunction('pop', (args) => {
      const self = args[0] as PyDict;
      if (args.length < 2) throw pyError('TypeError', 'pop expected at least 1 argument, got 0');
      const v = self.get(args[1]);
      if (v === undefined) {
        if (args.length > 2) return args[2];
        throw new PyException(newException(builtinExceptions.KeyError, [args[1]]));
      }
      self.delete(args[1]);
      return v;
    }),
  );
  method(t, 'popitem', 'self', (a) => {
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
              if (pair.length !== 2) throw pyError('ValueError', 'dictionary update sequence element has wrong length');
              self.set(pair[0], pair[1]);
            }),
          ),
          done,
        ),
      );
    }),
  );
  method(t, 'copy', 'self', (a) => new PyDict(d(a).entries()));
  method(t, 'clear', 'self', (a) => void d(a).map.clear());
  t.dict.set(
    'fromkeys',
    new PyStaticMethod(
      staticMethodType,
      defineFunction('fromkeys', 'iterable, value=None', (a) => then(toArrayMP(a.iterable), (ks) => new PyDict(ks.map((k) => [k, a.value] as [PyValue, PyValue])))),
      'static',
    ),
  );
  method(t, '__len__', 'self', (a) => d(a).size);
  method(t, '__getitem__', 'self, key', (a) => getItemFn(a.self, a.key));
  method(t, '__contains__', 'self, key', (a) => d(a).has(a.key));
  for (const vt of [dictKeysType, dictValuesType, dictItemsType]) {
    method(vt, '__len__', 'self', (a) => (a.self as DictView).dict.size);
    vt.dict.set('__iter__', defineFunction('__iter__', 'self', (a) => getIter(a.self)));
  }
}

function setMethods(): void {
  for (const t of [setType, frozensetType]) {
    const s = (a: BoundArgs) => a.self as PySet;
    const mk = (a: BoundArgs, items: PyValue[]) => new PySet(items, s(a).cls === frozensetType);
    method(t, 'union', 'self, *others', async (a) => {
      const out = mk(a, s(a).values());
      for (const o of (a.others as PyTuple).items) for (const x of await toArrayMP(o)) out.add(x);
      return out;
    });
    method(t, 'intersection', 'self, *others', async (a) => {
      let cur = s(a).values();
      for (const o of (a.others as PyTuple).items) {
        const other = new PySet(await toArrayMP(o));
        cur = cur.filter((x) => other.has(x));
      }
      return mk(a, cur);
    });
    method(t, 'difference', 'self, *others', async (a) => {
      let cur = s(a).values();
      for (const o of (a.others as PyTuple).items) {
        const other = new PySet(await toArrayMP(o));
        cur = cur.filter((x) => !other.has(x));
      }
      return mk(a, cur);
    });
    method(t, 'symmetric_difference', 'self, other', async (a) => {
      const other = new PySet(await toArrayMP(a.other));
      return mk(a, [...s(a).values().filter((x) => !other.has(x)), ...other.values().filter((x) => !s(a).has(x))]);
    });
    method(t, 'issubset', 'self, other', async (a) => {
      const other = new PySet(await toArrayMP(a.other));
      return s(a).values().every((x) => other.has(x));
    });
    method(t, 'issuperset', 'self, other', async (a) => (await toArrayMP(a.other)).every((x) => s(a).has(x)));
    method(t, 'isdisjoint', 'self, other', async (a) => (await toArrayMP(a.other)).every((x) => !s(a).has(x)));
    method(t, 'copy', 'self', (a) => mk(a, s(a).values()));
    method(t, '__len__', 'self', (a) => s(a).size);
    method(t, '__contains__', 'self, item', (a) => s(a).has(a.item));
  }
  const s = (a: BoundArgs) => a.self as PySet;
  method(setType, 'add', 'self, elem', (a) => void s(a).add(a.elem));
  method(setType, 'remove', 'self, elem', (a) => {
    if (!s(a).delete(a.elem)) throw new PyException(newException(builtinExceptions.KeyError, [a.elem]));
  });
  method(setType, 'discard', 'self, elem', (a) => void s(a).delete(a.elem));
  method(setType, 'pop', 'self', (a) => {
    const v = s(a).values()[0];
    if (v === undefined) throw pyError('KeyError', 'pop from an empty set');
    s(a).delete(v);
    return v;
  });
  method(setType, 'clear', 'self', (a) => void s(a).map.clear());
  method(setType, 'update', 'self, *others', async (a) => {
    for (const o of (a.others as PyTuple).items) for (const x of await toArrayMP(o)) s(a).add(x);
  });
  method(setType, 'intersection_update', 'self, other', async (a) => {
    const other = new PySet(await toArrayMP(a.other));
    for (const x of s(a).values()) if (!other.has(x)) s(a).delete(x);
  });
  method(setType, 'difference_update', 'self, other', async (a) => {
    for (const x of await toArrayMP(a.other)) s(a).delete(x);
  });
}

function numberMethods(): void {
  method(intType, 'bit_length', 'self', (a) => (a.self === 0 ? 0 : (BigInt(a.self as number) < 0n ? -BigInt(a.self as number) : BigInt(a.self as number)).toString(2).length));
  method(intType, 'conjugate', 'self', (a) => a.self);
  method(intType, 'is_integer', 'self', () => true);
  method(intType, '__index__', 'self', (a) => (typeof a.self === 'boolean' ? (a.self ? 1 : 0) : a.self));
  method(intType, '__int__', 'self', (a) => (typeof a.self === 'boolean' ? (a.self ? 1 : 0) : a.self));
  method(intType, '__float__', 'self', (a) => pyFloat(Number(a.self)));
  method(intType, '__format__', 'self, spec', (a) => format(a.self, a.spec as string));
  intType.define({}, {
    real: { get: (self: PyValue) => self },
    imag: { get: () => 0 },
    numerator: { get: (self: PyValue) => self },
    denominator: { get: () => 1 },
  } as never);
  const fv = (a: BoundArgs) => (a.self as PyFloat).v;
  method(floatType, 'is_integer', 'self', (a) => Number.isInteger(fv(a)));
  method(floatType, 'conjugate', 'self', (a) => a.self);
  method(floatType, 'hex', 'self', (a) => fv(a).toString(16));
  method(floatType, 'as_integer_ratio', 'self', (a) => {
    const x = fv(a);
    if (!Number.isFinite(x)) throw pyError(Number.isNaN(x) ? 'ValueError' : 'OverflowError', 'cannot convert to integer ratio');
    let den = 1n;
    let y = x;
    while (!Number.isInteger(y)) {
      y *= 2;
      den *= 2n;
    }
    return new PyTuple([pyInt(BigInt(y)), pyInt(den)]);
  });
  method(floatType, '__int__', 'self', (a) => toInt(a.self));
  method(floatType, '__float__', 'self', (a) => a.self);
  method(floatType, '__format__', 'self, spec', (a) => format(a.self, a.spec as string));
  method(floatType, '__round__', 'self, ndigits=None', (a) => roundValue(a.self, a.ndigits));
  floatType.define({}, {
    real: { get: (self: PyValue) => self },
    imag: { get: () => pyFloat(0) },
  } as never);
}

function roundValue(x: PyValue, nd: PyValue): MaybePromise<PyValue> {
  if (nd === None) {
    if (x instanceof PyFloat) {
      if (!Number.isFinite(x.v)) throw pyError(Number.isNaN(x.v) ? 'ValueError' : 'OverflowError', Number.isNaN(x.v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      return pyInt(roundHalfEven(x.v) || 0); // an int has no -0
    }
    if (isIntLike(x)) return typeof x === 'boolean' ? (x ? 1 : 0) : x;
  } else {
    const n = toIndex(nd);
    if (x instanceof PyFloat) return pyFloat(roundFloat(x.v, n));
    if (isIntLike(x)) {
      const v = typeof x === 'boolean' ? (x ? 1 : 0) : x;
      if (n >= 0) return v;
      const p = 10n ** BigInt(-n);
      const b = BigInt(v);
      let q = b / p;
      let r = b % p;
      if (r < 0n) {
        q -= 1n;
        r += p;
      }
      if (r * 2n > p || (r * 2n === p && q % 2n !== 0n)) q += 1n;
      return pyInt(q * p);
    }
  }
  const r = callDunder(x, '__round__', nd === None ? [] : [nd]);
  if (r !== undefined) return r;
  throw pyError('TypeError', `type ${typeName(x)} doesn't define __round__ method`);
}

// ---------------------------------------------------------------------------------------------
// Builtin functions

export interface BuiltinContext {
  stdout(text: string): void;
}

function minMax(name: 'min' | 'max') {
  const op = name === 'max' ? '>' : '<';
  return new NativeFunction(name, (args, kwargs) => {
    const key = kwargs?.get('key') ?? None;
    const dflt = kwargs?.get('default');
    for (const k of kwargs?.keys() ?? []) if (k !== 'key' && k !== 'default') throw pyError('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
    if (args.length === 0) throw pyError('TypeError', `${name} expected at least 1 argument, got 0`);
    return then(args.length === 1 ? toArrayMP(args[0]) : args, (items) => {
      if (items.length === 0) {
        if (dflt !== undefined) return dflt;
        throw pyError('ValueError', `${name}() arg is an empty sequence`);
      }
      return then(key === None ? items : mapMP(items, (x) => call(key, [x], null)), (keys) => {
        let best = 0;
        // Sync comparisons for numbers and strings; Python's operator (maybe async) otherwise.
        const from = (i: number): MaybePromise<PyValue> => {
          for (; i < items.length; i++) {
            const lt = name === 'max' ? ltSync(keys[best], keys[i]) : ltSync(keys[i], keys[best]);
            if (lt === undefined) {
              const idx = i;
              return then(compare(op, keys[i], keys[best]), (r) =>
                then(truthy(r), (better) => {
                  if (better) best = idx;
                  return from(idx + 1);
                }),
              );
            }
            if (lt) best = i;
          }
          return items[best];
        };
        return from(1);
      });
    });
  });
}

function dirOf(v: PyValue): string[] {
  const names = new Set<string>();
  if (v instanceof PyModule) for (const k of v.dict.keys()) names.add(k);
  else {
    if (v instanceof PyInstance) for (const k of v.dict.keys()) names.add(k);
    const t = v instanceof PyType ? v : typeOf(v);
    for (const c of t.mro) for (const k of c.dict.keys()) names.add(k);
    if (!(v instanceof PyType)) names.add('__class__');
  }
  return [...names].sort();
}

function helpText(v: PyValue): string {
  const doc = (x: PyValue): string | undefined => {
    if (x instanceof NativeFunction) return x.doc;
    if (x instanceof PyType) return x.doc;
    if (x instanceof PyModule) return x.doc;
    if (x instanceof PyCallable) return (x as unknown as { doc?: string }).doc;
    return undefined;
  };
  const indent = (s: string) =>
    s
      .split('\n')
      .map((l) => (l ? '    ' + l : l))
      .join('\n');
  if (v instanceof BoundMethod) {
    const f = v.func;
    if (f instanceof NativeFunction) {
      const sig = f.signature.replace(/^\(self,?\s*/, '(');
      return `Help on method ${f.name} of ${typeName(v.self)} object:\n\n${f.name}${sig}\n${f.doc ? indent(f.doc) + '\n' : ''}`;
    }
    return helpText(f);
  }
  if (v instanceof NativeFunction) {
    return `Help on built-in function ${v.name}:\n\n${v.name}${v.signature}\n${v.doc ? indent(v.doc) + '\n' : ''}`;
  }
  if (v instanceof PyModule) {
    const members = [...v.dict.keys()].filter((k) => !k.startsWith('_')).sort();
    return `Help on module ${v.name}:\n\nNAME\n    ${v.name}\n${v.doc ? '\nDESCRIPTION\n' + indent(v.doc) + '\n' : ''}\nCONTENTS\n${indent(members.join('\n'))}\n`;
  }
  if (v instanceof PyType) {
    const methods = [...v.dict.keys()].filter((k) => !k.startsWith('_')).sort();
    return `Help on class ${v.name}${v.module && v.module !== 'builtins' ? ' in module ' + v.module : ''}:\n\nclass ${v.name}\n${v.doc ? indent(v.doc) + '\n' : ''}${methods.length ? '\n' + indent('Methods defined here:\n\n' + methods.join('\n')) + '\n' : ''}`;
  }
  if (v instanceof PyCallable) {
    const d = doc(v);
    const sig = (v as PyCallable & { signatureText?: () => string }).signatureText?.() ?? '(...)';
    return `Help on function ${v.name}:\n\n${v.name}${sig}\n${d ? indent(d) + '\n' : ''}`;
  }
  return helpText(typeOf(v));
}

/** The builtins namespace of one session. */
export function makeBuiltins(ctx: BuiltinContext): Map<string, PyValue> {
  const b = new Map<string, PyValue>();
  const fn = (name: string, spec: string, impl: (a: BoundArgs) => MaybePromise<PyValue | undefined | void>, doc?: string) => b.set(name, defineFunction(name, spec, impl, doc));

  b.set(
    'print',
    new NativeFunction(
      'print',
      (args, kwargs) => {
        let sep: PyValue = ' ';
        let end: PyValue = '\n';
        if (kwargs) {
          for (const [k, v] of kwargs) {
            if (k === 'sep') sep = v === None ? ' ' : v;
            else if (k === 'end') end = v === None ? '\n' : v;
            else if (k === 'file' || k === 'flush') continue;
            else throw pyError('TypeError', `'${k}' is an invalid keyword argument for print()`);
          }
        }
        if (typeof sep !== 'string') throw pyError('TypeError', `sep must be None or a string, not ${typeName(sep)}`);
        if (typeof end !== 'string') throw pyError('TypeError', `end must be None or a string, not ${typeName(end)}`);
        const s = sep;
        const e = end;
        const parts = mapMP(args, str);
        if (isPromise(parts)) return parts.then((p) => void ctx.stdout(p.join(s) + e));
        ctx.stdout(parts.join(s) + e);
        return None;
      },
      'print(value, ..., sep=\' \', end=\'\\n\')\n\nPrints the values, separated by sep and followed by end.',
    ),
  );
  b.set(
    'len',
    fast('len', 1, 1, (args) => len(args[0]), 'Return the number of items in a container.', '(obj, /)'),
  );
  fn('repr', 'obj, /', (a) => repr(a.obj), 'Return the canonical string representation of the object.');
  b.set(
    'display',
    new NativeFunction(
      'display',
      (args) =>
        then(
          mapMP(args, repr),
          (texts) => {
            for (const t of texts) ctx.stdout(t + '\n');
            return None;
          },
        ),
      "display(*objs)\n\nShows each object's repr on its own line, as a notebook displays it.",
    ),
  );
  fn('abs', 'x, /', (a) => {
    const x = a.x;
    if (typeof x === 'number') return Math.abs(x);
    if (typeof x === 'bigint') return x < 0n ? pyInt(-x) : x;
    if (typeof x === 'boolean') return x ? 1 : 0;
    if (x instanceof PyFloat) return pyFloat(Math.abs(x.v));
    const r = callDunder(x, '__abs__');
    if (r === undefined) throw pyError('TypeError', `bad operand type for abs(): '${typeName(x)}'`);
    return r;
  });
  fn('round', 'number, ndigits=None', (a) => roundValue(a.number, a.ndigits));
  fn('divmod', 'a, b, /', (a) => then(binaryOp('//', a.a, a.b), (q) => then(binaryOp('%', a.a, a.b), (r) => new PyTuple([q, r]))));
  fn('pow', 'base, exp, mod=None', (a) => {
    if (a.mod === None) return binaryOp('**', a.base, a.exp);
    const m = BigInt(toIndex(a.mod));
    let base = BigInt(toIndex(a.base)) % m;
    let e = BigInt(toIndex(a.exp));
    if (e < 0n) throw pyError('ValueError', 'pow() negative exponent with modulus is not supported');
    let r = 1n;
    while (e > 0n) {
      if (e & 1n) r = (r * base) % m;
      base = (base * base) % m;
      e >>= 1n;
    }
    return pyInt(r < 0n ? r + m : r);
  });
  b.set(
    'sum',
    new NativeFunction('sum', (args, kwargs) => {
      if (args.length < 1) throw pyError('TypeError', 'sum() takes at least 1 positional argument (0 given)');
      let acc: PyValue = args[1] ?? kwargs?.get('start') ?? 0;
      if (typeof acc === 'string') throw pyError('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
      // Fast path: floats summed exactly like CPython (left to right, in doubles).
      return then(
        iterate(args[0], (x) => {
          if (typeof acc === 'number' && typeof x === 'number') {
            const r = acc + x;
            if (Number.isSafeInteger(r)) {
              acc = r;
              return;
            }
          }
          return then(binaryOp('+', acc, x), (r) => {
            acc = r;
          });
        }),
        () => acc,
      );
    }),
  );
  b.set('min', minMax('min'));
  b.set('max', minMax('max'));
  fn('any', 'iterable, /', (a) => {
    let found = false;
    return then(
      iterate(a.iterable, (x) =>
        then(truthy(x), (t) => {
          if (t) found = true;
          return t;
        }),
      ),
      () => found,
    );
  });
  fn('all', 'iterable, /', (a) => {
    let ok = true;
    return then(
      iterate(a.iterable, (x) =>
        then(truthy(x), (t) => {
          if (!t) ok = false;
          return !t;
        }),
      ),
      () => ok,
    );
  });
  b.set(
    'sorted',
    new NativeFunction('sorted', (args, kwargs) => {
      if (args.length !== 1) throw pyError('TypeError', `sorted expected 1 argument, got ${args.length}`);
      const key = kwargs?.get('key') ?? None;
      const reverse = kwargs?.get('reverse') ?? false;
      return then(toArrayMP(args[0]), (items) => then(truthy(reverse), (rev) => then(sortSync(items, key, rev), (s) => new PyList(s))));
    }),
  );
  fn('reversed', 'seq, /', (a) => {
    const s = a.seq;
    if (s instanceof PyDict || s instanceof PySet || s instanceof PyIterator) throw pyError('TypeError', `'${typeName(s)}' object is not reversible`);
    const custom = callDunder(s, '__reversed__');
    if (custom !== undefined) return custom;
    return then(toArrayMP(s), (xs) => {
      let i = xs.length;
      return lazyIterator(reversedType, () => (i > 0 ? xs[--i] : STOP));
    });
  });
  fn('enumerate', 'iterable, start=0', (a) =>
    then(getIter(a.iterable), (it) => {
      let i = toIndex(a.start);
      return lazyIterator(enumerateType, () => then(it.next(), (x) => (x === STOP ? STOP : new PyTuple([i++, x]))));
    }),
  );
  b.set(
    'zip',
    new NativeFunction('zip', (args, kwargs) => {
      const strict = kwargs?.get('strict') === true;
      return then(
        mapMP(args, (x) => getIter(x)),
        (its) =>
          lazyIterator(zipType, () => {
            if (its.length === 0) return STOP;
            return then(
              mapMP(its, (it) => it.next()),
              (xs) => {
                if (xs.some((x) => x === STOP)) {
                  if (strict && !xs.every((x) => x === STOP)) throw pyError('ValueError', 'zip() arguments have different lengths');
                  return STOP;
                }
                return new PyTuple(xs as PyValue[]);
              },
            );
          }),
      );
    }),
  );
  b.set(
    'map',
    new NativeFunction('map', (args) => {
      if (args.length < 2) throw pyError('TypeError', 'map() must have at least two arguments.');
      const f = args[0];
      return then(
        mapMP(args.slice(1), (x) => getIter(x)),
        (its) =>
          lazyIterator(mapType, () =>
            then(
              mapMP(its, (it) => it.next()),
              (xs) => (xs.some((x) => x === STOP) ? STOP : call(f, xs as PyValue[], null)),
            ),
          ),
      );
    }),
  );
  fn('filter', 'function, iterable, /', (a) =>
    then(getIter(a.iterable), (it) => {
      const next = (): MaybePromise<IterResult> =>
        then(it.next(), (x) => {
          if (x === STOP) return STOP;
          return then(a.function === None ? x : call(a.function, [x], null), (r) => then(truthy(r), (t) => (t ? x : next())));
        });
      return lazyIterator(filterType, next);
    }),
  );
  fn('iter', 'obj, /', (a) => getIter(a.obj));
  b.set(
    'next',
    new NativeFunction('next', (args) => {
      if (args.length === 0 || args.length > 2)
        throw pyError('TypeError', `next expected ${args.length ? 'at most 2 arguments' : 'at least 1 argument'}, got ${args.length}`);
      const it = args[0];
      if (!(it instanceof PyIterator)) {
        // next(it, default): a StopIteration from __next__ gives the default.
        const orDefault = (e: unknown): PyValue => {
          if (args.length > 1 && e instanceof PyException && e.exc.cls.isSubtypeOf(builtinExceptions.StopIteration)) return args[1];
          throw e;
        };
        let nx: MaybePromise<PyValue> | undefined;
        try {
          nx = callDunder(it, '__next__');
        } catch (e) {
          return orDefault(e);
        }
        if (nx === undefined) throw pyError('TypeError', `'${typeName(it)}' object is not an iterator`);
        return nx instanceof Promise ? nx.catch(orDefault) : nx;
      }
      return then(it.next(), (x) => {
        if (x !== STOP) return x;
        if (args.length > 1) return args[1];
        throw new PyException(newException(builtinExceptions.StopIteration, []));
      });
    }),
  );
  b.set(
    'isinstance',
    fast('isinstance', 2, 2, (args) => isinstanceOf(args[0], args[1]), 'Return whether an object is an instance of a class or of a subclass thereof.', '(obj, classinfo, /)'),
  );
  fn('issubclass', 'cls, classinfo, /', (a) => {
    if (!(a.cls instanceof PyType)) throw pyError('TypeError', 'issubclass() arg 1 must be a class');
    const c = a.cls;
    const check = (x: PyValue): boolean => {
      if (x instanceof PyTuple) return x.items.some(check);
      if (!(x instanceof PyType)) throw pyError('TypeError', 'issubclass() arg 2 must be a class, a tuple of classes, or a union');
      return c.isSubtypeOf(x);
    };
    return check(a.classinfo);
  });
  const attrName = (v: PyValue): string => {
    if (typeof v !== 'string') throw pyError('TypeError', `attribute name must be string, not '${typeName(v)}'`);
    return v;
  };
  b.set(
    'getattr',
    new NativeFunction('getattr', (args) => {
      if (args.length < 2) throw pyError('TypeError', `getattr expected at least 2 arguments, got ${args.length}`);
      const name = attrName(args[1]);
      if (args.length > 2) {
        try {
          const r = lookupAttr(args[0], name);
          if (r === undefined) return args[2];
          if (r instanceof Promise) return r.catch(() => args[2]);
          return r;
        } catch (e) {
          if (e instanceof PyException && e.exc.cls.isSubtypeOf(builtinExceptions.AttributeError)) return args[2];
          throw e;
        }
      }
      return getAttr(args[0], name);
    }),
  );
  fn('setattr', 'obj, name, value, /', (a) => setAttr(a.obj, attrName(a.name), a.value));
  fn('delattr', 'obj, name, /', (a) => delAttr(a.obj, attrName(a.name)));
  fn('hasattr', 'obj, name, /', (a) => {
    try {
      const r = lookupAttr(a.obj, attrName(a.name));
      if (r instanceof Promise) return r.then(() => true, () => false);
      return r !== undefined;
    } catch (e) {
      if (e instanceof PyException && e.exc.cls.isSubtypeOf(builtinExceptions.AttributeError)) return false;
      throw e;
    }
  });
  fn('callable', 'obj, /', (a) => isCallable(a.obj));
  fn('id', 'obj, /', (a) => {
    const v = a.obj;
    if (v instanceof PyObject) return objectId(v) * 16 + 0x7f0000000000;
    return typeof v === 'number' ? v * 32 + 0x900000 : 0x8f0000 + String(v).length;
  });
  const hashOf = (v: PyValue): MaybePromise<PyValue> => {
    if (v instanceof PyTuple) {
      return then(
        mapMP(v.items, hashOf),
        (hs) => {
          let h = 0x345678;
          for (const x of hs) h = (Math.imul(h ^ Number(x), 1000003) + 97531) | 0;
          return h === -1 ? -2 : h;
        },
      );
    }
    if (v instanceof PyInstance && !v.cls.isException) {
      const custom = v.cls.lookup('__hash__');
      if (custom === None) throw pyError('TypeError', `unhashable type: '${typeName(v)}'`);
      if (custom !== undefined) return call(custom, [v], null);
    }
    return hashPrimitive(v);
  };
  const hashPrimitive = (v: PyValue): PyValue => {
    if (typeof v === 'number') return v === -1 ? -2 : v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v instanceof PyFloat) {
      // CPython's values for the non-finite floats (nan hashes by identity there; 0 is what 3.9 gave).
      if (!Number.isFinite(v.v)) return Number.isNaN(v.v) ? 0 : v.v > 0 ? 314159 : -314159;
      return Number.isInteger(v.v) ? v.v : Math.floor(v.v * 2 ** 20);
    }
    if (typeof v === 'string') {
      let h = 0;
      for (let i = 0; i < v.length; i++) h = (Math.imul(h, 31) + v.charCodeAt(i)) | 0;
      return h;
    }
    if (v instanceof PyList || v instanceof PyDict || (v instanceof PySet && v.cls === setType)) throw pyError('TypeError', `unhashable type: '${typeName(v)}'`);
    if (v instanceof PyObject) return objectId(v);
    return 0;
  };
  fn('hash', 'obj, /', (a) => hashOf(a.obj));
  fn('chr', 'i, /', (a) => {
    const i = toIndex(a.i);
    if (i < 0 || i > 0x10ffff) throw pyError('ValueError', 'chr() arg not in range(0x110000)');
    return String.fromCodePoint(i);
  });
  fn('ord', 'c, /', (a) => {
    const s = a.c;
    if (typeof s !== 'string') throw pyError('TypeError', `ord() expected string of length 1, but ${typeName(s)} found`);
    const chars = [...s];
    if (chars.length !== 1) throw pyError('TypeError', `ord() expected a character, but string of length ${chars.length} found`);
    return chars[0].codePointAt(0)!;
  });
  const radix = (name: string, base: number, prefix: string) =>
    fn(name, 'x, /', (a) => {
      const v = BigInt(toIndex(a.x));
      return (v < 0n ? '-' : '') + prefix + (v < 0n ? -v : v).toString(base);
    });
  radix('hex', 16, '0x');
  radix('oct', 8, '0o');
  radix('bin', 2, '0b');
  fn('format', "value, format_spec='', /", (a) => format(a.value, a.format_spec as string));
  fn('ascii', 'obj, /', (a) => repr(a.obj));
  fn('dir', 'obj=None', (a) => new PyList(dirOf(a.obj).map((x) => x)));
  fn('help', 'obj=None', (a) => {
    if (a.obj === None) {
      ctx.stdout('Type help(object) for help about object, e.g. help(torch.tensor).\n');
      return None;
    }
    ctx.stdout(helpText(a.obj));
    return None;
  });
  fn('vars', 'obj', (a) => {
    if (a.obj instanceof PyInstance) return new PyDict([...a.obj.dict].map(([k, v]) => [k, v] as [PyValue, PyValue]));
    if (a.obj instanceof PyModule) return new PyDict([...a.obj.dict].map(([k, v]) => [k, v] as [PyValue, PyValue]));
    throw pyError('TypeError', 'vars() argument must have __dict__ attribute');
  });
  fn('input', 'prompt=""', () => {
    throw pyError('RuntimeError', 'input() is not available here');
  });
  fn('exec', 'source, /', () => {
    throw pyError('RuntimeError', 'exec() is not available here');
  });
  fn('eval', 'source, /', () => {
    throw pyError('RuntimeError', 'eval() is not available here');
  });
  fn('open', 'file, mode="r"', () => {
    throw pyError('OSError', 'open() is not available: there is no file system here');
  });

  b.set('int', intType);
  b.set('float', floatType);
  b.set('str', strType);
  b.set('bool', boolType);
  b.set('list', listType);
  b.set('tuple', tupleType);
  b.set('dict', dictType);
  b.set('set', setType);
  b.set('frozenset', frozensetType);
  b.set('range', rangeType);
  b.set('slice', sliceType);
  b.set('type', typeType);
  b.set('object', objectType);
  b.set('super', superType);
  b.set('staticmethod', staticMethodType);
  b.set('classmethod', classMethodType);
  b.set('property', new PyProperty(() => None).cls);
  b.set('None', None);
  b.set('True', true);
  b.set('False', false);
  b.set('Ellipsis', Ellipsis);
  b.set('NotImplemented', NotImplemented);
  for (const [name, t] of Object.entries(builtinExceptions)) b.set(name, t);
  b.set('__name__', '__main__');
  return b;
}

// Exceptions expose .args; their str/repr come from runtime.
function exceptionSetup(): void {
  const base = builtinExceptions.BaseException;
  base.define({}, {
    args: { get: (self: PyValue) => new PyTuple(exceptionArgs(self as PyInstance)) },
  } as never);
  void unaryOp;
  void moduleType;
  void iteratorType;
  void PyNative;
  void floatRepr;
}

let installed = false;
/** Installs builtin type methods and constructors (once per process). */
export function installBuiltinTypes(getItem: (v: PyValue, k: PyValue) => MaybePromise<PyValue>): void {
  if (installed) return;
  installed = true;
  getItemFn = getItem;
  hooks.instantiate = instantiate;
  setupTypes();
  strMethods();
  listMethods();
  dictMethods();
  setMethods();
  numberMethods();
  exceptionSetup();
}
