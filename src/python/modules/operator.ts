// `import operator`: the operators as functions (add, lt, getitem, …) through the interpreter's own
// operator code, so a class's dunders answer as they do for `a + b`, and itemgetter, attrgetter and
// methodcaller with CPython's reprs (`operator.itemgetter(1)`).
import {
  defineFunction,
  defineNativeType,
  type Kwargs,
  type MaybePromise,
  type ModuleFactory,
  NativeFunction,
  newModule,
  pyError,
  PyFloat,
  PyNative,
  PyObject,
  PyTuple,
  PyType,
  type PyValue,
  typeName,
} from '../objects.js';
import { absolute } from '../builtins/helpers.js';
import {
  binaryOp,
  call,
  callDunder,
  compare,
  contains,
  getAttr,
  getItem,
  inplaceOp,
  isSame,
  mapMP,
  repr,
  then,
  truthy,
  unaryOp,
} from '../runtime.js';

const binary = (name: string, op: string) => defineFunction(name, 'a, b, /', (a) => binaryOp(op, a.a, a.b));
const comparison = (name: string, op: string) =>
  defineFunction(name, 'a, b, /', (a) => compare(op, a.a, a.b));
const inplace = (name: string, op: string) => defineFunction(name, 'a, b, /', (a) => inplaceOp(op, a.a, a.b));

/** operator.index: an int as it is, or what the object's __index__ gives (an int, checked). */
function index(x: PyValue): MaybePromise<PyValue> {
  if (typeof x === 'number' || typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  const r = x instanceof PyFloat ? undefined : callDunder(x, '__index__');
  if (r === undefined)
    throw pyError('TypeError', `'${typeName(x)}' object cannot be interpreted as an integer`);
  return then(r, (v) => {
    if (typeof v !== 'number' && typeof v !== 'bigint')
      throw pyError('TypeError', `__index__ returned non-int (type ${typeName(v)})`);
    return v;
  });
}

/** operator.concat refuses what is not a sequence (CPython checks for __getitem__). */
function concat(a: PyValue, b: PyValue): MaybePromise<PyValue> {
  const sequence =
    typeof a === 'string' || (a instanceof PyObject && a.cls.lookup('__getitem__') !== undefined);
  if (!sequence) throw pyError('TypeError', `'${typeName(a)}' object can't be concatenated`);
  return binaryOp('+', a, b);
}

// ---------------------------------------------------------------------------------------------
// itemgetter, attrgetter, methodcaller

interface Getter {
  /** The constructor's arguments, for the repr. */
  args: PyValue[];
  kwargs: [string, PyValue][];
  apply: (obj: PyValue) => MaybePromise<PyValue>;
}

function oneArgument(name: string, args: PyValue[], kwargs: Kwargs | null): PyValue {
  if (kwargs !== null && kwargs.size > 0) throw pyError('TypeError', `${name}() takes no keyword arguments`);
  if (args.length !== 2) throw pyError('TypeError', `${name} expected 1 argument, got ${args.length - 1}`);
  return args[1];
}

/** `operator.name(arg, …, key=value)`, as CPython writes these objects. */
function getterRepr(name: string, g: Getter): MaybePromise<string> {
  const parts = [
    ...g.args.map((x) => repr(x)),
    ...g.kwargs.map(([k, v]) => then(repr(v), (s) => `${k}=${s}`)),
  ];
  return then(
    mapMP(parts, (s) => s),
    (texts) => `operator.${name}(${texts.join(', ')})`,
  );
}

/** One result for one key, a tuple of results for several (itemgetter(1, 2)). */
function oneOrTuple(keys: PyValue[], get: (key: PyValue) => MaybePromise<PyValue>): MaybePromise<PyValue> {
  return keys.length === 1 ? get(keys[0]) : then(mapMP(keys, get), (xs) => new PyTuple(xs));
}

function getterType(name: string, build: (args: PyValue[], kwargs: Kwargs | null) => Getter): PyType {
  const t: PyType = defineNativeType<Getter>({
    name,
    module: 'operator',
    tpName: `operator.${name}`,
    construct: new NativeFunction(name, (args, kwargs) => new PyNative<Getter>(t, build(args, kwargs))),
    methods: {
      __call__: new NativeFunction('__call__', (args, kwargs) => {
        const self = args[0] as PyNative<Getter>;
        return self.value.apply(oneArgument(name, args, kwargs));
      }),
      __repr__: defineFunction('__repr__', 'self, /', (a) =>
        getterRepr(name, (a.self as PyNative<Getter>).value),
      ),
    },
  });
  return t;
}

function refuseKeywords(name: string, kwargs: Kwargs | null): void {
  if (kwargs !== null && kwargs.size > 0) throw pyError('TypeError', `${name}() takes no keyword arguments`);
}

const itemgetterType = getterType('itemgetter', (keys, kwargs) => {
  refuseKeywords('itemgetter', kwargs);
  if (keys.length === 0) throw pyError('TypeError', 'itemgetter expected 1 argument, got 0');
  return {
    args: keys,
    kwargs: [],
    apply: (obj) => oneOrTuple(keys, (k) => getItem(obj, k)),
  };
});

/** getattr through a dotted path: attrgetter('a.b') gives obj.a.b. */
function dottedAttr(obj: PyValue, path: string): MaybePromise<PyValue> {
  return path.split('.').reduce<MaybePromise<PyValue>>((o, part) => then(o, (v) => getAttr(v, part)), obj);
}

const attrgetterType = getterType('attrgetter', (names, kwargs) => {
  refuseKeywords('attrgetter', kwargs);
  if (names.length === 0) throw pyError('TypeError', 'attrgetter expected 1 argument, got 0');
  if (names.some((n) => typeof n !== 'string')) throw pyError('TypeError', 'attribute name must be a string');
  return {
    args: names,
    kwargs: [],
    apply: (obj) => oneOrTuple(names, (n) => dottedAttr(obj, n as string)),
  };
});

const methodcallerType = getterType('methodcaller', (args, kwargs) => {
  if (args.length === 0)
    throw pyError('TypeError', 'methodcaller needs at least one argument, the method name');
  const [name, ...rest] = args;
  if (typeof name !== 'string') throw pyError('TypeError', 'method name must be a string');
  const named = [...(kwargs ?? new Map<string, PyValue>())];
  return {
    args,
    kwargs: named,
    apply: (obj) => then(getAttr(obj, name), (m) => call(m, rest, named.length ? new Map(named) : null)),
  };
});

export const operatorModule: ModuleFactory = () =>
  newModule(
    'operator',
    {
      itemgetter: itemgetterType,
      attrgetter: attrgetterType,
      methodcaller: methodcallerType,
      add: binary('add', '+'),
      sub: binary('sub', '-'),
      mul: binary('mul', '*'),
      truediv: binary('truediv', '/'),
      floordiv: binary('floordiv', '//'),
      mod: binary('mod', '%'),
      pow: binary('pow', '**'),
      matmul: binary('matmul', '@'),
      and_: binary('and_', '&'),
      or_: binary('or_', '|'),
      xor: binary('xor', '^'),
      lshift: binary('lshift', '<<'),
      rshift: binary('rshift', '>>'),
      concat: defineFunction('concat', 'a, b, /', (a) => concat(a.a, a.b)),
      iadd: inplace('iadd', '+'),
      isub: inplace('isub', '-'),
      imul: inplace('imul', '*'),
      neg: defineFunction('neg', 'a, /', (a) => unaryOp('-', a.a)),
      pos: defineFunction('pos', 'a, /', (a) => unaryOp('+', a.a)),
      invert: defineFunction('invert', 'a, /', (a) => unaryOp('~', a.a)),
      abs: defineFunction('abs', 'a, /', (a) => absolute(a.a)),
      index: defineFunction('index', 'a, /', (a) => index(a.a)),
      eq: comparison('eq', '=='),
      ne: comparison('ne', '!='),
      lt: comparison('lt', '<'),
      le: comparison('le', '<='),
      gt: comparison('gt', '>'),
      ge: comparison('ge', '>='),
      not_: defineFunction('not_', 'a, /', (a) => then(truthy(a.a), (t) => !t)),
      truth: defineFunction('truth', 'a, /', (a) => truthy(a.a)),
      is_: defineFunction('is_', 'a, b, /', (a) => isSame(a.a, a.b)),
      is_not: defineFunction('is_not', 'a, b, /', (a) => !isSame(a.a, a.b)),
      getitem: defineFunction('getitem', 'a, b, /', (a) => getItem(a.a, a.b)),
      contains: defineFunction('contains', 'a, b, /', (a) => contains(a.a, a.b)),
    },
    'Operator interface: the operators as functions, as in CPython 3.11.',
  );
