import { expect } from '@open-wc/testing';
import { createKernelClient, KERNEL_RESTART_EVENT } from './client.js';
import type { RunOptions } from '../protocol/run.js';
import { Kernel, type PythonSessionLike } from './kernel.js';
import { CHUNK_WORKER_NAME, type KernelEvent } from './protocol.js';
import { setWasmBase } from '../core/backends.js';

// Scripted runs still resolve the device's backend: let wasm find its files.
setWasmBase('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');

/** A session whose "code" is a tiny script: `print:x`, `echo:x`, `fail:x`, `loop` (until cancelled), `count` (per-session state). */
class ScriptSession implements PythonSessionLike {
  count = 0;
  static made = 0;
  constructor() {
    ScriptSession.made++;
  }
  async run(code: string, options: RunOptions) {
    const [verb, arg = ''] = code.split(':');
    if (verb === 'print') {
      for (const part of arg.split(',')) options.stdout?.(`${part}\n`);
      return { ok: true, echo: null };
    }
    if (verb === 'echo') return { ok: true, echo: arg, value: arg };
    if (verb === 'count') return { ok: true, echo: String(++this.count) };
    if (verb === 'fail') {
      return {
        ok: false,
        echo: null,
        error: { type: 'ValueError', message: arg, traceback: `ValueError: ${arg}`, line: 1 },
      };
    }
    if (verb === 'loop') {
      while (!options.signal?.cancelled) await new Promise((r) => setTimeout(r, 5));
      return {
        ok: false,
        echo: null,
        error: { type: 'KeyboardInterrupt', message: '', traceback: 'KeyboardInterrupt' },
      };
    }
    throw new Error(`unknown script ${code}`);
  }
}

function scriptKernel() {
  const events: KernelEvent[] = [];
  const waiters: Array<() => void> = [];
  const kernel = new Kernel(
    (e) => {
      events.push(e);
      waiters.splice(0).forEach((w) => w());
    },
    { inWorker: false, createSession: () => new ScriptSession() },
  );
  const until = async (pred: () => boolean) => {
    while (!pred()) await new Promise<void>((r) => waiters.push(r));
  };
  const doneOf = (id: number) => until(() => events.some((e) => e.id === id && e.type === 'done'));
  const of = (id: number) => events.filter((e) => e.id === id);
  return { kernel, events, until, doneOf, of };
}

describe('Kernel (in the page, scripted sessions)', () => {
  it('streams stdout, then the echo, then done, in order', async () => {
    const k = scriptKernel();
    k.kernel.handle({ type: 'run', id: 1, session: 's', code: 'print:a,b' });
    k.kernel.handle({ type: 'run', id: 2, session: 's', code: 'echo:tensor(6)' });
    await k.doneOf(2);
    const text = k
      .of(1)
      .filter((e) => e.type === 'stdout')
      .map((e) => (e as { text: string }).text)
      .join('');
    expect(text).to.equal('a\nb\n');
    expect(k.of(2).map((e) => e.type)).to.deep.equal(['started', 'echo', 'done']);
    // One run at a time: the second starts only after the first is done.
    expect(k.events.findIndex((e) => e.id === 1 && e.type === 'done')).to.be.lessThan(
      k.events.findIndex((e) => e.id === 2),
    );
  });

  it('keeps a namespace per session and empties it on reset', async () => {
    const k = scriptKernel();
    const echoes = (id: number) => k.of(id).find((e) => e.type === 'echo') as { text: string };
    k.kernel.handle({ type: 'run', id: 1, session: 'a', code: 'count' });
    k.kernel.handle({ type: 'run', id: 2, session: 'a', code: 'count' });
    k.kernel.handle({ type: 'run', id: 3, session: 'b', code: 'count' });
    await k.doneOf(3);
    expect([echoes(1).text, echoes(2).text, echoes(3).text]).to.deep.equal(['1', '2', '1']);
    k.kernel.handle({ type: 'reset', id: 4, session: 'a' });
    k.kernel.handle({ type: 'run', id: 5, session: 'a', code: 'count' });
    await k.doneOf(5);
    expect(k.of(4).map((e) => e.type)).to.deep.equal(['ack']);
    expect(echoes(5).text).to.equal('1');
  });

  it('reports a Python error and done with ok false; silent runs do not echo; wantValue sends the value', async () => {
    const k = scriptKernel();
    k.kernel.handle({ type: 'run', id: 1, session: 's', code: 'fail:bad value' });
    k.kernel.handle({ type: 'run', id: 2, session: 's', code: 'echo:x', silent: true });
    k.kernel.handle({ type: 'run', id: 3, session: 's', code: 'echo:y', wantValue: true });
    await k.doneOf(3);
    const error = k.of(1).find((e) => e.type === 'error') as Extract<KernelEvent, { type: 'error' }>;
    expect(error.error).to.include({ type: 'ValueError', message: 'bad value', line: 1 });
    expect((k.of(1).at(-1) as { ok: boolean }).ok).to.equal(false);
    expect(k.of(2).map((e) => e.type)).to.deep.equal(['started', 'done']);
    expect(k.of(3).map((e) => e.type)).to.deep.equal(['started', 'echo', 'result', 'done']);
  });

  it('turns a session that throws into a SystemError, not an exception', async () => {
    const k = scriptKernel();
    k.kernel.handle({ type: 'run', id: 1, session: 's', code: 'nonsense' });
    await k.doneOf(1);
    const error = k.of(1).find((e) => e.type === 'error') as Extract<KernelEvent, { type: 'error' }>;
    expect(error.error.type).to.equal('SystemError');
    expect(error.error.message).to.contain('unknown script');
  });

  it('cancels the running run through its signal, and a queued run without running it', async () => {
    const k = scriptKernel();
    k.kernel.handle({ type: 'run', id: 1, session: 's', code: 'loop' });
    k.kernel.handle({ type: 'run', id: 2, session: 's', code: 'print:never' });
    await new Promise((r) => setTimeout(r, 30));
    k.kernel.handle({ type: 'cancel', id: 2 });
    k.kernel.handle({ type: 'cancel', id: 1 });
    await k.doneOf(1);
    // The queued run never started: no 'started', only its cancelled 'done'.
    expect(k.of(2).map((e) => e.type)).to.deep.equal(['done']);
    expect(k.of(2)[0]).to.include({ ok: false, cancelled: true });
    expect(k.of(1)[0].type).to.equal('started');
    expect(k.of(1).at(-1)).to.include({ type: 'done', ok: false, cancelled: true });
  });
});

describe('kernel client', () => {
  const scripted = new URL('./testing/scripted-worker.js', import.meta.url);

  it('routes events to the request that asked, from a Worker', async () => {
    const client = createKernelClient({ workerUrl: scripted });
    const seen: KernelEvent[] = [];
    const a = client.run({ session: 'a', code: 'one' }, (e) => seen.push(e));
    const b = client.run({ session: 'b', code: 'two' }, (e) => seen.push(e));
    const [doneA, doneB] = await Promise.all([a.done, b.done]);
    expect(client.inWorker).to.equal(true);
    expect(doneA).to.include({ id: a.id, ok: true, backend: 'scripted' });
    expect(doneB.id).to.equal(b.id);
    expect(seen.filter((e) => e.type === 'stdout').map((e) => (e as { text: string }).text)).to.deep.equal([
      'a: one\n',
      'b: two\n',
    ]);
    expect((await client.info()).worker).to.equal(true);
  });

  it('restarts a Worker that does not stop within the grace period, and keeps working', async () => {
    const client = createKernelClient({ workerUrl: scripted });
    await client.run({ session: 's', code: 'warm up' }, () => undefined).done;
    let restarted = false;
    client.addEventListener(KERNEL_RESTART_EVENT, () => (restarted = true));
    const epoch = client.sessionEpoch('s');
    const events: KernelEvent[] = [];
    const spin = client.run({ session: 's', code: 'spin' }, (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 50));
    const stopAt = performance.now();
    spin.cancel();
    const done = await spin.done;
    expect(performance.now() - stopAt).to.be.lessThan(200);
    expect(done).to.include({ ok: false, cancelled: true, restarted: true });
    const error = events.find((e) => e.type === 'error') as Extract<KernelEvent, { type: 'error' }>;
    expect(error.error.type).to.equal('KeyboardInterrupt');
    expect(restarted).to.equal(true);
    expect(client.sessionEpoch('s')).to.not.equal(epoch);
    const after = await client.run({ session: 's', code: 'again' }, () => undefined).done;
    expect(after.ok).to.equal(true);
  });

  it('runs in the page when the Worker cannot load, and says so', async () => {
    const client = createKernelClient({ workerUrl: new URL('./no-such-worker.js', import.meta.url) });
    const info = await client.info();
    expect(client.inWorker).to.equal(false);
    expect(info.worker).to.equal(false);
    expect(info.note).to.match(/no Worker could start/);
  });

  it("serves the kernel from kernel.js's own module in a Worker of the chunk name (no worker.js emitted)", async function () {
    this.timeout(60000);
    // Imported by this page too (above), where it must not have taken the page's messages.
    expect(window.onmessage).to.equal(null);
    const worker = new Worker(new URL('./kernel.js', import.meta.url), {
      type: 'module',
      name: CHUNK_WORKER_NAME,
    });
    try {
      const received: Array<{ type: string; id?: number; worker?: boolean }> = [];
      const next = (type: string) =>
        new Promise<{ worker?: boolean }>((resolve, reject) => {
          worker.addEventListener('message', (event) => {
            received.push(event.data);
            if (event.data.type === type) resolve(event.data);
          });
          worker.addEventListener('error', (event) => reject(new Error(event.message)));
        });
      await next('ready');
      const info = next('info');
      worker.postMessage({ type: 'info', id: 1 });
      expect((await info).worker).to.equal(true);
    } finally {
      worker.terminate();
    }
  });

  it("keeps a first run for a page's own Worker that loads the kernel after a top-level await", async () => {
    const client = createKernelClient({ workerUrl: new URL('./testing/late-worker.js', import.meta.url) });
    const printed: string[] = [];
    const done = await client.run({ session: 'late', code: 'first' }, (e) => {
      if (e.type === 'stdout') printed.push(e.text);
    }).done;
    expect(done).to.include({ ok: true, backend: 'scripted' });
    expect(printed.join('')).to.equal('late: first\n');
    expect(client.inWorker).to.equal(true);
  });

  it('gives reset and info an answer', async () => {
    const client = createKernelClient({ workerUrl: scripted });
    const before = client.sessionEpoch('x');
    await client.reset('x');
    expect(client.sessionEpoch('x')).to.not.equal(before);
    expect((await client.info()).backends.cpu).to.equal('scripted');
  });

  it('runs Python in the Worker: printing, echo, errors with lines, sessions, and a cooperative Stop', async function () {
    this.timeout(60000);
    const client = createKernelClient();
    const events: KernelEvent[] = [];
    const texts = (id: number, type: string) =>
      events
        .filter((e) => e.id === id && e.type === type)
        .map((e) => (e as { text: string }).text)
        .join('');
    const first = client.run(
      { session: 'k', code: 'import torch\nx = torch.tensor([1, 2, 3])\nprint("sum", x.sum())\nx * 2' },
      (e) => events.push(e),
    );
    const done = await first.done;
    expect(client.inWorker).to.equal(true);
    expect(done.ok).to.equal(true);
    expect(['wasm', 'cpu']).to.include(done.backend);
    expect(texts(first.id, 'stdout')).to.equal('sum tensor(6)\n');
    expect(texts(first.id, 'echo')).to.equal('tensor([2, 4, 6])');
    const second = client.run({ session: 'k', code: 'y = 1\nx.item()' }, (e) => events.push(e));
    await second.done;
    const error = events.find((e) => e.id === second.id && e.type === 'error') as Extract<
      KernelEvent,
      { type: 'error' }
    >;
    expect(error.error.type).to.equal('ValueError');
    expect(error.error.line).to.equal(2);
    const other = client.run({ session: 'elsewhere', code: 'x' }, (e) => events.push(e));
    await other.done;
    expect(
      (events.find((e) => e.id === other.id && e.type === 'error') as Extract<KernelEvent, { type: 'error' }>)
        .error.type,
    ).to.equal('NameError');

    const loop = client.run({ session: 'k', code: 'while True:\n    pass' }, (e) => events.push(e));
    await new Promise((r) => setTimeout(r, 300));
    const stopAt = performance.now();
    loop.cancel();
    const stopped = await loop.done;
    expect(performance.now() - stopAt).to.be.lessThan(200);
    expect(stopped.cancelled).to.equal(true);
    // The interpreter saw the cancel itself: the Worker and the session survive.
    expect(stopped.restarted).to.equal(undefined);
    const after = client.run({ session: 'k', code: 'x.sum()' }, (e) => events.push(e));
    await after.done;
    expect(texts(after.id, 'echo')).to.equal('tensor(6)');
  });

  it('starts a Worker from another origin through a blob URL', async () => {
    const crossOrigin = new URL(scripted.href);
    crossOrigin.hostname = crossOrigin.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    expect(crossOrigin.origin).to.not.equal(location.origin);
    const client = createKernelClient({ workerUrl: crossOrigin });
    const seen: string[] = [];
    const done = await client.run(
      { session: 'cdn', code: 'hello' },
      (e) => e.type === 'stdout' && seen.push(e.text),
    ).done;
    expect(client.inWorker).to.equal(true);
    expect(done.backend).to.equal('scripted');
    expect(seen).to.deep.equal(['cdn: hello\n']);
  });

  it('streams printed text while the code still runs', async function () {
    this.timeout(30000);
    const client = createKernelClient();
    const arrivals: Array<[string, number]> = [];
    const handle = client.run(
      { session: 'stream', code: 'import time\nprint("first")\ntime.sleep(0.4)\nprint("second")' },
      (e) => {
        if (e.type === 'stdout') arrivals.push([e.text, performance.now()]);
      },
    );
    const done = await handle.done;
    const end = performance.now();
    expect(done.ok).to.equal(true);
    expect(arrivals.map(([text]) => text).join('')).to.equal('first\nsecond\n');
    expect(arrivals[0][0]).to.equal('first\n');
    expect(end - arrivals[0][1], 'first line arrived before the sleep ended').to.be.greaterThan(300);
  });
});
