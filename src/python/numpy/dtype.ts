// numpy's dtypes as torchlet holds them, and numpy 1.24's type promotion rules.
// int64 lives in a Float64Array of integral values: exact up to 2**53, which is all a lesson needs,
// and it keeps every kernel on plain JS numbers.

export type DType = 'bool' | 'int8' | 'uint8' | 'int16' | 'int32' | 'int64' | 'float32' | 'float64';
export type Storage = Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint8Array;

/** numpy's kind characters: b(ool), i(nt), u(nsigned), f(loat). */
export type Kind = 'b' | 'i' | 'u' | 'f';

export const DTYPES: readonly DType[] = [
  'bool',
  'int8',
  'uint8',
  'int16',
  'int32',
  'int64',
  'float32',
  'float64',
];

export function kindOf(d: DType): Kind {
  if (d === 'bool') return 'b';
  if (d === 'uint8') return 'u';
  if (d === 'float32' || d === 'float64') return 'f';
  return 'i';
}

export function isFloat(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

export function isInteger(d: DType): boolean {
  const k = kindOf(d);
  return k === 'i' || k === 'u';
}

export function itemSize(d: DType): number {
  switch (d) {
    case 'bool':
    case 'int8':
    case 'uint8':
      return 1;
    case 'int16':
      return 2;
    case 'int32':
    case 'float32':
      return 4;
    default:
      return 8;
  }
}

export function allocate(d: DType, n: number): Storage {
  switch (d) {
    case 'float64':
    case 'int64':
      return new Float64Array(n);
    case 'float32':
      return new Float32Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'int16':
      return new Int16Array(n);
    case 'int8':
      return new Int8Array(n);
    default:
      return new Uint8Array(n);
  }
}

/** Converts a JS number to what a `d` element holds (numpy's unsafe cast: truncation, wrap-around). */
export function castValue(d: DType, x: number): number {
  switch (d) {
    case 'bool':
      return x !== 0 ? 1 : 0; // NaN is truthy in numpy, as in Python
    case 'float64':
      return x;
    case 'float32':
      return Math.fround(x);
    case 'int64':
      return Number.isFinite(x) ? Math.trunc(x) || 0 : -9223372036854775808;
    default: {
      // Typed arrays wrap on store; truncate first so that 2.7 → 2 like numpy.
      return Number.isFinite(x) ? Math.trunc(x) : 0;
    }
  }
}

/** A cast that is a no-op for the storage (typed arrays already wrap) except for int64 and bool. */
export function needsCast(from: DType, to: DType): boolean {
  if (from === to) return false;
  if (to === 'float64' || to === 'float32') return false;
  return true;
}

const SIGNED_INT_RANK: Partial<Record<DType, number>> = { int8: 1, int16: 2, int32: 3, int64: 4 };

/** numpy.promote_types over the dtypes torchlet has. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'bool') return b;
  if (b === 'bool') return a;
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'f' && kb === 'f') return a === 'float64' || b === 'float64' ? 'float64' : 'float32';
  if (ka === 'f' || kb === 'f') {
    const f = ka === 'f' ? a : b;
    const i = ka === 'f' ? b : a;
    if (f === 'float64') return 'float64';
    // float32 holds int8, uint8 and int16 exactly, not int32 or int64.
    return i === 'int32' || i === 'int64' ? 'float64' : 'float32';
  }
  // both integers
  if (a === 'uint8' || b === 'uint8') {
    const other = a === 'uint8' ? b : a;
    return other === 'int8' ? 'int16' : other;
  }
  return (SIGNED_INT_RANK[a] ?? 0) >= (SIGNED_INT_RANK[b] ?? 0) ? a : b;
}

const KIND_CATEGORY: Record<Kind, number> = { b: 0, i: 1, u: 1, f: 2 };

/** One operand of a ufunc: its dtype, whether it is a Python scalar or a 0-d array, its value. */
export interface Operand {
  dtype: DType;
  scalar: boolean;
  /** The scalar's value, for value-based casting. */
  value?: number;
}

const SIGNED_BY_SIZE: DType[] = ['int8', 'int16', 'int32', 'int64'];

/**
 * numpy's min_scalar_type for an integer value against an integer array type: the smallest type
 * holding it, where a non-negative value that also fits the same-size signed type counts as
 * signed next to signed arrays. torchlet has uint8 only, so wider unsigned types become the
 * next signed type, which is what promoting them with a signed array gives anyway.
 */
function minIntType(value: number, arrayType: DType): DType {
  if (value < 0) {
    if (value >= -128) return 'int8';
    if (value >= -32768) return 'int16';
    if (value >= -2147483648) return 'int32';
    return 'int64';
  }
  const signedArray = arrayType !== 'uint8' && arrayType !== 'bool';
  const bits = value < 256 ? 0 : value < 65536 ? 1 : value < 4294967296 ? 2 : 3;
  const signedLimit = [128, 32768, 2147483648, 2 ** 63][bits];
  if (bits === 0) return value < signedLimit && signedArray ? 'int8' : 'uint8';
  if (value < signedLimit && signedArray) return SIGNED_BY_SIZE[bits];
  return SIGNED_BY_SIZE[Math.min(bits + 1, 3)];
}

/**
 * numpy 1.24's result_type with value-based casting: scalars (Python numbers, 0-d arrays) take
 * part with their full type only when their category (bool < int < float) is above every
 * array's; otherwise only the smallest type holding their value counts.
 */
export function resultType(operands: Operand[]): DType {
  const arrays = operands.filter((o) => !o.scalar);
  const scalars = operands.filter((o) => o.scalar);
  if (arrays.length === 0 || scalars.length === 0) return operands.map((o) => o.dtype).reduce(promoteTypes);
  const arrayCat = Math.max(...arrays.map((o) => KIND_CATEGORY[kindOf(o.dtype)]));
  const scalarCat = Math.max(...scalars.map((o) => KIND_CATEGORY[kindOf(o.dtype)]));
  if (scalarCat > arrayCat) return operands.map((o) => o.dtype).reduce(promoteTypes);
  let result = arrays.map((o) => o.dtype).reduce(promoteTypes);
  for (const s of scalars) {
    if (s.value === undefined || !Number.isFinite(s.value)) continue;
    const kind = kindOf(s.dtype);
    if ((kind === 'i' || kind === 'u') && isInteger(result))
      result = promoteTypes(result, minIntType(s.value, result));
    else if (kind === 'f' && result === 'float32' && Math.abs(s.value) > 3.4028234663852886e38)
      result = 'float64';
  }
  return result;
}

const ALIASES: Record<string, DType> = {
  bool: 'bool',
  bool_: 'bool',
  '?': 'bool',
  b1: 'bool',
  int8: 'int8',
  i1: 'int8',
  uint8: 'uint8',
  u1: 'uint8',
  int16: 'int16',
  i2: 'int16',
  int32: 'int32',
  i4: 'int32',
  int64: 'int64',
  i8: 'int64',
  int: 'int64',
  int_: 'int64',
  long: 'int64',
  float32: 'float32',
  f4: 'float32',
  single: 'float32',
  float64: 'float64',
  f8: 'float64',
  float: 'float64',
  float_: 'float64',
  double: 'float64',
};

/** Parses a dtype name as numpy accepts it (`'float32'`, `'f8'`, `'int'`), or undefined. */
export function parseDType(name: string): DType | undefined {
  return ALIASES[name];
}
