// `import typing`: the names type hints use (List, Dict, Optional, Union, Callable, Any, TypeVar …)
// so that annotated code runs; subscripting one gives a form that prints as CPython 3.11's does
// (`typing.List[int]`). Nothing checks types, as in CPython.
import {
  defineFunction,
  defineNativeType,
  Ellipsis,
  type ModuleFactory,
  newModule,
  PyList,
  pyError,
  PyNative,
  PyTuple,
  PyType,
  type PyValue,
} from '../objects.js';
import { repr, then, mapMP } from '../runtime.js';

interface Form {
  name: string;
  args: PyValue[] | null;
}

/** How an argument of a form prints: classes by name (`int`, `torch.Tensor`), lists in brackets. */
function argText(v: PyValue): ReturnType<typeof repr> {
  if (v instanceof PyType) return v.module && v.module !== 'builtins' ? `${v.module}.${v.name}` : v.name;
  if (v === Ellipsis) return '...';
  if (v instanceof PyList) return then(mapMP(v.items, argText), (parts) => `[${parts.join(', ')}]`);
  return repr(v);
}

/** The builtin a typing alias of a container stands for (its error names it). */
const BUILTIN_OF: Record<string, string> = {
  List: 'list',
  Dict: 'dict',
  Set: 'set',
  FrozenSet: 'frozenset',
  Tuple: 'tuple',
};

const formType: PyType = defineNativeType<Form>({
  name: '_GenericAlias',
  module: 'typing',
  methods: {
    __getitem__: defineFunction('__getitem__', 'self, params', (a) => {
      const form = (a.self as PyNative<Form>).value;
      const args = a.params instanceof PyTuple ? a.params.items.slice() : [a.params];
      return new PyNative(formType, { name: form.name, args });
    }),
    __repr__: defineFunction('__repr__', 'self', (a) => {
      const { name, args } = (a.self as PyNative<Form>).value;
      if (!args) return `typing.${name}`;
      return then(mapMP(args, argText), (parts) => `typing.${name}[${parts.join(', ')}]`);
    }),
    __call__: defineFunction('__call__', 'self, *args, **kwargs', (a) => {
      const { name } = (a.self as PyNative<Form>).value;
      const builtin = BUILTIN_OF[name];
      if (builtin)
        throw pyError('TypeError', `Type ${name} cannot be instantiated; use ${builtin}() instead`);
      if (name === 'Any') throw pyError('TypeError', 'Any cannot be instantiated');
      throw pyError('TypeError', `Cannot instantiate typing.${name}`);
    }),
  },
});

const typeVarType: PyType = defineNativeType<string>({
  name: 'TypeVar',
  module: 'typing',
  methods: {
    __repr__: defineFunction('__repr__', 'self', (a) => `~${(a.self as PyNative<string>).value}`),
  },
  construct: defineFunction(
    'TypeVar',
    'name, *constraints, bound=None, covariant=False, contravariant=False',
    (a) => new PyNative(typeVarType, String(a.name)),
  ),
});

const FORMS =
  'Any List Dict Tuple Set FrozenSet Optional Union Callable Iterable Iterator Sequence Mapping MutableMapping Type Generator Literal Deque DefaultDict Counter OrderedDict Awaitable ClassVar Final'.split(
    ' ',
  );

/** A decorator that gives its argument back (overload, final, no_type_check). */
const identity = (name: string) => defineFunction(name, 'arg', (a) => a.arg);

export const typingModule: ModuleFactory = () =>
  newModule(
    'typing',
    {
      ...Object.fromEntries(FORMS.map((name) => [name, new PyNative(formType, { name, args: null })])),
      TypeVar: typeVarType,
      TYPE_CHECKING: false,
      cast: defineFunction('cast', 'typ, val', (a) => a.val),
      overload: identity('overload'),
      final: identity('final'),
      no_type_check: identity('no_type_check'),
    },
    'Support for type hints: the names, for annotations (nothing checks them).',
  );
