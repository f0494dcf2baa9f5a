// `import dataclasses`: @dataclass as CPython 3.11's makes a class from its annotated fields
// (__annotations__, in order, base dataclasses' first): __init__ with defaults and
// default_factory, __repr__, __eq__, order=True's comparisons, frozen=True, __post_init__; and
// field, fields, asdict, astuple, replace, is_dataclass, with CPython's errors.
import {
  builtinExceptions,
  defineFunction,
  defineNativeType,
  hashKey,
  type Kwargs,
  type MaybePromise,
  type ModuleFactory,
  NativeFunction,
  newModule,
  None,
  NotImplemented,
  PyDict,
  pyError,
  PyInstance,
  PyList,
  PyNative,
  PySet,
  PyTuple,
  PyType,
  type PyValue,
} from '../objects.js';
import { call, compare, mapMP, repr, then } from '../runtime.js';

/** A field's description (what field() returns and fields() lists). */
interface Field {
  name: string;
  type: PyValue;
  default: PyValue | undefined;
  factory: PyValue | undefined;
  init: boolean;
  repr: boolean;
  compare: boolean;
}

const fieldType: PyType = defineNativeType<Field>({
  name: 'Field',
  module: 'dataclasses',
  properties: {
    name: { get: (self) => self.value.name },
    type: { get: (self) => self.value.type },
    default: { get: (self) => self.value.default ?? MISSING },
    default_factory: { get: (self) => self.value.factory ?? MISSING },
  },
  methods: {
    __repr__: defineFunction(
      '__repr__',
      'self',
      (a) => `Field(name=${reprName((a.self as PyNative<Field>).value.name)})`,
    ),
  },
});
const reprName = (name: string) => (name ? `'${name}'` : 'None');

const missingType = defineNativeType({ name: '_MISSING_TYPE', module: 'dataclasses' });
const MISSING = new PyNative(missingType, null);

const frozenError = new PyType('FrozenInstanceError', {
  module: 'dataclasses',
  bases: [builtinExceptions.AttributeError],
});
frozenError.isException = true;

const FIELDS = '__dataclass_fields__';

/** The fields of a dataclass (or of an instance's class), in order. */
function fieldsOf(v: PyValue): Field[] | null {
  const cls = v instanceof PyType ? v : v instanceof PyInstance ? v.cls : null;
  const table = cls?.lookup(FIELDS);
  if (!(table instanceof PyDict)) return null;
  return table.values().map((f) => (f as PyNative<Field>).value);
}

function requireDataclass(v: PyValue, what: string): Field[] {
  const fields = fieldsOf(v);
  if (!fields) throw pyError('TypeError', `${what}() should be called on dataclass instances`);
  return fields;
}

/** The class's fields: its bases' (as dataclasses), then its own annotations, checked as CPython does. */
function collectFields(cls: PyType): Field[] {
  const byName = new Map<string, Field>();
  for (const base of [...cls.mro].reverse().slice(0, -1))
    for (const f of fieldsOf(base) ?? []) byName.set(f.name, f);
  const annotations = cls.dict.get('__annotations__');
  for (const [name, type] of annotations instanceof PyDict ? annotations.entries() : []) {
    if (typeof name !== 'string') continue;
    const given = cls.dict.get(name);
    let f: Field = { name, type, default: given, factory: undefined, init: true, repr: true, compare: true };
    if (given instanceof PyNative && given.cls === fieldType) {
      f = { ...(given.value as Field), name, type };
      if (f.default === undefined) cls.dict.delete(name);
      else cls.dict.set(name, f.default);
    }
    if (f.default instanceof PyList || f.default instanceof PyDict || f.default instanceof PySet)
      throw pyError(
        'ValueError',
        `mutable default ${`<class '${f.default.cls.name}'>`} for field ${name} is not allowed: use default_factory`,
      );
    byName.set(name, f);
  }
  const fields = [...byName.values()];
  let seenDefault = false;
  for (const f of fields.filter((x) => x.init)) {
    if (f.default !== undefined || f.factory !== undefined) seenDefault = true;
    else if (seenDefault)
      throw pyError('TypeError', `non-default argument '${f.name}' follows default argument`);
  }
  return fields;
}

/** __init__(self, <fields>): CPython's argument errors, defaults, factories, then __post_init__. */
function makeInit(cls: PyType, fields: Field[]): NativeFunction {
  const params = fields.filter((f) => f.init);
  const who = `${cls.name}.__init__()`;
  return new NativeFunction('__init__', (args: PyValue[], kwargs: Kwargs | null) => {
    const [self, ...given] = args;
    const least = params.filter((f) => f.default === undefined && f.factory === undefined).length;
    if (given.length > params.length) {
      const takes =
        least === params.length ? `${params.length + 1}` : `from ${least + 1} to ${params.length + 1}`;
      throw pyError(
        'TypeError',
        `${who} takes ${takes} positional arguments but ${given.length + 1} were given`,
      );
    }
    const values = new Map<string, PyValue>();
    params.forEach((f, i) => i < given.length && values.set(f.name, given[i]));
    for (const [k, v] of kwargs ?? []) {
      if (!params.some((f) => f.name === k))
        throw pyError('TypeError', `${who} got an unexpected keyword argument '${k}'`);
      if (values.has(k)) throw pyError('TypeError', `${who} got multiple values for argument '${k}'`);
      values.set(k, v);
    }
    const missing = params.filter(
      (f) => !values.has(f.name) && f.default === undefined && f.factory === undefined,
    );
    if (missing.length) {
      const names = missing.map((f) => `'${f.name}'`);
      const words = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
      throw pyError(
        'TypeError',
        `${who} missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${words}`,
      );
    }
    const inst = self as PyInstance;
    const assign = (f: Field): MaybePromise<void> => {
      if (values.has(f.name)) return void inst.dict.set(f.name, values.get(f.name)!);
      if (f.factory !== undefined) return then(call(f.factory, []), (v) => void inst.dict.set(f.name, v));
      if (f.default !== undefined) inst.dict.set(f.name, f.default);
    };
    return then(mapMP(fields, assign), () => {
      const post = cls.lookup('__post_init__');
      return post === undefined ? None : then(call(post, [inst]), () => None);
    });
  });
}

const tupleOf = (v: PyInstance, fields: Field[]) =>
  new PyTuple(fields.filter((f) => f.compare).map((f) => v.dict.get(f.name) ?? None));

function process(
  cls: PyType,
  o: { init: boolean; repr: boolean; eq: boolean; order: boolean; frozen: boolean },
): PyType {
  const fields = collectFields(cls);
  cls.dict.set(FIELDS, new PyDict(fields.map((f) => [f.name, new PyNative(fieldType, f)])));
  const own = (name: string) => cls.dict.has(name);
  if (o.init && !own('__init__')) cls.dict.set('__init__', makeInit(cls, fields));
  if (o.repr && !own('__repr__'))
    cls.dict.set(
      '__repr__',
      defineFunction('__repr__', 'self', (a) => {
        const self = a.self as PyInstance;
        const shown = fields.filter((f) => f.repr);
        return then(
          mapMP(shown, (f) => then(repr(self.dict.get(f.name) ?? None), (r) => `${f.name}=${r}`)),
          (parts) => `${self.cls.name}(${parts.join(', ')})`,
        );
      }),
    );
  const sameClass = (a: PyValue, b: PyValue) =>
    b instanceof PyInstance && (b as PyInstance).cls === (a as PyInstance).cls;
  if (o.eq && !own('__eq__')) {
    cls.dict.set(
      '__eq__',
      defineFunction('__eq__', 'self, other', (a) =>
        sameClass(a.self, a.other)
          ? compare('==', tupleOf(a.self as PyInstance, fields), tupleOf(a.other as PyInstance, fields))
          : NotImplemented,
      ),
    );
    if (!own('__hash__')) cls.dict.set('__hash__', o.frozen ? hashOf(fields) : None);
  }
  if (o.order)
    for (const [name, op] of [
      ['__lt__', '<'],
      ['__le__', '<='],
      ['__gt__', '>'],
      ['__ge__', '>='],
    ] as const)
      cls.dict.set(
        name,
        defineFunction(name, 'self, other', (a) =>
          sameClass(a.self, a.other)
            ? compare(op, tupleOf(a.self as PyInstance, fields), tupleOf(a.other as PyInstance, fields))
            : NotImplemented,
        ),
      );
  if (o.frozen) {
    const refuse = (verb: string) => (a: Record<string, PyValue>) => {
      throw pyError(frozenError, `cannot ${verb} field '${String(a.name)}'`);
    };
    cls.dict.set('__setattr__', defineFunction('__setattr__', 'self, name, value', refuse('assign to')));
    cls.dict.set('__delattr__', defineFunction('__delattr__', 'self, name', refuse('delete')));
  }
  return cls;
}

/** A frozen dataclass hashes by its compared fields (equal fields, equal hashes: dict keys, sets). */
function hashOf(fields: Field[]): NativeFunction {
  return defineFunction('__hash__', 'self', (a) => {
    const key = hashKey(tupleOf(a.self as PyInstance, fields));
    const text = typeof key === 'string' ? key : String(key);
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    return h === -1 ? -2 : h;
  });
}

const dataclass = defineFunction(
  'dataclass',
  'cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False',
  (a) => {
    const options = {
      init: a.init !== false,
      repr: a.repr !== false,
      eq: a.eq !== false,
      order: a.order === true,
      frozen: a.frozen === true,
    };
    if (options.order && !options.eq) throw pyError('ValueError', 'eq must be true if order is true');
    if (a.cls instanceof PyType) return process(a.cls, options);
    return defineFunction('wrap', 'cls', (b) => process(b.cls as PyType, options));
  },
);

const FIELD_OPTIONS = new Set([
  'default',
  'default_factory',
  'init',
  'repr',
  'hash',
  'compare',
  'metadata',
  'kw_only',
]);

/** field(*, default, default_factory, …): keywords only, read by hand (None is a default like any other). */
const field = new NativeFunction('field', (args, kwargs) => {
  if (args.length)
    throw pyError('TypeError', `field() takes 0 positional arguments but ${args.length} were given`);
  for (const k of kwargs?.keys() ?? [])
    if (!FIELD_OPTIONS.has(k))
      throw pyError('TypeError', `field() got an unexpected keyword argument '${k}'`);
  const given = (k: string) => kwargs?.get(k);
  if (given('default') !== undefined && given('default_factory') !== undefined)
    throw pyError('ValueError', 'cannot specify both default and default_factory');
  const f: Field = {
    name: '',
    type: None,
    default: given('default'),
    factory: given('default_factory'),
    init: given('init') !== false,
    repr: given('repr') !== false,
    compare: given('compare') !== false,
  };
  return new PyNative(fieldType, f);
});

/** asdict / astuple: dataclasses, lists, tuples and dicts in it copied recursively. */
function convert(v: PyValue, asDict: boolean): MaybePromise<PyValue> {
  const fields = v instanceof PyInstance ? fieldsOf(v) : null;
  if (fields) {
    const inst = v as PyInstance;
    return then(
      mapMP(fields, (f) => convert(inst.dict.get(f.name) ?? None, asDict)),
      (values) =>
        asDict
          ? new PyDict(fields.map((f, i) => [f.name, values[i]] as [PyValue, PyValue]))
          : new PyTuple(values),
    );
  }
  if (v instanceof PyList)
    return then(
      mapMP(v.items, (x) => convert(x, asDict)),
      (items) => new PyList(items),
    );
  if (v instanceof PyTuple)
    return then(
      mapMP(v.items, (x) => convert(x, asDict)),
      (items) => new PyTuple(items),
    );
  if (v instanceof PyDict)
    return then(
      mapMP(v.entries(), ([k, x]) => then(convert(x, asDict), (y) => [k, y] as [PyValue, PyValue])),
      (entries) => new PyDict(entries),
    );
  return v;
}

export const dataclassesModule: ModuleFactory = () =>
  newModule('dataclasses', {
    dataclass,
    field,
    fields: defineFunction('fields', 'class_or_instance', (a) => {
      const fs = requireDataclass(a.class_or_instance, 'fields');
      return new PyTuple(fs.map((f) => new PyNative(fieldType, f)));
    }),
    asdict: defineFunction('asdict', 'obj, *, dict_factory=None', (a) => {
      requireDataclass(a.obj, 'asdict');
      return convert(a.obj, true);
    }),
    astuple: defineFunction('astuple', 'obj, *, tuple_factory=None', (a) => {
      requireDataclass(a.obj, 'astuple');
      return convert(a.obj, false);
    }),
    replace: defineFunction('replace', 'obj, /, **changes', (a) => {
      const fields = requireDataclass(a.obj, 'replace');
      const inst = a.obj as PyInstance;
      const changes = a.changes as PyDict;
      const kwargs: Kwargs = new Map();
      for (const f of fields.filter((x) => x.init))
        kwargs.set(f.name, changes.get(f.name) ?? inst.dict.get(f.name) ?? None);
      for (const k of changes.keys()) if (!kwargs.has(String(k))) kwargs.set(String(k), changes.get(k)!);
      return call(inst.cls, [], kwargs);
    }),
    is_dataclass: defineFunction('is_dataclass', 'obj', (a) => fieldsOf(a.obj) !== null),
    FrozenInstanceError: frozenError,
    MISSING,
  });
