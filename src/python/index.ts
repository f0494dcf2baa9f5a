// The interpreter's public API, used by the kernel (in a Worker or the page) and by the
// conformance runner (Node). No DOM here.
import type { RunOptions, RunOutcome } from '../protocol/run.js';
import { Interpreter } from './interpreter.js';
import { spendFirstDetach } from './spend-detach.js';
import type { ModuleFactory } from './objects.js';

export type { FigureSpec } from '../protocol/figure.js';
export type { PythonErrorInfo, RunOptions, RunOutcome } from '../protocol/run.js';
export * from './objects.js';

/** A cell whose code names cuda (or that runs on it) has the GPU's tfjs backend loaded first. */
const NAMES_CUDA = /\bcuda\b/;

/** Looks for the GPU once (tfjs and its GPU backend load here, not at `import torch`). */
async function setUpGpu(): Promise<void> {
  try {
    await (await import('../core/device.js')).initGpuDevice();
  } catch {
    // A chunk that cannot load: `import torch` in the cell says so in Python's words.
  }
}

/**
 * A namespace in which cells run in order (a page's cells, or one notebook). Create one per
 * independent cell for separate namespaces. Modules are imported lazily, once per session.
 */
export class PythonSession {
  private readonly interp: Interpreter;

  /** `modules`: importable modules of this session's own, by name, beside torch, numpy, math … */
  constructor(options: { modules?: Record<string, ModuleFactory> } = {}) {
    spendFirstDetach();
    this.interp = new Interpreter(new Map(Object.entries(options.modules ?? {})));
  }

  /** Runs one cell. Never throws: Python errors and internal failures come back in `error`. */
  run(code: string, opts: RunOptions = {}): Promise<RunOutcome> {
    // A cell that names cuda gets the GPU set up before it runs, so its timings leave the set-up
    // out (an op that meets a name the code hides waits for it and runs again); `import torch`
    // alone sets up only the cpu: a cpu lesson never fetches a GPU backend.
    if (opts.device === 'cuda' || NAMES_CUDA.test(code))
      return setUpGpu().then(() => this.interp.run(code, opts));
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
