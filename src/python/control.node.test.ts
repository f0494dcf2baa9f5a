// Running safely: cancellation at any statement, time budgets, recursion and memory limits, and
// a page that stays responsive while Python loops.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPy } from '../../test/python/run.js';
import { defineFunction, type ModuleFactory, newModule, toNumber } from './objects.js';
import { PythonSession } from './index.js';

const controlTest: ModuleFactory = (ctx) =>
  newModule('_control_test', {
    sleep: defineFunction('sleep', 'seconds', async (a) => {
      await ctx.sleep(toNumber(a.seconds) * 1000);
    }),
    device: defineFunction('device', '', () => ctx.device),
  });
const withControlTest = () => new PythonSession({ modules: { _control_test: controlTest } });

describe('cancellation and budgets', () => {
  it('a cancelled run ends with KeyboardInterrupt at the next statement', async () => {
    const signal = { cancelled: false };
    setTimeout(() => (signal.cancelled = true), 50);
    const t0 = performance.now();
    const r = await runPy('n = 0\nwhile True:\n    n += 1', { signal });
    assert.equal(r.error?.type, 'KeyboardInterrupt');
    assert.equal(r.error?.line, 3);
    assert.ok(performance.now() - t0 < 2000);
  });

  it('cancellation is not swallowed by a bare except', async () => {
    const signal = { cancelled: false };
    setTimeout(() => (signal.cancelled = true), 30);
    const r = await runPy('while True:\n    try:\n        x = 1\n    except:\n        pass', { signal });
    assert.equal(r.error?.type, 'KeyboardInterrupt');
  });

  it('cancels a cancellable native wait (sleep)', async () => {
    const signal = { cancelled: false };
    setTimeout(() => (signal.cancelled = true), 30);
    const t0 = performance.now();
    const r = await runPy('import _control_test as c\nc.sleep(30)', { signal }, withControlTest());
    assert.equal(r.error?.type, 'KeyboardInterrupt');
    assert.ok(performance.now() - t0 < 1000);
  });

  it('a run over its time budget ends with TimeoutError', async () => {
    const r = await runPy('while True:\n    pass', { timeBudgetMs: 150 });
    assert.equal(r.error?.type, 'TimeoutError');
    const c = await runPy('[i for i in range(10**12)]', { timeBudgetMs: 150 });
    assert.ok(c.error?.type === 'TimeoutError' || c.error?.type === 'MemoryError', JSON.stringify(c.error));
  });

  it('yields to the event loop while Python loops', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const r = await runPy('s = 0\nfor i in range(3_000_000):\n    s += i\ns');
    clearInterval(timer);
    assert.equal(r.echo, String((3_000_000 * 2_999_999) / 2));
    assert.ok(ticks >= 2, `timer ran ${ticks} times`);
  });

  it('deep recursion raises RecursionError, and the session still works', async () => {
    const s = new PythonSession();
    const r = await runPy('def f(n):\n    return f(n + 1)\nf(0)', {}, s);
    assert.equal(r.error?.type, 'RecursionError');
    assert.equal(r.error?.message, 'maximum recursion depth exceeded');
    assert.equal(
      (await runPy('def g(n):\n    return 0 if n == 0 else 1 + g(n - 1)\ng(500)', {}, s)).echo,
      '500',
    );
  });

  it('absurd memory requests raise MemoryError before allocating', async () => {
    for (const code of [
      "'a' * 10**10",
      '[0] * 10**10',
      '[0] * 10**5 * 10**5',
      'list(range(10**10))',
      '2 ** (10**10)',
      '(1,) * 10**12',
    ]) {
      const r = await runPy(code);
      assert.equal(r.error?.type, 'MemoryError', code);
    }
  });

  it('passes the run device to modules', async () => {
    assert.equal(
      (await runPy('import _control_test as c\nc.device()', { device: 'cuda' }, withControlTest())).echo,
      "'cuda'",
    );
    assert.equal((await runPy('import _control_test as c\nc.device()', {}, withControlTest())).echo, "'cpu'");
  });

  it('refuses a second run while one is running in the same session', async () => {
    const s = withControlTest();
    const first = runPy('import _control_test as c\nc.sleep(0.05)', {}, s);
    const second = await runPy('1', {}, s);
    assert.equal(second.ok, false);
    assert.equal((await first).ok, true);
  });
});

describe('step budget', () => {
  it('ends a run after its budget of statements', async () => {
    const r = await runPy('n = 0\nwhile True:\n    n += 1', { stepBudget: 10_000 });
    assert.equal(r.error?.type, 'TimeoutError');
    assert.match(r.error?.message ?? '', /budget of 10000 steps/);
    const ok = await runPy('sum(i for i in range(100))', { stepBudget: 10_000 });
    assert.equal(ok.echo, '4950');
  });
});
