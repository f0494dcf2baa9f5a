// torch's small value types: dtype, device, Size and Generator, and parsing `dtype=` / `device=`.
import * as core from '../../../core/index.js';
import type { DType } from '../../../core/index.js';
import {
  boolType,
  defineFunction,
  defineNativeType,
  floatType,
  intType,
  makeIterator,
  NotImplemented,
  PyList,
  PyNative,
  PySlice,
  PyTuple,
  type PyType,
  type PyValue,
  pyError,
  toIndex,
  toNumber,
  typeName,
} from '../../objects.js';
import { toArrayMP as iterToArray } from '../../runtime.js';
import { guard } from './errors.js';

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
    itemsize: {
      get: (self) => ({ bool: 1, int32: 4, int64: 8, float16: 2, float32: 4, float64: 8 })[self.value],
    },
  },
});
const dtypeObjects = new Map<DType, PyNative<DType>>(
  core.DTYPES.map((d) => [d, dtypeType.wrap(d) as PyNative<DType>]),
);
export const dtypeValue = (d: DType): PyValue => dtypeObjects.get(d)!;
export function dtypeOf(v: PyValue): DType {
  return (v as PyNative<DType>).value;
}

/** `dtype=` arguments: torch dtypes, Python's float/int/bool, numpy dtype names. */
export function parseDType(v: PyValue): DType | null {
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
    const index =
      a.index !== null ? toIndex(a.index) : spec.includes(':') ? Number(spec.split(':')[1]) : null;
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
export const deviceValue = (d: core.DeviceType): PyValue =>
  deviceType.wrap(d === 'cpu' ? cpuDevice : cudaDevice);

export function parseDevice(v: PyValue): core.DeviceType | null {
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
  construct: defineFunction('Size', 'sizes=None', async (a) =>
    sizeValue(a.sizes === null ? [] : (await toArray(a.sizes)).map((v) => toIndex(v))),
  ),
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
    __eq__: defineFunction('__eq__', 'self, other', (a) => sameSize(a.self, a.other)),
    __ne__: defineFunction('__ne__', 'self, other', (a) => !sameSize(a.self, a.other)),
    __hash__: defineFunction('__hash__', 'self', (a) => sizeOf(a.self).reduce((h, d) => (h * 31 + d) | 0, 7)),
    __add__: defineFunction('__add__', 'self, other', (a) => {
      const o: number[] | null =
        a.other instanceof PyNative && a.other.cls === sizeType
          ? sizeOf(a.other)
          : a.other instanceof PyTuple
            ? a.other.items.map((v) => toIndex(v))
            : null;
      if (!o) return NotImplemented;
      return sizeValue([...sizeOf(a.self), ...o]);
    }),
    __contains__: defineFunction('__contains__', 'self, item', (a) =>
      sizeOf(a.self).includes(toNumber(a.item)),
    ),
    numel: defineFunction('numel', 'self', (a) => sizeOf(a.self).reduce((p, q) => p * q, 1)),
    count: defineFunction(
      'count',
      'self, value',
      (a) => sizeOf(a.self).filter((d) => d === toNumber(a.value)).length,
    ),
    index: defineFunction('index', 'self, value', (a) => {
      const i = sizeOf(a.self).indexOf(toNumber(a.value));
      if (i < 0) throw pyError('ValueError', 'tuple.index(x): x not in tuple');
      return i;
    }),
  },
});
export function sizeOf(v: PyValue): number[] {
  return (v as PyNative<number[]>).value;
}

/** torch.Size equals another Size, or a tuple, with the same entries. */
function sameSize(self: PyValue, other: PyValue): boolean {
  const s = sizeOf(self);
  const o: PyValue[] | null =
    other instanceof PyNative && other.cls === sizeType
      ? sizeOf(other)
      : other instanceof PyTuple
        ? other.items
        : null;
  return o !== null && o.length === s.length && o.every((v, i) => v === s[i]);
}
export function sizeValue(shape: number[]): PyValue {
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

export async function toArray(v: PyValue): Promise<PyValue[]> {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.slice();
  if (v instanceof PyNative && v.cls === sizeType) return sizeOf(v).slice();
  return iterToArray(v);
}

/** torch.Generator: one of a program's own, or (null) the session's default one, as torch.manual_seed returns it. */
export const generatorType: PyType = defineNativeType<core.Generator | null>({
  name: 'Generator',
  module: 'torch._C',
  construct: defineFunction('Generator', "device='cpu'", (a) => {
    if (parseDevice(a.device) === 'cuda')
      throw pyError('RuntimeError', 'Device type CUDA is not supported for torch.Generator() api.');
    return new PyNative(generatorType, new core.Generator());
  }),
  methods: {
    manual_seed: defineFunction('manual_seed', 'self, seed', (a) => {
      const own = (a.self as PyNative<core.Generator | null>).value;
      const seed = seedOf(a.seed);
      if (own) own.manualSeed(seed);
      else core.manualSeed(seed);
      return a.self;
    }),
    initial_seed: defineFunction(
      'initial_seed',
      'self',
      (a) => (a.self as PyNative<core.Generator | null>).value?.initialSeed ?? core.getInitialSeed(),
    ),
  },
  properties: {
    device: { get: () => deviceValue('cpu') },
  },
});

/** A manual_seed argument: an int in PyTorch's range (int64 or uint64). */
export function seedOf(v: PyValue): number | bigint {
  if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean')
    throw pyError('RuntimeError', `manual_seed expected a long, but got ${typeName(v)}`);
  const n = typeof v === 'boolean' ? Number(v) : v;
  if (BigInt(n) < -(2n ** 63n) || BigInt(n) >= 2n ** 64n)
    throw pyError('RuntimeError', 'Overflow when unpacking long');
  return n;
}

/** A `generator=` argument: its stream, or null for the session's default one. */
export function generatorOf(v: PyValue): core.MT19937 | null {
  if (v === null) return null;
  if (v instanceof PyNative && v.cls === generatorType) return (v.value as core.Generator | null)?.mt ?? null;
  throw pyError('TypeError', `argument 'generator' must be torch.Generator, not ${typeName(v)}`);
}
