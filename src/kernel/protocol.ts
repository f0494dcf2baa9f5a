// The messages between elements (page) and the kernel (a Worker shared by a page's elements).
// Every request carries an `id`; every event answers one. Add new request kinds here, typed.

export type DeviceName = 'cpu' | 'cuda';

/** A matplotlib figure as the interpreter records it; drawn with uPlot by src/plot. */
export type { FigureSpec } from '../python/figure.js';
import type { FigureSpec } from '../python/figure.js';
import type { SpeedupEvent, SpeedupRequest } from './speedup-protocol.js';
export type * from './speedup-protocol.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

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

export type KernelRequest =
  | SpeedupRequest
  | {
      type: 'run';
      id: number;
      session: string;
      code: string;
      /** Default device for tensors created in this run. */
      device?: DeviceName;
      /** Also send the last expression's value converted to JSON (`result` event). */
      wantValue?: boolean;
      /** Do not echo the last expression (used for teacher checks and widget-internal code). */
      silent?: boolean;
    }
  | { type: 'cancel'; id: number }
  | { type: 'reset'; id: number; session: string }
  | { type: 'info'; id: number };

export type KernelEvent =
  | SpeedupEvent
  | { type: 'stdout'; id: number; text: string }
  | { type: 'figure'; id: number; figure: FigureSpec }
  | { type: 'echo'; id: number; text: string }
  | { type: 'result'; id: number; value: JsonValue }
  | { type: 'error'; id: number; error: PythonErrorInfo }
  | { type: 'info'; id: number; backends: Record<DeviceName, string | null>; worker: boolean }
  | { type: 'done'; id: number; ok: boolean; duration: number; device: DeviceName; backend: string };
