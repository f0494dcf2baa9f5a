// In-place ops (name_): computed by core out of place, written into the tensor, which they return.
import * as core from '../../../../core/index.js';
import type { Tensor } from '../../../../core/index.js';
import { type BoundArgs, pyError, toNumber, typeName } from '../../../objects.js';
import { operand, optOperand, requireOperand, requireTensor, roundingMode, scalarOf } from '../convert.js';
import type { TensorOp, TensorOps } from '../op.js';
import { generatorOf } from '../values.js';

/** name_(…): core.inplace(t, src => f(src, a)). */
const inplace = (params: string, f: (src: Tensor, a: BoundArgs) => Tensor, doc: string): TensorOp => ({
  kind: 'method',
  params,
  doc,
  impl: (t, a) => core.inplace(t, (src) => f(src, a)),
});
const unary = (f: (t: Tensor) => Tensor, doc: string) => inplace('', (src) => f(src), doc);
const alphaOf = (a: BoundArgs) => (a.alpha === null ? undefined : scalarOf(a.alpha));

export const inplaceOps = {
  add_: inplace(
    'other, *, alpha=None',
    (src, a) => core.add(src, requireOperand(a.other), alphaOf(a)),
    'add in place',
  ),
  sub_: inplace(
    'other, *, alpha=None',
    (src, a) => core.sub(src, requireOperand(a.other), alphaOf(a)),
    'subtract in place',
  ),
  mul_: inplace('other', (src, a) => core.mul(src, requireOperand(a.other)), 'multiply in place'),
  div_: inplace(
    'other, *, rounding_mode=None',
    (src, a) => core.div(src, requireOperand(a.other), roundingMode(a.rounding_mode)),
    'divide in place',
  ),
  pow_: inplace(
    'exponent',
    (src, a) => core.pow(src, requireOperand(a.exponent)),
    'raise to a power in place',
  ),
  clamp_: inplace(
    'min=None, max=None',
    (src, a) => core.clamp(src, optOperand(a.min), optOperand(a.max)),
    'clamp in place',
  ),
  neg_: unary(core.neg, 'negate in place'),
  abs_: unary(core.abs, 'absolute value in place'),
  sqrt_: unary(core.sqrt, 'square root in place'),
  exp_: unary(core.exp, 'exp in place'),
  relu_: unary(core.relu, 'relu in place'),
  sigmoid_: unary(core.sigmoid, 'sigmoid in place'),
  tanh_: unary(core.tanh, 'tanh in place'),
  zero_: { kind: 'method', params: '', doc: 'fill with zeros', impl: (t) => core.zero(t) },
  fill_: {
    kind: 'method',
    params: 'value',
    doc: 'fill with one value',
    impl: (t, a) => {
      const v = operand(a.value);
      if (v === undefined)
        throw pyError(
          'TypeError',
          `fill_() received an invalid combination of arguments - got (${typeName(a.value)})`,
        );
      return core.fill(t, v);
    },
  },
  copy_: {
    kind: 'method',
    params: 'src, non_blocking=False',
    doc: "copy src's values in (broadcast, cast)",
    impl: (t, a) => core.copyFrom(t, requireTensor(a.src, 'src')),
  },
  uniform_: {
    kind: 'method',
    params: 'from_=0, to=1, *, generator=None',
    doc: 'fill with uniform samples in [from_, to)',
    impl: (t, a) => core.uniformFill(t, toNumber(a.from_), toNumber(a.to), generatorOf(a.generator)),
  },
  normal_: {
    kind: 'method',
    params: 'mean=0, std=1, *, generator=None',
    doc: 'fill with normal samples',
    impl: (t, a) => core.normalFill(t, toNumber(a.mean), toNumber(a.std), generatorOf(a.generator)),
  },
} satisfies TensorOps;
