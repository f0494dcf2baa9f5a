// Small helpers the builtins share: native functions with a fast argument check, methods defined
// on a builtin type by their Python signature, isinstance, index arguments, lazy iterators.
import {
  BoundArgs,
  defineFunction,
  IterResult,
  MaybePromise,
  NativeFunction,
  None,
  pyError,
  PyFloat,
  PyIterator,
  PyTuple,
  PyType,
  PyValue,
  pyFloat,
  pyInt,
  toIndex,
  typeName,
  typeOf,
} from '../objects.js';
import { callDunder } from '../runtime.js';
import {
  type CallConvention,
  clinicForm,
  countMessage,
  cShape,
  noKeywordsMessage,
  unboundMessage,
} from '../signature.js';

/**
 * A positional-only native function without the generic binder, for hot builtins. `owner` names
 * a method's type, as CPython's messages do ("list.append() takes exactly one argument"); the
 * wording is that of a C function of these bounds (signature.ts).
 */
export function fast(
  name: string,
  min: number,
  max: number,
  impl: (args: PyValue[]) => MaybePromise<PyValue>,
  doc?: string,
  signature?: string,
  owner?: string,
): NativeFunction {
  const self = signature?.startsWith('(self') ? 1 : 0;
  const least = min - self;
  const most = max - self;
  const form = clinicForm({ required: least, optional: most - least, varargs: false, named: 0 });
  const shape = cShape(name, owner, form, least, most);
  const f = new NativeFunction(
    name,
    (args, kwargs) => {
      if (kwargs && kwargs.size > 0) throw pyError('TypeError', noKeywordsMessage(shape));
      const n = args.length;
      if (n < min || n > max)
        throw pyError('TypeError', n < self ? unboundMessage(shape) : countMessage(shape, n - self));
      return impl(args);
    },
    doc,
  );
  if (signature) f.signature = signature;
  return f;
}

export function isinstanceOf(obj: PyValue, classinfo: PyValue): boolean {
  const t = typeOf(obj);
  const check = (c: PyValue): boolean => {
    if (c instanceof PyTuple) return c.items.some(check);
    if (!(c instanceof PyType))
      throw pyError('TypeError', 'isinstance() arg 2 must be a type, a tuple of types, or a union');
    return t.isSubtypeOf(c);
  };
  return check(classinfo);
}

/**
 * Defines a method of a builtin type. A `spec` with a `/` is CPython's text signature of a C method
 * (`self, chars=None, /`, as help() shows it): its wrong calls are worded as that method's
 * (`clinic`), or pass `parsetuple` for those parsing with PyArg_ParseTuple (str.find and its kin).
 * Without one (dunders) they are worded as a def's.
 */
export function method(
  type: PyType,
  name: string,
  spec: string,
  impl: (a: BoundArgs) => MaybePromise<PyValue | undefined | void>,
  convention: CallConvention = spec.includes('/') ? 'clinic' : 'python',
): void {
  type.dict.set(name, defineFunction(name, spec, impl, undefined, { owner: type.name, convention }));
}

export function selfStr(a: BoundArgs): string {
  return a.self as string;
}

export function optIndex(v: PyValue, dflt: number): number {
  return v === None ? dflt : toIndex(v);
}

export function normIndex(i: number, n: number): number {
  if (i < 0) i += n;
  return Math.min(Math.max(i, 0), n);
}

export function isNumeric(v: PyValue): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof PyFloat;
}

export function lazyIterator(type: PyType, next: () => MaybePromise<IterResult>): PyIterator {
  return new PyIterator(next, type);
}

// Type constructors

/** abs(x), for the builtin and operator.abs: ints, floats and bools, else the object's __abs__. */
export function absolute(x: PyValue): MaybePromise<PyValue> {
  if (typeof x === 'number') return Math.abs(x);
  if (typeof x === 'bigint') return x < 0n ? pyInt(-x) : x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x instanceof PyFloat) return pyFloat(Math.abs(x.v));
  const r = callDunder(x, '__abs__');
  if (r === undefined) throw pyError('TypeError', `bad operand type for abs(): '${typeName(x)}'`);
  return r;
}
