// The sandbox, in Node: every attempt to reach JS from Python ends in a Python exception, and a
// canary global and the JS prototypes stay untouched.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadBackend, useBackend } from '../../src/core/backends.js';
import { PythonSession } from '../../src/python/index.js';
import { ESCAPE_ATTEMPTS, SANDBOX_SETUP, crossProductProgram } from './sandbox-attempts.js';
import { isLongMode, outcomeProblem, reportFigure } from './programs.js';

const g = globalThis as { __canary?: { touched: boolean } };
const snapshot = () => ({
  globals: Object.getOwnPropertyNames(globalThis).sort().join(),
  object: Object.getOwnPropertyNames(Object.prototype).sort().join(),
  func: Object.getOwnPropertyNames(Function.prototype).sort().join(),
  array: Object.getOwnPropertyNames(Array.prototype).sort().join(),
});

describe('sandbox: Python cannot reach JS (Node)', () => {
  const session = new PythonSession();
  let before0: ReturnType<typeof snapshot>;
  const start = performance.now();
  let inputs = 0;
  let failures = 0;

  before(async () => {
    assert.ok(await loadBackend('cpu'));
    useBackend('cpu');
    g.__canary = { touched: false };
    before0 = snapshot();
    const setup = await session.run(SANDBOX_SETUP);
    assert.equal(setup.error?.traceback, undefined);
    assert.ok(setup.ok);
  });

  after(() => {
    session.dispose();
    reportFigure({
      suite: 'sandbox: escape attempts (Node)',
      mode: isLongMode() ? 'long' : 'short',
      inputs,
      failures,
      ms: Math.round(performance.now() - start),
    });
  });

  it(`has at least 50 attempts (${ESCAPE_ATTEMPTS.length})`, () => {
    assert.ok(ESCAPE_ATTEMPTS.length >= 50);
  });

  for (const attempt of ESCAPE_ATTEMPTS) {
    it(`raises a Python exception: ${attempt}`, async () => {
      inputs++;
      const out = await session.run(attempt);
      const problem = out.ok ? `reached a value: ${out.echo}` : outcomeProblem(out);
      if (problem) failures++;
      assert.equal(problem, null);
      assert.equal(g.__canary?.touched, false);
    });
  }

  it('every JS name on every kind of object is an AttributeError, by getattr, format and hasattr', async () => {
    let printed = '';
    const out = await session.run(crossProductProgram(), { stdout: (s) => (printed += s) });
    assert.equal(out.error?.traceback, undefined);
    const [tried, reached] = printed.trim().split(/ (.*)/s);
    inputs += Number(tried);
    if (reached !== '[]') failures++;
    assert.ok(Number(tried) > 500, printed);
    assert.equal(reached, '[]');
  });

  it('left the canary, the globals and the prototypes as they were', () => {
    assert.deepEqual(g.__canary, { touched: false });
    assert.deepEqual(snapshot(), before0);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  });
});
