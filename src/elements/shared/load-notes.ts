// Plain notes an element shows when part of the library could not load.
import { LOAD_FAILURE_HINT } from '../../kernel/client.js';

/** Said once per page when the kernel's Worker failed to load and the kernel runs in the page. */
export function workerFailureNote(failure: string): string {
  return `${failure[0].toUpperCase()}${failure.slice(1)}, so the code runs in this page (a long run slows it down). ${LOAD_FAILURE_HINT}`;
}
