// `import torch`: the Python face of the tensor core (src/core). Tensors are PyNative<Tensor>;
// core errors carry their Python exception type (TorchError.pyType), which the interpreter raises.
import * as core from '../../core/index.js';
import { type DType, type Operand, Tensor, TorchError } from '../../core/index.js';
import {
  boolType,
  type BoundArgs,
  callPython,
  defineFunction,
  defineNativeType,
  Ellipsis,
  floatType,
  intType,
  isPromise,
  type MaybePromise,
  makeIterator,
  NativeFunction,
  newList,
  newModule,
  newTuple,
  None,
  NotImplemented,
  PyFloat,
  pyFloat,
  pyInt,
  PyList,
  PyModule,
  PyNative,
  PySlice,
  PyTuple,
  PyType,
  type PyValue,
  pyError,
  registerModule,
  type SessionContext,
  toIndex,
  toNumber,
  typeName,
  repr as pyRepr,
  toArray as iterToArray,
} from '../objects.js';
import { format as pyFormat, PyRange, toArrayMP } from '../runtime.js';
import { isNDArray, NDArray, wrapNDArray, type DType as NumpyDType } from './numpy.js';

// ---- small helpers ------------------------------------------------------------------------------

const then = <T, U>(v: MaybePromise<T>, f: (x: T) => MaybePromise<U>): MaybePromise<U> => (isPromise<T>(v) ? v.then(f) : f(v));

/** Runs a core call, turning core errors into Python exceptions of the same type and text. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toPyError(e);
  }
}
function toPyError(e: unknown): unknown {
  if (e instanceof TorchError) return pyError(e.pyType, e.message);
  return e;
}

/** Values of a tensor: synchronously on cpu/wasm, awaiting the GPU on webgl/webgpu. */
function readValues(t: Tensor): MaybePromise<ArrayLike<number>> {
  const backend = guard(() => core.backendFor(t.device));
  if (backend === 'webgl' || backend === 'webgpu') return t.read();
  return guard(() => t.readSync());
}

// ---- dtypes, devices, Size ------------------------------------------------------------------------

export const dtypeType: PyType = defineNativeType<DType>({
  name: 'dtype',
  module: 'torch',
  methods: {
    __repr__: defineFunction('__repr__', 'self', (a) => `torch.${dtypeOf(a.self)}`),
    __hash__: defineFunction('__hash__', 'self', (a) => core.DTYPES.indexOf(dtypeOf(a.self))),
  },
  properties: {
    is_floating_point: { get: (self) => core.isFloating(self.value) },
    is_signed: { get: (self) => self.value !== 'bool' },
    itemsize: { get: (self) => ({ bool: 1, int32: 4, int64: 8, float16: 2, float32: 4, float64: 8 })[self.value] },
  },
});
const dtypeObjects = new Map<DType, PyNative<DType>>(core.DTYPES.map((d) => [d, dtypeType.wrap(d) as PyNative<DType>]));
const dtypeValue = (d: DType): PyValue => dtypeObjects.get(d)!;
function dtypeOf(v: PyValue): DType {
  return (v as PyNative<DType>).value;
}

/** `dtype=` arguments: torch dtypes, Python's float/int/bool, numpy dtype names. */
function parseDType(v: PyValue): DType | null {
  if (v === null) return null;
  if (v instanceof PyNative && v.cls === dtypeType) return v.value as DType;
  if (v === floatType) return 'float64';
  if (v === intType) return 'int64';
  if (v === boolType) return 'bool';
  throw pyError('TypeError', `dtype must be torch.dtype, not ${typeName(v)}`);
}

interface DeviceValue {
  type: core.DeviceType;
  index: number | null;
}
export const deviceType: PyType = defineNativeType<DeviceValue>({
  name: 'device',
  module: 'torch',
  construct: defineFunction('device', 'type, index=None', (a) => {
    if (a.type instanceof PyNative && a.type.cls === deviceType) return a.type;
    const spec = String(a.type);
    const parsed = guard(() => core.parseDevice(spec));
    const index = a.index !== null ? toIndex(a.index) : spec.includes(':') ? Number(spec.split(':')[1]) : null;
    return deviceType.wrap({ type: parsed, index });
  }),
  methods: {
    __repr__: defineFunction('__repr__', 'self', (a) => {
      const d = deviceOf(a.self);
      return d.index == null ? `device(type='${d.type}')` : `device(type='${d.type}', index=${d.index})`;
    }),
    __str__: defineFunction('__str__', 'self', (a) => {
      const d = deviceOf(a.self);
      return d.index == null ? d.type : `${d.type}:${d.index}`;
    }),
    __eq__: defineFunction('__eq__', 'self, other', (a) => {
      const d = deviceOf(a.self);
      if (a.other instanceof PyNative && a.other.cls === deviceType) {
        const o = deviceOf(a.other);
        return o.type === d.type && (o.index ?? 0) === (d.index ?? 0);
      }
      return false;
    }),
    __hash__: defineFunction('__hash__', 'self', (a) => (deviceOf(a.self).type === 'cpu' ? 0 : 1)),
  },
  properties: {
    type: { get: (self) => self.value.type },
    index: { get: (self) => self.value.index },
  },
});
function deviceOf(v: PyValue): DeviceValue {
  return (v as PyNative<DeviceValue>).value;
}
const cpuDevice = { type: 'cpu', index: null } as DeviceValue;
const cudaDevice = { type: 'cuda', index: 0 } as DeviceValue;
const deviceValue = (d: core.DeviceType): PyValue => deviceType.wrap(d === 'cpu' ? cpuDevice : cudaDevice);

function parseDevice(v: PyValue): core.DeviceType | null {
  if (v === null) return null;
  if (v instanceof PyNative && v.cls === deviceType) return deviceOf(v).type;
  if (typeof v === 'string') return guard(() => core.parseDevice(v));
  if (typeof v === 'number') return 'cuda';
  throw pyError('TypeError', `to() received an invalid combination of arguments - got (${typeName(v)})`);
}

/** torch.Size: prints as torch.Size([2, 3]), behaves as a tuple of ints. */
export const sizeType: PyType = defineNativeType<number[]>({
  name: 'Size',
  module: 'torch',
  construct: defineFunction('Size', 'sizes=None', async (a) => sizeValue(a.sizes === null ? [] : (await toArray(a.sizes)).map((v) => toIndex(v)))),
  methods: {
    __repr__: defineFunction('__repr__', 'self', (a) => core.sizeString(sizeOf(a.self))),
    __len__: defineFunction('__len__', 'self', (a) => sizeOf(a.self).length),
    __iter__: defineFunction('__iter__', 'self', (a) => makeIterator(sizeOf(a.self))),
    __getitem__: defineFunction('__getitem__', 'self, key', (a) => {
      const s = sizeOf(a.self);
      if (a.key instanceof PySlice) {
        const [start, stop, step] = sliceBounds(a.key, s.length);
        const out: number[] = [];
        for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(s[i]);
        return sizeValue(out);
      }
      let i = toIndex(a.key);
      if (i < 0) i += s.length;
      if (i < 0 || i >= s.length) throw pyError('IndexError', 'tuple index out of range');
      return s[i];
    }),
    __eq__: defineFunction('__eq__', 'self, other', (a) => {
      const s = sizeOf(a.self);
      const o: PyValue[] | null = a.other instanceof PyNative && a.other.cls === sizeType ? sizeOf(a.other) : a.other instanceof PyTuple ? a.other.items : null;
      if (!o) return false;
      return o.length === s.length && o.every((v, i) => v === s[i]);
    }),
    __ne__: defineFunction('__ne__', 'self, other', (a) => {
      const s = sizeOf(a.self);
      const o: PyValue[] | null = a.other instanceof PyNative && a.other.cls === sizeType ? sizeOf(a.other) : a.other instanceof PyTuple ? a.other.items : null;
      return !(o && o.length === s.length && o.every((v, i) => v === s[i]));
    }),
    __hash__: defineFunction('__hash__', 'self', (a) => sizeOf(a.self).reduce((h, d) => (h * 31 + d) | 0, 7)),
    __add__: defineFunction('__add__', 'self, other', (a) => {
      const o: number[] | null = a.other instanceof PyNative && a.other.cls === sizeType ? sizeOf(a.other) : a.other instanceof PyTuple ? a.other.items.map((v) => toIndex(v)) : null;
      if (!o) return NotImplemented;
      return sizeValue([...sizeOf(a.self), ...o]);
    }),
    __contains__: defineFunction('__contains__', 'self, item', (a) => sizeOf(a.self).includes(toNumber(a.item))),
    numel: defineFunction('numel', 'self', (a) => sizeOf(a.self).reduce((p, q) => p * q, 1)),
    count: defineFunction('count', 'self, value', (a) => sizeOf(a.self).filter((d) => d === toNumber(a.value)).length),
    index: defineFunction('index', 'self, value', (a) => {
      const i = sizeOf(a.self).indexOf(toNumber(a.value));
      if (i < 0) throw pyError('ValueError', 'tuple.index(x): x not in tuple');
      return i;
    }),
  },
});
function sizeOf(v: PyValue): number[] {
  return (v as PyNative<number[]>).value;
}
function sizeValue(shape: number[]): PyValue {
  return new PyNative(sizeType, shape.slice());
}

function sliceBounds(s: PySlice, length: number): [number, number, number] {
  const step = s.step === null ? 1 : toIndex(s.step);
  if (step === 0) throw pyError('ValueError', 'slice step cannot be zero');
  const conv = (v: PyValue, dflt: number, lo: number, hi: number) => {
    if (v === null) return dflt;
    let i = toIndex(v);
    if (i < 0) i += length;
    return Math.min(Math.max(i, lo), hi);
  };
  if (step > 0) return [conv(s.start, 0, 0, length), conv(s.stop, length, 0, length), step];
  return [conv(s.start, length - 1, -1, length - 1), conv(s.stop, -1, -1, length - 1), step];
}

async function toArray(v: PyValue): Promise<PyValue[]> {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.slice();
  if (v instanceof PyNative && v.cls === sizeType) return sizeOf(v).slice();
  return iterToArray(v);
}

// ---- grad_fn objects, return types -----------------------------------------------------------

const nodeTypes = new Map<string, PyType>();
function gradFnValue(node: core.GradNode | null): PyValue {
  if (!node) return None;
  let t = nodeTypes.get(node.name);
  if (!t) {
    t = defineNativeType<core.GradNode>({
      name: node.name,
      methods: {
        name: defineFunction('name', 'self', (a) => (a.self as PyNative<core.GradNode>).value.name),
      },
      properties: {
        next_functions: {
          get: (self) =>
            newTuple(self.value.inputs.map((i) => newTuple([i.gradFn ? gradFnValue(i.gradFn) : i.requiresGrad ? accumulateValue(i) : None, 0]))),
        },
      },
    });
    nodeTypes.set(node.name, t);
  }
  return t.wrap(node);
}
const accumulateGradType = defineNativeType<Tensor>({
  name: 'AccumulateGrad',
  properties: { variable: { get: (self) => wrap(self.value) } },
});
const accumulateValue = (t: Tensor): PyValue => accumulateGradType.wrap(t);

/** torch.return_types.max(values=..., indices=...) and friends. */
const returnTypes = new Map<string, PyType>();
function namedPair(kind: string, values: Tensor, indices: Tensor): PyValue {
  let t = returnTypes.get(kind);
  if (!t) {
    const items = (self: PyValue) => (self as PyNative<PyValue[]>).value;
    t = defineNativeType<PyValue[]>({
      name: kind,
      module: 'torch.return_types',
      methods: {
        __repr__: defineFunction('__repr__', 'self', (a) => {
          const [v, i] = items(a.self);
          return then(pyRepr(v), (vs) => then(pyRepr(i), (is) => `torch.return_types.${kind}(\nvalues=${vs},\nindices=${is})`));
        }),
        __iter__: defineFunction('__iter__', 'self', (a) => makeIterator(items(a.self))),
        __len__: defineFunction('__len__', 'self', () => 2),
        __getitem__: defineFunction('__getitem__', 'self, key', (a) => {
          let k = toIndex(a.key);
          if (k < 0) k += 2;
          if (k < 0 || k > 1) throw pyError('IndexError', 'tuple index out of range');
          return items(a.self)[k];
        }),
      },
      properties: {
        values: { get: (self) => self.value[0] },
        indices: { get: (self) => self.value[1] },
      },
    });
    returnTypes.set(kind, t);
  }
  return new PyNative(t, [wrap(values), wrap(indices)]);
}

// ---- Tensor ------------------------------------------------------------------------------------

function tensorOf(v: PyValue): Tensor {
  return (v as PyNative<Tensor>).value;
}
export function isTensor(v: PyValue): v is PyNative<Tensor> {
  return v instanceof PyNative && v.value instanceof Tensor;
}
/** The Python object for a core tensor (the same object each time for the same tensor). */
export function wrap(t: Tensor): PyValue {
  return tensorType.wrap(t);
}

/** A Python number or tensor as a core operand; undefined for anything else. */
function operand(v: PyValue): Operand | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v;
  if (v instanceof PyFloat) return core.pyFloat(v.v);
  if (isTensor(v)) return v.value;
  // As in PyTorch, an ndarray operand is taken as a tensor (Tensor wins over ndarray in `a * t`).
  if (isNDArray(v)) return ndarrayToTensor(v.value, false);
  return undefined;
}
function requireOperand(v: PyValue, what = 'other'): Operand {
  const o = operand(v);
  if (o === undefined) {
    if (isNDArray(v)) return ndarrayToTensor(v.value, false);
    if (v instanceof PyList || v instanceof PyTuple) return toTensorSync(v);
    throw pyError('TypeError', `${what} must be Tensor or a number, not ${typeName(v)}`);
  }
  return o;
}
function requireTensor(v: PyValue, name = 'input'): Tensor {
  if (isTensor(v)) return v.value;
  if (isNDArray(v)) return ndarrayToTensor(v.value, false);
  throw pyError('TypeError', `${name} must be Tensor, not ${typeName(v)}`);
}
function scalarOf(v: PyValue): core.Scalar {
  const o = operand(v);
  if (o === undefined || o instanceof Tensor) {
    if (o instanceof Tensor && o.numel === 1) return toPyScalar(o) as core.Scalar;
    throw pyError('TypeError', `expected a number, got ${typeName(v)}`);
  }
  return o;
}
function toPyScalar(t: Tensor): number | boolean | core.PyFloat {
  const v = guard(() => core.item(t));
  if (typeof v === 'boolean') return v;
  return core.isFloating(t.dtype) ? core.pyFloat(v) : v;
}

/** A core item as a Python value (float tensors give floats, ints ints, bools bools). */
function itemValue(t: Tensor, v: number | boolean): PyValue {
  if (typeof v === 'boolean') return v;
  if (core.isFloating(t.dtype)) return pyFloat(v);
  return pyInt(Math.trunc(v));
}

/** Nested Python data → core nested data (numbers, bools, PyFloat, tensors). */
function nestedData(v: PyValue): core.NestedData {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map(nestedData);
  if (v instanceof PyNative && v.cls === sizeType) return sizeOf(v);
  if (isNDArray(v)) return ndarrayToTensor(v.value, false);
  // A range is materialised synchronously (MemoryError past the sequence limit).
  if (v instanceof PyRange) return (toArrayMP(v) as PyValue[]).map(nestedData);
  const o = operand(v);
  if (o === undefined) throw pyError('TypeError', `new(): invalid data type '${typeName(v)}'`);
  return o;
}
function toTensorSync(v: PyValue, options: core.CreateOptions = {}): Tensor {
  return guard(() => core.tensor(nestedData(v), options));
}

const numpyToTorch: Partial<Record<NumpyDType, DType>> = {
  float64: 'float64',
  float32: 'float32',
  int64: 'int64',
  int32: 'int32',
  int16: 'int32',
  int8: 'int32',
  uint8: 'int32',
  bool: 'bool',
};
function ndarrayToTensor(a: NDArray, share: boolean): Tensor {
  const dtype = numpyToTorch[a.dtype] ?? 'float64';
  const device = core.getDefaultDevice();
  if (share && a.dtype === 'float64' && a.isContiguous() && a.offset === 0 && a.data.length === a.size) {
    return guard(() => Tensor.sharing(a.data as Float64Array, a.shape.slice(), 'cpu'));
  }
  return guard(() => core.fromValues(a.values(), a.shape.slice(), dtype, share ? 'cpu' : device));
}
const torchToNumpy: Record<DType, NumpyDType> = {
  float64: 'float64',
  float32: 'float32',
  float16: 'float32',
  int64: 'int64',
  int32: 'int32',
  bool: 'bool',
};

function sizesFrom(args: PyValue[]): number[] {
  if (args.length === 1) {
    const a0 = args[0];
    if (a0 instanceof PyList || a0 instanceof PyTuple) return a0.items.map((v) => toIndex(v));
    if (a0 instanceof PyNative && a0.cls === sizeType) return sizeOf(a0).slice();
  }
  return args.map((v) => {
    if (v instanceof PyFloat) {
      throw pyError('TypeError', `'float' object cannot be interpreted as an integer`);
    }
    return toIndex(v);
  });
}
function dimsArg(v: PyValue): number | number[] | null {
  if (v === null) return null;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map((x) => toIndex(x));
  return toIndex(v);
}

/** Index expression → core index items. */
function indexItems(key: PyValue): core.IndexItem[] {
  const items = key instanceof PyTuple ? key.items : [key];
  return items.map((it): core.IndexItem => {
    if (it === null) return null;
    if (it === Ellipsis) return 'ellipsis';
    if (typeof it === 'boolean') return core.tensor(it);
    if (typeof it === 'number' || typeof it === 'bigint') return Number(it);
    if (it instanceof PySlice) {
      const conv = (x: PyValue) => (x === null ? null : isTensor(x) ? Number(core.item(x.value)) : toIndex(x, 'slice indices must be integers or None or have an __index__ method'));
      return { start: conv(it.start), stop: conv(it.stop), step: conv(it.step) };
    }
    if (isTensor(it)) return it.value;
    if (it instanceof PyList || it instanceof PyTuple) return toTensorSync(it);
    if (isNDArray(it)) return ndarrayToTensor(it.value, false);
    if (it instanceof PyFloat) return it.v;
    throw pyError(
      'IndexError',
      'only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got ' + typeName(it) + ')',
    );
  });
}

/** repr(tensor), awaiting GPU data when needed. */
function tensorRepr(t: Tensor): MaybePromise<string> {
  const info = core.reprInfo(t);
  return then(readValues(t), (values) => core.formatTensor(info, values));
}

function tolistValue(t: Tensor, values: ArrayLike<number>): PyValue {
  const nested = core.toList(t, values);
  const conv = (x: core.Nested): PyValue => (Array.isArray(x) ? newList(x.map(conv)) : itemValue(t, x));
  return conv(nested);
}

type Impl = (a: BoundArgs) => MaybePromise<PyValue | undefined>;
/** A method whose body may throw core errors. */
function method(name: string, spec: string, impl: Impl): NativeFunction {
  return defineFunction(name, spec, (a) => {
    // results of a tensor's methods belong to the session that owns the tensor
    const self = a.self;
    if (self instanceof PyNative && self.value instanceof Tensor && self.value.scope) core.setTensorScope(self.value.scope);
    try {
      const r = impl(a);
      return isPromise<PyValue | undefined>(r) ? r.catch((e: unknown) => Promise.reject(toPyError(e))) : r;
    } catch (e) {
      throw toPyError(e);
    }
  });
}

const T = (a: BoundArgs) => tensorOf(a.self);
const W = (t: Tensor) => wrap(t);

function binaryMethod(name: string, fn: (self: Tensor, other: Operand) => Tensor): NativeFunction {
  return method(name, 'self, other', (a) => {
    const o = operand(a.other);
    if (o === undefined) return NotImplemented;
    return W(fn(T(a), o));
  });
}

function inplaceMethod(name: string, fn: (src: Tensor, other: Operand) => Tensor): NativeFunction {
  return method(name, 'self, other', (a) => {
    const o = operand(a.other);
    if (o === undefined) return NotImplemented;
    core.inplace(T(a), (src) => fn(src, o));
    return a.self;
  });
}

function toDTypeMethod(name: string, dtype: DType): NativeFunction {
  return method(name, 'self, memory_format=None', (a) => W(core.toDType(T(a), dtype)));
}

function unaryMethod(name: string, fn: (t: Tensor) => Tensor): NativeFunction {
  return method(name, 'self', (a) => W(fn(T(a))));
}
function unaryInplace(name: string, fn: (t: Tensor) => Tensor): NativeFunction {
  return method(name, 'self', (a) => {
    core.inplace(T(a), fn);
    return a.self;
  });
}

/** sum/mean-like reductions: (dim=None, keepdim=False, *, dtype=None). */
/** numpy-style `axis=` / `keepdims=` are accepted for `dim=` / `keepdim=`, as PyTorch does. */
const dimOf = (a: BoundArgs): PyValue => (a.dim !== null ? a.dim : (a.axis ?? null));
const keepOf = (a: BoundArgs): boolean => a.keepdim === true || a.keepdims === true;

function reductionMethod(name: string, fn: (t: Tensor, dims: core.Dims, keepdim: boolean, dtype: DType | null) => Tensor): NativeFunction {
  return method(name, 'self, dim=None, keepdim=False, *, dtype=None, axis=None, keepdims=False', (a) => W(fn(T(a), dimsArg(dimOf(a)), keepOf(a), parseDType(a.dtype))));
}

function extremumMethod(kind: 'max' | 'min'): NativeFunction {
  return method(kind, 'self, dim=None, keepdim=False, *, axis=None, keepdims=False', (a) => {
    const t = T(a);
    const dim = dimOf(a);
    if (dim === null) return W(core.extremum(t, kind));
    if (isTensor(dim)) return W(kind === 'max' ? core.maximum(t, dim.value) : core.minimum(t, dim.value));
    const [values, indices] = core.extremumDim(t, kind, toIndex(dim), keepOf(a));
    return namedPair(kind, values, indices);
  });
}

function varianceMethod(name: string, takeSqrt: boolean): NativeFunction {
  return method(name, 'self, dim=None, unbiased=None, keepdim=False, *, correction=None', (a) => {
    let dim = a.dim;
    let unbiased = a.unbiased;
    if (typeof dim === 'boolean') {
      unbiased = dim;
      dim = null;
    }
    const correction = a.correction !== null ? toNumber(a.correction) : unbiased === false ? 0 : 1;
    return W(core.variance(T(a), dimsArg(dim), correction, a.keepdim === true, takeSqrt));
  });
}

function toMethod(): NativeFunction {
  return method('to', 'self, *args, dtype=None, device=None, non_blocking=False, copy=False', (a) => {
    let t = T(a);
    let dtype = parseDType(a.dtype);
    let device = parseDevice(a.device);
    for (const arg of (a.args as PyTuple).items) {
      if (arg instanceof PyNative && arg.cls === dtypeType) dtype = arg.value as DType;
      else if (isTensor(arg)) {
        dtype = arg.value.dtype;
        device = arg.value.device;
      } else device = parseDevice(arg);
    }
    if (device) t = core.toDevice(t, device);
    if (dtype) t = core.toDType(t, dtype, a.copy === true);
    return W(t);
  });
}

function viewArgs(a: BoundArgs): number[] {
  const items = (a.shape as PyTuple).items;
  return sizesFrom(items);
}

const formatMethod = method('__format__', 'self, spec', (a) => {
  const t = T(a);
  const spec = String(a.spec);
  if (t.ndim === 0 && spec !== '') {
    return pyFormat(itemValue(t, core.item(t)), spec);
  }
  if (spec !== '') throw pyError('TypeError', 'unsupported format string passed to Tensor.__format__');
  return tensorRepr(t);
});

export const tensorType: PyType = defineNativeType<Tensor>({
  name: 'Tensor',
  module: 'torch',
  construct: method('Tensor', '*data', (a) => {
    const items = (a.data as PyTuple).items;
    if (items.length === 1 && !(typeof items[0] === 'number' || typeof items[0] === 'bigint')) {
      return W(toTensorSync(items[0], { dtype: 'float32' }));
    }
    return W(core.zeros(sizesFrom(items)));
  }),
  methods: {
    __repr__: method('__repr__', 'self', (a) => tensorRepr(T(a))),
    __str__: method('__str__', 'self', (a) => tensorRepr(T(a))),
    __format__: formatMethod,
    __hash__: method('__hash__', 'self', (a) => objectIdOf(T(a))),
    __add__: binaryMethod('__add__', (x, y) => core.add(x, y)),
    __radd__: binaryMethod('__radd__', (x, y) => core.add(x, y)),
    __sub__: binaryMethod('__sub__', (x, y) => core.sub(x, y)),
    __rsub__: binaryMethod('__rsub__', (x, y) => core.rsub(x, y)),
    __mul__: binaryMethod('__mul__', (x, y) => core.mul(x, y)),
    __rmul__: binaryMethod('__rmul__', (x, y) => core.mul(x, y)),
    __truediv__: binaryMethod('__truediv__', (x, y) => core.div(x, y)),
    __rtruediv__: binaryMethod('__rtruediv__', (x, y) => core.rdiv(x, y)),
    __floordiv__: binaryMethod('__floordiv__', (x, y) => core.floorDivide(x, y)),
    __rfloordiv__: binaryMethod('__rfloordiv__', (x, y) => core.floorDivide(y, x)),
    __mod__: binaryMethod('__mod__', (x, y) => core.remainder(x, y)),
    __rmod__: binaryMethod('__rmod__', (x, y) => core.remainder(y, x)),
    __pow__: binaryMethod('__pow__', (x, y) => core.pow(x, y)),
    __rpow__: binaryMethod('__rpow__', (x, y) => core.pow(y, x)),
    __matmul__: method('__matmul__', 'self, other', (a) => (isTensor(a.other) ? W(core.matmul(T(a), a.other.value)) : NotImplemented)),
    __rmatmul__: method('__rmatmul__', 'self, other', (a) => (isTensor(a.other) ? W(core.matmul(a.other.value, T(a))) : NotImplemented)),
    __and__: binaryMethod('__and__', (x, y) => core.bitwise('and', x, y)),
    __rand__: binaryMethod('__rand__', (x, y) => core.bitwise('and', y, x)),
    __or__: binaryMethod('__or__', (x, y) => core.bitwise('or', x, y)),
    __ror__: binaryMethod('__ror__', (x, y) => core.bitwise('or', y, x)),
    __xor__: binaryMethod('__xor__', (x, y) => core.bitwise('xor', x, y)),
    __rxor__: binaryMethod('__rxor__', (x, y) => core.bitwise('xor', y, x)),
    __eq__: binaryMethod('__eq__', (x, y) => core.compare('eq', x, y)),
    __ne__: binaryMethod('__ne__', (x, y) => core.compare('ne', x, y)),
    __lt__: binaryMethod('__lt__', (x, y) => core.compare('lt', x, y)),
    __le__: binaryMethod('__le__', (x, y) => core.compare('le', x, y)),
    __gt__: binaryMethod('__gt__', (x, y) => core.compare('gt', x, y)),
    __ge__: binaryMethod('__ge__', (x, y) => core.compare('ge', x, y)),
    __iadd__: inplaceMethod('__iadd__', (x, y) => core.add(x, y)),
    __isub__: inplaceMethod('__isub__', (x, y) => core.sub(x, y)),
    __imul__: inplaceMethod('__imul__', (x, y) => core.mul(x, y)),
    __itruediv__: inplaceMethod('__itruediv__', (x, y) => core.div(x, y)),
    __ifloordiv__: inplaceMethod('__ifloordiv__', (x, y) => core.floorDivide(x, y)),
    __imod__: inplaceMethod('__imod__', (x, y) => core.remainder(x, y)),
    __ipow__: inplaceMethod('__ipow__', (x, y) => core.pow(x, y)),
    __iand__: inplaceMethod('__iand__', (x, y) => core.bitwise('and', x, y)),
    __ior__: inplaceMethod('__ior__', (x, y) => core.bitwise('or', x, y)),
    __neg__: unaryMethod('__neg__', core.neg),
    __pos__: method('__pos__', 'self', (a) => a.self),
    __abs__: unaryMethod('__abs__', core.abs),
    __invert__: unaryMethod('__invert__', core.bitwiseNot),
    __getitem__: method('__getitem__', 'self, key', (a) => W(core.getIndex(T(a), indexItems(a.key)))),
    __setitem__: method('__setitem__', 'self, key, value', (a) => {
      core.setIndex(T(a), indexItems(a.key), requireOperand(a.value, 'value'));
      return None;
    }),
    __len__: method('__len__', 'self', (a) => {
      const t = T(a);
      if (t.ndim === 0) throw pyError('TypeError', 'len() of a 0-d tensor');
      return t.shape[0];
    }),
    __iter__: method('__iter__', 'self', (a) => {
      const t = T(a);
      if (t.ndim === 0) throw pyError('TypeError', 'iteration over a 0-d tensor');
      const n = t.shape[0];
      const items: PyValue[] = [];
      for (let i = 0; i < n; i++) items.push(W(core.getIndex(t, [i])));
      return makeIterator(items);
    }),
    __bool__: method('__bool__', 'self', (a) => {
      const t = T(a);
      if (t.numel === 0) throw pyError('RuntimeError', 'Boolean value of Tensor with no values is ambiguous');
      if (t.numel > 1) throw pyError('RuntimeError', 'Boolean value of Tensor with more than one value is ambiguous');
      return then(readValues(t), (v) => v[0] !== 0);
    }),
    __float__: method('__float__', 'self', (a) => {
      const t = T(a);
      if (t.numel !== 1) throw pyError('ValueError', 'only one element tensors can be converted to Python scalars');
      return then(readValues(t), (v) => pyFloat(Number(v[0])));
    }),
    __int__: method('__int__', 'self', (a) => {
      const t = T(a);
      if (t.numel !== 1) throw pyError('ValueError', 'only one element tensors can be converted to Python scalars');
      return then(readValues(t), (v) => pyInt(Math.trunc(Number(v[0]))));
    }),
    __index__: method('__index__', 'self', (a) => {
      const t = T(a);
      if (core.isFloating(t.dtype) || t.numel !== 1) {
        throw pyError('TypeError', 'only integer tensors of a single element can be converted to an index');
      }
      return pyInt(Math.trunc(Number(t.readSync()[0])));
    }),
    __contains__: method('__contains__', 'self, element', (a) => {
      const o = operand(a.element);
      if (o === undefined) throw pyError('RuntimeError', `Tensor.__contains__ only supports Tensor or scalar, but you passed in a ${typeName(a.element)}.`);
      return Array.prototype.some.call(core.compare('eq', T(a), o).readSync(), (v: number) => v !== 0);
    }),

    item: method('item', 'self', (a) => {
      const t = T(a);
      if (t.numel !== 1) throw pyError('ValueError', 'only one element tensors can be converted to Python scalars');
      return then(readValues(t), (v) => itemValue(t, t.dtype === 'bool' ? v[0] !== 0 : Number(v[0])));
    }),
    tolist: method('tolist', 'self', (a) => {
      const t = T(a);
      return then(readValues(t), (v) => tolistValue(t, v));
    }),
    numpy: method('numpy', 'self, *, force=False', (a) => {
      const t = T(a);
      if (t.requiresGrad && a.force !== true) {
        throw pyError('RuntimeError', "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
      }
      if (t.device !== 'cpu' && a.force !== true) {
        throw pyError('TypeError', `can't convert ${core.deviceString(t.device)} device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.`);
      }
      return then(readValues(t), (v) => wrapNDArray(NDArray.from(torchToNumpy[t.dtype], t.shape, v)));
    }),
    size: method('size', 'self, dim=None', (a) => {
      const t = T(a);
      if (a.dim === null) return sizeValue(t.shape);
      return t.shape[core.wrapDim(toIndex(a.dim), t.ndim)] ?? 1;
    }),
    dim: method('dim', 'self', (a) => T(a).ndim),
    ndimension: method('ndimension', 'self', (a) => T(a).ndim),
    numel: method('numel', 'self', (a) => T(a).numel),
    nelement: method('nelement', 'self', (a) => T(a).numel),
    element_size: method('element_size', 'self', (a) => ({ bool: 1, int32: 4, int64: 8, float16: 2, float32: 4, float64: 8 })[T(a).dtype]),
    is_floating_point: method('is_floating_point', 'self', (a) => core.isFloating(T(a).dtype)),
    is_contiguous: method('is_contiguous', 'self', (a) => T(a).contiguous),
    get_device: method('get_device', 'self', (a) => (T(a).device === 'cpu' ? -1 : 0)),
    type: method('type', 'self, dtype=None', (a) => {
      const t = T(a);
      if (a.dtype === null) {
        const names: Record<DType, string> = { float32: 'FloatTensor', float64: 'DoubleTensor', float16: 'HalfTensor', int64: 'LongTensor', int32: 'IntTensor', bool: 'BoolTensor' };
        return `torch.${t.device === 'cuda' ? 'cuda.' : ''}${names[t.dtype]}`;
      }
      return W(core.toDType(t, parseDType(a.dtype)!));
    }),

    backward: method('backward', 'self, gradient=None, retain_graph=None, create_graph=False, inputs=None', (a) => {
      const g = a.gradient === null ? null : requireTensor(a.gradient, 'gradient');
      core.backward(T(a), g, a.retain_graph === true);
      return None;
    }),
    requires_grad_: method('requires_grad_', 'self, requires_grad=True', (a) => {
      core.setRequiresGrad(T(a), a.requires_grad !== false);
      return a.self;
    }),
    retain_grad: method('retain_grad', 'self', (a) => {
      const t = T(a);
      if (!t.requiresGrad) throw pyError('RuntimeError', "can't retain_grad on Tensor that has requires_grad=False");
      if (!t.isLeaf) t.retainsGrad = true;
      return None;
    }),
    detach: unaryMethod('detach', core.detach),
    detach_: method('detach_', 'self', (a) => {
      const t = T(a);
      t.gradFn = null;
      t.requiresGrad = false;
      return a.self;
    }),
    clone: method('clone', 'self, *, memory_format=None', (a) => W(core.clone(T(a)))),
    contiguous: method('contiguous', 'self, memory_format=None', (a) => W(core.contiguous(T(a)))),

    add: method('add', 'self, other, *, alpha=None', (a) => W(core.add(T(a), requireOperand(a.other), a.alpha === null ? undefined : scalarOf(a.alpha)))),
    sub: method('sub', 'self, other, *, alpha=None', (a) => W(core.sub(T(a), requireOperand(a.other), a.alpha === null ? undefined : scalarOf(a.alpha)))),
    mul: method('mul', 'self, other', (a) => W(core.mul(T(a), requireOperand(a.other)))),
    multiply: method('multiply', 'self, other', (a) => W(core.mul(T(a), requireOperand(a.other)))),
    div: method('div', 'self, other, *, rounding_mode=None', (a) => W(core.div(T(a), requireOperand(a.other), roundingMode(a.rounding_mode)))),
    divide: method('divide', 'self, other, *, rounding_mode=None', (a) => W(core.div(T(a), requireOperand(a.other), roundingMode(a.rounding_mode)))),
    true_divide: method('true_divide', 'self, other', (a) => W(core.div(T(a), requireOperand(a.other)))),
    floor_divide: method('floor_divide', 'self, other', (a) => W(core.floorDivide(T(a), requireOperand(a.other)))),
    remainder: method('remainder', 'self, other', (a) => W(core.remainder(T(a), requireOperand(a.other)))),
    fmod: method('fmod', 'self, other', (a) => W(core.remainder(T(a), requireOperand(a.other)))),
    pow: method('pow', 'self, exponent', (a) => W(core.pow(T(a), requireOperand(a.exponent)))),
    matmul: method('matmul', 'self, other', (a) => W(core.matmul(T(a), requireTensor(a.other, 'other')))),
    mm: method('mm', 'self, mat2', (a) => W(core.mmOnly(T(a), requireTensor(a.mat2, 'mat2')))),
    mv: method('mv', 'self, vec', (a) => W(core.matmul(T(a), requireTensor(a.vec, 'vec')))),
    dot: method('dot', 'self, other', (a) => W(core.dot(T(a), requireTensor(a.other, 'other')))),
    bmm: method('bmm', 'self, mat2', (a) => W(core.matmul(T(a), requireTensor(a.mat2, 'mat2')))),
    outer: method('outer', 'self, vec2', (a) => W(core.outer(T(a), requireTensor(a.vec2, 'vec2')))),
    maximum: method('maximum', 'self, other', (a) => W(core.maximum(T(a), requireTensor(a.other, 'other')))),
    minimum: method('minimum', 'self, other', (a) => W(core.minimum(T(a), requireTensor(a.other, 'other')))),
    eq: binaryMethod('eq', (x, y) => core.compare('eq', x, y)),
    ne: binaryMethod('ne', (x, y) => core.compare('ne', x, y)),
    lt: binaryMethod('lt', (x, y) => core.compare('lt', x, y)),
    le: binaryMethod('le', (x, y) => core.compare('le', x, y)),
    gt: binaryMethod('gt', (x, y) => core.compare('gt', x, y)),
    ge: binaryMethod('ge', (x, y) => core.compare('ge', x, y)),
    equal: method('equal', 'self, other', (a) => tensorsEqual(T(a), requireTensor(a.other, 'other'))),
    allclose: method('allclose', 'self, other, rtol=1e-05, atol=1e-08, equal_nan=False', (a) =>
      allclose(T(a), requireTensor(a.other, 'other'), toNumber(a.rtol), toNumber(a.atol)),
    ),

    neg: unaryMethod('neg', core.neg),
    negative: unaryMethod('negative', core.neg),
    abs: unaryMethod('abs', core.abs),
    sin: unaryMethod('sin', core.sin),
    cos: unaryMethod('cos', core.cos),
    tan: unaryMethod('tan', core.tan),
    exp: unaryMethod('exp', core.exp),
    log: unaryMethod('log', core.log),
    log2: unaryMethod('log2', core.log2),
    log10: unaryMethod('log10', core.log10),
    log1p: unaryMethod('log1p', core.log1p),
    expm1: unaryMethod('expm1', core.expm1),
    sqrt: unaryMethod('sqrt', core.sqrt),
    rsqrt: unaryMethod('rsqrt', core.rsqrt),
    sigmoid: unaryMethod('sigmoid', core.sigmoid),
    tanh: unaryMethod('tanh', core.tanh),
    sinh: unaryMethod('sinh', core.sinh),
    cosh: unaryMethod('cosh', core.cosh),
    asin: unaryMethod('asin', core.asin),
    acos: unaryMethod('acos', core.acos),
    atan: unaryMethod('atan', core.atan),
    relu: unaryMethod('relu', core.relu),
    floor: unaryMethod('floor', core.floor),
    ceil: unaryMethod('ceil', core.ceil),
    round: method('round', 'self, *, decimals=0', (a) => W(roundDecimals(T(a), toIndex(a.decimals)))),
    trunc: unaryMethod('trunc', core.trunc),
    sign: unaryMethod('sign', core.sign),
    square: unaryMethod('square', core.square),
    reciprocal: unaryMethod('reciprocal', core.reciprocal),
    logical_not: unaryMethod('logical_not', core.logicalNot),
    isnan: unaryMethod('isnan', core.isnan),
    isinf: unaryMethod('isinf', core.isinf),
    isfinite: unaryMethod('isfinite', core.isfinite),
    clamp: method('clamp', 'self, min=None, max=None', (a) => W(core.clamp(T(a), optOperand(a.min), optOperand(a.max)))),
    clip: method('clip', 'self, min=None, max=None', (a) => W(core.clamp(T(a), optOperand(a.min), optOperand(a.max)))),
    clamp_: method('clamp_', 'self, min=None, max=None', (a) => {
      core.inplace(T(a), (src) => core.clamp(src, optOperand(a.min), optOperand(a.max)));
      return a.self;
    }),
    sort: method('sort', 'self, dim=-1, descending=False, stable=False', (a) => {
      const [values, indices] = sortAlong(T(a), toIndex(a.dim), a.descending === true);
      return namedPair('sort', values, indices);
    }),
    argsort: method('argsort', 'self, dim=-1, descending=False', (a) => W(sortAlong(T(a), toIndex(a.dim), a.descending === true)[1])),
    topk: method('topk', 'self, k, dim=-1, largest=True, sorted=True', (a) => {
      const [values, indices] = sortAlong(T(a), toIndex(a.dim), a.largest !== false, toIndex(a.k));
      return namedPair('topk', values, indices);
    }),
    nonzero: method('nonzero', 'self, *, as_tuple=False', (a) => {
      const cols = nonzeroColumns(T(a));
      return a.as_tuple === true ? newTuple(cols.map(W)) : W(nonzeroMatrix(cols));
    }),
    where: method('where', 'self, condition, other', (a) => W(core.where(requireTensor(a.condition, 'condition'), T(a), requireOperand(a.other)))),
    softmax: method('softmax', 'self, dim, dtype=None', (a) => W(softmax(T(a), toIndex(a.dim)))),
    log_softmax: method('log_softmax', 'self, dim, dtype=None', (a) => W(core.log(softmax(T(a), toIndex(a.dim))))),

    add_: method('add_', 'self, other, *, alpha=None', (a) => {
      const o = requireOperand(a.other);
      const alpha = a.alpha === null ? undefined : scalarOf(a.alpha);
      core.inplace(T(a), (src) => core.add(src, o, alpha));
      return a.self;
    }),
    sub_: method('sub_', 'self, other, *, alpha=None', (a) => {
      const o = requireOperand(a.other);
      const alpha = a.alpha === null ? undefined : scalarOf(a.alpha);
      core.inplace(T(a), (src) => core.sub(src, o, alpha));
      return a.self;
    }),
    mul_: method('mul_', 'self, other', (a) => {
      const o = requireOperand(a.other);
      core.inplace(T(a), (src) => core.mul(src, o));
      return a.self;
    }),
    div_: method('div_', 'self, other, *, rounding_mode=None', (a) => {
      const o = requireOperand(a.other);
      core.inplace(T(a), (src) => core.div(src, o, roundingMode(a.rounding_mode)));
      return a.self;
    }),
    pow_: method('pow_', 'self, exponent', (a) => {
      const o = requireOperand(a.exponent);
      core.inplace(T(a), (src) => core.pow(src, o));
      return a.self;
    }),
    neg_: unaryInplace('neg_', core.neg),
    abs_: unaryInplace('abs_', core.abs),
    sqrt_: unaryInplace('sqrt_', core.sqrt),
    exp_: unaryInplace('exp_', core.exp),
    relu_: unaryInplace('relu_', core.relu),
    sigmoid_: unaryInplace('sigmoid_', core.sigmoid),
    tanh_: unaryInplace('tanh_', core.tanh),
    zero_: method('zero_', 'self', (a) => {
      core.zero(T(a));
      return a.self;
    }),
    fill_: method('fill_', 'self, value', (a) => {
      const v = operand(a.value);
      if (v === undefined) throw pyError('TypeError', `fill_() received an invalid combination of arguments - got (${typeName(a.value)})`);
      core.fill(T(a), v);
      return a.self;
    }),
    copy_: method('copy_', 'self, src, non_blocking=False', (a) => {
      core.copyFrom(T(a), requireTensor(a.src, 'src'));
      return a.self;
    }),
    uniform_: method('uniform_', 'self, from_=0, to=1', (a) => {
      const t = T(a);
      const r = core.rand(t.shape, { dtype: t.dtype, device: t.device });
      const scaled = core.add(core.mul(r, core.pyFloat(toNumber(a.to) - toNumber(a.from_))), core.pyFloat(toNumber(a.from_)));
      core.copyFrom(t, scaled);
      return a.self;
    }),
    normal_: method('normal_', 'self, mean=0, std=1', (a) => {
      const t = T(a);
      core.copyFrom(t, core.normal(toNumber(a.mean), toNumber(a.std), t.shape, { dtype: t.dtype, device: t.device }));
      return a.self;
    }),

    sum: reductionMethod('sum', core.sum),
    mean: reductionMethod('mean', core.mean),
    nansum: reductionMethod('nansum', core.sum),
    prod: method('prod', 'self, dim=None, keepdim=False, *, dtype=None', (a) => W(core.prod(T(a), a.dim === null ? null : toIndex(a.dim), a.keepdim === true))),
    max: extremumMethod('max'),
    min: extremumMethod('min'),
    argmax: method('argmax', 'self, dim=None, keepdim=False, *, axis=None, keepdims=False', (a) => W(core.argExtremum(T(a), 'max', dimOf(a) === null ? null : toIndex(dimOf(a)), keepOf(a)))),
    argmin: method('argmin', 'self, dim=None, keepdim=False, *, axis=None, keepdims=False', (a) => W(core.argExtremum(T(a), 'min', dimOf(a) === null ? null : toIndex(dimOf(a)), keepOf(a)))),
    std: varianceMethod('std', true),
    var: varianceMethod('var', false),
    cumsum: method('cumsum', 'self, dim, *, dtype=None', (a) => W(core.cumsum(T(a), toIndex(a.dim)))),
    all: method('all', 'self, dim=None, keepdim=False', (a) => W(core.all(T(a), a.dim === null ? null : toIndex(a.dim), a.keepdim === true))),
    any: method('any', 'self, dim=None, keepdim=False', (a) => W(core.any(T(a), a.dim === null ? null : toIndex(a.dim), a.keepdim === true))),
    norm: method('norm', 'self, p=2, dim=None, keepdim=False', (a) => W(core.norm(T(a), toNumber(a.p ?? 2), dimsArg(a.dim), a.keepdim === true))),

    reshape: method('reshape', 'self, *shape', (a) => W(core.reshape(T(a), viewArgs(a)))),
    view: method('view', 'self, *shape', (a) => {
      const items = (a.shape as PyTuple).items;
      if (items.length === 1 && items[0] instanceof PyNative && items[0].cls === dtypeType) return W(core.toDType(T(a), items[0].value as DType));
      return W(core.view(T(a), viewArgs(a)));
    }),
    view_as: method('view_as', 'self, other', (a) => W(core.view(T(a), requireTensor(a.other, 'other').shape))),
    reshape_as: method('reshape_as', 'self, other', (a) => W(core.reshape(T(a), requireTensor(a.other, 'other').shape))),
    expand: method('expand', 'self, *sizes', (a) => W(core.expand(T(a), sizesFrom((a.sizes as PyTuple).items)))),
    expand_as: method('expand_as', 'self, other', (a) => W(core.expand(T(a), requireTensor(a.other, 'other').shape))),
    repeat: method('repeat', 'self, *sizes', (a) => W(core.repeat(T(a), sizesFrom((a.sizes as PyTuple).items)))),
    flatten: method('flatten', 'self, start_dim=0, end_dim=-1', (a) => W(core.flatten(T(a), toIndex(a.start_dim), toIndex(a.end_dim)))),
    ravel: method('ravel', 'self', (a) => W(core.reshape(T(a), [-1]))),
    squeeze: method('squeeze', 'self, dim=None', (a) => W(core.squeeze(T(a), a.dim === null ? null : toIndex(a.dim)))),
    unsqueeze: method('unsqueeze', 'self, dim', (a) => W(core.unsqueeze(T(a), toIndex(a.dim)))),
    transpose: method('transpose', 'self, dim0, dim1', (a) => W(core.transpose(T(a), toIndex(a.dim0), toIndex(a.dim1)))),
    permute: method('permute', 'self, *dims', (a) => W(core.permute(T(a), sizesFrom((a.dims as PyTuple).items)))),
    t: method('t', 'self', (a) => W(core.t2d(T(a)))),
    flip: method('flip', 'self, *dims', (a) => W(core.flip(T(a), sizesFrom((a.dims as PyTuple).items)))),

    to: toMethod(),
    cpu: method('cpu', 'self', (a) => W(core.toDevice(T(a), 'cpu'))),
    cuda: method('cuda', 'self, device=None, non_blocking=False', (a) => W(core.toDevice(T(a), 'cuda'))),
    float: toDTypeMethod('float', 'float32'),
    double: toDTypeMethod('double', 'float64'),
    half: toDTypeMethod('half', 'float16'),
    int: toDTypeMethod('int', 'int32'),
    long: toDTypeMethod('long', 'int64'),
    bool: toDTypeMethod('bool', 'bool'),
    type_as: method('type_as', 'self, other', (a) => W(core.toDType(T(a), requireTensor(a.other, 'other').dtype))),
    new_zeros: method('new_zeros', 'self, *size, dtype=None, device=None, requires_grad=False', (a) =>
      W(core.zeros(sizesFrom((a.size as PyTuple).items), { dtype: parseDType(a.dtype) ?? T(a).dtype, device: parseDevice(a.device) ?? T(a).device, requiresGrad: a.requires_grad === true })),
    ),
    new_ones: method('new_ones', 'self, *size, dtype=None, device=None, requires_grad=False', (a) =>
      W(core.ones(sizesFrom((a.size as PyTuple).items), { dtype: parseDType(a.dtype) ?? T(a).dtype, device: parseDevice(a.device) ?? T(a).device, requiresGrad: a.requires_grad === true })),
    ),
    new_tensor: method('new_tensor', 'self, data, dtype=None, device=None, requires_grad=False', (a) =>
      W(toTensorSync(a.data, { dtype: parseDType(a.dtype) ?? T(a).dtype, device: parseDevice(a.device) ?? T(a).device, requiresGrad: a.requires_grad === true })),
    ),
  },
  properties: {
    shape: { get: (self) => sizeValue(self.value.shape) },
    dtype: { get: (self) => dtypeValue(self.value.dtype) },
    device: { get: (self) => deviceValue(self.value.device) },
    ndim: { get: (self) => self.value.ndim },
    is_leaf: { get: (self) => self.value.isLeaf },
    is_cuda: { get: (self) => self.value.device === 'cuda' },
    grad_fn: { get: (self) => gradFnValue(self.value.gradFn) },
    T: { get: (self) => guard(() => W(core.reverseDims(self.value))) },
    mT: { get: (self) => guard(() => W(core.transpose(self.value, -2, -1))) },
    data: {
      // shares storage: `w.data -= lr * w.grad` and `x.grad.data.zero_()` change the tensor itself
      get: (self) => guard(() => W(self.value.alias())),
      set: (self, v) => {
        const src = requireTensor(v, 'data');
        const t = self.value;
        if (t.sharesStorageWith(src)) return;
        guard(() => t.setData(src));
      },
    },
    requires_grad: {
      get: (self) => self.value.requiresGrad,
      set: (self, v) => {
        guard(() => core.setRequiresGrad(self.value, v === true));
      },
    },
    grad: {
      get: (self) => (self.value.grad ? W(self.value.grad) : None),
      set: (self, v) => {
        self.value.grad = v === null ? null : requireTensor(v, 'grad');
      },
    },
  },
});

const ids = new WeakMap<object, number>();
let nextId = 1;
function objectIdOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId++;
    ids.set(o, id);
  }
  return id;
}

function optOperand(v: PyValue): Operand | null {
  return v === null ? null : requireOperand(v);
}
function roundingMode(v: PyValue): 'trunc' | 'floor' | null {
  if (v === null) return null;
  if (v === 'trunc' || v === 'floor') return v;
  throw pyError('RuntimeError', `div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(v)}'`);
}
function roundDecimals(t: Tensor, decimals: number): Tensor {
  if (decimals === 0) return core.round(t);
  const scale = 10 ** decimals;
  return core.div(core.round(core.mul(t, core.pyFloat(scale))), core.pyFloat(scale));
}
function softmax(t: Tensor, dim: number): Tensor {
  const shifted = core.sub(t, core.detach(core.extremumDim(t, 'max', dim, true)[0]));
  const e = core.exp(shifted);
  return core.div(e, core.sum(e, dim, true));
}
function tensorsEqual(a: Tensor, b: Tensor): boolean {
  if (a.ndim !== b.ndim || a.shape.some((d, i) => d !== b.shape[i])) return false;
  const x = a.readSync();
  const y = b.readSync();
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
function allclose(a: Tensor, b: Tensor, rtol: number, atol: number): boolean {
  const shape = core.broadcastShapes(a.shape, b.shape);
  const x = core.broadcastHost(a, shape);
  const y = core.broadcastHost(b, shape);
  return x.every((v, i) => Math.abs(v - y[i]) <= atol + rtol * Math.abs(y[i]) || v === y[i]);
}

// ---- no_grad ------------------------------------------------------------------------------------

interface GradMode {
  enabled: boolean;
  previous: boolean[];
  /** set_grad_enabled: the mode was set when it was called; `with` restores the one before then. */
  prev?: boolean;
}
const gradModeType = defineNativeType<GradMode>({
  name: 'no_grad',
  module: 'torch.autograd.grad_mode',
  methods: {
    __enter__: defineFunction('__enter__', 'self', (a) => {
      const m = (a.self as PyNative<GradMode>).value;
      if (m.prev === undefined) m.previous.push(core.setGradEnabled(m.enabled));
      return None;
    }),
    __exit__: defineFunction('__exit__', 'self, *args', (a) => {
      const m = (a.self as PyNative<GradMode>).value;
      core.setGradEnabled(m.prev ?? m.previous.pop() ?? true);
      return false;
    }),
    __call__: defineFunction('__call__', 'self, fn', (a) => {
      const m = (a.self as PyNative<GradMode>).value;
      const fn = a.fn;
      return new NativeFunction('decorated', (args, kwargs) => {
        const previous = core.setGradEnabled(m.enabled);
        let r: MaybePromise<PyValue>;
        try {
          r = callPython(fn, args, kwargs);
        } catch (e) {
          core.setGradEnabled(previous);
          throw e;
        }
        if (isPromise<PyValue>(r)) return r.finally(() => core.setGradEnabled(previous));
        core.setGradEnabled(previous);
        return r;
      });
    }),
  },
});
const gradMode = (enabled: boolean): PyValue => new PyNative(gradModeType, { enabled, previous: [] } as GradMode);

// ---- module functions ---------------------------------------------------------------------------

function createOptions(a: BoundArgs): core.CreateOptions {
  return {
    dtype: 'dtype' in a ? parseDType(a.dtype) : null,
    device: 'device' in a ? parseDevice(a.device) : null,
    requiresGrad: a.requires_grad === true,
  };
}

const creationSpec = '*size, out=None, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False, memory_format=None, generator=None';

function fn(name: string, spec: string, impl: Impl): NativeFunction {
  return method(name, spec, impl);
}
/** torch.<name>(input, ...) delegating to the Tensor method of the same name. */
function viaMethod(name: string, spec: string): NativeFunction {
  const m = tensorType.lookup(name) as NativeFunction;
  const params = spec.split(',').map((p) => p.trim());
  return method(name, `input, ${spec}`.replace(/, $/, ''), (a) => {
    const input = requireTensor(a.input);
    const args: PyValue[] = [W(input)];
    const kwargs = new Map<string, PyValue>();
    for (const p of params) {
      if (!p || p === '*') continue;
      const key = p.split('=')[0].replace(/^\*+/, '');
      if (!(key in a)) continue;
      if (p.startsWith('*')) args.push(...(a[key] as PyTuple).items);
      else kwargs.set(key, a[key]);
    }
    return m.call(args, kwargs);
  });
}

function buildTorch(ctx: SessionContext): PyModule {
  const scope = new core.TensorScope();
  ctx.state.set('torch.scope', scope);
  // Each call into the module puts new tensors in this session's scope and device.
  const enter = () => {
    core.setTensorScope(scope);
    core.setDefaultDevice(ctx.device === 'cuda' && core.cudaAvailable() ? 'cuda' : 'cpu');
  };
  // Tensor methods and torch.Tensor(...) create tensors without passing through `entry`: each run
  // starts in this session's scope, never in the scope of the session that ran last (or a disposed one).
  ctx.state.set('torch.activate', { activate: enter });
  enter();
  const entry = (name: string, spec: string, impl: Impl) =>
    fn(name, spec, (a) => {
      enter();
      return impl(a);
    });

  const m: Record<string, PyValue> = {};
  const add = (f: NativeFunction) => (m[f.name] = f);

  add(
    entry('tensor', 'data, *, dtype=None, device=None, requires_grad=False, pin_memory=False', (a) => {
      if (isTensor(a.data)) return W(core.tensor(a.data.value, createOptions(a)));
      return W(toTensorSync(a.data, createOptions(a)));
    }),
  );
  add(entry('as_tensor', 'data, dtype=None, device=None', (a) => (isTensor(a.data) && a.dtype === null ? a.data : W(toTensorSync(a.data, createOptions(a))))));
  add(
    entry('from_numpy', 'ndarray', (a) => {
      if (!isNDArray(a.ndarray)) throw pyError('TypeError', `expected np.ndarray (got ${typeName(a.ndarray)})`);
      return W(ndarrayToTensor(a.ndarray.value, true));
    }),
  );
  for (const [name, make] of [
    ['zeros', core.zeros],
    ['ones', core.ones],
    ['empty', core.zeros],
    ['rand', core.rand],
    ['randn', core.randn],
  ] as const) {
    add(entry(name, creationSpec, (a) => W(make(sizesFrom((a.size as PyTuple).items), createOptions(a)))));
  }
  const likeSpec = 'input, *, dtype=None, layout=None, device=None, requires_grad=False, memory_format=None';
  for (const [name, make] of [
    ['zeros_like', core.zerosLike],
    ['ones_like', core.onesLike],
    ['empty_like', core.zerosLike],
    ['rand_like', core.randLike],
    ['randn_like', core.randnLike],
  ] as const) {
    add(entry(name, likeSpec, (a) => W(make(requireTensor(a.input), createOptions(a)))));
  }
  add(entry('full', 'size, fill_value, *, dtype=None, layout=None, device=None, requires_grad=False', (a) => W(core.full(sizesFrom([a.size]), scalarOf(a.fill_value), createOptions(a)))));
  add(entry('full_like', 'input, fill_value, *, dtype=None, layout=None, device=None, requires_grad=False, memory_format=None', (a) => W(core.fullLike(requireTensor(a.input), scalarOf(a.fill_value), createOptions(a)))));
  add(entry('eye', 'n, m=None, *, dtype=None, layout=None, device=None, requires_grad=False', (a) => W(core.eye(toIndex(a.n), a.m === null ? toIndex(a.n) : toIndex(a.m), createOptions(a)))));
  add(
    entry('arange', 'start, end=None, step=1, *, dtype=None, layout=None, device=None, requires_grad=False', (a) =>
      W(core.arange(scalarOf(a.start), a.end === null ? null : scalarOf(a.end), scalarOf(a.step), createOptions(a))),
    ),
  );
  add(
    entry('linspace', 'start, end, steps, *, dtype=None, layout=None, device=None, requires_grad=False', (a) =>
      W(core.linspace(toNumber(a.start), toNumber(a.end), toIndex(a.steps), createOptions(a))),
    ),
  );
  add(
    entry('randint', '*args, size=None, generator=None, dtype=None, layout=None, device=None, requires_grad=False', (a) => {
      const args = (a.args as PyTuple).items.slice();
      let size = a.size;
      if (size === null) size = args.pop() ?? null;
      if (size === null) throw pyError('TypeError', 'randint() missing 1 required positional arguments: "size"');
      const [low, high] = args.length === 1 ? [0, toIndex(args[0])] : [toIndex(args[0]), toIndex(args[1])];
      return W(core.randint(low, high, sizesFrom([size]), createOptions(a)));
    }),
  );
  add(
    entry('normal', 'mean=0.0, std=1.0, size=None, *, generator=None, out=None, dtype=None, layout=None, device=None, requires_grad=False', (a) => {
      const meanT = isTensor(a.mean) ? a.mean.value : null;
      const stdT = isTensor(a.std) ? a.std.value : null;
      if (meanT || stdT) {
        const shape = core.broadcastShapes(meanT?.shape ?? [], stdT?.shape ?? []);
        const z = core.randn(shape, { dtype: meanT?.dtype ?? stdT?.dtype });
        return W(core.add(core.mul(z, requireOperand(a.std)), requireOperand(a.mean)));
      }
      if (a.size === null) throw pyError('TypeError', 'normal() received an invalid combination of arguments');
      return W(core.normal(toNumber(a.mean), toNumber(a.std), sizesFrom([a.size]), createOptions(a)));
    }),
  );
  add(entry('randperm', 'n, *, generator=None, out=None, dtype=None, layout=None, device=None, requires_grad=False', (a) => W(core.randperm(toIndex(a.n), createOptions(a)))));
  add(
    entry('manual_seed', 'seed', (a) => {
      core.manualSeed(toIndex(a.seed));
      return new PyNative(generatorType, null);
    }),
  );
  add(entry('initial_seed', '', () => core.getInitialSeed()));
  add(entry('is_tensor', 'obj', (a) => isTensor(a.obj)));
  add(entry('is_floating_point', 'input', (a) => core.isFloating(requireTensor(a.input).dtype)));
  add(entry('numel', 'input', (a) => requireTensor(a.input).numel));
  add(entry('get_default_dtype', '', () => dtypeValue('float32')));
  add(
    entry('set_printoptions', 'precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None', (a) => {
      const num = (v: PyValue) => (v === null ? undefined : toNumber(v));
      core.setPrintOptions({
        precision: num(a.precision),
        threshold: num(a.threshold),
        edgeitems: num(a.edgeitems),
        linewidth: num(a.linewidth),
        profile: a.profile === null ? null : String(a.profile),
        ...(a.sci_mode !== null ? { sciMode: a.sci_mode === true } : {}),
      });
      return None;
    }),
  );

  // elementwise and the rest as functions of a tensor (torch.sin(x) …)
  const binaryFn = (name: string, f: (x: Operand, y: Operand) => Tensor) =>
    entry(name, 'input, other, *, out=None', (a) => W(f(requireOperand(a.input, 'input'), requireOperand(a.other))));
  add(entry('add', 'input, other, *, alpha=None, out=None', (a) => W(core.add(requireOperand(a.input, 'input'), requireOperand(a.other), a.alpha === null ? undefined : scalarOf(a.alpha)))));
  add(entry('sub', 'input, other, *, alpha=None, out=None', (a) => W(core.sub(requireOperand(a.input, 'input'), requireOperand(a.other), a.alpha === null ? undefined : scalarOf(a.alpha)))));
  add(binaryFn('mul', core.mul));
  add(binaryFn('multiply', core.mul));
  add(entry('div', 'input, other, *, rounding_mode=None, out=None', (a) => W(core.div(requireOperand(a.input, 'input'), requireOperand(a.other), roundingMode(a.rounding_mode)))));
  add(entry('divide', 'input, other, *, rounding_mode=None, out=None', (a) => W(core.div(requireOperand(a.input, 'input'), requireOperand(a.other), roundingMode(a.rounding_mode)))));
  add(binaryFn('true_divide', (x, y) => core.div(x, y)));
  add(binaryFn('floor_divide', core.floorDivide));
  add(binaryFn('remainder', core.remainder));
  add(binaryFn('fmod', core.remainder));
  add(entry('pow', 'input, exponent, *, out=None', (a) => W(core.pow(requireOperand(a.input, 'input'), requireOperand(a.exponent)))));
  add(entry('rsub', 'input, other, *, alpha=None', (a) => W(core.rsub(requireTensor(a.input), requireOperand(a.other)))));
  for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const) add(binaryFn(op, (x, y) => core.compare(op, x, y)));
  add(binaryFn('greater', (x, y) => core.compare('gt', x, y)));
  add(binaryFn('less', (x, y) => core.compare('lt', x, y)));
  add(entry('maximum', 'input, other, *, out=None', (a) => W(core.maximum(requireTensor(a.input), requireTensor(a.other, 'other')))));
  add(entry('minimum', 'input, other, *, out=None', (a) => W(core.minimum(requireTensor(a.input), requireTensor(a.other, 'other')))));
  add(binaryFn('logical_and', (x, y) => core.bitwise('and', core.toDType(asTensor(x), 'bool'), core.toDType(asTensor(y), 'bool'))));
  add(binaryFn('logical_or', (x, y) => core.bitwise('or', core.toDType(asTensor(x), 'bool'), core.toDType(asTensor(y), 'bool'))));
  add(binaryFn('logical_xor', (x, y) => core.bitwise('xor', core.toDType(asTensor(x), 'bool'), core.toDType(asTensor(y), 'bool'))));
  add(
    entry('where', 'condition, input=None, other=None', (a) => {
      const cond = requireTensor(a.condition, 'condition');
      if (a.input === null && a.other === null) return newTuple(nonzeroColumns(cond).map(W));
      return W(core.where(cond, requireOperand(a.input, 'input'), requireOperand(a.other)));
    }),
  );
  add(
    entry('nonzero', 'input, *, as_tuple=False', (a) => {
      const cols = nonzeroColumns(requireTensor(a.input));
      return a.as_tuple === true ? newTuple(cols.map(W)) : W(nonzeroMatrix(cols));
    }),
  );
  add(entry('equal', 'input, other', (a) => tensorsEqual(requireTensor(a.input), requireTensor(a.other, 'other'))));
  add(entry('allclose', 'input, other, rtol=1e-05, atol=1e-08, equal_nan=False', (a) => allclose(requireTensor(a.input), requireTensor(a.other, 'other'), toNumber(a.rtol), toNumber(a.atol))));
  add(entry('matmul', 'input, other, *, out=None', (a) => W(core.matmul(requireTensor(a.input), requireTensor(a.other, 'other')))));
  add(entry('mm', 'input, mat2, *, out=None', (a) => W(core.mmOnly(requireTensor(a.input), requireTensor(a.mat2, 'mat2')))));
  add(entry('bmm', 'input, mat2, *, out=None', (a) => W(core.matmul(requireTensor(a.input), requireTensor(a.mat2, 'mat2')))));
  add(entry('mv', 'input, vec, *, out=None', (a) => W(core.matmul(requireTensor(a.input), requireTensor(a.vec, 'vec')))));
  add(entry('dot', 'input, other, *, out=None', (a) => W(core.dot(requireTensor(a.input), requireTensor(a.other, 'other')))));
  add(entry('outer', 'input, vec2, *, out=None', (a) => W(core.outer(requireTensor(a.input), requireTensor(a.vec2, 'vec2')))));
  add(entry('cat', 'tensors, dim=0, *, out=None', async (a) => W(guard(() => core.cat(tensorList(a.tensors), toIndex(a.dim))))));
  add(entry('concat', 'tensors, dim=0, *, out=None', async (a) => W(guard(() => core.cat(tensorList(a.tensors), toIndex(a.dim))))));
  add(entry('stack', 'tensors, dim=0, *, out=None', (a) => W(core.stack(tensorList(a.tensors), toIndex(a.dim)))));

  for (const name of [
    'abs', 'neg', 'negative', 'sin', 'cos', 'tan', 'exp', 'log', 'log2', 'log10', 'log1p', 'expm1', 'sqrt', 'rsqrt',
    'sigmoid', 'tanh', 'sinh', 'cosh', 'asin', 'acos', 'atan', 'relu', 'floor', 'ceil', 'trunc', 'sign', 'square',
    'reciprocal', 'logical_not', 'isnan', 'isinf', 'isfinite', 'detach', 'clone', 't',
  ]) {
    const m0 = tensorType.lookup(name) as NativeFunction;
    add(
      entry(name, 'input, *, out=None', (a) => {
        if (!isTensor(a.input)) throw pyError('TypeError', `${name}(): argument 'input' (position 1) must be Tensor, not ${typeName(a.input)}`);
        return m0.call([a.input], null);
      }),
    );
  }
  const delegated: [string, string][] = [
    ['round', '*, decimals=0'],
    ['clamp', 'min=None, max=None'],
    ['clip', 'min=None, max=None'],
    ['sum', 'dim=None, keepdim=False, *, dtype=None'],
    ['mean', 'dim=None, keepdim=False, *, dtype=None'],
    ['prod', 'dim=None, keepdim=False, *, dtype=None'],
    ['max', 'dim=None, keepdim=False'],
    ['min', 'dim=None, keepdim=False'],
    ['argmax', 'dim=None, keepdim=False'],
    ['argmin', 'dim=None, keepdim=False'],
    ['std', 'dim=None, unbiased=None, keepdim=False, *, correction=None'],
    ['var', 'dim=None, unbiased=None, keepdim=False, *, correction=None'],
    ['cumsum', 'dim, *, dtype=None'],
    ['all', 'dim=None, keepdim=False'],
    ['any', 'dim=None, keepdim=False'],
    ['norm', 'p=2, dim=None, keepdim=False'],
    ['reshape', '*shape'],
    ['flatten', 'start_dim=0, end_dim=-1'],
    ['squeeze', 'dim=None'],
    ['unsqueeze', 'dim'],
    ['transpose', 'dim0, dim1'],
    ['permute', '*dims'],
    ['flip', '*dims'],
    ['softmax', 'dim, dtype=None'],
    ['sort', 'dim=-1, descending=False, stable=False'],
    ['argsort', 'dim=-1, descending=False'],
    ['topk', 'k, dim=-1, largest=True, sorted=True'],
    ['log_softmax', 'dim, dtype=None'],
  ];
  for (const [name, spec] of delegated) {
    const f = viaMethod(name, spec);
    add(entry(name, `input, ${spec}`, (a) => {
      const args: PyValue[] = [a.input];
      const kwargs = new Map<string, PyValue>();
      for (const p of spec.split(',').map((s) => s.trim())) {
        if (!p || p === '*') continue;
        const key = p.split('=')[0].replace(/^\*+/, '');
        if (p.startsWith('*')) args.push(...(a[key] as PyTuple).items);
        else kwargs.set(key, a[key]);
      }
      return f.call(args, kwargs);
    }));
  }

  // dtypes and constants
  for (const d of core.DTYPES) m[d] = dtypeValue(d);
  Object.assign(m, {
    float: dtypeValue('float32'),
    double: dtypeValue('float64'),
    half: dtypeValue('float16'),
    long: dtypeValue('int64'),
    int: dtypeValue('int32'),
    pi: pyFloat(Math.PI),
    e: pyFloat(Math.E),
    inf: pyFloat(Infinity),
    nan: pyFloat(NaN),
    Tensor: tensorType,
    dtype: dtypeType,
    device: deviceType,
    Size: sizeType,
    __version__: '1.13.1',
  });
  add(entry('no_grad', '', () => gradMode(false)));
  add(entry('enable_grad', '', () => gradMode(true)));
  add(entry('inference_mode', 'mode=True', (a) => gradMode(a.mode === false)));
  add(entry('set_grad_enabled', 'mode', (a) => {
    const prev = core.setGradEnabled(a.mode === true);
    return new PyNative(gradModeType, { enabled: a.mode === true, previous: [], prev } as GradMode);
  }));
  add(entry('is_grad_enabled', '', () => core.isGradEnabled()));

  const autogradGrad = entry('grad', 'outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True, allow_unused=False', (a) => {
    const outs = tensorOrList(a.outputs);
    const ins = tensorOrList(a.inputs);
    const gos = a.grad_outputs === null ? null : tensorOrList(a.grad_outputs);
    const grads = core.grad(outs, ins, gos, a.retain_graph === true || a.create_graph === true, a.allow_unused === true);
    return newTuple(grads.map((g) => (g ? W(g) : None)));
  });
  const autogradBackward = entry('backward', 'tensors, grad_tensors=None, retain_graph=None, create_graph=False', (a) => {
    const outs = tensorOrList(a.tensors);
    const gs = a.grad_tensors === null ? null : tensorOrList(a.grad_tensors);
    outs.forEach((t, i) => core.backward(t, gs?.[i] ?? null, a.retain_graph === true));
    return None;
  });
  m.autograd = newModule('torch.autograd', { grad: autogradGrad, backward: autogradBackward, no_grad: m.no_grad });
  m.cuda = newModule('torch.cuda', {
    is_available: entry('is_available', '', () => core.cudaAvailable()),
    device_count: entry('device_count', '', () => (core.cudaAvailable() ? 1 : 0)),
    get_device_name: entry('get_device_name', 'device=None', () => {
      const b = core.deviceBackends().cuda;
      if (!b) throw pyError('AssertionError', 'Torch not compiled with CUDA enabled');
      return `tfjs ${b}`;
    }),
    synchronize: entry('synchronize', 'device=None', () => None),
    manual_seed: entry('manual_seed', 'seed', () => None),
    current_device: entry('current_device', '', () => 0),
  });
  m.backends = newModule('torch.backends', {});
  m.return_types = newModule('torch.return_types', {});
  const functional = newModule('torch.nn.functional', {
    relu: m.relu,
    sigmoid: m.sigmoid,
    tanh: m.tanh,
    softmax: m.softmax,
    log_softmax: m.log_softmax,
    mse_loss: entry('mse_loss', 'input, target, size_average=None, reduce=None, reduction="mean"', (a) => {
      const d = core.sub(requireTensor(a.input), requireTensor(a.target, 'target'));
      const sq = core.pow(d, 2);
      return W(a.reduction === 'sum' ? core.sum(sq) : a.reduction === 'none' ? sq : core.mean(sq));
    }),
  });
  m.nn = newModule('torch.nn', { functional });
  return newModule('torch', m);
}

/**
 * sort/argsort/topk along `dim`: the order is found on the host (stable, NaN last as PyTorch),
 * the values are taken with indexing so gradients flow back to the picked elements.
 */
function sortAlong(t: Tensor, dim: number, descending: boolean, k: number | null = null): [Tensor, Tensor] {
  const d = core.wrapDim(dim, t.ndim);
  const shape = t.ndim === 0 ? [1] : t.shape;
  const size = shape[d];
  const keep = k ?? size;
  if (keep > size || keep < 0) throw pyError('RuntimeError', 'selected index k out of range');
  const values = t.readSync();
  const strides = core.stridesOf(shape);
  const outShape = shape.slice();
  outShape[d] = keep;
  const outStrides = core.stridesOf(outShape);
  const n = outShape.reduce((p, q) => p * q, 1);
  const positions = new Int32Array(n);
  const order = new Float64Array(n);
  const outer = shape.reduce((p, q) => p * q, 1) / size;
  const key = (v: number) => (Number.isNaN(v) ? Infinity : v);
  for (let o = 0; o < outer; o++) {
    // base offset of this slice: spread o over the dims other than d
    let rem = o;
    let base = 0;
    let outBase = 0;
    for (let j = shape.length - 1; j >= 0; j--) {
      if (j === d) continue;
      const idx = rem % shape[j];
      rem = Math.floor(rem / shape[j]);
      base += idx * strides[j];
      outBase += idx * outStrides[j];
    }
    const idxs = [...Array(size).keys()];
    idxs.sort((a, b) => {
      const va = key(values[base + a * strides[d]]);
      const vb = key(values[base + b * strides[d]]);
      return descending ? vb - va || a - b : va - vb || a - b;
    });
    for (let i = 0; i < keep; i++) {
      positions[outBase + i * outStrides[d]] = base + idxs[i] * strides[d];
      order[outBase + i * outStrides[d]] = idxs[i];
    }
  }
  const flat = core.reshape(t, [-1]);
  const picked = core.reshape(core.getIndex(flat, [core.fromValues(positions, [n], 'int64', t.device)]), t.ndim === 0 ? [] : outShape);
  const indices = core.fromValues(order, t.ndim === 0 ? [] : outShape, 'int64', t.device);
  return [picked, indices];
}

/** Indices of the non-zero elements, one int64 tensor per dimension. */
function nonzeroColumns(t: Tensor): Tensor[] {
  const values = t.readSync();
  const shape = t.shape;
  const strides = core.stridesOf(shape);
  const cols: number[][] = shape.map(() => []);
  for (let i = 0; i < values.length; i++) {
    if (!values[i]) continue;
    shape.forEach((d, j) => cols[j].push(Math.floor(i / strides[j]) % d));
  }
  if (shape.length === 0) return [core.fromValues(values[0] ? [0] : [], [values[0] ? 1 : 0], 'int64', t.device)];
  return cols.map((c) => core.fromValues(c, [c.length], 'int64', t.device));
}
function nonzeroMatrix(cols: Tensor[]): Tensor {
  const n = cols[0]?.numel ?? 0;
  return cols.length ? core.stack(cols, 1) : core.zeros([n, 0], { dtype: 'int64' });
}

function asTensor(o: Operand): Tensor {
  return o instanceof Tensor ? o : core.tensor(o);
}
function tensorList(v: PyValue): Tensor[] {
  if (!(v instanceof PyList || v instanceof PyTuple)) throw pyError('TypeError', `expected a sequence of Tensors, got ${typeName(v)}`);
  return v.items.map((x, i) => {
    if (!isTensor(x)) throw pyError('TypeError', `expected Tensor as element ${i} in argument 0, but got ${typeName(x)}`);
    return x.value;
  });
}
function tensorOrList(v: PyValue): Tensor[] {
  if (isTensor(v)) return [v.value];
  return tensorList(v);
}

const generatorType = defineNativeType<null>({
  name: 'Generator',
  module: 'torch._C',
  methods: {
    __repr__: defineFunction('__repr__', 'self', () => '<torch._C.Generator object>'),
    initial_seed: defineFunction('initial_seed', 'self', () => core.getInitialSeed()),
  },
});

registerModule('torch', async (ctx) => {
  await core.initDevices();
  return buildTorch(ctx);
});
registerModule('torch.nn', async (ctx) => (await ctx.importModule('torch')).dict.get('nn') as PyModule);
registerModule('torch.nn.functional', async (ctx) => ((await ctx.importModule('torch')).dict.get('nn') as PyModule).dict.get('functional') as PyModule);
registerModule('torch.autograd', async (ctx) => (await ctx.importModule('torch')).dict.get('autograd') as PyModule);
registerModule('torch.cuda', async (ctx) => (await ctx.importModule('torch')).dict.get('cuda') as PyModule);

/** Frees every tensor a session created (call when the session is reset or dropped). */
export function releaseSessionTensors(state: Map<string, unknown>): void {
  const scope = state.get('torch.scope');
  if (scope instanceof core.TensorScope) scope.dispose();
}

