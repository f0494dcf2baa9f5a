// The messages between elements (page) and the kernel (a Worker shared by a page's elements).
// Every request carries an `id`; every event answers one. Add new request kinds here, typed.

// The values inside them (runs, figures, speedup measurements) are typed in src/protocol.
import type { FigureSpec } from '../protocol/figure.js';
import type { DeviceName, JsonValue, PythonErrorInfo } from '../protocol/run.js';
import type { SpeedupEvent, SpeedupRequest } from '../protocol/speedup.js';
export type { FigureSpec } from '../protocol/figure.js';
export type { DeviceName, JsonValue, PythonErrorInfo } from '../protocol/run.js';
export type * from '../protocol/speedup.js';

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
  /** The page has drawn the run `id`'s last `stdout` batch (no answer: the kernel may send the next). */
  | { type: 'output-ack'; id: number }
  /** The whole output of an earlier run (answered by an `output` event). */
  | { type: 'output'; id: number; run: number }
  | { type: 'reset'; id: number; session: string }
  | { type: 'info'; id: number }
  /** Sent by the client before anything else: where the wasm backend's files are served. */
  | { type: 'configure'; id: number; wasmBase?: string };

/** A request without its `id` (the client assigns ids); distributes over the union. */
export type KernelRequestBody = KernelRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

export type KernelEvent =
  | SpeedupEvent
  /** A run left the queue and began (runs wait while another cell's run goes on). */
  | { type: 'started'; id: number }
  /** Printed text; `omitted` characters were left out just before it (see output-budget.ts). */
  | { type: 'stdout'; id: number; text: string; omitted?: number }
  | { type: 'figure'; id: number; figure: FigureSpec }
  /**
   * `clear_output()`: the run's output shown so far goes away; with `wait`, only when the next
   * output of the run arrives (or it ends), so that a redrawn figure does not flicker.
   */
  | { type: 'clear'; id: number; wait: boolean }
  /**
   * Output events that the page must apply in one task: a clear with what replaces it (apart,
   * the page could paint the cleared output between them: a flicker).
   */
  | { type: 'batch'; id: number; events: KernelEvent[] }
  | { type: 'echo'; id: number; text: string }
  /** The kernel heard `cancel` for this run: it stops at its next check, so the Worker need not be restarted. */
  | { type: 'stopping'; id: number }
  /**
   * Answers `output`: the run's whole output as UTF-8 (printed text, echo, traceback, in order,
   * up to a bound), or null when the kernel no longer keeps it.
   */
  | { type: 'output'; id: number; run: number; bytes: Uint8Array<ArrayBuffer> | null; final: true }
  | { type: 'result'; id: number; value: JsonValue }
  | { type: 'error'; id: number; error: PythonErrorInfo }
  | {
      type: 'info';
      id: number;
      /** The tfjs backend that serves each device here (`null`: none available). */
      backends: Record<DeviceName, string | null>;
      /** False when the kernel runs in the page because no Worker could start. */
      worker: boolean;
      /** Why the kernel runs in the page, or that it was restarted; for people. */
      note?: string;
    }
  /** Answers `reset` and `configure`. */
  | { type: 'ack'; id: number }
  | {
      type: 'done';
      id: number;
      ok: boolean;
      /** Milliseconds the code ran (not counting time queued behind other runs). */
      duration: number;
      device: DeviceName;
      backend: string;
      /** The cpu device's tensors grew big enough to need wasm, and WebAssembly did not start. */
      wasmRefused?: boolean;
      /** The run was stopped by `cancel`. */
      cancelled?: boolean;
      /** The Worker was terminated and started again to stop it: every session was reset. */
      restarted?: boolean;
      /** Characters of the run's output the page was not sent (an `output` request returns them). */
      omitted?: number;
    };

/** The name of a Worker started from the kernel's own chunk (client.ts): kernel.ts serves when loaded in it. */
export const CHUNK_WORKER_NAME = 'torchlet-kernel-chunk';

/** What a Worker posts besides events: once, when its kernel is ready for requests. */
export interface KernelReady {
  type: 'ready';
}

/** True for the last event of a request: `done`, `ack`, `info`, or any event flagged `final: true`. */
export function isFinalEvent(event: KernelEvent): boolean {
  return (
    event.type === 'done' ||
    event.type === 'ack' ||
    event.type === 'info' ||
    (event as { final?: boolean }).final === true
  );
}
