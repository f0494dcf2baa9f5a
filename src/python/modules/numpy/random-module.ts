// numpy.random: the legacy functions over a RandomState (MT19937, numpy's numbers for a seed),
// the RandomState class, and default_rng's Generator over PCG64.
import {
  type BoundArgs,
  defineFunction,
  defineNativeType,
  type MaybePromise,
  NativeFunction,
  newModule,
  newTuple,
  None,
  objectId,
  PyFloat,
  PyList,
  type PyModule,
  PyNative,
  PyTuple,
  type PyType,
  type PyValue,
  pyError,
  toIndex,
  toNumber,
  typeName,
} from '../../objects.js';
import { call as callPython } from '../../runtime.js';
import { type DType } from '../../numpy/dtype.js';
import { NDArray, shapeSize } from '../../numpy/ndarray.js';
import { RandomState } from '../../numpy/random.js';
import { Generator as PcgGenerator } from '../../numpy/pcg64.js';
import { then as thenMP } from '../../maybe-promise.js';
import { isNDArray, shapeArg, toNDArray } from './convert.js';
import { parseDTypeArg } from './dtype-type.js';
import { guard } from './errors.js';
import { ndarrayType, toPython } from './ndarray-type.js';

/** numpy.random's legacy functions over one RandomState: module functions, or methods with self. */
function randomFunctions(
  asMethods: boolean,
  st: (a: BoundArgs) => RandomState,
): Record<string, NativeFunction> {
  const fn = (name: string, spec: string, impl: (a: BoundArgs) => MaybePromise<PyValue>) =>
    defineFunction(name, asMethods ? (spec ? `self, ${spec}` : 'self') : spec, impl);
  const sizeOf = (size: PyValue): number[] | null => (size === null ? null : shapeArg(size));
  const draw = (size: PyValue, fill: (out: Float64Array) => void, dtype: DType = 'float64'): PyValue => {
    const shape = sizeOf(size);
    const out = guard(() => NDArray.empty(dtype, shape ?? []));
    fill(out.data as Float64Array);
    return shape === null ? toPython(out) : ndarrayType.wrap(out);
  };
  const dims = (a: BoundArgs): PyValue => {
    const items = (a.d as PyTuple).items;
    return items.length === 0 ? None : newTuple(items);
  };
  const num = (v: PyValue, name: string) => {
    if (isNDArray(v) || v instanceof PyList || v instanceof PyTuple) {
      throw pyError('TypeError', `array-valued ${name} is not supported here; pass a number`);
    }
    return toNumber(v);
  };
  const seedArg = (v: PyValue): number | number[] | null => {
    if (v === null) return null;
    if (v instanceof PyList || v instanceof PyTuple) return v.items.map((x) => toIndex(x));
    if (isNDArray(v)) return v.value.toNumbers();
    if (v instanceof PyFloat)
      throw pyError(
        'TypeError',
        "Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'",
      );
    return toIndex(v);
  };
  return {
    seed: fn('seed', 'seed=None', (a) => {
      guard(() => st(a).seed(seedArg(a.seed)));
      return None;
    }),
    rand: fn('rand', '*d', (a) => draw(dims(a), (o) => st(a).fillRandom(o))),
    randn: fn('randn', '*d', (a) => draw(dims(a), (o) => st(a).fillNormal(o, 0, 1))),
    random: fn('random', 'size=None', (a) => draw(a.size, (o) => st(a).fillRandom(o))),
    random_sample: fn('random_sample', 'size=None', (a) => draw(a.size, (o) => st(a).fillRandom(o))),
    normal: fn('normal', 'loc=0.0, scale=1.0, size=None', (a) => {
      const loc = num(a.loc, 'loc');
      const scale = num(a.scale, 'scale');
      if (scale < 0) throw pyError('ValueError', 'scale < 0');
      return draw(a.size, (o) => st(a).fillNormal(o, loc, scale));
    }),
    standard_normal: fn('standard_normal', 'size=None', (a) =>
      draw(a.size, (o) => st(a).fillNormal(o, 0, 1)),
    ),
    uniform: fn('uniform', 'low=0.0, high=1.0, size=None', (a) => {
      const low = num(a.low, 'low');
      const high = num(a.high, 'high');
      return draw(a.size, (o) => st(a).fillUniform(o, low, high));
    }),
    randint: fn('randint', 'low, high=None, size=None, dtype="int64"', (a) => {
      const [low, high] = integerBounds(a.low, a.high);
      if (low >= high) throw pyError('ValueError', a.high === null ? 'high <= 0' : 'low >= high');
      const dtype = parseDTypeArg(a.dtype) ?? 'int64';
      const shape = sizeOf(a.size);
      const buf = new Float64Array(shapeSize(shape ?? []));
      guard(() => st(a).fillInt(buf, low, high));
      const out = guard(() => NDArray.from(dtype, shape ?? [], buf));
      return shape === null ? toPython(out) : ndarrayType.wrap(out);
    }),
    choice: fn('choice', 'a, size=None, replace=True, p=None', (a) =>
      thenMP(
        typeof a.a === 'number' ? NDArray.from('int64', [a.a], [...Array(a.a).keys()]) : toNDArray(a.a),
        (pool) =>
          thenMP(a.p === null ? null : toNDArray(a.p, 'float64'), (probs) =>
            guard(() => {
              const n = pool.size;
              if (n === 0) throw pyError('ValueError', "'a' cannot be empty unless no samples are taken");
              const shape = sizeOf(a.size);
              const count = shapeSize(shape ?? []);
              const vals = pool.values();
              const picks = new Float64Array(count);
              if (probs !== null) {
                // Legacy choice with p: inverse CDF of random_sample draws (searchsorted, side='right').
                if (probs.ndim !== 1) throw pyError('ValueError', "'p' must be 1-dimensional");
                if (probs.size !== n) throw pyError('ValueError', "'a' and 'p' must have same size");
                const pv = probs.values();
                if (pv.some((x) => x < 0)) throw pyError('ValueError', 'probabilities are not non-negative');
                const cdf = new Float64Array(n);
                let acc = 0;
                for (let i = 0; i < n; i++) cdf[i] = acc += pv[i];
                if (Math.abs(acc - 1) > Math.sqrt(Number.EPSILON))
                  throw pyError('ValueError', 'probabilities do not sum to 1');
                if (a.replace === false)
                  throw pyError('NotImplementedError', 'choice with p= and replace=False is not supported');
                for (let i = 0; i < n; i++) cdf[i] /= acc;
                const u = new Float64Array(count);
                st(a).fillRandom(u);
                for (let i = 0; i < count; i++) {
                  let lo = 0;
                  let hi = n;
                  while (lo < hi) {
                    const mid = (lo + hi) >> 1;
                    if (cdf[mid] <= u[i]) lo = mid + 1;
                    else hi = mid;
                  }
                  picks[i] = vals[Math.min(lo, n - 1)];
                }
              } else if (a.replace === false) {
                if (count > n)
                  throw pyError(
                    'ValueError',
                    "Cannot take a larger sample than population when 'replace=False'",
                  );
                const perm = st(a).permutation(n);
                for (let i = 0; i < count; i++) picks[i] = vals[perm[i]];
              } else {
                const idx = new Float64Array(count);
                st(a).fillInt(idx, 0, n);
                for (let i = 0; i < count; i++) picks[i] = vals[idx[i]];
              }
              const out = NDArray.from(pool.dtype, shape ?? [], picks);
              return shape === null ? toPython(out) : ndarrayType.wrap(out);
            }),
          ),
      ),
    ),
    permutation: fn('permutation', 'x', (a) => {
      if (typeof a.x === 'number')
        return ndarrayType.wrap(NDArray.from('int64', [a.x], st(a).permutation(a.x)));
      return thenMP(toNDArray(a.x), (x) =>
        guard(() => {
          const perm = st(a).permutation(x.shape[0]);
          return ndarrayType.wrap(
            x.get([{ kind: 'array', array: NDArray.from('int64', [perm.length], perm) }]),
          );
        }),
      );
    }),
    shuffle: fn('shuffle', 'x', (a) =>
      thenMP(toNDArray(a.x), (x) =>
        guard(() => {
          const perm = st(a).permutation(x.shape[0]);
          const shuffled = x.get([{ kind: 'array', array: NDArray.from('int64', [perm.length], perm) }]);
          x.set([{ kind: 'ellipsis' }], shuffled);
          return None;
        }),
      ),
    ),
  };
}

export const randomStateType: PyType = defineNativeType<RandomState>({
  name: 'RandomState',
  module: 'numpy.random',
  methods: {
    ...randomFunctions(true, (a) => (a.self as PyNative<RandomState>).value),
    __repr__: defineFunction(
      '__repr__',
      'self',
      (a) =>
        `RandomState(MT19937) at 0x${(0x7f0000000000 + objectId(a.self as PyNative) * 16).toString(16).toUpperCase()}`,
    ),
  },
  construct: defineFunction('RandomState', 'seed=None', (a) => {
    const rs = new RandomState();
    const st = randomFunctions(false, () => rs);
    return thenMP(callPython(st.seed, [a.seed]), () => new PyNative(randomStateType, rs));
  }),
});

/** `np.random.default_rng(seed)`: numpy's Generator over PCG64. */
function generatorMethods(): Record<string, NativeFunction> {
  const gen = (a: BoundArgs) => (a.self as PyNative<PcgGenerator>).value;
  const sizeOf = (size: PyValue): number[] | null => (size === null ? null : shapeArg(size));
  const draw = (size: PyValue, next: () => number, dtype: DType = 'float64'): PyValue => {
    const shape = sizeOf(size);
    const out = guard(() => NDArray.empty(dtype, shape ?? []));
    for (let i = 0; i < out.size; i++) out.data[i] = next();
    return shape === null ? toPython(out) : ndarrayType.wrap(out);
  };
  return {
    random: defineFunction('random', 'self, size=None', (a) => draw(a.size, () => gen(a).random())),
    standard_normal: defineFunction('standard_normal', 'self, size=None', (a) =>
      draw(a.size, () => gen(a).standardNormal()),
    ),
    normal: defineFunction('normal', 'self, loc=0.0, scale=1.0, size=None', (a) => {
      const loc = toNumber(a.loc);
      const scale = toNumber(a.scale);
      if (scale < 0) throw pyError('ValueError', 'scale < 0');
      return draw(a.size, () => loc + scale * gen(a).standardNormal());
    }),
    uniform: defineFunction('uniform', 'self, low=0.0, high=1.0, size=None', (a) => {
      const low = toNumber(a.low);
      const range = toNumber(a.high) - low;
      return draw(a.size, () => low + range * gen(a).random());
    }),
    integers: defineFunction(
      'integers',
      'self, low, high=None, size=None, dtype="int64", endpoint=False',
      (a) => {
        const [low, exclusiveHigh] = integerBounds(a.low, a.high);
        const high = a.endpoint === true ? exclusiveHigh + 1 : exclusiveHigh;
        if (low >= high) throw pyError('ValueError', a.endpoint === true ? 'low > high' : 'low >= high');
        return draw(a.size, () => gen(a).integer(low, high), parseDTypeArg(a.dtype) ?? 'int64');
      },
    ),
    __repr__: defineFunction(
      '__repr__',
      'self',
      (a) =>
        `Generator(PCG64) at 0x${(0x7f0000000000 + objectId(a.self as PyNative) * 16).toString(16).toUpperCase()}`,
    ),
  };
}

/** randint/integers bounds: `(n)` means `[0, n)`. */
function integerBounds(lowArg: PyValue, highArg: PyValue): [number, number] {
  return highArg === null ? [0, toIndex(lowArg)] : [toIndex(lowArg), toIndex(highArg)];
}

export const generatorType: PyType = defineNativeType<PcgGenerator>({
  name: 'Generator',
  module: 'numpy.random',
  methods: generatorMethods(),
});

function seedBigInt(v: PyValue): bigint {
  if (v === null) {
    const words = new Uint32Array(4);
    if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(words);
    else for (let i = 0; i < 4; i++) words[i] = Math.floor(Math.random() * 2 ** 32);
    return words.reduce((acc, w) => (acc << 32n) | BigInt(w), 0n);
  }
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') {
    const b = BigInt(v);
    if (b < 0n) throw pyError('ValueError', 'expected non-negative integer');
    return b;
  }
  throw pyError('TypeError', `SeedSequence expects int or sequence of ints for entropy not ${typeName(v)}`);
}

/** One session's numpy.random, with its own legacy RandomState. */
export function buildRandomModule(): PyModule {
  const rs = new RandomState();
  const random = newModule('numpy.random', {
    ...randomFunctions(false, () => rs),
    RandomState: randomStateType,
    Generator: generatorType,
    default_rng: defineFunction(
      'default_rng',
      'seed=None',
      (a) => new PyNative(generatorType, new PcgGenerator(seedBigInt(a.seed))),
      "numpy's Generator (PCG64) seeded like numpy: random, normal, standard_normal, uniform, integers.",
    ),
  });
  for (const [name, doc] of Object.entries(RANDOM_DOCS)) {
    const f = random.dict.get(name);
    if (f instanceof NativeFunction) f.doc = doc;
  }
  return random;
}

/** help() texts of numpy.random's functions. */
const RANDOM_DOCS: Record<string, string> = {
  seed: "Seed the legacy generator (an int in [0, 2**32)): the same seed gives numpy's same numbers.",
  normal: 'Samples from a normal (Gaussian) distribution: normal(loc=0.0, scale=1.0, size=None).',
  rand: 'Uniform samples in [0, 1) of the given shape: rand(2, 3).',
  randn: 'Standard normal samples of the given shape: randn(2, 3).',
  randint: 'Random integers from low (inclusive) to high (exclusive).',
  uniform: 'Samples from a uniform distribution over [low, high).',
  random: 'Uniform samples in [0, 1) of the given size.',
  choice: 'A random sample from a 1-D array (or range(a) for an int).',
  permutation: 'A randomly permuted range or copy of a sequence.',
  shuffle: 'Shuffle an array in place along its first axis.',
};
