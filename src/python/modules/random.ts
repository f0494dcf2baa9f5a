// `import random`: CPython 3.11's random module (Lib/random.py over Modules/_randommodule.c), so a
// seed gives the very numbers CPython gives: the class Random, and the module's functions bound to
// one hidden instance per session. The parts: random/generator.ts (the twister, getrandbits,
// _randbelow), random/seed.ts (what seed() makes of its argument), random/sequences.ts (randrange …
// choices), random/distributions.ts (uniform … weibullvariate).
import {
  type BoundArgs,
  defineFunction,
  defineNativeType,
  isPromise,
  type MaybePromise,
  type ModuleFactory,
  NativeFunction,
  newModule,
  None,
  PyFloat,
  pyError,
  pyFloat,
  pyInt,
  PyNative,
  PyTuple,
  type PyType,
  type PyValue,
  type SessionContext,
  typeName,
} from '../objects.js';
import { binaryOp, BoundMethod, getItem, str, toArrayMP } from '../runtime.js';
import * as distributions from './random/distributions.js';
import { RandomGenerator } from './random/generator.js';
import { entropyWords, floatSeed, seedWords, stringSeedV1, stringSeedV2 } from './random/seed.js';
import * as sequences from './random/sequences.js';
import { type Flow, indexArg, isTrue, runFlow, wait } from './random/values.js';

const STATE_VERSION = 3;
const N = 624;

/** The generator behind a method's self, or CPython's TypeError for another object. */
function generatorOf(self: PyValue, name: string): RandomGenerator {
  if (self instanceof PyNative && self.value instanceof RandomGenerator) return self.value;
  throw pyError(
    'TypeError',
    `descriptor '${name}' for 'Random' objects doesn't apply to a '${typeName(self)}' object`,
  );
}

type MethodImpl = (g: RandomGenerator, a: BoundArgs) => MaybePromise<PyValue>;

/**
 * A method Lib/random.py defines with `def`: a wrong call names it `Random.name` and counts self
 * among the positional arguments. defineFunction counts self only when the first parameter is not
 * called `self`, hence `rng`; the function's own name stays `randint` for its repr.
 */
function pyMethod(name: string, params: string, impl: MethodImpl, doc: string): NativeFunction {
  const fn = defineFunction(
    `Random.${name}`,
    params ? `rng, ${params}` : 'rng',
    (a) => impl(generatorOf(a.rng, name), a),
    doc,
  );
  fn.name = name;
  fn.signature = `(self${params ? ', ' + params : ''})`;
  return fn;
}

/** A method _random.Random defines in C (Argument Clinic's wording of wrong calls). */
function cMethod(name: string, params: string, impl: MethodImpl, doc: string): NativeFunction {
  return defineFunction(
    name,
    params ? `self, ${params}` : 'self',
    (a) => impl(generatorOf(a.self, name), a),
    doc,
    {
      owner: 'Random',
      convention: 'clinic',
    },
  );
}

/** _random.Random.seed: None from entropy, an int by its absolute value, anything else by its hash. */
function seedFromValue(g: RandomGenerator, a: PyValue): void {
  if (a === None) g.seedWords(entropyWords());
  else if (typeof a === 'number') g.seedWords(seedWords(Math.abs(a)));
  else if (typeof a === 'bigint') g.seedWords(seedWords(a < 0n ? -a : a));
  else if (typeof a === 'boolean') g.seedWords([a ? 1 : 0]);
  else if (a instanceof PyFloat) {
    const hash = floatSeed(a.v);
    g.seedWords(hash === undefined ? entropyWords() : seedWords(hash));
  }
  // A str with a version other than 1 or 2: CPython seeds from its salted hash (a different
  // sequence per process); version 2's digest stands in for it.
  else if (typeof a === 'string') g.seedWords(seedWords(stringSeedV2(a)));
}

/** seed(a=None, version=2); bytes are str here (b'…' literals), so they seed as their text does. */
function* seed(g: RandomGenerator, a: PyValue, version: PyValue): Flow<PyValue> {
  if ((yield* wait(isTrue('==', version, 1))) && typeof a === 'string')
    g.seedWords(seedWords(stringSeedV1(a)));
  else if ((yield* wait(isTrue('==', version, 2))) && typeof a === 'string')
    g.seedWords(seedWords(stringSeedV2(a)));
  else if (
    a === None ||
    typeof a === 'number' ||
    typeof a === 'bigint' ||
    typeof a === 'boolean' ||
    a instanceof PyFloat ||
    typeof a === 'string'
  )
    seedFromValue(g, a);
  else
    throw pyError(
      'TypeError',
      'The only supported seed types are: None,\nint, float, str, bytes, and bytearray.',
    );
  g.gaussNext = None;
  return None;
}

function getstate(g: RandomGenerator): PyValue {
  const { words, index } = g.getState();
  return new PyTuple([STATE_VERSION, new PyTuple([...words, index]), g.gaussNext]);
}

/** `version, internalstate, self.gauss_next = state`: the three items, or the unpacking error. */
function* unpackState(state: PyValue): Flow<PyValue[]> {
  const items = yield* wait(toArrayMP(state));
  if (items.length < 3)
    throw pyError('ValueError', `not enough values to unpack (expected 3, got ${items.length})`);
  if (items.length > 3) throw pyError('ValueError', 'too many values to unpack (expected 3)');
  return items;
}

/** PyLong_AsUnsignedLong of a state word, kept to 32 bits as the C code's cast does. */
function stateWord(v: PyValue): number {
  if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean')
    throw pyError('TypeError', 'an integer is required');
  const n = BigInt(v);
  if (n < 0n) throw pyError('OverflowError', "can't convert negative value to unsigned int");
  if (n >= 1n << 64n) throw pyError('OverflowError', 'Python int too large to convert to C unsigned long');
  return Number(n & 0xffffffffn);
}

/** _random.Random.setstate(state): 624 words and the index of the next one, validated as C does. */
function* setInternalState(g: RandomGenerator, internal: PyValue): Flow<void> {
  if (!(internal instanceof PyTuple)) throw pyError('TypeError', 'state vector must be a tuple');
  if (internal.items.length !== N + 1) throw pyError('ValueError', 'state vector is the wrong size');
  const words = internal.items.slice(0, N).map(stateWord);
  const index = yield* wait(indexArg(internal.items[N]));
  if (index < -(2n ** 63n) || index >= 2n ** 63n)
    throw pyError('OverflowError', 'Python int too large to convert to C long');
  if (index < 0 || index > N) throw pyError('ValueError', 'invalid state');
  g.setState(words, Number(index));
}

/** setstate(state) for versions 3 and 2 (whose words were saved signed). */
function* setstate(g: RandomGenerator, state: PyValue): Flow<PyValue> {
  const version = yield* wait(getItem(state, 0));
  if (yield* wait(isTrue('==', version, 3))) {
    const [, internal, gaussNext] = yield* unpackState(state);
    g.gaussNext = gaussNext;
    yield* setInternalState(g, internal);
  } else if (yield* wait(isTrue('==', version, 2))) {
    const [, internal, gaussNext] = yield* unpackState(state);
    g.gaussNext = gaussNext;
    const words: PyValue[] = [];
    for (const x of yield* wait(toArrayMP(internal))) words.push(yield* wait(binaryOp('%', x, 2 ** 32)));
    yield* setInternalState(g, new PyTuple(words));
  } else {
    const shown = yield* wait(str(version));
    throw pyError(
      'ValueError',
      `state with version ${shown} passed to Random.setstate() of version ${STATE_VERSION}`,
    );
  }
  return None;
}

/** getrandbits(k): k read as a C int. */
function getrandbits(g: RandomGenerator, k: PyValue): MaybePromise<PyValue> {
  const bits = (n: number | bigint): PyValue => {
    if (n > 2147483647 || n < -2147483648)
      throw pyError('OverflowError', 'Python int too large to convert to C int');
    if (n < 0) throw pyError('ValueError', 'number of bits must be non-negative');
    if (n > 1e7) throw pyError('MemoryError', '');
    return pyInt(g.getrandbits(Number(n)));
  };
  const n = indexArg(k);
  return isPromise(n) ? n.then(bits) : bits(n);
}

/** The Random class's methods, their DeprecationWarnings shown by `warn`. */
function randomMethods(warn: sequences.Warn): Record<string, NativeFunction | PyValue> {
  const flow =
    (make: (g: RandomGenerator, a: BoundArgs) => Flow<PyValue>): MethodImpl =>
    (g, a) =>
      runFlow(make(g, a));
  return {
    VERSION: STATE_VERSION,
    seed: pyMethod(
      'seed',
      'a=None, version=2',
      flow((g, a) => seed(g, a.a, a.version)),
      'Initialize internal state from a seed.',
    ),
    random: cMethod('random', '', (g) => pyFloat(g.random()), 'random() -> x in the interval [0, 1).'),
    getrandbits: cMethod(
      'getrandbits',
      'k, /',
      (g, a) => getrandbits(g, a.k),
      'getrandbits(k) -> x.  Generates an int with k random bits.',
    ),
    getstate: pyMethod(
      'getstate',
      '',
      (g) => getstate(g),
      'Return internal state; can be passed to setstate() later.',
    ),
    setstate: pyMethod(
      'setstate',
      'state',
      flow((g, a) => setstate(g, a.state)),
      'Restore internal state from object returned by getstate().',
    ),
    randrange: pyMethod(
      'randrange',
      'start, stop=None, step=1',
      flow((g, a) => sequences.randrange(g, a.start, a.stop, a.step, warn)),
      'Choose a random item from range(stop) or range(start, stop[, step]).',
    ),
    randint: pyMethod(
      'randint',
      'a, b',
      flow((g, a) => sequences.randint(g, a.a, a.b)),
      'Return random integer in range [a, b], including both end points.',
    ),
    choice: pyMethod(
      'choice',
      'seq',
      (g, a) => sequences.choice(g, a.seq),
      'Choose a random element from a non-empty sequence.',
    ),
    shuffle: pyMethod(
      'shuffle',
      'x',
      (g, a) => sequences.shuffle(g, a.x),
      'Shuffle list x in place, and return None.',
    ),
    sample: pyMethod(
      'sample',
      'population, k, *, counts=None',
      flow((g, a) => sequences.sample(g, a.population, a.k, a.counts)),
      'Chooses k unique random elements from a population sequence.',
    ),
    choices: pyMethod(
      'choices',
      'population, weights=None, *, cum_weights=None, k=1',
      flow((g, a) => sequences.choices(g, a.population, a.weights, a.cum_weights, a.k)),
      'Return a k sized list of population elements chosen with replacement.',
    ),
    uniform: pyMethod(
      'uniform',
      'a, b',
      flow((g, a) => distributions.uniform(g, a.a, a.b)),
      'Get a random number in the range [a, b) or [a, b] depending on rounding.',
    ),
    triangular: pyMethod(
      'triangular',
      'low=0.0, high=1.0, mode=None',
      flow((g, a) => distributions.triangular(g, a.low, a.high, a.mode)),
      'Triangular distribution.',
    ),
    normalvariate: pyMethod(
      'normalvariate',
      'mu=0.0, sigma=1.0',
      flow((g, a) => distributions.normalvariate(g, a.mu, a.sigma)),
      'Normal distribution.',
    ),
    gauss: pyMethod(
      'gauss',
      'mu=0.0, sigma=1.0',
      flow((g, a) => distributions.gauss(g, a.mu, a.sigma)),
      'Gaussian distribution.',
    ),
    lognormvariate: pyMethod(
      'lognormvariate',
      'mu, sigma',
      flow((g, a) => distributions.lognormvariate(g, a.mu, a.sigma)),
      'Log normal distribution.',
    ),
    expovariate: pyMethod(
      'expovariate',
      'lambd',
      flow((g, a) => distributions.expovariate(g, a.lambd)),
      'Exponential distribution.',
    ),
    vonmisesvariate: pyMethod(
      'vonmisesvariate',
      'mu, kappa',
      flow((g, a) => distributions.vonmisesvariate(g, a.mu, a.kappa)),
      'Circular data distribution.',
    ),
    gammavariate: pyMethod(
      'gammavariate',
      'alpha, beta',
      flow((g, a) => distributions.gammavariate(g, a.alpha, a.beta)),
      'Gamma distribution.  Not the gamma function!',
    ),
    betavariate: pyMethod(
      'betavariate',
      'alpha, beta',
      flow((g, a) => distributions.betavariate(g, a.alpha, a.beta)),
      'Beta distribution.',
    ),
    paretovariate: pyMethod(
      'paretovariate',
      'alpha',
      flow((g, a) => distributions.paretovariate(g, a.alpha)),
      'Pareto distribution.  alpha is the shape parameter.',
    ),
    weibullvariate: pyMethod(
      'weibullvariate',
      'alpha, beta',
      flow((g, a) => distributions.weibullvariate(g, a.alpha, a.beta)),
      'Weibull distribution.',
    ),
  };
}

/** The module functions: Lib/random.py's `seed = _inst.seed` … (randbytes left out: no bytes here). */
const MODULE_FUNCTIONS = [
  'seed',
  'random',
  'uniform',
  'triangular',
  'randint',
  'choice',
  'randrange',
  'sample',
  'shuffle',
  'choices',
  'normalvariate',
  'lognormvariate',
  'expovariate',
  'vonmisesvariate',
  'gammavariate',
  'gauss',
  'betavariate',
  'paretovariate',
  'weibullvariate',
  'getstate',
  'setstate',
  'getrandbits',
];

/** One session's class Random: its DeprecationWarnings go to that session's output. */
function randomType(warn: sequences.Warn): PyType {
  const type: PyType = defineNativeType<RandomGenerator>({
    name: 'Random',
    module: 'random',
    doc: 'Random number generator base class used by bound module functions.',
    methods: randomMethods(warn),
    properties: {
      gauss_next: {
        get: (self) => self.value.gaussNext,
        set: (self, v) => {
          self.value.gaussNext = v;
        },
      },
    },
    construct: new NativeFunction('Random', (args, kwargs) => init.call([None, ...args], kwargs)),
  });
  // Random(x=None): a new generator seeded by x (Random.__init__'s wording of wrong calls).
  const init = defineFunction('Random.__init__', 'rng, x=None', (a) => {
    const g = new RandomGenerator();
    const seeded = runFlow(seed(g, a.x, 2));
    return isPromise(seeded) ? seeded.then(() => type.wrap(g)) : type.wrap(g);
  });
  return type;
}

/** DeprecationWarning text, once per message per cell (CPython's default: once per line). */
function cellWarnings(ctx: SessionContext): (message: string) => void {
  const shown = new Set<string>();
  ctx.onCellEnd(() => shown.clear());
  return (message) => {
    if (shown.has(message)) return;
    shown.add(message);
    ctx.stdout(`DeprecationWarning: ${message}\n`);
  };
}

const STATE_KEY = 'random';

/** `import random`: the functions share one generator per session, seeded from entropy. */
export const randomModule: ModuleFactory = (ctx) => {
  const type = randomType(cellWarnings(ctx));
  const stored = ctx.state.get(STATE_KEY);
  const hidden = stored instanceof RandomGenerator ? stored : new RandomGenerator();
  if (hidden !== stored) {
    hidden.seedWords(entropyWords());
    ctx.state.set(STATE_KEY, hidden);
  }
  const instance = type.wrap(hidden);
  const attrs: Record<string, PyValue> = { Random: type };
  for (const name of MODULE_FUNCTIONS) attrs[name] = new BoundMethod(instance, type.dict.get(name) ?? None);
  return newModule('random', attrs, 'Random variable generators, as CPython 3.11 draws them.');
};
