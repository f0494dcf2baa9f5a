// numpy's own exception classes, and the guard that turns the engine's NumpyError into them.
import { builtinExceptions, PyType, pyError } from '../../objects.js';
import { NumpyError } from '../../numpy/ndarray.js';

/** numpy's own exception classes: AxisError is both a ValueError and an IndexError. */
export const axisErrorType = new PyType('AxisError', {
  bases: [builtinExceptions.ValueError, builtinExceptions.IndexError],
  module: 'numpy',
});
export const ufuncTypeErrorType = new PyType('UFuncTypeError', {
  bases: [builtinExceptions.TypeError],
  module: 'numpy',
});
const NUMPY_ERRORS: Record<string, PyType> = { AxisError: axisErrorType, UFuncTypeError: ufuncTypeErrorType };

/** Runs engine code, turning its NumpyError into the Python exception it names. */
export function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof NumpyError) throw pyError(NUMPY_ERRORS[e.pyType] ?? e.pyType, e.message);
    throw e;
  }
}
