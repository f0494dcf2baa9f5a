// For tests of the interpreter's asynchronous path: a `slow(x)` that waits on a Promise (a program
// defining its own `def slow(x): return x` is rewritten to import it), and a counter of the event
// loop's turns, to see that a long run gave way.
import { PythonSession } from '../../src/python/index.js';
import { defineFunction, type ModuleFactory, newModule } from '../../src/python/objects.js';

/** `_async_test.slow(x)`: x, after a Promise, so every callback that calls it waits. */
const asyncTestModule: ModuleFactory = () =>
  newModule('_async_test', {
    slow: defineFunction('slow', 'x', async (a) => {
      await new Promise((r) => setTimeout(r, 0));
      return a.x;
    }),
  });

const OWN_SLOW = 'def slow(x):\n    return x\n';

/** `program` with its own slow() replaced by the waiting one (it must define it). */
export function withWaitingSlow(program: string): string {
  if (!program.includes(OWN_SLOW)) throw new Error('the program defines no slow(x) to replace');
  return program.replace(OWN_SLOW, 'from _async_test import slow\n');
}

/** A session where `from _async_test import slow` imports the waiting slow(x). */
export function waitingSession(): PythonSession {
  return new PythonSession({ modules: { _async_test: asyncTestModule } });
}

/** `_turns.count()`: how many event-loop turns have passed, to see that a run yielded. */
export function turnCounter(): { module: ModuleFactory; stop: () => void } {
  let turns = 0;
  let running = true;
  const turn = () => {
    turns++;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  return {
    module: () => newModule('_turns', { count: defineFunction('count', '', () => turns) }),
    stop: () => (running = false),
  };
}
