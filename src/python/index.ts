// The interpreter's public API, used by the kernel (in a Worker or the page) and by the
// conformance runner (Node). No DOM here.
import type { FigureSpec } from './figure.js';
import type { JsonValue } from '../kernel/protocol.js';
import { Interpreter } from './interpreter.js';
import './stdlib.js';

export type { FigureSpec } from './figure.js';
export * from './objects.js';

export interface RunOptions {
  /** Receives everything the cell prints, in order. */
  stdout?(text: string): void;
  /** Receives each figure `plt.show()` (or the end of a cell with an open figure) produces. */
  figure?(figure: FigureSpec): void;
  /** Set `cancelled = true` to stop the run at the next statement: KeyboardInterrupt. */
  signal?: { cancelled: boolean };
  /** Wall-clock budget; when exceeded the run ends with TimeoutError. */
  timeBudgetMs?: number;
  /** Budget of executed statements and loop iterations; when exceeded: TimeoutError. */
  stepBudget?: number;
  /** Return the last expression's value converted to JSON in `value`. */
  wantValue?: boolean;
  /** Do not echo the last expression. */
  silent?: boolean;
  /** Default device for tensor creation during this run (modules read it from their context). */
  device?: 'cpu' | 'cuda';
}

export interface RunError {
  type: string;
  message: string;
  /** The whole traceback as Python prints it. */
  traceback: string;
  line?: number;
  column?: number;
}

export interface RunOutcome {
  ok: boolean;
  /** repr() of the last expression statement's value, or null (None, `;`, not an expression). */
  echo: string | null;
  /**
   * With `wantValue`: the last expression as JSON (int/float → number, str, bool, None → null,
   * list/tuple → array, dict → object); non-finite floats and other objects → null.
   */
  value?: JsonValue;
  error?: RunError;
}

/**
 * A namespace in which cells run in order (a page's cells, or one notebook). Create one per
 * independent cell for separate namespaces. Modules are imported lazily, once per session.
 */
export class PythonSession {
  private readonly interp = new Interpreter();

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
