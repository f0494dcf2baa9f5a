// Errors with the Python exception type and PyTorch's exact message; the interpreter raises them.
export type PyErrorType =
  | 'RuntimeError'
  | 'ValueError'
  | 'IndexError'
  | 'TypeError'
  | 'NotImplementedError'
  | 'AssertionError'
  | 'MemoryError';

export class TorchError extends Error {
  constructor(
    readonly pyType: PyErrorType,
    message: string,
  ) {
    super(message);
    this.name = pyType;
  }
}

export const runtimeError = (message: string): TorchError => new TorchError('RuntimeError', message);
export const valueError = (message: string): TorchError => new TorchError('ValueError', message);
export const indexError = (message: string): TorchError => new TorchError('IndexError', message);
export const typeError = (message: string): TorchError => new TorchError('TypeError', message);

/** Tensors above this many elements are refused before tfjs tries to allocate them. */
const MAX_TENSOR_ELEMENTS = 2 ** 27;

/** PyTorch's allocator error, raised before an absurd allocation can take the page down. */
export function checkAllocation(shape: readonly number[], bytesPerElement = 4): void {
  let n = 1;
  for (const d of shape) n *= d;
  if (n > MAX_TENSOR_ELEMENTS) {
    throw new TorchError('MemoryError', `DefaultCPUAllocator: not enough memory: you tried to allocate ${n * bytesPerElement} bytes.`);
  }
}
