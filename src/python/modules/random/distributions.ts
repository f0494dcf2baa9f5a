// Lib/random.py's real-valued distributions, line for line: the same draws in the same order and
// the same float operations, so a seed gives CPython's numbers. Arithmetic on the caller's
// arguments is Python's (any numeric type, CPython's TypeErrors); the rest is on floats.
import { None, PyFloat, pyError, pyFloat, type PyValue } from '../../objects.js';
import { binaryOp, truthy } from '../../runtime.js';
import * as fm from './float-math.js';
import type { RandomGenerator } from './generator.js';
import { add, div, type Flow, isPyError, isTrue, mul, real, sub, wait } from './values.js';

const TWOPI = 2 * Math.PI;
const LOG4 = fm.log(4);
const SG_MAGICCONST = 1 + fm.log(4.5);
const NV_MAGICCONST = (4 * fm.exp(-0.5)) / Math.sqrt(2);

const ZERO = pyFloat(0);
const ONE = pyFloat(1);
const HALF = pyFloat(0.5);

/** x ** y with x a float: float_pow for a float or int power, Python's ** for anything else. */
function power(x: number, y: PyValue): PyValue | Promise<PyValue> {
  if (y instanceof PyFloat) return pyFloat(fm.floatPow(x, y.v));
  if (typeof y === 'number' || typeof y === 'boolean') return pyFloat(fm.floatPow(x, Number(y)));
  return binaryOp('**', pyFloat(x), y);
}

/** uniform(a, b): a + (b - a) * random(). */
export function* uniform(g: RandomGenerator, a: PyValue, b: PyValue): Flow<PyValue> {
  const width = yield* wait(sub(b, a));
  return yield* wait(add(a, yield* wait(mul(width, pyFloat(g.random())))));
}

/** triangular(low=0.0, high=1.0, mode=None); low itself when high == low (ZeroDivisionError). */
export function* triangular(g: RandomGenerator, low: PyValue, high: PyValue, mode: PyValue): Flow<PyValue> {
  let u = g.random();
  let c: PyValue;
  try {
    c = mode === None ? HALF : yield* wait(div(yield* wait(sub(mode, low)), yield* wait(sub(high, low))));
  } catch (e) {
    if (isPyError(e, 'ZeroDivisionError')) return low;
    throw e;
  }
  if (yield* wait(isTrue('>', pyFloat(u), c))) {
    u = 1.0 - u;
    c = yield* wait(sub(ONE, c));
    [low, high] = [high, low];
  }
  const width = yield* wait(sub(high, low));
  const root = fm.sqrt(yield* wait(real(yield* wait(mul(pyFloat(u), c)))));
  return yield* wait(add(low, yield* wait(mul(width, pyFloat(root)))));
}

/** mu + z * sigma: a standard normal draw scaled and shifted as the caller's values say. */
function* scaled(z: PyValue, mu: PyValue, sigma: PyValue): Flow<PyValue> {
  return yield* wait(add(mu, yield* wait(mul(z, sigma))));
}

/** normalvariate: Kinderman and Monahan's ratio of uniforms. */
export function* normalvariate(g: RandomGenerator, mu: PyValue, sigma: PyValue): Flow<PyValue> {
  let z: number;
  for (;;) {
    const u1 = g.random();
    const u2 = 1.0 - g.random();
    z = (NV_MAGICCONST * (u1 - 0.5)) / u2;
    const zz = (z * z) / 4.0;
    if (zz <= -fm.log(u2)) break;
  }
  return yield* scaled(pyFloat(z), mu, sigma);
}

/** gauss: Box–Muller, keeping the sine half for the next call (seed() and setstate() reset it). */
export function* gauss(g: RandomGenerator, mu: PyValue, sigma: PyValue): Flow<PyValue> {
  let z = g.gaussNext;
  g.gaussNext = None;
  if (z === None) {
    const x2pi = g.random() * TWOPI;
    const g2rad = Math.sqrt(-2.0 * fm.log(1.0 - g.random()));
    const [sin, cos] = fm.sinCos(x2pi);
    z = pyFloat(cos * g2rad);
    g.gaussNext = pyFloat(sin * g2rad);
  }
  return yield* scaled(z, mu, sigma);
}

export function* lognormvariate(g: RandomGenerator, mu: PyValue, sigma: PyValue): Flow<PyValue> {
  return pyFloat(fm.exp(yield* wait(real(yield* normalvariate(g, mu, sigma)))));
}

export function* expovariate(g: RandomGenerator, lambd: PyValue): Flow<PyValue> {
  return yield* wait(div(pyFloat(-fm.log(1.0 - g.random())), lambd));
}

/** vonmisesvariate(mu, kappa): Best and Fisher's rejection method, an angle in [0, 2pi). */
export function* vonmisesvariate(g: RandomGenerator, mu: PyValue, kappa: PyValue): Flow<PyValue> {
  if (yield* wait(isTrue('<=', kappa, pyFloat(1e-6)))) return pyFloat(TWOPI * g.random());
  const s = yield* wait(real(yield* wait(div(HALF, kappa))));
  const r = s + Math.sqrt(1.0 + s * s);
  let z: number;
  for (;;) {
    const u1 = g.random();
    z = fm.cos(Math.PI * u1);
    const d = z / (r + z);
    const u2 = g.random();
    if (u2 < 1.0 - d * d || u2 <= (1.0 - d) * fm.exp(d)) break;
  }
  const q = 1.0 / r;
  const f = (q + z) / (1.0 + q * z);
  const u3 = g.random();
  const angle = pyFloat(fm.acos(f));
  const theta = yield* wait(u3 > 0.5 ? add(mu, angle) : sub(mu, angle));
  return yield* wait(binaryOp('%', theta, pyFloat(TWOPI)));
}

/** gammavariate(alpha, beta): Cheng's method above 1, exponential at 1, Ahrens–Dieter GS below. */
export function* gammavariate(g: RandomGenerator, alpha: PyValue, beta: PyValue): Flow<PyValue> {
  if ((yield* wait(isTrue('<=', alpha, ZERO))) || (yield* wait(isTrue('<=', beta, ZERO))))
    throw pyError('ValueError', 'gammavariate: alpha and beta must be > 0.0');
  if (yield* wait(isTrue('>', alpha, ONE))) {
    const a = yield* wait(real(alpha));
    const ainv = Math.sqrt(2.0 * a - 1.0);
    const bbb = a - LOG4;
    const ccc = a + ainv;
    for (;;) {
      const u1 = g.random();
      if (!(1e-7 < u1 && u1 < 0.9999999)) continue;
      const u2 = 1.0 - g.random();
      const v = fm.log(u1 / (1.0 - u1)) / ainv;
      const x = a * fm.exp(v);
      const z = u1 * u1 * u2;
      const r = bbb + ccc * v - x;
      if (r + SG_MAGICCONST - 4.5 * z >= 0.0 || r >= fm.log(z)) return yield* wait(mul(pyFloat(x), beta));
    }
  }
  if (yield* wait(isTrue('==', alpha, ONE))) {
    return yield* wait(mul(pyFloat(-fm.log(1.0 - g.random())), beta));
  }
  const a = yield* wait(real(alpha));
  let x: number;
  for (;;) {
    const u = g.random();
    const b = (Math.E + a) / Math.E;
    const p = b * u;
    x = p <= 1.0 ? fm.floatPow(p, 1.0 / a) : -fm.log((b - p) / a);
    const u1 = g.random();
    if (p > 1.0) {
      if (u1 <= fm.floatPow(x, a - 1.0)) break;
    } else if (u1 <= fm.exp(-x)) break;
  }
  return yield* wait(mul(pyFloat(x), beta));
}

export function* betavariate(g: RandomGenerator, alpha: PyValue, beta: PyValue): Flow<PyValue> {
  const y = yield* gammavariate(g, alpha, ONE);
  if (!(yield* wait(truthy(y)))) return pyFloat(0);
  return yield* wait(div(y, yield* wait(add(y, yield* gammavariate(g, beta, ONE)))));
}

export function* paretovariate(g: RandomGenerator, alpha: PyValue): Flow<PyValue> {
  const u = 1.0 - g.random();
  return yield* wait(power(u, yield* wait(div(pyFloat(-1), alpha))));
}

export function* weibullvariate(g: RandomGenerator, alpha: PyValue, beta: PyValue): Flow<PyValue> {
  const u = 1.0 - g.random();
  const base = -fm.log(u);
  return yield* wait(mul(alpha, yield* wait(power(base, yield* wait(div(ONE, beta))))));
}
