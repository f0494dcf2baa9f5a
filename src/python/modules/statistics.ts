// `import statistics`: CPython 3.11's statistics functions for the numbers lessons summarise. As in
// CPython, mean and the variances sum the data exactly (a float is m·2^e, an exact rational, here
// BigInt fractions) and round once, so mean([0.1, 0.2, 0.3]) is 0.2 and stdev's last digit agrees.
import {
  builtinExceptions,
  defineFunction,
  hashKey,
  type MaybePromise,
  type ModuleFactory,
  newModule,
  None,
  pyError,
  PyFloat,
  pyFloat,
  pyInt,
  PyList,
  PyType,
  type PyValue,
  typeName,
} from '../objects.js';
import { binaryOp, mapMP, repr, then, toArrayMP } from '../runtime.js';
import { sortSync } from '../builtins/container-methods.js';
import { real } from './math.js';

const statisticsError = new PyType('StatisticsError', {
  module: 'statistics',
  bases: [builtinExceptions.ValueError],
});
statisticsError.isException = true;

const fail = (message: string) => pyError(statisticsError, message);

// ---------------------------------------------------------------------------------------------
// Exact rationals

/** n/d in lowest terms, d > 0. */
interface Ratio {
  n: bigint;
  d: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function ratio(n: bigint, d: bigint): Ratio {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

const add = (a: Ratio, b: Ratio) => ratio(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Ratio, b: Ratio) => ratio(a.n * b.n, a.d * b.d);
const sub = (a: Ratio, b: Ratio) => add(a, { n: -b.n, d: b.d });
const divInt = (a: Ratio, k: number) => ratio(a.n, a.d * BigInt(k));

/** A finite double's exact value: its 52-bit fraction and exponent read from the bits. */
function floatRatio(x: number): Ratio {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const mant = exp === 0 ? frac : frac | (1n << 52n);
  const e = (exp === 0 ? 1 : exp) - 1075;
  const signed = negative ? -mant : mant;
  return e >= 0 ? ratio(signed << BigInt(e), 1n) : ratio(signed, 1n << BigInt(-e));
}

const bitLength = (x: bigint) => (x === 0n ? 0 : abs(x).toString(2).length);

/** n/d correctly rounded to a double (half to even), as Python's int / int. */
function ratioToFloat({ n, d }: Ratio): number {
  if (n === 0n) return 0;
  const sign = n < 0n ? -1 : 1;
  const num = abs(n);
  // scale so the quotient has at least 55 bits: 53 kept, a rounding bit, and more
  const shift = bitLength(d) - bitLength(num) + 55;
  const [top, bottom] = shift >= 0 ? [num << BigInt(shift), d] : [num, d << BigInt(-shift)];
  const q = top / bottom;
  const sticky = top % bottom !== 0n;
  // drop bits below 53 significant ones, or below 2^-1074 for a subnormal result
  const drop = Math.max(bitLength(q) - 53, shift - 1074);
  const kept = q >> BigInt(drop);
  const rest = q - (kept << BigInt(drop));
  const half = 1n << BigInt(drop - 1);
  const up = rest > half || (rest === half && (sticky || (kept & 1n) === 1n));
  const x = sign * Number(up ? kept + 1n : kept) * 2 ** (drop - shift);
  if (!Number.isFinite(x)) throw pyError('OverflowError', 'integer division result too large for a float');
  return x;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** CPython's _float_sqrt_of_frac: sqrt(n/m) correctly rounded, through round-to-odd. */
function floatSqrtOfFrac(n: bigint, m: bigint): number {
  const rto = (a: bigint, b: bigint) => {
    const r = isqrt(a / b);
    return r * r * b !== a ? r | 1n : r;
  };
  const q = Math.floor((bitLength(n) - bitLength(m) - 109) / 2);
  if (q >= 0) return ratioToFloat({ n: rto(n, m << BigInt(2 * q)) << BigInt(q), d: 1n });
  return ratioToFloat(ratio(rto(n << BigInt(-2 * q), m), 1n << BigInt(-q)));
}

// ---------------------------------------------------------------------------------------------
// CPython's _sum and _ss: exact totals, the result's type (int unless a float was seen)

/** The exact total of the data, or a float's inf/nan where one is in it (as CPython's partials[None]). */
interface Total {
  exact: Ratio;
  nonFinite: number | undefined;
  isFloat: boolean;
  count: number;
}

function exactValue(v: PyValue): Ratio | number {
  if (typeof v === 'number') return ratio(BigInt(v), 1n);
  if (typeof v === 'bigint') return ratio(v, 1n);
  if (typeof v === 'boolean') return ratio(v ? 1n : 0n, 1n);
  if (v instanceof PyFloat) return Number.isFinite(v.v) ? floatRatio(v.v) : v.v;
  throw pyError('TypeError', `can't convert type '${typeName(v)}' to numerator/denominator`);
}

function exactSum(items: PyValue[]): Total {
  const total: Total = { exact: ratio(0n, 1n), nonFinite: undefined, isFloat: false, count: 0 };
  for (const v of items) {
    if (v instanceof PyFloat) total.isFloat = true;
    const x = exactValue(v);
    if (typeof x === 'number') total.nonFinite = (total.nonFinite ?? 0) + x;
    else total.exact = add(total.exact, x);
    total.count++;
  }
  return total;
}

/** CPython's _convert: an int where the type is int and the value whole, else the rounded float. */
function convert(value: Ratio, isFloat: boolean): PyValue {
  if (!isFloat && value.d === 1n) return pyInt(value.n);
  return pyFloat(ratioToFloat(value));
}

/** The sum of squared deviations: about the exact mean, or about a given centre (CPython's _ss). */
function squaredDeviations(items: PyValue[], centre: PyValue): MaybePromise<Total> {
  if (centre !== None) {
    // as CPython: (x - c) * (x - c) in Python arithmetic, then summed exactly
    const square = (x: PyValue) => then(binaryOp('-', x, centre), (d) => binaryOp('*', d, d));
    return then(mapMP(items, square), (squares) => {
      const t = exactSum(squares);
      return { ...t, isFloat: t.isFloat || exactSum(items).isFloat };
    });
  }
  const sums = exactSum(items);
  const squares = items
    .map(exactValue)
    .reduce<Ratio>((acc, x) => (typeof x === 'number' ? acc : add(acc, mul(x, x))), ratio(0n, 1n));
  const n = BigInt(sums.count || 1);
  const ss = divInt(sub(mul({ n, d: 1n }, squares), mul(sums.exact, sums.exact)), Number(n));
  return { ...sums, exact: ss };
}

// ---------------------------------------------------------------------------------------------
// The functions

function mean(items: PyValue[]): PyValue {
  const t = exactSum(items);
  if (t.count < 1) throw fail('mean requires at least one data point');
  if (t.nonFinite !== undefined) return pyFloat(t.nonFinite / t.count);
  return convert(divInt(t.exact, t.count), t.isFloat);
}

/** math.fsum of finite floats: the exact total rounded once, CPython's error where that overflows. */
function fsumRounded(xs: number[]): number {
  try {
    return ratioToFloat(xs.reduce((acc, x) => add(acc, floatRatio(x)), ratio(0n, 1n)));
  } catch {
    throw pyError('OverflowError', 'intermediate overflow in fsum');
  }
}

/** math.fsum's correctly rounded total of the values as floats, over the count. */
function fmean(items: PyValue[]): MaybePromise<PyValue> {
  return then(mapMP(items, real), (xs) => {
    if (xs.length === 0) throw fail('fmean requires at least one data point');
    const special = xs.filter((x) => !Number.isFinite(x));
    const total = special.length ? special.reduce((a, b) => a + b, 0) : fsumRounded(xs);
    return pyFloat(total / xs.length);
  });
}

type Spread = (items: PyValue[], centre: PyValue) => MaybePromise<PyValue>;

/** variance, pvariance, stdev, pstdev: the squared deviations over n - ddof, maybe square-rooted. */
function spread(name: string, ddof: number, root: boolean): Spread {
  const least = ddof === 1 ? 'two data points' : 'one data point';
  return (items, centre) =>
    then(squaredDeviations(items, centre), (t) => {
      if (t.count < 1 + ddof) throw fail(`${name} requires at least ${least}`);
      if (t.nonFinite !== undefined) {
        const v = t.nonFinite / (t.count - ddof);
        return pyFloat(root ? Math.sqrt(v) : v);
      }
      const mss = divInt(t.exact, t.count - ddof);
      return root ? pyFloat(floatSqrtOfFrac(mss.n, mss.d)) : convert(mss, t.isFloat);
    });
}

function sortedData(data: PyValue): MaybePromise<PyValue[]> {
  return then(toArrayMP(data), (items) => sortSync(items, None, false));
}

function median(data: PyValue, pick: 'mid' | 'low' | 'high'): MaybePromise<PyValue> {
  return then(sortedData(data), (xs) => {
    const n = xs.length;
    if (n === 0) throw fail('no median for empty data');
    const half = Math.floor(n / 2);
    if (n % 2 === 1) return xs[half];
    if (pick === 'low') return xs[half - 1];
    if (pick === 'high') return xs[half];
    return then(binaryOp('+', xs[half - 1], xs[half]), (s) => binaryOp('/', s, 2));
  });
}

/** The values with their counts, first-seen order (a Counter). */
function counts(items: PyValue[]): [PyValue, number][] {
  const seen = new Map<unknown, [PyValue, number]>();
  for (const v of items) {
    const k = hashKey(v);
    const entry = seen.get(k);
    if (entry) entry[1]++;
    else seen.set(k, [v, 1]);
  }
  return [...seen.values()];
}

function multimode(items: PyValue[]): PyValue[] {
  const table = counts(items);
  const most = Math.max(0, ...table.map(([, c]) => c));
  return table.filter(([, c]) => c === most).map(([v]) => v);
}

/** (a * p + b * q) / n in Python arithmetic, as quantiles interpolates. */
function interpolate(a: PyValue, p: number, b: PyValue, q: number, n: number): MaybePromise<PyValue> {
  return then(binaryOp('*', a, p), (ap) =>
    then(binaryOp('*', b, q), (bq) => then(binaryOp('+', ap, bq), (s) => binaryOp('/', s, n))),
  );
}

function quantiles(data: PyValue, n: PyValue, method: PyValue): MaybePromise<PyValue> {
  if (typeof n !== 'number')
    throw pyError('TypeError', `'<' not supported between instances of '${typeName(n)}' and 'int'`);
  if (n < 1) throw fail('n must be at least 1');
  return then(sortedData(data), (xs) => {
    const ld = xs.length;
    if (ld < 2) throw fail('must have at least two data points');
    const cuts: [number, number, number][] = [];
    if (method === 'inclusive') {
      const m = ld - 1;
      for (let i = 1; i < n; i++) cuts.push([Math.floor((i * m) / n), (i * m) % n, 0]);
    } else if (method === 'exclusive') {
      const m = ld + 1;
      for (let i = 1; i < n; i++) {
        const j = Math.min(Math.max(Math.floor((i * m) / n), 1), ld - 1);
        cuts.push([j - 1, i * m - j * n, 0]);
      }
    } else {
      return then(repr(method), (r) => {
        throw pyError('ValueError', `Unknown method: ${r}`);
      });
    }
    return then(
      mapMP(cuts, ([j, delta]) => interpolate(xs[j], n - delta, xs[j + 1], delta, n)),
      (values) => new PyList(values),
    );
  });
}

const withData =
  (f: (items: PyValue[]) => MaybePromise<PyValue>) =>
  (a: Record<string, PyValue>): MaybePromise<PyValue> =>
    then(toArrayMP(a.data), f);

const spreadFunction = (name: string, centre: string, ddof: number, root: boolean) => {
  const run = spread(name, ddof, root);
  return defineFunction(name, `data, ${centre}=None`, (a) =>
    then(toArrayMP(a.data), (xs) => run(xs, a[centre])),
  );
};

export const statisticsModule: ModuleFactory = () =>
  newModule(
    'statistics',
    {
      StatisticsError: statisticsError,
      mean: defineFunction('mean', 'data', withData(mean)),
      fmean: defineFunction('fmean', 'data', withData(fmean)),
      median: defineFunction('median', 'data', (a) => median(a.data, 'mid')),
      median_low: defineFunction('median_low', 'data', (a) => median(a.data, 'low')),
      median_high: defineFunction('median_high', 'data', (a) => median(a.data, 'high')),
      mode: defineFunction(
        'mode',
        'data',
        withData((xs) => {
          const table = counts(xs);
          if (table.length === 0) throw fail('no mode for empty data');
          return table.reduce((best, e) => (e[1] > best[1] ? e : best))[0];
        }),
      ),
      multimode: defineFunction(
        'multimode',
        'data',
        withData((xs) => new PyList(multimode(xs))),
      ),
      variance: spreadFunction('variance', 'xbar', 1, false),
      pvariance: spreadFunction('pvariance', 'mu', 0, false),
      stdev: spreadFunction('stdev', 'xbar', 1, true),
      pstdev: spreadFunction('pstdev', 'mu', 0, true),
      quantiles: defineFunction('quantiles', "data, *, n=4, method='exclusive'", (a) =>
        quantiles(a.data, a.n, a.method),
      ),
    },
    'Basic statistics for numeric data, as in CPython 3.11.',
  );
