// The kernel's side of <gpu-speedup>: the kernel hands every SpeedupRequest (isSpeedupRequest)
// here. Heavy CPU matmuls thus run off the page's thread, and the page never freezes.
import type { KernelEvent } from './protocol.js';
import type { SpeedupRequest } from '../protocol/speedup.js';
import { MAX_REPEATS, SpeedupFailure, measureSpeedup, probeSpeedupEnvironment } from './speedup-measure.js';

/** Running `speedup` requests by id, each with the controller that cancels it. */
const running = new Map<number, AbortController>();
/** Measurements run one at a time: two at once (two elements on a page) would skew both timings. */
let queue: Promise<unknown> = Promise.resolve();

/** Stops the running speedup request `id` (at once while it awaits the GPU); false when none runs. */
export function cancelSpeedup(id: number): boolean {
  const controller = running.get(id);
  controller?.abort();
  return controller !== undefined;
}

export async function handleSpeedupRequest(
  msg: SpeedupRequest,
  post: (e: KernelEvent) => void,
): Promise<void> {
  const fail = (code: 'bad-request' | 'failed', message: string): void =>
    post({ type: 'speedup-error', id: msg.id, code, message, final: true });
  try {
    switch (msg.type) {
      case 'speedup-probe': {
        const env = await probeSpeedupEnvironment(msg.cpuBackend, msg.gpuBackend);
        post({ type: 'speedup-info', id: msg.id, env, final: true });
        return;
      }
      case 'speedup-cancel': {
        cancelSpeedup(msg.target);
        post({ type: 'speedup-cancelled', id: msg.id, final: true });
        return;
      }
      case 'speedup': {
        if (typeof msg.n !== 'number' || typeof msg.repeats !== 'number') {
          fail('bad-request', `speedup needs numbers n and repeats (1 to ${MAX_REPEATS})`);
          return;
        }
        const controller = new AbortController();
        running.set(msg.id, controller);
        try {
          const turn = queue.then(() =>
            measureSpeedup({
              n: msg.n,
              repeats: msg.repeats,
              cpuBackend: msg.cpuBackend,
              gpuBackend: msg.gpuBackend,
              naive: msg.naive,
              signal: controller.signal,
              onEnvironment: (env) => post({ type: 'speedup-info', id: msg.id, env }),
              onProgress: (progress) => post({ type: 'speedup-progress', id: msg.id, ...progress }),
            }),
          );
          queue = turn.catch(() => undefined);
          const { env, result } = await turn;
          post({ type: 'speedup-result', id: msg.id, result, env, final: true });
        } catch (error) {
          if (error instanceof SpeedupFailure && error.code === 'cancelled') {
            post({ type: 'speedup-cancelled', id: msg.id, final: true });
          } else if (error instanceof SpeedupFailure) {
            post({
              type: 'speedup-error',
              id: msg.id,
              code: error.code,
              message: error.message,
              final: true,
            });
          } else {
            throw error;
          }
        } finally {
          running.delete(msg.id);
        }
        return;
      }
      default:
        fail('bad-request', `unknown speedup request ${(msg as { type: string }).type}`);
    }
  } catch (error) {
    fail(
      'failed',
      `The speedup measurement failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
