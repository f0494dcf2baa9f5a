// Products: matmul and its fixed-rank forms, dot, outer.
import * as core from '../../../../core/index.js';
import type { Tensor } from '../../../../core/index.js';
import { requireTensor } from '../convert.js';
import type { TensorOp, TensorOps } from '../op.js';

/** input (product) the tensor named `param`. */
const product = (param: string, f: (x: Tensor, y: Tensor) => Tensor, doc: string): TensorOp => ({
  kind: 'both',
  params: param,
  out: true,
  doc,
  impl: (t, a) => f(t, requireTensor(a[param], param)),
});

export const linalgOps = {
  matmul: product('other', core.matmul, 'matrix product, batched and broadcast (the @ operator)'),
  mm: product('mat2', core.mmOnly, 'product of two matrices'),
  bmm: product('mat2', core.matmul, 'batched matrix product'),
  mv: product('vec', core.matmul, 'matrix times vector'),
  dot: product('other', core.dot, 'dot product of two 1-D tensors'),
  outer: product('vec2', core.outer, 'outer product of two 1-D tensors'),
} satisfies TensorOps;
