// Puts the methods on the builtin types and the constructors behind them, once per process (the
// types are shared by every session; the builtin functions are made per session by makeBuiltins).
import { builtinExceptions, exceptionArgs, None, PyInstance, PyTuple, PyValue } from '../objects.js';
import { setupTypes } from './types.js';
import { strMethods } from './str-methods.js';
import { dictMethods, listMethods, rangeMethods, setMethods } from './container-methods.js';
import { numberMethods } from './number-methods.js';

/** Exceptions expose .args; their str/repr come from the runtime. */
function exceptionSetup(): void {
  const base = builtinExceptions.BaseException;
  base.define({}, {
    args: { get: (self: PyValue) => new PyTuple(exceptionArgs(self as PyInstance)) },
  } as never);
  // A generator's return value travels in StopIteration(value).
  builtinExceptions.StopIteration.define({}, {
    value: { get: (self: PyValue) => exceptionArgs(self as PyInstance)[0] ?? None },
  } as never);
}

let installed = false;

/** Installs builtin type methods and constructors (once per process). */
export function installBuiltinTypes(): void {
  if (installed) return;
  installed = true;
  setupTypes();
  strMethods();
  listMethods();
  dictMethods();
  setMethods();
  rangeMethods();
  numberMethods();
  exceptionSetup();
}
