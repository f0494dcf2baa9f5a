// Python numbers as the core sees them: ints and floats kept apart (1 and 1.0 promote differently).
import { type DType, DEFAULT_FLOAT, type TypedOperand } from './dtype.js';
import { PyFloat } from './float.js';
import { Tensor } from './tensor.js';

export { PyFloat, pyFloat } from './float.js';
export type Scalar = number | boolean | PyFloat;
export type Operand = Tensor | Scalar;

export function isScalar(o: unknown): o is Scalar {
  return typeof o === 'number' || typeof o === 'boolean' || o instanceof PyFloat;
}
export function scalarValue(s: Scalar): number {
  if (typeof s === 'boolean') return s ? 1 : 0;
  return typeof s === 'number' ? s : s.v;
}
export function scalarDType(s: Scalar): DType {
  if (typeof s === 'boolean') return 'bool';
  return typeof s === 'number' ? 'int64' : DEFAULT_FLOAT;
}
export function typedOperand(o: Operand): TypedOperand {
  if (o instanceof Tensor) return { dtype: o.dtype, kind: o.dims.length === 0 ? 'zero' : 'dim' };
  return { dtype: scalarDType(o), kind: 'scalar' };
}
