// Elementwise ops: arithmetic, comparisons, logic, maths functions, clamp, round.
import * as core from '../../../../core/index.js';
import type { Tensor } from '../../../../core/index.js';
import { type BoundArgs, toIndex, toNumber } from '../../../objects.js';
import { optOperand, requireOperand, requireTensor, roundingMode, scalarOf } from '../convert.js';
import type { TensorOp, TensorOps, TorchFunctions } from '../op.js';

const alphaOf = (a: BoundArgs) => (a.alpha === null ? undefined : scalarOf(a.alpha));

/** x (op) other, where x may be a number in the function form. */
const binary = (f: (x: core.Operand, y: core.Operand) => Tensor, doc: string): TensorOp => ({
  kind: 'both',
  input: 'operand',
  params: 'other',
  out: true,
  doc,
  impl: (x, a) => f(x, requireOperand(a.other)),
});

const unary = (f: (t: Tensor) => Tensor, doc: string, modules?: TensorOp['modules']): TensorOp => ({
  kind: 'both',
  params: '',
  out: true,
  doc,
  impl: (t) => f(t),
  modules,
});
/** Also in torch.nn.functional. */
const activation = ['torch', 'torch.nn.functional'] as const;

const compare = (op: core.Comparison, doc: string) => binary((x, y) => core.compare(op, x, y), doc);
const logical = (op: core.Bitwise, doc: string) => binary((x, y) => core.logical(op, x, y), doc);

export const elementwiseOps = {
  add: {
    kind: 'both',
    input: 'operand',
    params: 'other, *, alpha=None',
    out: true,
    doc: 'input + alpha * other, broadcast',
    impl: (x, a) => core.add(x, requireOperand(a.other), alphaOf(a)),
  },
  sub: {
    kind: 'both',
    input: 'operand',
    params: 'other, *, alpha=None',
    out: true,
    doc: 'input - alpha * other, broadcast',
    impl: (x, a) => core.sub(x, requireOperand(a.other), alphaOf(a)),
  },
  rsub: {
    kind: 'function',
    params: 'other, *, alpha=None',
    doc: 'other - input',
    impl: (t, a) => core.rsub(t, requireOperand(a.other)),
  },
  mul: binary(core.mul, 'input * other, broadcast'),
  multiply: binary(core.mul, 'alias of mul'),
  div: {
    kind: 'both',
    input: 'operand',
    params: 'other, *, rounding_mode=None',
    out: true,
    doc: "input / other; rounding_mode 'trunc' or 'floor'",
    impl: (x, a) => core.div(x, requireOperand(a.other), roundingMode(a.rounding_mode)),
  },
  divide: {
    kind: 'both',
    input: 'operand',
    params: 'other, *, rounding_mode=None',
    out: true,
    doc: 'alias of div',
    impl: (x, a) => core.div(x, requireOperand(a.other), roundingMode(a.rounding_mode)),
  },
  true_divide: binary((x, y) => core.div(x, y), 'input / other, always a float result'),
  floor_divide: binary(core.floorDivide, 'input // other'),
  remainder: binary(core.remainder, 'input % other, with the sign of other'),
  fmod: binary(core.remainder, 'remainder of the division'),
  pow: {
    kind: 'both',
    input: 'operand',
    params: 'exponent',
    out: true,
    doc: 'input ** exponent',
    impl: (x, a) => core.pow(x, requireOperand(a.exponent)),
  },
  maximum: {
    kind: 'both',
    params: 'other',
    out: true,
    doc: 'elementwise maximum',
    impl: (t, a) => core.maximum(t, requireTensor(a.other, 'other')),
  },
  minimum: {
    kind: 'both',
    params: 'other',
    out: true,
    doc: 'elementwise minimum',
    impl: (t, a) => core.minimum(t, requireTensor(a.other, 'other')),
  },

  eq: compare('eq', 'input == other, a bool tensor'),
  ne: compare('ne', 'input != other, a bool tensor'),
  lt: compare('lt', 'input < other, a bool tensor'),
  le: compare('le', 'input <= other, a bool tensor'),
  gt: compare('gt', 'input > other, a bool tensor'),
  ge: compare('ge', 'input >= other, a bool tensor'),
  greater: compare('gt', 'alias of gt'),
  less: compare('lt', 'alias of lt'),
  logical_and: logical('and', 'both true, a bool tensor'),
  logical_or: logical('or', 'either true, a bool tensor'),
  logical_xor: logical('xor', 'exactly one true, a bool tensor'),
  equal: {
    kind: 'both',
    params: 'other',
    doc: 'True if same shape and values',
    impl: (t, a) => core.equal(t, requireTensor(a.other, 'other')),
  },
  allclose: {
    kind: 'both',
    params: 'other, rtol=1e-05, atol=1e-08, equal_nan=False',
    doc: 'True if |input - other| <= atol + rtol * |other| everywhere',
    impl: (t, a) => core.allclose(t, requireTensor(a.other, 'other'), toNumber(a.rtol), toNumber(a.atol)),
  },

  abs: unary(core.abs, 'absolute value'),
  neg: unary(core.neg, '-input'),
  negative: unary(core.neg, 'alias of neg'),
  sin: unary(core.sin, 'sine'),
  cos: unary(core.cos, 'cosine'),
  tan: unary(core.tan, 'tangent'),
  exp: unary(core.exp, 'e ** input'),
  log: unary(core.log, 'natural logarithm'),
  log2: unary(core.log2, 'base-2 logarithm'),
  log10: unary(core.log10, 'base-10 logarithm'),
  log1p: unary(core.log1p, 'log(1 + input)'),
  expm1: unary(core.expm1, 'exp(input) - 1'),
  sqrt: unary(core.sqrt, 'square root'),
  rsqrt: unary(core.rsqrt, '1 / sqrt(input)'),
  sigmoid: unary(core.sigmoid, '1 / (1 + exp(-input))', activation),
  tanh: unary(core.tanh, 'hyperbolic tangent', activation),
  sinh: unary(core.sinh, 'hyperbolic sine'),
  cosh: unary(core.cosh, 'hyperbolic cosine'),
  asin: unary(core.asin, 'arcsine'),
  acos: unary(core.acos, 'arccosine'),
  atan: unary(core.atan, 'arctangent'),
  relu: unary(core.relu, 'max(input, 0)', activation),
  floor: unary(core.floor, 'round down'),
  ceil: unary(core.ceil, 'round up'),
  trunc: unary(core.trunc, 'round towards zero'),
  sign: unary(core.sign, '-1, 0 or 1'),
  square: unary(core.square, 'input ** 2'),
  reciprocal: unary(core.reciprocal, '1 / input'),
  logical_not: unary(core.logicalNot, 'not input, a bool tensor'),
  isnan: unary(core.isnan, 'True where NaN'),
  isinf: unary(core.isinf, 'True where infinite'),
  isfinite: unary(core.isfinite, 'True where neither NaN nor infinite'),
  round: {
    kind: 'both',
    params: '*, decimals=0',
    doc: 'round half to even',
    impl: (t, a) => core.roundDecimals(t, toIndex(a.decimals)),
  },
  clamp: {
    kind: 'both',
    params: 'min=None, max=None',
    doc: 'limit values to [min, max]',
    impl: (t, a) => core.clamp(t, optOperand(a.min), optOperand(a.max)),
  },
  clip: {
    kind: 'both',
    params: 'min=None, max=None',
    doc: 'alias of clamp',
    impl: (t, a) => core.clamp(t, optOperand(a.min), optOperand(a.max)),
  },
  where: {
    kind: 'method',
    params: 'condition, other',
    doc: 'self where condition, else other',
    impl: (t, a) => core.where(requireTensor(a.condition, 'condition'), t, requireOperand(a.other)),
  },
} satisfies TensorOps;

export const elementwiseFunctions = {
  where: {
    params: 'condition, input=None, other=None',
    doc: 'input where condition, else other; where(condition) is nonzero(as_tuple=True)',
    impl: (a) => {
      const cond = requireTensor(a.condition, 'condition');
      if (a.input === null && a.other === null) return core.nonzeroColumns(cond);
      return core.where(cond, requireOperand(a.input, 'input'), requireOperand(a.other));
    },
  },
} satisfies TorchFunctions;
