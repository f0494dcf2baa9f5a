// The float functions Lib/random.py calls (math.log, exp, sqrt, cos, sin, acos and float ** float)
// with glibc's correctly rounded values (core/crlibm.ts: V8's Math differs in the last digit of a
// few percent of draws) and CPython's errors for their domains.
import * as crlibm from '../../../core/crlibm.js';
import * as trig from '../../../core/crlibm-trig.js';
import { pyError } from '../../objects.js';

function domainError(): never {
  throw pyError('ValueError', 'math domain error');
}

/** math.log(x). */
export function log(x: number): number {
  if (x <= 0) domainError();
  return crlibm.log(x);
}

/** math.exp(x): OverflowError when a finite x overflows. */
export function exp(x: number): number {
  const y = crlibm.exp(x);
  if (y === Infinity && Number.isFinite(x)) throw pyError('OverflowError', 'math range error');
  return y;
}

/** math.sqrt(x). */
export function sqrt(x: number): number {
  if (x < 0) domainError();
  return Math.sqrt(x);
}

/** math.acos(x). */
export function acos(x: number): number {
  if (Math.abs(x) > 1) domainError();
  return trig.acos(x);
}

export const { cos, sinCos } = trig;

/** x ** y for two floats, as CPython's float_pow (a negative base with a fractional power is refused: no complex). */
export function floatPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (x === 0 && y < 0) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
  if (x < 0 && Number.isFinite(x) && Number.isFinite(y) && !Number.isInteger(y))
    throw pyError('ValueError', 'complex results are not supported');
  const r = crlibm.pow(x, y);
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y))
    throw pyError('OverflowError', "(34, 'Numerical result out of range')");
  return r;
}
