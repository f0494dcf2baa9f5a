// Tensors that only an expression used, freed when it is done with them: `(t * t).sum()` gives the
// product's memory back as soon as sum() has read it, instead of when the garbage collector finds
// the Tensor (its wasm or GPU memory is not the collector's, and a loop of such lines grows it).
// The interpreter says which values were such temporaries (src/python/compiler/temporaries.ts);
// here a value is freed only when the op and the call that used it were torch's own native code,
// the call kept nothing of it, and core's records show nothing else kept it (releaseTemporary).
import * as core from '../../../core/index.js';
import { Tensor } from '../../../core/index.js';
import type { TemporaryHost } from '../../compiler/temporaries.js';
import { NativeFunction, PyFloat, PyNative, type PyValue } from '../../objects.js';
import { tensorType } from './tensor-type.js';

/** A tensor of torch's own types (Tensor, Parameter), whose operators are native code. */
function nativeTensor(v: PyValue): v is PyNative<Tensor> {
  return v instanceof PyNative && v.value instanceof Tensor && v.cls.native;
}

/** A result that cannot hold a tensor: a number, a string, None, or another tensor. */
function holdsNoTensor(r: PyValue, t: Tensor): boolean {
  if (r === null || typeof r !== 'object' || r instanceof PyFloat) return true;
  return r instanceof PyNative && r.value instanceof Tensor && r.value !== t;
}

export const tensorTemporaries: TemporaryHost = {
  plain: (v) => typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat || nativeTensor(v),
  method: (o, name) => nativeTensor(o) && o.cls.lookup(name) instanceof NativeFunction,
  mark: core.temporaryMark,
  drop(value, mark, name, result) {
    if (!(value instanceof PyNative) || value.cls !== tensorType || !(value.value instanceof Tensor)) return;
    if (result === value || !holdsNoTensor(result, value.value)) return;
    // The call was the Tensor method itself (a native function), not something found elsewhere.
    if (!(tensorType.lookup(name) instanceof NativeFunction)) return;
    core.releaseTemporary(value.value, mark);
  },
};
