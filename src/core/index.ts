// torchlet's tensor core: PyTorch's tensors over tfjs. The interpreter's `torch` module wraps this.
export * from './dtype.js';
export * from './errors.js';
export * from './device.js';
export { PyFloat, pyFloat, isScalar, scalarValue, typedOperand, type Scalar, type Operand } from './scalar.js';
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
export { manualSeed, getInitialSeed, MT19937 } from './random.js';
export { loadBackend, useBackend, isBackendReady, setWasmBase, ALL_BACKENDS, type BackendName } from './backends.js';
