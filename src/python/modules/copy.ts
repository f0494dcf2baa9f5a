// `import copy`: copy.copy and copy.deepcopy as CPython's do them for the values lessons copy
// (lists, dicts and their classes, sets, tuples, instances of a program's classes, a model and its
// state_dict): a class's own __copy__ / __deepcopy__ first; deepcopy keeps shared objects shared
// (its memo) and copies a cycle once. Tensors deep-copy through torch's Tensor.__deepcopy__.
import {
  defineFunction,
  frozensetType,
  type MaybePromise,
  type ModuleFactory,
  newModule,
  PyCallable,
  PyDict,
  pyError,
  PyFloat,
  PyInstance,
  PyIterator,
  PyList,
  PyModule,
  PyNative,
  PyObject,
  PySet,
  PyTuple,
  PyType,
  type PyValue,
  typeName,
} from '../objects.js';
import { call, mapMP, then } from '../runtime.js';

/** Values copy returns as they are: numbers, strings, None, classes, functions, modules. */
function atomic(v: PyValue): boolean {
  return (
    !(v instanceof PyObject) ||
    v instanceof PyFloat ||
    v instanceof PyType ||
    v instanceof PyCallable ||
    v instanceof PyModule
  );
}

function refuse(v: PyValue): never {
  throw pyError('TypeError', `cannot pickle '${typeName(v)}' object`);
}

/** A dict of `d`'s own class, empty (a defaultdict keeps its factory through its __copy__). */
function emptyLike(d: PyDict): MaybePromise<PyDict> {
  const own = d.cls.lookup('__copy__');
  if (own === undefined) {
    const out = new PyDict();
    out.cls = d.cls;
    return out;
  }
  return then(call(own, [d]), (c) => {
    (c as PyDict).map.clear();
    return c as PyDict;
  });
}

/** A new instance of `v`'s class with no __init__ run, as copy's reconstruction makes one. */
function blankInstance(v: PyInstance): PyInstance {
  return new PyInstance(v.cls);
}

function shallow(v: PyValue): MaybePromise<PyValue> {
  if (atomic(v) || (v instanceof PyTuple && v.cls.lookup('__copy__') === undefined)) return v;
  const obj = v as PyObject;
  const own = obj.cls.lookup('__copy__');
  if (own !== undefined) return call(own, [v]);
  if (v instanceof PyList) {
    const out = new PyList(v.items.slice());
    out.cls = v.cls;
    return out;
  }
  if (v instanceof PyDict)
    return then(emptyLike(v), (d) => (v.entries().forEach(([k, x]) => d.set(k, x)), d));
  if (v instanceof PySet) return new PySet(v.values(), v.cls === frozensetType);
  if (v instanceof PyInstance) {
    const out = blankInstance(v);
    for (const [k, x] of v.dict) out.dict.set(k, x);
    return out;
  }
  const deepOwn = obj.cls.lookup('__deepcopy__');
  if (v instanceof PyNative && deepOwn !== undefined) return call(deepOwn, [v, new PyDict()]);
  if (v instanceof PyIterator) refuse(v);
  return v;
}

function deep(v: PyValue, memo: Map<object, PyValue>, memoDict: PyDict): MaybePromise<PyValue> {
  if (atomic(v)) return v;
  const obj = v as PyObject;
  const seen = memo.get(obj);
  if (seen !== undefined) return seen;
  const remember = <T extends PyValue>(copy: T): T => (memo.set(obj, copy), copy);
  const own = obj.cls.lookup('__deepcopy__');
  if (own !== undefined) return then(call(own, [v, memoDict]), remember);
  const again = (x: PyValue) => deep(x, memo, memoDict);
  if (v instanceof PyTuple) {
    return then(mapMP(v.items, again), (items) => {
      // a tuple of atoms (or of the same objects) is its own copy, as in CPython
      if (items.every((x, i) => x === v.items[i])) return remember(v);
      const out = new PyTuple(items);
      out.cls = v.cls;
      return remember(out);
    });
  }
  if (v instanceof PyList) {
    const out = remember(new PyList([]));
    out.cls = v.cls;
    return then(mapMP(v.items, again), (items) => ((out.items = items), out));
  }
  if (v instanceof PyDict) {
    return then(emptyLike(v), (d) => {
      remember(d);
      return then(
        mapMP(v.entries(), ([k, x]) => then(again(k), (kc) => then(again(x), (xc) => d.set(kc, xc)))),
        () => d,
      );
    });
  }
  if (v instanceof PySet)
    return then(mapMP(v.values(), again), (items) => remember(new PySet(items, v.cls === frozensetType)));
  if (v instanceof PyInstance) {
    if (v.cls.isException) return v;
    const out = remember(blankInstance(v));
    return then(
      mapMP([...v.dict], ([k, x]) => then(again(x), (xc) => void out.dict.set(k, xc))),
      () => out,
    );
  }
  if (v instanceof PyIterator) refuse(v);
  // other native values (dtype, device, Size, a Generator): immutable here, shared as they are
  return v;
}

export const copyModule: ModuleFactory = () =>
  newModule(
    'copy',
    {
      copy: defineFunction('copy', 'x', (a) => shallow(a.x)),
      deepcopy: defineFunction('deepcopy', 'x, memo=None', (a) => {
        const memoDict = a.memo instanceof PyDict ? a.memo : new PyDict();
        return deep(a.x, new Map(), memoDict);
      }),
    },
    'Shallow and deep copy operations, as in CPython 3.11.',
  );
