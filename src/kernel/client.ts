// The page side of the kernel: one client per page, shared by every element. It starts the
// Worker, numbers requests, routes events back to their callers, and stops runaway runs by
// restarting the Worker. Where no Worker can start (a CSP, no Worker at all) the same Kernel
// runs in the page.
//
// How the Worker is found, unless configureKernel({ workerUrl }) says:
// `new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })`, written literally so
// that bundlers (Vite, webpack, rspack, Parcel) bundle worker.js and rewrite its URL.
// - dev server / test runner: /src/kernel/worker.js is served from worker.ts (see the middleware
//   in web-dev-server.config.mjs and web-test-runner.config.mjs).
// - the npm build: dist/kernel/worker.js beside dist/kernel/client.js.
// - the CDN package sets workerUrl (its worker.js) through setBasePath.
// - where no worker.js was emitted (Vite's dev server pre-bundles this module away from it;
//   esbuild and rollup bundle no Worker), a Worker loads the chunk kernel.js was bundled into,
//   which serves the kernel when loaded in a Worker of that name (CHUNK_WORKER_NAME).
// - a Worker on another origin (a CDN) cannot be constructed directly: it is started from a
//   same-origin blob URL whose module imports the real URL.
import {
  CHUNK_WORKER_NAME,
  type DeviceName,
  type KernelEvent,
  type KernelReady,
  type KernelRequest,
  type KernelRequestBody,
  type PythonErrorInfo,
  isFinalEvent,
} from './protocol.js';
import type { Kernel } from './kernel.js';

export type DoneEvent = Extract<KernelEvent, { type: 'done' }>;
export type InfoEvent = Extract<KernelEvent, { type: 'info' }>;

export interface RunHandle {
  id: number;
  /** Resolves with the request's `done` event (for `request()`: a `done` summarising its final event). */
  done: Promise<DoneEvent>;
  /** Asks the kernel to stop; a Worker that has not stopped the run within ~150 ms is restarted. */
  cancel(): void;
}

export interface RunRequestOptions {
  session: string;
  code: string;
  device?: DeviceName;
  wantValue?: boolean;
  silent?: boolean;
}

export interface KernelClient {
  run(req: RunRequestOptions, onEvent: (e: KernelEvent) => void): RunHandle;
  /** Any other request kind (e.g. 'speedup'); events with the same id go to onEvent until one with `final: true` or type 'done'. */
  request(req: KernelRequestBody, onEvent: (e: KernelEvent) => void): RunHandle;
  reset(session: string): Promise<void>;
  info(): Promise<InfoEvent>;
  /** The whole output of an earlier run (UTF-8), or null when the kernel no longer keeps it. */
  fullOutput(run: number): Promise<Uint8Array<ArrayBuffer> | null>;
  readonly inWorker: boolean;
}

export interface KernelClientOptions {
  /** Where the Worker module is; default: worker.js next to this module (bundlers emit it). */
  workerUrl?: string | URL;
  /** Where tfjs-backend-wasm's .wasm files are served (a URL ending in '/'); default: the files this build ships. */
  wasmBase?: string;
  /** Run the kernel in the page (tests, or pages that want no Worker). */
  inPage?: boolean;
  /** How long a cancelled run may take to stop before the Worker is restarted. */
  stopGraceMs?: number;
  /** How long a run whose Worker heard the cancel may take to stop before the Worker is restarted. */
  stoppingGraceMs?: number;
}

/** Fired on the client (an EventTarget) after the Worker was restarted: every session is empty. */
export const KERNEL_RESTART_EVENT = 'kernel-restart';

interface Pending {
  req: KernelRequest;
  onEvent: (e: KernelEvent) => void;
  resolve: (e: KernelEvent) => void;
  started: number;
  stopTimer?: ReturnType<typeof setTimeout>;
}

/** What to check when the library's files do not load: the usual causes, in a sentence. */
export const LOAD_FAILURE_HINT =
  "If torchlet's files are on another origin, that host must send Access-Control-Allow-Origin; a Content-Security-Policy must allow them (script-src, worker-src).";

/** For the Worker beside this module (a bundled app): a bundler may not have emitted it. */
const BUNDLER_HINT =
  "A bundler that bundles no Worker (esbuild, plain rollup) must split code (esbuild: splitting with format esm) so the kernel can start its Worker from its own chunk, and the site must serve torchlet's dist/wasm/ files, named by configureKernel({ wasmBase }) (see torchlet's docs/frameworks.md).";

function pythonError(type: string, message: string): PythonErrorInfo {
  return { type, message, traceback: `Traceback (most recent call last):\n${type}: ${message}` };
}

/** What a relative URL given to the kernel is relative to: the page's base (no page: `fallback`). */
function pageBase(fallback: string): string {
  return typeof document === 'undefined' ? fallback : document.baseURI;
}

/** `folder` as an absolute URL ending in '/', relative to the page (no page: to `fallback`). */
export function folderUrl(folder: string | URL, fallback: string): string {
  const url = new URL(String(folder), pageBase(fallback)).href;
  return url.endsWith('/') ? url : `${url}/`;
}

/** A wasmBase as the Worker must see it (absolute); one that is no URL is passed on as given. */
function absoluteFolder(folder: string): string {
  try {
    return folderUrl(folder, location.href);
  } catch {
    return folder;
  }
}

/** Under Vite's dev server this module is pre-bundled into node_modules/.vite/deps/, away from worker.js. */
function isViteDevDependency(here: string): boolean {
  return /\/node_modules\/\.vite\/(deps|deps_temp_[^/]*)\/[^/]+$/.test(new URL(here).pathname);
}

/** The chunk kernel.js was bundled into, when a Worker can load it: not this module's own file. */
function kernelChunk(kernelModuleUrl: string): URL | undefined {
  const url = new URL(kernelModuleUrl);
  const here = new URL(import.meta.url);
  if (!/^https?:$/.test(url.protocol) || url.pathname === here.pathname) return undefined;
  return url;
}

class Client extends EventTarget implements KernelClient {
  inWorker = false;
  /** Why the Worker failed to start, when it did (the kernel then runs in the page). */
  workerFailure: string | undefined;
  /** What to check about that failure (CORS, CSP), when there is something to check. */
  workerFailureHint = '';
  /** Why the kernel runs in the page, when it does. */
  private note: string | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private worker: Worker | undefined;
  private workerReady = false;
  private blobUrl: string | undefined;
  private outbox: KernelRequest[] = [];
  private page: Promise<Kernel> | undefined;
  private generation = 0;
  private readonly sessionResets = new Map<string, number>();
  private readonly workerUrl: URL | undefined;
  /** The kernel's chunk, once a Worker is started from it (see the header). */
  private chunkUrl: URL | undefined;
  private chunkTried = false;
  /**
   * Our own worker.js sets its onmessage as its static imports finish, and messages wait for that:
   * sent at once, they save the first run a round trip. A page's own workerUrl may load the kernel
   * later (a top-level await), when early messages would be lost: those wait for `ready`.
   */
  private get postsEarly(): boolean {
    return this.workerUrl === undefined && this.chunkUrl === undefined;
  }
  private readonly wasmBase: string | undefined;
  private readonly stopGraceMs: number;
  private readonly stoppingGraceMs: number;

  constructor(options: KernelClientOptions = {}) {
    super();
    // Undefined: the kernel uses the .wasm files this build ships (src/core/wasm-files.ts). A
    // relative folder is the page's, as it reads; the Worker would resolve it against its own URL.
    this.wasmBase = options.wasmBase === undefined ? undefined : absoluteFolder(options.wasmBase);
    this.stopGraceMs = options.stopGraceMs ?? 150;
    this.stoppingGraceMs = options.stoppingGraceMs ?? 3000;
    if (options.inPage || typeof Worker === 'undefined') {
      this.startInPage(
        options.inPage ? 'the kernel runs in the page, as asked' : 'this environment has no Worker',
      );
      return;
    }
    if (options.workerUrl !== undefined) {
      try {
        this.workerUrl = new URL(options.workerUrl, pageBase(location.href));
      } catch (err) {
        this.startInPage(`the Worker's URL is unusable (${String(err)})`);
        return;
      }
    }
    this.startWorker();
  }

  /**
   * Changes whenever the session's namespace is emptied (reset, or a Worker restart): an element
   * compares it with the value it saw when it ran to know whether its definitions still exist.
   */
  sessionEpoch(session: string): string {
    return `${this.generation}:${this.sessionResets.get(session) ?? 0}`;
  }

  run(req: RunRequestOptions, onEvent: (e: KernelEvent) => void): RunHandle {
    return this.request({ type: 'run', ...req }, onEvent);
  }

  request(body: KernelRequestBody, onEvent: (e: KernelEvent) => void): RunHandle {
    const id = this.nextId++;
    const req = { ...body, id } as KernelRequest;
    const device = (req as { device?: DeviceName }).device ?? 'cpu';
    let resolveDone!: (e: DoneEvent) => void;
    const done = new Promise<DoneEvent>((resolve) => (resolveDone = resolve));
    const started = performance.now();
    const resolve = (e: KernelEvent) =>
      resolveDone(
        e.type === 'done'
          ? e
          : {
              type: 'done',
              id,
              ok: e.type !== 'error' && !e.type.endsWith('-error'),
              duration: performance.now() - started,
              device,
              backend: 'none',
            },
      );
    this.pending.set(id, { req, onEvent, resolve, started });
    this.send(req);
    return { id, done, cancel: () => this.cancel(id) };
  }

  async reset(session: string): Promise<void> {
    this.sessionResets.set(session, (this.sessionResets.get(session) ?? 0) + 1);
    await this.request({ type: 'reset', session }, () => undefined).done;
  }

  info(): Promise<InfoEvent> {
    return new Promise((resolve) => {
      this.request({ type: 'info' }, (e) => {
        if (e.type === 'info') resolve(this.note && !e.note ? { ...e, note: this.note } : e);
      });
    });
  }

  fullOutput(run: number): Promise<Uint8Array<ArrayBuffer> | null> {
    return new Promise((resolve) => {
      const handle = this.request({ type: 'output', run }, (e) => {
        if (e.type === 'output') resolve(e.bytes);
      });
      void handle.done.then(() => resolve(null));
    });
  }

  private cancel(id: number): void {
    const pending = this.pending.get(id);
    if (!pending || pending.stopTimer !== undefined) return;
    this.send({ type: 'cancel', id });
    // In the page nothing can be terminated: the interpreter's own checks must stop the run.
    if (this.worker)
      pending.stopTimer = setTimeout(() => this.pending.has(id) && this.restartWorker(id), this.stopGraceMs);
  }

  private send(msg: KernelRequest): void {
    if (this.page)
      void this.page.then(
        (kernel) => kernel.handle(msg),
        (err) => this.failToStart(msg, err),
      );
    else if (this.worker && (this.workerReady || this.postsEarly)) {
      this.worker.postMessage(msg);
      // Until the Worker says it loaded, a message may yet need the in-page kernel (see onerror).
      if (!this.workerReady) this.outbox.push(msg);
    } else this.outbox.push(msg);
  }

  /** Runs whose last batch the page has yet to answer. */
  private readonly acking = new Set<number>();

  /**
   * Tells the kernel the page has drawn a batch of printed text (after the next frame), so that it
   * may send the next: a loop that prints cannot send faster than the page draws.
   */
  private ackOutput(id: number): void {
    // One answer per batch: a batch may hold several events (text, a clear, a figure).
    if (this.acking.has(id)) return;
    this.acking.add(id);
    let sent = false;
    const ack = () => {
      if (sent) return;
      sent = true;
      this.acking.delete(id);
      if (this.pending.has(id)) this.send({ type: 'output-ack', id });
    };
    const visible = typeof document === 'undefined' || document.visibilityState !== 'hidden';
    if (visible && typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(ack));
    // A hidden page draws no frames: its output still comes, slowly.
    setTimeout(ack, visible ? 500 : 100);
  }

  private dispatch = (event: KernelEvent): void => {
    const pending = this.pending.get(event.id);
    if (!pending) return;
    if (event.type === 'batch') {
      for (const inner of event.events) this.dispatch(inner);
      return;
    }
    if (event.type === 'stdout' || event.type === 'figure' || event.type === 'clear')
      this.ackOutput(event.id);
    if (event.type === 'stopping' && pending.stopTimer !== undefined) {
      // The run heard Stop and ends at its next check: restart only if that never comes.
      clearTimeout(pending.stopTimer);
      pending.stopTimer = setTimeout(
        () => this.pending.has(event.id) && this.restartWorker(event.id),
        this.stoppingGraceMs,
      );
    }
    if (isFinalEvent(event)) {
      this.pending.delete(event.id);
      if (pending.stopTimer !== undefined) clearTimeout(pending.stopTimer);
    }
    try {
      pending.onEvent(event);
    } finally {
      if (isFinalEvent(event)) pending.resolve(event);
    }
  };

  private configureMessage(): KernelRequest {
    return { type: 'configure', id: 0, wasmBase: this.wasmBase };
  }

  /** Starts the Worker at a URL: directly on this origin, through a blob URL from another. */
  private workerAt(url: URL, name = 'torchlet-kernel'): Worker {
    // self.origin, not location.origin: a srcdoc iframe has its parent's origin but an about: location.
    if (url.origin === self.origin) return new Worker(url, { type: 'module', name });
    const source = `import ${JSON.stringify(url.href)};`;
    this.blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    return new Worker(this.blobUrl, { type: 'module', name });
  }

  /** The Worker beside this module, in the one form bundlers recognise and rewrite. */
  private bundledWorker(): Worker {
    const here = import.meta.url;
    // webpack writes import.meta.url as the module's file: URL at build time: not another origin.
    const from = new URL(here);
    if (from.origin === self.origin || !/^https?:$/.test(from.protocol))
      return new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'torchlet-kernel' });
    // This module came from another origin (a CDN serving the npm build). Not the literal
    // new URL('./worker.js', import.meta.url): a bundler would emit worker.js unbundled for it.
    return this.workerAt(new URL('./worker.js', here));
  }

  private startWorker(): void {
    if (!this.workerUrl && !this.chunkUrl && isViteDevDependency(import.meta.url)) {
      this.startFromKernelChunk("the kernel's Worker did not load under Vite's dev server");
      return;
    }
    let worker: Worker;
    try {
      if (this.chunkUrl) worker = this.workerAt(this.chunkUrl, CHUNK_WORKER_NAME);
      else worker = this.workerUrl ? this.workerAt(this.workerUrl) : this.bundledWorker();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.workerFailure = `no Worker could start here (${reason})`;
      this.workerFailureHint = LOAD_FAILURE_HINT;
      this.startInPage(`no Worker could start here (${reason}), so the kernel runs in the page`);
      return;
    }
    this.worker = worker;
    this.workerReady = false;
    this.inWorker = true;
    this.outbox.unshift(this.configureMessage());
    if (this.postsEarly) for (const msg of this.outbox) worker.postMessage(msg);
    worker.onmessage = (event: MessageEvent<KernelEvent | KernelReady>) => {
      const data = event.data;
      if (data.type === 'ready') {
        this.workerReady = true;
        this.revokeBlob();
        const queued = this.outbox;
        this.outbox = [];
        if (!this.postsEarly) for (const msg of queued) worker.postMessage(msg);
        return;
      }
      this.dispatch(data);
    };
    worker.onerror = (event) => {
      if (this.workerReady || this.worker !== worker) return;
      // The Worker failed to load (a CSP forbidding workers or blob:, a module that failed to load).
      event.preventDefault();
      worker.terminate();
      this.worker = undefined;
      this.revokeBlob();
      // The configure message goes again with the next start.
      this.outbox = this.outbox.filter((msg) => msg.type !== 'configure');
      const reason = event.message ? `: ${event.message}` : '';
      // No worker.js where a bundler should have put it: the kernel's own chunk may serve instead.
      if (!this.workerUrl && !this.chunkUrl && !this.chunkTried)
        this.startFromKernelChunk(`the kernel's Worker did not load${reason}`);
      else this.workerFailed(`the kernel's Worker did not load${reason}`);
    };
  }

  /** Starts the Worker from the chunk holding kernel.js; `failure` says why worker.js did not do. */
  private startFromKernelChunk(failure: string): void {
    this.chunkTried = true;
    import('./kernel.js').then(
      ({ kernelModuleUrl }) => {
        this.chunkUrl = kernelChunk(kernelModuleUrl);
        if (this.chunkUrl) this.startWorker();
        else this.workerFailed(failure);
      },
      () => this.workerFailed(failure),
    );
  }

  private workerFailed(failure: string): void {
    this.workerFailure = failure;
    this.workerFailureHint = this.workerUrl ? LOAD_FAILURE_HINT : `${LOAD_FAILURE_HINT} ${BUNDLER_HINT}`;
    this.startInPage(`no Worker could start here (${failure}), so the kernel runs in the page`);
  }

  private revokeBlob(): void {
    if (this.blobUrl) URL.revokeObjectURL(this.blobUrl);
    this.blobUrl = undefined;
  }

  /** Terminates the Worker to stop a run that ignored its cancel; every session is lost. */
  private restartWorker(stoppedId: number): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.workerReady = false;
    this.generation++;
    const outstanding = [...this.pending.values()];
    this.pending.clear();
    const resend: Pending[] = [];
    for (const pending of outstanding) {
      const { req } = pending;
      if (pending.stopTimer !== undefined) clearTimeout(pending.stopTimer);
      if (req.type === 'info' || req.type === 'reset' || req.type === 'configure') {
        resend.push(pending);
        continue;
      }
      const device = (req as { device?: DeviceName }).device ?? 'cpu';
      const stopped = req.id === stoppedId;
      const error = stopped
        ? pythonError(
            'KeyboardInterrupt',
            'the run was stopped by restarting the kernel; every session was reset',
          )
        : pythonError(
            'RuntimeError',
            'the kernel was restarted to stop another run before this one finished; run it again',
          );
      const duration = performance.now() - pending.started;
      const done: DoneEvent = {
        type: 'done',
        id: req.id,
        ok: false,
        duration,
        device,
        backend: 'none',
        cancelled: stopped,
        restarted: true,
      };
      try {
        pending.onEvent({ type: 'error', id: req.id, error });
        pending.onEvent(done);
      } finally {
        pending.resolve(done);
      }
    }
    // Requests the old Worker had not yet received are sent to the new one.
    const unsent = this.outbox.filter(
      (msg) => msg.type !== 'configure' && resend.some((p) => p.req.id === msg.id),
    );
    this.outbox = unsent;
    for (const pending of resend) {
      this.pending.set(pending.req.id, pending);
      if (!unsent.includes(pending.req)) this.outbox.push(pending.req);
    }
    this.startWorker();
    this.dispatchEvent(new Event(KERNEL_RESTART_EVENT));
  }

  private startInPage(note: string): void {
    this.inWorker = false;
    this.note = note;
    const queued = [this.configureMessage(), ...this.outbox];
    this.outbox = [];
    this.page = import('./kernel.js').then(
      ({ Kernel }) => new Kernel(this.dispatch, { inWorker: false, note }),
    );
    for (const msg of queued) this.send(msg);
  }

  /** The kernel's modules did not load: every request is answered with the reason. */
  private failToStart(msg: KernelRequest, err: unknown): void {
    const message = `the kernel could not start: ${err instanceof Error ? err.message : String(err)}. ${LOAD_FAILURE_HINT}`;
    this.dispatch({ type: 'error', id: msg.id, error: pythonError('SystemError', message) });
    this.dispatch({ type: 'done', id: msg.id, ok: false, duration: 0, device: 'cpu', backend: 'none' });
  }
}

export type { Client as KernelClientImpl };

let shared: Client | undefined;
let sharedOptions: KernelClientOptions = {};

/** Options for the page's shared kernel; call before the first element connects. */
export function configureKernel(options: KernelClientOptions): void {
  sharedOptions = { ...sharedOptions, ...options };
}

/** The page's kernel, shared by every element (created on first use). */
export function getKernel(): KernelClient & Client {
  shared ??= new Client(sharedOptions);
  return shared;
}

/** A separate kernel client (tests; a page that wants an isolated kernel). */
export function createKernelClient(options: KernelClientOptions = {}): KernelClient & Client {
  return new Client(options);
}
