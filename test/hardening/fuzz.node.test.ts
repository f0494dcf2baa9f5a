// Fuzzing the interpreter in Node on the cpu backend: generated programs and mutated conformance
// cells. Short mode (CI): 1,000 inputs. Long mode (TORCHLET_LONG=1): 100,000, or TORCHLET_FUZZ_RUNS.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadBackend, useBackend } from '../../src/core/backends.js';
import { envCount, isLongMode, mutatedCell, parseCells, program, reportFigure } from './programs.js';
import { describeFailures, fuzz } from './fuzz-runner.js';

const long = isLongMode();
const total = envCount('TORCHLET_FUZZ_RUNS', long ? 100_000 : 1_000);
// In long mode a new seed each time (printed, so a failure can be replayed); in CI a fixed one.
const seed = envCount('TORCHLET_SEED', long ? Date.now() % 2 ** 31 : 20261125);
const cells = parseCells(readFileSync(new URL('../conformance/cases.jsonl', import.meta.url), 'utf8'));

// A rejected promise no one awaits is a JS error escaping (the browser logs "Uncaught (in promise)").
const unhandled: unknown[] = [];
process.on('unhandledRejection', (e) => unhandled.push(e));
const takeUnhandled = () => unhandled.splice(0);
const options = { budgetMs: 1000, graceMs: 1500, takeUnhandled };

describe(`fuzz: interpreter in Node (${long ? 'long' : 'short'} mode, ${total} inputs, seed ${seed})`, () => {
  before(async () => {
    assert.ok(await loadBackend('cpu'));
    useBackend('cpu');
  });

  it('generated programs end in output or a Python exception, in budget, leaving no tensor', async () => {
    const n = Math.round(total * 0.7);
    const codes = fc.sample(program, { numRuns: n, seed });
    const r = await fuzz(codes, options);
    reportFigure({
      suite: 'fuzz: generated programs (Node, cpu)',
      mode: long ? 'long' : 'short',
      inputs: r.inputs,
      failures: r.failures.length,
      ms: Math.round(r.ms),
      note: `seed ${seed}; ${r.pythonErrors} ended in a Python exception`,
    });
    assert.equal(r.inputs, n);
    assert.equal(r.failures.length, 0, `${r.failures.length} failures, distinct:\n${describeFailures(r)}`);
  });

  it('mutated conformance cells end in output or a Python exception, in budget, leaving no tensor', async () => {
    const n = total - Math.round(total * 0.7);
    const inputs = fc.sample(mutatedCell(cells), { numRuns: n, seed: seed + 1 });
    const r = await fuzz(
      inputs.map((c) => c.code),
      options,
    );
    reportFigure({
      suite: 'fuzz: mutated conformance cells (Node, cpu)',
      mode: long ? 'long' : 'short',
      inputs: r.inputs,
      failures: r.failures.length,
      ms: Math.round(r.ms),
      note: `seed ${seed + 1}; ${r.pythonErrors} ended in a Python exception`,
    });
    assert.equal(r.inputs, n);
    assert.equal(r.failures.length, 0, `${r.failures.length} failures, distinct:\n${describeFailures(r)}`);
  });
});
