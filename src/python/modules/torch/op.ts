// The shape of one torch op: a declaration in ops/*.ts from which tensor-type.ts makes the Tensor
// method, torch.ts the `torch` (and `torch.nn.functional`) function, and the editor its completion.
// Adding an op: one entry in the ops/ file of its family, calling one core function. Nothing else.
import { cpuMoveUnderWay, type Operand, setTensorScope, Tensor } from '../../../core/index.js';
import {
  type BoundArgs,
  defineFunction,
  isPromise,
  type MaybePromise,
  type NativeFunction,
  PyNative,
  type PyValue,
  pyError,
  typeName,
} from '../../objects.js';
import { isNDArray } from '../../numpy/ndarray-check.js';
import { ndarrayToTensor, requireOperand } from './convert.js';
import { afterGpuSetUp, guard, rejectAsPython } from './errors.js';

/** torch.return_types.<kind>(values=…, indices=…), as max(dim), sort and topk answer. */
export class ReturnPair {
  constructor(
    readonly kind: string,
    readonly values: Tensor,
    readonly indices: Tensor,
  ) {}
}

/** What an op's impl answers: tensors and pairs are wrapped for Python, an array becomes a tuple. */
export type OpResult = Tensor | ReturnPair | readonly Tensor[] | PyValue | undefined;
export type ToPython = (r: OpResult) => PyValue;

interface OpCommon {
  /** Where Python sees it: `t.name(…)`, `torch.name(t, …)`, or both. */
  kind: 'method' | 'function' | 'both';
  /** Python parameters after the tensor (self / input), as PyTorch writes them: `'dim, *, dtype=None'`. */
  params: string;
  /** One line for the editor's completions and help(). */
  doc: string;
  /** torch.name(…) also takes `out=None` (accepted, not written to). */
  out?: boolean;
  /** The modules the function is in (default: torch); nn.functional's ops name theirs. */
  modules?: readonly TorchModuleName[];
}
export type TorchModuleName = 'torch' | 'torch.nn.functional';

/**
 * One op on a tensor. `impl` is the whole binding: read the bound arguments, call core, return.
 * With `input: 'operand'`, torch.name's first argument may be a Python number (torch.add(2, t)).
 */
export type TensorOp = OpCommon &
  (
    | { input?: 'tensor'; impl: (t: Tensor, a: BoundArgs) => MaybePromise<OpResult> }
    | { input: 'operand'; impl: (x: Operand, a: BoundArgs) => MaybePromise<OpResult> }
  );
export type TensorOps = Record<string, TensorOp>;

/** A torch function whose first argument is not a tensor (creation, cat, where(cond, …) …). */
export interface TorchFunction {
  /** The whole Python signature. */
  params: string;
  doc: string;
  impl: (a: BoundArgs) => MaybePromise<OpResult>;
  modules?: readonly TorchModuleName[];
}
export type TorchFunctions = Record<string, TorchFunction>;

/**
 * An impl's answer as a Python value, a core error (now or later) as a Python exception. After the
 * op that started the cpu device's move to wasm, the answer waits for it: the cell's next ops run there.
 */
export function settle(r: MaybePromise<OpResult>, toPython: ToPython): MaybePromise<PyValue> {
  const moving = cpuMoveUnderWay();
  if (moving) return moving.then(() => settle(r, toPython));
  return isPromise<OpResult>(r) ? r.then(toPython, rejectAsPython) : toPython(r);
}

/** Results of a tensor's methods belong to the session that owns the tensor. */
export function enterTensorScope(self: PyValue): void {
  if (self instanceof PyNative && self.value instanceof Tensor && self.value.scope)
    setTensorScope(self.value.scope);
}

export function bindMethod(name: string, op: TensorOp, toPython: ToPython): NativeFunction {
  const impl = op.impl as (t: Tensor, a: BoundArgs) => MaybePromise<OpResult>;
  const call = (a: BoundArgs): MaybePromise<PyValue> => {
    enterTensorScope(a.self);
    try {
      return settle(impl((a.self as PyNative<Tensor>).value, a), toPython);
    } catch (e) {
      return afterGpuSetUp(e, () => call(a));
    }
  };
  return defineFunction(name, op.params ? `self, ${op.params}` : 'self', call, op.doc);
}

/** torch.name(input, …): PyTorch's own TypeError when input is not a tensor (an ndarray is taken as one). */
function inputTensor(name: string, v: PyValue): Tensor {
  if (v instanceof PyNative && v.value instanceof Tensor) return v.value;
  if (isNDArray(v)) return guard(() => ndarrayToTensor(v.value, false));
  throw pyError('TypeError', `${name}(): argument 'input' (position 1) must be Tensor, not ${typeName(v)}`);
}

/** The function's signature: `input` first, and `out=None` among the keyword-only parameters. */
export function functionParams(op: TensorOp): string {
  let spec = op.params ? `input, ${op.params}` : 'input';
  if (op.out) spec += /(^|, )\*/.test(op.params) ? ', out=None' : ', *, out=None';
  return spec;
}

export function bindFunction(name: string, op: TensorOp, toPython: ToPython): NativeFunction {
  const input =
    op.input === 'operand'
      ? (v: PyValue) => requireOperand(v, 'input')
      : (v: PyValue) => inputTensor(name, v);
  const impl = op.impl as (x: Operand, a: BoundArgs) => MaybePromise<OpResult>;
  const call = (a: BoundArgs): MaybePromise<PyValue> => {
    try {
      return settle(impl(input(a.input), a), toPython);
    } catch (e) {
      return afterGpuSetUp(e, () => call(a));
    }
  };
  return defineFunction(name, functionParams(op), call, op.doc);
}

export function bindTorchFunction(name: string, f: TorchFunction, toPython: ToPython): NativeFunction {
  const call = (a: BoundArgs): MaybePromise<PyValue> => {
    try {
      return settle(f.impl(a), toPython);
    } catch (e) {
      return afterGpuSetUp(e, () => call(a));
    }
  };
  return defineFunction(name, f.params, call, f.doc);
}
