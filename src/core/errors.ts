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

/**
 * An op reached the GPU before it was set up: a device name the kernel could not see in the cell's
 * code (`'cu' + 'da'`). The torch binding runs the op again once `ready` settles; the message is
 * for a caller that does not.
 */
export class GpuSettingUp extends TorchError {
  constructor(readonly ready: Promise<unknown>) {
    super('RuntimeError', 'the GPU is still being set up: run this cell again');
  }
}

export const runtimeError = (message: string): TorchError => new TorchError('RuntimeError', message);
export const valueError = (message: string): TorchError => new TorchError('ValueError', message);
export const indexError = (message: string): TorchError => new TorchError('IndexError', message);
export const typeError = (message: string): TorchError => new TorchError('TypeError', message);

/** Tensors above this many elements are refused before tfjs tries to allocate them. */
const MAX_TENSOR_ELEMENTS = 2 ** 27;

/** PyTorch's allocator error, raised before an absurd allocation can take the page down. */
export function checkAllocation(shape: readonly number[], bytesPerElement = 4, device = 'cpu'): void {
  let n = 1;
  for (const d of shape) n *= d;
  if (n > MAX_TENSOR_ELEMENTS) throw allocationError(shape, bytesPerElement, device);
}

/**
 * What PyTorch's allocator says for `shape` of `itemBytes`-byte elements: the CPU allocator's
 * exact byte count (BigInt: 2**62 elements are 18446744073709551616 bytes, not a rounded float),
 * or the CUDA caching allocator's message with its size format.
 */
export function allocationError(shape: readonly number[], itemBytes: number, device = 'cpu'): TorchError {
  let bytes = BigInt(itemBytes);
  for (const d of shape) bytes *= BigInt(Math.trunc(d));
  if (device.startsWith('cuda'))
    return new TorchError('MemoryError', `CUDA out of memory. Tried to allocate ${cudaSize(bytes)} (GPU 0)`);
  return new TorchError(
    'MemoryError',
    `DefaultCPUAllocator: not enough memory: you tried to allocate ${bytes} bytes.`,
  );
}

/** c10's format_size for the CUDA allocator's messages: bytes, KiB, MiB, then GiB (two decimals). */
function cudaSize(bytes: bigint): string {
  const n = Number(bytes);
  if (bytes <= 1024n) return `${bytes} bytes`;
  if (bytes <= 1048576n) return `${(n / 1024).toFixed(2)} KiB`;
  if (bytes <= 1073741824n) return `${(n / 1048576).toFixed(2)} MiB`;
  return `${(n / 1073741824).toFixed(2)} GiB`;
}
