// collections.namedtuple: a new tuple class whose fields have names, as CPython 3.11 makes it: its
// instances are tuples of that class, with `_make`, `_replace`, `_asdict`, `_fields` and the same
// reprs, validation and argument errors.
import {
  defineFunction,
  type Kwargs,
  type MaybePromise,
  NativeFunction,
  None,
  PyDict,
  pyError,
  PyList,
  PyProperty,
  PyTuple,
  PyType,
  type PyValue,
  tupleType,
} from '../../objects.js';
import { mapMP, PyStaticMethod, repr, str, then, toArrayMP, truthy } from '../../runtime.js';
import { staticMethodType } from '../../builtins/types.js';

const KEYWORDS = new Set(
  `False None True and as assert async await break class continue def del elif else except finally for
   from global if import in is lambda nonlocal not or pass raise return try while with yield`.split(/\s+/),
);
const isIdentifier = (s: string) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s);

/** The field names as given (a string of names split at commas and spaces, or any iterable of them). */
function namesOf(fieldNames: PyValue): MaybePromise<string[]> {
  if (typeof fieldNames === 'string') return fieldNames.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  return then(toArrayMP(fieldNames), (items) => mapMP(items, (x) => str(x)));
}

/** CPython's checks, in its order; `rename` replaces a bad or repeated name by `_<index>`. */
function validate(typename: string, fields: string[], rename: boolean): string[] {
  if (rename) {
    const seen = new Set<string>();
    fields = fields.map((name, i) => {
      const bad = !isIdentifier(name) || KEYWORDS.has(name) || name.startsWith('_') || seen.has(name);
      seen.add(name);
      return bad ? `_${i}` : name;
    });
  }
  for (const name of [typename, ...fields]) {
    if (!isIdentifier(name))
      throw pyError('ValueError', `Type names and field names must be valid identifiers: ${quoted(name)}`);
    if (KEYWORDS.has(name))
      throw pyError('ValueError', `Type names and field names cannot be a keyword: ${quoted(name)}`);
  }
  const seen = new Set<string>();
  for (const name of fields) {
    if (name.startsWith('_') && !rename)
      throw pyError('ValueError', `Field names cannot start with an underscore: ${quoted(name)}`);
    if (seen.has(name)) throw pyError('ValueError', `Encountered duplicate field name: ${quoted(name)}`);
    seen.add(name);
  }
  return fields;
}

function quoted(s: string): string {
  const r = repr(s);
  return typeof r === 'string' ? r : `'${s}'`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `Point(1, y=2)`: the values of the fields from positions, keywords and defaults, as __new__ binds them. */
function bindFields(
  cls: PyType,
  fields: string[],
  defaults: Map<string, PyValue>,
  args: PyValue[],
  kwargs: Kwargs | null,
): PyValue[] {
  const who = `${cls.name}.__new__()`;
  const n = fields.length;
  if (args.length > n) {
    const least = n - defaults.size + 1;
    const takes = defaults.size ? `from ${least} to ${n + 1}` : `${n + 1}`;
    throw pyError(
      'TypeError',
      `${who} takes ${takes} positional argument${n + 1 === 1 && !defaults.size ? '' : 's'} but ${args.length + 1} were given`,
    );
  }
  const values: (PyValue | undefined)[] = fields.map((_, i) => (i < args.length ? args[i] : undefined));
  for (const [k, v] of kwargs ?? []) {
    const i = fields.indexOf(k);
    if (i < 0) throw pyError('TypeError', `${who} got an unexpected keyword argument '${k}'`);
    if (values[i] !== undefined) throw pyError('TypeError', `${who} got multiple values for argument '${k}'`);
    values[i] = v;
  }
  const missing: string[] = [];
  fields.forEach((f, i) => {
    if (values[i] === undefined) {
      if (defaults.has(f)) values[i] = defaults.get(f)!;
      else missing.push(`'${f}'`);
    }
  });
  if (missing.length) {
    const words =
      missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
    throw pyError(
      'TypeError',
      `${who} missing ${plural(missing.length, 'required positional argument')}: ${words}`,
    );
  }
  return values as PyValue[];
}

function instance(cls: PyType, items: PyValue[]): PyTuple {
  const t = new PyTuple(items);
  t.cls = cls;
  return t;
}

/** The class namedtuple(typename, field_names, *, rename=False, defaults=None, module=None) makes. */
function makeClass(typename: string, fields: string[], defaultValues: PyValue[], module: string): PyType {
  const defaults = new Map<string, PyValue>();
  const offset = fields.length - defaultValues.length;
  defaultValues.forEach((v, i) => defaults.set(fields[offset + i], v));
  const cls = new PyType(typename, {
    module,
    bases: [tupleType],
    doc: `${typename}(${fields.join(', ')})`,
  });
  cls.construct = new NativeFunction(typename, (args, kwargs) =>
    instance(cls, bindFields(cls, fields, defaults, args, kwargs)),
  );
  const readOnly = () => {
    throw pyError('AttributeError', "can't set attribute");
  };
  fields.forEach((name, i) =>
    cls.dict.set(
      name,
      new PyProperty((self) => (self as PyTuple).items[i], readOnly, `Alias for field number ${i}`),
    ),
  );
  cls.dict.set('_fields', new PyTuple(fields));
  cls.dict.set('__match_args__', new PyTuple(fields));
  cls.dict.set('_field_defaults', new PyDict([...defaults]));
  cls.dict.set('__slots__', new PyTuple([]));
  const method = (name: string, spec: string, impl: Parameters<typeof defineFunction>[2]) =>
    cls.dict.set(
      name,
      defineFunction(name, spec, impl, undefined, { owner: typename, convention: 'python' }),
    );
  cls.dict.set(
    '_make',
    new PyStaticMethod(
      staticMethodType,
      defineFunction('_make', 'cls, iterable', (a) =>
        then(toArrayMP(a.iterable), (items) => {
          if (items.length !== fields.length)
            throw pyError('TypeError', `Expected ${fields.length} arguments, got ${items.length}`);
          return instance(a.cls as PyType, items);
        }),
      ),
      'class',
    ),
  );
  method('_replace', 'self, /, **kwds', (a) => {
    const self = a.self as PyTuple;
    const changes = a.kwds as PyDict;
    const items = fields.map((f, i) => {
      const v = changes.get(f);
      if (v !== undefined) changes.delete(f);
      return v ?? self.items[i];
    });
    if (changes.size === 0) return instance(self.cls, items);
    return then(repr(new PyList(changes.keys())), (list) => {
      throw pyError('ValueError', `Got unexpected field names: ${list}`);
    });
  });
  method('_asdict', 'self', (a) => new PyDict(fields.map((f, i) => [f, (a.self as PyTuple).items[i]])));
  method('__getnewargs__', 'self', (a) => new PyTuple((a.self as PyTuple).items.slice()));
  method('__repr__', 'self', (a) => {
    const self = a.self as PyTuple;
    return then(
      mapMP(self.items, (v, i) => then(repr(v), (r) => `${fields[i]}=${r}`)),
      (parts) => `${self.cls.name}(${parts.join(', ')})`,
    );
  });
  return cls;
}

export const namedtuple = defineFunction(
  'namedtuple',
  'typename, field_names, *, rename=False, defaults=None, module=None',
  (a) =>
    then(str(a.typename), (typename) =>
      then(namesOf(a.field_names), (names) => {
        const fields = validate(typename, names, truthy(a.rename) === true);
        return then(a.defaults === None ? [] : toArrayMP(a.defaults), (defaults) => {
          if (defaults.length > fields.length)
            throw pyError('TypeError', 'Got more default values than field names');
          const module = a.module === None ? '__main__' : then(str(a.module), (m) => m);
          return then(module, (m) => makeClass(typename, fields, defaults, m));
        });
      }),
    ),
);
