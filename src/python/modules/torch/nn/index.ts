// torch.nn, torch.optim and torch.utils.data: the classes are made once (they hold no session
// state) and the modules per session, around that session's torch.nn.functional.
import { newModule, type PyModule, type PyValue } from '../../../objects.js';
import { dataModule } from './data.js';
import { layerModule } from './layers.js';
import { initModule } from './init.js';
import { lossTypes } from './loss.js';
import { moduleType } from './module.js';
import { lrSchedulerModule } from './lr-scheduler.js';
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

/** torch.optim: the optimizers, and torch.optim.lr_scheduler (whose classes check for an Optimizer). */
export function optimModule(): PyModule {
  const optim = optimizers();
  optim.dict.set('lr_scheduler', lrSchedulerModule());
  return optim;
}

export { dataModule };
