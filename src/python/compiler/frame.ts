// What compiled code runs on: a call's Frame (slots, globals, position), the run Control shared by
// every frame, closure Cells, the closure types the compiler builds, and tracebacks.
import { builtinExceptions, newException, None, pyError, PyException, PyModule, PyType, PyValue } from '../objects.js';
import { MaybePromise } from '../maybe-promise.js';
import type { PyFunction, PyGenerator } from './user-functions.js';

// Runtime structures

export class Cell {
  constructor(public v: PyValue | undefined) {}
}

/** What a running cell shares with every frame: cancellation, budgets, recursion depth. */
export interface Control {
  tick(): void | Promise<void>;
  /** Sync-only check for native loops. */
  check(): void;
  depth: number;
  recursionLimit: number;
  /** True once the run was cancelled or ran out of time: `except` clauses then do not catch. */
  stopped: boolean;
}

export interface SessionHooks {
  ctl: Control;
  builtins: Map<string, PyValue>;
  importModule(name: string): Promise<PyModule>;
  superType: PyType;
  staticMethodType: PyType;
}

export class Frame {
  slots: (PyValue | Cell | undefined)[];
  ret: PyValue = None;
  line = 0;
  col = 0;
  classNs: Map<string, PyValue> | undefined;
  gen: PyGenerator | undefined;
  fn: PyFunction | undefined;
  lastValue: PyValue | undefined;
  /** Set when this call was moved to a fresh JS stack. */
  fresh = false;
  constructor(
    public globals: Map<string, PyValue>,
    public session: SessionHooks,
    nslots: number,
  ) {
    this.slots = nslots > 0 ? new Array<PyValue | Cell | undefined>(nslots) : [];
  }
}

export type Expr = (f: Frame) => MaybePromise<PyValue>;
export type Signal = undefined | typeof BREAK | typeof CONTINUE | typeof RETURN;

export type Stmt = (f: Frame) => MaybePromise<Signal>;
export type Store = (f: Frame, v: PyValue) => MaybePromise<void>;

/** How a loop iteration ended: go on, the iterable/condition ran out, or break/return. */
export type LoopStep = Signal | 'next' | 'stop';

export const BREAK = 1 as const;
export const CONTINUE = 2 as const;
export const RETURN = 3 as const;

/** A traceback line. */
export interface TraceFrame {
  line: number;
  column: number;
  name: string;
}

/** Turns anything thrown into a PyException (JS errors from native code included). */
export function toPyException(e: unknown): PyException {
  if (e instanceof PyException) return e;
  if (e instanceof RangeError && e.message.includes('call stack'))
    return pyError('RecursionError', 'maximum recursion depth exceeded');
  // A JS allocation failure (a huge broadcast or matmul result) is Python's MemoryError.
  if (e instanceof RangeError && /(array|string) length|allocation failed/i.test(e.message))
    return pyError('MemoryError', '');
  if (e instanceof Error) {
    const named = (e as Error & { pyType?: string }).pyType ?? e.name;
    const cls = builtinExceptions[named];
    if (cls && named !== 'Error') return new PyException(newException(cls, [e.message]));
    return pyError('RuntimeError', e.message || String(e));
  }
  return pyError('RuntimeError', String(e));
}

export function addTrace(e: unknown, f: Frame, name: string): PyException {
  const p = toPyException(e);
  p.frames.push({ line: f.line, column: f.col, name });
  return p;
}
