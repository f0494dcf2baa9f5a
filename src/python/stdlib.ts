// The importable modules. Each loads on first `import` (tfjs, numpy's engine and pyplot are not
// fetched by a page that never imports them); the module file registers its real factory when it
// loads, replacing the lazy one here.
import { moduleFactory, registerModule, type ModuleFactory } from './objects.js';

function lazy(name: string, load: () => Promise<unknown>): void {
  const loader: ModuleFactory = async (ctx) => {
    await load();
    const real = moduleFactory(name);
    if (!real || real === loader) throw new Error(`module ${name} did not register itself`);
    return real(ctx);
  };
  if (!moduleFactory(name)) registerModule(name, loader);
}

lazy('torch', () => import('./modules/torch.js'));
lazy('numpy', () => import('./modules/numpy.js'));
lazy('math', () => import('./modules/math.js'));
lazy('time', () => import('./modules/time.js'));
lazy('matplotlib', () => import('./modules/matplotlib.js'));
lazy('matplotlib.pyplot', () => import('./modules/matplotlib.js'));
