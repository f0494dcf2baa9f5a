// Python's builtin functions (print, len, sorted, isinstance, …), made once per session: print and
// display write to the session's stdout.
import {
  boolType,
  BoundArgs,
  builtinExceptions,
  defineFunction,
  dictType,
  Ellipsis,
  floatType,
  frozensetType,
  intType,
  isPromise,
  IterResult,
  listType,
  MaybePromise,
  NativeFunction,
  None,
  NotImplemented,
  objectId,
  objectType,
  PyCallable,
  PyDict,
  pyError,
  PyException,
  PyFloat,
  PyInstance,
  pyInt,
  PyIterator,
  PyList,
  PyModule,
  PyNative,
  PyObject,
  PyProperty,
  PySet,
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
  stopIteration,
} from '../objects.js';
import {
  binaryOp,
  BoundMethod,
  call,
  callDunder,
  compare,
  delAttr,
  DictView,
  format,
  getAttr,
  getIter,
  ZipIterator,
  isCallable,
  iterate,
  len,
  lookupAttr,
  ltSync,
  mapMP,
  repr,
  setAttr,
  str,
  then,
  toArrayMP,
  truthy,
} from '../runtime.js';
import { absolute, fast, isinstanceOf, lazyIterator } from './helpers.js';
import {
  classMethodType,
  dictReverseIteratorTypes,
  enumerateType,
  filterType,
  mapType,
  reversedType,
  staticMethodType,
  superType,
  zipType,
} from './types.js';
import { sortSync } from './container-methods.js';
import { roundValue } from './number-methods.js';

export interface BuiltinContext {
  stdout(text: string): void;
}

function minMax(name: 'min' | 'max') {
  const op = name === 'max' ? '>' : '<';
  return new NativeFunction(name, (args, kwargs) => {
    const key = kwargs?.get('key') ?? None;
    const dflt = kwargs?.get('default');
    for (const k of kwargs?.keys() ?? [])
      if (k !== 'key' && k !== 'default')
        throw pyError('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
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
      const sig = f.signature.replace(/^\(self(,\s*\/)?,?\s*/, '(');
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

type Builtins = Map<string, PyValue>;

/** fn(name, spec, impl, doc) adds a function defined by its Python signature. */
function definer(b: Builtins) {
  return (
    name: string,
    spec: string,
    impl: (a: BoundArgs) => MaybePromise<PyValue | undefined | void>,
    doc?: string,
  ) => b.set(name, defineFunction(name, spec, impl, doc));
}

/** The builtins of one session (print, display and help write to its stdout). */
export function makeBuiltins(ctx: BuiltinContext): Map<string, PyValue> {
  const b: Builtins = new Map();
  addOutput(b, ctx);
  addNumbers(b);
  addIteration(b);
  addIntrospection(b, ctx);
  addRefused(b);
  addNames(b);
  return b;
}

/** print, display, repr, ascii, format: text out of values, and the session's stdout. */
function addOutput(b: Builtins, ctx: BuiltinContext): void {
  const fn = definer(b);
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
        if (typeof sep !== 'string')
          throw pyError('TypeError', `sep must be None or a string, not ${typeName(sep)}`);
        if (typeof end !== 'string')
          throw pyError('TypeError', `end must be None or a string, not ${typeName(end)}`);
        const s = sep;
        const e = end;
        const parts = mapMP(args, str);
        if (isPromise(parts)) return parts.then((p) => void ctx.stdout(p.join(s) + e));
        ctx.stdout(parts.join(s) + e);
        return None;
      },
      "print(value, ..., sep=' ', end='\\n')\n\nPrints the values, separated by sep and followed by end.",
    ),
  );
  b.set(
    'display',
    new NativeFunction(
      'display',
      (args) =>
        then(mapMP(args, repr), (texts) => {
          for (const t of texts) ctx.stdout(t + '\n');
          return None;
        }),
      "display(*objs)\n\nShows each object's repr on its own line, as a notebook displays it.",
    ),
  );
  fn('repr', 'obj, /', (a) => repr(a.obj), 'Return the canonical string representation of the object.');
  fn('ascii', 'obj, /', (a) => repr(a.obj));
  fn('format', "value, format_spec='', /", (a) => format(a.value, a.format_spec as string));
}

/** Numbers: abs, round, divmod, pow, sum, min, max, hash, chr, ord, bin, oct, hex. */
function addNumbers(b: Builtins): void {
  const fn = definer(b);
  fn('abs', 'x, /', (a) => absolute(a.x));
  fn('round', 'number, ndigits=None', (a) => roundValue(a.number, a.ndigits));
  fn('divmod', 'a, b, /', (a) =>
    then(binaryOp('//', a.a, a.b), (q) => then(binaryOp('%', a.a, a.b), (r) => new PyTuple([q, r]))),
  );
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
      if (typeof acc === 'string')
        throw pyError('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
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
  const hashOf = (v: PyValue): MaybePromise<PyValue> => {
    if (v instanceof PyTuple) {
      return then(mapMP(v.items, hashOf), (hs) => {
        let h = 0x345678;
        for (const x of hs) h = (Math.imul(h ^ Number(x), 1000003) + 97531) | 0;
        return h === -1 ? -2 : h;
      });
    }
    // A class's own __hash__, or __hash__ = None (a deque, functools' K objects): unhashable.
    if ((v instanceof PyInstance && !v.cls.isException) || v instanceof PyNative) {
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
    if (v instanceof PyList || v instanceof PyDict || (v instanceof PySet && v.cls === setType))
      throw pyError('TypeError', `unhashable type: '${typeName(v)}'`);
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
    if (typeof s !== 'string')
      throw pyError('TypeError', `ord() expected string of length 1, but ${typeName(s)} found`);
    const chars = [...s];
    if (chars.length !== 1)
      throw pyError('TypeError', `ord() expected a character, but string of length ${chars.length} found`);
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
}

/** Iteration: len, any, all, sorted, reversed, enumerate, zip, map, filter, iter, next. */
function addIteration(b: Builtins): void {
  const fn = definer(b);
  const lenFn = fast(
    'len',
    1,
    1,
    (args) => len(args[0]),
    'Return the number of items in a container.',
    '(obj, /)',
  );
  lenFn.unary = len;
  b.set('len', lenFn);
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
      return then(toArrayMP(args[0]), (items) =>
        then(truthy(reverse), (rev) => then(sortSync(items, key, rev), (s) => new PyList(s))),
      );
    }),
  );
  fn('reversed', 'seq, /', (a) => {
    const s = a.seq;
    // Dicts and their views are reversible since 3.8: keys (values, items) from the last in.
    if (s instanceof PyDict || s instanceof DictView) {
      const items = s instanceof PyDict ? s.keys() : s.items();
      const kind = s instanceof PyDict ? 'keys' : s.kind;
      let i = items.length;
      return lazyIterator(dictReverseIteratorTypes[kind], () => (i > 0 ? items[--i] : STOP));
    }
    if (s instanceof PySet || s instanceof PyIterator)
      throw pyError('TypeError', `'${typeName(s)}' object is not reversible`);
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
      return lazyIterator(enumerateType, () =>
        then(it.next(), (x) => (x === STOP ? STOP : new PyTuple([i++, x]))),
      );
    }),
  );
  b.set(
    'zip',
    new NativeFunction('zip', (args, kwargs) => {
      const strict = kwargs?.get('strict') === true;
      return then(
        mapMP(args, (x) => getIter(x)),
        (its) => new ZipIterator(its, strict, () => zipStep(its, strict), zipType),
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
            // As zip: the first iterator that runs out ends the step; those after it stay put.
            then(zipStep(its, false), (xs) => (xs === STOP ? STOP : call(f, (xs as PyTuple).items, null))),
          ),
      );
    }),
  );
  fn('filter', 'function, iterable, /', (a) =>
    then(getIter(a.iterable), (it) => {
      const next = (): MaybePromise<IterResult> =>
        then(it.next(), (x) => {
          if (x === STOP) return STOP;
          return then(a.function === None ? x : call(a.function, [x], null), (r) =>
            then(truthy(r), (t) => (t ? x : next())),
          );
        });
      return lazyIterator(filterType, next);
    }),
  );
  fn('iter', 'obj, /', (a) => getIter(a.obj));
  b.set(
    'next',
    new NativeFunction('next', (args) => {
      if (args.length === 0 || args.length > 2)
        throw pyError(
          'TypeError',
          `next expected ${args.length ? 'at most 2 arguments' : 'at least 1 argument'}, got ${args.length}`,
        );
      const it = args[0];
      if (!(it instanceof PyIterator)) {
        // next(it, default): a StopIteration from __next__ gives the default.
        const orDefault = (e: unknown): PyValue => {
          if (
            args.length > 1 &&
            e instanceof PyException &&
            e.exc.cls.isSubtypeOf(builtinExceptions.StopIteration)
          )
            return args[1];
          throw e;
        };
        let nx: MaybePromise<PyValue> | undefined;
        try {
          nx = callDunder(it, '__next__');
        } catch (e) {
          return orDefault(e);
        }
        if (nx === undefined) throw pyError('TypeError', `'${typeName(it)}' object is not an iterator`);
        return isPromise(nx) ? nx.catch(orDefault) : nx;
      }
      return then(it.next(), (x) => {
        if (x !== STOP) return x;
        if (args.length > 1) return args[1];
        throw stopIteration(it);
      });
    }),
  );
}

/** Introspection: isinstance, issubclass, getattr and friends, callable, id, dir, help, vars. */
function addIntrospection(b: Builtins, ctx: BuiltinContext): void {
  const fn = definer(b);
  b.set(
    'isinstance',
    fast(
      'isinstance',
      2,
      2,
      (args) => isinstanceOf(args[0], args[1]),
      'Return whether an object is an instance of a class or of a subclass thereof.',
      '(obj, classinfo, /)',
    ),
  );
  fn('issubclass', 'cls, classinfo, /', (a) => {
    if (!(a.cls instanceof PyType)) throw pyError('TypeError', 'issubclass() arg 1 must be a class');
    const c = a.cls;
    const check = (x: PyValue): boolean => {
      if (x instanceof PyTuple) return x.items.some(check);
      if (!(x instanceof PyType))
        throw pyError('TypeError', 'issubclass() arg 2 must be a class, a tuple of classes, or a union');
      return c.isSubtypeOf(x);
    };
    return check(a.classinfo);
  });
  const attrName = (v: PyValue): string => {
    if (typeof v !== 'string')
      throw pyError('TypeError', `attribute name must be string, not '${typeName(v)}'`);
    return v;
  };
  b.set(
    'getattr',
    new NativeFunction('getattr', (args) => {
      if (args.length < 2)
        throw pyError('TypeError', `getattr expected at least 2 arguments, got ${args.length}`);
      const name = attrName(args[1]);
      if (args.length > 2) {
        try {
          const r = lookupAttr(args[0], name);
          if (r === undefined) return args[2];
          if (isPromise(r)) return r.catch(() => args[2]);
          return r;
        } catch (e) {
          if (e instanceof PyException && e.exc.cls.isSubtypeOf(builtinExceptions.AttributeError))
            return args[2];
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
      if (isPromise(r))
        return r.then(
          () => true,
          () => false,
        );
      return r !== undefined;
    } catch (e) {
      if (e instanceof PyException && e.exc.cls.isSubtypeOf(builtinExceptions.AttributeError)) return false;
      throw e;
    }
  });
  fn('callable', 'obj, /', (a) => isCallable(a.obj));
  fn('id', 'obj, /', (a) => {
    const v = a.obj;
    if (v instanceof PyObject || v instanceof PyFloat) return objectId(v) * 16 + 0x7f0000000000;
    return typeof v === 'number' ? v * 32 + 0x900000 : 0x8f0000 + String(v).length;
  });
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
    if (a.obj instanceof PyInstance || a.obj instanceof PyModule) return new PyDict(a.obj.dict);
    throw pyError('TypeError', 'vars() argument must have __dict__ attribute');
  });
}

/** What a lesson page cannot do (no console, no eval, no files): a clear error each. */
function addRefused(b: Builtins): void {
  const fn = definer(b);
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
}

/** The builtin types, constants and exception classes by their names. */
function addNames(b: Builtins): void {
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
}

/** `argument 2` / `arguments 1-2`, as CPython's zip(strict=True) names the iterables. */
const zipArguments = (k: number) => (k === 1 ? 'argument 1' : `arguments 1-${k}`);

/**
 * One step of zip, as CPython takes it: the iterators advance in order and the first one that runs
 * out ends the step (those after it are not advanced). With strict=True, unequal lengths raise.
 */
function zipStep(its: PyIterator[], strict: boolean): MaybePromise<IterResult> {
  const n = its.length;
  if (n === 0) return STOP;
  const xs = new Array<PyValue>(n);
  const exhausted = (k: number): MaybePromise<IterResult> => {
    if (!strict) return STOP;
    if (k > 0) throw pyError('ValueError', `zip() argument ${k + 1} is shorter than ${zipArguments(k)}`);
    // The first ran out: every other must have run out too.
    const rest = (j: number): MaybePromise<IterResult> => {
      for (; j < n; j++) {
        const y = its[j].next();
        if (isPromise(y)) {
          const at = j;
          return y.then((v) => (v === STOP ? rest(at + 1) : longer(at)));
        }
        if (y !== STOP) return longer(j);
      }
      return STOP;
    };
    return rest(1);
  };
  const longer = (j: number): never => {
    throw pyError('ValueError', `zip() argument ${j + 1} is longer than ${zipArguments(j)}`);
  };
  // Without a Promise unless an iterator's next() waits.
  const from = (k: number): MaybePromise<IterResult> => {
    for (; k < n; k++) {
      const x = its[k].next();
      if (isPromise(x)) {
        const at = k;
        return x.then((v) => {
          if (v === STOP) return exhausted(at);
          xs[at] = v as PyValue;
          return from(at + 1);
        });
      }
      if (x === STOP) return exhausted(k);
      xs[k] = x as PyValue;
    }
    return new PyTuple(xs);
  };
  return from(0);
}
