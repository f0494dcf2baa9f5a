// Completion of torch, tensor, numpy and pyplot names for the editor: what the lesson's students
// type. Static lists (the interpreter lives in the Worker); the editor adds the cell's own names.
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';

const fn = (label: string, detail?: string): Completion => ({ label, type: 'function', detail });
const names = (type: string, list: string) =>
  list
    .split(/\s+/)
    .filter(Boolean)
    .map((label) => ({ label, type }));

const TORCH: Completion[] = [
  ...names(
    'function',
    `tensor zeros ones full empty arange linspace eye rand randn randint zeros_like ones_like full_like rand_like randn_like
     from_numpy as_tensor stack cat reshape matmul mm dot sum mean max min argmax argmin abs sqrt exp log sin cos tanh
     sigmoid relu clamp where allclose equal manual_seed no_grad is_tensor numel transpose squeeze unsqueeze flatten`,
  ),
  ...names('class', 'Tensor device'),
  ...names('namespace', 'cuda nn'),
  ...names('constant', 'float32 float64 float16 int32 int64 int8 uint8 bool float double long int half'),
];
const TORCH_CUDA = names('function', 'is_available device_count synchronize current_device get_device_name');

const TENSOR: Completion[] = [
  ...names(
    'method',
    `sum mean max min argmax argmin item tolist numpy reshape view view_as flatten squeeze unsqueeze permute transpose t
     to cpu cuda float double int long bool half type clone detach requires_grad_ backward zero_ add add_ sub sub_ mul
     mul_ div div_ pow abs sqrt exp log sin cos tanh sigmoid relu clamp matmul dot mm size dim numel expand repeat
     fill_ copy_ contiguous std var prod cumsum all any`,
  ),
  ...names('property', 'shape dtype device grad requires_grad grad_fn is_leaf data T ndim is_cuda'),
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
   close clf`,
);

const TOP: Completion[] = [
  // Python's builtins and keywords, and the cell's own names, come from lang-python's completions.
  ...names('namespace', 'torch np numpy plt matplotlib math time'),
  fn('tensor', 'from torch import tensor'),
];

/** Members by the dotted name before the dot; any other name is taken to be a tensor. */
const MEMBERS: Record<string, Completion[]> = {
  torch: TORCH,
  'torch.cuda': TORCH_CUDA,
  np: NUMPY,
  numpy: NUMPY,
  'np.random': NUMPY_RANDOM,
  'numpy.random': NUMPY_RANDOM,
  plt: PYPLOT,
  'matplotlib.pyplot': PYPLOT,
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
