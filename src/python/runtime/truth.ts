// Truth value, len() and identity (`is`).
import {
  MaybePromise,
  PyDict,
  pyError,
  PyFloat,
  PyList,
  PySet,
  PyTuple,
  PyValue,
  toIndex,
  typeName,
} from '../objects.js';
import { then } from '../maybe-promise.js';
import { DictView, PyRange } from './values.js';
import { call, callDunder } from './attributes.js';
import { hasSurrogates } from './indexing.js';

export function truthy(v: PyValue): MaybePromise<boolean> {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
    case 'bigint':
      return v !== 0n;
  }
  if (v === null) return false;
  if (v instanceof PyFloat) return v.v !== 0;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict || v instanceof PySet) return v.size > 0;
  if (v instanceof PyRange) return v.length > 0;
  const t = v.cls;
  const b = t.lookup('__bool__');
  if (b !== undefined) {
    return then(call(b, [v], null), (r) => {
      if (typeof r !== 'boolean')
        throw pyError('TypeError', `__bool__ should return bool, returned ${typeName(r)}`);
      return r;
    });
  }
  const l = t.lookup('__len__');
  if (l !== undefined) return then(call(l, [v], null), (n) => toIndex(n) !== 0);
  return true;
}

export function len(v: PyValue): MaybePromise<number> {
  if (typeof v === 'string') return hasSurrogates(v) ? [...v].length : v.length;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict || v instanceof PySet) return v.size;
  if (v instanceof PyRange) return v.length;
  if (v instanceof DictView) return v.dict.size;
  const r = callDunder(v, '__len__');
  if (r === undefined) throw pyError('TypeError', `object of type '${typeName(v)}' has no len()`);
  return then(r, (n) => {
    const i = toIndex(n);
    if (i < 0) throw pyError('ValueError', '__len__() should return >= 0');
    return i;
  });
}

// Numbers

export function isSame(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  // Small ints and equal strings are the same object in CPython too, for all practical purposes.
  return false;
}
