// np.set_printoptions: the options of the current Python session, as torch's are (core/session-state.ts).
import { currentSessionState } from '../../../core/session-state.js';
import { defaultPrintOptions, type PrintOptions } from '../../numpy/format.js';

/** The session's options, or numpy's defaults when it has set none. */
export function printOptions(): PrintOptions {
  return (
    (currentSessionState().modules.get('numpy.printoptions') as PrintOptions | undefined) ??
    defaultPrintOptions
  );
}

/** The session's own options, made from the defaults on first change. */
export function ownPrintOptions(): PrintOptions {
  const modules = currentSessionState().modules;
  let own = modules.get('numpy.printoptions') as PrintOptions | undefined;
  if (!own) modules.set('numpy.printoptions', (own = { ...defaultPrintOptions }));
  return own;
}
