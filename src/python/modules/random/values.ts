// Python operations on the values random's functions are given, as Lib/random.py writes them
// (`a + (b - a) * random()`): each may run a user's dunder and so wait, or raise CPython's own
// TypeError. A function is written as a generator (`Flow`) that yields each such operation.
import {
  builtinExceptions,
  isPromise,
  type MaybePromise,
  PyException,
  pyError,
  PyObject,
  type PyValue,
  typeName,
} from '../../objects.js';
import { binaryOp, call, compare, truthy } from '../../runtime.js';

/** A computation over Python values: `yield* wait(op)` gives op's value once it has one. */
export type Flow<T> = Generator<unknown, T, unknown>;

/** Hands `value` to runFlow, which resumes with it (awaited when it is a Promise). */
export function* wait<T>(value: MaybePromise<T>): Flow<T> {
  return (yield value) as T;
}

type Resume = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Runs a Flow: synchronously until an operation returns a Promise, then after it. */
export function runFlow<T>(flow: Flow<T>): MaybePromise<T> {
  return advance(flow, { ok: true, value: undefined });
}

function advance<T>(flow: Flow<T>, resume: Resume): MaybePromise<T> {
  for (;;) {
    const step = resume.ok ? flow.next(resume.value) : flow.throw(resume.error);
    if (step.done) return step.value;
    const value = step.value;
    if (isPromise(value)) {
      return value.then(
        (v) => advance(flow, { ok: true, value: v }),
        (e: unknown) => advance(flow, { ok: false, error: e }),
      );
    }
    resume = { ok: true, value };
  }
}

export const add = (a: PyValue, b: PyValue): MaybePromise<PyValue> => binaryOp('+', a, b);
export const sub = (a: PyValue, b: PyValue): MaybePromise<PyValue> => binaryOp('-', a, b);
export const mul = (a: PyValue, b: PyValue): MaybePromise<PyValue> => binaryOp('*', a, b);
export const div = (a: PyValue, b: PyValue): MaybePromise<PyValue> => binaryOp('/', a, b);

/** `a OP b` as an `if` reads it: the comparison, then its truth value. */
export function isTrue(
  op: '<' | '<=' | '>' | '>=' | '==' | '!=',
  a: PyValue,
  b: PyValue,
): MaybePromise<boolean> {
  const r = compare(op, a, b);
  return typeof r === 'boolean' ? r : isPromise(r) ? r.then(truthy) : truthy(r);
}

/** Whether `e` is a Python exception of class `name` or a subclass. */
export function isPyError(e: unknown, name: string): boolean {
  return e instanceof PyException && e.exc.cls.isSubtypeOf(builtinExceptions[name]);
}

/** isinstance(v, int): bool included. */
export function isInt(v: PyValue): v is number | bigint | boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
}

/** operator.index(v): an int, or undefined where it raises TypeError (no __index__). */
export function operatorIndex(v: PyValue): MaybePromise<number | bigint> | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (!(v instanceof PyObject)) return undefined;
  const method = v.cls.lookup('__index__');
  if (method === undefined) return undefined;
  const check = (r: PyValue): number | bigint => {
    if (typeof r === 'number' || typeof r === 'bigint') return r;
    if (typeof r === 'boolean') return r ? 1 : 0;
    throw pyError('TypeError', `__index__ returned non-int (type ${typeName(r)})`);
  };
  const r = call(method, [v]);
  return isPromise(r) ? r.then(check) : check(r);
}

/** An int argument C reads through __index__ ("'float' object cannot be interpreted as an integer"). */
export function indexArg(v: PyValue): MaybePromise<number | bigint> {
  const i = operatorIndex(v);
  if (i === undefined)
    throw pyError('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
  return i;
}

/** A real number as math's functions read it (math.ts): float(v) by __float__, else a TypeError. */
export { real } from '../math.js';
