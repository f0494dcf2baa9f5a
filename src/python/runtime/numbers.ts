// Python's numbers as JS values: an int is a number or a bigint (bool counts as an int), a float
// a PyFloat; these read them without caring which.
import { PyFloat, PyValue } from '../objects.js';

export function isIntLike(v: PyValue): v is number | bigint | boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
}

export function intOf(v: number | bigint | boolean): number | bigint {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

export function big(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

export function numValue(v: PyValue): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}
