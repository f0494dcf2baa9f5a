// The interpreter in Chromium (in the page, tfjs cpu backend): a share of the fuzzing, the sandbox
// attempts with a canary on window, and the bombs. Short mode 100 programs; long mode 2,000.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend, setWasmBase, useBackend } from '../../src/core/backends.js';
import { PythonSession } from '../../src/python/index.js';
import { isLongMode, mutate, mutationArb, program, reportFigure } from './programs.js';
import { describeFailures, fuzz } from './fuzz-runner.js';
import { ESCAPE_ATTEMPTS, SANDBOX_SETUP, crossProductProgram } from './sandbox-attempts.js';
import { outcomeProblem } from './programs.js';

setWasmBase('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
const long = isLongMode();
const mode = long ? 'long' : 'short';
type Canary = { touched: boolean };
const w = window as unknown as { __canary?: Canary };

const unhandled: unknown[] = [];
window.addEventListener('unhandledrejection', (e) => {
  unhandled.push(e.reason);
  e.preventDefault();
});
const windowErrors: unknown[] = [];
window.addEventListener('error', (e) => windowErrors.push(e.error ?? e.message));

describe('hardening: the interpreter in the browser', function () {
  this.timeout(long ? 3_600_000 : 120_000);

  before(async () => {
    expect(await loadBackend('cpu')).to.equal(true);
    useBackend('cpu');
  });

  it(`fuzz: ${long ? '20,000' : '100'} generated and mutated programs keep the invariant`, async () => {
    // The conformance cells live outside the served tree: here the mutations are of generated programs.
    const n = long ? 20_000 : 100;
    const seed = long ? Date.now() % 2 ** 31 : 20261127;
    const codes = fc.sample(program, { numRuns: Math.round(n * 0.7), seed });
    const mutated = fc
      .tuple(program, fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
      .map(([code, ms]) => mutate(code, ms));
    codes.push(...fc.sample(mutated, { numRuns: n - codes.length, seed: seed + 1 }));
    const r = await fuzz(codes, { budgetMs: 1000, graceMs: 3000, takeUnhandled: () => unhandled.splice(0) });
    reportFigure({
      suite: 'fuzz: programs and mutated programs (Chromium, cpu)',
      mode,
      inputs: r.inputs,
      failures: r.failures.length,
      ms: Math.round(r.ms),
      note: `seed ${seed}; 30% mutated`,
    });
    expect(r.inputs).to.equal(n);
    expect(r.failures.length, describeFailures(r)).to.equal(0);
    expect(windowErrors).to.deep.equal([]);
  });

  describe('sandbox', () => {
    const session = new PythonSession();
    let attempts = 0;
    let failures = 0;
    let start = 0; // set when the suite runs (describe bodies run at collection time)
    const snapshot = () => [
      Object.getOwnPropertyNames(window).sort().join(),
      Object.getOwnPropertyNames(Object.prototype).sort().join(),
      Object.getOwnPropertyNames(Function.prototype).sort().join(),
    ];
    let before0: string[];

    before(async () => {
      start = performance.now();
      w.__canary = { touched: false };
      before0 = snapshot();
      const setup = await session.run(SANDBOX_SETUP);
      expect(setup.error?.traceback).to.equal(undefined);
    });
    after(() => {
      session.dispose();
      reportFigure({
        suite: 'sandbox: escape attempts (Chromium)',
        mode,
        inputs: attempts,
        failures,
        ms: Math.round(performance.now() - start),
      });
    });

    it(`${ESCAPE_ATTEMPTS.length} escape attempts each end in a Python exception`, async () => {
      const reached: string[] = [];
      for (const attempt of ESCAPE_ATTEMPTS) {
        attempts++;
        const out = await session.run(attempt);
        const problem = out.ok ? `reached a value: ${out.echo}` : outcomeProblem(out);
        if (problem) reached.push(`${attempt} → ${problem}`);
      }
      failures += reached.length;
      expect(ESCAPE_ATTEMPTS.length).to.be.at.least(50);
      expect(reached).to.deep.equal([]);
    });

    it('every JS name on every kind of object is an AttributeError', async () => {
      let printed = '';
      const out = await session.run(crossProductProgram(), { stdout: (s) => (printed += s) });
      expect(out.error?.traceback).to.equal(undefined);
      const [tried, reached] = printed.trim().split(/ (.*)/s);
      attempts += Number(tried);
      if (reached !== '[]') failures++;
      expect(reached).to.equal('[]');
    });

    it('left the canary, the window and the prototypes untouched; nothing was thrown on the page', async () => {
      await new Promise((r) => setTimeout(r, 50));
      expect(w.__canary).to.deep.equal({ touched: false });
      expect(snapshot()).to.deep.equal(before0);
      expect(windowErrors).to.deep.equal([]);
    });
  });

  describe('bombs', () => {
    const bombs: [string, string][] = [
      ['import torch\ntorch.zeros(100000, 100000)', 'MemoryError'],
      ['[0] * 10**10', 'MemoryError'],
      ["'a' * 10**10", 'MemoryError'],
      ['import numpy as np\nnp.ones((100000, 100000))', 'MemoryError'],
      ['def f():\n    return f()\nf()', 'RecursionError'],
      ['while True:\n    pass', 'TimeoutError'],
      ['sum(range(10**15))', 'TimeoutError'],
    ];
    let inputs = 0;
    let failures = 0;
    let start = 0;
    before(() => (start = performance.now()));
    after(() =>
      reportFigure({
        suite: 'bombs (Chromium, in the page)',
        mode,
        inputs,
        failures,
        ms: Math.round(performance.now() - start),
      }),
    );

    for (const [code, type] of bombs) {
      it(`${type}: ${code.replace(/\n/g, '⏎')}, and the page stays responsive`, async () => {
        inputs++;
        failures++;
        const baseline = tf.memory().numTensors;
        const session = new PythonSession();
        // The page keeps running timers while the bomb runs (the interpreter yields).
        let ticks = 0;
        const timer = setInterval(() => ticks++, 50);
        const out = await session.run(code, { timeBudgetMs: 1000 });
        clearInterval(timer);
        expect(outcomeProblem(out)).to.equal(null);
        expect(out.error?.type).to.equal(type);
        if (type === 'TimeoutError') expect(ticks).to.be.at.least(5);
        expect((await session.run('6 * 7')).echo).to.equal('42');
        session.dispose();
        expect(tf.memory().numTensors).to.equal(baseline);
        failures--;
      });
    }
  });
});
