// <gpu-speedup>'s requests to the page's kernel: which backends run here, and one measurement,
// which ends however it ends (result, refusal, a lost GPU, Stop, a restart) as one outcome.
import { getKernel } from '../../kernel/client.js';
import type { KernelEvent } from '../../kernel/protocol.js';
import type {
  SpeedupCpuBackend,
  SpeedupEnvironment,
  SpeedupErrorCode,
  SpeedupGpuBackend,
  SpeedupMeasurement,
} from '../../protocol/speedup.js';

export type SpeedupOutcome =
  | { kind: 'result'; result: SpeedupMeasurement; env: SpeedupEnvironment; wallMs: number }
  | { kind: 'error'; code: SpeedupErrorCode | 'kernel'; message: string }
  | { kind: 'cancelled' };

export class SpeedupRequests {
  private handle: { cancel(): void } | null = null;
  private cancelRequested = false;

  /** A new measurement or sweep starts: an earlier Stop no longer applies. */
  begin(): void {
    this.cancelRequested = false;
  }

  /** Stops the measurement in flight; the next `measure` of this run resolves as cancelled. */
  cancel(): void {
    this.cancelRequested = true;
    this.handle?.cancel();
  }

  /** The request in flight ended. */
  finish(): void {
    this.handle = null;
  }

  /** Asks the kernel which backends would run and the largest N allowed (a sentence when it cannot). */
  probe(cpuBackend: SpeedupCpuBackend, gpuBackend: SpeedupGpuBackend): Promise<SpeedupEnvironment | string> {
    return new Promise<SpeedupEnvironment | string>((resolve) => {
      getKernel().request({ type: 'speedup-probe', cpuBackend, gpuBackend }, (event) => {
        if (event.type === 'speedup-info') resolve(event.env);
        else if (event.type === 'speedup-error') resolve(event.message);
        else if (event.type === 'error') resolve(event.error.message);
        else if (event.type === 'done') resolve('the kernel stopped before answering');
      });
    });
  }

  /** One request to the kernel; resolves however it ends (result, refusal, loss, cancel, restart). */
  measure(
    request: {
      n: number;
      repeats: number;
      cpuBackend: SpeedupCpuBackend;
      gpuBackend: SpeedupGpuBackend;
      naive: boolean;
    },
    env: SpeedupEnvironment | null,
    onFraction: (fraction: number) => void,
  ): Promise<SpeedupOutcome> {
    const { n } = request;
    const refusal = refusalOf(n, request.repeats, env);
    if (refusal) return Promise.resolve({ kind: 'error', code: refusal.code, message: refusal.message });
    const started = performance.now();
    return new Promise<SpeedupOutcome>((resolve) => {
      const onEvent = (event: KernelEvent): void => {
        switch (event.type) {
          case 'speedup-progress':
            onFraction(event.done / event.total);
            return;
          case 'speedup-result':
            resolve({
              kind: 'result',
              result: event.result,
              env: event.env,
              wallMs: performance.now() - started,
            });
            return;
          case 'speedup-cancelled':
            resolve({ kind: 'cancelled' });
            return;
          case 'speedup-error':
            resolve({ kind: 'error', code: event.code, message: event.message });
            return;
          case 'error':
            // The kernel was restarted (a cancel that a CPU run outlasted) or could not start.
            resolve(
              this.cancelRequested
                ? { kind: 'cancelled' }
                : { kind: 'error', code: 'kernel', message: event.error.message },
            );
            return;
          case 'done':
            resolve(
              this.cancelRequested || event.cancelled
                ? { kind: 'cancelled' }
                : { kind: 'error', code: 'kernel', message: 'The kernel stopped.' },
            );
            return;
          default:
            return;
        }
      };
      if (this.cancelRequested) {
        resolve({ kind: 'cancelled' });
        return;
      }
      this.handle = getKernel().request({ type: 'speedup', ...request }, onEvent);
    });
  }
}

/** Refuses a bad N in the page already, before the kernel allocates anything. */
export function refusalOf(
  n: number,
  repeats: number,
  env: SpeedupEnvironment | null,
): { code: SpeedupErrorCode; message: string } | null {
  if (!Number.isInteger(n) || n < 1)
    return { code: 'bad-request', message: `N must be a whole number of at least 1 (got ${n}).` };
  if (env && n > env.maxN) {
    const mib = (3 * 4 * n * n) / 2 ** 20;
    return {
      code: 'too-large',
      message: `N = ${n} is too large: its three matrices need ${mib.toFixed(0)} MiB, and ${env.maxNReason}. Try N ≤ ${env.maxN}.`,
    };
  }
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 50) {
    return {
      code: 'bad-request',
      message: `repeats must be a whole number from 1 to 50 (got ${repeats}).`,
    };
  }
  return null;
}
