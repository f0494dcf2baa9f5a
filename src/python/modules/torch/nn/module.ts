// torch.nn.Module. Instances are ordinary Python objects (user subclasses work as in PyTorch): their
// attributes live in the instance dict, in assignment order, and a Module's parameters and submodules
// are the attributes holding a Parameter or a Module, so registration needs no separate tables.
import * as core from '../../../../core/index.js';
import type { Tensor } from '../../../../core/index.js';
import {
  type BoundArgs,
  defineFunction,
  makeIterator,
  type MaybePromise,
  newList,
  newTuple,
  None,
  PyDict,
  PyInstance,
  PyNative,
  type PyTuple,
  PyType,
  type PyValue,
  pyError,
  typeName,
} from '../../../objects.js';
import { call as callPython, getAttr, repr as pyRepr } from '../../../runtime.js';
import { isTensor } from '../convert.js';
import { afterGpuSetUp, guard } from '../errors.js';
import { parseDevice, parseDType } from '../values.js';
import { wrap } from '../tensor-type.js';
import { all, isParameter, makeParameter, then } from './parameter.js';
import { orderedDictType } from '../../../builtins/types.js';

export const moduleType = new PyType('Module', { module: 'torch.nn.modules.module' });

export function isModule(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && v.cls.isSubtypeOf(moduleType);
}
function self(a: BoundArgs): PyInstance {
  if (!isModule(a.self))
    throw pyError('TypeError', `descriptor requires a 'Module' object but received a '${typeName(a.self)}'`);
  return a.self;
}

/** Names registered with register_buffer (tensors that are state but not parameters). */
const buffers = new WeakMap<PyInstance, Set<string>>();
const initialised = new WeakSet<PyInstance>();

/** Module.__init__: what every module holds (PyTorch's `training` flag). */
export function initModule(m: PyInstance): void {
  initialised.add(m);
  m.dict.set('training', true);
}

// ---- traversal ------------------------------------------------------------------------------------

export function ownParameters(m: PyInstance): [string, PyNative<Tensor>][] {
  const out: [string, PyNative<Tensor>][] = [];
  for (const [k, v] of m.dict) if (isParameter(v)) out.push([k, v]);
  return out;
}
export function namedChildren(m: PyInstance): [string, PyInstance][] {
  const out: [string, PyInstance][] = [];
  for (const [k, v] of m.dict) if (isModule(v)) out.push([k, v]);
  return out;
}
/** named_modules(): self first, then each submodule depth-first, each once. */
export function namedModules(
  m: PyInstance,
  prefix = '',
  seen = new Set<PyInstance>(),
): [string, PyInstance][] {
  if (seen.has(m)) return [];
  seen.add(m);
  const out: [string, PyInstance][] = [[prefix, m]];
  for (const [k, c] of namedChildren(m)) out.push(...namedModules(c, prefix ? `${prefix}.${k}` : k, seen));
  return out;
}
/** The order apply(fn) calls fn in: each child's own order (depth-first, in order), then the module. */
function childrenFirst(m: PyInstance): PyInstance[] {
  const children = new Set(namedChildren(m).map(([, c]) => c));
  return [...[...children].flatMap(childrenFirst), m];
}
/** named_parameters(): each module's own parameters in order, a shared parameter once. */
export function namedParameters(m: PyInstance, recurse = true, prefix = ''): [string, PyNative<Tensor>][] {
  const seen = new Set<PyValue>();
  const out: [string, PyNative<Tensor>][] = [];
  for (const [mp, mod] of recurse ? namedModules(m, prefix) : [[prefix, m] as [string, PyInstance]]) {
    for (const [k, p] of ownParameters(mod)) {
      if (seen.has(p)) continue;
      seen.add(p);
      out.push([mp ? `${mp}.${k}` : k, p]);
    }
  }
  return out;
}
function namedBuffers(m: PyInstance): [string, PyValue][] {
  const out: [string, PyValue][] = [];
  for (const [mp, mod] of namedModules(m)) {
    for (const k of buffers.get(mod) ?? []) {
      const v = mod.dict.get(k);
      if (v !== undefined && v !== None) out.push([mp ? `${mp}.${k}` : k, v]);
    }
  }
  return out;
}

// ---- OrderedDict (state_dict's type) --------------------------------------------------------------

function orderedDict(entries: [PyValue, PyValue][]): PyDict {
  const d = new PyDict(entries);
  d.cls = orderedDictType;
  return d;
}

// ---- repr -----------------------------------------------------------------------------------------

/** Indents every line after the first (torch.nn.modules.module._addindent). */
const addIndent = (s: string, n: number) =>
  s
    .split('\n')
    .map((l, i) => (i === 0 ? l : ' '.repeat(n) + l))
    .join('\n');

function moduleRepr(m: PyInstance): MaybePromise<string> {
  const extra = then(callPython(getAttr(m, 'extra_repr') as PyValue, []), (e) =>
    typeof e === 'string' && e ? e.split('\n') : [],
  );
  const children = all(
    namedChildren(m).map(([k, c]) => then(pyRepr(c), (s) => `(${k}): ${addIndent(s, 2)}`)),
  );
  return then(extra, (extraLines) =>
    then(children, (childLines) => {
      const lines = [...extraLines, ...childLines];
      let s = `${m.cls.name}(`;
      if (lines.length)
        s +=
          extraLines.length === 1 && childLines.length === 0 ? extraLines[0] : `\n  ${lines.join('\n  ')}\n`;
      return `${s})`;
    }),
  );
}

// ---- parameters' data -----------------------------------------------------------------------------

/** Moves or casts a parameter (or buffer) in place, as Module._apply does: the same Python object. */
function applyToTensor(t: Tensor, fn: (data: Tensor) => Tensor): void {
  const out = core.noGrad(() => fn(t.alias()));
  // a cast or a move is a new tensor whose data the parameter takes over; otherwise nothing changes
  if (out.device !== t.device || out.dtype !== t.dtype) {
    t.device = out.device;
    t.dtype = out.dtype;
    t.adopt(out);
  }
  if (t.grad) applyToTensor(t.grad, fn);
}

function applyToModule(m: PyInstance, fn: (data: Tensor) => Tensor): void {
  for (const [, mod] of namedModules(m)) {
    for (const [, p] of ownParameters(mod)) applyToTensor(p.value, fn);
    for (const k of buffers.get(mod) ?? []) {
      const b = mod.dict.get(k);
      if (b !== undefined && isTensor(b)) applyToTensor(b.value, fn);
    }
  }
}

/** Module.to(device) / to(dtype) / to(tensor): floating parameters take the dtype, all the device. */
function moduleTo(m: PyInstance, args: PyValue[], kwargs: Map<string, PyValue>): void {
  let device: core.DeviceType | null = null;
  let dtype: core.DType | null = null;
  const take = (v: PyValue) => {
    if (v === None) return;
    if (isTensor(v)) {
      device = v.value.device;
      dtype = v.value.dtype;
      return;
    }
    if (v instanceof PyNative && v.cls.name === 'dtype') dtype = parseDType(v);
    else device = guard(() => parseDevice(v));
  };
  args.forEach(take);
  for (const [k, v] of kwargs) {
    if (k === 'device' || k === 'dtype' || k === 'tensor') take(v);
    else if (k !== 'non_blocking' && k !== 'copy' && k !== 'memory_format')
      throw pyError(
        'TypeError',
        `to() received an invalid combination of arguments - got an unexpected keyword argument '${k}'`,
      );
  }
  if (dtype !== null && !core.isFloating(dtype)) {
    throw pyError(
      'TypeError',
      `nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=${core.dtypeString(dtype)}`,
    );
  }
  const dev = device;
  const dt = dtype;
  applyToModule(m, (t) => {
    let r = t;
    if (dt !== null && core.isFloating(r.dtype)) r = core.toDType(r, dt);
    if (dev !== null) r = core.toDevice(r, dev);
    return r;
  });
}

// ---- state_dict -----------------------------------------------------------------------------------

function stateDict(m: PyInstance, prefix: string, keepVars: boolean): PyDict {
  const entries: [PyValue, PyValue][] = [];
  for (const [k, p] of namedParameters(m, true, ''))
    entries.push([prefix + k, keepVars ? p : wrap(p.value.alias())]);
  for (const [k, b] of namedBuffers(m))
    entries.push([prefix + k, keepVars || !isTensor(b) ? b : wrap(b.value.alias())]);
  // A parameter's position follows module order: parameters of a module before its submodules'.
  return orderedDict(sortByModuleOrder(m, entries));
}
function sortByModuleOrder(m: PyInstance, entries: [PyValue, PyValue][]): [PyValue, PyValue][] {
  const order = new Map<string, number>();
  namedModules(m).forEach(([name], i) => order.set(name, i));
  const owner = (k: string) => order.get(k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '') ?? 0;
  return entries
    .map((e, i) => ({ e, i, o: owner(String(e[0])) }))
    .sort((x, y) => x.o - y.o || x.i - y.i)
    .map((x) => x.e);
}

const incompatibleKeysType = new PyType('_IncompatibleKeys', { module: 'torch.nn.modules.module' });
incompatibleKeysType.define({
  __repr__: defineFunction('__repr__', 'self', (a) => {
    const d = (a.self as PyInstance).dict;
    const missing = d.get('missing_keys') as PyValue;
    const unexpected = d.get('unexpected_keys') as PyValue;
    const empty = (v: PyValue) => (v as PyTuple).items.length === 0;
    if (empty(missing) && empty(unexpected)) return '<All keys matched successfully>';
    return then(pyRepr(missing), (ms) =>
      then(pyRepr(unexpected), (us) => `_IncompatibleKeys(missing_keys=${ms}, unexpected_keys=${us})`),
    );
  }),
});

function loadStateDict(m: PyInstance, sd: PyValue, strict: boolean): PyValue {
  if (!(sd instanceof PyDict))
    throw pyError(
      'TypeError',
      `Expected state_dict to be dict-like, got ${sd === null ? 'NoneType' : typeName(sd)}.`,
    );
  const own = new Map<string, Tensor>();
  for (const [k, p] of namedParameters(m)) own.set(k, p.value);
  for (const [k, b] of namedBuffers(m)) if (isTensor(b)) own.set(k, b.value);
  const given = new Map<string, PyValue>();
  for (const [k, v] of sd.entries()) given.set(String(k), v);
  const missing = [...own.keys()].filter((k) => !given.has(k));
  const unexpected = [...given.keys()].filter((k) => !own.has(k));
  const errors: string[] = [];
  for (const [k, t] of own) {
    const v = given.get(k);
    if (v === undefined) continue;
    if (!isTensor(v)) {
      errors.push(
        `While copying the parameter named "${k}", expected torch.Tensor or Tensor-like object from checkpoint but received ${typeName(v)}`,
      );
      continue;
    }
    if (v.value.shape.join() !== t.shape.join()) {
      errors.push(
        `size mismatch for ${k}: copying a param with shape ${core.sizeString(v.value.shape)} from checkpoint, the shape in current model is ${core.sizeString(t.shape)}.`,
      );
      continue;
    }
    const src = v.value;
    // a state_dict of this very model shares its storage: nothing to copy
    if (!t.sharesStorageWith(src)) guard(() => core.noGrad(() => core.copyFrom(t, src)));
  }
  if (strict) {
    if (unexpected.length)
      errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(', ')}. `);
    if (missing.length)
      errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(', ')}. `);
  }
  if (errors.length)
    throw pyError(
      'RuntimeError',
      `Error(s) in loading state_dict for ${m.cls.name}:\n\t${errors.join('\n\t')}`,
    );
  const r = new PyInstance(incompatibleKeysType);
  r.dict.set('missing_keys', newList(strict ? [] : missing));
  r.dict.set('unexpected_keys', newList(strict ? [] : unexpected));
  return r;
}

// ---- the methods ----------------------------------------------------------------------------------

/** What `self.name = value` checks and does on a Module (PyTorch's Module.__setattr__). */
function setModuleAttr(m: PyInstance, name: string, value: PyValue): void {
  if (!initialised.has(m)) {
    if (isParameter(value))
      throw pyError('AttributeError', 'cannot assign parameters before Module.__init__() call');
    if (isModule(value))
      throw pyError('AttributeError', 'cannot assign module before Module.__init__() call');
  }
  const old = m.dict.get(name);
  if (old !== undefined && isParameter(old) && value !== None && !isParameter(value)) {
    throw pyError(
      'TypeError',
      `cannot assign '${isTensor(value) ? tensorTypeName(value.value) : typeName(value)}' as parameter '${name}' (torch.nn.Parameter or None expected)`,
    );
  }
  if (old !== undefined && isModule(old) && value !== None && !isModule(value)) {
    throw pyError(
      'TypeError',
      `cannot assign '${isTensor(value) ? tensorTypeName(value.value) : typeName(value)}' as child module '${name}' (torch.nn.Module or None expected)`,
    );
  }
  m.dict.set(name, value);
}

const tensorTypeName = (t: Tensor) => `torch.${core.scalarTypeName(t.dtype)}Tensor`;

function forwardMissing(a: BoundArgs): never {
  throw pyError(
    'NotImplementedError',
    `Module [${(a.self as PyInstance).cls.name}] is missing the required "forward" function`,
  );
}

moduleType.define({
  __init__: defineFunction('__init__', 'self, *args, **kwargs', (a) => {
    initModule(self(a));
    return None;
  }),
  __setattr__: defineFunction('__setattr__', 'self, name, value', (a) => {
    setModuleAttr(self(a), String(a.name), a.value);
    return None;
  }),
  forward: defineFunction('forward', 'self, *input', forwardMissing),
  __call__: defineFunction('__call__', 'self, *input, **kwargs', (a) => {
    const m = self(a);
    const kwargs = a.kwargs as PyDict;
    const kw = kwargs.size ? new Map(kwargs.entries().map(([k, v]) => [String(k), v])) : null;
    return callPython(getAttr(m, 'forward') as PyValue, (a.input as PyTuple).items.slice(), kw);
  }),
  __repr__: defineFunction('__repr__', 'self', (a) => moduleRepr(self(a))),
  extra_repr: defineFunction('extra_repr', 'self', () => ''),
  _get_name: defineFunction('_get_name', 'self', (a) => self(a).cls.name),
  parameters: defineFunction('parameters', 'self, recurse=True', (a) =>
    makeIterator(namedParameters(self(a), a.recurse !== false).map(([, p]) => p)),
  ),
  named_parameters: defineFunction('named_parameters', "self, prefix='', recurse=True", (a) =>
    makeIterator(
      namedParameters(self(a), a.recurse !== false, String(a.prefix)).map(([k, p]) => newTuple([k, p])),
    ),
  ),
  buffers: defineFunction('buffers', 'self, recurse=True', (a) =>
    makeIterator(namedBuffers(self(a)).map(([, b]) => b)),
  ),
  named_buffers: defineFunction('named_buffers', "self, prefix='', recurse=True", (a) =>
    makeIterator(namedBuffers(self(a)).map(([k, b]) => newTuple([k, b]))),
  ),
  children: defineFunction('children', 'self', (a) => makeIterator(namedChildren(self(a)).map(([, c]) => c))),
  named_children: defineFunction('named_children', 'self', (a) =>
    makeIterator(namedChildren(self(a)).map(([k, c]) => newTuple([k, c]))),
  ),
  modules: defineFunction('modules', 'self', (a) => makeIterator(namedModules(self(a)).map(([, c]) => c))),
  named_modules: defineFunction('named_modules', "self, memo=None, prefix=''", (a) =>
    makeIterator(namedModules(self(a), String(a.prefix)).map(([k, c]) => newTuple([k, c]))),
  ),
  add_module: defineFunction('add_module', 'self, name, module', (a) => {
    const m = self(a);
    if (a.module !== None && !isModule(a.module))
      throw pyError('TypeError', `${typeName(a.module)} is not a Module subclass`);
    if (typeof a.name !== 'string')
      throw pyError('TypeError', `module name should be a string. Got ${typeName(a.name)}`);
    if (a.name.includes('.')) throw pyError('KeyError', `module name can't contain ".", got: ${a.name}`);
    if (a.name === '') throw pyError('KeyError', 'module name can\'t be empty string ""');
    setModuleAttr(m, a.name, a.module);
    return None;
  }),
  register_parameter: defineFunction('register_parameter', 'self, name, param', (a) => {
    if (a.param !== None && !isParameter(a.param)) {
      throw pyError(
        'TypeError',
        `cannot assign '${isTensor(a.param) ? tensorTypeName(a.param.value) : typeName(a.param)}' object to parameter '${String(a.name)}' (torch.nn.Parameter or None required)`,
      );
    }
    setModuleAttr(self(a), String(a.name), a.param);
    return None;
  }),
  register_buffer: defineFunction('register_buffer', 'self, name, tensor, persistent=True', (a) => {
    const m = self(a);
    if (a.tensor !== None && !isTensor(a.tensor))
      throw pyError(
        'TypeError',
        `cannot assign '${typeName(a.tensor)}' object to buffer '${String(a.name)}' (torch Tensor or None required)`,
      );
    const name = String(a.name);
    let set = buffers.get(m);
    if (!set) buffers.set(m, (set = new Set()));
    if (a.persistent !== false) set.add(name);
    m.dict.set(name, a.tensor);
    return None;
  }),
  train: defineFunction('train', 'self, mode=True', (a) => {
    if (typeof a.mode !== 'boolean') throw pyError('ValueError', 'training mode is expected to be boolean');
    for (const [, mod] of namedModules(self(a))) mod.dict.set('training', a.mode);
    return a.self;
  }),
  eval: defineFunction('eval', 'self', (a) => {
    for (const [, mod] of namedModules(self(a))) mod.dict.set('training', false);
    return a.self;
  }),
  requires_grad_: defineFunction('requires_grad_', 'self, requires_grad=True', (a) => {
    for (const [, p] of namedParameters(self(a)))
      guard(() => core.setRequiresGrad(p.value, a.requires_grad !== false));
    return a.self;
  }),
  zero_grad: defineFunction('zero_grad', 'self, set_to_none=False', (a) => {
    for (const [, p] of namedParameters(self(a))) zeroGrad(p.value, a.set_to_none === true);
    return None;
  }),
  state_dict: defineFunction('state_dict', "self, *args, destination=None, prefix='', keep_vars=False", (a) =>
    stateDict(self(a), String(a.prefix), a.keep_vars === true),
  ),
  load_state_dict: defineFunction('load_state_dict', 'self, state_dict, strict=True', (a) =>
    loadStateDict(self(a), a.state_dict, a.strict !== false),
  ),
  apply: defineFunction('apply', 'self, fn', (a) => {
    const mods = childrenFirst(self(a));
    let r: MaybePromise<unknown> = undefined;
    for (const c of mods) r = then(r, () => callPython(a.fn, [c]));
    return then(r, () => a.self);
  }),
});

/** p.grad = None, or zeroed in place (PyTorch 1.13's default), detached from any graph. */
export function zeroGrad(p: Tensor, setToNone: boolean): void {
  const g = p.grad;
  if (!g) return;
  if (setToNone) {
    p.grad = null;
    return;
  }
  if (g.gradFn) p.grad = g.alias();
  else g.requiresGrad = false;
  guard(() => core.noGrad(() => core.zero(p.grad as Tensor)));
}

const toMethod = (name: string, fixed: PyValue[] = []) => {
  const call = (a: BoundArgs): MaybePromise<PyValue> => {
    const kwargs = a.kwargs as PyDict;
    try {
      moduleTo(
        self(a),
        [...fixed, ...(a.args as PyTuple).items],
        new Map(kwargs.entries().map(([k, v]) => [String(k), v])),
      );
    } catch (e) {
      // A device name hidden from the cell's code: moved again, all of it, once the GPU is set up.
      return afterGpuSetUp(e, () => call(a));
    }
    return a.self;
  };
  return defineFunction(name, 'self, *args, **kwargs', call);
};
moduleType.define({
  to: toMethod('to'),
  cpu: toMethod('cpu', ['cpu']),
  cuda: defineFunction('cuda', 'self, device=None', (a) => {
    if (!core.cudaAvailable()) throw pyError('AssertionError', 'Torch not compiled with CUDA enabled');
    moduleTo(self(a), ['cuda'], new Map());
    return a.self;
  }),
  float: defineFunction('float', 'self', (a) => (applyDType(self(a), 'float32'), a.self)),
  double: defineFunction('double', 'self', (a) => (applyDType(self(a), 'float64'), a.self)),
  half: defineFunction('half', 'self', (a) => (applyDType(self(a), 'float16'), a.self)),
});
function applyDType(m: PyInstance, dtype: core.DType): void {
  applyToModule(m, (t) => (core.isFloating(t.dtype) ? core.toDType(t, dtype) : t));
}

export { makeParameter };
