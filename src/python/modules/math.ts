// `import math`: CPython's math module over JS Math, with Python's int/float results and errors
// (`math domain error`, `math range error`), exact integer functions on big ints.

import {
  defineFunction,
  isPromise,
  type MaybePromise,
  newModule,
  PyFloat,
  pyError,
  pyFloat,
  pyInt,
  PyNative,
  PyObject,
  type PyValue,
  type ModuleFactory,
  typeName,
} from '../objects.js';
import { call as callPython, toArrayMP as toArray } from '../runtime.js';
// glibc's correctly rounded values (CPython's on Linux), where V8's Math may be an ulp off.
import * as crlibm from '../../core/crlibm.js';
import * as trig from '../../core/crlibm-trig.js';

/** A real number argument as Python's math functions accept it (int, float, bool, __float__). */
export function real(v: PyValue): MaybePromise<number> {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') {
    const x = Number(v);
    if (!Number.isFinite(x)) throw pyError('OverflowError', 'int too large to convert to float');
    return x;
  }
  if (v instanceof PyNative || v instanceof PyObject) {
    const f = v.cls.lookup('__float__');
    if (f !== undefined) {
      const r = callPython(f, [v]);
      const done = (x: PyValue) => {
        if (x instanceof PyFloat) return x.v;
        if (typeof x === 'number') return x;
        throw pyError('TypeError', `${typeName(v)}.__float__ returned non-float (type ${typeName(x)})`);
      };
      return isPromise<PyValue>(r) ? r.then(done) : done(r);
    }
  }
  throw pyError('TypeError', `must be real number, not ${typeName(v)}`);
}

function integer(v: PyValue, fn: string): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof PyFloat) {
    if (fn === 'factorial') throw pyError('TypeError', "'float' object cannot be interpreted as an integer");
    throw pyError('TypeError', `'float' object cannot be interpreted as an integer`);
  }
  throw pyError('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}

function domain(): never {
  throw pyError('ValueError', 'math domain error');
}

function checked(x: number, inputsFinite: boolean): PyFloat {
  if (Number.isNaN(x) && inputsFinite) domain();
  if (!Number.isFinite(x) && !Number.isNaN(x) && inputsFinite)
    throw pyError('OverflowError', 'math range error');
  return pyFloat(x);
}

/** A one-argument float function with CPython's domain/range checks. */
function f1(name: string, f: (x: number) => number, inDomain: (x: number) => boolean = () => true) {
  return defineFunction(name, 'x, /', (a) => {
    const r = real(a.x);
    const run = (x: number) => {
      if (Number.isNaN(x)) return pyFloat(NaN);
      if (!inDomain(x)) domain();
      return checked(f(x), Number.isFinite(x));
    };
    return isPromise<number>(r) ? r.then(run) : run(r);
  });
}

function intResult(x: number, name: string): PyValue {
  if (Number.isNaN(x)) throw pyError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw pyError('OverflowError', `cannot convert float infinity to integer`);
  void name;
  return Number.isSafeInteger(x) ? x : pyInt(BigInt(x));
}

function rounding(name: string, f: (x: number) => number) {
  return defineFunction(name, 'x, /', (a) => {
    if (typeof a.x === 'number' || typeof a.x === 'bigint') return a.x;
    if (typeof a.x === 'boolean') return a.x ? 1 : 0;
    const r = real(a.x);
    return isPromise<number>(r) ? r.then((x) => intResult(f(x), name)) : intResult(f(r), name);
  });
}

function gcd2(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

function logOf(x: PyValue): number {
  // Big ints keep their magnitude: log(2**2000) works in Python.
  if (typeof x === 'bigint') {
    if (x <= 0n) domain();
    const asDouble = Number(x);
    if (Number.isFinite(asDouble)) return crlibm.log(asDouble);
    // Too big for a double: CPython's frexp route, log(m) + e*log(2) with m in [0.5, 1).
    const bits = x.toString(2);
    const m = Number(BigInt('0b' + bits.slice(0, 53))) / 2 ** Math.min(53, bits.length);
    return crlibm.log(m) + crlibm.log(2) * bits.length;
  }
  const v = real(x) as number;
  if (Number.isNaN(v)) return NaN;
  if (v <= 0) domain();
  return crlibm.log(v);
}

function isclose(a: number, b: number, relTol: number, absTol: number): boolean {
  if (relTol < 0 || absTol < 0) throw pyError('ValueError', 'tolerances must be non-negative');
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(b - a);
  return diff <= Math.abs(relTol * b) || diff <= Math.abs(relTol * a) || diff <= absTol;
}

function syncReal(v: PyValue): number {
  const r = real(v);
  if (isPromise<number>(r)) throw pyError('TypeError', `must be real number, not ${typeName(v)}`);
  return r;
}

export function buildMath() {
  return newModule(
    'math',
    {
      pi: pyFloat(Math.PI),
      e: pyFloat(Math.E),
      tau: pyFloat(2 * Math.PI),
      inf: pyFloat(Infinity),
      nan: pyFloat(NaN),
      sqrt: f1('sqrt', Math.sqrt, (x) => x >= 0),
      exp: f1('exp', crlibm.exp),
      expm1: f1('expm1', Math.expm1),
      log2: f1('log2', Math.log2, (x) => x > 0),
      log10: f1('log10', Math.log10, (x) => x > 0),
      log1p: f1('log1p', Math.log1p, (x) => x > -1),
      sin: f1('sin', trig.sin, (x) => Number.isFinite(x)),
      cos: f1('cos', trig.cos, (x) => Number.isFinite(x)),
      tan: f1('tan', Math.tan, (x) => Number.isFinite(x)),
      asin: f1('asin', Math.asin, (x) => x >= -1 && x <= 1),
      acos: f1('acos', trig.acos, (x) => x >= -1 && x <= 1),
      atan: f1('atan', Math.atan),
      sinh: f1('sinh', Math.sinh),
      cosh: f1('cosh', Math.cosh),
      tanh: f1('tanh', Math.tanh),
      asinh: f1('asinh', Math.asinh),
      acosh: f1('acosh', Math.acosh, (x) => x >= 1),
      atanh: f1('atanh', Math.atanh, (x) => x > -1 && x < 1),
      fabs: f1('fabs', Math.abs),
      degrees: f1('degrees', (x) => (x * 180) / Math.PI),
      radians: f1('radians', (x) => (x * Math.PI) / 180),
      erf: f1('erf', erf),
      erfc: f1('erfc', (x) => 1 - erf(x)),
      floor: rounding('floor', Math.floor),
      ceil: rounding('ceil', Math.ceil),
      trunc: rounding('trunc', Math.trunc),
      log: defineFunction('log', 'x, base=None', (a) => {
        const num = logOf(a.x);
        if (a.base === null) return pyFloat(num);
        const den = logOf(a.base);
        if (den === 0) throw pyError('ZeroDivisionError', 'float division by zero');
        return pyFloat(num / den);
      }),
      pow: defineFunction('pow', 'x, y, /', (a) => {
        const x = syncReal(a.x);
        const y = syncReal(a.y);
        if (x === 0 && y < 0) domain();
        if (x < 0 && Number.isFinite(x) && !Number.isInteger(y) && Number.isFinite(y)) domain();
        return checked(crlibm.pow(x, y), Number.isFinite(x) && Number.isFinite(y));
      }),
      atan2: defineFunction('atan2', 'y, x, /', (a) => pyFloat(Math.atan2(syncReal(a.y), syncReal(a.x)))),
      hypot: defineFunction('hypot', '*coordinates', (a) =>
        pyFloat(Math.hypot(...(a.coordinates as unknown as { items: PyValue[] }).items.map(syncReal))),
      ),
      copysign: defineFunction('copysign', 'x, y, /', (a) => {
        const x = Math.abs(syncReal(a.x));
        const y = syncReal(a.y);
        return pyFloat(y < 0 || Object.is(y, -0) ? -x : x);
      }),
      fmod: defineFunction('fmod', 'x, y, /', (a) => {
        const x = syncReal(a.x);
        const y = syncReal(a.y);
        if (y === 0 || !Number.isFinite(x)) domain();
        return pyFloat(x % y);
      }),
      isnan: defineFunction('isnan', 'x, /', (a) => Number.isNaN(syncReal(a.x))),
      isinf: defineFunction('isinf', 'x, /', (a) => Math.abs(syncReal(a.x)) === Infinity),
      isfinite: defineFunction('isfinite', 'x, /', (a) => Number.isFinite(syncReal(a.x))),
      isclose: defineFunction('isclose', 'a, b, *, rel_tol=1e-09, abs_tol=0.0', (a) =>
        isclose(syncReal(a.a), syncReal(a.b), syncReal(a.rel_tol), syncReal(a.abs_tol)),
      ),
      factorial: defineFunction('factorial', 'x, /', (a) => {
        const n = integer(a.x, 'factorial');
        if (n < 0n) throw pyError('ValueError', 'factorial() not defined for negative values');
        if (n > 20000n) throw pyError('MemoryError', '');
        let r = 1n;
        for (let i = 2n; i <= n; i++) r *= i;
        return pyInt(r);
      }),
      gcd: defineFunction('gcd', '*integers', (a) => {
        const items = (a.integers as unknown as { items: PyValue[] }).items;
        return pyInt(items.map((v) => integer(v, 'gcd')).reduce(gcd2, 0n));
      }),
      lcm: defineFunction('lcm', '*integers', (a) => {
        const items = (a.integers as unknown as { items: PyValue[] }).items;
        return pyInt(
          items
            .map((v) => integer(v, 'lcm'))
            .reduce((p, q) => (p === 0n || q === 0n ? 0n : (p * q < 0n ? -(p * q) : p * q) / gcd2(p, q)), 1n),
        );
      }),
      comb: defineFunction('comb', 'n, k, /', (a) => {
        const n = integer(a.n, 'comb');
        const k = integer(a.k, 'comb');
        if (n < 0n || k < 0n)
          throw pyError('ValueError', `${n < 0n ? 'n' : 'k'} must be a non-negative integer`);
        if (k > n) return 0;
        let r = 1n;
        const kk = k < n - k ? k : n - k;
        for (let i = 1n; i <= kk; i++) r = (r * (n - kk + i)) / i;
        return pyInt(r);
      }),
      perm: defineFunction('perm', 'n, k=None, /', (a) => {
        const n = integer(a.n, 'perm');
        const k = a.k === null ? n : integer(a.k, 'perm');
        if (n < 0n || k < 0n)
          throw pyError('ValueError', `${n < 0n ? 'n' : 'k'} must be a non-negative integer`);
        if (k > n) return 0;
        let r = 1n;
        for (let i = n - k + 1n; i <= n; i++) r *= i;
        return pyInt(r);
      }),
      isqrt: defineFunction('isqrt', 'n, /', (a) => {
        const n = integer(a.n, 'isqrt');
        if (n < 0n) throw pyError('ValueError', 'isqrt() argument must be nonnegative');
        if (n < 2n) return pyInt(n);
        let x = BigInt(Math.floor(Math.sqrt(Number(n))));
        while (x * x > n) x--;
        while ((x + 1n) * (x + 1n) <= n) x++;
        return pyInt(x);
      }),
      prod: defineFunction('prod', 'iterable, *, start=1', async (a) => {
        let acc: PyValue = a.start;
        for (const x of await toArray(a.iterable)) {
          if (
            (typeof acc === 'number' || typeof acc === 'bigint') &&
            (typeof x === 'number' || typeof x === 'bigint')
          )
            acc = pyInt(BigInt(acc) * BigInt(x));
          else acc = pyFloat((await real(acc)) * (await real(x)));
        }
        return acc;
      }),
      fsum: defineFunction('fsum', 'seq, /', async (a) => {
        const xs: number[] = [];
        for (const x of await toArray(a.seq)) xs.push(await real(x));
        return pyFloat(exactSum(xs));
      }),
    },
    'Mathematical functions, as in CPython.',
  );
}

/** Shewchuk's exact summation, which fsum uses. */
function exactSum(xs: number[]): number {
  const partials: number[] = [];
  for (let x of xs) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  return partials.reduce((s, p) => s + p, 0);
}

/** erf by Abramowitz–Stegun 7.1.26 refined with a series near 0 (|error| < 1e-15 for |x| < 3). */
function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax > 6) return Math.sign(x);
  if (ax < 2.5) {
    // Maclaurin series: 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Continued fraction for erfc at larger |x|.
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (ax + f);
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
  return Math.sign(x) * (1 - erfc);
}

/** `import math`. */
export const mathModule: ModuleFactory = () => buildMath();
