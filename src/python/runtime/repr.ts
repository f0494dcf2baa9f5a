// repr() and str() of any value: builtin forms, user __repr__/__str__, recursion guards ([...]), and
// a synchronous repr for error messages.
import {
  builtinExceptions,
  dictType,
  listType,
  tupleType,
  exceptionArgs,
  iteratorType,
  MaybePromise,
  NativeFunction,
  objectId,
  PyCallable,
  PyDict,
  PyFloat,
  PyInstance,
  PyIterator,
  PyList,
  PyModule,
  PyObject,
  PySet,
  PySlice,
  PyTuple,
  PyType,
  PyValue,
  singletonText,
  typeName,
  typeOf,
} from '../objects.js';
import { floatRepr, strRepr } from '../format.js';
import { isPromise, mapMP, then } from '../maybe-promise.js';
import { DictView, PyRange } from './values.js';
import { BoundMethod, call } from './attributes.js';

const reprActive = new Set<object>();

const builtinContainers = new Set<PyType>([dictType, tupleType, listType]);

/** The address CPython-style reprs show for an object (`<… object at 0x7f…>`), stable per object. */
export function addressOf(o: object): string {
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
  if (isPromise(r))
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
  // A container of a class of its own (Counter, a namedtuple) shows as that class says.
  if ((v instanceof PyDict || v instanceof PyTuple || v instanceof PyList) && !builtinContainers.has(v.cls)) {
    const own = v.cls.lookup('__repr__');
    if (own !== undefined)
      return then(call(own, [v], null), (s) => (typeof s === 'string' ? s : reprSync(s)));
  }
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
    return isPromise(parts)
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
  if (v instanceof DictView) return `${v.cls.name}(${reprSync(new PyList(v.items()))})`;
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
  if (v instanceof PyObject && !(v instanceof PyDict) && !(v instanceof PySet) && !(v instanceof PyType)) {
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
  if (isPromise(r)) r.catch(() => undefined);
}

export function str(v: PyValue): MaybePromise<string> {
  if (typeof v === 'string') return v;
  if (v instanceof PyObject) {
    const t = v.cls;
    const custom = t.lookup('__str__');
    if (custom !== undefined)
      return then(call(custom, [v], null), (s) => (typeof s === 'string' ? s : reprSync(s)));
    if (v instanceof PyInstance && t.isException) return exceptionStr(v);
  }
  return repr(v);
}

/** str(exc) as CPython gives it, waiting for args whose repr is async (a GPU tensor's values). */
/** `str(exc)` without running Python code (a user __str__, a tensor's read): for messages. */
export function exceptionMessage(exc: PyInstance): string {
  const args = exceptionArgs(exc);
  if (args.length === 0) return '';
  if (args.length === 1) {
    const a = args[0];
    if (exc.cls.isSubtypeOf(builtinExceptions.KeyError)) return reprSync(a);
    return typeof a === 'string' ? a : reprSync(a);
  }
  return reprSync(new PyTuple(args));
}

export function exceptionStr(exc: PyInstance): MaybePromise<string> {
  const args = exceptionArgs(exc);
  if (args.length === 0) return '';
  if (args.length > 1) return repr(new PyTuple(args));
  return exc.cls.isSubtypeOf(builtinExceptions.KeyError) ? repr(args[0]) : str(args[0]);
}

// Truth, length
