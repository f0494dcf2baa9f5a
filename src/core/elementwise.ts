// Elementwise ops with PyTorch's type promotion, broadcasting and device rules, and their gradients.
import * as tf from '@tensorflow/tfjs-core';
import { type DType, DEFAULT_FLOAT, isFloating, resultType, scalarTypeName, storageType } from './dtype.js';
import { type DeviceType, backendFor, deviceString, selectDevice } from './device.js';
import { checkAllocation, runtimeError } from './errors.js';
import { type Operand, type Scalar, isScalar, pyFloat, scalarValue, typedOperand } from './scalar.js';
import {
  type HostArithmetic,
  WASM_HOST_RESULT_LIMIT,
  WASM_SIMD_FROM,
  arithmeticOnHost,
  hostLoopPays,
  storageView,
} from './host.js';
import { wasmArithmeticLent, wasmArithmeticOnHost, wasmArithmeticTensor } from './wasm-arithmetic.js';
import { broadcastShapes, numelOf, stridesOf } from './shapes.js';
import { type BackwardFn, HostValues, Tensor, compute, makeResult, needsGrad } from './tensor.js';

/** The device an op runs on; mixing devices is PyTorch's error (a 0-d cpu tensor may join cuda). */
export function commonDevice(operands: readonly Operand[]): DeviceType {
  let device: DeviceType | null = null;
  let sawCpuScalar = false;
  for (const o of operands) {
    if (!(o instanceof Tensor)) continue;
    if (o.device === 'cpu' && o.dims.length === 0) {
      sawCpuScalar = true;
      continue;
    }
    if (device == null) device = o.device;
    else if (device !== o.device) {
      throw runtimeError(
        `Expected all tensors to be on the same device, but found at least two devices, ${deviceString(device)} and ${deviceString(o.device)}!`,
      );
    }
  }
  return device ?? (sawCpuScalar ? 'cpu' : 'cpu');
}

/** The operand's values as a tfjs tensor of the storage type for `dtype` (call inside tidy). */
export function asTf(o: Operand, dtype: DType): tf.Tensor {
  const store = storageType(dtype);
  if (o instanceof Tensor) {
    const d = o.data;
    return d.dtype === store ? d : castData(d, store);
  }
  const v = scalarValue(o);
  return tf.scalar(store === 'int32' ? Math.trunc(v) : v, store);
}

/** tfjs cast, but truncating floats toward zero on the way to int (tfjs casts that way too). */
export function castData(d: tf.Tensor, store: tf.DataType): tf.Tensor {
  if (d.dtype === store) return d;
  if (store === 'bool') return tf.notEqual(d, 0);
  return tf.cast(d, store);
}

const NO_DIMS: readonly number[] = [];
function shapeOf(o: Operand): readonly number[] {
  return o instanceof Tensor ? o.dims : NO_DIMS;
}

const tensorsOf = (...ops: Operand[]): Tensor[] => ops.filter((o): o is Tensor => o instanceof Tensor);

interface BinarySpec {
  name: string;
  /** dtype computed in, from the promoted dtype (e.g. true division of ints computes in float) */
  computeType?: (common: DType) => DType;
  /** dtype of the result (comparisons give bool) */
  outType?: (compute: DType) => DType;
  check?: (a: Operand, b: Operand, common: DType) => void;
  fn: (x: tf.Tensor, y: tf.Tensor, compute: DType) => tf.Tensor;
  /** gradients wrt a and b, given the output gradient and the inputs' values */
  grad?: (g: tf.Tensor, x: tf.Tensor, y: tf.Tensor, out: () => tf.Tensor) => (tf.Tensor | null)[];
  savesTensors?: boolean;
  /** the op on one pair of float64 values: float64/int64 results are also computed exactly */
  host?: (x: number, y: number) => number;
  /** fn runs exactly one tfjs op on its inputs (no intermediates): skips tf.tidy */
  singleKernel?: boolean;
  /** float32 results may come from a JS loop (see arithmeticOnHost) */
  arithmetic?: HostArithmetic;
}

export function binary(a: Operand, b: Operand, spec: BinarySpec): Tensor {
  const common =
    a instanceof Tensor && b instanceof Tensor && a.dtype === b.dtype
      ? a.dtype
      : resultType([typedOperand(a), typedOperand(b)]);
  const device = commonDevice([a, b]);
  const outShape = broadcastShapes(shapeOf(a), shapeOf(b));
  if (outShape.length > 1) checkAllocation(outShape);
  spec.check?.(a, b, common);
  const computeType = spec.computeType ? spec.computeType(common) : common;
  const outType = spec.outType ? spec.outType(computeType) : computeType;
  const data =
    (spec.arithmetic && arithmeticHost(spec.arithmetic, a, b, outShape, computeType, outType, device)) ??
    (spec.singleKernel
      ? runSingle(device, a, b, computeType, outType, spec.fn)
      : compute(device, () => {
          const r = spec.fn(asTf(a, computeType), asTf(b, computeType), computeType);
          return castData(r, storageType(outType));
        }));
  const gradSpec = spec.grad;
  if (!gradSpec || !isFloating(outType) || !needsGrad([a, b]))
    return withExact(new Tensor(data, outType, device), spec.host, a, b);
  const inputs = tensorsOf(a, b);
  const backward: BackwardFn = (g) => {
    const x = asTf(a, computeType);
    const y = asTf(b, computeType);
    const [ga, gb] = gradSpec(g, x, y, () => spec.fn(x, y, computeType));
    const grads: (tf.Tensor | null)[] = [];
    if (a instanceof Tensor) grads.push(ga);
    if (b instanceof Tensor) grads.push(gb);
    return grads;
  };
  return withExact(
    makeResult(data, outType, device, inputs, spec.name, backward, spec.savesTensors ?? true),
    spec.host,
    a,
    b,
  );
}

/**
 * float32 + - * / on the cpu device as a wasm SIMD loop (from WASM_SIMD_FROM values) or a JS loop
 * over the operands' values where they lie, where that beats a tfjs kernel call (hostLoopPays);
 * null leaves the op to tfjs (other dtypes, a GPU, broadcasting beyond a single value).
 */
function arithmeticHost(
  op: HostArithmetic,
  a: Operand,
  b: Operand,
  shape: number[],
  computeType: DType,
  outType: DType,
  device: DeviceType,
): HostValues | tf.Tensor | null {
  if (storageType(computeType) !== 'float32' || storageType(outType) !== 'float32') return null;
  const n = numelOf(shape);
  const backend = backendFor(device);
  // On the JS cpu backend the operands are copied into the SIMD heap: still ahead of a JS loop.
  const simd = (backend === 'wasm' || backend === 'cpu') && n >= WASM_SIMD_FROM;
  if (!simd && !hostLoopPays(backend, n)) return null;
  // Values in JS memory first, then tfjs storage: a view refreshing from its base runs tfjs ops,
  // which may move wasm memory under a view of the other operand taken before.
  const xh = a instanceof Tensor ? a.hostValues : null;
  const yh = b instanceof Tensor ? b.hostValues : null;
  const xd = a instanceof Tensor && !xh ? a.data : null;
  const yd = b instanceof Tensor && !yh ? b.data : null;
  let x = xh ?? (xd ? storageView(xd, backend) : Float32Array.of(scalarValue(a as Scalar)));
  const y = yh ?? (yd ? storageView(yd, backend) : Float32Array.of(scalarValue(b as Scalar)));
  // Moving y into wasm memory (see storageView) may have grown it, detaching x's view: look again.
  if (xd && x?.length === 0) x = storageView(xd, backend);
  if (!x || !y || (x.length !== n && x.length !== 1) || (y.length !== n && y.length !== 1)) return null;
  if (simd && n > WASM_HOST_RESULT_LIMIT && backend === 'wasm')
    return wasmArithmeticTensor(op, x, y, shape, n);
  const values =
    (simd
      ? n > WASM_HOST_RESULT_LIMIT
        ? wasmArithmeticOnHost(op, x, y, n)
        : wasmArithmeticLent(op, x, y, n)
      : null) ?? (hostLoopPays(backend, n) ? arithmeticOnHost(op, x, y, n) : null);
  return values && new HostValues(values, shape);
}

/**
 * The fast path for ops that run one tfjs kernel: no tf.tidy scope, the operands converted for
 * the op (Python numbers, casts) are disposed right after it.
 */
function runSingle(
  device: DeviceType,
  a: Operand,
  b: Operand,
  computeType: DType,
  outType: DType,
  fn: BinarySpec['fn'],
): tf.Tensor {
  selectDevice(device);
  const x = asTf(a, computeType);
  const y = asTf(b, computeType);
  let r: tf.Tensor;
  try {
    r = fn(x, y, computeType);
  } finally {
    if (!(a instanceof Tensor) || x !== a.data) x.dispose();
    if (!(b instanceof Tensor) || y !== b.data) y.dispose();
  }
  const store = storageType(outType);
  if (r.dtype === store) return r;
  const cast = castData(r, store);
  r.dispose();
  return cast;
}

/** Host work for exact float64/int64 results is bounded: lesson-sized cpu tensors only. */
const EXACT_LIMIT = 1 << 16;

/**
 * float64/int64 results: recomputes the op in double precision on the host (cpu tensors of lesson
 * size), so item(), tolist() and printing show float64 values, not float32 ones.
 */
function withExact(
  out: Tensor,
  host: ((x: number, y: number) => number) | undefined,
  a: Operand,
  b?: Operand,
): Tensor {
  if (!host || (out.dtype !== 'float64' && out.dtype !== 'int64') || out.device !== 'cpu') return out;
  const n = out.numel;
  if (n > EXACT_LIMIT) return out;
  const shape = out.shape;
  const xa = broadcastHost(a, shape);
  const xb = b === undefined ? null : broadcastHost(b, shape);
  const values = new Float64Array(n);
  const isInt = out.dtype === 'int64';
  for (let i = 0; i < n; i++) {
    const v = host(xa[i], xb ? xb[i] : 0);
    values[i] = isInt ? Math.trunc(v) : v;
  }
  out.attachExact(values);
  return out;
}

const floatOf = (d: DType): DType => (isFloating(d) ? d : DEFAULT_FLOAT);

// Op descriptions built once (not per call): the small-op chain is dominated by per-op overhead.
const ADD: BinarySpec = {
  arithmetic: 'add',
  name: 'AddBackward0',
  singleKernel: true,
  host: (x, y) => x + y,
  fn: (x, y, d) => (d === 'bool' ? tf.logicalOr(x, y) : tf.add(x, y)),
  grad: (g) => [g, g],
  savesTensors: false,
};
const SUB: BinarySpec = {
  arithmetic: 'sub',
  name: 'SubBackward0',
  fn: (x, y) => tf.sub(x, y),
  grad: (g) => [g, tf.neg(g)],
  savesTensors: false,
  host: (x, y) => x - y,
  singleKernel: true,
};
const RSUB1: BinarySpec = { ...SUB, name: 'RsubBackward1' };
const RSUB0: BinarySpec = { ...SUB, name: 'RsubBackward0' };
const MUL: BinarySpec = {
  arithmetic: 'mul',
  name: 'MulBackward0',
  singleKernel: true,
  host: (x, y) => x * y,
  fn: (x, y, d) => (d === 'bool' ? tf.logicalAnd(x, y) : tf.mul(x, y)),
  grad: (g, x, y) => [tf.mul(g, y), tf.mul(g, x)],
};
const DIV: BinarySpec = {
  arithmetic: 'div',
  name: 'DivBackward0',
  singleKernel: true,
  host: (x, y) => x / y,
  computeType: (d) => floatOf(d),
  fn: (x, y) => tf.div(x, y),
  grad: (g, x, y) => [tf.div(g, y), tf.neg(tf.div(tf.mul(g, x), tf.square(y)))],
};

export function add(a: Operand, b: Operand, alpha?: Scalar): Tensor {
  if (alpha !== undefined && scalarValue(alpha) !== 1) return add(a, mul(b, alpha));
  return binary(a, b, ADD);
}

export function sub(a: Operand, b: Operand, alpha?: Scalar): Tensor {
  if (alpha !== undefined && scalarValue(alpha) !== 1) return sub(a, mul(b, alpha));
  checkNotBoolSub(a, b);
  return binary(a, b, SUB);
}

/** `other - self`: Python's `3 - x` (RsubBackward1 when `other` is a number). */
export function rsub(self: Tensor, other: Operand): Tensor {
  checkNotBoolSub(other, self);
  return binary(other, self, isScalar(other) ? RSUB1 : RSUB0);
}

function isBoolOperand(o: Operand): boolean {
  return o instanceof Tensor ? o.dtype === 'bool' : typeof o === 'boolean';
}

function checkNotBoolSub(a: Operand, b: Operand): void {
  if (isBoolOperand(a) && isBoolOperand(b)) {
    throw runtimeError(
      'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
    );
  }
}

export function mul(a: Operand, b: Operand): Tensor {
  return binary(a, b, MUL);
}

/** True division (`/`), or torch.div with rounding_mode 'trunc' / 'floor'. */
export function div(a: Operand, b: Operand, roundingMode: 'trunc' | 'floor' | null = null): Tensor {
  if (roundingMode === 'floor') return floorDivide(a, b);
  if (roundingMode === 'trunc') {
    return binary(a, b, {
      name: 'DivBackward1',
      host: (x, y) => Math.trunc(x / y),
      check: checkIntZeroDivisor,
      fn: (x, y, d) =>
        isFloating(d) ? truncTf(tf.div(x, y)) : truncTf(tf.div(tf.cast(x, 'float32'), tf.cast(y, 'float32'))),
      outType: (d) => d,
    });
  }
  return binary(a, b, DIV);
}

function truncTf(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.sign(x), tf.floor(tf.abs(x)));
}

/** `number / tensor`: PyTorch computes other * self.reciprocal() (grad_fn MulBackward0). */
export function rdiv(self: Tensor, other: Operand): Tensor {
  return mul(reciprocal(self), other);
}

function checkIntZeroDivisor(_a: Operand, b: Operand, common: DType): void {
  if (isFloating(common)) return;
  const zero =
    b instanceof Tensor
      ? Array.prototype.some.call(b.readSync(), (v: number) => v === 0)
      : scalarValue(b) === 0;
  if (zero) throw runtimeError('ZeroDivisionError');
}

export function floorDivide(a: Operand, b: Operand): Tensor {
  return binary(a, b, {
    name: 'DivBackward1',
    host: (x, y) => Math.floor(x / y),
    check: checkIntZeroDivisor,
    fn: (x, y, d) => (isFloating(d) ? tf.floor(tf.div(x, y)) : tf.floorDiv(x, y)),
  });
}

export function remainder(a: Operand, b: Operand): Tensor {
  return binary(a, b, {
    name: 'RemainderBackward0',
    host: (x, y) => x - Math.floor(x / y) * y,
    check: checkIntZeroDivisor,
    fn: (x, y) => tf.mod(x, y),
    grad: (g, x, y) => [g, tf.neg(tf.mul(g, tf.floor(tf.div(x, y))))],
  });
}

export function pow(a: Operand, b: Operand): Tensor {
  const name = isScalar(a) ? 'PowBackward2' : isScalar(b) ? 'PowBackward0' : 'PowBackward1';
  return binary(a, b, {
    name,
    host: (x, y) => x ** y,
    check: (_x, y, common) => {
      if (isFloating(common) || common === 'bool') return;
      const negative =
        y instanceof Tensor
          ? Array.prototype.some.call(y.readSync(), (v: number) => v < 0)
          : scalarValue(y) < 0;
      if (negative) throw runtimeError('Integers to negative integer powers are not allowed.');
    },
    fn: (x, y, d) => (d === 'bool' ? tf.logicalOr(x, tf.logicalNot(y)) : powTf(x, y, d)),
    grad: (g, x, y, out) => {
      const gx = tf.mul(g, tf.mul(y, tf.pow(x, tf.sub(y, 1))));
      // d/dy x^y = x^y log x, taken as 0 where x == 0 (as PyTorch does)
      const gy = tf.mul(g, tf.where(tf.equal(x, 0), tf.zerosLike(x), tf.mul(out(), tf.log(x))));
      return [gx, gy];
    },
  });
}

function powTf(x: tf.Tensor, y: tf.Tensor, d: DType): tf.Tensor {
  if (d === 'bool' || isFloating(d)) return tf.pow(x, y);
  // int ** int in float32 loses nothing for lesson-sized results and works on every backend
  return tf.cast(tf.round(tf.pow(tf.cast(x, 'float32'), tf.cast(y, 'float32'))), 'int32');
}

export function maximum(a: Tensor, b: Tensor): Tensor {
  return extremum(a, b, 'MaximumBackward0', Math.max, tf.maximum, tf.greater);
}

export function minimum(a: Tensor, b: Tensor): Tensor {
  return extremum(a, b, 'MinimumBackward0', Math.min, tf.minimum, tf.less);
}

/** maximum/minimum: the gradient goes to the side that won, split in half on a tie (as PyTorch). */
function extremum(
  a: Tensor,
  b: Tensor,
  name: string,
  host: (x: number, y: number) => number,
  fn: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor,
  wins: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor,
): Tensor {
  return binary(a, b, {
    name,
    host,
    fn: (x, y) => fn(x, y),
    grad: (g, x, y) => {
      const ax = tf.cast(wins(x, y), g.dtype);
      const eq = tf.mul(tf.cast(tf.equal(x, y), g.dtype), 0.5);
      return [tf.mul(g, tf.add(ax, eq)), tf.mul(g, tf.sub(tf.sub(1, ax), eq))];
    },
  });
}

export type Comparison = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
const COMPARE: Record<Comparison, (x: tf.Tensor, y: tf.Tensor) => tf.Tensor> = {
  eq: tf.equal,
  ne: tf.notEqual,
  lt: tf.less,
  le: tf.lessEqual,
  gt: tf.greater,
  ge: tf.greaterEqual,
};

export function compare(op: Comparison, a: Operand, b: Operand): Tensor {
  return binary(a, b, { name: '', fn: (x, y) => COMPARE[op](x, y), outType: () => 'bool' });
}

export type Bitwise = 'and' | 'or' | 'xor';
export function bitwise(op: Bitwise, a: Operand, b: Operand): Tensor {
  const common = resultType([typedOperand(a), typedOperand(b)]);
  if (isFloating(common)) {
    throw runtimeError(`"bitwise_${op}_cpu" not implemented for '${scalarTypeName(common)}'`);
  }
  if (common === 'bool') {
    const fn = op === 'and' ? tf.logicalAnd : op === 'or' ? tf.logicalOr : tf.logicalXor;
    return binary(a, b, { name: '', fn: (x, y) => fn(x, y) });
  }
  // Integer bitwise ops on the host: tfjs lacks them on most backends, and they are rare in lessons.
  const shape = broadcastShapes(shapeOf(a), shapeOf(b));
  const device = commonDevice([a, b]);
  const xa = broadcastHost(a, shape);
  const xb = broadcastHost(b, shape);
  const f =
    op === 'and'
      ? (p: number, q: number) => p & q
      : op === 'or'
        ? (p: number, q: number) => p | q
        : (p: number, q: number) => p ^ q;
  return Tensor.fromHost(
    xa.map((v, i) => f(v, xb[i])),
    shape,
    common,
    device,
  );
}

/** An operand's values broadcast to `shape`, on the host. */
export function broadcastHost(o: Operand, shape: number[]): number[] {
  if (!(o instanceof Tensor)) return new Array(shape.reduce((p, q) => p * q, 1)).fill(scalarValue(o));
  const values = o.readSync();
  const src = o.shape;
  const n = shape.reduce((p, q) => p * q, 1);
  const out = new Array<number>(n);
  const lead = shape.length - src.length;
  // A size-1 axis repeats along the broadcast one: stride 0.
  const srcStrides = stridesOf(src).map((stride, i) => (src[i] === 1 ? 0 : stride));
  for (let flat = 0; flat < n; flat++) {
    let rem = flat;
    let offset = 0;
    for (let i = shape.length - 1; i >= 0; i--) {
      const idx = rem % shape[i];
      rem = Math.floor(rem / shape[i]);
      if (i >= lead) offset += idx * srcStrides[i - lead];
    }
    out[flat] = values[offset];
  }
  return out;
}

// ---- unary ----

interface UnarySpec {
  name: string;
  /** int inputs compute in float (sin of an int tensor is float32) */
  toFloat?: boolean;
  fn: (x: tf.Tensor) => tf.Tensor;
  grad?: (g: tf.Tensor, x: tf.Tensor, out: () => tf.Tensor) => tf.Tensor;
  savesTensors?: boolean;
  check?: (t: Tensor) => void;
  /** the op on one float64 value (exact float64 results, as in binary ops) */
  host?: (x: number) => number;
  /** fn is one tfjs op (no intermediates): skips tf.tidy when no cast is needed */
  singleKernel?: boolean;
}

export function unary(t: Tensor, spec: UnarySpec): Tensor {
  spec.check?.(t);
  const dtype = spec.toFloat ? floatOf(t.dtype) : t.dtype;
  let data: tf.Tensor;
  if (spec.singleKernel && t.dtype === dtype) {
    selectDevice(t.device);
    data = spec.fn(t.data);
  } else data = compute(t.device, () => spec.fn(asTf(t, dtype)));
  const gradFn = spec.grad;
  const host = spec.host;
  const hostBinary = host && (dtype === 'float64' || dtype === 'int64') ? (x: number) => host(x) : undefined;
  if (!gradFn || !isFloating(dtype) || !needsGrad([t]))
    return withExact(new Tensor(data, dtype, t.device), hostBinary, t);
  const out = makeResult(
    data,
    dtype,
    t.device,
    [t],
    spec.name,
    (g) => {
      const x = asTf(t, dtype);
      return [gradFn(g, x, () => spec.fn(x))];
    },
    spec.savesTensors ?? true,
  );
  return withExact(out, hostBinary, t);
}

// tfjs functions that run one kernel (the composite ones, like log2 here, need tf.tidy)
const SINGLE_KERNEL = new Set<(x: tf.Tensor) => tf.Tensor>([
  tf.sin,
  tf.cos,
  tf.tan,
  tf.exp,
  tf.log,
  tf.log1p,
  tf.expm1,
  tf.sqrt,
  tf.rsqrt,
  tf.sigmoid,
  tf.tanh,
  tf.sinh,
  tf.cosh,
  tf.asin,
  tf.acos,
  tf.atan,
  tf.reciprocal,
]);

const floatUnary = (
  name: string,
  fn: (x: tf.Tensor) => tf.Tensor,
  grad: UnarySpec['grad'],
  host?: (x: number) => number,
) => {
  const spec: UnarySpec = { name, toFloat: true, fn, grad, host, singleKernel: SINGLE_KERNEL.has(fn) };
  return (t: Tensor) => unary(t, spec);
};

export const sin = floatUnary('SinBackward0', tf.sin, (g, x) => tf.mul(g, tf.cos(x)), Math.sin);
export const cos = floatUnary('CosBackward0', tf.cos, (g, x) => tf.neg(tf.mul(g, tf.sin(x))), Math.cos);
export const tan = floatUnary(
  'TanBackward0',
  tf.tan,
  (g, _x, out) => tf.mul(g, tf.add(1, tf.square(out()))),
  Math.tan,
);
export const exp = floatUnary('ExpBackward0', tf.exp, (g, _x, out) => tf.mul(g, out()), Math.exp);
export const log = floatUnary('LogBackward0', tf.log, (g, x) => tf.div(g, x), Math.log);
export const log2 = floatUnary(
  'Log2Backward0',
  (x) => tf.div(tf.log(x), Math.LN2),
  (g, x) => tf.div(g, tf.mul(x, Math.LN2)),
  Math.log2,
);
export const log10 = floatUnary(
  'Log10Backward0',
  (x) => tf.div(tf.log(x), Math.LN10),
  (g, x) => tf.div(g, tf.mul(x, Math.LN10)),
  Math.log10,
);
export const log1p = floatUnary('Log1PBackward0', tf.log1p, (g, x) => tf.div(g, tf.add(x, 1)), Math.log1p);
export const expm1 = floatUnary(
  'Expm1Backward0',
  tf.expm1,
  (g, _x, out) => tf.mul(g, tf.add(out(), 1)),
  Math.expm1,
);
export const sqrt = floatUnary(
  'SqrtBackward0',
  tf.sqrt,
  (g, _x, out) => tf.div(g, tf.mul(out(), 2)),
  Math.sqrt,
);
export const rsqrt = floatUnary(
  'RsqrtBackward0',
  tf.rsqrt,
  (g, _x, out) => tf.mul(g, tf.mul(tf.pow(out(), 3), -0.5)),
  (x) => 1 / Math.sqrt(x),
);
export const sigmoid = floatUnary(
  'SigmoidBackward0',
  tf.sigmoid,
  (g, _x, out) => {
    const s = out();
    return tf.mul(g, tf.mul(s, tf.sub(1, s)));
  },
  (x) => 1 / (1 + Math.exp(-x)),
);
export const tanh = floatUnary(
  'TanhBackward0',
  tf.tanh,
  (g, _x, out) => tf.mul(g, tf.sub(1, tf.square(out()))),
  Math.tanh,
);
export const sinh = floatUnary('SinhBackward0', tf.sinh, (g, x) => tf.mul(g, tf.cosh(x)), Math.sinh);
export const cosh = floatUnary('CoshBackward0', tf.cosh, (g, x) => tf.mul(g, tf.sinh(x)), Math.cosh);
export const asin = floatUnary(
  'AsinBackward0',
  tf.asin,
  (g, x) => tf.div(g, tf.sqrt(tf.sub(1, tf.square(x)))),
  Math.asin,
);
export const acos = floatUnary(
  'AcosBackward0',
  tf.acos,
  (g, x) => tf.neg(tf.div(g, tf.sqrt(tf.sub(1, tf.square(x))))),
  Math.acos,
);
export const atan = floatUnary(
  'AtanBackward0',
  tf.atan,
  (g, x) => tf.div(g, tf.add(1, tf.square(x))),
  Math.atan,
);
export const reciprocal = floatUnary(
  'ReciprocalBackward0',
  tf.reciprocal,
  (g, _x, out) => tf.neg(tf.mul(g, tf.square(out()))),
  (x) => 1 / x,
);

export function neg(t: Tensor): Tensor {
  if (t.dtype === 'bool') {
    throw runtimeError(
      'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
  return unary(t, {
    name: 'NegBackward0',
    fn: tf.neg,
    grad: (g) => tf.neg(g),
    savesTensors: false,
    host: (x) => -x,
  });
}

export function abs(t: Tensor): Tensor {
  return unary(t, {
    name: 'AbsBackward0',
    fn: tf.abs,
    grad: (g, x) => tf.mul(g, tf.sign(x)),
    host: Math.abs,
  });
}

export function sign(t: Tensor): Tensor {
  return unary(t, { name: 'SignBackward0', fn: tf.sign, grad: (g) => tf.zerosLike(g) });
}

export function relu(t: Tensor): Tensor {
  return unary(t, {
    name: 'ReluBackward0',
    fn: (x) => (t.dtype === 'bool' ? x : tf.relu(x)),
    grad: (g, x) => tf.mul(g, tf.cast(tf.greater(x, 0), g.dtype)),
  });
}

const roundingUnary = (name: string, fn: (x: tf.Tensor) => tf.Tensor) => (t: Tensor) =>
  unary(t, {
    name,
    fn: (x) => (isFloating(t.dtype) ? fn(x) : x),
    grad: (g) => tf.zerosLike(g),
    savesTensors: false,
  });
export const floor = roundingUnary('FloorBackward0', tf.floor);
export const ceil = roundingUnary('CeilBackward0', tf.ceil);
/** round half to even, as PyTorch does (tfjs round is also banker's rounding) */
export const round = roundingUnary('RoundBackward0', tf.round);
export const trunc = roundingUnary('TruncBackward0', truncTf);

/** round(t, decimals=n): scaled, rounded half to even, scaled back (as PyTorch computes it). */
export function roundDecimals(t: Tensor, decimals: number): Tensor {
  if (decimals === 0) return round(t);
  const scale = pyFloat(10 ** decimals);
  return div(round(mul(t, scale)), scale);
}

export function square(t: Tensor): Tensor {
  return pow(t, 2);
}

/** clamp(min, max) with numbers (ClampBackward1) or tensors (ClampBackward0). */
export function clamp(t: Tensor, min: Operand | null, max: Operand | null): Tensor {
  if (min == null && max == null)
    throw runtimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  const bounds = [min, max].filter((o): o is Operand => o != null);
  const dtype = resultType([typedOperand(t), ...bounds.map(typedOperand)]);
  const device = commonDevice([t, ...bounds]);
  const data = compute(device, () => {
    let x = asTf(t, dtype);
    if (min != null) x = tf.maximum(x, asTf(min, dtype));
    if (max != null) x = tf.minimum(x, asTf(max, dtype));
    return x;
  });
  if (!isFloating(dtype)) return new Tensor(data, dtype, device);
  const tensorBounds = bounds.some((o) => o instanceof Tensor);
  return makeResult(data, dtype, device, [t], tensorBounds ? 'ClampBackward0' : 'ClampBackward1', (g) => {
    const x = asTf(t, dtype);
    let keep: tf.Tensor = tf.onesLike(x);
    if (min != null) keep = tf.mul(keep, tf.cast(tf.greaterEqual(x, asTf(min, dtype)), 'float32'));
    if (max != null) keep = tf.mul(keep, tf.cast(tf.lessEqual(x, asTf(max, dtype)), 'float32'));
    return [tf.mul(g, keep)];
  });
}

export function logicalNot(t: Tensor): Tensor {
  return new Tensor(
    compute(t.device, () => tf.logicalNot(asTf(t, 'bool'))),
    'bool',
    t.device,
  );
}

/** `~t`: logical not on bool, bitwise not (-x - 1) on integers. */
export function bitwiseNot(t: Tensor): Tensor {
  if (t.dtype === 'bool') return logicalNot(t);
  if (isFloating(t.dtype))
    throw runtimeError(`"bitwise_not_cpu" not implemented for '${scalarTypeName(t.dtype)}'`);
  return new Tensor(
    compute(t.device, () => tf.sub(tf.neg(t.data), 1)),
    t.dtype,
    t.device,
  );
}

/** torch.where(cond, a, b) */
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  const dtype = resultType([typedOperand(a), typedOperand(b)]);
  const device = commonDevice([cond, a, b]);
  const shape = broadcastShapes(broadcastShapes(cond.shape, shapeOf(a)), shapeOf(b));
  const data = compute(device, () => {
    const c = tf.broadcastTo(asTf(cond, 'bool'), shape);
    return tf.where(c, tf.broadcastTo(asTf(a, dtype), shape), tf.broadcastTo(asTf(b, dtype), shape));
  });
  if (!isFloating(dtype)) return new Tensor(data, dtype, device);
  const inputs = tensorsOf(a, b);
  return makeResult(data, dtype, device, inputs, 'WhereBackward0', (g) => {
    const c = tf.broadcastTo(asTf(cond, 'bool'), shape);
    const z = tf.zerosLike(g);
    const grads: tf.Tensor[] = [];
    if (a instanceof Tensor) grads.push(tf.where(c, g, z));
    if (b instanceof Tensor) grads.push(tf.where(c, z, g));
    return grads;
  });
}

export function isnan(t: Tensor): Tensor {
  return new Tensor(
    compute(t.device, () => (isFloating(t.dtype) ? tf.isNaN(t.data) : tf.zeros(t.shape, 'bool'))),
    'bool',
    t.device,
  );
}
export function isinf(t: Tensor): Tensor {
  return new Tensor(
    compute(t.device, () => (isFloating(t.dtype) ? tf.isInf(t.data) : tf.zeros(t.shape, 'bool'))),
    'bool',
    t.device,
  );
}
export function isfinite(t: Tensor): Tensor {
  return new Tensor(
    compute(t.device, () =>
      isFloating(t.dtype)
        ? tf.logicalNot(tf.logicalOr(tf.isNaN(t.data), tf.isInf(t.data)))
        : tf.ones(t.shape, 'bool'),
    ),
    'bool',
    t.device,
  );
}
