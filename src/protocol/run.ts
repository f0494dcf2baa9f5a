// What a Python run takes and gives back: the contract between the kernel (which may sit in a
// Worker) and src/python's PythonSession. Plain data, except the callbacks that stream output.
import type { FigureSpec } from './figure.js';

export type DeviceName = 'cpu' | 'cuda';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A Python exception as the page shows it. */
export interface PythonErrorInfo {
  /** Python exception type, e.g. `NameError`. */
  type: string;
  message: string;
  /** The whole traceback as Python prints it. */
  traceback: string;
  /** 1-based line in the cell's code where it was raised, when known. */
  line?: number;
  column?: number;
}

/** Set `cancelled = true` to stop a run at its next statement (KeyboardInterrupt). */
export interface CancelSignal {
  cancelled: boolean;
}

export interface RunOptions {
  /** Receives everything the cell prints, in order. */
  stdout?(text: string): void;
  /** Receives each figure `plt.show()` (or the end of a cell with an open figure) produces. */
  figure?(figure: FigureSpec): void;
  /**
   * `IPython.display.clear_output(wait)`: the output shown so far goes away, at once or (`wait`)
   * just before the next output arrives, so that a loop redrawing one figure does not flicker.
   */
  clearOutput?(wait: boolean): void;
  signal?: CancelSignal;
  /** Wall-clock budget; when exceeded the run ends with TimeoutError. */
  timeBudgetMs?: number;
  /** Budget of executed statements and loop iterations; when exceeded: TimeoutError. */
  stepBudget?: number;
  /** Return the last expression's value converted to JSON in `value`. */
  wantValue?: boolean;
  /** Do not echo the last expression (teacher checks, an element's own code). */
  silent?: boolean;
  /** Default device for tensor creation during this run (modules read it from their context). */
  device?: DeviceName;
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
  error?: PythonErrorInfo;
}
