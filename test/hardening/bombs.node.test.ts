// Bombs, in Node: huge allocations, infinite recursion and loops end in clean Python errors within
// their budget, and the same session runs the next cell.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend, useBackend } from '../../src/core/backends.js';
import { PythonSession } from '../../src/python/index.js';
import { isLongMode, outcomeProblem, reportFigure } from './programs.js';

const BUDGET_MS = 1500;
// One statement's work past the budget (a 2**25-item list concatenation takes seconds on a loaded
// 2-core machine); a loop that never checks its budget never ends and fails this by far.
const GRACE_MS = 10_000;
/** [code, the exception it must end in, its message (a regexp)] */
export const BOMBS: [string, string, RegExp][] = [
  [
    'import torch\ntorch.zeros(100000, 100000)',
    'MemoryError',
    /not enough memory: you tried to allocate 40000000000 bytes/,
  ],
  ['import torch\ntorch.ones(2**40)', 'MemoryError', /not enough memory/],
  ['import torch\ntorch.randn(50000, 50000)', 'MemoryError', /not enough memory/],
  ['import torch\ntorch.arange(10**12)', 'MemoryError', /not enough memory/],
  ['import torch\ntorch.zeros(3).expand(100000, 100000, 3).sum()', 'MemoryError', /^$|not enough memory/],
  ['import torch\ntorch.zeros(100000, 1) @ torch.zeros(1, 100000)', 'MemoryError', /^$|not enough memory/],
  ['import numpy as np\nnp.zeros((100000, 100000))', 'MemoryError', /Unable to allocate 74\.5 GiB/],
  ['[0] * 10**10', 'MemoryError', /^$/],
  ["'a' * 10**10", 'MemoryError', /^$/],
  ['list(range(10**10))', 'MemoryError', /^$/],
  // Stop and the budget are checked after every slow step now: on a loaded machine the budget can end it first.
  ['x = [1]\nwhile True:\n    x = x + x', 'MemoryError|TimeoutError', /^$|time budget/],
  ['10 ** 10 ** 10', 'MemoryError', /^$/],
  ['def f():\n    return f()\nf()', 'RecursionError', /maximum recursion depth exceeded/],
  [
    'class A:\n    def __repr__(self):\n        return repr(self)\nA()',
    'RecursionError',
    /maximum recursion depth exceeded/,
  ],
  ['def g(n):\n    return [g(n + 1)]\ng(0)', 'RecursionError', /maximum recursion depth exceeded/],
  ['while True:\n    pass', 'TimeoutError', /time budget/],
  ['x = []\nwhile True:\n    x.append(len(x))', 'TimeoutError|MemoryError', /time budget|^$/],
  ['def gen():\n    while True:\n        yield 1\nsum(gen())', 'TimeoutError', /time budget/],
  ['import time\ntime.sleep(10**6)', 'TimeoutError', /time budget/],
  ['sum(range(10**15))', 'TimeoutError', /time budget/],
  ['x = [] * 10**12\nwhile True:\n    x = x * 10**12', 'TimeoutError', /time budget/],
  ['n = 0\nwhile True:\n    try:\n        n += 1\n    except:\n        pass', 'TimeoutError', /time budget/],
  [
    'while True:\n    try:\n        while True: pass\n    except BaseException:\n        pass',
    'TimeoutError',
    /time budget/,
  ],
];

describe('bombs: clean Python errors, the session alive (Node)', () => {
  const start = performance.now();
  let inputs = 0;
  let failures = 0;
  before(async () => {
    assert.ok(await loadBackend('cpu'));
    useBackend('cpu');
  });
  after(() => {
    reportFigure({
      suite: 'bombs (Node)',
      mode: isLongMode() ? 'long' : 'short',
      inputs,
      failures,
      ms: Math.round(performance.now() - start),
    });
  });

  for (const [code, type, message] of BOMBS) {
    it(`${type}: ${code.replace(/\n/g, '⏎')}`, async () => {
      inputs++;
      failures++;
      const baseline = tf.memory().numTensors;
      const session = new PythonSession();
      const t0 = performance.now();
      // A run that never checks its budget would never end: fail it instead of hanging the suite.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const out = await Promise.race([
        session.run(code, { timeBudgetMs: BUDGET_MS }),
        new Promise<never>(
          (_, reject) =>
            (timer = setTimeout(
              () => reject(new Error(`still running after ${BUDGET_MS + GRACE_MS} ms`)),
              BUDGET_MS + GRACE_MS,
            )),
        ),
      ]).finally(() => clearTimeout(timer));
      const elapsed = performance.now() - t0;
      assert.equal(outcomeProblem(out), null);
      assert.equal(out.ok, false);
      assert.match(out.error!.type, new RegExp(`^(${type})$`));
      assert.match(out.error!.message, message);
      assert.ok(elapsed < BUDGET_MS + GRACE_MS, `took ${elapsed} ms`);
      const next = await session.run('print(6 * 7)\n6 * 7');
      assert.equal(next.echo, '42');
      session.dispose();
      assert.equal(tf.memory().numTensors, baseline);
      failures--;
    });
  }

  it('KeyboardInterrupt: an infinite loop stopped by its signal, then the session runs on', async () => {
    inputs++;
    failures++;
    const session = new PythonSession();
    const signal = { cancelled: false };
    setTimeout(() => (signal.cancelled = true), 200);
    const t0 = performance.now();
    const out = await session.run('n = 0\nwhile True:\n    n += 1', { signal });
    assert.equal(out.error?.type, 'KeyboardInterrupt');
    assert.ok(performance.now() - t0 < 1200);
    const next = await session.run('n > 0');
    assert.equal(next.echo, 'True');
    session.dispose();
    failures--;
  });
});
