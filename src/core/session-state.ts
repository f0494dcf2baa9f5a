// What PyTorch keeps per process (grad mode, the default generator, print options), kept per
// Python session here: cells of different sessions on one page are separate notebooks, so one
// session's torch.set_grad_enabled(False) or manual_seed never reaches another. The interpreter
// makes its session's state current when a run starts or resumes; core reads the current one.
import type { PrintOptions } from './format.js';
import type { MT19937 } from './random.js';

export class SessionState {
  gradEnabled = true;
  /** The default generator; null until the session first draws or seeds (random.ts makes it). */
  generator: MT19937 | null = null;
  /** The seed of `generator` (torch.initial_seed); null: PyTorch's default seed. */
  initialSeed: number | bigint | null = null;
  /** torch.set_printoptions; null: PyTorch's defaults (format.ts). */
  printOptions: PrintOptions | null = null;
  /** The per-session state of modules built over core (numpy's print options), by key. */
  readonly modules = new Map<string, unknown>();
}

/** Used outside any session (core's own tests, the speedup meter). */
const processState = new SessionState();
let current = processState;

export function currentSessionState(): SessionState {
  return current;
}

/** Makes `state` current (null: the process's own); returns the one that was. */
export function activateSessionState(state: SessionState | null): SessionState {
  const previous = current;
  current = state ?? processState;
  return previous;
}
