// `from IPython.display import clear_output, display`: what notebook users write to redraw one
// output while a cell runs (a live loss curve). The clearing itself happens in the kernel and the
// page (src/kernel/run-output.ts, src/elements/tensor-playground/output.ts); this module asks for it.

import {
  defineFunction,
  newModule,
  None,
  PyNative,
  type PyTuple,
  type PyValue,
  type ModuleFactory,
  type SessionContext,
} from '../objects.js';
import { repr, truthy } from '../runtime.js';

/** pyplot's figures are counted per cell; a clear starts the count again (matplotlib.ts owns it). */
async function afterClear(ctx: SessionContext): Promise<void> {
  if (!ctx.state.has('matplotlib.pyplot')) return;
  (await import('./matplotlib.js')).figuresCleared(ctx);
}

export function buildDisplay(ctx: SessionContext) {
  return newModule(
    'IPython.display',
    {
      clear_output: defineFunction('clear_output', 'wait=False', async (a): Promise<PyValue> => {
        const wait = await truthy(a.wait);
        ctx.checkCancelled();
        ctx.clearOutput(wait);
        await afterClear(ctx);
        return None;
      }),
      display: defineFunction('display', '*objs, **kwargs', async (a): Promise<PyValue> => {
        for (const obj of (a.objs as PyTuple).items) {
          // A matplotlib Figure is drawn, as the notebook's inline backend does; anything else shows its repr.
          if (obj instanceof PyNative && obj.cls.name === 'Figure' && ctx.state.has('matplotlib.pyplot')) {
            if ((await import('./matplotlib.js')).displayFigure(ctx, obj)) continue;
          }
          if (obj === None) continue;
          ctx.stdout(`${await repr(obj)}\n`);
        }
        return None;
      }),
    },
    'IPython.display in torchlet: clear_output() and display() for a cell’s output.',
  );
}

/** `from IPython.display import clear_output`. */
export const displayModule: ModuleFactory = (ctx) => buildDisplay(ctx);
/** `import IPython`; importing IPython.display adds `display` to it, as a submodule import does. */
export const ipythonModule: ModuleFactory = () => newModule('IPython', { __version__: '8.7.0' });
