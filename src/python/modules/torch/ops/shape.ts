// Shape ops: views, reshapes, permutations, copies, and cat / stack.
import * as core from '../../../../core/index.js';
import { type DType } from '../../../../core/index.js';
import {
  isInt,
  PyList,
  PyNative,
  PyTuple,
  pyError,
  type PyValue,
  toIndex,
  typeName,
} from '../../../objects.js';
import { dimsArg, optDim, requireTensor, sizesArg, sizesFrom, tensorList } from '../convert.js';
import type { TensorOps, TorchFunctions } from '../op.js';
import { dtypeType } from '../values.js';

/** An int or a tuple (or list) of ints: roll's shifts and dims. */
function intsOf(v: PyValue, name: string): number[] {
  if (isInt(v)) return [toIndex(v)];
  if (v instanceof PyTuple || v instanceof PyList) return sizesFrom(v.items);
  throw pyError(
    'TypeError',
    `roll(): argument '${name}' (position ${name === 'shifts' ? 2 : 3}) must be tuple of ints, not ${typeName(v)}`,
  );
}

export const shapeOps = {
  roll: {
    kind: 'both',
    params: 'shifts, dims=None',
    doc: 'values shifted along dims, wrapping around',
    impl: (t, a) => core.roll(t, intsOf(a.shifts, 'shifts'), a.dims === null ? [] : intsOf(a.dims, 'dims')),
  },
  reshape: {
    kind: 'both',
    params: '*shape',
    doc: 'same values in a new shape (a view when it can be)',
    impl: (t, a) => core.reshape(t, sizesArg(a.shape)),
  },
  view: {
    kind: 'method',
    params: '*shape',
    doc: 'a view with a new shape, sharing storage',
    impl: (t, a) => {
      const items = (a.shape as PyTuple).items;
      if (items.length === 1 && items[0] instanceof PyNative && items[0].cls === dtypeType)
        return core.toDType(t, items[0].value as DType);
      return core.view(t, sizesArg(a.shape));
    },
  },
  view_as: {
    kind: 'method',
    params: 'other',
    doc: "a view with other's shape",
    impl: (t, a) => core.view(t, requireTensor(a.other, 'other').shape),
  },
  reshape_as: {
    kind: 'method',
    params: 'other',
    doc: "reshaped to other's shape",
    impl: (t, a) => core.reshape(t, requireTensor(a.other, 'other').shape),
  },
  expand: {
    kind: 'method',
    params: '*sizes',
    doc: 'size-1 dims repeated without copying',
    impl: (t, a) => core.expand(t, sizesArg(a.sizes)),
  },
  expand_as: {
    kind: 'method',
    params: 'other',
    doc: "expanded to other's shape",
    impl: (t, a) => core.expand(t, requireTensor(a.other, 'other').shape),
  },
  repeat: {
    kind: 'method',
    params: '*sizes',
    doc: 'tiled along each dim',
    impl: (t, a) => core.repeat(t, sizesArg(a.sizes)),
  },
  flatten: {
    kind: 'both',
    params: 'start_dim=0, end_dim=-1',
    doc: 'dims start_dim..end_dim merged into one',
    impl: (t, a) => core.flatten(t, toIndex(a.start_dim), toIndex(a.end_dim)),
  },
  ravel: { kind: 'method', params: '', doc: 'flattened to 1-D', impl: (t) => core.reshape(t, [-1]) },
  split: {
    kind: 'both',
    params: 'split_size_or_sections, dim=0',
    doc: 'views along dim: pieces of one size (the last smaller), or of the sizes listed',
    impl: (t, a) => core.split(t, dimsArg(a.split_size_or_sections) ?? 0, toIndex(a.dim)),
  },
  chunk: {
    kind: 'both',
    params: 'chunks, dim=0',
    doc: 'views along dim: chunks pieces of equal size (the last smaller; fewer when they run out)',
    impl: (t, a) => core.chunk(t, toIndex(a.chunks), toIndex(a.dim)),
  },
  squeeze: {
    kind: 'both',
    params: 'dim=None',
    doc: 'size-1 dims removed',
    impl: (t, a) => core.squeeze(t, optDim(a.dim)),
  },
  unsqueeze: {
    kind: 'both',
    params: 'dim',
    doc: 'a size-1 dim inserted at dim',
    impl: (t, a) => core.unsqueeze(t, toIndex(a.dim)),
  },
  transpose: {
    kind: 'both',
    params: 'dim0, dim1',
    doc: 'dims dim0 and dim1 swapped',
    impl: (t, a) => core.transpose(t, toIndex(a.dim0), toIndex(a.dim1)),
  },
  permute: {
    kind: 'both',
    params: '*dims',
    doc: 'dims reordered',
    impl: (t, a) => core.permute(t, sizesArg(a.dims)),
  },
  t: { kind: 'both', params: '', doc: 'transpose of a matrix (≤ 2-D)', impl: (t) => core.t2d(t) },
  flip: {
    kind: 'both',
    params: '*dims',
    doc: 'order reversed along dims',
    impl: (t, a) => core.flip(t, sizesArg(a.dims)),
  },
  contiguous: {
    kind: 'method',
    params: 'memory_format=None',
    doc: 'itself, or a contiguous copy',
    impl: (t) => core.contiguous(t),
  },
  clone: {
    kind: 'both',
    params: '*, memory_format=None',
    out: true,
    doc: 'a copy (gradients flow back)',
    impl: (t) => core.clone(t),
  },
  detach: {
    kind: 'both',
    params: '',
    out: true,
    doc: 'the same values, cut from the graph',
    impl: (t) => core.detach(t),
  },
} satisfies TensorOps;

export const shapeFunctions = {
  cat: {
    params: 'tensors, dim=0, *, out=None',
    doc: 'tensors joined along an existing dim',
    impl: (a) => core.cat(tensorList(a.tensors), toIndex(a.dim)),
  },
  concat: {
    params: 'tensors, dim=0, *, out=None',
    doc: 'alias of cat',
    impl: (a) => core.cat(tensorList(a.tensors), toIndex(a.dim)),
  },
  stack: {
    params: 'tensors, dim=0, *, out=None',
    doc: 'tensors joined along a new dim',
    impl: (a) => core.stack(tensorList(a.tensors), toIndex(a.dim)),
  },
} satisfies TorchFunctions;
