// The Python types numpy.ndarray (operators, methods, properties) and the scalar classes its 0-d
// results become: numpy 1.24 prints its float64, int64 and bool_ scalars exactly as Python does,
// so those are Python floats/ints/bools (float64 of class numpy.float64); float32 scalars are a
// numpy.float32 object. One file, because each side needs the other as it is defined.
import {
  type BoundArgs,
  defineFunction,
  defineNativeType,
  floatType,
  makeIterator,
  type MaybePromise,
  NativeFunction,
  newTuple,
  None,
  NotImplemented,
  PyFloat,
  pyFloat,
  SubclassFloat,
  pyInt,
  PyNative,
  type PyTuple,
  PyType,
  type PyValue,
  pyError,
  toIndex,
  toNumber,
  typeName,
} from '../../objects.js';
import { formatNumber } from '../../format.js';
import { type DType, isFloat, isInteger } from '../../numpy/dtype.js';
import { NDArray, formatShape } from '../../numpy/ndarray.js';
import * as ops from '../../numpy/ops.js';
import { type Arg, type BinaryOp, type UnaryOp } from '../../numpy/ops.js';
import { arrayRepr, arrayStr, scalarRepr } from '../../numpy/format.js';
import { then as thenMP } from '../../maybe-promise.js';
import { argsort, ops_nonzero, squeeze } from './array-ops.js';
import {
  axisArg,
  indexItems,
  intTuple,
  isNDArray,
  isScalarIndex,
  keep,
  nestedToPython,
  operand,
  operandMP,
  shapeFromArgs,
  singleAxis,
  toNDArray,
} from './convert.js';
import { dtypeObject, itemBytes, parseDTypeArg, scalarTypes } from './dtype-type.js';
import { guard, ufuncTypeErrorType } from './errors.js';
import { printOptions } from './print-options.js';

export const ndarrayType: PyType = defineNativeType<NDArray>({
  name: 'ndarray',
  module: 'numpy',
  doc: 'An N-dimensional array of float64, float32, int64, int32 or bool values.',
});
ndarrayType.dict.set('__hash__', None);

/** numpy.float32 scalars (a 0-d array that prints like a number). */
export const float32ScalarType: PyType = defineNativeType<NDArray>({
  name: 'float32',
  module: 'numpy',
  base: ndarrayType,
});

/** The scalar classes `np.float64`, `np.int32` ... : usable as `dtype=` and callable. */
function scalarClass(name: string, dtype: DType, existing?: PyType): PyType {
  const t =
    existing ??
    defineNativeType<NDArray>({
      name,
      module: 'numpy',
      construct: defineFunction(name, 'x=0', (a) => guard(() => fromScalarCall(a.x, dtype))),
    });
  scalarTypes.set(t, dtype);
  return t;
}

function fromScalarCall(x: PyValue, dtype: DType): MaybePromise<PyValue> {
  return thenMP(toNDArray(x, dtype), (arr) => toPython(arr));
}

/** Wraps an engine array for Python; the same JS array gives the same Python object. */
export function wrapNDArray(a: NDArray): PyValue {
  return ndarrayType.wrap(a);
}

/** A numpy result for Python: arrays stay arrays, 0-d ones become scalars as numpy returns them. */
export function toPython(a: NDArray): PyValue {
  if (a.ndim > 0) return ndarrayType.wrap(a);
  return scalarToPython(a.dtype, a.getFlat(0), a);
}

function scalarToPython(dtype: DType, x: number, zeroD?: NDArray): PyValue {
  if (dtype === 'bool') return x !== 0;
  if (dtype === 'float64') return float64Scalar(x);
  if (dtype === 'float32') return new PyNative(float32ScalarType, zeroD ?? NDArray.scalar('float32', x));
  return pyInt(x);
}

// ---- operators ---------------------------------------------------------------------------------

function self(a: BoundArgs): NDArray {
  const s = a.self;
  if (!isNDArray(s))
    throw pyError(
      'TypeError',
      `descriptor requires a 'numpy.ndarray' object but received a '${typeName(s)}'`,
    );
  return s.value;
}

function binaryMethod(name: string, op: BinaryOp, reflected: boolean): NativeFunction {
  return defineFunction(name, 'self, other', (a) => {
    const x = self(a);
    const y = operand(a.other);
    if (y === undefined) return NotImplemented;
    return guard(() => toPython(reflected ? ops.binary(op, y, x) : ops.binary(op, x, y)));
  });
}

function inplaceMethod(name: string, op: BinaryOp): NativeFunction {
  return defineFunction(name, 'self, other', (a) => {
    const x = self(a);
    const y = operand(a.other);
    if (y === undefined) return NotImplemented;
    return guard(() => {
      const r = ops.binary(op, x, y);
      const rank = (d: DType) => (d === 'bool' ? 0 : isInteger(d) ? 1 : 2);
      if (rank(r.dtype) > rank(x.dtype)) {
        throw pyError(
          ufuncTypeErrorType,
          `Cannot cast ufunc '${op === 'true_divide' ? 'divide' : op}' output from dtype('${r.dtype}') to dtype('${x.dtype}') with casting rule 'same_kind'`,
        );
      }
      if (r.ndim !== x.ndim || r.shape.some((d, i) => d !== x.shape[i])) {
        throw pyError(
          'ValueError',
          `non-broadcastable output operand with shape ${formatShape(x.shape)} doesn't match the broadcast shape ${formatShape(r.shape)}`,
        );
      }
      x.set([{ kind: 'ellipsis' }], r);
      return a.self;
    });
  });
}

function unaryMethod(name: string, op: UnaryOp): NativeFunction {
  return defineFunction(name, 'self', (a) => guard(() => toPython(ops.unary(op, self(a)))));
}

const BINARY_DUNDERS: [string, BinaryOp][] = [
  ['add', 'add'],
  ['sub', 'subtract'],
  ['mul', 'multiply'],
  ['truediv', 'true_divide'],
  ['floordiv', 'floor_divide'],
  ['mod', 'remainder'],
  ['pow', 'power'],
  ['and', 'bitwise_and'],
  ['or', 'bitwise_or'],
  ['xor', 'bitwise_xor'],
];

const COMPARISONS: [string, BinaryOp][] = [
  ['__eq__', 'equal'],
  ['__ne__', 'not_equal'],
  ['__lt__', 'less'],
  ['__le__', 'less_equal'],
  ['__gt__', 'greater'],
  ['__ge__', 'greater_equal'],
];

export function matmulImpl(x: Arg, y: Arg): PyValue {
  return guard(() => toPython(ops.matmul(ops.asArray(x), ops.asArray(y))));
}

function reductionMethod(
  name: string,
  run: (arr: NDArray, a: BoundArgs) => NDArray,
  spec = 'self, axis=None, dtype=None, out=None, keepdims=False',
): NativeFunction {
  return defineFunction(name, spec, (a) => guard(() => toPython(run(self(a), a))));
}

/** a.max(axis=None, out=None, keepdims=False) and the reductions that share its signature. */
function axisReductionMethod(
  name: string,
  op: (x: NDArray, axis: number | number[] | null, keepdims: boolean) => NDArray,
): NativeFunction {
  return reductionMethod(
    name,
    (x, a) => op(x, axisArg(a.axis), keep(a)),
    'self, axis=None, out=None, keepdims=False',
  );
}

const arrayMethods: Record<string, NativeFunction | PyValue> = {
  __repr__: defineFunction('__repr__', 'self', (a) => {
    const x = self(a);
    if (x.ndim === 0 && a.self instanceof PyNative && a.self.cls === float32ScalarType)
      return scalarRepr(x.dtype, x.getFlat(0));
    return arrayRepr(x, printOptions());
  }),
  __str__: defineFunction('__str__', 'self', (a) => arrayStr(self(a), printOptions())),
  __format__: defineFunction('__format__', 'self, spec', (a) => {
    const x = self(a);
    const spec = String(a.spec);
    if (spec === '') return arrayStr(x, printOptions());
    if (x.ndim === 0) return formatNumber(x.getFlat(0), isFloat(x.dtype), spec);
    throw pyError('TypeError', 'unsupported format string passed to numpy.ndarray.__format__');
  }),
  __len__: defineFunction('__len__', 'self', (a) => {
    const x = self(a);
    if (x.ndim === 0) throw pyError('TypeError', 'len() of unsized object');
    return x.shape[0];
  }),
  __iter__: defineFunction('__iter__', 'self', (a) => {
    const x = self(a);
    if (x.ndim === 0) throw pyError('TypeError', 'iteration over a 0-d array');
    function* items(): Generator<PyValue> {
      for (let i = 0; i < x.shape[0]; i++) yield toPython(x.get([{ kind: 'int', index: i }]));
    }
    return makeIterator(items());
  }),
  __bool__: defineFunction('__bool__', 'self', (a) => {
    const x = self(a);
    if (x.size === 1) return x.getFlat(0) !== 0;
    if (x.size === 0) return false;
    throw pyError(
      'ValueError',
      'The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()',
    );
  }),
  __float__: defineFunction('__float__', 'self', (a) => {
    const x = self(a);
    if (x.size !== 1) throw pyError('TypeError', 'only size-1 arrays can be converted to Python scalars');
    return pyFloat(x.getFlat(0));
  }),
  __int__: defineFunction('__int__', 'self', (a) => {
    const x = self(a);
    if (x.size !== 1) throw pyError('TypeError', 'only size-1 arrays can be converted to Python scalars');
    const v = x.getFlat(0);
    if (!Number.isFinite(v))
      throw pyError(
        Number.isNaN(v) ? 'ValueError' : 'OverflowError',
        Number.isNaN(v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer',
      );
    return pyInt(Math.trunc(v));
  }),
  __index__: defineFunction('__index__', 'self', (a) => {
    const x = self(a);
    if (x.ndim !== 0 || !isInteger(x.dtype))
      throw pyError('TypeError', 'only integer scalar arrays can be converted to a scalar index');
    return pyInt(x.getFlat(0));
  }),
  __contains__: defineFunction('__contains__', 'self, value', (a) => {
    const y = operand(a.value);
    if (y === undefined) return false;
    return guard(() => ops.any(ops.binary('equal', self(a), y)).getFlat(0) !== 0);
  }),
  __getitem__: defineFunction('__getitem__', 'self, key', (a) => {
    const x = self(a);
    return thenMP(indexItems(a.key), (items) =>
      guard(() => {
        const r = x.get(items);
        return r.ndim === 0 && isScalarIndex(items) ? toPython(r) : ndarrayType.wrap(r);
      }),
    );
  }),
  __setitem__: defineFunction('__setitem__', 'self, key, value', (a) => {
    const x = self(a);
    return thenMP(indexItems(a.key), (items) =>
      thenMP(toNDArray(a.value), (v) => {
        guard(() => x.set(items, v));
        return None;
      }),
    );
  }),
  __neg__: unaryMethod('__neg__', 'negative'),
  __pos__: unaryMethod('__pos__', 'positive'),
  __abs__: unaryMethod('__abs__', 'absolute'),
  __invert__: unaryMethod('__invert__', 'invert'),
  __matmul__: defineFunction('__matmul__', 'self, other', (a) => {
    const y = operand(a.other);
    return y === undefined ? NotImplemented : matmulImpl(self(a), y);
  }),
  __rmatmul__: defineFunction('__rmatmul__', 'self, other', (a) => {
    const y = operand(a.other);
    return y === undefined ? NotImplemented : matmulImpl(y, self(a));
  }),
  __round__: defineFunction('__round__', 'self, ndigits=None', (a) =>
    guard(() => toPython(ops.around(self(a), a.ndigits === null ? 0 : toIndex(a.ndigits)))),
  ),
  __copy__: defineFunction('__copy__', 'self', (a) => ndarrayType.wrap(self(a).copy())),
  __array_priority__: pyFloat(0),

  reshape: defineFunction('reshape', 'self, *shape, order="C"', (a) =>
    guard(() => ndarrayType.wrap(self(a).reshape(shapeFromArgs((a.shape as PyTuple).items)))),
  ),
  transpose: defineFunction('transpose', 'self, *axes', (a) => {
    const items = (a.axes as PyTuple).items;
    const axes =
      items.length === 0 || (items.length === 1 && items[0] === null) ? undefined : shapeFromArgs(items);
    return guard(() => ndarrayType.wrap(self(a).transpose(axes)));
  }),
  flatten: defineFunction('flatten', 'self, order="C"', (a) =>
    ndarrayType.wrap(
      self(a)
        .copy()
        .reshape([self(a).size]),
    ),
  ),
  ravel: defineFunction('ravel', 'self, order="C"', (a) => ndarrayType.wrap(self(a).reshape([self(a).size]))),
  squeeze: defineFunction('squeeze', 'self, axis=None', (a) =>
    guard(() => ndarrayType.wrap(squeeze(self(a), axisArg(a.axis)))),
  ),
  copy: defineFunction('copy', 'self, order="C"', (a) => ndarrayType.wrap(self(a).copy())),
  astype: defineFunction('astype', 'self, dtype, order="K", casting="unsafe", subok=True, copy=True', (a) => {
    const d = parseDTypeArg(a.dtype) ?? 'float64';
    return ndarrayType.wrap(self(a).astype(d));
  }),
  tolist: defineFunction('tolist', 'self', (a) => {
    const x = self(a);
    return nestedToPython(x.toNested(), x.dtype);
  }),
  item: defineFunction('item', 'self, *args', (a) => {
    const x = self(a);
    const args = (a.args as PyTuple).items;
    let v: number;
    if (args.length === 0) v = guard(() => x.item());
    else if (args.length === 1) {
      const i = toIndex(args[0]);
      if (i < -x.size || i >= x.size)
        throw pyError('IndexError', `index ${i} is out of bounds for size ${x.size}`);
      v = x.getFlat(i < 0 ? i + x.size : i);
    } else v = guard(() => x.get(args.map((k) => ({ kind: 'int', index: toIndex(k) }))).item());
    if (x.dtype === 'bool') return v !== 0;
    return isFloat(x.dtype) ? pyFloat(v) : pyInt(v);
  }),
  fill: defineFunction('fill', 'self, value', (a) => {
    const x = self(a);
    x.set([{ kind: 'ellipsis' }], NDArray.scalar('float64', toNumber(a.value)));
    return None;
  }),
  sum: reductionMethod('sum', (x, a) => ops.sum(x, axisArg(a.axis), keep(a), parseDTypeArg(a.dtype))),
  prod: reductionMethod('prod', (x, a) => ops.prod(x, axisArg(a.axis), keep(a))),
  mean: reductionMethod('mean', (x, a) => ops.mean(x, axisArg(a.axis), keep(a))),
  std: reductionMethod(
    'std',
    (x, a) => ops.std(x, axisArg(a.axis), toNumber(a.ddof), keep(a)),
    'self, axis=None, dtype=None, out=None, ddof=0, keepdims=False',
  ),
  var: reductionMethod(
    'var',
    (x, a) => ops.variance(x, axisArg(a.axis), toNumber(a.ddof), keep(a)),
    'self, axis=None, dtype=None, out=None, ddof=0, keepdims=False',
  ),
  max: axisReductionMethod('max', ops.max),
  min: axisReductionMethod('min', ops.min),
  any: axisReductionMethod('any', ops.any),
  all: axisReductionMethod('all', ops.all),
  argmax: reductionMethod('argmax', (x, a) => ops.argmax(x, singleAxis(a.axis)), 'self, axis=None, out=None'),
  argmin: reductionMethod('argmin', (x, a) => ops.argmin(x, singleAxis(a.axis)), 'self, axis=None, out=None'),
  cumsum: reductionMethod(
    'cumsum',
    (x, a) => ops.cumsum(x, singleAxis(a.axis)),
    'self, axis=None, dtype=None, out=None',
  ),
  cumprod: reductionMethod(
    'cumprod',
    (x, a) => ops.cumprod(x, singleAxis(a.axis)),
    'self, axis=None, dtype=None, out=None',
  ),
  dot: defineFunction('dot', 'self, b', (a) =>
    thenMP(operandMP(a.b), (y) => guard(() => toPython(ops.dot(self(a), y)))),
  ),
  clip: defineFunction('clip', 'self, min=None, max=None', (a) =>
    guard(() =>
      toPython(
        ops.clip(
          self(a),
          a.min === null ? null : (operand(a.min) ?? null),
          a.max === null ? null : (operand(a.max) ?? null),
        ),
      ),
    ),
  ),
  round: defineFunction('round', 'self, decimals=0', (a) =>
    guard(() => toPython(ops.around(self(a), toIndex(a.decimals)))),
  ),
  nonzero: defineFunction('nonzero', 'self', (a) =>
    newTuple(guard(() => ops_nonzero(self(a))).map((x) => ndarrayType.wrap(x))),
  ),
  sort: defineFunction('sort', 'self, axis=-1', (a) => {
    const x = self(a);
    guard(() => x.set([{ kind: 'ellipsis' }], ops.sort(x, singleAxis(a.axis))));
    return None;
  }),
  argsort: defineFunction('argsort', 'self, axis=-1', (a) =>
    guard(() => ndarrayType.wrap(argsort(self(a), singleAxis(a.axis)))),
  ),
};

for (const [short, op] of BINARY_DUNDERS) {
  arrayMethods[`__${short}__`] = binaryMethod(`__${short}__`, op, false);
  arrayMethods[`__r${short}__`] = binaryMethod(`__r${short}__`, op, true);
  arrayMethods[`__i${short}__`] = inplaceMethod(`__i${short}__`, op);
}
for (const [name, op] of COMPARISONS) arrayMethods[name] = binaryMethod(name, op, false);

ndarrayType.define(arrayMethods, {
  shape: {
    get: (s: PyNative<NDArray>) => intTuple(s.value.shape),
    set: (s: PyNative<NDArray>, v: PyValue) => {
      throw pyError(
        'AttributeError',
        `cannot set the shape of an array in place here (${typeName(v)}); use reshape ${s.value.size}`,
      );
    },
  },
  dtype: { get: (s: PyNative<NDArray>) => dtypeObject(s.value.dtype) },
  ndim: { get: (s: PyNative<NDArray>) => s.value.ndim },
  size: { get: (s: PyNative<NDArray>) => s.value.size },
  itemsize: { get: (s: PyNative<NDArray>) => itemBytes(s.value.dtype) },
  nbytes: { get: (s: PyNative<NDArray>) => itemBytes(s.value.dtype) * s.value.size },
  T: { get: (s: PyNative<NDArray>) => ndarrayType.wrap(s.value.transpose()) },
  real: { get: (s: PyNative<NDArray>) => s },
  strides: {
    get: (s: PyNative<NDArray>) => intTuple(s.value.strides.map((x) => x * itemBytes(s.value.dtype))),
  },
});

float32ScalarType.define({
  __str__: defineFunction('__str__', 'self', (a) => scalarRepr('float32', self(a).getFlat(0))),
  __hash__: defineFunction('__hash__', 'self', (a) => Math.trunc(self(a).getFlat(0))),
});

// ---- scalar classes --------------------------------------------------------------------------

/** numpy.float64: a subclass of Python's float (as in numpy), so it computes and prints as one. */
export const float64Class = scalarClass(
  'float64',
  'float64',
  new PyType('float64', {
    module: 'numpy',
    bases: [floatType],
    native: true,
    construct: defineFunction('float64', 'x=0', (a) => guard(() => fromScalarCall(a.x, 'float64'))),
  }),
);

/** A numpy.float64 scalar: a Python float whose class is numpy.float64. */
export function float64Scalar(x: number): PyFloat {
  return new SubclassFloat(x, float64Class);
}

const scalarValue = (a: BoundArgs) => (a.self as PyFloat).v;
float64Class.define(
  {
    item: defineFunction('item', 'self', (a) => pyFloat(scalarValue(a))),
    tolist: defineFunction('tolist', 'self', (a) => pyFloat(scalarValue(a))),
    round: defineFunction('round', 'self, decimals=0', (a) =>
      float64Scalar(ops.around(NDArray.scalar('float64', scalarValue(a)), toIndex(a.decimals)).getFlat(0)),
    ),
    astype: defineFunction('astype', 'self, dtype', (a) =>
      toPython(NDArray.scalar(parseDTypeArg(a.dtype) ?? 'float64', scalarValue(a))),
    ),
    sum: defineFunction('sum', 'self, axis=None', (a) => float64Scalar(scalarValue(a))),
    reshape: defineFunction('reshape', 'self, *shape', (a) =>
      guard(() =>
        ndarrayType.wrap(
          NDArray.scalar('float64', scalarValue(a)).reshape(shapeFromArgs((a.shape as PyTuple).items)),
        ),
      ),
    ),
  },
  {
    dtype: { get: () => dtypeObject('float64') },
    shape: { get: () => newTuple([]) },
    ndim: { get: () => 0 },
    size: { get: () => 1 },
    itemsize: { get: () => 8 },
  },
);
export const float32Class = scalarClass('float32', 'float32', float32ScalarType);
float32ScalarType.construct = defineFunction('float32', 'x=0', (a) =>
  guard(() => fromScalarCall(a.x, 'float32')),
);
export const scalarClasses: Record<string, PyType> = {
  float64: float64Class,
  float32: float32Class,
  int64: scalarClass('int64', 'int64'),
  int32: scalarClass('int32', 'int32'),
  int16: scalarClass('int16', 'int16'),
  int8: scalarClass('int8', 'int8'),
  uint8: scalarClass('uint8', 'uint8'),
  bool_: scalarClass('bool_', 'bool'),
};
