// A tensor's own methods: reading values, introspection, dtype/device moves, autograd, new_*.
import * as core from '../../../../core/index.js';
import { type DType, Tensor } from '../../../../core/index.js';
import { type BoundArgs, None, PyNative, type PyTuple, pyError, toIndex } from '../../../objects.js';
import { loadPart } from '../../../load-part.js';
import {
  isTensor,
  itemValue,
  readValues,
  requireTensor,
  sizesArg,
  tolistValue,
  toTensorSync,
  torchToNumpy,
} from '../convert.js';
import type { TensorOp, TensorOps } from '../op.js';
import { dtypeType, parseDevice, parseDType, sizeValue } from '../values.js';

const then = <T, U>(v: T | Promise<T>, f: (x: T) => U): U | Promise<U> =>
  v instanceof Promise ? v.then(f) : f(v);

const ELEMENT_SIZE: Record<DType, number> = {
  bool: 1,
  int32: 4,
  int64: 8,
  float16: 2,
  float32: 4,
  float64: 8,
};
const TYPE_NAMES: Record<DType, string> = {
  float32: 'FloatTensor',
  float64: 'DoubleTensor',
  float16: 'HalfTensor',
  int64: 'LongTensor',
  int32: 'IntTensor',
  bool: 'BoolTensor',
};

const toDType = (dtype: DType, doc: string): TensorOp => ({
  kind: 'method',
  params: 'memory_format=None',
  doc,
  impl: (t) => core.toDType(t, dtype),
});

/** new_zeros / new_ones: the tensor's dtype and device unless given. */
const newFilled = (make: typeof core.zeros, doc: string): TensorOp => ({
  kind: 'method',
  params: '*size, dtype=None, device=None, requires_grad=False',
  doc,
  impl: (t, a) => make(sizesArg(a.size), newOptions(t, a)),
});
const newOptions = (t: Tensor, a: BoundArgs): core.CreateOptions => ({
  dtype: parseDType(a.dtype) ?? t.dtype,
  device: parseDevice(a.device) ?? t.device,
  requiresGrad: a.requires_grad === true,
});

function oneElement(t: Tensor): void {
  if (t.numel !== 1)
    throw pyError('ValueError', 'only one element tensors can be converted to Python scalars');
}

export const tensorOps = {
  item: {
    kind: 'method',
    params: '',
    doc: 'the value of a one-element tensor as a Python number',
    impl: (t) => {
      oneElement(t);
      return then(readValues(t), (v) => itemValue(t, t.dtype === 'bool' ? v[0] !== 0 : Number(v[0])));
    },
  },
  tolist: {
    kind: 'method',
    params: '',
    doc: 'the values as nested Python lists',
    impl: (t) => then(readValues(t), (v) => tolistValue(t, v)),
  },
  numpy: {
    kind: 'method',
    params: '*, force=False',
    doc: 'a numpy array of the values (cpu tensors without grad)',
    impl: (t, a) => {
      if (t.requiresGrad && a.force !== true) {
        throw pyError(
          'RuntimeError',
          "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
        );
      }
      if (t.device !== 'cpu' && a.force !== true) {
        throw pyError(
          'TypeError',
          `can't convert ${core.deviceString(t.device)} device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.`,
        );
      }
      // numpy's engine loads here, on first use: a lesson that never touches numpy never fetches it.
      const numpy = loadPart('numpy', () => import('../../numpy.js'));
      return Promise.all([readValues(t), numpy]).then(([v, { NDArray, wrapNDArray }]) =>
        wrapNDArray(NDArray.from(torchToNumpy[t.dtype], t.shape, v)),
      );
    },
  },
  size: {
    kind: 'method',
    params: 'dim=None',
    doc: 'the shape as torch.Size, or the size of one dim',
    impl: (t, a) =>
      a.dim === null ? sizeValue(t.shape) : (t.shape[core.wrapDim(toIndex(a.dim), t.ndim)] ?? 1),
  },
  dim: { kind: 'method', params: '', doc: 'number of dims', impl: (t) => t.ndim },
  ndimension: { kind: 'method', params: '', doc: 'alias of dim()', impl: (t) => t.ndim },
  numel: { kind: 'both', params: '', doc: 'number of elements', impl: (t) => t.numel },
  nelement: { kind: 'method', params: '', doc: 'alias of numel()', impl: (t) => t.numel },
  element_size: { kind: 'method', params: '', doc: 'bytes per element', impl: (t) => ELEMENT_SIZE[t.dtype] },
  is_floating_point: {
    kind: 'both',
    params: '',
    doc: 'True for float dtypes',
    impl: (t) => core.isFloating(t.dtype),
  },
  is_contiguous: {
    kind: 'method',
    params: '',
    doc: 'True if laid out row-major without gaps',
    impl: (t) => t.contiguous,
  },
  get_device: {
    kind: 'method',
    params: '',
    doc: '-1 on cpu, else the GPU index',
    impl: (t) => (t.device === 'cpu' ? -1 : 0),
  },
  type: {
    kind: 'method',
    params: 'dtype=None',
    doc: "the type name ('torch.FloatTensor'), or a copy as dtype",
    impl: (t, a) => {
      if (a.dtype === null) return `torch.${t.device === 'cuda' ? 'cuda.' : ''}${TYPE_NAMES[t.dtype]}`;
      return core.toDType(t, parseDType(a.dtype)!);
    },
  },

  to: {
    kind: 'method',
    params: '*args, dtype=None, device=None, non_blocking=False, copy=False',
    doc: 'moved to a device and/or cast to a dtype',
    impl: (t, a) => {
      let dtype = parseDType(a.dtype);
      let device = parseDevice(a.device);
      for (const arg of (a.args as PyTuple).items) {
        if (arg instanceof PyNative && arg.cls === dtypeType) dtype = arg.value as DType;
        else if (isTensor(arg)) {
          dtype = arg.value.dtype;
          device = arg.value.device;
        } else device = parseDevice(arg);
      }
      if (device) t = core.toDevice(t, device);
      if (dtype) t = core.toDType(t, dtype, a.copy === true);
      return t;
    },
  },
  cpu: {
    kind: 'method',
    params: '',
    doc: 'a copy on the cpu (itself if there)',
    impl: (t) => core.toDevice(t, 'cpu'),
  },
  cuda: {
    kind: 'method',
    params: 'device=None, non_blocking=False',
    doc: 'a copy on the GPU',
    impl: (t) => core.toDevice(t, 'cuda'),
  },
  float: toDType('float32', 'cast to float32'),
  double: toDType('float64', 'cast to float64'),
  half: toDType('float16', 'cast to float16'),
  int: toDType('int32', 'cast to int32'),
  long: toDType('int64', 'cast to int64'),
  bool: toDType('bool', 'cast to bool'),
  type_as: {
    kind: 'method',
    params: 'other',
    doc: "cast to other's dtype",
    impl: (t, a) => core.toDType(t, requireTensor(a.other, 'other').dtype),
  },
  new_zeros: newFilled(core.zeros, 'zeros with this dtype and device'),
  new_ones: newFilled(core.ones, 'ones with this dtype and device'),
  new_tensor: {
    kind: 'method',
    params: 'data, dtype=None, device=None, requires_grad=False',
    doc: 'a tensor of data with this dtype and device',
    impl: (t, a) => toTensorSync(a.data, newOptions(t, a)),
  },

  backward: {
    kind: 'method',
    params: 'gradient=None, retain_graph=None, create_graph=False, inputs=None',
    doc: 'gradients of this tensor into the .grad of the leaves',
    impl: (t, a) => {
      core.backward(
        t,
        a.gradient === null ? null : requireTensor(a.gradient, 'gradient'),
        a.retain_graph === true,
      );
      return None;
    },
  },
  requires_grad_: {
    kind: 'method',
    params: 'requires_grad=True',
    doc: 'start (or stop) recording operations for autograd',
    impl: (t, a) => {
      core.setRequiresGrad(t, a.requires_grad !== false);
      return t;
    },
  },
  retain_grad: {
    kind: 'method',
    params: '',
    doc: 'keep .grad on this non-leaf tensor',
    impl: (t) => {
      if (!t.requiresGrad)
        throw pyError('RuntimeError', "can't retain_grad on Tensor that has requires_grad=False");
      if (!t.isLeaf) t.retainsGrad = true;
      return None;
    },
  },
  detach_: {
    kind: 'method',
    params: '',
    doc: 'cut from the graph, in place',
    impl: (t) => {
      t.gradFn = null;
      t.requiresGrad = false;
      return t;
    },
  },
} satisfies TensorOps;
