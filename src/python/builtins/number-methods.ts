// The methods of int and float, and round().
import {
  BoundArgs,
  floatType,
  intType,
  MaybePromise,
  None,
  pyError,
  PyFloat,
  pyFloat,
  pyInt,
  PyTuple,
  PyValue,
  toIndex,
  typeName,
} from '../objects.js';
import { callDunder, format, isIntLike } from '../runtime.js';
import { formatFixed, roundHalfEven } from '../../core/decimal.js';
import { method } from './helpers.js';
import { toInt } from './types.js';

/** round(x, n) with correct decimal rounding of the double, as CPython. */
function roundFloat(x: number, n: number): number {
  if (!Number.isFinite(x)) return x;
  if (n > 22) return x;
  if (n < -22) return 0 * x;
  if (n >= 0) return Number(formatFixed(x, n));
  const p = 10 ** -n;
  return roundHalfEven(x / p) * p;
}

export function numberMethods(): void {
  method(intType, 'bit_length', 'self, /', (a) =>
    a.self === 0
      ? 0
      : (BigInt(a.self as number) < 0n ? -BigInt(a.self as number) : BigInt(a.self as number)).toString(2)
          .length,
  );
  method(intType, 'conjugate', 'self, /', (a) => a.self);
  method(intType, 'bit_count', 'self, /', (a) => {
    const n = BigInt(a.self as number);
    return [...(n < 0n ? -n : n).toString(2)].filter((d) => d === '1').length;
  });
  method(
    intType,
    'as_integer_ratio',
    'self, /',
    (a) => new PyTuple([typeof a.self === 'boolean' ? (a.self ? 1 : 0) : a.self, 1]),
  );
  method(intType, 'is_integer', 'self, /', () => true);
  method(intType, '__index__', 'self', (a) => (typeof a.self === 'boolean' ? (a.self ? 1 : 0) : a.self));
  method(intType, '__int__', 'self', (a) => (typeof a.self === 'boolean' ? (a.self ? 1 : 0) : a.self));
  method(intType, '__float__', 'self', (a) => pyFloat(Number(a.self)));
  method(intType, '__format__', 'self, spec', (a) => format(a.self, a.spec as string));
  intType.define({}, {
    real: { get: (self: PyValue) => self },
    imag: { get: () => 0 },
    numerator: { get: (self: PyValue) => self },
    denominator: { get: () => 1 },
  } as never);
  const fv = (a: BoundArgs) => (a.self as PyFloat).v;
  method(floatType, 'is_integer', 'self, /', (a) => Number.isInteger(fv(a)));
  method(floatType, 'conjugate', 'self, /', (a) => a.self);
  method(floatType, 'hex', 'self, /', (a) => fv(a).toString(16));
  method(floatType, 'as_integer_ratio', 'self, /', (a) => {
    const x = fv(a);
    if (!Number.isFinite(x))
      throw pyError(Number.isNaN(x) ? 'ValueError' : 'OverflowError', 'cannot convert to integer ratio');
    let den = 1n;
    let y = x;
    while (!Number.isInteger(y)) {
      y *= 2;
      den *= 2n;
    }
    return new PyTuple([pyInt(BigInt(y)), pyInt(den)]);
  });
  method(floatType, '__int__', 'self', (a) => toInt(a.self));
  method(floatType, '__float__', 'self', (a) => a.self);
  method(floatType, '__format__', 'self, spec', (a) => format(a.self, a.spec as string));
  method(floatType, '__round__', 'self, ndigits=None', (a) => roundValue(a.self, a.ndigits));
  floatType.define({}, {
    real: { get: (self: PyValue) => self },
    imag: { get: () => pyFloat(0) },
  } as never);
}

export function roundValue(x: PyValue, nd: PyValue): MaybePromise<PyValue> {
  if (nd === None) {
    if (x instanceof PyFloat) {
      if (!Number.isFinite(x.v))
        throw pyError(
          Number.isNaN(x.v) ? 'ValueError' : 'OverflowError',
          Number.isNaN(x.v)
            ? 'cannot convert float NaN to integer'
            : 'cannot convert float infinity to integer',
        );
      return pyInt(roundHalfEven(x.v) || 0); // an int has no -0
    }
    if (isIntLike(x)) return typeof x === 'boolean' ? (x ? 1 : 0) : x;
  } else {
    const n = toIndex(nd);
    if (x instanceof PyFloat) return pyFloat(roundFloat(x.v, n));
    if (isIntLike(x)) {
      const v = typeof x === 'boolean' ? (x ? 1 : 0) : x;
      if (n >= 0) return v;
      const p = 10n ** BigInt(-n);
      const b = BigInt(v);
      let q = b / p;
      let r = b % p;
      if (r < 0n) {
        q -= 1n;
        r += p;
      }
      if (r * 2n > p || (r * 2n === p && q % 2n !== 0n)) q += 1n;
      return pyInt(q * p);
    }
  }
  const r = callDunder(x, '__round__', nd === None ? [] : [nd]);
  if (r !== undefined) return r;
  throw pyError('TypeError', `type ${typeName(x)} doesn't define __round__ method`);
}

// Builtin functions
