// clear_output() through the kernel, with the real interpreter in Node: a clear drops what was not
// posted yet, so a loop that clears and redraws 10,000 times posts about one batch per page frame;
// the output budget starts again after a clear; the events, replayed as the page does, leave only
// the last output.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from './kernel.js';
import type { KernelEvent } from './protocol.js';
import { STREAM_HEAD_CHARS } from './output-budget.js';

/** A kernel whose page answers each batch after `ackMs` (like a page drawing a frame), or never. */
function kernel(ackMs: number | null) {
  const events: KernelEvent[] = [];
  const acking = new Set<number>();
  const k: Kernel = new Kernel(
    (event) => {
      events.push(event);
      const output = ['stdout', 'figure', 'clear', 'batch'].includes(event.type);
      if (ackMs !== null && output && !acking.has(event.id)) {
        acking.add(event.id);
        setTimeout(() => {
          acking.delete(event.id);
          k.handle({ type: 'output-ack', id: event.id });
        }, ackMs);
      }
    },
    { inWorker: false },
  );
  let nextId = 1;
  const run = (code: string) =>
    new Promise<KernelEvent[]>((resolve) => {
      const id = nextId++;
      const poll = () => {
        const mine = events.filter((e) => e.id === id);
        if (mine.some((e) => e.type === 'done')) resolve(mine);
        else setTimeout(poll, 5);
      };
      k.handle({ type: 'run', id, session: 's', code });
      poll();
    });
  return { run };
}

/** What the page shows after these events (text and figure titles), as output.ts applies them. */
function replay(events: KernelEvent[]): string[] {
  let shown: string[] = [];
  let pending = false;
  for (const e of events.flatMap((e) => (e.type === 'batch' ? e.events : [e]))) {
    if (e.type === 'clear') {
      if (e.wait) pending = true;
      else shown = [];
      continue;
    }
    if (e.type !== 'stdout' && e.type !== 'figure' && e.type !== 'echo') continue;
    if (pending) shown = [];
    pending = false;
    shown.push(e.type === 'figure' ? `figure: ${e.figure.axes[0].title ?? ''}` : e.text);
  }
  return shown;
}

const count = (events: KernelEvent[], type: KernelEvent['type']) =>
  events.filter((e) => e.type === type).length;

describe('clear_output in the kernel (Node)', () => {
  it('10,000 clear(wait=True) + print: few batches, and only the last line is left', async () => {
    const { run } = kernel(16);
    const start = performance.now();
    const events = await run(
      'from IPython.display import clear_output\nfor i in range(10000):\n    clear_output(wait=True)\n    print(i)',
    );
    const ms = performance.now() - start;
    assert.deepEqual(replay(events), ['9999\n']);
    // One batch per page answer at most: bounded by the run's duration, not by 10,000.
    assert.ok(count(events, 'stdout') <= ms / 16 + 5, `${count(events, 'stdout')} batches in ${ms} ms`);
    assert.ok(count(events, 'stdout') < 1000);
    const done = events.find((e) => e.type === 'done');
    assert.ok(done?.type === 'done' && done.ok && !done.omitted);
  });

  it('10,000 clear + plt.show: figures posted are bounded, the last one is shown', async () => {
    const { run } = kernel(16);
    const events = await run(
      [
        'import matplotlib.pyplot as plt',
        'from IPython.display import clear_output',
        'for i in range(10000):',
        '    clear_output(wait=True)',
        '    plt.plot([0, i]); plt.title(f"step {i}"); plt.show()',
      ].join('\n'),
    );
    assert.deepEqual(replay(events), ['figure: step 9999']);
    assert.ok(count(events, 'figure') < 2000, `${count(events, 'figure')} figures posted`);
    assert.ok(events.some((e) => e.type === 'done' && e.ok));
  });

  it('a page that never answers still gets the last output at the end', async () => {
    const { run } = kernel(null);
    const events = await run(
      'import matplotlib.pyplot as plt\nfrom IPython.display import clear_output\nfor i in range(100):\n    clear_output(wait=True)\n    print("loss", i)\n    plt.plot([i]); plt.title(str(i)); plt.show()',
    );
    assert.deepEqual(replay(events), ['loss 99\n', 'figure: 99']);
  });

  it('clear_output() without wait clears even when nothing follows; wait=True then nothing keeps the output', async () => {
    const { run } = kernel(16);
    assert.deepEqual(
      replay(await run('from IPython.display import clear_output\nprint(1)\nclear_output()')),
      [],
    );
    assert.deepEqual(
      replay(
        await run(
          'from IPython.display import clear_output\nprint(1)\nimport time\ntime.sleep(0.05)\nclear_output(wait=True)',
        ),
      ),
      ['1\n'],
    );
  });

  it('after a clear the output budget starts again: a long print before it is not counted as cut', async () => {
    const { run } = kernel(16);
    const events = await run(
      `from IPython.display import clear_output\nprint("x" * ${STREAM_HEAD_CHARS * 3})\nclear_output()\nprint("y" * ${STREAM_HEAD_CHARS - 10})`,
    );
    const shown = replay(events);
    assert.equal(shown.join(''), `${'y'.repeat(STREAM_HEAD_CHARS - 10)}\n`);
    const done = events.find((e) => e.type === 'done');
    assert.ok(done?.type === 'done' && done.ok && !done.omitted);
  });
});
