// Attribute access (getattr, setattr, delattr with descriptors, properties and bound methods),
// dunder calls, and calling any callable value (a class defined in Python: a new instance and its
// __init__).
import { PyLazyAttribute } from '../lazy-attribute.js';
import {
  FunctionAttributes,
  Kwargs,
  MaybePromise,
  NativeFunction,
  newException,
  None,
  objectType,
  PyCallable,
  PyDict,
  pyError,
  PyException,
  PyInstance,
  PyModule,
  PyNative,
  PyProperty,
  PyTuple,
  PyType,
  PyValue,
  typeName,
  typeOf,
  typeType,
  methodType,
} from '../objects.js';
import { isPromise } from '../maybe-promise.js';
import { PyStaticMethod, PySuper } from './values.js';

const typeSpecialAttrs = new Set([
  '__name__',
  '__qualname__',
  '__module__',
  '__doc__',
  '__bases__',
  '__base__',
  '__mro__',
]);

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
    if (name === '__dict__') return new PyDict(v.dict);
    if (t.isException && name === 'args') return v.dict.get('args') ?? new PyTuple([]);
    const fallback = t.lookup('__getattr__');
    if (fallback !== undefined) return call(fallback, [v, name], null);
    return undefined;
  }
  if (v instanceof PyModule) {
    const r = v.dict.get(name);
    if (r instanceof PyLazyAttribute) return r.resolve(v, name);
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
    // A class without annotations answers an empty dict, made (and kept) on first read, as 3.10+.
    if (name === '__annotations__' && !v.native) {
      const made = new PyDict();
      v.dict.set(name, made);
      return made;
    }
    if (typeSpecialAttrs.has(name)) {
      if (name === '__name__' || name === '__qualname__') return v.name;
      if (name === '__module__') return v.module ?? 'builtins';
      if (name === '__bases__') return new PyTuple([...v.bases]);
      if (name === '__base__') return v.bases[0] ?? None;
      if (name === '__mro__') return new PyTuple([...v.mro]);
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
  if (v instanceof BoundMethod) {
    if (name === '__self__') return v.self;
    // A method shows its function's attributes (`obj.f.__name__`, what was set on `C.f`), as CPython's.
    return lookupAttr(v.func, name);
  }
  if (v instanceof PyCallable) return callableAttr(v, name);
  if (v instanceof PyNative) {
    const extra = (v as PyNative & { attrs?: Map<string, PyValue> }).attrs;
    const x = extra?.get(name);
    if (x !== undefined) return x;
  }
  return undefined;
}

/** A function's names, doc, `__module__` and `__dict__` (a copy, as vars() gives), or what was set on it. */
function callableAttr(v: PyCallable, name: string): PyValue | undefined {
  const own = v.attributes();
  switch (name) {
    case '__name__':
      return v.name;
    case '__qualname__':
      return (v as PyCallable & { qualname?: string }).qualname ?? v.name;
    case '__doc__':
      if (own?.doc !== undefined) return own.doc;
      return (v as PyCallable & { doc?: string }).doc ?? None;
    case '__module__':
      return own === undefined ? undefined : (own.module ?? '__main__');
    case '__dict__':
      return own === undefined ? undefined : new PyDict(own.dict);
  }
  return own?.dict.get(name);
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
      return isPromise(r) ? r.then(() => undefined) : undefined;
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
  const own = v instanceof PyCallable ? v.attributes() : undefined;
  if (own !== undefined) return setFunctionAttr(own, name, value);
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

/** `f.name = value` on a function: its names and doc are checked and kept apart from its `__dict__`, as CPython's. */
function setFunctionAttr(own: FunctionAttributes, name: string, value: PyValue): void {
  switch (name) {
    case '__name__':
    case '__qualname__':
      if (typeof value !== 'string') throw pyError('TypeError', `${name} must be set to a string object`);
      if (name === '__name__') own.name = value;
      else own.qualname = value;
      return;
    case '__doc__':
      own.doc = value;
      return;
    case '__module__':
      own.module = value;
      return;
    case '__dict__':
      if (!(value instanceof PyDict))
        throw pyError('TypeError', `__dict__ must be set to a dictionary, not a '${typeName(value)}'`);
      own.dict.clear();
      for (const [k, x] of value.entries()) if (typeof k === 'string') own.dict.set(k, x);
      return;
  }
  own.dict.set(name, value);
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
  if (v instanceof PyCallable && v.attributes()?.dict.delete(name)) return;
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

// Calls

/** `obj.method` read without calling it: the function with its first argument bound. */
export class BoundMethod extends PyCallable {
  constructor(
    public self: PyValue,
    public func: PyValue,
  ) {
    super(methodType);
  }
  get name(): string {
    return this.func instanceof PyCallable ? this.func.name : '?';
  }
  call(args: PyValue[], kwargs: Kwargs | null): MaybePromise<PyValue> {
    return call(this.func, [this.self, ...args], kwargs);
  }
}

export function call(f: PyValue, args: PyValue[], kwargs: Kwargs | null = null): MaybePromise<PyValue> {
  if (f instanceof PyCallable) return f.call(args, kwargs);
  if (f instanceof PyType) {
    if (f.construct) return f.construct.call(args, kwargs);
    return instantiate(f, args, kwargs);
  }
  const m = typeOf(f).lookup('__call__');
  if (m !== undefined) return call(m, [f, ...args], kwargs);
  throw pyError('TypeError', `'${typeName(f)}' object is not callable`);
}

export function isCallable(f: PyValue): boolean {
  return f instanceof PyCallable || f instanceof PyType || typeOf(f).lookup('__call__') !== undefined;
}

// repr / str

/** For each class defined in Python, the builtin type it would subclass (not supported), if any. */
const nativeBases = new WeakMap<PyType, PyType | null>();

let objectInit: PyValue | undefined;
let lastClass: PyType | undefined;
let lastNativeBase: PyType | null = null;

/** The class's native base other than object (subclassing one is not supported), or null. */
function nativeBaseOf(cls: PyType): PyType | null {
  // A loop makes one class's instances again and again: its answer is kept at hand.
  if (cls === lastClass) return lastNativeBase;
  let nativeBase = nativeBases.get(cls);
  if (nativeBase === undefined) {
    nativeBase = cls.mro.find((t) => t !== cls && t.construct && t !== objectType) ?? null;
    nativeBases.set(cls, nativeBase);
  }
  lastClass = cls;
  lastNativeBase = nativeBase;
  return nativeBase;
}

/**
 * True when calling `cls` makes a plain PyInstance and runs its __init__ (a class defined in
 * Python, no exception class, no native base): what a compiled call may do itself.
 */
export function isPlainClass(cls: PyType): boolean {
  return !cls.native && !cls.construct && !cls.isException && nativeBaseOf(cls) === null;
}

/** Calling a class defined in Python: a new instance, then its __init__. */
function instantiate(cls: PyType, args: PyValue[], kwargs: Kwargs | null): MaybePromise<PyValue> {
  if (cls.native && !cls.construct)
    throw pyError('TypeError', `cannot create '${cls.qualifiedName}' instances`);
  const nativeBase = nativeBaseOf(cls);
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
  const withSelf = new Array<PyValue>(args.length + 1);
  withSelf[0] = inst;
  for (let i = 0; i < args.length; i++) withSelf[i + 1] = args[i];
  const r = call(init, withSelf, kwargs);
  if (isPromise(r)) return r.then((x) => checkInit(x, inst));
  return checkInit(r, inst);
}

/** The instance, once its __init__ returned `r` (which must be None). */
export function checkInit(r: PyValue, inst: PyValue): PyValue {
  if (r !== None) throw pyError('TypeError', `__init__() should return None, not '${typeName(r)}'`);
  return inst;
}
