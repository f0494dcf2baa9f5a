// torch.nn.Parameter: a leaf tensor that requires grad and that a Module registers. In Python's eyes a
// Tensor subclass; here the tensor's own Python object with class Parameter, so that `wrap(t)` (what
// in-place ops and optimizers hand back) is the Parameter itself.
import * as core from '../../../../core/index.js';
import { type Tensor } from '../../../../core/index.js';
import {
  defineFunction,
  defineNativeType,
  isPromise,
  type MaybePromise,
  PyNative,
  type PyType,
  type PyValue,
} from '../../../objects.js';
import { requireTensor } from '../convert.js';
import { guard } from '../errors.js';
import { tensorRepr, tensorType } from '../tensor-type.js';

const parameterRepr = defineFunction('__repr__', 'self', (a) => {
  const r = tensorRepr((a.self as PyNative<Tensor>).value);
  const text = (s: string) => `Parameter containing:\n${s}`;
  return isPromise<string>(r) ? r.then(text) : text(r as string);
});

export const parameterType: PyType = defineNativeType<Tensor>({
  name: 'Parameter',
  module: 'torch.nn.parameter',
  base: tensorType,
  methods: { __repr__: parameterRepr, __str__: parameterRepr },
  construct: defineFunction('Parameter', 'data=None, requires_grad=True', (a) =>
    makeParameter(
      a.data === null ? core.zeros([0]) : requireTensor(a.data, 'data'),
      a.requires_grad !== false,
    ),
  ),
});

/** A new Parameter sharing `data`'s storage (as PyTorch's Parameter(data) does), a leaf. */
export function makeParameter(data: Tensor, requiresGrad = true): PyValue {
  const t = data.alias();
  guard(() => core.setRequiresGrad(t, requiresGrad));
  const p = tensorType.wrap(t);
  p.cls = parameterType;
  return p;
}

export function isParameter(v: PyValue): v is PyNative<Tensor> {
  return v instanceof PyNative && v.cls === parameterType;
}

export const then = <T, U>(v: MaybePromise<T>, f: (x: T) => MaybePromise<U>): MaybePromise<U> =>
  isPromise<T>(v) ? v.then(f) : f(v);
/** Every item settled, in order; a Promise only when one of them is. */
export function all<T>(items: MaybePromise<T>[]): MaybePromise<T[]> {
  return items.some((x) => isPromise(x)) ? Promise.all(items) : (items as T[]);
}
