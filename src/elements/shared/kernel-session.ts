// An element's own namespace in the page's kernel (gradient-plot's functions, its exercise's
// re-run), and what a kernel restart does to it: the definitions are gone and must be made again.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { KERNEL_RESTART_EVENT, getKernel } from '../../kernel/client.js';
import type { DeviceName } from '../../kernel/protocol.js';
import { type PythonOutcome, runPython } from './python-run.js';

let sessionCounter = 0;

export class KernelSessionController implements ReactiveController {
  /** The namespace's name, unique in the page. */
  readonly name: string;
  private epoch = '';

  constructor(
    host: ReactiveControllerHost,
    prefix: string,
    private readonly onRestart: () => void,
  ) {
    this.name = `${prefix}-${++sessionCounter}`;
    host.addController(this);
  }

  get kernel(): ReturnType<typeof getKernel> {
    return getKernel();
  }

  hostConnected(): void {
    this.kernel.addEventListener(KERNEL_RESTART_EVENT, this.restarted);
  }

  hostDisconnected(): void {
    this.kernel.removeEventListener(KERNEL_RESTART_EVENT, this.restarted);
  }

  private restarted = (): void => this.onRestart();

  /** Empties the namespace; what is defined after this survives until the next restart. */
  async reset(): Promise<void> {
    await this.kernel.reset(this.name);
    this.epoch = this.kernel.sessionEpoch(this.name);
  }

  /** True when the kernel lost what was defined since the last `reset()` (it restarted). */
  get lost(): boolean {
    return this.epoch !== this.kernel.sessionEpoch(this.name);
  }

  /** One silent run in this namespace (on a checked device, or the kernel's default) that answers its last expression's value. */
  run(code: string, device?: DeviceName): Promise<PythonOutcome> {
    return runPython(this.kernel, { session: this.name, code, device });
  }
}
