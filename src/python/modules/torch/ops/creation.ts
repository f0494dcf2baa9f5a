// Creation functions: torch.tensor, zeros … randperm, *_like, and the torch.is_* questions.
import * as core from '../../../../core/index.js';
import { type PyTuple, pyError, toIndex, toNumber, typeName } from '../../../objects.js';
import { isNDArray } from '../../../numpy/ndarray-check.js';
import {
  createOptions,
  isTensor,
  ndarrayToTensor,
  requireOperand,
  requireTensor,
  scalarOf,
  sizesArg,
  sizesFrom,
  toTensorSync,
} from '../convert.js';
import type { TorchFunction, TorchFunctions } from '../op.js';
import { dtypeValue } from '../values.js';

const SIZE_OPTIONS =
  '*size, out=None, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False, memory_format=None, generator=None';
const LIKE_OPTIONS =
  'input, *, dtype=None, layout=None, device=None, requires_grad=False, memory_format=None';

const sized = (make: typeof core.zeros, doc: string): TorchFunction => ({
  params: SIZE_OPTIONS,
  doc,
  impl: (a) => make(sizesArg(a.size), createOptions(a)),
});
const like = (make: typeof core.zerosLike, doc: string): TorchFunction => ({
  params: LIKE_OPTIONS,
  doc,
  impl: (a) => make(requireTensor(a.input), createOptions(a)),
});

export const creationFunctions = {
  tensor: {
    params: 'data, *, dtype=None, device=None, requires_grad=False, pin_memory=False',
    doc: 'a tensor of data (nested lists, numbers, a tensor)',
    impl: (a) =>
      isTensor(a.data) ? core.tensor(a.data.value, createOptions(a)) : toTensorSync(a.data, createOptions(a)),
  },
  as_tensor: {
    params: 'data, dtype=None, device=None',
    doc: 'data as a tensor, without a copy when it already is one',
    impl: (a) => (isTensor(a.data) && a.dtype === null ? a.data : toTensorSync(a.data, createOptions(a))),
  },
  from_numpy: {
    params: 'ndarray',
    doc: 'a tensor sharing memory with a numpy array',
    impl: (a) => {
      if (!isNDArray(a.ndarray))
        throw pyError('TypeError', `expected np.ndarray (got ${typeName(a.ndarray)})`);
      return ndarrayToTensor(a.ndarray.value, true);
    },
  },
  zeros: sized(core.zeros, 'a tensor of zeros'),
  ones: sized(core.ones, 'a tensor of ones'),
  empty: sized(core.zeros, 'an uninitialised tensor (zeros here)'),
  rand: sized(core.rand, 'uniform samples in [0, 1)'),
  randn: sized(core.randn, 'standard normal samples'),
  zeros_like: like(core.zerosLike, "zeros with input's shape"),
  ones_like: like(core.onesLike, "ones with input's shape"),
  empty_like: like(core.zerosLike, "an uninitialised tensor with input's shape"),
  rand_like: like(core.randLike, "uniform samples with input's shape"),
  randn_like: like(core.randnLike, "normal samples with input's shape"),
  full: {
    params: 'size, fill_value, *, dtype=None, layout=None, device=None, requires_grad=False',
    doc: 'a tensor filled with fill_value',
    impl: (a) => core.full(sizesFrom([a.size]), scalarOf(a.fill_value), createOptions(a)),
  },
  full_like: {
    params:
      'input, fill_value, *, dtype=None, layout=None, device=None, requires_grad=False, memory_format=None',
    doc: "fill_value with input's shape",
    impl: (a) => core.fullLike(requireTensor(a.input), scalarOf(a.fill_value), createOptions(a)),
  },
  eye: {
    params: 'n, m=None, *, dtype=None, layout=None, device=None, requires_grad=False',
    doc: 'the identity matrix',
    impl: (a) => core.eye(toIndex(a.n), a.m === null ? toIndex(a.n) : toIndex(a.m), createOptions(a)),
  },
  arange: {
    params: 'start, end=None, step=1, *, dtype=None, layout=None, device=None, requires_grad=False',
    doc: 'values from start up to (not including) end, by step',
    impl: (a) =>
      core.arange(
        scalarOf(a.start),
        a.end === null ? null : scalarOf(a.end),
        scalarOf(a.step),
        createOptions(a),
      ),
  },
  linspace: {
    params: 'start, end, steps, *, dtype=None, layout=None, device=None, requires_grad=False',
    doc: 'steps evenly spaced values from start to end',
    impl: (a) => core.linspace(toNumber(a.start), toNumber(a.end), toIndex(a.steps), createOptions(a)),
  },
  randint: {
    params: '*args, size=None, generator=None, dtype=None, layout=None, device=None, requires_grad=False',
    doc: 'random integers in [low, high)',
    impl: (a) => {
      const args = (a.args as PyTuple).items.slice();
      let size = a.size;
      if (size === null) size = args.pop() ?? null;
      if (size === null)
        throw pyError('TypeError', 'randint() missing 1 required positional arguments: "size"');
      const [low, high] = args.length === 1 ? [0, toIndex(args[0])] : [toIndex(args[0]), toIndex(args[1])];
      return core.randint(low, high, sizesFrom([size]), createOptions(a));
    },
  },
  normal: {
    params:
      'mean=0.0, std=1.0, size=None, *, generator=None, out=None, dtype=None, layout=None, device=None, requires_grad=False',
    doc: 'normal samples with the given mean and std',
    impl: (a) => {
      if (isTensor(a.mean) || isTensor(a.std))
        return core.normalOf(requireOperand(a.mean), requireOperand(a.std));
      if (a.size === null)
        throw pyError('TypeError', 'normal() received an invalid combination of arguments');
      return core.normal(toNumber(a.mean), toNumber(a.std), sizesFrom([a.size]), createOptions(a));
    },
  },
  randperm: {
    params: 'n, *, generator=None, out=None, dtype=None, layout=None, device=None, requires_grad=False',
    doc: 'a random permutation of 0..n-1',
    impl: (a) => core.randperm(toIndex(a.n), createOptions(a)),
  },
  is_tensor: { params: 'obj', doc: 'True if obj is a tensor', impl: (a) => isTensor(a.obj) },
  get_default_dtype: { params: '', doc: 'the dtype of new float tensors', impl: () => dtypeValue('float32') },
} satisfies TorchFunctions;
