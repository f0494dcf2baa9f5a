/**
 * torchlet's Python object model: what every Python-visible value is, and the API module authors
 * (torch, numpy, math, time, matplotlib) build on. The operations on values that may run Python
 * code (call, getAttr, repr, str, truthy, binaryOp, iterate) are the runtime's: import them from
 * `runtime.ts`. This file imports nothing of the runtime; the runtime builds on it.
 *
 * ## Values (`PyValue`)
 * - `int`   → JS `number` when it is a safe integer, else `bigint` (always exact; use `pyInt(n)`
 *             to normalise, `isInt(v)` to test). Never a non-integral JS number.
 * - `float` → `PyFloat` (`pyFloat(1.5)`, `.v` is the number). Kept apart from int: `1` ≠ `1.0` in print.
 *             It is the core's class (src/core/float.ts), so a float passes to tensor ops as it is.
 * - `bool`  → JS `boolean` (a subclass of int in arithmetic, as in Python).
 * - `None`  → JS `null` (`None` constant). `str` → JS `string`.
 * - `list` `tuple` `dict` `set` → `PyList` `PyTuple` `PyDict` `PySet` (`newList([...])` etc.).
 * - slices `x[a:b:c]` → `PySlice` (use `sliceIndices(s, length)`); `...` → `Ellipsis`.
 * - functions → `NativeFunction` (yours) or the interpreter's user functions; call any callable
 *   with the runtime's `call(f, args, kwargs?)`, which may return a Promise (await it).
 * - instances of native classes → `PyNative<T>` wrapping your JS object in `.value`; get one with
 *   `MyType.wrap(obj)` (cached per object, so `a is b` holds for the same JS object).
 * - `toNumber(v)` (int/float/bool → number, else TypeError), `toIndex(v)` and `isNumberLike(v)`
 *   convert between Python and JS.
 *
 * ## Raising Python exceptions from native code
 *   `throw pyError('ValueError', 'only one element tensors can be converted to Python scalars')`
 * Any other JS error thrown by native code becomes a Python exception: an Error whose `pyType`
 * (or `name`) is a Python exception name keeps that type (e.g. `RuntimeError`), others become
 * `RuntimeError` with the JS message. Never let a JS object escape into Python.
 *
 * ## Native functions
 *   defineFunction('zeros', '*size, dtype=None, requires_grad=False', (a) => ...)
 * The spec lists parameters as Python writes them (`x`, `x=default`, `/`, `*args`, `*`, `**kwargs`);
 * defaults are Python literals (None True False numbers 'strings'). A builtin type's method may word
 * its wrong calls as its C original does (`{ owner: 'str', convention: 'clinic' }`, see
 * signature.ts; builtins/helpers.ts's `method` passes it for a spec with `/`). `a` maps each name to its
 * value (`*args` → PyTuple, `**kwargs` → PyDict). Return a PyValue or a Promise of one (the
 * evaluator awaits it: GPU readbacks, sleep). Raw form: `new NativeFunction(name, (args, kwargs) => …)`.
 * Methods are functions whose first parameter is `self`.
 *
 * ## Native classes
 *   const TensorType = defineNativeType<Tensor>({ name: 'Tensor', module: 'torch',
 *     methods: { sum: defineFunction('sum', 'self, dim=None, keepdim=False', (a) => …),
 *                __add__: …, __radd__: …, __repr__: …, __getitem__: … },
 *     properties: { grad: { get: (self) => …, set: (self, v) => … } },
 *     construct: defineFunction('Tensor', '*data', …) });   // when Python calls the class
 * Operator slots are methods with Python's dunder names (__add__ __radd__ … __matmul__ __neg__
 * __getitem__ __setitem__ __len__ __iter__ __bool__ __float__ __int__ __index__ __repr__ __str__
 * __format__ __contains__ __eq__ __lt__ …, __iadd__ etc. fall back to the binary op). Return
 * `NotImplemented` to let the other operand try. `__iter__` may return any iterable PyValue or
 * `makeIterator(jsIterable)`. `type(x)` prints `<class 'torch.Tensor'>` from name + module.
 *
 * ## Modules
 *   export const numpyModule: ModuleFactory = (ctx) => newModule('numpy', { array: …, random: … })
 * and one line in `stdlib.ts` names it (`import numpy.random` finds the attribute `random`).
 * Factories run lazily, once per session, on first import. `ctx: SessionContext` gives the
 * current run's default device (`ctx.device`), `ctx.stdout(text)`, `ctx.figure(spec)`,
 * `ctx.sleep(ms)` (cancellable), `ctx.checkCancelled()`, `ctx.state` (per-session storage) and
 * `ctx.onCellEnd(fn)` (after every cell, e.g. matplotlib showing a figure left open).
 *
 * ## Calling back into Python (from `runtime.ts`)
 *   import { call as callPython } from '../runtime.js';
 *   const r = await callPython(fn, [x]);       // e.g. map(float, …), a vectorised callable
 *   iterate with `await iterate(v, (item) => …)` or `await toArrayMP(v)`.
 * `repr(v)`, `str(v)`, `getAttr(v, name)`, `truthy(v)`, `binaryOp('+', a, b)` work on any value
 * and may return Promises when they end up in Python code; always `await` them in async code.
 */

import type { FigureSpec } from '../protocol/figure.js';
import { floatRepr } from '../core/decimal.js';
import { PyFloat, pyFloat } from '../core/float.js';
import { isPromise, type MaybePromise } from './maybe-promise.js';
import { InstanceDict } from './instance-dict.js';
import {
  argShape,
  countMessage,
  type DefineOptions,
  givenTwiceMessage,
  invalidKeywordMessage,
  missingMessage,
  noKeywordsMessage,
  parseSpec,
  refusesKeywords,
  tooManyPositional,
  unboundMessage,
} from './signature.js';
export type { CallConvention, DefineOptions } from './signature.js';
export type { MaybePromise } from './maybe-promise.js';

export type PyValue = number | bigint | boolean | string | null | PyFloat | PyObject;
export { PyFloat, pyFloat };
export type Kwargs = Map<string, PyValue>;
export type NativeImpl = (args: PyValue[], kwargs: Kwargs | null) => MaybePromise<PyValue | undefined | void>;

export const None = null;

export { isPromise } from './maybe-promise.js';

// ---------------------------------------------------------------------------------------------
// Base classes

export abstract class PyObject {
  constructor(public cls: PyType) {}
}

/** An attribute defined by get/set functions on a type (Python's property / getset descriptor). */
export interface PropertySpec<S = PyObject> {
  get(self: S): MaybePromise<PyValue>;
  set?(self: S, value: PyValue): MaybePromise<void>;
  doc?: string;
}

export class PyProperty extends PyObject {
  constructor(
    public getter: (self: PyValue) => MaybePromise<PyValue>,
    public setter?: (self: PyValue, value: PyValue) => MaybePromise<void>,
    public doc?: string,
  ) {
    super(propertyType);
  }
}

export interface PyTypeOptions {
  module?: string;
  bases?: PyType[];
  doc?: string;
  /** Called when Python calls the class (`torch.device('cpu')`); native classes only. */
  construct?: NativeFunction;
  native?: boolean;
  /** CPython's tp_name, when it is not `name`: a C type's messages name its module ('itertools.count' object is not subscriptable). */
  tpName?: string;
}

/** Cached "no such attribute" in a type's lookup cache. */
const MISSING: unique symbol = Symbol('missing');

/** Bumped on every change to any class's attributes; invalidates the per-type lookup caches. */
let typeVersion = 0;

/** The current class-attribute version: a lookup made at this version holds until it changes. */
export function currentTypeVersion(): number {
  return typeVersion;
}

/** A class's attribute table; changes invalidate attribute lookup caches. */
class TypeDict extends Map<string, PyValue> {
  override set(key: string, value: PyValue): this {
    typeVersion++;
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    typeVersion++;
    return super.delete(key);
  }
  override clear(): void {
    typeVersion++;
    super.clear();
  }
}

export class PyType extends PyObject {
  readonly dict: Map<string, PyValue> = new TypeDict();
  private cache = new Map<string, PyValue | typeof MISSING>();
  private cacheVersion = -1;
  bases: PyType[];
  mro: PyType[];
  module: string | undefined;
  doc: string | undefined;
  construct: NativeFunction | undefined;
  native: boolean;
  /** The name CPython's messages give the type (tp_name): `name`, or `module.name` for a C type outside builtins. */
  readonly tpName: string;
  /** Set for exception classes. */
  isException = false;
  private wrappers: WeakMap<object, PyNative<unknown>> | undefined;

  constructor(
    public name: string,
    options: PyTypeOptions = {},
  ) {
    // typeType is created first with a placeholder class, fixed right after.
    super(typeType);
    this.module = options.module;
    this.doc = options.doc;
    this.construct = options.construct;
    this.native = options.native ?? false;
    this.tpName = options.tpName ?? name;
    this.bases = options.bases ?? (objectType ? [objectType] : []);
    this.mro = computeMro(this);
    this.isException = this.bases.some((b) => b.isException);
  }

  /** `module.Name`, or just `Name` for builtins. */
  get qualifiedName(): string {
    return this.module && this.module !== 'builtins' ? `${this.module}.${this.name}` : this.name;
  }

  /** Looks an attribute up along the MRO (class attributes, methods, properties). */
  lookup(name: string): PyValue | undefined {
    if (this.cacheVersion !== typeVersion) {
      this.cache.clear();
      this.cacheVersion = typeVersion;
    }
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit === MISSING ? undefined : (hit as PyValue);
    let found: PyValue | undefined;
    for (const t of this.mro) {
      const v = t.dict.get(name);
      if (v !== undefined) {
        found = v;
        break;
      }
    }
    this.cache.set(name, found === undefined ? MISSING : found);
    return found;
  }

  isSubtypeOf(other: PyType): boolean {
    return this === other || this.mro.includes(other);
  }

  /** The Python object wrapping `value`, the same one for the same JS object. */
  wrap<T>(value: T): PyNative<T> {
    if (typeof value !== 'object' || value === null) return new PyNative(this, value);
    this.wrappers ??= new WeakMap();
    let w = this.wrappers.get(value) as PyNative<T> | undefined;
    if (!w) {
      w = new PyNative(this, value);
      this.wrappers.set(value, w as PyNative<unknown>);
    }
    return w;
  }

  /** Adds methods (NativeFunctions) and properties to this type. */
  define(
    methods: Record<string, NativeFunction | PyValue> = {},
    properties: Record<string, PropertySpec<never>> = {},
  ): this {
    for (const [k, v] of Object.entries(methods)) this.dict.set(k, v);
    for (const [k, p] of Object.entries(properties)) {
      const spec = p as unknown as PropertySpec<PyValue>;
      this.dict.set(k, new PyProperty(spec.get, spec.set, spec.doc));
    }
    return this;
  }
}

function computeMro(t: PyType): PyType[] {
  // C3 linearisation, enough for the single and simple multiple inheritance of lessons.
  const seqs = [...t.bases.map((b) => [...b.mro]), [...t.bases]];
  const out: PyType[] = [t];
  for (;;) {
    const nonEmpty = seqs.filter((s) => s.length > 0);
    if (nonEmpty.length === 0) return out;
    let head: PyType | undefined;
    for (const s of nonEmpty) {
      const cand = s[0];
      if (!nonEmpty.some((o) => o.indexOf(cand) > 0)) {
        head = cand;
        break;
      }
    }
    if (!head) throw pyError('TypeError', 'Cannot create a consistent method resolution order (MRO)');
    out.push(head);
    for (const s of nonEmpty) if (s[0] === head) s.shift();
  }
}

/** An instance of a native class, wrapping a JS object (Tensor, ndarray, dtype, device …). */
export class PyNative<T = unknown> extends PyObject {
  constructor(
    cls: PyType,
    public value: T,
  ) {
    super(cls);
  }
}

/** An instance of a class defined in Python (and of exception classes). */
export class PyInstance extends PyObject {
  readonly dict = new InstanceDict<PyValue>();
}

/** A float whose class is a subclass of float (numpy.float64): it computes as a float, type() names its class. */
export class SubclassFloat extends PyFloat {
  constructor(
    v: number,
    readonly cls: PyType,
  ) {
    super(v);
  }
}

export class PyList extends PyObject {
  constructor(public items: PyValue[] = []) {
    super(listType);
  }
}

export class PyTuple extends PyObject {
  constructor(public readonly items: PyValue[] = []) {
    super(tupleType);
  }
}

export class PySlice extends PyObject {
  constructor(
    public start: PyValue,
    public stop: PyValue,
    public step: PyValue,
  ) {
    super(sliceType);
  }
}

/** Hash key of a Python value: equal Python values (1, 1.0, True) give the same key. */
export type HashKey = number | bigint | string | object;

/** While above 0, a running cell does not yield to the event loop (a __hash__ being called for a key). */
export const yieldHold = { count: 0 };

export function hashKey(v: PyValue): HashKey {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null) return NoneKey;
  if (v instanceof PyFloat) {
    const x = v.v;
    if (Number.isInteger(x) && !Number.isSafeInteger(x)) return BigInt(x);
    return x;
  }
  if (v instanceof PyTuple) return '\u0000t' + v.items.map((i) => keyString(hashKey(i))).join('\u0001');
  if (v instanceof PyList || v instanceof PyDict || v instanceof PySet) {
    throw pyError('TypeError', `unhashable type: '${v.cls.tpName}'`);
  }
  if (v instanceof PyNative && v.cls.lookup('__hash__') === None) {
    throw pyError('TypeError', `unhashable type: '${v.cls.tpName}'`);
  }
  if (v instanceof PyInstance && !v.cls.isException) {
    // A class defining __hash__ (with __eq__): objects with equal hashes are taken as equal keys.
    const h = v.cls.lookup('__hash__');
    if (h === None) throw pyError('TypeError', `unhashable type: '${v.cls.tpName}'`);
    if (h !== undefined) {
      // A Python function (the class's own def): call it directly; the object model sits below
      // the runtime's general call(), and nothing else is a sensible __hash__.
      if (!(h instanceof PyCallable)) throw pyError('TypeError', `'${typeName(h)}' object is not callable`);
      // A dict lookup cannot wait: the run does not yield to the event loop while __hash__ runs.
      yieldHold.count++;
      let r: MaybePromise<PyValue>;
      try {
        r = h.call([v], null);
      } finally {
        yieldHold.count--;
      }
      if (typeof r === 'number' || typeof r === 'bigint') return '\u0000h' + String(r);
      if (isPromise(r)) throw pyError('TypeError', '__hash__ must not wait');
      throw pyError('TypeError', '__hash__ method should return an integer');
    }
    if (v.cls.lookup('__eq__') !== undefined && v.cls.lookup('__eq__') !== objectType.dict.get('__eq__')) {
      throw pyError('TypeError', `unhashable type: '${v.cls.tpName}'`);
    }
  }
  return v;
}
const NoneKey = { none: true };
let objectIds = new WeakMap<object, number>();
let nextObjectId = 1;
export function objectId(o: object): number {
  let id = objectIds.get(o);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(o, id);
  }
  return id;
}
/** Resets nothing observable; exists so tests can start from small ids. */
export function resetObjectIds(): void {
  objectIds = new WeakMap();
  nextObjectId = 1;
}
function keyString(k: HashKey): string {
  if (typeof k === 'string') return 's' + JSON.stringify(k);
  if (typeof k === 'number') return 'n' + String(k);
  if (typeof k === 'bigint') return 'n' + k.toString();
  return 'o' + objectId(k);
}

export class PyDict extends PyObject {
  readonly map = new Map<HashKey, [PyValue, PyValue]>();
  constructor(entries?: Iterable<[PyValue, PyValue]>) {
    super(dictType);
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }
  get size(): number {
    return this.map.size;
  }
  get(k: PyValue): PyValue | undefined {
    return this.map.get(hashKey(k))?.[1];
  }
  set(k: PyValue, v: PyValue): void {
    const h = hashKey(k);
    const old = this.map.get(h);
    if (old) old[1] = v;
    else this.map.set(h, [k, v]);
  }
  has(k: PyValue): boolean {
    return this.map.has(hashKey(k));
  }
  delete(k: PyValue): boolean {
    return this.map.delete(hashKey(k));
  }
  keys(): PyValue[] {
    return [...this.map.values()].map((e) => e[0]);
  }
  values(): PyValue[] {
    return [...this.map.values()].map((e) => e[1]);
  }
  entries(): [PyValue, PyValue][] {
    return [...this.map.values()];
  }
}

export class PySet extends PyObject {
  readonly map = new Map<HashKey, PyValue>();
  constructor(items?: Iterable<PyValue>, frozen = false) {
    super(frozen ? frozensetType : setType);
    if (items) for (const v of items) this.add(v);
  }
  get size(): number {
    return this.map.size;
  }
  add(v: PyValue): void {
    const h = hashKey(v);
    if (!this.map.has(h)) this.map.set(h, v);
  }
  has(v: PyValue): boolean {
    return this.map.has(hashKey(v));
  }
  delete(v: PyValue): boolean {
    return this.map.delete(hashKey(v));
  }
  /** Iteration order: CPython's for sets of ints (hash-table slot order), else insertion order. */
  values(): PyValue[] {
    const vals = [...this.map.values()];
    if (vals.length < 2 || !vals.every((v) => typeof v === 'number' || typeof v === 'boolean')) return vals;
    let size = 8;
    for (let used = 1; used <= vals.length; used++) {
      if (used * 5 >= (size - 1) * 3) {
        size = 8;
        while (size <= used * 4) size <<= 1;
      }
    }
    const mask = size - 1;
    const slot = (v: PyValue) => {
      const n = typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
      const h = n === -1 ? -2 : n;
      return Number(BigInt.asUintN(64, BigInt(h)) & BigInt(mask));
    };
    return vals
      .map((v, i) => [slot(v), i, v] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map((e) => e[2]);
  }
}

export class PyModule extends PyObject {
  readonly dict = new Map<string, PyValue>();
  constructor(
    public name: string,
    attrs: Record<string, PyValue> = {},
    public doc?: string,
  ) {
    super(moduleType);
    for (const [k, v] of Object.entries(attrs)) this.dict.set(k, v);
  }
}

/** Marker returned by an iterator's `next` at the end. */
export const STOP: unique symbol = Symbol('StopIteration');
export type IterResult = PyValue | typeof STOP;

/** A Python iterator backed by a JS `next` function (which may return a Promise). */
export class PyIterator extends PyObject {
  /** What the StopIteration at its end carries: a generator's return value. */
  returnValue: PyValue = None;
  constructor(
    public next: () => MaybePromise<IterResult>,
    cls?: PyType,
  ) {
    super(cls ?? iteratorType);
  }
}

/** The StopIteration an exhausted iterator raises: StopIteration(value) after a generator's `return value`. */
export function stopIteration(it: PyIterator): PyException {
  return new PyException(
    newException(builtinExceptions.StopIteration, it.returnValue === None ? [] : [it.returnValue]),
  );
}

export function makeIterator(values: Iterable<PyValue>): PyIterator {
  const it = values[Symbol.iterator]();
  return new PyIterator(() => {
    const r = it.next();
    return r.done ? STOP : r.value;
  });
}

// ---------------------------------------------------------------------------------------------
// Callables

export abstract class PyCallable extends PyObject {
  abstract name: string;
  abstract call(args: PyValue[], kwargs: Kwargs | null): MaybePromise<PyValue>;
  /** What assignments set on this function (`f.calls = 0`, functools.wraps); undefined for a builtin, which takes none. */
  attributes(): FunctionAttributes | undefined {
    return undefined;
  }
}

/**
 * A function's own attributes: its `__dict__`, and the `__name__`, `__qualname__`, `__doc__` and
 * `__module__` assigned to it (which CPython keeps apart from `__dict__`).
 */
export class FunctionAttributes {
  readonly dict = new Map<string, PyValue>();
  name: string | undefined = undefined;
  qualname: string | undefined = undefined;
  doc: PyValue | undefined = undefined;
  module: PyValue | undefined = undefined;
}

export class NativeFunction extends PyCallable {
  /** Parameter text for help(), e.g. `(input, dim=None)`. */
  signature = '(...)';
  /** The same function of one positional argument, without an argument array (len): call sites with one use it. */
  unary: ((x: PyValue) => MaybePromise<PyValue>) | undefined = undefined;
  /**
   * The same method called as `obj.name(a)` or `obj.name(a, b)` without an argument array (list.append,
   * dict.get): `self` and the arguments given, the missing one undefined; method call sites use it
   * when they pass from `min` to `max` (at most 2) arguments.
   */
  method2:
    | { min: number; max: number; fn: (self: PyValue, a: PyValue, b: PyValue | undefined) => PyValue }
    | undefined = undefined;
  constructor(
    public name: string,
    public impl: NativeImpl,
    public doc?: string,
    public module?: string,
  ) {
    super(builtinFunctionType);
  }
  call(args: PyValue[], kwargs: Kwargs | null): MaybePromise<PyValue> {
    const r = this.impl(args, kwargs);
    if (r === undefined) return None;
    if (isPromise(r)) return r.then((x: PyValue | undefined | void) => (x === undefined ? None : x));
    return r as PyValue;
  }
}

export type BoundArgs = Record<string, PyValue>;

/**
 * A native function with a Python signature; `impl` receives the bound arguments by name.
 * Errors for missing/unexpected arguments are worded as CPython words them: as a def's by
 * default, or as the C method's (`options.convention`, see signature.ts).
 */
export function defineFunction(
  name: string,
  spec: string,
  impl: (a: BoundArgs) => MaybePromise<PyValue | undefined | void>,
  doc?: string,
  options: DefineOptions = {},
): NativeFunction {
  const fn = new NativeFunction(
    name,
    (args, kwargs) => {
      // The binder is built on the first call: a page's kernel defines hundreds of builtin methods
      // at start-up and a cell calls few of them.
      const bind = binder(name, spec, impl, options);
      fn.impl = bind;
      return bind(args, kwargs);
    },
    doc,
  );
  fn.signature = `(${spec})`;
  return fn;
}

/** defineFunction's argument binding: checks a call against `spec`, then calls `impl` with the arguments by name. */
function binder(
  name: string,
  spec: string,
  impl: (a: BoundArgs) => MaybePromise<PyValue | undefined | void>,
  options: DefineOptions,
): NativeImpl {
  const params = parseSpec(spec);
  const positional = params.filter((p) => p.kind === 'pos');
  const varargs = params.find((p) => p.kind === 'varargs');
  const varkw = params.find((p) => p.kind === 'varkw');
  const isMethod = positional[0]?.name === 'self';
  const npos = positional.length;
  const shape = argShape(name, params, options);
  const cForm = shape.form !== 'python';
  const noKeywords = refusesKeywords(shape.form);
  // A C method's positional-only parameters cannot be named; a def's may (as before).
  const byName = new Map(
    params
      .filter((p) => (p.kind === 'pos' || p.kind === 'kwonly') && !(cForm && p.positionalOnly))
      .map((p) => [p.name, p]),
  );
  const rest = params.filter((p) => p.kind === 'pos' || p.kind === 'kwonly');
  const self = isMethod ? 1 : 0;
  // Raised only on a wrong call. A C method refuses keywords before it counts (CPython's order).
  const countError = (n: number, kwargs: Kwargs | null): PyException => {
    if (noKeywords && kwargs !== null && kwargs.size > 0)
      return pyError('TypeError', noKeywordsMessage(shape));
    if (isMethod && n === 0 && cForm) return pyError('TypeError', unboundMessage(shape));
    const given = n - self;
    if (cForm) return pyError('TypeError', countMessage(shape, given, given + (kwargs?.size ?? 0)));
    const least = positional.filter((p) => !p.hasDefault).length - self;
    return pyError(
      'TypeError',
      tooManyPositional(
        name,
        least,
        npos - self,
        given,
        positional.some((p) => p.hasDefault),
      ),
    );
  };
  return (args, kwargs) => {
    // Only declared parameter names are ever written or read, so a plain object is safe.
    const a: BoundArgs = {};
    const n = args.length;
    if (n > npos && !varargs) throw countError(n, kwargs);
    const m = n < npos ? n : npos;
    for (let i = 0; i < m; i++) a[positional[i].name] = args[i];
    if (varargs) a[varargs.name] = new PyTuple(n > npos ? args.slice(npos) : []);
    if (kwargs) {
      if (noKeywords && kwargs.size > 0) throw pyError('TypeError', noKeywordsMessage(shape));
      let extra: PyDict | undefined;
      for (const [k, v] of kwargs) {
        const p = byName.get(k);
        if (!p) {
          if (varkw) {
            extra ??= new PyDict();
            extra.set(k, v);
            continue;
          }
          if (shape.form === 'keywords') {
            if (n - self + kwargs.size > shape.maxArgs) throw countError(n, kwargs);
            throw pyError('TypeError', invalidKeywordMessage(shape, k));
          }
          throw pyError('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
        }
        if (a[k] !== undefined) {
          if (shape.form === 'keywords') {
            if (n - self + kwargs.size > shape.maxArgs) throw countError(n, kwargs);
            throw pyError('TypeError', givenTwiceMessage(shape, k, positional.indexOf(p) + 1 - self));
          }
          throw pyError('TypeError', `${name}() got multiple values for argument '${k}'`);
        }
        a[k] = v;
      }
      if (varkw) a[varkw.name] = extra ?? new PyDict();
    } else if (varkw) a[varkw.name] = new PyDict();
    let missing: string[] | undefined;
    for (let i = m; i < rest.length; i++) {
      const p = rest[i];
      if (a[p.name] !== undefined) continue;
      if (p.hasDefault) a[p.name] = p.default ?? None;
      else (missing ??= []).push(p.name);
    }
    if (missing) {
      if (shape.form === 'keywords' && n - self >= shape.positionalOnly) {
        const p = missing[0];
        throw pyError('TypeError', missingMessage(shape, p, rest.findIndex((q) => q.name === p) + 1 - self));
      }
      if (cForm) throw countError(n, kwargs);
      const list = missing.map((x) => `'${x}'`);
      const words =
        list.length === 1 ? list[0] : list.slice(0, -1).join(', ') + ' and ' + list[list.length - 1];
      throw pyError(
        'TypeError',
        `${name}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${words}`,
      );
    }
    return impl(a);
  };
}

// ---------------------------------------------------------------------------------------------
// Exceptions

/** The JS error that carries a Python exception through native and interpreter code. */
export class PyException extends Error {
  /** `File "<cell>", line N, in f` frames, innermost last. */
  frames: { line: number; column: number; name: string }[] = [];
  constructor(public exc: PyInstance) {
    super();
    this.name = exc.cls.name;
    Object.defineProperty(this, 'message', { get: () => exceptionText(exc), configurable: true });
  }
  get type(): string {
    return this.exc.cls.name;
  }
}

export function exceptionArgs(exc: PyInstance): PyValue[] {
  const a = exc.dict.get('args');
  return a instanceof PyTuple ? a.items : [];
}

/**
 * The JS face of an exception (tests of native code, a debugger): its text argument, as native
 * code raises it (`pyError('ValueError', 'bad value')`). What Python shows, which may run a
 * __str__ or repr a tensor, is `exceptionStr` / `exceptionMessage` in runtime/repr.ts.
 */
function exceptionText(exc: PyInstance): string {
  const args = exceptionArgs(exc).map(plainText);
  return args.length === 1 ? args[0] : args.length === 0 ? '' : `(${args.join(', ')})`;
}
function plainText(v: PyValue): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof PyFloat) return floatRepr(v.v);
  return v === null ? 'None' : `<${v.cls.name} object>`;
}

export function newException(cls: PyType, args: PyValue[]): PyInstance {
  const e = new PyInstance(cls);
  e.dict.set('args', new PyTuple(args));
  return e;
}

/** A Python exception to `throw`: `throw pyError('ValueError', 'bad value')`. */
export function pyError(type: string | PyType, message?: string | PyValue): PyException {
  const cls = typeof type === 'string' ? (builtinExceptions[type] ?? builtinExceptions.RuntimeError) : type;
  return new PyException(newException(cls, message === undefined ? [] : [message]));
}

// ---------------------------------------------------------------------------------------------
// Builtin types (methods are added by builtins-types.ts)

// Created before PyType's constructor can reference them.
export let typeType: PyType = undefined as unknown as PyType;
export let objectType: PyType = undefined as unknown as PyType;
objectType = new PyType('object', { bases: [] });
typeType = new PyType('type');
objectType.cls = typeType;
typeType.cls = typeType;

export const intType = new PyType('int');
export const boolType = new PyType('bool', { bases: [intType] });
export const floatType = new PyType('float');
export const strType = new PyType('str');
export const noneType = new PyType('NoneType');
export const listType = new PyType('list');
export const tupleType = new PyType('tuple');
export const dictType = new PyType('dict');
export const setType = new PyType('set');
export const frozensetType = new PyType('frozenset');
export const sliceType = new PyType('slice');
export const moduleType = new PyType('module');
export const functionType = new PyType('function');
export const builtinFunctionType = new PyType('builtin_function_or_method');
export const methodType = new PyType('method');
export const propertyType = new PyType('property');
export const iteratorType = new PyType('iterator');
export const generatorType = new PyType('generator');
export const rangeType = new PyType('range');
export const ellipsisType = new PyType('ellipsis');
export const notImplementedType = new PyType('NotImplementedType');

class PySingleton extends PyObject {
  constructor(
    cls: PyType,
    public text: string,
  ) {
    super(cls);
  }
}
export const Ellipsis: PyObject = new PySingleton(ellipsisType, 'Ellipsis');
export const NotImplemented: PyObject = new PySingleton(notImplementedType, 'NotImplemented');
export function singletonText(v: PyObject): string | undefined {
  return v instanceof PySingleton ? v.text : undefined;
}

/** Exception classes by name: builtinExceptions.ValueError. */
export const builtinExceptions: Record<string, PyType> = Object.create(null) as Record<string, PyType>;
function exc(name: string, base?: string): PyType {
  const t = new PyType(name, { bases: base ? [builtinExceptions[base]] : [objectType] });
  t.isException = true;
  builtinExceptions[name] = t;
  return t;
}
exc('BaseException');
exc('Exception', 'BaseException');
exc('KeyboardInterrupt', 'BaseException');
exc('SystemExit', 'BaseException');
exc('GeneratorExit', 'BaseException');
exc('StopIteration', 'Exception');
exc('ArithmeticError', 'Exception');
exc('ZeroDivisionError', 'ArithmeticError');
exc('OverflowError', 'ArithmeticError');
exc('FloatingPointError', 'ArithmeticError');
exc('AssertionError', 'Exception');
exc('AttributeError', 'Exception');
exc('LookupError', 'Exception');
exc('IndexError', 'LookupError');
exc('KeyError', 'LookupError');
exc('NameError', 'Exception');
exc('UnboundLocalError', 'NameError');
exc('TypeError', 'Exception');
exc('ValueError', 'Exception');
exc('UnicodeError', 'ValueError');
exc('RuntimeError', 'Exception');
exc('NotImplementedError', 'RuntimeError');
exc('RecursionError', 'RuntimeError');
exc('MemoryError', 'Exception');
exc('ImportError', 'Exception');
exc('ModuleNotFoundError', 'ImportError');
exc('OSError', 'Exception');
exc('TimeoutError', 'OSError');
exc('SyntaxError', 'Exception');
exc('IndentationError', 'SyntaxError');
exc('Warning', 'Exception');
exc('UserWarning', 'Warning');
exc('DeprecationWarning', 'Warning');
exc('RuntimeWarning', 'Warning');

// ---------------------------------------------------------------------------------------------
// Constructors and conversions

/** Normalises an integer: safe → number, else bigint. */
export function pyInt(n: number | bigint): number | bigint {
  if (typeof n === 'number') {
    if (!Number.isInteger(n)) throw pyError('ValueError', 'pyInt: not an integer');
    return Number.isSafeInteger(n) ? n : BigInt(n);
  }
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
}
export function newList(items: PyValue[] = []): PyList {
  return new PyList(items);
}
export function newTuple(items: PyValue[] = []): PyTuple {
  return new PyTuple(items);
}
export function newDict(entries: Iterable<[PyValue, PyValue]> = []): PyDict {
  return new PyDict(entries);
}
export function newModule(name: string, attrs: Record<string, PyValue> = {}, doc?: string): PyModule {
  return new PyModule(name, attrs, doc);
}

export function isInt(v: PyValue): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}
export function isFloat(v: PyValue): v is PyFloat {
  return v instanceof PyFloat;
}
/** int, float or bool. */
export function isNumberLike(v: PyValue): v is number | bigint | boolean | PyFloat {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof PyFloat;
}

export function typeOf(v: PyValue): PyType {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return intType;
    case 'string':
      return strType;
    case 'boolean':
      return boolType;
    default:
      if (v === null) return noneType;
      if (v instanceof PyFloat) return v instanceof SubclassFloat ? v.cls : floatType;
      return v.cls;
  }
}

/** The type's name as CPython's messages give it (its tp_name). */
export function typeName(v: PyValue): string {
  return typeOf(v).tpName;
}

/** int/float/bool → JS number; anything else raises TypeError (`what` names the expectation). */
export function toNumber(v: PyValue, what = 'a real number'): number {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  throw pyError('TypeError', `must be ${what}, not ${typeName(v)}`);
}

/** An int (or bool) as a JS number, for indices and sizes; TypeError otherwise. */
export function toIndex(v: PyValue, context?: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyObject) {
    const idx = v.cls.lookup('__index__');
    if (idx instanceof NativeFunction) {
      const r = idx.call([v], null);
      if (typeof r === 'number') return r;
    }
  }
  throw pyError('TypeError', context ?? `'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** Start/stop/step of a slice for a sequence of `length`, as Python's slice.indices. */
export function sliceIndices(s: PySlice, length: number): [number, number, number] {
  const step =
    s.step === null
      ? 1
      : toIndex(s.step, 'slice indices must be integers or None or have an __index__ method');
  if (step === 0) throw pyError('ValueError', 'slice step cannot be zero');
  const conv = (v: PyValue, dflt: number, lo: number, hi: number) => {
    if (v === null) return dflt;
    let i = toIndex(v, 'slice indices must be integers or None or have an __index__ method');
    if (i < 0) i += length;
    return Math.min(Math.max(i, lo), hi);
  };
  if (step > 0) return [conv(s.start, 0, 0, length), conv(s.stop, length, 0, length), step];
  return [conv(s.start, length - 1, -1, length - 1), conv(s.stop, -1, -1, length - 1), step];
}

// ---------------------------------------------------------------------------------------------
// Sessions and modules

/** What a module's factory gets: the session it lives in and the current run's options. */
export interface SessionContext {
  /** Default device for tensors created during the current run. */
  readonly device: 'cpu' | 'cuda';
  stdout(text: string): void;
  figure(figure: FigureSpec): void;
  /** IPython's clear_output: clears the cell's output now, or (`wait`) when its next output arrives. */
  clearOutput(wait: boolean): void;
  /** Waits without blocking the page; rejects with KeyboardInterrupt when the run is cancelled. */
  sleep(ms: number): Promise<void>;
  /** Throws KeyboardInterrupt when the run has been cancelled. */
  checkCancelled(): void;
  /** Per-session storage for modules (e.g. matplotlib's current figure). */
  readonly state: Map<string, unknown>;
  /** Imports a module by name (e.g. torch.from_numpy needs numpy's type). */
  importModule(name: string): Promise<PyModule>;
  /** Runs `fn` after every cell of this session (even one that failed), e.g. to show open figures. */
  onCellEnd(fn: () => MaybePromise<void>): void;
  /**
   * The function `name` defined by Python `source`, its globals the session's namespace, a new one
   * holding a dict's str keys, or an empty one (null): timeit's templates and the cells' magics.
   */
  compileFunction(source: string, name: string, globals: 'session' | PyDict | null): MaybePromise<PyValue>;
}

export type ModuleFactory = (ctx: SessionContext) => MaybePromise<PyModule>;

/** Defines a native class; its instances come from `Type.wrap(jsObject)`. */
export function defineNativeType<S = unknown>(spec: {
  name: string;
  module?: string;
  base?: PyType;
  doc?: string;
  methods?: Record<string, NativeFunction | PyValue>;
  properties?: Record<string, PropertySpec<PyNative<S>>>;
  construct?: NativeFunction;
  /** CPython's tp_name where it names the module too (`collections.deque`), for messages. */
  tpName?: string;
}): PyType {
  const t = new PyType(spec.name, {
    module: spec.module,
    tpName: spec.tpName,
    bases: spec.base ? [spec.base] : undefined,
    doc: spec.doc,
    construct: spec.construct,
    native: true,
  });
  t.define(spec.methods ?? {}, (spec.properties ?? {}) as Record<string, PropertySpec<never>>);
  return t;
}
