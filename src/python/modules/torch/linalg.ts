// torch.linalg's norms: vector_norm, and norm for the vector cases and the Frobenius norm (the
// other matrix norms, which need singular values, are refused by name).
import * as core from '../../../core/index.js';
import {
  type BoundArgs,
  type NativeFunction,
  newModule,
  type PyModule,
  pyError,
  toNumber,
} from '../../objects.js';
import { dimsArg, requireTensor } from './convert.js';
import { wrap } from './tensor-type.js';

type Entry = (name: string, spec: string, impl: (a: BoundArgs) => ReturnType<typeof wrap>) => NativeFunction;

/** The p-norm of a tensor over dims; inf and -inf: the largest and smallest magnitude. */
type Dims = ReturnType<typeof dimsArg>;

function vectorNorm(t: core.Tensor, ord: number, dims: Dims, keepdim: boolean): core.Tensor {
  if (Math.abs(ord) === Infinity) {
    if (dims !== null)
      throw pyError(
        'NotImplementedError',
        'vector_norm with ord=inf along dims is not supported in torchlet',
      );
    return core.extremum(core.abs(t), ord > 0 ? 'max' : 'min');
  }
  return core.norm(t, ord, dims, keepdim);
}

export function linalgModule(entry: Entry): PyModule {
  return newModule('torch.linalg', {
    vector_norm: entry('vector_norm', 'x, ord=2, dim=None, keepdim=False, *, dtype=None', (a) =>
      wrap(vectorNorm(requireTensor(a.x), toNumber(a.ord), dimsArg(a.dim), a.keepdim === true)),
    ),
    norm: entry('norm', 'A, ord=None, dim=None, keepdim=False, *, out=None, dtype=None', (a) => {
      const t = requireTensor(a.A);
      const dims = dimsArg(a.dim);
      const keepdim = a.keepdim === true;
      // No ord: the 2-norm of the values (the Frobenius norm of a matrix); 'fro' likewise.
      if (a.ord === null || a.ord === 'fro') return wrap(core.norm(t, 2, dims, keepdim));
      const vector = (dims === null && t.ndim === 1) || typeof dims === 'number' || dims?.length === 1;
      if (!vector || typeof a.ord === 'string')
        throw pyError(
          'NotImplementedError',
          `linalg.norm: the matrix norm ord=${String(a.ord)} is not supported in torchlet`,
        );
      return wrap(vectorNorm(t, toNumber(a.ord), dims, keepdim));
    }),
  });
}
