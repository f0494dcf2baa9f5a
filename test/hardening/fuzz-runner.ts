// Runs fuzz inputs through PythonSession one by one and checks the invariant on each: the run
// resolves with output or a Python exception, within its budget, and leaves no tensor behind.
// Shared by the Node and the browser fuzz suites.
import * as tf from '@tensorflow/tfjs-core';
import { PythonSession } from '../../src/python/index.js';
import { outcomeProblem } from './programs.js';

export interface FuzzFailure {
  code: string;
  problem: string;
}

export interface FuzzResult {
  inputs: number;
  failures: FuzzFailure[];
  /** Distinct problems (the message with numbers and quoted text blurred). */
  distinct: Map<string, FuzzFailure>;
  ms: number;
  pythonErrors: number;
}

export interface FuzzOptions {
  /** Wall-clock budget of each run (the interpreter's TimeoutError). */
  budgetMs: number;
  /** How far past its budget a run may end (one statement's work, a GC pause). */
  graceMs: number;
  /** Rejections no one handled since the last call (the platform's unhandledrejection events). */
  takeUnhandled?: () => unknown[];
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const blur = (s: string) => s.replace(/'[^']*'|"[^"]*"|\d+(\.\d+)?/g, '_').slice(0, 160);

export async function fuzz(codes: Iterable<string>, opts: FuzzOptions): Promise<FuzzResult> {
  const failures: FuzzFailure[] = [];
  const distinct = new Map<string, FuzzFailure>();
  let inputs = 0;
  let pythonErrors = 0;
  const start = performance.now();
  const fail = (code: string, problem: string) => {
    const f = { code, problem };
    failures.push(f);
    if (!distinct.has(blur(problem))) distinct.set(blur(problem), f);
  };
  for (const code of codes) {
    inputs++;
    const baseline = tf.memory().numTensors;
    const session = new PythonSession();
    let printed = 0;
    const t0 = performance.now();
    let outcome: unknown;
    let hang: ReturnType<typeof setTimeout> | undefined;
    try {
      outcome = await Promise.race([
        session.run(code, {
          stdout: (s) => void (printed += s.length),
          timeBudgetMs: opts.budgetMs,
          figure: () => undefined,
        }),
        new Promise(
          (resolve) => (hang = setTimeout(() => resolve('hang'), opts.budgetMs + opts.graceMs + 10_000)),
        ),
      ]);
    } catch (e) {
      fail(code, `run() threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      session.dispose();
      continue;
    } finally {
      clearTimeout(hang);
    }
    const elapsed = performance.now() - t0;
    if (outcome === 'hang') {
      fail(code, 'the run never ended');
      continue;
    }
    const problem = outcomeProblem(outcome);
    if (problem) fail(code, problem);
    else if (!(outcome as { ok: boolean }).ok) pythonErrors++;
    if (elapsed > opts.budgetMs + opts.graceMs)
      fail(code, `ran ${Math.round(elapsed)} ms, past its budget of ${opts.budgetMs} ms`);
    session.dispose();
    if (opts.takeUnhandled) {
      await macrotask();
      const lost = opts.takeUnhandled();
      if (lost.length) fail(code, `unhandled rejection: ${String(lost[0])}`);
    }
    const left = tf.memory().numTensors - baseline;
    if (left !== 0) fail(code, `${left} tensors left behind after dispose`);
  }
  return { inputs, failures, distinct, ms: performance.now() - start, pythonErrors };
}

/** A readable summary of the distinct failures, for the assertion message. */
export function describeFailures(r: FuzzResult, max = 8): string {
  return [...r.distinct.values()]
    .slice(0, max)
    .map((f) => `--- ${f.problem}\n${f.code}`)
    .join('\n');
}
