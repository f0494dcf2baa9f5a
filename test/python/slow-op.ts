// Test helper: the module `_slow_op`, whose `work(ms)` is a synchronous op of `ms` milliseconds,
// as a tensor op on the cpu is. The run's next clock read after it may yield to the event loop.
import { defineFunction, type ModuleFactory, newModule, toNumber } from '../../src/python/objects.js';

export const slowOp: ModuleFactory = () =>
  newModule('_slow_op', {
    work: defineFunction('work', 'ms', (a) => {
      const end = performance.now() + toNumber(a.ms);
      while (performance.now() < end);
      return null;
    }),
  });
