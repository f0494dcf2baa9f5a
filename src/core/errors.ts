// Errors with the Python exception type and PyTorch's exact message; the interpreter raises them.
export type PyErrorType =
  | 'RuntimeError'
  | 'ValueError'
  | 'IndexError'
  | 'TypeError'
  | 'NotImplementedError'
  | 'AssertionError';

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
