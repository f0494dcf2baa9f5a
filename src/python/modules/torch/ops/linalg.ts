// Products: matmul and its fixed-rank forms, dot, outer.
import * as core from '../../../../core/index.js';
import type { Tensor } from '../../../../core/index.js';
import { PyList, PyTuple, pyError, typeName } from '../../../objects.js';
import { requireTensor, tensorList } from '../convert.js';
import type { TensorOp, TensorOps, TorchFunctions } from '../op.js';

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

export const linalgFunctions = {
  einsum: {
    params: 'equation, *operands',
    doc: 'sums of products over the subscripts of an equation',
    impl: (a) => {
      if (typeof a.equation !== 'string')
        throw pyError('TypeError', `einsum(): argument 'equation' must be str, not ${typeName(a.equation)}`);
      // the operands one by one, or in one list (torch.einsum('ij,jk', [a, b]))
      const given = (a.operands as PyTuple).items;
      const one = given.length === 1 && (given[0] instanceof PyList || given[0] instanceof PyTuple);
      return core.einsum(a.equation, tensorList(one ? given[0] : a.operands));
    },
  },
} satisfies TorchFunctions;
