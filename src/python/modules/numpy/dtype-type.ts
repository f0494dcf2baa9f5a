// numpy.dtype objects, `dtype=` arguments, and the item size of each dtype.
import {
  boolType,
  defineFunction,
  defineNativeType,
  floatType,
  intType,
  PyNative,
  PyType,
  type PyValue,
  pyError,
  typeName,
} from '../../objects.js';
import { type DType, isFloat, parseDType } from '../../numpy/dtype.js';

export const dtypeType: PyType = defineNativeType<DType>({ name: 'dtype', module: 'numpy' });
const dtypeObjects = new Map<DType, PyNative<DType>>();
export function dtypeObject(d: DType): PyNative<DType> {
  let o = dtypeObjects.get(d);
  if (!o) {
    o = new PyNative(dtypeType, d);
    dtypeObjects.set(d, o);
  }
  return o;
}

/** The scalar classes `np.float64`, `np.int32` ... with their dtype (filled by scalarClass in ndarray-type.ts). */
export const scalarTypes = new Map<PyType, DType>();

/** `dtype=` arguments: None, names, np.float32, float/int/bool, dtype objects. */
export function parseDTypeArg(v: PyValue): DType | undefined {
  if (v === null) return undefined;
  if (typeof v === 'string') {
    const d = parseDType(v);
    if (!d) throw pyError('TypeError', `data type '${v}' not understood`);
    return d;
  }
  if (v instanceof PyNative && v.cls === dtypeType) return v.value as DType;
  if (v instanceof PyType) {
    if (v === floatType) return 'float64';
    if (v === intType) return 'int64';
    if (v === boolType) return 'bool';
    const d = scalarTypes.get(v);
    if (d) return d;
  }
  throw pyError('TypeError', `Cannot interpret '${typeof v === 'string' ? v : typeName(v)}' as a data type`);
}

/** Bytes per element, as numpy reports them in itemsize, nbytes and strides. */
export function itemBytes(d: DType): number {
  return d === 'bool' || d === 'int8' || d === 'uint8'
    ? 1
    : d === 'int16'
      ? 2
      : d === 'int32' || d === 'float32'
        ? 4
        : 8;
}

dtypeType.define(
  {
    __repr__: defineFunction(
      '__repr__',
      'self',
      (a) => `dtype('${String((a.self as PyNative<DType>).value)}')`,
    ),
    __str__: defineFunction('__str__', 'self', (a) => String((a.self as PyNative<DType>).value)),
    __eq__: defineFunction('__eq__', 'self, other', (a) => {
      try {
        return parseDTypeArg(a.other) === (a.self as PyNative<DType>).value;
      } catch {
        return false;
      }
    }),
    __ne__: defineFunction('__ne__', 'self, other', (a) => {
      try {
        return parseDTypeArg(a.other) !== (a.self as PyNative<DType>).value;
      } catch {
        return true;
      }
    }),
    __hash__: defineFunction('__hash__', 'self', (a) => String((a.self as PyNative<DType>).value).length),
  },
  {
    name: { get: (s: PyNative<DType>) => s.value },
    kind: {
      get: (s: PyNative<DType>) =>
        s.value === 'bool' ? 'b' : s.value === 'uint8' ? 'u' : isFloat(s.value) ? 'f' : 'i',
    },
    itemsize: { get: (s: PyNative<DType>) => itemBytes(s.value) },
  },
);
