// `import time`: clocks, and a sleep that awaits (the page keeps running; cancelling the run
// interrupts the sleep with KeyboardInterrupt through the session's cancellable sleep).

import {
  defineFunction,
  newModule,
  None,
  pyError,
  pyFloat,
  type PyValue,
  type ModuleFactory,
  type SessionContext,
  toNumber,
} from '../objects.js';

/** Milliseconds since an arbitrary start, monotonic (performance.now in Node, pages and Workers). */
function nowMs(): number {
  return globalThis.performance?.now() ?? Date.now();
}

export function buildTime(ctx: SessionContext) {
  const start = nowMs();
  return newModule(
    'time',
    {
      time: defineFunction('time', '', () => pyFloat(Date.now() / 1000)),
      time_ns: defineFunction('time_ns', '', () => BigInt(Date.now()) * 1000000n),
      perf_counter: defineFunction('perf_counter', '', () => pyFloat(nowMs() / 1000)),
      perf_counter_ns: defineFunction('perf_counter_ns', '', () => BigInt(Math.round(nowMs() * 1e6))),
      monotonic: defineFunction('monotonic', '', () => pyFloat(nowMs() / 1000)),
      process_time: defineFunction('process_time', '', () => pyFloat((nowMs() - start) / 1000)),
      sleep: defineFunction('sleep', 'secs, /', async (a): Promise<PyValue> => {
        const secs = toNumber(a.secs, 'a real number');
        if (Number.isNaN(secs)) throw pyError('ValueError', 'Invalid value NaN (not a number)');
        if (secs < 0) throw pyError('ValueError', 'sleep length must be non-negative');
        ctx.checkCancelled();
        await ctx.sleep(secs * 1000);
        return None;
      }),
    },
    'Time access: wall clock, performance counters and a non-blocking sleep.',
  );
}

/** `import time`. */
export const timeModule: ModuleFactory = (ctx) => buildTime(ctx);
