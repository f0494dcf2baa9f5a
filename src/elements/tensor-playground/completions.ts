// Completion of torch, tensor, numpy and pyplot names for the editor: what the lesson's students
// type. torch's names, signatures and doc lines come from torch-completions.generated.ts, generated from
// the interpreter's op table (the interpreter lives in the Worker); numpy's and pyplot's are listed
// here. The editor adds the cell's own names.
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import * as generated from './torch-completions.generated.js';

const fn = (label: string, detail?: string): Completion => ({ label, type: 'function', detail });
const names = (type: string, list: string | readonly string[]) =>
  (typeof list === 'string' ? list.split(/\s+/) : list).filter(Boolean).map((label) => ({ label, type }));
/** A generated [name, signature, doc] entry: the signature beside the name, the doc line below. */
const entries = (type: string, list: readonly generated.Entry[]): Completion[] =>
  list.map(([label, signature, doc]) => ({ label, type, detail: signature, info: doc || undefined }));

const TORCH: Completion[] = [
  ...entries('function', generated.TORCH_FUNCTIONS),
  ...names('class', generated.TORCH_CLASSES),
  ...names('namespace', generated.TORCH_NAMESPACES),
  ...names('constant', generated.TORCH_CONSTANTS),
];
const TORCH_CUDA = entries('function', generated.TORCH_CUDA_FUNCTIONS);
const FUNCTIONAL = entries('function', generated.FUNCTIONAL_FUNCTIONS);

const TENSOR: Completion[] = [
  ...entries('method', generated.TENSOR_METHODS),
  ...names('property', generated.TENSOR_PROPERTIES),
];

const NUMPY: Completion[] = [
  ...names(
    'function',
    `array zeros ones arange linspace eye sum mean max min abs sqrt exp log sin cos tanh dot matmul reshape concatenate
     stack where allclose isclose round clip full empty zeros_like ones_like argmax argmin prod cumsum std var`,
  ),
  ...names('namespace', 'random linalg'),
  ...names('constant', 'pi e inf nan float32 float64 int32 int64 newaxis'),
  ...names('class', 'ndarray'),
];
const NUMPY_RANDOM = names('function', 'normal rand randn randint seed uniform random choice default_rng');

const PYPLOT = names(
  'function',
  `plot scatter arrow axhline axvline xlabel ylabel title legend xlim ylim grid show figure subplots subplot suptitle
   close clf hist bar imshow colorbar semilogy semilogx loglog xscale yscale`,
);

const TIMEIT: Completion[] = [
  fn('timeit', "(stmt='pass', setup='pass', timer=None, number=1000000, globals=None)"),
  fn('repeat', "(stmt='pass', setup='pass', timer=None, repeat=5, number=1000000, globals=None)"),
  fn('default_timer', '()'),
  ...names('class', 'Timer'),
];

// The standard modules lessons import besides torch and numpy.
const MATH: Completion[] = [
  ...names(
    'function',
    `sqrt exp log log2 log10 sin cos tan asin acos atan atan2 sinh cosh tanh pow floor ceil trunc fabs
     factorial gcd lcm comb perm isclose isfinite isinf isnan hypot degrees radians fsum prod erf`,
  ),
  ...names('constant', 'pi e tau inf nan'),
];
const RANDOM: Completion[] = [
  ...names(
    'function',
    `seed random uniform randint randrange choice choices shuffle sample gauss normalvariate lognormvariate
     expovariate triangular betavariate gammavariate vonmisesvariate paretovariate weibullvariate getrandbits
     getstate setstate`,
  ),
  ...names('class', 'Random'),
];
const COLLECTIONS: Completion[] = [
  ...names('class', 'Counter defaultdict OrderedDict deque'),
  fn('namedtuple', '(typename, field_names, *, rename=False, defaults=None, module=None)'),
];
const ITERTOOLS = names(
  'class',
  `count cycle repeat accumulate chain compress dropwhile filterfalse groupby islice pairwise starmap
   takewhile zip_longest product permutations combinations combinations_with_replacement tee`,
);
const FUNCTOOLS: Completion[] = [
  ...names('function', 'reduce lru_cache cache wraps update_wrapper cmp_to_key total_ordering'),
  ...names('class', 'partial cached_property'),
];

const TOP: Completion[] = [
  // Python's builtins and keywords, and the cell's own names, come from lang-python's completions.
  ...names(
    'namespace',
    'torch np numpy plt matplotlib math time timeit random collections itertools functools typing dataclasses copy json sys statistics operator bisect heapq',
  ),
  fn('tensor', 'from torch import tensor'),
];

/** Members by the dotted name before the dot; any other name is taken to be a tensor. */
const MEMBERS: Record<string, Completion[]> = {
  torch: TORCH,
  'torch.cuda': TORCH_CUDA,
  'torch.nn.functional': FUNCTIONAL,
  F: FUNCTIONAL,
  np: NUMPY,
  numpy: NUMPY,
  'np.random': NUMPY_RANDOM,
  'numpy.random': NUMPY_RANDOM,
  plt: PYPLOT,
  'matplotlib.pyplot': PYPLOT,
  timeit: TIMEIT,
  math: MATH,
  random: RANDOM,
  collections: COLLECTIONS,
  itertools: ITERTOOLS,
  functools: FUNCTOOLS,
};

export function torchCompletions(context: CompletionContext): CompletionResult | null {
  const member = context.matchBefore(/[A-Za-z_][\w.]*\.\w*$/);
  if (member) {
    const dot = member.text.lastIndexOf('.');
    const owner = member.text.slice(0, dot);
    const options = MEMBERS[owner] ?? (/\d$/.test(owner) ? null : TENSOR);
    if (!options) return null;
    return { from: member.from + dot + 1, options, validFor: /^\w*$/ };
  }
  const word = context.matchBefore(/\w+$/);
  if (!word && !context.explicit) return null;
  return { from: word ? word.from : context.pos, options: TOP, validFor: /^\w*$/ };
}
