// The Python type torch.Tensor: operator slots (__add__ … __getitem__), properties (shape, grad …),
// and every method declared in ops/ (made here by bindMethod). Also how core results become Python values.
import * as core from '../../../core/index.js';
import { type Operand, Tensor } from '../../../core/index.js';
import {
  type BoundArgs,
  defineFunction,
  defineNativeType,
  makeIterator,
  type MaybePromise,
  type NativeFunction,
  newTuple,
  None,
  NotImplemented,
  pyFloat,
  pyInt,
  PyNative,
  type PyTuple,
  type PyType,
  type PyValue,
  pyError,
  toIndex,
  typeName,
} from '../../objects.js';
import { format as pyFormat, repr as pyRepr } from '../../runtime.js';
import {
  indexItems,
  isTensor,
  itemValue,
  operand,
  readValues,
  requireOperand,
  requireTensor,
  sizesFrom,
  tensorOf,
  toTensorSync,
} from './convert.js';
import { afterGpuSetUp, guard } from './errors.js';
import { bindMethod, enterTensorScope, type OpResult, ReturnPair, settle } from './op.js';
import { TENSOR_OPS } from './ops/index.js';
import { deviceValue, dtypeValue, sizeValue } from './values.js';

const then = <T, U>(v: MaybePromise<T>, f: (x: T) => MaybePromise<U>): MaybePromise<U> =>
  v instanceof Promise ? v.then(f) : f(v);

/** The Python object for a core tensor (the same object each time for the same tensor). */
export function wrap(t: Tensor): PyValue {
  return tensorType.wrap(t);
}

/** An op's result as a Python value: tensors wrapped, pairs named, arrays of tensors as tuples. */
export function toPython(r: OpResult): PyValue {
  if (r instanceof Tensor) return wrap(r);
  if (r === undefined) return None;
  if (r instanceof ReturnPair) return namedPair(r.kind, r.values, r.indices);
  if (Array.isArray(r)) return newTuple((r as readonly Tensor[]).map(wrap));
  return r as PyValue;
}

/** grad_fn: one Python type per backward node name (AddBackward0 …). */
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
            newTuple(
              self.value.inputs.map((i) =>
                newTuple([i.gradFn ? gradFnValue(i.gradFn) : i.requiresGrad ? accumulateValue(i) : None, 0]),
              ),
            ),
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
          return then(pyRepr(v), (vs) =>
            then(pyRepr(i), (is) => `torch.return_types.${kind}(\nvalues=${vs},\nindices=${is})`),
          );
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
/** repr(tensor), awaiting GPU data when needed. */
export function tensorRepr(t: Tensor): MaybePromise<string> {
  const info = core.reprInfo(t);
  return then(readValues(t), (values) => core.formatTensor(info, values));
}

// ---- operator slots ------------------------------------------------------------------------------

type SlotImpl = (a: BoundArgs) => MaybePromise<PyValue | undefined>;
/** A slot's answer is already a Python value. */
const asPython = (r: OpResult) => r as PyValue;
/** A dunder method: core errors become Python exceptions; results go to the tensor's session. */
function method(name: string, spec: string, impl: SlotImpl): NativeFunction {
  const call = (a: BoundArgs): MaybePromise<PyValue> => {
    enterTensorScope(a.self);
    try {
      // As an op's: a later core error as Python's, and after the op that started the cpu
      // device's move to wasm, the answer waits for it.
      return settle(impl(a), asPython);
    } catch (e) {
      return afterGpuSetUp(e, () => call(a));
    }
  };
  return defineFunction(name, spec, call);
}

const T = (a: BoundArgs) => tensorOf(a.self);
const W = (t: Tensor) => wrap(t);

/** `x op y`: NotImplemented for what is not a number or tensor, so Python tries the other side. */
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

function unaryMethod(name: string, fn: (t: Tensor) => Tensor): NativeFunction {
  return method(name, 'self', (a) => W(fn(T(a))));
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

const slots: Record<string, NativeFunction> = {
  __repr__: method('__repr__', 'self', (a) => tensorRepr(T(a))),
  __str__: method('__str__', 'self', (a) => tensorRepr(T(a))),
  __format__: formatMethod,
  __hash__: method('__hash__', 'self', (a) => objectIdOf(T(a))),
  // copy.deepcopy: a leaf's values, requires_grad and grad in new storage, of the same class
  // (a Parameter stays one); PyTorch refuses a tensor an op made.
  __deepcopy__: method('__deepcopy__', 'self, memo', (a) => {
    const t = T(a);
    if (!t.isLeaf)
      throw pyError(
        'RuntimeError',
        'Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment',
      );
    const copy = core.clone(core.detach(t));
    core.setRequiresGrad(copy, t.requiresGrad);
    if (t.grad) copy.grad = core.clone(t.grad);
    const out = wrap(copy) as PyNative<Tensor>;
    out.cls = (a.self as PyNative<Tensor>).cls;
    return out;
  }),
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
  __matmul__: method('__matmul__', 'self, other', (a) =>
    isTensor(a.other) ? W(core.matmul(T(a), a.other.value)) : NotImplemented,
  ),
  __rmatmul__: method('__rmatmul__', 'self, other', (a) =>
    isTensor(a.other) ? W(core.matmul(a.other.value, T(a))) : NotImplemented,
  ),
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
    if (t.numel > 1)
      throw pyError('RuntimeError', 'Boolean value of Tensor with more than one value is ambiguous');
    return then(readValues(t), (v) => v[0] !== 0);
  }),
  __float__: method('__float__', 'self', (a) => {
    const t = T(a);
    if (t.numel !== 1)
      throw pyError('ValueError', 'only one element tensors can be converted to Python scalars');
    return then(readValues(t), (v) => pyFloat(Number(v[0])));
  }),
  __int__: method('__int__', 'self', (a) => {
    const t = T(a);
    if (t.numel !== 1)
      throw pyError('ValueError', 'only one element tensors can be converted to Python scalars');
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
    if (o === undefined)
      throw pyError(
        'RuntimeError',
        `Tensor.__contains__ only supports Tensor or scalar, but you passed in a ${typeName(a.element)}.`,
      );
    return Array.prototype.some.call(core.compare('eq', T(a), o).readSync(), (v: number) => v !== 0);
  }),
};

/** Tensor methods from the op table. */
const methods: Record<string, NativeFunction> = {};
for (const [name, op] of Object.entries(TENSOR_OPS))
  if (op.kind !== 'function') methods[name] = bindMethod(name, op, toPython);

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
  methods: { ...slots, ...methods },
  properties: {
    shape: { get: (self) => sizeValue(self.value.shape) },
    dtype: { get: (self) => dtypeValue(self.value.dtype) },
    device: { get: (self) => deviceValue(self.value.device) },
    ndim: { get: (self) => self.value.ndim },
    is_leaf: { get: (self) => self.value.isLeaf },
    retains_grad: { get: (self) => self.value.retainsGrad },
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

// A tensor's Python object is kept on the tensor itself (the same object each time, as PyType.wrap
// promises): a WeakMap entry per op result costs more than a small op's arithmetic.
const wrapOther = tensorType.wrap.bind(tensorType);
tensorType.wrap = <T>(value: T): PyNative<T> =>
  value instanceof Tensor
    ? ((value.wrapper ??= new PyNative(tensorType, value)) as PyNative<T>)
    : wrapOther(value);
