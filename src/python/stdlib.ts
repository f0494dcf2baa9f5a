// The importable modules, by name. Each loads its file on first `import` (tfjs, numpy's engine and
// pyplot are not fetched by a page that never imports them); a session adds its own (tests).
import type { ModuleFactory } from './objects.js';

const lazy =
  (load: () => Promise<ModuleFactory>): ModuleFactory =>
  async (ctx) =>
    (await load())(ctx);

export const stdlibModules: ReadonlyMap<string, ModuleFactory> = new Map([
  ['torch', lazy(async () => (await import('./modules/torch.js')).torchModule)],
  ['numpy', lazy(async () => (await import('./modules/numpy.js')).numpyModule)],
  ['math', lazy(async () => (await import('./modules/math.js')).mathModule)],
  ['time', lazy(async () => (await import('./modules/time.js')).timeModule)],
  ['matplotlib', lazy(async () => (await import('./modules/matplotlib.js')).matplotlibModule)],
  ['matplotlib.pyplot', lazy(async () => (await import('./modules/matplotlib.js')).pyplotModule)],
  ['IPython', lazy(async () => (await import('./modules/ipython.js')).ipythonModule)],
  ['IPython.display', lazy(async () => (await import('./modules/ipython.js')).displayModule)],
]);
