// The kernel: Python sessions (namespaces) and a queue of runs, driven by protocol messages.
// It runs inside the page's Worker (worker.ts), or in the page itself where no Worker can start.
// TensorFlow.js loads with `import torch` (or a gpu-speedup request), never before: a cell without
// tensors does not wait for it, nor for its wasm.
import { cpuWasmRefused, loadedDeviceBackend, setWasmBase } from '../core/backend-config.js';
import type { BackendName } from '../core/backends.js';
import type { CancelSignal, DeviceName, PythonErrorInfo, RunOptions, RunOutcome } from '../protocol/run.js';
import { isSpeedupRequest, type SpeedupRequest } from '../protocol/speedup.js';
import {
  CHUNK_WORKER_NAME,
  type KernelEvent,
  type KernelReady,
  type KernelRequest,
  isFinalEvent,
} from './protocol.js';
import { KeptOutputs } from './output-budget.js';
import { RunOutput } from './run-output.js';

/** What the kernel needs from a Python session (src/python's PythonSession). */
export interface PythonSessionLike {
  run(code: string, options: RunOptions): Promise<RunOutcome>;
  dispose?(): void;
}

export type SessionFactory = () => PythonSessionLike | Promise<PythonSessionLike>;

export interface KernelOptions {
  /** True inside the Worker; reported by `info`. */
  inWorker: boolean;
  /** Why the kernel runs where it runs (reported by `info`). */
  note?: string;
  /** Makes a session; tests inject their own. Default: src/python's PythonSession. */
  createSession?: SessionFactory;
  /** Wall-clock budget per run, passed to the interpreter (none by default: Stop ends a run). */
  timeBudgetMs?: number;
}

type RunRequest = Extract<KernelRequest, { type: 'run' }>;

async function createPythonSession(): Promise<PythonSessionLike> {
  const python = await import('../python/index.js');
  return new python.PythonSession() as PythonSessionLike;
}

/** The tfjs backend behind a device (core's choice: cpu = wasm else cpu; cuda = webgpu else webgl); loads tfjs. */
export async function backendForDevice(device: DeviceName): Promise<BackendName | null> {
  const { initDevices } = await import('../core/device.js');
  return (await initDevices())[device];
}

function internalError(err: unknown): PythonErrorInfo {
  const message = `internal error: ${err instanceof Error ? err.message : String(err)}`;
  return {
    type: 'SystemError',
    message,
    traceback: `Traceback (most recent call last):\nSystemError: ${message}`,
  };
}

export class Kernel {
  private readonly sessions = new Map<string, Promise<PythonSessionLike>>();
  private readonly queue: RunRequest[] = [];
  private running: { id: number; signal: CancelSignal; output?: RunOutput } | undefined;
  /** The whole output of the last runs, for `output` requests. */
  private readonly keptOutputs = new KeptOutputs();
  /** Requests handed to the speedup handler and not yet answered in full. */
  private readonly otherRequests = new Set<number>();
  private readonly createSession: SessionFactory;

  constructor(
    private readonly post: (event: KernelEvent) => void,
    private readonly options: KernelOptions,
  ) {
    this.createSession = options.createSession ?? createPythonSession;
  }

  handle(msg: KernelRequest): void {
    if (isSpeedupRequest(msg)) {
      void this.handleOther(msg);
      return;
    }
    switch (msg.type) {
      case 'run':
        this.queue.push(msg);
        if (!this.running) void this.drain();
        return;
      case 'cancel':
        this.cancel(msg.id);
        return;
      case 'output-ack':
        if (this.running?.id === msg.id) this.running.output?.acked();
        return;
      case 'output': {
        const kept = this.keptOutputs.get(msg.run);
        this.post({
          type: 'output',
          id: msg.id,
          run: msg.run,
          bytes: kept ? kept.contents() : null,
          final: true,
        });
        return;
      }
      case 'reset':
        this.sessions.get(msg.session)?.then(
          (s) => s.dispose?.(),
          () => undefined,
        );
        this.sessions.delete(msg.session);
        this.post({ type: 'ack', id: msg.id });
        return;
      case 'configure':
        if (msg.wasmBase) setWasmBase(msg.wasmBase);
        this.post({ type: 'ack', id: msg.id });
        return;
      case 'info':
        void this.info(msg.id);
        return;
    }
  }

  private cancel(id: number): void {
    if (this.running?.id === id) {
      // Heard while the run yields: it stops at its next check, and the client need not restart us.
      if (!this.running.signal.cancelled) this.post({ type: 'stopping', id });
      this.running.signal.cancelled = true;
      return;
    }
    const queued = this.queue.findIndex((r) => r.id === id);
    if (queued >= 0) {
      const [req] = this.queue.splice(queued, 1);
      this.post({
        type: 'done',
        id,
        ok: false,
        duration: 0,
        device: req.device ?? 'cpu',
        backend: 'none',
        cancelled: true,
      });
      return;
    }
    // The speedup handler has its own cancel message, aimed at the request by `target`.
    if (this.otherRequests.has(id)) void this.handleOther({ type: 'speedup-cancel', id: -id, target: id });
  }

  private async info(id: number): Promise<void> {
    const [cpu, cuda] = await Promise.all([backendForDevice('cpu'), backendForDevice('cuda')]);
    this.post({
      type: 'info',
      id,
      backends: { cpu, cuda },
      worker: this.options.inWorker,
      note: this.options.note,
    });
  }

  private session(name: string): Promise<PythonSessionLike> {
    let session = this.sessions.get(name);
    if (!session) {
      session = Promise.resolve().then(() => this.createSession());
      this.sessions.set(name, session);
      // A session that failed to start is not kept: the next run tries again.
      session.catch(() => this.sessions.get(name) === session && this.sessions.delete(name));
    }
    return session;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const req = this.queue.shift()!;
      const signal: CancelSignal = { cancelled: false };
      this.running = { id: req.id, signal };
      this.post({ type: 'started', id: req.id });
      try {
        await this.runOne(req, signal);
      } finally {
        this.running = undefined;
      }
    }
  }

  private async runOne(req: RunRequest, signal: CancelSignal): Promise<void> {
    const { id } = req;
    const device = req.device ?? 'cpu';
    let backend = 'none';
    let ok = false;
    let duration = 0;
    const output = new RunOutput(id, this.post);
    if (this.running?.id === id) this.running.output = output;
    try {
      const session = await this.session(req.session);
      const start = performance.now();
      const result = await session.run(req.code, {
        stdout: (text) => output.write(text),
        figure: (figure) => output.figure(figure),
        clearOutput: (wait) => output.clear(wait),
        signal,
        wantValue: req.wantValue,
        silent: req.silent,
        device,
        timeBudgetMs: this.options.timeBudgetMs,
      });
      duration = performance.now() - start;
      // 'none' until some run has imported torch: the run needed no tensor backend.
      backend = loadedDeviceBackend(device) ?? 'none';
      output.finish();
      if (result.echo != null && result.echo !== '' && !req.silent) output.echo(result.echo);
      if (req.wantValue && result.value !== undefined) this.post({ type: 'result', id, value: result.value });
      if (!result.ok && result.error) output.error(result.error);
      ok = result.ok;
    } catch (err) {
      output.finish();
      output.error(internalError(err));
    }
    this.keptOutputs.add(id, output.kept);
    const omitted = output.omitted;
    this.post({
      type: 'done',
      id,
      ok,
      duration,
      device,
      backend,
      ...(device === 'cpu' && backend === 'cpu' && cpuWasmRefused() ? { wasmRefused: true } : {}),
      ...(signal.cancelled ? { cancelled: true } : {}),
      ...(omitted ? { omitted } : {}),
    });
  }

  private async handleOther(msg: SpeedupRequest): Promise<void> {
    const { id } = msg;
    this.otherRequests.add(id);
    const post = (event: KernelEvent) => {
      if (isFinalEvent(event) && event.id === id) this.otherRequests.delete(id);
      this.post(event);
    };
    try {
      const { handleSpeedupRequest } = await import('./speedup.js');
      await handleSpeedupRequest(msg, post);
    } catch (err) {
      post({ type: 'error', id, error: internalError(err) });
      post({ type: 'done', id, ok: false, duration: 0, device: 'cpu', backend: 'none' });
    }
  }
}

/**
 * This module's URL as built: the chunk a bundler put it in. Where no worker.js was emitted (Vite's
 * dev server, esbuild or rollup with code splitting), the client starts a Worker from this chunk.
 */
export const kernelModuleUrl: string = import.meta.url;

/** Answers protocol messages in this Worker with a Kernel, then says `ready`. */
export function serveKernelInWorker(createSession?: SessionFactory): void {
  // tsconfig's lib is DOM, whose `self` is a Window: name the Worker side of it.
  const scope = self as unknown as {
    postMessage(message: KernelEvent | KernelReady): void;
    onmessage: ((event: MessageEvent<KernelRequest>) => void) | null;
  };
  const kernel = new Kernel((event) => scope.postMessage(event), { inWorker: true, createSession });
  scope.onmessage = (event) => kernel.handle(event.data);
  scope.postMessage({ type: 'ready' });
}

function isChunkWorker(): boolean {
  const global = globalThis as { WorkerGlobalScope?: unknown; name?: unknown };
  return typeof global.WorkerGlobalScope === 'function' && global.name === CHUNK_WORKER_NAME;
}

if (isChunkWorker()) serveKernelInWorker();
