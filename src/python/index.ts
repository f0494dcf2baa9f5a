// The interpreter's public API, used by the kernel (in a Worker or the page) and by the
// conformance runner (Node). No DOM here.
import type { RunOptions, RunOutcome } from '../protocol/run.js';
import { Interpreter } from './interpreter.js';
import type { ModuleFactory } from './objects.js';

export type { FigureSpec } from '../protocol/figure.js';
export type { PythonErrorInfo, RunOptions, RunOutcome } from '../protocol/run.js';
export * from './objects.js';

/**
 * A namespace in which cells run in order (a page's cells, or one notebook). Create one per
 * independent cell for separate namespaces. Modules are imported lazily, once per session.
 */
export class PythonSession {
  private readonly interp: Interpreter;

  /** `modules`: importable modules of this session's own, by name, beside torch, numpy, math … */
  constructor(options: { modules?: Record<string, ModuleFactory> } = {}) {
    this.interp = new Interpreter(new Map(Object.entries(options.modules ?? {})));
  }

  /** Runs one cell. Never throws: Python errors and internal failures come back in `error`. */
  run(code: string, opts: RunOptions = {}): Promise<RunOutcome> {
    return this.interp.run(code, opts);
  }

  /** Forgets the namespace (and the modules' per-session state). */
  reset(): void {
    this.interp.reset();
  }

  dispose(): void {
    this.interp.reset();
  }
}
