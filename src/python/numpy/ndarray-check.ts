// Whether a value is a numpy array, without loading numpy: torch asks this of every argument, and a
// lesson that never imports numpy must not fetch its engine for the question. ndarray.ts registers
// its class when it loads, so no array can exist before the check knows its class.
import type { NDArray } from './ndarray.js';
import { PyNative, type PyValue } from '../objects.js';

let ndarrayClass: (abstract new (...args: never[]) => NDArray) | undefined;

/** Called once by ndarray.ts. */
export function registerNDArrayClass(cls: abstract new (...args: never[]) => NDArray): void {
  ndarrayClass = cls;
}

export function isNDArray(v: PyValue): v is PyNative<NDArray> {
  return ndarrayClass !== undefined && v instanceof PyNative && v.value instanceof ndarrayClass;
}
