// Lib/random.py's integer and sequence methods (randrange, randint, choice, shuffle, sample,
// choices) over _randbelow, with 3.11's checks in 3.11's order: a wrong call draws what CPython
// draws before it fails, so the state after it is CPython's too.
import {
  intType,
  type MaybePromise,
  None,
  PyFloat,
  pyError,
  pyFloat,
  pyInt,
  PyList,
  PyTuple,
  type PyValue,
  typeName,
} from '../../objects.js';
import { call, getItem, len, PyRange, repr, setItem, toArrayMP } from '../../runtime.js';
import { MAX_SEQUENCE } from '../../runtime/values.js';
import { eachInOrder, then } from '../../maybe-promise.js';
import * as fm from './float-math.js';
import type { RandomGenerator } from './generator.js';
import { add, type Flow, indexArg, isInt, isTrue, mul, operatorIndex, real, wait } from './values.js';

type Int = number | bigint;
/** Shows a DeprecationWarning (randrange called directly from a cell), or null to stay silent. */
export type Warn = ((message: string) => void) | null;

function intAdd(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a + b)) return a + b;
  return pyInt(BigInt(a) + BigInt(b));
}

function intMul(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a * b)) return a * b;
  return pyInt(BigInt(a) * BigInt(b));
}

function intFloorDiv(a: Int, b: Int): Int {
  const x = BigInt(a);
  const y = BigInt(b);
  const q = x / y;
  return pyInt(q * y !== x && x < 0n !== y < 0n ? q - 1n : q);
}

const NON_INTEGER_DEPRECATED =
  'non-integer arguments to randrange() have been deprecated since Python 3.10 and will be removed in a subsequent version';

/** randrange's `_index(v)`, falling back to `int(v)` for an integral float (deprecated) as 3.11 does. */
function rangeArg(v: PyValue, which: string, warn: Warn): MaybePromise<Int> {
  const i = operatorIndex(v);
  if (i !== undefined) return i;
  return then(call(intType, [v]), (asInt) =>
    then(isTrue('!=', asInt, v), (differs) => {
      if (differs) {
        warn?.('randrange() will raise TypeError in the future');
        throw pyError('ValueError', `non-integer ${which} for randrange()`);
      }
      warn?.(NON_INTEGER_DEPRECATED);
      return asInt as Int;
    }),
  );
}

/** randrange(start, stop=None, step=1). */
export function* randrange(
  g: RandomGenerator,
  start: PyValue,
  stop: PyValue,
  step: PyValue,
  warn: Warn,
): Flow<PyValue> {
  const istart = yield* wait(rangeArg(start, 'arg 1', warn));
  if (stop === None) {
    // `step is not _ONE`: only the int 1 itself (the default) may stand with no stop.
    if (step !== 1) throw pyError('TypeError', 'Missing a non-None stop argument');
    if (istart > 0) return pyInt(g.randbelow(istart));
    throw pyError('ValueError', 'empty range for randrange()');
  }
  const istop = yield* wait(rangeArg(stop, 'stop', warn));
  const width = intAdd(istop, -istart);
  const istep = yield* wait(rangeArg(step, 'step', warn));
  if (istep === 1 || istep === 1n) {
    if (width > 0) return intAdd(istart, pyInt(g.randbelow(width)));
    throw pyError('ValueError', `empty range for randrange() (${istart}, ${istop}, ${width})`);
  }
  let n: Int;
  if (istep > 0) n = intFloorDiv(intAdd(width, intAdd(istep, -1)), istep);
  else if (istep < 0) n = intFloorDiv(intAdd(width, intAdd(istep, 1)), istep);
  else throw pyError('ValueError', 'zero step for randrange()');
  if (n <= 0) throw pyError('ValueError', 'empty range for randrange()');
  return intAdd(istart, intMul(istep, pyInt(g.randbelow(n))));
}

/** randint(a, b): randrange(a, b + 1), whose warnings CPython does not show (they point into random.py). */
export function* randint(g: RandomGenerator, a: PyValue, b: PyValue): Flow<PyValue> {
  return yield* randrange(g, a, yield* wait(add(b, 1)), 1, null);
}

const EMPTY_CHOICE = 'Cannot choose from an empty sequence';

/** range[j], exact past 2**53 (range(10**18)). */
function rangeItem(r: PyRange, j: Int): Int {
  return intAdd(r.start, intMul(r.step, j));
}

export function choice(g: RandomGenerator, seq: PyValue): MaybePromise<PyValue> {
  if (seq instanceof PyList || seq instanceof PyTuple) {
    if (seq.items.length === 0) throw pyError('IndexError', EMPTY_CHOICE);
    return seq.items[g.randbelowNumber(seq.items.length)];
  }
  if (seq instanceof PyRange) {
    if (seq.length === 0) throw pyError('IndexError', EMPTY_CHOICE);
    return rangeItem(seq, pyInt(g.randbelow(seq.length)));
  }
  return then(len(seq), (n) => {
    if (n === 0) throw pyError('IndexError', EMPTY_CHOICE);
    return getItem(seq, g.randbelowNumber(n));
  });
}

/** shuffle(x): Fisher–Yates from the end, `x[i], x[j] = x[j], x[i]` on any mutable sequence. */
export function shuffle(g: RandomGenerator, x: PyValue): MaybePromise<PyValue> {
  if (x instanceof PyList) {
    const items = x.items;
    for (let i = items.length - 1; i > 0; i--) {
      const j = g.randbelowNumber(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return None;
  }
  return then(len(x), (n) =>
    then(
      eachInOrder(Math.max(n - 1, 0), (step) => {
        const i = n - 1 - step;
        const j = g.randbelowNumber(i + 1);
        return then(getItem(x, j), (xj) =>
          then(getItem(x, i), (xi) => then(setItem(x, i, xj), () => setItem(x, j, xi))),
        );
      }),
      () => None,
    ),
  );
}

/** itertools.accumulate(values) with Python's +. */
function accumulate(values: PyValue[]): MaybePromise<PyValue[]> {
  const sums: PyValue[] = [];
  const adding = eachInOrder(values.length, (i) =>
    i === 0 ? void sums.push(values[0]) : then(add(sums[i - 1], values[i]), (s) => void sums.push(s)),
  );
  return then(adding, () => sums);
}

/** bisect.bisect_right(a, x, lo, hi) with Python's `<` (plain numbers compared directly). */
function* bisectRight(a: PyValue[], x: PyValue, lo: number, hi: number): Flow<number> {
  const xv = x instanceof PyFloat ? x.v : typeof x === 'number' ? x : undefined;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const item = a[mid];
    const iv = item instanceof PyFloat ? item.v : typeof item === 'number' ? item : undefined;
    const below = xv !== undefined && iv !== undefined ? xv < iv : yield* wait(isTrue('<', x, item));
    if (below) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** isinstance(population, collections.abc.Sequence) for the values we have. */
function isSequence(v: PyValue): v is PyList | PyTuple | PyRange | string {
  return v instanceof PyList || v instanceof PyTuple || v instanceof PyRange || typeof v === 'string';
}

/** A sequence's items, by index, without copying lists and tuples (strings by code point). */
function itemsOf(v: PyList | PyTuple | PyRange | string): (j: number) => PyValue {
  if (v instanceof PyList || v instanceof PyTuple) return (j) => v.items[j];
  if (v instanceof PyRange) return (j) => rangeItem(v, j);
  const chars = [...v];
  return (j) => chars[j];
}

/** `[None] * k`: k an int (or __index__), else "can't multiply sequence by non-int". */
function listSize(k: PyValue): MaybePromise<number> {
  const i = operatorIndex(k);
  if (i === undefined)
    throw pyError('TypeError', `can't multiply sequence by non-int of type '${typeName(k)}'`);
  return then(i, (n) => Math.max(Number(n), 0));
}

/** sample(population, k, *, counts=None). */
export function* sample(g: RandomGenerator, population: PyValue, k: PyValue, counts: PyValue): Flow<PyValue> {
  if (!isSequence(population))
    throw pyError('TypeError', 'Population must be a sequence.  For dicts or sets, use sorted(d).');
  const n = yield* wait(len(population));
  if (counts !== None) return yield* sampleWithCounts(g, population, n, k, counts);
  return new PyList(yield* sampleOf(g, n, itemsOf(population), k));
}

/** `counts`: a sample of range(total), each index mapped to its item by the running totals. */
function* sampleWithCounts(
  g: RandomGenerator,
  population: PyList | PyTuple | PyRange | string,
  n: number,
  k: PyValue,
  counts: PyValue,
): Flow<PyValue> {
  const cumCounts = yield* wait(accumulate(yield* wait(toArrayMP(counts))));
  if (cumCounts.length !== n)
    throw pyError('ValueError', 'The number of counts does not match the population');
  const total = cumCounts.pop();
  if (total === undefined) throw pyError('IndexError', 'pop from empty list');
  if (!isInt(total)) throw pyError('TypeError', 'Counts must be integers');
  if (Number(total) <= 0) throw pyError('ValueError', 'Total of counts must be greater than zero');
  const selections = yield* sampleOf(g, Number(total), (j) => j, k);
  const item = itemsOf(population);
  const out: PyValue[] = [];
  for (const s of selections) out.push(item(yield* bisectRight(cumCounts, s, 0, cumCounts.length)));
  return new PyList(out);
}

/**
 * The k picks of sample: a pool of the n items while n is at most the size of a set of k (3.11's
 * setsize rule), else indices drawn again until new.
 */
function* sampleOf(g: RandomGenerator, n: number, item: (j: number) => PyValue, k: PyValue): Flow<PyValue[]> {
  const inRange = (yield* wait(isTrue('<=', 0, k))) && (yield* wait(isTrue('<=', k, n)));
  if (!inRange) throw pyError('ValueError', 'Sample larger than population or is negative');
  const count = yield* wait(listSize(k));
  let setsize = 21;
  if (count > 5) setsize += 4 ** Math.ceil(fm.log(count * 3) / fm.log(4));
  const result: PyValue[] = new Array<PyValue>(count);
  if (n <= setsize) {
    const pool = Array.from({ length: n }, (_, j) => item(j));
    for (let i = 0; i < count; i++) {
      const j = g.randbelowNumber(n - i);
      result[i] = pool[j];
      pool[j] = pool[n - i - 1];
    }
  } else {
    const selected = new Set<number>();
    for (let i = 0; i < count; i++) {
      let j = g.randbelowNumber(n);
      while (selected.has(j)) j = g.randbelowNumber(n);
      selected.add(j);
      result[i] = item(j);
    }
  }
  return result;
}

/** `itertools.repeat(None, k)`'s count: an index, 0 when negative. */
function* repeatCount(k: PyValue): Flow<number> {
  const n = yield* wait(indexArg(k));
  if (n > MAX_SEQUENCE) throw pyError('MemoryError', '');
  return Math.max(Number(n), 0);
}

/** `[population[pick()] for i in _repeat(None, k)]`: each pick's draws, then its item. */
function* picks(population: PyValue, count: number, pick: () => Flow<number>): Flow<PyValue> {
  const out: PyValue[] = [];
  const items = population instanceof PyList || population instanceof PyTuple ? population.items : null;
  for (let i = 0; i < count; i++) {
    const j = yield* pick();
    out.push(items && j < items.length ? items[j] : yield* wait(getItem(population, j)));
  }
  return new PyList(out);
}

/** choices(population, weights=None, *, cum_weights=None, k=1). */
export function* choices(
  g: RandomGenerator,
  population: PyValue,
  weights: PyValue,
  cumWeights: PyValue,
  k: PyValue,
): Flow<PyValue> {
  const n = yield* wait(len(population));
  if (cumWeights === None) {
    if (weights === None) {
      const count = yield* repeatCount(k);
      // eslint-disable-next-line require-yield -- a pick that never waits
      return yield* picks(population, count, function* () {
        return Math.floor(g.random() * n);
      });
    }
    if (isInt(weights)) {
      // accumulate(an int) raises TypeError, which 3.11 turns into this hint.
      const hint = yield* wait(repr(weights));
      throw pyError('TypeError', `The number of choices must be a keyword argument: k=${hint}`);
    }
    cumWeights = new PyList(yield* wait(accumulate(yield* wait(toArrayMP(weights)))));
  } else if (weights !== None) {
    throw pyError('TypeError', 'Cannot specify both weights and cumulative weights');
  }
  if ((yield* wait(len(cumWeights))) !== n)
    throw pyError('ValueError', 'The number of weights does not match the population');
  const total = yield* wait(add(yield* wait(getItem(cumWeights, -1)), pyFloat(0)));
  if (yield* wait(isTrue('<=', total, pyFloat(0))))
    throw pyError('ValueError', 'Total of weights must be greater than zero');
  if (!Number.isFinite(yield* wait(real(total))))
    throw pyError('ValueError', 'Total of weights must be finite');
  const sums = yield* wait(toArrayMP(cumWeights));
  const hi = n - 1;
  const count = yield* repeatCount(k);
  return yield* picks(population, count, function* () {
    const x = yield* wait(mul(pyFloat(g.random()), total));
    return yield* bisectRight(sums, x, 0, hi);
  });
}
