// Subscripts: x[i], x[a:b:c] for the builtin sequences and mappings, and __getitem__,
// __setitem__, __delitem__.
import {
  builtinExceptions,
  dictType,
  MaybePromise,
  newException,
  PyDict,
  pyError,
  PyException,
  PyList,
  PyObject,
  PySlice,
  PyTuple,
  PyType,
  PyValue,
  sliceIndices,
  toIndex,
  typeName,
} from '../objects.js';
import { then } from '../maybe-promise.js';
import { PyRange } from './values.js';
import { callDunder } from './attributes.js';
import { intOf } from './numbers.js';
import { toArrayMP } from './iteration.js';

function seqIndex(i: PyValue, n: number, what: string): number {
  if (typeof i !== 'number' && typeof i !== 'boolean' && typeof i !== 'bigint') {
    if (i instanceof PyObject && i.cls.lookup('__index__') !== undefined)
      return seqIndex(toIndex(i), n, what);
    // CPython's words: `list indices …` also for an assignment, `range indices`, and strings' own.
    const kind = what.split(' ')[0];
    if (kind === 'string')
      throw pyError('TypeError', `string indices must be integers, not '${typeName(i)}'`);
    throw pyError('TypeError', `${kind} indices must be integers or slices, not ${typeName(i)}`);
  }
  let k = Number(intOf(i));
  if (k < 0) k += n;
  if (k < 0 || k >= n) throw pyError('IndexError', `${what} index out of range`);
  return k;
}

function sliceOf<T>(items: T[], s: PySlice): T[] {
  const [start, stop, step] = sliceIndices(s, items.length);
  if (step === 1) return items.slice(start, Math.max(start, stop));
  const out: T[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(items[i]);
  else for (let i = start; i > stop; i += step) out.push(items[i]);
  return out;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** True when a string has UTF-16 surrogates (code points past U+FFFF take two units). */
export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

export function getItem(v: PyValue, key: PyValue): MaybePromise<PyValue> {
  if (v instanceof PyList) {
    if (key instanceof PySlice) return new PyList(sliceOf(v.items, key));
    return v.items[seqIndex(key, v.items.length, 'list')];
  }
  if (v instanceof PyTuple) {
    if (key instanceof PySlice) return new PyTuple(sliceOf(v.items, key));
    return v.items[seqIndex(key, v.items.length, 'tuple')];
  }
  if (typeof v === 'string') {
    // Python indexes code points: UTF-16 units are code points unless there are surrogate pairs.
    if (typeof key === 'number' && !hasSurrogates(v)) return v[seqIndex(key, v.length, 'string')];
    const chars = [...v];
    if (key instanceof PySlice) return sliceOf(chars, key).join('');
    return chars[seqIndex(key, chars.length, 'string')];
  }
  if (v instanceof PyDict) {
    const r = v.get(key);
    if (r === undefined) {
      const missing = callDunder(v, '__missing__', [key]);
      if (missing !== undefined) return missing;
      throw new PyException(newException(builtinExceptions.KeyError, [key]));
    }
    return r;
  }
  if (v instanceof PyRange) {
    if (key instanceof PySlice) {
      const [start, stop, step] = sliceIndices(key, v.length);
      return new PyRange(v.at(start), v.at(0) + stop * v.step, step * v.step);
    }
    return v.at(seqIndex(key, v.length, 'range object'));
  }
  const r = callDunder(v, '__getitem__', [key]);
  if (r !== undefined) return r;
  if (v instanceof PyType) {
    // list[int] style annotations.
    return v;
  }
  throw pyError('TypeError', `'${typeName(v)}' object is not subscriptable`);
}

export function setItem(v: PyValue, key: PyValue, value: PyValue): MaybePromise<void> {
  if (v instanceof PyList) {
    if (key instanceof PySlice) {
      return then(toArrayMP(value), (vals) => {
        const [start, stop, step] = sliceIndices(key, v.items.length);
        if (step === 1) {
          v.items.splice(start, Math.max(0, stop - start), ...vals);
          return;
        }
        const idx: number[] = [];
        if (step > 0) for (let i = start; i < stop; i += step) idx.push(i);
        else for (let i = start; i > stop; i += step) idx.push(i);
        if (idx.length !== vals.length)
          throw pyError(
            'ValueError',
            `attempt to assign sequence of size ${vals.length} to extended slice of size ${idx.length}`,
          );
        idx.forEach((i, j) => (v.items[i] = vals[j]));
      });
    }
    v.items[seqIndex(key, v.items.length, 'list assignment')] = value;
    return;
  }
  if (v instanceof PyDict) {
    v.set(key, value);
    return;
  }
  const r = callDunder(v, '__setitem__', [key, value]);
  if (r !== undefined) return then(r, () => undefined);
  throw pyError('TypeError', `'${typeName(v)}' object does not support item assignment`);
}

export function delItem(v: PyValue, key: PyValue): MaybePromise<void> {
  if (v instanceof PyList) {
    if (key instanceof PySlice) {
      const [start, stop, step] = sliceIndices(key, v.items.length);
      const drop = new Set<number>();
      if (step > 0) for (let i = start; i < stop; i += step) drop.add(i);
      else for (let i = start; i > stop; i += step) drop.add(i);
      v.items = v.items.filter((_, i) => !drop.has(i));
      return;
    }
    v.items.splice(seqIndex(key, v.items.length, 'list assignment'), 1);
    return;
  }
  if (v instanceof PyDict) {
    // A dict class's own __delitem__ (Counter's ignores a missing key).
    const own = v.cls === dictType ? undefined : callDunder(v, '__delitem__', [key]);
    if (own !== undefined) return then(own, () => undefined);
    if (!v.delete(key)) throw new PyException(newException(builtinExceptions.KeyError, [key]));
    return;
  }
  const r = callDunder(v, '__delitem__', [key]);
  if (r !== undefined) return then(r, () => undefined);
  throw pyError('TypeError', `'${typeName(v)}' object doesn't support item deletion`);
}

// Formatting
