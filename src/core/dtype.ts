// PyTorch's dtypes as labels over the two numeric types tfjs computes in (float32, int32) plus bool.
import type { DataType } from '@tensorflow/tfjs-core';

export type DType = 'bool' | 'int32' | 'int64' | 'float16' | 'float32' | 'float64';
export const DTYPES: readonly DType[] = ['bool', 'int32', 'int64', 'float16', 'float32', 'float64'];

/** Promotion order: PyTorch's table restricted to these six types is a total order. */
const RANK: Record<DType, number> = { bool: 0, int32: 1, int64: 2, float16: 3, float32: 4, float64: 5 };

/** The names PyTorch uses in error messages (c10::ScalarType). */
const SCALAR_TYPE_NAME: Record<DType, string> = {
  bool: 'Bool',
  int32: 'Int',
  int64: 'Long',
  float16: 'Half',
  float32: 'Float',
  float64: 'Double',
};

export const DEFAULT_FLOAT: DType = 'float32';

export function isFloating(d: DType): boolean {
  return d === 'float16' || d === 'float32' || d === 'float64';
}
export function isIntegral(d: DType, includeBool = false): boolean {
  return d === 'int32' || d === 'int64' || (includeBool && d === 'bool');
}
export function scalarTypeName(d: DType): string {
  return SCALAR_TYPE_NAME[d];
}
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}
/** The tfjs type a PyTorch dtype is computed in. */
export function storageType(d: DType): DataType {
  if (d === 'bool') return 'bool';
  if (d === 'int32' || d === 'int64') return 'int32';
  return 'float32';
}

/** An operand as type promotion sees it: a tensor with dims, a 0-d tensor, or a Python number. */
export interface TypedOperand {
  dtype: DType;
  kind: 'dim' | 'zero' | 'scalar';
}

function category(d: DType | undefined): number {
  if (d === undefined) return -1;
  return d === 'bool' ? 0 : isFloating(d) ? 2 : 1;
}

function combineCategories(higher: DType | undefined, lower: DType | undefined): DType | undefined {
  if (higher !== undefined && isFloating(higher)) return higher;
  if (higher === 'bool' || (lower !== undefined && isFloating(lower))) {
    if (higher === undefined) return lower;
    if (lower === undefined) return higher;
    return promoteTypes(higher, lower);
  }
  return higher ?? lower;
}

/**
 * torch.result_type: dimensioned tensors outrank 0-d tensors, which outrank Python numbers; a lower
 * group only matters when its category (bool < integer < floating) is higher. Python floats count
 * as the default float dtype.
 */
export function resultType(operands: readonly TypedOperand[]): DType {
  let dim: DType | undefined;
  let zero: DType | undefined;
  let wrapped: DType | undefined;
  for (const op of operands) {
    if (op.kind === 'dim') dim = dim === undefined ? op.dtype : promoteTypes(dim, op.dtype);
    else if (op.kind === 'zero') zero = zero === undefined ? op.dtype : promoteTypes(zero, op.dtype);
    else {
      const d = isFloating(op.dtype) ? DEFAULT_FLOAT : op.dtype;
      wrapped = wrapped === undefined ? d : promoteTypes(wrapped, d);
    }
  }
  return combineCategories(dim, combineCategories(zero, wrapped)) ?? DEFAULT_FLOAT;
}

/** Whether a value of type `from` may be written into a tensor of type `to` (PyTorch's canCast). */
export function canCast(from: DType, to: DType): boolean {
  return category(from) <= category(to);
}

/** The dtype PyTorch infers for a Python number. */
export function scalarDType(value: number | boolean, isFloat: boolean): DType {
  if (typeof value === 'boolean') return 'bool';
  return isFloat ? DEFAULT_FLOAT : 'int64';
}
