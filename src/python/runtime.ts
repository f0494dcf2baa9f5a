// The operations every Python value supports: attribute access, calls, operators, comparison,
// iteration, indexing, repr/str, truthiness. Each may end in Python code (a user __add__), so each
// returns a value or a Promise (MaybePromise); fast paths for ints, floats and strings stay sync.
import {
  BoundMethod,
  builtinExceptions,
  Ellipsis,
  exceptionArgs,
  IterResult,
  Kwargs,
  MaybePromise,
  NativeFunction,
  None,
  NotImplemented,
  objectId,
  PyCallable,
  PyDict,
  PyException,
  pyError,
  PyFloat,
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
  runtime,
  singletonText,
  sliceIndices,
  STOP,
  toIndex,
  typeName,
  typeOf,
  typeType,
  iteratorType,
  newException,
} from './objects.js';
import { floatRepr, formatNumber, formatString, strRepr } from './format.js';

export function then<T, U>(v: MaybePromise<T>, f: (x: T) => MaybePromise<U>): MaybePromise<U> {
  return v instanceof Promise ? v.then(f) : f(v);
}

/** Maps each item with f; sync when every result is sync. */
export function mapMP<T, U>(items: T[], f: (x: T, i: number) => MaybePromise<U>): MaybePromise<U[]> {
  const out: U[] = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    const r = f(items[i], i);
    if (r instanceof Promise) {
      return (async () => {
        out[i] = await r;
        for (let j = i + 1; j < items.length; j++) out[j] = await f(items[j], j);
        return out;
      })();
    }
    out[i] = r;
  }
  return out;
}

/** Memory guard: sequences longer than this raise MemoryError before allocating. */
export const MAX_SEQUENCE = 1 << 25;

// ---------------------------------------------------------------------------------------------
// range

export class PyRange extends PyObject {
  readonly length: number;
  constructor(
    public start: number,
    public stop: number,
    public step: number,
  ) {
    super(rangeType);
    const n = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
    this.length = Math.max(0, n);
  }
  at(i: number): number {
    return this.start + i * this.step;
  }
}

// ---------------------------------------------------------------------------------------------
// Functions defined in Python: the interpreter implements `PyFunctionLike`.

/** A dict keys/values/items view. */
export class DictView extends PyObject {
  constructor(
    cls: PyType,
    public dict: PyDict,
    public kind: 'keys' | 'values' | 'items',
  ) {
    super(cls);
  }
  items(): PyValue[] {
    const e = this.dict.entries();
    if (this.kind === 'keys') return e.map((x) => x[0]);
    if (this.kind === 'values') return e.map((x) => x[1]);
    return e.map((x) => new PyTuple([x[0], x[1]]));
  }
}

/** Super proxy: attribute lookup starts after `cls` in self's MRO. */
export class PySuper extends PyObject {
  constructor(
    cls: PyType,
    public start: PyType,
    public self: PyValue,
  ) {
    super(cls);
  }
}

/** staticmethod / classmethod wrappers. */
export class PyStaticMethod extends PyObject {
  constructor(
    cls: PyType,
    public func: PyValue,
    public kind: 'static' | 'class',
  ) {
    super(cls);
  }
}

// ---------------------------------------------------------------------------------------------
// Attributes

const typeSpecialAttrs = new Set(['__name__', '__qualname__', '__module__', '__doc__']);

function bindFromType(attr: PyValue, self: PyValue, selfType: PyType): MaybePromise<PyValue> {
  if (attr instanceof PyProperty) return attr.getter(self);
  if (attr instanceof PyStaticMethod)
    return attr.kind === 'static' ? attr.func : new BoundMethod(selfType, attr.func);
  if (attr instanceof PyCallable && !(attr instanceof PyType) && !(attr instanceof BoundMethod))
    return new BoundMethod(self, attr);
  return attr;
}

export function attributeError(v: PyValue, name: string): PyException {
  if (v instanceof PyModule)
    return pyError('AttributeError', `module '${v.name}' has no attribute '${name}'`);
  if (v instanceof PyType)
    return pyError('AttributeError', `type object '${v.name}' has no attribute '${name}'`);
  return pyError('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
}

/** Looks an attribute up, or returns undefined. Only our own tables are consulted. */
export function lookupAttr(v: PyValue, name: string): MaybePromise<PyValue> | undefined {
  if (name === '__class__') return typeOf(v);
  if (v instanceof PyInstance) {
    const t = v.cls;
    const ta = t.lookup(name);
    if (ta instanceof PyProperty) return ta.getter(v);
    const own = v.dict.get(name);
    if (own !== undefined) return own;
    if (ta !== undefined) return bindFromType(ta, v, t);
    if (name === '__dict__') return new PyDict([...v.dict].map(([k, x]) => [k, x] as [PyValue, PyValue]));
    if (t.isException && name === 'args') return v.dict.get('args') ?? new PyTuple([]);
    const fallback = t.lookup('__getattr__');
    if (fallback !== undefined) return call(fallback, [v, name], null);
    return undefined;
  }
  if (v instanceof PyModule) {
    const r = v.dict.get(name);
    if (r !== undefined) return r;
    if (name === '__name__') return v.name;
    if (name === '__doc__') return v.doc ?? None;
    return undefined;
  }
  if (v instanceof PyType) {
    for (const t of v.mro) {
      const a = t.dict.get(name);
      if (a !== undefined) {
        if (a instanceof PyStaticMethod) return a.kind === 'static' ? a.func : new BoundMethod(v, a.func);
        return a;
      }
    }
    if (typeSpecialAttrs.has(name)) {
      if (name === '__name__' || name === '__qualname__') return v.name;
      if (name === '__module__') return v.module ?? 'builtins';
      return v.doc ?? None;
    }
    return undefined;
  }
  if (v instanceof PySuper) {
    const mro = typeOf(v.self).mro;
    const selfIsType = v.self instanceof PyType;
    const searchMro = selfIsType ? (v.self as PyType).mro : mro;
    const i = searchMro.indexOf(v.start);
    for (const t of searchMro.slice(i + 1)) {
      const a = t.dict.get(name);
      if (a !== undefined) {
        if (selfIsType)
          return a instanceof PyStaticMethod && a.kind === 'class' ? new BoundMethod(v.self, a.func) : a;
        return bindFromType(a, v.self, typeOf(v.self));
      }
    }
    return undefined;
  }
  const t = typeOf(v);
  const a = t.lookup(name);
  if (a !== undefined) return bindFromType(a, v, t);
  if (v instanceof PyCallable && name === '__name__') return v.name;
  if (v instanceof PyCallable && name === '__qualname__')
    return (v as PyCallable & { qualname?: string }).qualname ?? v.name;
  if (v instanceof NativeFunction && name === '__doc__') return v.doc ?? None;
  if (v instanceof PyCallable && name === '__doc__') return (v as unknown as { doc?: string }).doc ?? None;
  if (v instanceof BoundMethod && name === '__self__') return v.self;
  if (v instanceof PyNative) {
    const extra = (v as PyNative & { attrs?: Map<string, PyValue> }).attrs;
    const x = extra?.get(name);
    if (x !== undefined) return x;
  }
  return undefined;
}

export function getAttr(v: PyValue, name: string): MaybePromise<PyValue> {
  const r = lookupAttr(v, name);
  if (r === undefined) throw attributeError(v, name);
  return r;
}

export function setAttr(v: PyValue, name: string, value: PyValue): MaybePromise<void> {
  if (v instanceof PyInstance) {
    // A native class's __setattr__ (torch.nn.Module registering parameters) sees every assignment.
    const hook = v.cls.lookup('__setattr__');
    if (hook instanceof NativeFunction) {
      const r = hook.call([v, name, value], null);
      return r instanceof Promise ? r.then(() => undefined) : undefined;
    }
    const ta = v.cls.lookup(name);
    if (ta instanceof PyProperty) {
      if (!ta.setter) throw pyError('AttributeError', "can't set attribute");
      return ta.setter(v, value);
    }
    v.dict.set(name, value);
    return;
  }
  if (v instanceof PyType) {
    if (v.native || !typeOf(v).isSubtypeOf(typeType) || v.module === undefined)
      throw pyError('TypeError', `cannot set '${name}' attribute of immutable type '${v.qualifiedName}'`);
    v.dict.set(name, value);
    return;
  }
  if (v instanceof PyModule) {
    v.dict.set(name, value);
    return;
  }
  const t = typeOf(v);
  const ta = t.lookup(name);
  if (ta instanceof PyProperty) {
    if (!ta.setter)
      throw pyError('AttributeError', `attribute '${name}' of '${t.qualifiedName}' objects is not writable`);
    return ta.setter(v, value);
  }
  if (v instanceof PyNative && t.native && t.module !== undefined) {
    const holder = v as PyNative & { attrs?: Map<string, PyValue> };
    holder.attrs ??= new Map();
    holder.attrs.set(name, value);
    return;
  }
  if (ta !== undefined)
    throw pyError('AttributeError', `'${t.name}' object attribute '${name}' is read-only`);
  throw pyError('AttributeError', `'${t.name}' object has no attribute '${name}'`);
}

export function delAttr(v: PyValue, name: string): void {
  if (v instanceof PyInstance || v instanceof PyModule) {
    if (!v.dict.delete(name)) throw attributeError(v, name);
    return;
  }
  if (v instanceof PyType && !v.native && v.module !== undefined) {
    if (!v.dict.delete(name)) throw attributeError(v, name);
    return;
  }
  throw attributeError(v, name);
}

/** Calls a dunder method defined on v's type, or returns undefined when there is none. */
export function callDunder(
  v: PyValue,
  name: string,
  args: PyValue[] = [],
): MaybePromise<PyValue> | undefined {
  const t = typeOf(v);
  const m = t.lookup(name);
  if (m === undefined || m === None) return undefined;
  if (m instanceof PyStaticMethod)
    return call(m.kind === 'static' ? m.func : new BoundMethod(t, m.func), args, null);
  return call(m, [v, ...args], null);
}

// ---------------------------------------------------------------------------------------------
// Calls

/** Set by the interpreter: how to instantiate a class defined in Python. */
export const hooks: {
  instantiate?: (cls: PyType, args: PyValue[], kwargs: Kwargs | null) => MaybePromise<PyValue>;
} = {};

export function call(f: PyValue, args: PyValue[], kwargs: Kwargs | null): MaybePromise<PyValue> {
  if (f instanceof PyCallable) return f.call(args, kwargs);
  if (f instanceof PyType) {
    if (f.construct) return f.construct.call(args, kwargs);
    if (hooks.instantiate) return hooks.instantiate(f, args, kwargs);
  }
  const m = typeOf(f).lookup('__call__');
  if (m !== undefined) return call(m, [f, ...args], kwargs);
  throw pyError('TypeError', `'${typeName(f)}' object is not callable`);
}

export function isCallable(f: PyValue): boolean {
  return f instanceof PyCallable || f instanceof PyType || typeOf(f).lookup('__call__') !== undefined;
}

// ---------------------------------------------------------------------------------------------
// repr / str

const reprActive = new Set<object>();

function addressOf(o: object): string {
  return '0x' + (0x7f0000000000 + objectId(o) * 16).toString(16);
}

export function reprSeq(
  open: string,
  close: string,
  items: PyValue[],
  self: object,
  single = false,
): MaybePromise<string> {
  if (reprActive.has(self)) return open + '...' + close;
  reprActive.add(self);
  let r: MaybePromise<string[]>;
  try {
    r = mapMP(items, repr);
  } catch (e) {
    reprActive.delete(self);
    throw e;
  }
  const finish = (parts: string[]) => {
    reprActive.delete(self);
    return open + parts.join(', ') + (single && parts.length === 1 ? ',' : '') + close;
  };
  if (r instanceof Promise)
    return r.then(finish, (e: unknown) => {
      reprActive.delete(self);
      throw e;
    });
  return finish(r);
}

export function repr(v: PyValue): MaybePromise<string> {
  switch (typeof v) {
    case 'number':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return strRepr(v);
    case 'boolean':
      return v ? 'True' : 'False';
  }
  if (v === null) return 'None';
  if (v instanceof PyFloat) return floatRepr(v.v);
  if (v instanceof PyList) return reprSeq('[', ']', v.items, v);
  if (v instanceof PyTuple) return reprSeq('(', ')', v.items, v, true);
  if (v instanceof PyDict) {
    if (v.size === 0) return '{}';
    if (reprActive.has(v)) return '{...}';
    reprActive.add(v);
    const entries = v.entries();
    const parts = mapMP(entries, ([k, x]) => then(repr(k), (ks) => then(repr(x), (xs) => ks + ': ' + xs)));
    const done = (p: string[]) => {
      reprActive.delete(v);
      return '{' + p.join(', ') + '}';
    };
    return parts instanceof Promise
      ? parts.then(done, (e: unknown) => (reprActive.delete(v), Promise.reject(e)))
      : done(parts);
  }
  if (v instanceof PySet) {
    if (v.size === 0) return v.cls.name + '()';
    const inner = reprSeq('{', '}', v.values(), v);
    return v.cls.name === 'set' ? inner : then(inner, (s) => `${v.cls.name}(${s})`);
  }
  if (v instanceof PyType)
    return `<class '${v.module && v.module !== 'builtins' ? v.module + '.' : ''}${v.name}'>`;
  const custom = typeOf(v).lookup('__repr__');
  if (custom !== undefined)
    return then(call(custom, [v], null), (s) => (typeof s === 'string' ? s : reprSync(s)));
  return defaultRepr(v);
}

function defaultRepr(v: PyObject): string {
  const text = singletonText(v);
  if (text) return text;
  if (v instanceof PyInstance && v.cls.isException) {
    const args = v.dict.get('args');
    const items = args instanceof PyTuple ? args.items : [];
    return v.cls.name + '(' + items.map(reprSync).join(', ') + ')';
  }
  if (v instanceof PyRange)
    return v.step === 1 ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`;
  if (v instanceof PySlice) return `slice(${reprSync(v.start)}, ${reprSync(v.stop)}, ${reprSync(v.step)})`;
  if (v instanceof PyModule) return `<module '${v.name}'>`;
  if (v instanceof NativeFunction) return `<built-in function ${v.name}>`;
  if (v instanceof BoundMethod) {
    const self = v.self;
    const owner = self instanceof PyType ? self.name : typeName(self);
    return `<bound method ${owner}.${v.name} of ${self instanceof PyInstance ? defaultRepr(self) : reprSync(self)}>`;
  }
  if (v instanceof DictView) return `dict_${v.kind}(${reprSync(new PyList(v.items()))})`;
  if (v instanceof PyCallable)
    return `<function ${(v as PyCallable & { qualname?: string }).qualname ?? v.name} at ${addressOf(v)}>`;
  const t = v.cls;
  if (v instanceof PyIterator && t === iteratorType) return `<iterator object at ${addressOf(v)}>`;
  return `<${t.module && t.module !== 'builtins' ? t.module + '.' : t.module === undefined && !t.native && v instanceof PyInstance ? '__main__.' : ''}${t.name} object at ${addressOf(v)}>`;
}

/** repr that never runs Python code (for error messages and exception args). */
export function reprSync(v: PyValue): string {
  if (v instanceof PyList) return '[' + v.items.map(reprSync).join(', ') + ']';
  if (v instanceof PyTuple)
    return '(' + v.items.map(reprSync).join(', ') + (v.items.length === 1 ? ',)' : ')');
  if (
    v instanceof PyObject &&
    !(v instanceof PyFloat) &&
    !(v instanceof PyDict) &&
    !(v instanceof PySet) &&
    !(v instanceof PyType)
  ) {
    const custom = v.cls.lookup('__repr__');
    if (custom instanceof NativeFunction) {
      const r = custom.call([v], null);
      if (typeof r === 'string') return r;
      abandon(r);
    }
    if (custom === undefined) return defaultRepr(v);
    return `<${v.cls.name} object>`;
  }
  const r = repr(v);
  if (typeof r === 'string') return r;
  abandon(r);
  return `<${typeName(v)} object>`;
}

/** An async repr (a GPU tensor's values) reprSync does not wait for: its failure is no one's. */
function abandon(r: unknown): void {
  if (r instanceof Promise) r.catch(() => undefined);
}

export function str(v: PyValue): MaybePromise<string> {
  if (typeof v === 'string') return v;
  if (v instanceof PyObject && !(v instanceof PyFloat)) {
    const t = v.cls;
    const custom = t.lookup('__str__');
    if (custom !== undefined)
      return then(call(custom, [v], null), (s) => (typeof s === 'string' ? s : reprSync(s)));
    if (v instanceof PyInstance && t.isException) return exceptionStr(v);
  }
  return repr(v);
}

/** str(exc) as CPython gives it, waiting for args whose repr is async (a GPU tensor's values). */
export function exceptionStr(exc: PyInstance): MaybePromise<string> {
  const args = exceptionArgs(exc);
  if (args.length === 0) return '';
  if (args.length > 1) return repr(new PyTuple(args));
  return exc.cls.isSubtypeOf(builtinExceptions.KeyError) ? repr(args[0]) : str(args[0]);
}

// ---------------------------------------------------------------------------------------------
// Truth, length

export function truthy(v: PyValue): MaybePromise<boolean> {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
    case 'bigint':
      return v !== 0n;
  }
  if (v === null) return false;
  if (v instanceof PyFloat) return v.v !== 0;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict || v instanceof PySet) return v.size > 0;
  if (v instanceof PyRange) return v.length > 0;
  const t = v.cls;
  const b = t.lookup('__bool__');
  if (b !== undefined) {
    return then(call(b, [v], null), (r) => {
      if (typeof r !== 'boolean')
        throw pyError('TypeError', `__bool__ should return bool, returned ${typeName(r)}`);
      return r;
    });
  }
  const l = t.lookup('__len__');
  if (l !== undefined) return then(call(l, [v], null), (n) => toIndex(n) !== 0);
  return true;
}

export function len(v: PyValue): MaybePromise<number> {
  if (typeof v === 'string') return [...v].length;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict || v instanceof PySet) return v.size;
  if (v instanceof PyRange) return v.length;
  if (v instanceof DictView) return v.dict.size;
  const r = callDunder(v, '__len__');
  if (r === undefined) throw pyError('TypeError', `object of type '${typeName(v)}' has no len()`);
  return then(r, (n) => {
    const i = toIndex(n);
    if (i < 0) throw pyError('ValueError', '__len__() should return >= 0');
    return i;
  });
}

// ---------------------------------------------------------------------------------------------
// Numbers

export function isIntLike(v: PyValue): v is number | bigint | boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
}
function intOf(v: number | bigint | boolean): number | bigint {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}
function big(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

function intArith(op: string, a: number | bigint, b: number | bigint): PyValue {
  if (typeof a === 'number' && typeof b === 'number') {
    let r: number;
    switch (op) {
      case '+':
        r = a + b;
        break;
      case '-':
        r = a - b;
        break;
      case '*':
        r = a * b;
        break;
      case '/':
        if (b === 0) throw pyError('ZeroDivisionError', 'division by zero');
        return new PyFloat(a / b);
      case '//':
        if (b === 0) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
        return Math.floor(a / b) === a / b || Math.abs(a) < 2 ** 52
          ? Math.floor(a / b)
          : pyInt(floorDivBig(big(a), big(b)));
      case '%':
        if (b === 0) throw pyError('ZeroDivisionError', 'integer modulo by zero');
        r = a % b;
        if (r !== 0 && r < 0 !== b < 0) r += b;
        return r;
      case '**':
        if (b < 0) {
          if (a === 0) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
          return new PyFloat(a ** b);
        }
        r = a ** b;
        if (Number.isSafeInteger(r)) return r;
        return pyInt(powBig(big(a), big(b)));
      default:
        return bitOp(op, big(a), big(b));
    }
    if (Number.isSafeInteger(r)) return r;
  }
  const x = big(a);
  const y = big(b);
  switch (op) {
    case '+':
      return pyInt(x + y);
    case '-':
      return pyInt(x - y);
    case '*':
      return pyInt(x * y);
    case '/':
      if (y === 0n) throw pyError('ZeroDivisionError', 'division by zero');
      return new PyFloat(bigDivToFloat(x, y));
    case '//':
      if (y === 0n) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
      return pyInt(floorDivBig(x, y));
    case '%': {
      if (y === 0n) throw pyError('ZeroDivisionError', 'integer modulo by zero');
      return pyInt(x - floorDivBig(x, y) * y);
    }
    case '**':
      if (y < 0n) return new PyFloat(Number(x) ** Number(y));
      return pyInt(powBig(x, y));
    default:
      return bitOp(op, x, y);
  }
}

function bigDivToFloat(x: bigint, y: bigint): number {
  const q = Number(x) / Number(y);
  if (Number.isFinite(q)) return q;
  const r = Number(x / y);
  if (!Number.isFinite(r)) throw pyError('OverflowError', 'integer division result too large for a float');
  return r;
}

function powBig(x: bigint, y: bigint): bigint {
  // Rough size check before allocating: bits(x) * y.
  const bits = x.toString(2).length;
  if (bits * Number(y) > 1e7 && x !== 1n && x !== -1n && x !== 0n) throw pyError('MemoryError', '');
  return x ** y;
}

function floorDivBig(x: bigint, y: bigint): bigint {
  const q = x / y;
  return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
}

function bitOp(op: string, x: bigint, y: bigint): PyValue {
  switch (op) {
    case '&':
      return pyInt(x & y);
    case '|':
      return pyInt(x | y);
    case '^':
      return pyInt(x ^ y);
    case '<<':
      if (y < 0n) throw pyError('ValueError', 'negative shift count');
      if (y > 100000n) throw pyError('MemoryError', '');
      return pyInt(x << y);
    case '>>':
      if (y < 0n) throw pyError('ValueError', 'negative shift count');
      return pyInt(x >> y);
  }
  return NotImplemented;
}

function floatArith(op: string, a: number, b: number): PyValue {
  switch (op) {
    case '+':
      return new PyFloat(a + b);
    case '-':
      return new PyFloat(a - b);
    case '*':
      return new PyFloat(a * b);
    case '/':
      if (b === 0) throw pyError('ZeroDivisionError', 'float division by zero');
      return new PyFloat(a / b);
    case '//':
      if (b === 0) throw pyError('ZeroDivisionError', 'float floor division by zero');
      return new PyFloat(Math.floor(a / b));
    case '%': {
      if (b === 0) throw pyError('ZeroDivisionError', 'float modulo');
      let r = a % b;
      if (r !== 0 && r < 0 !== b < 0) r += b;
      else if (r === 0) r = b < 0 ? -0 : 0;
      return new PyFloat(r);
    }
    case '**': {
      if (a === 0 && b < 0) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
      const r = a ** b;
      if (Number.isNaN(r) && a < 0 && Number.isFinite(b)) throw pyError('ValueError', 'math domain error');
      if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b))
        throw pyError('OverflowError', "(34, 'Numerical result out of range')");
      return new PyFloat(r);
    }
  }
  return NotImplemented;
}

function numValue(v: PyValue): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

const opNames: Record<string, [string, string]> = {
  '+': ['__add__', '__radd__'],
  '-': ['__sub__', '__rsub__'],
  '*': ['__mul__', '__rmul__'],
  '/': ['__truediv__', '__rtruediv__'],
  '//': ['__floordiv__', '__rfloordiv__'],
  '%': ['__mod__', '__rmod__'],
  '**': ['__pow__', '__rpow__'],
  '@': ['__matmul__', '__rmatmul__'],
  '&': ['__and__', '__rand__'],
  '|': ['__or__', '__ror__'],
  '^': ['__xor__', '__rxor__'],
  '<<': ['__lshift__', '__rlshift__'],
  '>>': ['__rshift__', '__rrshift__'],
};
export const inplaceNames: Record<string, string> = {
  '+': '__iadd__',
  '-': '__isub__',
  '*': '__imul__',
  '/': '__itruediv__',
  '//': '__ifloordiv__',
  '%': '__imod__',
  '**': '__ipow__',
  '@': '__imatmul__',
  '&': '__iand__',
  '|': '__ior__',
  '^': '__ixor__',
  '<<': '__ilshift__',
  '>>': '__irshift__',
};

function repeatSeq(items: PyValue[], n: number | bigint | boolean): PyValue[] {
  const k = Number(intOf(n));
  // An empty sequence repeated 10**9 times is empty at once (not a billion-step loop past the budget).
  if (k <= 0 || items.length === 0) return [];
  if (items.length * k > MAX_SEQUENCE) throw pyError('MemoryError', '');
  const out: PyValue[] = [];
  for (let i = 0; i < k; i++) for (const x of items) out.push(x);
  return out;
}

function concatChecked(a: PyValue[], b: PyValue[]): PyValue[] {
  if (a.length + b.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
  return a.concat(b);
}

function seqOp(op: string, a: PyValue, b: PyValue): MaybePromise<PyValue> | undefined {
  if (typeof a === 'string') {
    if (op === '+' && typeof b === 'string') {
      if (a.length + b.length > MAX_SEQUENCE * 4) throw pyError('MemoryError', '');
      return a + b;
    }
    if (op === '*' && isIntLike(b)) {
      const k = Number(intOf(b));
      if (k <= 0) return '';
      if (a.length * k > MAX_SEQUENCE * 4) throw pyError('MemoryError', '');
      return a.repeat(k);
    }
    if (op === '%') return percentFormat(a, b);
    if (op === '+') throw pyError('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
    if (op === '*' && !(b instanceof PyObject && b.cls.lookup('__rmul__')))
      throw pyError('TypeError', `can't multiply sequence by non-int of type '${typeName(b)}'`);
    return undefined;
  }
  if (a instanceof PyList) {
    if (op === '+' && b instanceof PyList) return new PyList(concatChecked(a.items, b.items));
    if (op === '*' && isIntLike(b)) return new PyList(repeatSeq(a.items, b));
    if (op === '+' && !(b instanceof PyObject && b.cls.lookup('__radd__')))
      throw pyError('TypeError', `can only concatenate list (not "${typeName(b)}") to list`);
    if (op === '*' && !(b instanceof PyObject && b.cls.lookup('__rmul__')))
      throw pyError('TypeError', `can't multiply sequence by non-int of type '${typeName(b)}'`);
    return undefined;
  }
  if (a instanceof PyTuple) {
    if (op === '+' && b instanceof PyTuple) return new PyTuple(concatChecked(a.items, b.items));
    if (op === '*' && isIntLike(b)) return new PyTuple(repeatSeq(a.items, b));
    if (op === '+' && !(b instanceof PyObject && b.cls.lookup('__radd__')))
      throw pyError('TypeError', `can only concatenate tuple (not "${typeName(b)}") to tuple`);
    return undefined;
  }
  if (isIntLike(a) && op === '*') {
    if (typeof b === 'string') return seqOp('*', b, a);
    if (b instanceof PyList || b instanceof PyTuple) return seqOp('*', b, a);
  }
  if (a instanceof PySet && b instanceof PySet) {
    const out = new PySet(undefined, a.cls.name === 'frozenset');
    if (op === '|') {
      for (const x of a.values()) out.add(x);
      for (const x of b.values()) out.add(x);
    } else if (op === '&') {
      for (const x of a.values()) if (b.has(x)) out.add(x);
    } else if (op === '-') {
      for (const x of a.values()) if (!b.has(x)) out.add(x);
    } else if (op === '^') {
      for (const x of a.values()) if (!b.has(x)) out.add(x);
      for (const x of b.values()) if (!a.has(x)) out.add(x);
    } else return undefined;
    return out;
  }
  if (a instanceof PyDict && b instanceof PyDict && op === '|') {
    const out = new PyDict(a.entries());
    for (const [k, v] of b.entries()) out.set(k, v);
    return out;
  }
  return undefined;
}

/** a OP b for + - * / // % ** @ & | ^ << >>. */
export function binaryOp(op: string, a: PyValue, b: PyValue): MaybePromise<PyValue> {
  if (typeof a === 'number' && typeof b === 'number') return intArith(op, a, b);
  if (a instanceof PyFloat) {
    const y = numValue(b);
    if (y !== undefined && op.length <= 2 && op !== '@' && !'&|^<<>>'.includes(op))
      return floatArith(op, a.v, y);
  } else if (b instanceof PyFloat && isIntLike(a) && !'&|^<<>>@'.includes(op)) {
    return floatArith(op, Number(intOf(a)), b.v);
  }
  if (isIntLike(a) && isIntLike(b)) {
    if (typeof a === 'boolean' && typeof b === 'boolean' && (op === '&' || op === '|' || op === '^')) {
      return op === '&' ? a && b : op === '|' ? a || b : a !== b;
    }
    return intArith(op, intOf(a), intOf(b));
  }
  const s = seqOp(op, a, b);
  if (s !== undefined) return s;
  return dispatchBinary(op, a, b);
}

function dispatchBinary(op: string, a: PyValue, b: PyValue): MaybePromise<PyValue> {
  const names = opNames[op];
  if (!names) throw pyError('TypeError', `unsupported operator ${op}`);
  const ta = typeOf(a);
  const tb = typeOf(b);
  const fwd = ta.lookup(names[0]);
  const tryReflected = (): MaybePromise<PyValue> => {
    if (tb !== ta || fwd === undefined) {
      const rev = tb.lookup(names[1]);
      if (rev !== undefined) {
        return then(call(rev, [b, a], null), (r) => {
          if (r === NotImplemented) throw unsupported(op, a, b);
          return r;
        });
      }
    }
    throw unsupported(op, a, b);
  };
  // A subclass's reflected method goes first, as in Python.
  if (fwd !== undefined) {
    return then(call(fwd, [a, b], null), (r) => (r === NotImplemented ? tryReflected() : r));
  }
  return tryReflected();
}

function unsupported(op: string, a: PyValue, b: PyValue): PyException {
  if (op === '**')
    return pyError(
      'TypeError',
      `unsupported operand type(s) for ** or pow(): '${typeName(a)}' and '${typeName(b)}'`,
    );
  return pyError('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** a OP= b: __iOP__ when defined, else the binary op. Lists extend in place. */
export function inplaceOp(op: string, a: PyValue, b: PyValue): MaybePromise<PyValue> {
  if (typeof a === 'number' && typeof b === 'number') return intArith(op, a, b);
  if (a instanceof PyList && op === '+') {
    if (b instanceof PyList || b instanceof PyTuple) {
      if (a.items.length + b.items.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
      for (const x of b === a ? b.items.slice() : b.items) a.items.push(x);
      return a;
    }
    return then(toArrayMP(b), (xs) => {
      if (a.items.length + xs.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
      for (const x of xs) a.items.push(x);
      return a;
    });
  }
  if (a instanceof PyObject && !(a instanceof PyFloat)) {
    const m = a.cls.lookup(inplaceNames[op]);
    if (m !== undefined)
      return then(call(m, [a, b], null), (r) => (r === NotImplemented ? binaryOp(op, a, b) : r));
  }
  return binaryOp(op, a, b);
}

export function unaryOp(op: string, v: PyValue): MaybePromise<PyValue> {
  if (typeof v === 'number') {
    if (op === '-') return v === 0 ? 0 : -v;
    if (op === '+') return v;
    if (op === '~') return -v - 1;
  }
  if (v instanceof PyFloat) {
    if (op === '-') return new PyFloat(-v.v);
    if (op === '+') return v;
  }
  if (typeof v === 'boolean') return unaryOp(op, v ? 1 : 0);
  if (typeof v === 'bigint') return pyInt(op === '-' ? -v : op === '~' ? -v - 1n : v);
  const name = op === '-' ? '__neg__' : op === '+' ? '__pos__' : '__invert__';
  const r = callDunder(v, name);
  if (r === undefined) throw pyError('TypeError', `bad operand type for unary ${op}: '${typeName(v)}'`);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Comparison

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
    const e = eqSync(a, b);
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
    throw pyError('TypeError', `argument of type '${t.name}' is not iterable`);
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

// ---------------------------------------------------------------------------------------------
// Iteration

export function getIter(v: PyValue): MaybePromise<PyIterator> {
  if (v instanceof PyList) {
    let i = 0;
    const items = v;
    return new PyIterator(() => (i < items.items.length ? items.items[i++] : STOP), listIteratorType);
  }
  if (v instanceof PyTuple) {
    let i = 0;
    const items = v.items;
    return new PyIterator(() => (i < items.length ? items[i++] : STOP), tupleIteratorType);
  }
  if (v instanceof PyRange) {
    let i = 0;
    const r = v;
    return new PyIterator(() => (i < r.length ? r.at(i++) : STOP), rangeIteratorType);
  }
  if (typeof v === 'string') {
    const chars = [...v];
    let i = 0;
    return new PyIterator(() => (i < chars.length ? chars[i++] : STOP), strIteratorType);
  }
  if (v instanceof PyDict) {
    const keys = v.keys();
    const size = v.size;
    let i = 0;
    return new PyIterator(() => {
      if (v.size !== size) throw pyError('RuntimeError', 'dictionary changed size during iteration');
      return i < keys.length ? keys[i++] : STOP;
    });
  }
  if (v instanceof PySet) {
    const vals = v.values();
    let i = 0;
    return new PyIterator(() => (i < vals.length ? vals[i++] : STOP));
  }
  if (v instanceof DictView) {
    const vals = v.items();
    let i = 0;
    return new PyIterator(() => (i < vals.length ? vals[i++] : STOP));
  }
  if (v instanceof PyIterator) return v;
  const t = typeOf(v);
  const it = t.lookup('__iter__');
  if (it !== undefined) {
    return then(call(it, [v], null), (r) => {
      if (r instanceof PyIterator) return r;
      const nx = typeOf(r).lookup('__next__');
      if (nx === undefined) {
        if (r instanceof PyList || r instanceof PyTuple || r instanceof PyRange) return getIter(r);
        throw pyError('TypeError', `iter() returned non-iterator of type '${typeName(r)}'`);
      }
      return new PyIterator(() => nextViaDunder(nx, r));
    });
  }
  const gi = t.lookup('__getitem__');
  if (gi !== undefined && !(v instanceof PyType)) {
    let i = 0;
    return new PyIterator(() => {
      const idx = i++;
      try {
        const r = call(gi, [v, idx], null);
        if (r instanceof Promise) return r.catch((e: unknown) => stopOnIndexError(e));
        return r;
      } catch (e) {
        return stopOnIndexError(e);
      }
    });
  }
  throw pyError('TypeError', `'${t.name}' object is not iterable`);
}

function stopOnIndexError(e: unknown): IterResult {
  if (
    e instanceof PyException &&
    (e.exc.cls.isSubtypeOf(builtinExceptions.IndexError) ||
      e.exc.cls.isSubtypeOf(builtinExceptions.StopIteration))
  )
    return STOP;
  throw e;
}

function nextViaDunder(nx: PyValue, r: PyValue): MaybePromise<IterResult> {
  try {
    const x = call(nx, [r], null);
    if (x instanceof Promise) return x.catch((e: unknown) => stopOnStopIteration(e));
    return x;
  } catch (e) {
    return stopOnStopIteration(e);
  }
}

function stopOnStopIteration(e: unknown): IterResult {
  if (e instanceof PyException && e.exc.cls.isSubtypeOf(builtinExceptions.StopIteration)) return STOP;
  throw e;
}

export function iterate(
  v: PyValue,
  body: (item: PyValue) => MaybePromise<void | boolean>,
): MaybePromise<void> {
  if (v instanceof PyList || v instanceof PyTuple) {
    const items = v.items;
    for (let i = 0; i < items.length; i++) {
      const r = body(items[i]);
      if (r === true) return;
      if (r instanceof Promise) {
        let k = i + 1;
        return finishAsync(r, () => (k < items.length ? items[k++] : STOP), body);
      }
    }
    return;
  }
  return then(getIter(v), (it) => drive(it, body));
}

/** The running cell's budget and Stop check, for native loops that may not end (`sum(range(10**15))`). */
let loopTick: (() => void | Promise<void>) | null = null;
export function setLoopTick(tick: (() => void | Promise<void>) | null): void {
  loopTick = tick;
}
export function getLoopTick(): (() => void | Promise<void>) | null {
  return loopTick;
}

function drive(it: PyIterator, body: (item: PyValue) => MaybePromise<void | boolean>): MaybePromise<void> {
  const next = () => it.next();
  for (;;) {
    const waiting = loopTick?.();
    if (waiting)
      return finishAsync(
        waiting.then(() => undefined),
        next,
        body,
      );
    const x = it.next();
    if (x instanceof Promise) {
      return finishAsync(
        x.then((y) => (y === STOP ? true : body(y))),
        next,
        body,
      );
    }
    if (x === STOP) return;
    const r = body(x);
    if (r === true) return;
    if (r instanceof Promise) return finishAsync(r, next, body);
  }
}

/** The rest of an iteration once something waited: awaits only real Promises, step by step. */
async function finishAsync(
  pending: Promise<void | boolean>,
  next: () => MaybePromise<IterResult>,
  body: (item: PyValue) => MaybePromise<void | boolean>,
): Promise<void> {
  if ((await pending) === true) return;
  for (;;) {
    const waiting = loopTick?.();
    if (waiting) await waiting;
    let x = next();
    if (x instanceof Promise) x = await x;
    if (x === STOP) return;
    let r = body(x);
    if (r instanceof Promise) r = await r;
    if (r === true) return;
  }
}

export function toArrayMP(v: PyValue): MaybePromise<PyValue[]> {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.slice();
  if (v instanceof PyRange) {
    if (v.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
    const out = new Array<PyValue>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v.at(i);
    return out;
  }
  const out: PyValue[] = [];
  return then(
    iterate(v, (x) => {
      if (out.length >= MAX_SEQUENCE) throw pyError('MemoryError', '');
      out.push(x);
    }),
    () => out,
  );
}

export const listIteratorType = new PyType('list_iterator');
export const tupleIteratorType = new PyType('tuple_iterator');
export const rangeIteratorType = new PyType('range_iterator');
export const strIteratorType = new PyType('str_iterator');

// ---------------------------------------------------------------------------------------------
// Indexing

function seqIndex(i: PyValue, n: number, what: string): number {
  if (typeof i !== 'number' && typeof i !== 'boolean' && typeof i !== 'bigint') {
    if (i instanceof PyObject && i.cls.lookup('__index__') !== undefined)
      return seqIndex(toIndex(i), n, what);
    throw pyError('TypeError', `${what} indices must be integers or slices, not ${typeName(i)}`);
  }
  let k = Number(intOf(i));
  if (k < 0) k += n;
  if (k < 0 || k >= n) throw pyError('IndexError', `${what} index out of range`);
  return k;
}

function sliceOf<T>(items: T[], s: PySlice): T[] {
  const [start, stop, step] = sliceIndices(s, items.length);
  if (step === 1) return items.slice(start, Math.max(start, stop));
  const out: T[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(items[i]);
  else for (let i = start; i > stop; i += step) out.push(items[i]);
  return out;
}

export function getItem(v: PyValue, key: PyValue): MaybePromise<PyValue> {
  if (v instanceof PyList) {
    if (key instanceof PySlice) return new PyList(sliceOf(v.items, key));
    return v.items[seqIndex(key, v.items.length, 'list')];
  }
  if (v instanceof PyTuple) {
    if (key instanceof PySlice) return new PyTuple(sliceOf(v.items, key));
    return v.items[seqIndex(key, v.items.length, 'tuple')];
  }
  if (typeof v === 'string') {
    const chars = [...v];
    if (key instanceof PySlice) return sliceOf(chars, key).join('');
    return chars[seqIndex(key, chars.length, 'string')];
  }
  if (v instanceof PyDict) {
    const r = v.get(key);
    if (r === undefined) {
      const missing = callDunder(v, '__missing__', [key]);
      if (missing !== undefined) return missing;
      throw new PyException(newException(builtinExceptions.KeyError, [key]));
    }
    return r;
  }
  if (v instanceof PyRange) {
    if (key instanceof PySlice) {
      const [start, stop, step] = sliceIndices(key, v.length);
      return new PyRange(v.at(start), v.at(0) + stop * v.step, step * v.step);
    }
    return v.at(seqIndex(key, v.length, 'range object'));
  }
  const r = callDunder(v, '__getitem__', [key]);
  if (r !== undefined) return r;
  if (v instanceof PyType) {
    // list[int] style annotations.
    return v;
  }
  throw pyError('TypeError', `'${typeName(v)}' object is not subscriptable`);
}

export function setItem(v: PyValue, key: PyValue, value: PyValue): MaybePromise<void> {
  if (v instanceof PyList) {
    if (key instanceof PySlice) {
      return then(toArrayMP(value), (vals) => {
        const [start, stop, step] = sliceIndices(key, v.items.length);
        if (step === 1) {
          v.items.splice(start, Math.max(0, stop - start), ...vals);
          return;
        }
        const idx: number[] = [];
        if (step > 0) for (let i = start; i < stop; i += step) idx.push(i);
        else for (let i = start; i > stop; i += step) idx.push(i);
        if (idx.length !== vals.length)
          throw pyError(
            'ValueError',
            `attempt to assign sequence of size ${vals.length} to extended slice of size ${idx.length}`,
          );
        idx.forEach((i, j) => (v.items[i] = vals[j]));
      });
    }
    v.items[seqIndex(key, v.items.length, 'list assignment')] = value;
    return;
  }
  if (v instanceof PyDict) {
    v.set(key, value);
    return;
  }
  const r = callDunder(v, '__setitem__', [key, value]);
  if (r !== undefined) return then(r, () => undefined);
  throw pyError('TypeError', `'${typeName(v)}' object does not support item assignment`);
}

export function delItem(v: PyValue, key: PyValue): MaybePromise<void> {
  if (v instanceof PyList) {
    if (key instanceof PySlice) {
      const [start, stop, step] = sliceIndices(key, v.items.length);
      const drop = new Set<number>();
      if (step > 0) for (let i = start; i < stop; i += step) drop.add(i);
      else for (let i = start; i > stop; i += step) drop.add(i);
      v.items = v.items.filter((_, i) => !drop.has(i));
      return;
    }
    v.items.splice(seqIndex(key, v.items.length, 'list assignment'), 1);
    return;
  }
  if (v instanceof PyDict) {
    if (!v.delete(key)) throw new PyException(newException(builtinExceptions.KeyError, [key]));
    return;
  }
  const r = callDunder(v, '__delitem__', [key]);
  if (r !== undefined) return then(r, () => undefined);
  throw pyError('TypeError', `'${typeName(v)}' object doesn't support item deletion`);
}

// ---------------------------------------------------------------------------------------------
// Formatting

export function format(v: PyValue, spec: string): MaybePromise<string> {
  if (typeof v === 'number' || typeof v === 'bigint')
    return spec === '' ? String(v) : formatNumber(v, false, spec);
  if (typeof v === 'boolean')
    return spec === '' ? (v ? 'True' : 'False') : formatNumber(v ? 1 : 0, false, spec);
  if (v instanceof PyFloat) return spec === '' ? floatRepr(v.v) : formatNumber(v.v, true, spec);
  if (typeof v === 'string') return spec === '' ? v : formatString(v, spec);
  const custom = v === null ? undefined : v.cls.lookup('__format__');
  if (custom !== undefined) return then(call(custom, [v, spec], null), (s) => String(s));
  if (spec !== '')
    throw pyError('TypeError', `unsupported format string passed to ${typeName(v)}.__format__`);
  return str(v);
}

/** str % args; %s and %r may run Python __str__/__repr__, so the result may be a Promise. */
export function percentFormat(fmt: string, args: PyValue): MaybePromise<string> {
  const cache = new Map<number, string>();
  const pending: Promise<void>[] = [];
  let index = 0;
  const convert = (v: PyValue, conv: string): string => {
    const i = index++;
    const known = cache.get(i);
    if (known !== undefined) return known;
    const r = conv === 's' ? str(v) : repr(v);
    if (typeof r === 'string') return r;
    pending.push(r.then((x) => void cache.set(i, x)));
    return '';
  };
  const first = percentFormatWith(fmt, args, convert);
  if (pending.length === 0) return first;
  return Promise.all(pending).then(() => {
    index = 0;
    return percentFormatWith(fmt, args, convert);
  });
}

function percentFormatWith(
  fmt: string,
  args: PyValue,
  convert: (v: PyValue, conv: string) => string,
): string {
  const list = args instanceof PyTuple ? args.items : [args];
  let k = 0;
  const next = () => {
    if (k >= list.length) throw pyError('TypeError', 'not enough arguments for format string');
    return list[k++];
  };
  const out = fmt.replace(
    /%(\([^)]*\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g,
    (
      _m,
      key: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      conv: string,
    ) => {
      if (conv === '%') return '%';
      let value: PyValue;
      if (key) {
        if (!(args instanceof PyDict)) throw pyError('TypeError', 'format requires a mapping');
        const r = args.get(key.slice(1, -1));
        if (r === undefined)
          throw new PyException(newException(builtinExceptions.KeyError, [key.slice(1, -1)]));
        value = r;
      } else {
        if (width === '*') width = String(toIndex(next()));
        if (prec === '*') prec = String(toIndex(next()));
        value = next();
      }
      let spec = '';
      const left = flags.includes('-');
      if (flags.includes('+')) spec += '+';
      else if (flags.includes(' ')) spec += ' ';
      if (flags.includes('#')) spec += '#';
      if (flags.includes('0') && !left) spec += '0';
      if (width) spec = (left ? '<' : '') + spec + width;
      if (prec !== undefined) spec += '.' + prec;
      if (conv === 's' || conv === 'r' || conv === 'a') {
        const s = convert(value, conv === 's' ? 's' : 'r');
        const sp = (left ? '<' : '>') + (width ?? '') + (prec !== undefined ? '.' + prec : '');
        return formatString(s, sp);
      }
      if (conv === 'c') return typeof value === 'string' ? value : String.fromCodePoint(toIndex(value));
      const n = numValue(value);
      if (n === undefined) {
        throw pyError(
          'TypeError',
          `%${conv} format: a ${'di'.includes(conv) || 'ouxX'.includes(conv) ? (conv === 'd' || conv === 'i' ? 'real number' : 'integer') : 'real number'} is required, not ${typeName(value)}`,
        );
      }
      if ('diu'.includes(conv)) {
        const iv = value instanceof PyFloat ? Math.trunc(value.v) : intOf(value as number);
        return formatNumber(iv, false, spec + 'd');
      }
      if ('oxX'.includes(conv)) return formatNumber(intOf(value as number), false, spec + conv);
      return formatNumber(n, true, spec + conv);
    },
  );
  if (k < list.length && !(args instanceof PyDict) && !(list.length === 1 && list[0] instanceof PyDict))
    throw pyError('TypeError', 'not all arguments converted during string formatting');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Identity

export function isSame(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  // Small ints and equal strings are the same object in CPython too, for all practical purposes.
  return false;
}

export { Ellipsis, floatRepr };

runtime.call = call;
runtime.getAttr = getAttr;
runtime.repr = repr;
runtime.str = str;
runtime.truthy = truthy;
runtime.binaryOp = binaryOp;
runtime.iterate = iterate;
runtime.reprSync = reprSync;

// ---------------------------------------------------------------------------------------------
// Operators specialised once per call site: the common int and float cases inline, the rest
// through the general binaryOp / compare.

type BinFn = (a: PyValue, b: PyValue) => MaybePromise<PyValue>;

export function binaryOpFor(op: string): BinFn {
  switch (op) {
    case '+':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a + b;
          if (Number.isSafeInteger(r)) return r;
        } else if (a instanceof PyFloat) {
          if (b instanceof PyFloat) return new PyFloat(a.v + b.v);
          if (typeof b === 'number') return new PyFloat(a.v + b);
        } else if (typeof a === 'number' && b instanceof PyFloat) return new PyFloat(a + b.v);
        else if (typeof a === 'string' && typeof b === 'string' && a.length + b.length < 1 << 20)
          return a + b;
        return binaryOp('+', a, b);
      };
    case '-':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a - b;
          if (Number.isSafeInteger(r)) return r;
        } else if (a instanceof PyFloat) {
          if (b instanceof PyFloat) return new PyFloat(a.v - b.v);
          if (typeof b === 'number') return new PyFloat(a.v - b);
        } else if (typeof a === 'number' && b instanceof PyFloat) return new PyFloat(a - b.v);
        return binaryOp('-', a, b);
      };
    case '*':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a * b;
          if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
        } else if (a instanceof PyFloat) {
          if (b instanceof PyFloat) return new PyFloat(a.v * b.v);
          if (typeof b === 'number') return new PyFloat(a.v * b);
        } else if (typeof a === 'number' && b instanceof PyFloat) return new PyFloat(a * b.v);
        return binaryOp('*', a, b);
      };
    case '/':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number' && b !== 0) return new PyFloat(a / b);
        if (a instanceof PyFloat && b instanceof PyFloat && b.v !== 0) return new PyFloat(a.v / b.v);
        return binaryOp('/', a, b);
      };
    case '%':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number' && b > 0) {
          const r = a % b;
          return r < 0 ? r + b : r === 0 ? 0 : r;
        }
        return binaryOp('%', a, b);
      };
    case '//':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number' && b !== 0 && Math.abs(a) < 2 ** 52) {
          const r = Math.floor(a / b);
          return r === 0 ? 0 : r;
        }
        return binaryOp('//', a, b);
      };
    default:
      return (a, b) => binaryOp(op, a, b);
  }
}

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
