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
  const raw: RawExpr = (f) => {
    const a = lraw !== undefined ? lraw(f) : operand(f, ls, left);
    let x: number;
    let xInt = false;
    if (a === RAW) x = rawValue[0];
    else if (a instanceof PyFloat) x = a.v;
    else if (typeof a === 'number') {
      x = a;
      xInt = true;
    } else if (isPromise(a)) return a.then((av) => then(right(f), (bv) => fn(av, bv)));
    else return rest(a, right(f));
    const b = rraw !== undefined ? rraw(f) : operand(f, rs, right);
    let y: number;
    let yInt = false;
    if (b === RAW) y = rawValue[0];
    else if (b instanceof PyFloat) y = b.v;
    else if (typeof b === 'number') {
      y = b;
      yInt = true;
    } else return rest(a === RAW ? new PyFloat(x) : a, b);
    switch (code) {
      case 1:
        if (xInt && yInt) {
          const r = x + y;
          if (Number.isSafeInteger(r)) return r;
          break;
        }
        rawValue[0] = x + y;
        return RAW;
      case 2:
        if (xInt && yInt) {
          const r = x - y;
          if (Number.isSafeInteger(r)) return r;
          break;
        }
        rawValue[0] = x - y;
        return RAW;
      case 3:
        if (xInt && yInt) {
          const r = x * y;
          if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
          break;
        }
        rawValue[0] = x * y;
        return RAW;
      default:
        if (y === 0) break; // ZeroDivisionError, in fn's words
        rawValue[0] = x / y;
        return RAW;
    }
    // An int result that is no longer exact, or a division by zero: the general way.
    return fn(a === RAW ? new PyFloat(x) : a, b === RAW ? new PyFloat(y) : b);
  };
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
