// The ufuncs: numpy's element-wise functions of one and two operands (np.sin, np.add …), each a
// name bound to an engine op.
import { defineFunction, type NativeFunction } from '../../objects.js';
import * as ops from '../../numpy/ops.js';
import { type BinaryOp, type UnaryOp } from '../../numpy/ops.js';
import { then as thenMP } from '../../maybe-promise.js';
import { operandMP } from './convert.js';
import { guard } from './errors.js';
import { toPython } from './ndarray-type.js';

function ufunc1(name: string, op: UnaryOp): NativeFunction {
  return defineFunction(name, 'x, /, out=None, where=True, dtype=None', (a) =>
    thenMP(operandMP(a.x), (x) => guard(() => toPython(ops.unary(op, x)))),
  );
}

function ufunc2(name: string, op: BinaryOp): NativeFunction {
  return defineFunction(name, 'x1, x2, /, out=None, where=True, dtype=None', (a) =>
    thenMP(operandMP(a.x1), (x) =>
      thenMP(operandMP(a.x2), (y) => guard(() => toPython(ops.binary(op, x, y)))),
    ),
  );
}

const UNARY_FUNCS: [string, UnaryOp][] = [
  ['sin', 'sin'],
  ['cos', 'cos'],
  ['tan', 'tan'],
  ['arcsin', 'arcsin'],
  ['arccos', 'arccos'],
  ['arctan', 'arctan'],
  ['sinh', 'sinh'],
  ['cosh', 'cosh'],
  ['tanh', 'tanh'],
  ['exp', 'exp'],
  ['exp2', 'exp2'],
  ['expm1', 'expm1'],
  ['log', 'log'],
  ['log2', 'log2'],
  ['log10', 'log10'],
  ['log1p', 'log1p'],
  ['sqrt', 'sqrt'],
  ['square', 'square'],
  ['abs', 'absolute'],
  ['absolute', 'absolute'],
  ['fabs', 'absolute'],
  ['sign', 'sign'],
  ['floor', 'floor'],
  ['ceil', 'ceil'],
  ['trunc', 'trunc'],
  ['rint', 'rint'],
  ['negative', 'negative'],
  ['positive', 'positive'],
  ['reciprocal', 'reciprocal'],
  ['isnan', 'isnan'],
  ['isinf', 'isinf'],
  ['isfinite', 'isfinite'],
  ['logical_not', 'logical_not'],
  ['invert', 'invert'],
  ['deg2rad', 'deg2rad'],
  ['rad2deg', 'rad2deg'],
  ['radians', 'deg2rad'],
  ['degrees', 'rad2deg'],
];

const BINARY_FUNCS: [string, BinaryOp][] = [
  ['add', 'add'],
  ['subtract', 'subtract'],
  ['multiply', 'multiply'],
  ['divide', 'true_divide'],
  ['true_divide', 'true_divide'],
  ['floor_divide', 'floor_divide'],
  ['mod', 'remainder'],
  ['remainder', 'remainder'],
  ['power', 'power'],
  ['maximum', 'maximum'],
  ['minimum', 'minimum'],
  ['fmax', 'fmax'],
  ['fmin', 'fmin'],
  ['arctan2', 'arctan2'],
  ['hypot', 'hypot'],
  ['equal', 'equal'],
  ['not_equal', 'not_equal'],
  ['less', 'less'],
  ['less_equal', 'less_equal'],
  ['greater', 'greater'],
  ['greater_equal', 'greater_equal'],
  ['logical_and', 'logical_and'],
  ['logical_or', 'logical_or'],
  ['logical_xor', 'logical_xor'],
];

/** One session's ufuncs, unary then binary. */
export function ufuncs(): Record<string, NativeFunction> {
  const out: Record<string, NativeFunction> = {};
  for (const [name, op] of UNARY_FUNCS) out[name] = ufunc1(name, op);
  for (const [name, op] of BINARY_FUNCS) out[name] = ufunc2(name, op);
  return out;
}
