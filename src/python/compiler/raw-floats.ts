// Float arithmetic without a PyFloat per intermediate result: in `lr * err * x[i]` or
// `out += w * x`, the inner + - * / hands its float to the operator around it as a JS number
// (RAW, its value in rawValue) instead of boxing it, as the result would be dropped at once. Every
// other result (ints, overflows, division by zero, instances, Promises) is the operator's usual one.
import { PyFloat, PyValue } from '../objects.js';
import { isPromise, MaybePromise, then } from '../maybe-promise.js';
import type { Expr, Frame } from './frame.js';
import { operand } from './names.js';

/** Stands for "a float, its value in rawValue". */
export const RAW: unique symbol = Symbol('raw float');
export type RawExpr = (f: Frame) => MaybePromise<PyValue> | typeof RAW;

/**
 * The value of the last RAW result (read it before evaluating anything else), in a typed array:
 * a double kept in a plain variable would be boxed by the JS engine at every write.
 */
export const rawValue = new Float64Array(1);

const forms = new WeakMap<Expr, RawExpr>();

/** The raw form of an expression compiled by arithmetic(); undefined for any other. */
export function rawForm(e: Expr): RawExpr | undefined {
  return forms.get(e);
}

const codes: Record<string, number> = { '+': 1, '-': 2, '*': 3, '/': 4 };

/**
 * `left op right` for op in + - * /: `boxed` (the operator's own closure) when neither operand is
 * itself such an operator, else one that takes their raw floats; either way with its raw form
 * recorded for an operator around it. `fn` is the general operator, `rest` what the operator does
 * once its inline cases did not apply (a Promise, an instance's dunder, fn).
 */
export function arithmetic(
  op: string,
  left: Expr,
  right: Expr,
  ls: number,
  rs: number,
  fn: (a: PyValue, b: PyValue) => MaybePromise<PyValue>,
  rest: (a: PyValue, b: MaybePromise<PyValue>) => MaybePromise<PyValue>,
  boxed: Expr,
): Expr {
  const code = codes[op];
  const lraw = forms.get(left);
  const rraw = forms.get(right);
  // Kept under V8's size limit for inlining (460 bytes of bytecode) so that the closure around it
  // (an operator, `total += …`) inlines it: the rarer cases are calls of their own.
  const raw: RawExpr = (f) => {
    const a = lraw !== undefined ? lraw(f) : operand(f, ls, left);
    let x: number;
    if (a === RAW) x = rawValue[0];
    else if (a instanceof PyFloat) x = a.v;
    else if (typeof a === 'number') x = a;
    else return otherLeft(f, a);
    const b = rraw !== undefined ? rraw(f) : operand(f, rs, right);
    let y: number;
    if (b === RAW) y = rawValue[0];
    else if (b instanceof PyFloat) y = b.v;
    else if (typeof b === 'number') y = b;
    else return otherRight(a, x, b);
    if (typeof a === 'number' && typeof b === 'number') return ints(code, a, b, fn);
    switch (code) {
      case 1:
        rawValue[0] = x + y;
        return RAW;
      case 2:
        rawValue[0] = x - y;
        return RAW;
      case 3:
        rawValue[0] = x * y;
        return RAW;
      default:
        return divide(a, x, b, y, fn);
    }
  };
  // The left operand is neither a number nor a float: a Promise, or what `rest` handles.
  const otherLeft = (f: Frame, a: MaybePromise<PyValue>): MaybePromise<PyValue> =>
    isPromise(a) ? a.then((av) => then(right(f), (bv) => fn(av, bv))) : rest(a, right(f));
  // The right operand is neither: `rest` has it, with the left boxed again if it came raw.
  const otherRight = (a: PyValue | typeof RAW, x: number, b: MaybePromise<PyValue>): MaybePromise<PyValue> =>
    rest(a === RAW ? new PyFloat(x) : a, b);
  const out: Expr =
    lraw === undefined && rraw === undefined
      ? boxed
      : (f) => {
          const r = raw(f);
          return r === RAW ? new PyFloat(rawValue[0]) : r;
        };
  forms.set(out, raw);
  return out;
}

/** Two ints: the exact int result (a float for /), else the general operator (an overflow, a division by zero). */
function ints(code: number, a: number, b: number, fn: (a: PyValue, b: PyValue) => MaybePromise<PyValue>) {
  let r: number;
  switch (code) {
    case 1:
      r = a + b;
      break;
    case 2:
      r = a - b;
      break;
    case 3:
      r = a * b;
      if (r === 0) r = 0; // no -0 for an int
      break;
    default:
      if (b === 0) return fn(a, b);
      rawValue[0] = a / b;
      return RAW;
  }
  return Number.isSafeInteger(r) ? r : fn(a, b);
}

/** x / y, raw; by zero, the general operator raises ZeroDivisionError in its words. */
function divide(
  a: PyValue | typeof RAW,
  x: number,
  b: PyValue | typeof RAW,
  y: number,
  fn: (a: PyValue, b: PyValue) => MaybePromise<PyValue>,
): MaybePromise<PyValue> | typeof RAW {
  if (y === 0) return fn(a === RAW ? new PyFloat(x) : a, b === RAW ? new PyFloat(y) : b);
  rawValue[0] = x / y;
  return RAW;
}

/** `a op= v` where v came RAW (op in + - *, code 1-3): the result when a is an int or float. */
export function rawInplace(code: number, a: PyValue, y: number): PyValue | undefined {
  let x: number;
  if (a instanceof PyFloat) x = a.v;
  else if (typeof a === 'number') x = a;
  else return undefined;
  switch (code) {
    case 1:
      return new PyFloat(x + y);
    case 2:
      return new PyFloat(x - y);
    case 3:
      return new PyFloat(x * y);
  }
  return undefined;
}
