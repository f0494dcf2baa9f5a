// Test helper: runs a cell in a fresh (or given) session and collects what it printed.
import { PythonSession, type RunOptions, type RunOutcome } from '../../src/python/index.js';

export interface Ran extends RunOutcome {
  stdout: string;
  figures: number;
}

export async function runPy(
  code: string,
  opts: RunOptions = {},
  session = new PythonSession(),
): Promise<Ran> {
  let stdout = '';
  let figures = 0;
  const out = await session.run(code, {
    timeBudgetMs: 10_000,
    ...opts,
    stdout: (t) => (stdout += t),
    figure: () => figures++,
  });
  return { ...out, stdout, figures };
}

/** stdout plus `Type: message` of an uncaught error, as `python3 file.py` shows them. */
export function transcript(r: Ran): string {
  if (r.ok) return r.stdout;
  const e = r.error!;
  return r.stdout + (e.message ? `${e.type}: ${e.message}` : e.type) + '\n';
}
