// Runs widget-internal Python through the page's kernel and describes failures for people.
import type { KernelClient } from '../../kernel/client.js';
import type { DeviceName, JsonValue, PythonErrorInfo } from '../../kernel/protocol.js';

export interface PythonOutcome {
  ok: boolean;
  /** The last expression's value (`wantValue`). */
  value?: JsonValue;
  error?: PythonErrorInfo;
  device?: DeviceName;
  backend?: string;
}

/** One silent run that answers its last expression's value. */
export async function runPython(
  kernel: KernelClient,
  options: { session: string; code: string; device?: DeviceName },
): Promise<PythonOutcome> {
  let value: JsonValue | undefined;
  let error: PythonErrorInfo | undefined;
  const handle = kernel.run({ ...options, wantValue: true, silent: true }, (event) => {
    if (event.type === 'result') value = event.value;
    else if (event.type === 'error') error = event.error;
  });
  const done = await handle.done;
  return { ok: done.ok && !error, value, error, device: done.device, backend: done.backend };
}

/**
 * `ZeroDivisionError: division by zero`, with the line (shifted by `lineOffset` lines of code the
 * widget put before the user's) when `lines` is not false.
 */
export function describeFailure(
  outcome: PythonOutcome,
  options: { lineOffset?: number; lines?: boolean } = {},
): string {
  const error = outcome.error;
  if (!error) return 'it stopped without an error message.';
  let text = `${error.type}: ${error.message}`.trim();
  if (options.lines !== false && error.line !== undefined) {
    const line = error.line - (options.lineOffset ?? 0);
    if (line >= 1) text += ` (line ${line})`;
  }
  return text;
}
