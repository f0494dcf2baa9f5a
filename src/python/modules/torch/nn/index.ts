// torch.nn, torch.optim and torch.utils.data: the classes are made once (they hold no session
// state) and the modules per session, around that session's torch.nn.functional.
import { PyLazyAttribute } from '../../../lazy-attribute.js';
import { newModule, type PyModule, type PyValue } from '../../../objects.js';
import { layerModule } from './layers.js';
import { initModule } from './init.js';
import { lossTypes } from './loss.js';
import { moduleType } from './module.js';
import { loadPart } from '../../../load-part.js';
import { optimModule as optimizers } from './optim.js';
import { parameterType } from './parameter.js';

export function nnModule(functional: Record<string, PyValue>): PyModule {
  return newModule('torch.nn', {
    Module: moduleType,
    Parameter: parameterType,
    ...layerModule(),
    ...lossTypes,
    functional: newModule('torch.nn.functional', functional),
    parameter: newModule('torch.nn.parameter', { Parameter: parameterType }),
    init: initModule(),
  });
}

/**
 * torch.optim: the optimizers, and torch.optim.lr_scheduler, loaded (its own file) the first time
 * a cell reads it: most lessons never schedule their learning rate.
 */
export function optimModule(): PyModule {
  const optim = optimizers();
  const schedulers = () =>
    loadPart('torch.optim.lr_scheduler', async () => (await import('./lr-scheduler.js')).lrSchedulerModule());
  optim.dict.set('lr_scheduler', new PyLazyAttribute(schedulers));
  return optim;
}

/** torch.utils: its data loaders load (their own file) the first time a cell reads torch.utils.data. */
export function utilsModule(): PyModule {
  const data = () => loadPart('torch.utils.data', async () => (await import('./data.js')).dataModule());
  return newModule('torch.utils', { data: new PyLazyAttribute(data) });
}
