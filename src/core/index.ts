// torchlet's tensor core: PyTorch's tensors over tfjs. The interpreter's `torch` module wraps this.
export * from './dtype.js';
export * from './errors.js';
export * from './device.js';
export {
  PyFloat,
  pyFloat,
  isScalar,
  scalarValue,
  typedOperand,
  type Scalar,
  type Operand,
} from './scalar.js';
export * from './shapes.js';
export * from './tensor.js';
export * from './autograd.js';
export * from './creation.js';
export * from './elementwise.js';
export * from './reduction.js';
export * from './shapeops.js';
export * from './indexing.js';
export * from './linalg.js';
export * from './inplace.js';
export * from './convert.js';
export * from './format.js';
export * from './activation.js';
export * from './loss.js';
export * from './nn.js';
export * from './logic.js';
export * from './sorting.js';
export * from './random-fill.js';
export * from './histogram.js';
export * from './einsum.js';
export * from './decimal.js';
export { manualSeed, getInitialSeed, MT19937, defaultGenerator, Generator } from './random.js';
export { SessionState, activateSessionState, currentSessionState } from './session-state.js';
export * from './optim.js';
export {
  loadBackend,
  useBackend,
  isBackendReady,
  setWasmBase,
  ALL_BACKENDS,
  type BackendName,
} from './backends.js';
export { releaseFreeGpuMemory, gpuMemory, FREE_POOL_LIMIT_BYTES } from './gpu-memory.js';
