// torch.nn's layers (Linear, the activations, Dropout, Flatten, Identity) and containers
// (Sequential, ModuleList), as Module subclasses with PyTorch's __init__, forward and extra_repr.
import * as core from '../../../../core/index.js';
import type { Tensor } from '../../../../core/index.js';
import {
  type BoundArgs,
  defineFunction,
  makeIterator,
  type MaybePromise,
  type NativeFunction,
  None,
  PyDict,
  PyInstance,
  PySlice,
  PyList,
  PyTuple as PyTupleClass,
  type PyTuple,
  PyType,
  type PyValue,
  pyError,
  sliceIndices,
  toIndex,
  toNumber,
  typeName,
} from '../../../objects.js';
import { call as callPython, reprSync, toArrayMP as toArray } from '../../../runtime.js';
import { isTensor } from '../convert.js';
import { rejectAsPython, toPyError } from '../errors.js';
import { toPython } from '../tensor-type.js';
import { initModule, isModule, moduleType, namedChildren } from './module.js';
import { makeParameter, then } from './parameter.js';

/** A method whose core errors become Python exceptions and whose tensors are wrapped. */
export function nnMethod(
  name: string,
  spec: string,
  impl: (m: PyInstance, a: BoundArgs) => MaybePromise<PyValue | Tensor | undefined>,
): NativeFunction {
  return defineFunction(name, spec, (a) => {
    try {
      const r = impl(a.self as PyInstance, a);
      return r instanceof Promise
        ? r.then((x) => toPython(x as PyValue), rejectAsPython)
        : toPython(r as PyValue);
    } catch (e) {
      throw toPyError(e);
    }
  });
}

/** The tensor argument of forward(), with PyTorch's TypeError for anything else. */
export function inputOf(v: PyValue, fn: string): Tensor {
  if (isTensor(v)) return v.value;
  throw pyError('TypeError', `${fn}(): argument 'input' (position 1) must be Tensor, not ${typeName(v)}`);
}

export interface LayerSpec {
  name: string;
  /** Python module the class lives in (torch.nn.modules.<file>). */
  module: string;
  /** __init__'s parameters after self. */
  init: string;
  setup?: (m: PyInstance, a: BoundArgs) => void;
  forward?: (m: PyInstance, x: Tensor) => Tensor;
  extra?: (m: PyInstance) => string;
  methods?: Record<string, NativeFunction>;
}

/** A Module subclass: __init__ runs Module.__init__ then `setup`; forward takes one tensor. */
export function defineLayer(spec: LayerSpec): PyType {
  const t = new PyType(spec.name, { module: spec.module, bases: [moduleType] });
  const methods: Record<string, NativeFunction> = {
    __init__: nnMethod('__init__', spec.init ? `self, ${spec.init}` : 'self', (m, a) => {
      initModule(m);
      spec.setup?.(m, a);
      return None;
    }),
    ...spec.methods,
  };
  const forward = spec.forward;
  if (forward)
    methods.forward = nnMethod('forward', 'self, input', (m, a) =>
      forward(m, inputOf(a.input, spec.name.toLowerCase())),
    );
  const extra = spec.extra;
  if (extra) methods.extra_repr = nnMethod('extra_repr', 'self', (m) => extra(m));
  t.define(methods);
  return t;
}

const attr = (m: PyInstance, name: string): PyValue => m.dict.get(name) ?? None;
const num = (m: PyInstance, name: string) => toNumber(attr(m, name));
const tensorAttr = (m: PyInstance, name: string): Tensor | null => {
  const v = attr(m, name);
  return isTensor(v) ? v.value : null;
};
const pyBool = (v: PyValue) => (v === true ? 'True' : 'False');
const inplaceSuffix = (m: PyInstance, sep = ', ') =>
  attr(m, 'inplace') === true ? `${sep}inplace=True` : '';

// ---- Linear ---------------------------------------------------------------------------------------

/** kaiming_uniform_(a=√5) then uniform bias, as Linear.reset_parameters: the same draws as torch.rand. */
function resetLinear(weight: Tensor, bias: Tensor | null): void {
  const fanIn = weight.shape[1];
  const a = Math.sqrt(5);
  const gain = Math.sqrt(2.0 / (1 + a ** 2));
  const std = gain / Math.sqrt(fanIn);
  const bound = Math.sqrt(3.0) * std;
  core.noGrad(() => core.uniformFill(weight, -bound, bound));
  if (bias) {
    const b = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    core.noGrad(() => core.uniformFill(bias, -b, b));
  }
}

const features = (v: PyValue, name: string) => {
  const n = toIndex(v);
  if (n < 0) throw pyError('RuntimeError', `Trying to create tensor with negative dimension ${n}: [${name}]`);
  return n;
};

export const linearType = defineLayer({
  name: 'Linear',
  module: 'torch.nn.modules.linear',
  init: 'in_features, out_features, bias=True, device=None, dtype=None',
  setup: (m, a) => {
    const inF = features(a.in_features, `${reprSync(a.out_features)}, ${reprSync(a.in_features)}`);
    const outF = features(a.out_features, `${reprSync(a.out_features)}, ${reprSync(a.in_features)}`);
    const dtype =
      a.dtype === None
        ? undefined
        : (core.DTYPES.find((d) => reprSync(a.dtype) === `torch.${d}`) as core.DType | undefined);
    const w = core.zeros([outF, inF], { dtype });
    const b = a.bias === false ? null : core.zeros([outF], { dtype });
    resetLinear(w, b);
    m.dict.set('in_features', inF);
    m.dict.set('out_features', outF);
    m.dict.set('weight', makeParameter(w));
    m.dict.set('bias', b ? makeParameter(b) : None);
  },
  forward: (m, x) => core.linear(x, tensorAttr(m, 'weight') as Tensor, tensorAttr(m, 'bias')),
  extra: (m) =>
    `in_features=${reprSync(attr(m, 'in_features'))}, out_features=${reprSync(attr(m, 'out_features'))}, bias=${pyBool(attr(m, 'bias') !== None)}`,
  methods: {
    reset_parameters: nnMethod('reset_parameters', 'self', (m) => {
      resetLinear(tensorAttr(m, 'weight') as Tensor, tensorAttr(m, 'bias'));
      return None;
    }),
  },
});

// ---- activations and simple layers ----------------------------------------------------------------

const activation = (
  name: string,
  fn: (x: Tensor, m: PyInstance) => Tensor,
  init = 'inplace=False',
  extra?: (m: PyInstance) => string,
) =>
  defineLayer({
    name,
    module: 'torch.nn.modules.activation',
    init,
    setup: (m, a) => {
      for (const [k, v] of Object.entries(a)) if (k !== 'self') m.dict.set(k, v);
    },
    forward: (m, x) => fn(x, m),
    extra: extra ?? ((m) => inplaceSuffix(m, '')),
  });

const dimOf = (m: PyInstance) => {
  const d = attr(m, 'dim');
  return d === None ? null : toIndex(d);
};
/** PyTorch's implicit softmax dim for dim=None: 0 for 0-, 1- and 3-d inputs, else 1. */
const implicitDim = (x: Tensor) => (x.ndim === 0 || x.ndim === 1 || x.ndim === 3 ? 0 : 1);

export const layerTypes: Record<string, PyType> = {
  Linear: linearType,
  ReLU: activation('ReLU', (x) => core.relu(x)),
  Sigmoid: activation('Sigmoid', (x) => core.sigmoid(x), ''),
  Tanh: activation('Tanh', (x) => core.tanh(x), ''),
  LeakyReLU: activation(
    'LeakyReLU',
    (x, m) => core.leakyRelu(x, num(m, 'negative_slope')),
    'negative_slope=0.01, inplace=False',
    (m) => `negative_slope=${reprSync(attr(m, 'negative_slope'))}${inplaceSuffix(m)}`,
  ),
  Softmax: activation(
    'Softmax',
    (x, m) => core.softmax(x, dimOf(m) ?? implicitDim(x)),
    'dim=None',
    (m) => `dim=${reprSync(attr(m, 'dim'))}`,
  ),
  LogSoftmax: activation(
    'LogSoftmax',
    (x, m) => core.logSoftmax(x, dimOf(m) ?? implicitDim(x)),
    'dim=None',
    (m) => `dim=${reprSync(attr(m, 'dim'))}`,
  ),
  Identity: defineLayer({
    name: 'Identity',
    module: 'torch.nn.modules.linear',
    init: '*args, **kwargs',
    forward: (_m, x) => x,
  }),
  Flatten: defineLayer({
    name: 'Flatten',
    module: 'torch.nn.modules.flatten',
    init: 'start_dim=1, end_dim=-1',
    setup: (m, a) => {
      m.dict.set('start_dim', a.start_dim);
      m.dict.set('end_dim', a.end_dim);
    },
    forward: (m, x) => core.flatten(x, num(m, 'start_dim'), num(m, 'end_dim')),
    extra: (m) => `start_dim=${reprSync(attr(m, 'start_dim'))}, end_dim=${reprSync(attr(m, 'end_dim'))}`,
  }),
  Dropout: defineLayer({
    name: 'Dropout',
    module: 'torch.nn.modules.dropout',
    init: 'p=0.5, inplace=False',
    setup: (m, a) => {
      const p = toNumber(a.p);
      if (p < 0 || p > 1)
        throw pyError(
          'ValueError',
          `dropout probability has to be between 0 and 1, but got ${reprSync(a.p)}`,
        );
      m.dict.set('p', a.p);
      m.dict.set('inplace', a.inplace);
    },
    forward: (m, x) => core.dropout(x, num(m, 'p'), attr(m, 'training') === true),
    extra: (m) => `p=${reprSync(attr(m, 'p'))}, inplace=${pyBool(attr(m, 'inplace'))}`,
  }),
};

// ---- containers -----------------------------------------------------------------------------------

const children = (m: PyInstance) => namedChildren(m).map(([, c]) => c);
function checkModule(v: PyValue): PyInstance {
  if (!isModule(v)) throw pyError('TypeError', `${typeName(v)} is not a Module subclass`);
  return v;
}
/** Index into a container's children, with PyTorch's IndexError. */
function childIndex(m: PyInstance, key: PyValue): number {
  const n = children(m).length;
  let i = toIndex(key);
  if (!(-n <= i && i < n)) throw pyError('IndexError', `index ${i} is out of range`);
  if (i < 0) i += n;
  return i;
}
function sliceOf<T>(items: T[], s: PySlice): T[] {
  const [start, stop, step] = sliceIndices(s, items.length);
  const out: T[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(items[i]);
  return out;
}
const len = nnMethod('__len__', 'self', (m) => children(m).length);
const iter = nnMethod('__iter__', 'self', (m) => makeIterator(children(m)));
const append = () =>
  nnMethod('append', 'self, module', (m, a) => {
    m.dict.set(String(children(m).length), checkModule(a.module));
    return m;
  });

export const sequentialType: PyType = new PyType('Sequential', {
  module: 'torch.nn.modules.container',
  bases: [moduleType],
});
sequentialType.define({
  __init__: nnMethod('__init__', 'self, *args', (m, a) => {
    initModule(m);
    const args = (a.args as PyTuple).items;
    if (args.length === 1 && args[0] instanceof PyDict) {
      for (const [k, v] of args[0].entries()) m.dict.set(String(k), checkModule(v));
    } else args.forEach((v, i) => m.dict.set(String(i), checkModule(v)));
    return None;
  }),
  forward: defineFunction('forward', 'self, input', (a) => {
    let x: MaybePromise<PyValue> = a.input;
    for (const c of children(a.self as PyInstance)) x = then(x, (v) => callPython(c, [v]));
    return x;
  }),
  __getitem__: nnMethod('__getitem__', 'self, idx', (m, a) => {
    if (a.idx instanceof PySlice) {
      const s = new PyInstance(sequentialType);
      initModule(s);
      for (const [k, c] of sliceOf(namedChildren(m), a.idx)) s.dict.set(k, c);
      return s;
    }
    return children(m)[childIndex(m, a.idx)];
  }),
  __len__: len,
  __iter__: iter,
  append: append(),
});

export const moduleListType: PyType = new PyType('ModuleList', {
  module: 'torch.nn.modules.container',
  bases: [moduleType],
});
const extendList = (m: PyInstance, items: PyValue[]) => {
  let n = children(m).length;
  for (const v of items) m.dict.set(String(n++), checkModule(v));
};
moduleListType.define({
  __init__: defineFunction('__init__', 'self, modules=None', (a) => {
    const m = a.self as PyInstance;
    initModule(m);
    if (a.modules === None) return None;
    return then(toArrayOf(a.modules), (items) => {
      extendList(m, items);
      return None;
    });
  }),
  __getitem__: nnMethod('__getitem__', 'self, idx', (m, a) => {
    if (a.idx instanceof PySlice) {
      const s = new PyInstance(moduleListType);
      initModule(s);
      extendList(s, sliceOf(children(m), a.idx));
      return s;
    }
    return children(m)[childIndex(m, a.idx)];
  }),
  __setitem__: nnMethod('__setitem__', 'self, idx, module', (m, a) => {
    m.dict.set(String(childIndex(m, a.idx)), checkModule(a.module));
    return None;
  }),
  __len__: len,
  __iter__: iter,
  append: append(),
  extend: defineFunction('extend', 'self, modules', (a) =>
    then(toArrayOf(a.modules), (items) => {
      extendList(a.self as PyInstance, items);
      return a.self;
    }),
  ),
});

const toArrayOf = (v: PyValue): MaybePromise<PyValue[]> =>
  v instanceof PyList || v instanceof PyTupleClass ? v.items.slice() : toArray(v);

export function layerModule(): Record<string, PyValue> {
  return { ...layerTypes, Sequential: sequentialType, ModuleList: moduleListType };
}
