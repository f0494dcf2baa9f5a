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
  toIndex,
  typeOf,
} from '../objects.js';

/**
 * A positional-only native function without the generic binder, for hot builtins. `owner` names
 * a method's type, as CPython's messages do ("list.append() takes exactly one argument").
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
  const isMethod = signature?.startsWith('(self') ?? false;
  const qualified = owner ? `${owner}.${name}` : name;
  const f = new NativeFunction(
    name,
    (args, kwargs) => {
      if (kwargs && kwargs.size > 0) throw pyError('TypeError', `${qualified}() takes no keyword arguments`);
      const n = args.length;
      if (n < min || n > max) {
        const shown = isMethod ? n - 1 : n;
        const lo = isMethod ? min - 1 : min;
        const hi = isMethod ? max - 1 : max;
        if (lo === hi)
          throw pyError(
            'TypeError',
            `${qualified}() takes exactly ${lo === 1 ? 'one argument' : lo + ' arguments'} (${shown} given)`,
          );
        throw pyError(
          'TypeError',
          `${name} expected ${n < min ? 'at least ' + lo : 'at most ' + hi} argument${(n < min ? lo : hi) === 1 ? '' : 's'}, got ${shown}`,
        );
      }
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

export function method(
  type: PyType,
  name: string,
  spec: string,
  impl: (a: BoundArgs) => MaybePromise<PyValue | undefined | void>,
): void {
  type.dict.set(name, defineFunction(name, spec, impl));
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
