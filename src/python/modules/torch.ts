// `import torch`: the Python face of the tensor core (src/core). The ops are declared once, in
// torch/ops/ (see torch/op.ts); this file builds the module of one session from them, with the
// functions that touch the session's state (seed, print options, grad mode) and the submodules.
import * as core from '../../core/index.js';
import {
  defineFunction,
  defineNativeType,
  isPromise,
  type MaybePromise,
  NativeFunction,
  newModule,
  newTuple,
  None,
  pyFloat,
  PyModule,
  PyNative,
  type PyValue,
  pyError,
  type ModuleFactory,
  type SessionContext,
  toNumber,
} from '../objects.js';
import { call as callPython } from '../runtime.js';
import { tensorOrList } from './torch/convert.js';
import { rejectAsPython, toPyError } from './torch/errors.js';
import { linalgModule } from './torch/linalg.js';
import { PyLazyAttribute } from '../lazy-attribute.js';
import { loadPart } from '../load-part.js';
import { bindFunction, bindTorchFunction, type TorchModuleName } from './torch/op.js';
import { TENSOR_OPS, TORCH_FUNCTIONS } from './torch/ops/index.js';
import { tensorType, toPython, wrap } from './torch/tensor-type.js';
import { tensorTemporaries } from './torch/temporaries.js';
import { setTemporaryHost } from '../compiler/temporaries.js';
import { deviceType, dtypeType, dtypeValue, generatorType, seedOf, sizeType } from './torch/values.js';

/** torch.default_generator: the session's own stream (what torch.manual_seed seeds and returns). */
const defaultGenerator = new PyNative(generatorType, null);

export { isTensor } from './torch/convert.js';
export { tensorType, wrap } from './torch/tensor-type.js';
export { deviceType, dtypeType, sizeType } from './torch/values.js';

const W = wrap;
type Impl = Parameters<typeof defineFunction>[2];

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
const gradMode = (enabled: boolean): PyValue =>
  new PyNative(gradModeType, { enabled, previous: [] } as GradMode);

// ---- module functions ---------------------------------------------------------------------------

/** The table's functions, made once; each session calls them through its own `enter`. */
const TABLE_FUNCTIONS: { fn: NativeFunction; modules: readonly TorchModuleName[] }[] = [
  ...Object.entries(TENSOR_OPS)
    .filter(([, op]) => op.kind !== 'method')
    .map(([name, op]) => ({ fn: bindFunction(name, op, toPython), modules: op.modules ?? ['torch'] })),
  ...Object.entries(TORCH_FUNCTIONS).map(([name, f]) => ({
    fn: bindTorchFunction(name, f, toPython),
    modules: f.modules ?? ['torch'],
  })),
];

/** `fn` called after `enter()`: the same name, signature and doc. */
function entered(fn: NativeFunction, enter: () => void): NativeFunction {
  const f = new NativeFunction(
    fn.name,
    (args, kwargs) => {
      enter();
      return fn.call(args, kwargs);
    },
    fn.doc,
  );
  f.signature = fn.signature;
  return f;
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
  // What a run freed on the GPU goes back to the browser when it ends, not into tfjs's pool forever.
  (ctx as SessionContext & { onCellEnd?(fn: () => void): void }).onCellEnd?.(() =>
    core.releaseFreeGpuMemory(),
  );
  const entry = (name: string, spec: string, impl: Impl) =>
    defineFunction(name, spec, (a) => {
      enter();
      try {
        const r = impl(a);
        return isPromise<PyValue | undefined | void>(r) ? r.catch(rejectAsPython) : r;
      } catch (e) {
        throw toPyError(e);
      }
    });

  const m: Record<string, PyValue> = {};
  const functional: Record<string, PyValue> = {};
  const add = (f: NativeFunction) => (m[f.name] = f);

  for (const { fn, modules } of TABLE_FUNCTIONS) {
    const f = entered(fn, enter);
    if (modules.includes('torch')) m[f.name] = f;
    if (modules.includes('torch.nn.functional')) functional[f.name] = f;
  }

  add(
    entry('manual_seed', 'seed', (a) => {
      core.manualSeed(seedOf(a.seed));
      return defaultGenerator;
    }),
  );
  add(entry('initial_seed', '', () => core.getInitialSeed()));
  m.Generator = generatorType;
  m.default_generator = defaultGenerator;
  add(
    entry(
      'set_printoptions',
      'precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None',
      (a) => {
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
      },
    ),
  );

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
  add(
    entry('set_grad_enabled', 'mode', (a) => {
      const prev = core.setGradEnabled(a.mode === true);
      return new PyNative(gradModeType, { enabled: a.mode === true, previous: [], prev } as GradMode);
    }),
  );
  add(entry('is_grad_enabled', '', () => core.isGradEnabled()));

  const autogradGrad = entry(
    'grad',
    'outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True, allow_unused=False',
    (a) => {
      const outs = tensorOrList(a.outputs);
      const ins = tensorOrList(a.inputs);
      const gos = a.grad_outputs === null ? null : tensorOrList(a.grad_outputs);
      const grads = core.grad(
        outs,
        ins,
        gos,
        a.retain_graph === true || a.create_graph === true,
        a.allow_unused === true,
      );
      return newTuple(grads.map((g) => (g ? W(g) : None)));
    },
  );
  const autogradBackward = entry(
    'backward',
    'tensors, grad_tensors=None, retain_graph=None, create_graph=False',
    (a) => {
      const outs = tensorOrList(a.tensors);
      const gs = a.grad_tensors === null ? null : tensorOrList(a.grad_tensors);
      outs.forEach((t, i) => core.backward(t, gs?.[i] ?? null, a.retain_graph === true));
      return None;
    },
  );
  m.autograd = newModule('torch.autograd', {
    grad: autogradGrad,
    backward: autogradBackward,
    no_grad: m.no_grad,
  });
  // torch.cuda answers after the GPU has been looked for: `import torch` sets up only the cpu.
  const afterGpuProbe = <T>(answer: () => T) => core.initGpuDevice().then(answer);
  m.cuda = newModule('torch.cuda', {
    is_available: entry('is_available', '', () => afterGpuProbe(() => core.cudaAvailable())),
    device_count: entry('device_count', '', () => afterGpuProbe(() => (core.cudaAvailable() ? 1 : 0))),
    get_device_name: entry('get_device_name', 'device=None', () =>
      afterGpuProbe(() => {
        const b = core.deviceBackends().cuda;
        if (!b) throw pyError('AssertionError', 'Torch not compiled with CUDA enabled');
        return `tfjs ${b}`;
      }),
    ),
    synchronize: entry('synchronize', 'device=None', () => None),
    manual_seed: entry('manual_seed', 'seed', () => None),
    current_device: entry('current_device', '', () => 0),
    // PyTorch's caching allocator, as tfjs's pool of freed buffers or textures plays it.
    memory_allocated: entry(
      'memory_allocated',
      'device=None',
      () => core.gpuMemory(core.deviceBackends().cuda).allocated,
    ),
    memory_reserved: entry(
      'memory_reserved',
      'device=None',
      () => core.gpuMemory(core.deviceBackends().cuda).reserved,
    ),
    empty_cache: entry('empty_cache', '', () => {
      core.releaseFreeGpuMemory();
      return None;
    }),
  });
  m.backends = newModule('torch.backends', {});
  m.linalg = linalgModule(entry);
  m.return_types = newModule('torch.return_types', {});
  // torch.nn, torch.optim and torch.utils load (their own file) the first time a cell reads them:
  // a lesson on tensors never does.
  const training = (what: string, make: (nn: typeof import('./torch/nn/index.js')) => PyModule) =>
    new PyLazyAttribute(() => loadPart(what, async () => make(await import('./torch/nn/index.js'))));
  m.nn = training('torch.nn', (nn) => nn.nnModule(functional));
  m.optim = training('torch.optim', (nn) => nn.optimModule());
  m.utils = training('torch.utils', (nn) => nn.utilsModule());
  return newModule('torch', m);
}

/** `import torch`; torch.nn, torch.nn.functional, torch.cuda … are its attributes, which the
 * interpreter imports as submodules. */
export const torchModule: ModuleFactory = async (ctx) => {
  await core.initCpuDevice();
  setTemporaryHost(tensorTemporaries);
  return buildTorch(ctx);
};

/** Frees every tensor a session created (call when the session is reset or dropped). */
export function releaseSessionTensors(state: Map<string, unknown>): void {
  const scope = state.get('torch.scope');
  if (scope instanceof core.TensorScope) scope.dispose();
  core.releaseFreeGpuMemory();
}
