// The importable modules, by name. Each loads its file on first `import` (tfjs, numpy's engine and
// pyplot are not fetched by a page that never imports them); a session adds its own (tests).
import { loadPart } from './load-part.js';
import type { ModuleFactory } from './objects.js';

const lazy =
  (name: string, load: () => Promise<ModuleFactory>): ModuleFactory =>
  async (ctx) =>
    (await loadPart(`the module ${name}`, load))(ctx);

export const stdlibModules: ReadonlyMap<string, ModuleFactory> = new Map([
  ['torch', lazy('torch', async () => (await import('./modules/torch.js')).torchModule)],
  ['numpy', lazy('numpy', async () => (await import('./modules/numpy.js')).numpyModule)],
  ['math', lazy('math', async () => (await import('./modules/math.js')).mathModule)],
  ['random', lazy('random', async () => (await import('./modules/random.js')).randomModule)],
  ['itertools', lazy('itertools', async () => (await import('./modules/itertools.js')).itertoolsModule)],
  ['functools', lazy('functools', async () => (await import('./modules/functools.js')).functoolsModule)],
  ['time', lazy('time', async () => (await import('./modules/time.js')).timeModule)],
  ['timeit', lazy('timeit', async () => (await import('./modules/timeit.js')).timeitModule)],
  ['matplotlib', lazy('matplotlib', async () => (await import('./modules/matplotlib.js')).matplotlibModule)],
  [
    'matplotlib.pyplot',
    lazy('matplotlib.pyplot', async () => (await import('./modules/matplotlib.js')).pyplotModule),
  ],
  [
    'collections',
    lazy('collections', async () => (await import('./modules/collections.js')).collectionsModule),
  ],
  ['typing', lazy('typing', async () => (await import('./modules/typing.js')).typingModule)],
  ['copy', lazy('copy', async () => (await import('./modules/copy.js')).copyModule)],
  ['statistics', lazy('statistics', async () => (await import('./modules/statistics.js')).statisticsModule)],
  ['operator', lazy('operator', async () => (await import('./modules/operator.js')).operatorModule)],
  ['bisect', lazy('bisect', async () => (await import('./modules/bisect.js')).bisectModule)],
  ['heapq', lazy('heapq', async () => (await import('./modules/heapq.js')).heapqModule)],
  ['json', lazy('json', async () => (await import('./modules/json.js')).jsonModule)],
  [
    'dataclasses',
    lazy('dataclasses', async () => (await import('./modules/dataclasses.js')).dataclassesModule),
  ],
  ['sys', lazy('sys', async () => (await import('./modules/sys.js')).sysModule)],
  ['IPython', lazy('IPython', async () => (await import('./modules/ipython.js')).ipythonModule)],
  [
    'IPython.display',
    lazy('IPython.display', async () => (await import('./modules/ipython.js')).displayModule),
  ],
]);
