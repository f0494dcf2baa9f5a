// The kernel's output budget, with the real interpreter in Node: however much a cell prints or
// echoes, or however long its error, what is posted to the page is bounded, says how much was
// left out, and the whole text can be fetched; a page that does not acknowledge output holds back
// the batches (not the run).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from './kernel.js';
import type { KernelEvent } from './protocol.js';
import {
  STREAM_HEAD_CHARS,
  STREAM_TAIL_CHARS,
  TEXT_CAP_CHARS,
  KeptOutputs,
  KeptOutput,
  StreamWindow,
  appendShown,
  capText,
  KEPT_BYTES_PER_RUN,
  KEPT_RUNS,
  STREAM_HEAD_LINES,
  STREAM_TAIL_LINES,
  fitHead,
  fitTail,
} from './output-budget.js';

/** A kernel whose posted events are collected; `ack` answers each stdout batch as a page would. */
function kernel(ack: boolean) {
  const events: KernelEvent[] = [];
  const k: Kernel = new Kernel(
    (event) => {
      events.push(event);
      if (ack && event.type === 'stdout') setTimeout(() => k.handle({ type: 'output-ack', id: event.id }), 1);
    },
    { inWorker: false },
  );
  let nextId = 1;
  const run = (code: string, session = 's') =>
    new Promise<{ id: number; events: KernelEvent[] }>((resolve) => {
      const id = nextId++;
      const poll = () => {
        const mine = events.filter((e) => e.id === id);
        if (mine.some((e) => e.type === 'done')) resolve({ id, events: mine });
        else setTimeout(poll, 5);
      };
      k.handle({ type: 'run', id, session, code });
      poll();
    });
  const request = (msg: { type: 'output'; run: number }) => {
    const id = nextId++;
    k.handle({ ...msg, id });
    return events.find((e) => e.id === id) as Extract<KernelEvent, { type: 'output' }>;
  };
  return { k, events, run, request };
}

const postedChars = (events: KernelEvent[], type: 'stdout' | 'echo') =>
  events.reduce((n, e) => n + (e.type === type ? e.text.length : 0), 0);

describe('output budget (kernel, Node)', () => {
  it('a 10⁷-character print posts its start and end, with the count of what is left out', async () => {
    const { run, request } = kernel(true);
    const { id, events } = await run("print('a' + 'x' * 10**7 + 'z')");
    const stdout = events.filter((e) => e.type === 'stdout') as Extract<KernelEvent, { type: 'stdout' }>[];
    assert.ok(postedChars(events, 'stdout') <= STREAM_HEAD_CHARS + STREAM_TAIL_CHARS);
    assert.ok(stdout[0].text.startsWith('ax'));
    assert.ok(stdout.at(-1)!.text.endsWith('xz\n'));
    const omitted = stdout.reduce((n, e) => n + (e.omitted ?? 0), 0);
    assert.equal(omitted + postedChars(events, 'stdout'), 10 ** 7 + 3);
    const done = events.at(-1) as Extract<KernelEvent, { type: 'done' }>;
    assert.equal(done.omitted, omitted);
    const whole = request({ type: 'output', run: id });
    assert.equal(new TextDecoder().decode(whole.bytes!), 'a' + 'x'.repeat(10 ** 7) + 'z\n');
  });

  it('caps an echo and a traceback, and keeps them whole for download', async () => {
    const { run, request } = kernel(true);
    const echo = await run("'y' * 10**6");
    const echoed = echo.events.find((e) => e.type === 'echo') as Extract<KernelEvent, { type: 'echo' }>;
    assert.ok(echoed.text.length <= TEXT_CAP_CHARS + 100);
    const lines = await run("print('\\n'.join(str(i) for i in range(10**5)))");
    const posted = lines.events
      .filter((e) => e.type === 'stdout')
      .map((e) => (e as { text: string }).text)
      .join('');
    assert.ok(
      posted.split('\n').length <= STREAM_HEAD_LINES + STREAM_TAIL_LINES + 2,
      `${posted.split('\n').length} lines posted`,
    );
    assert.ok(posted.startsWith('0\n1\n') && posted.endsWith('99999\n'));
    assert.match(
      echoed.text,
      new RegExp(`… ${(10 ** 6 + 2 - TEXT_CAP_CHARS).toLocaleString('en')} characters not shown …`),
    );
    assert.equal(
      new TextDecoder().decode(request({ type: 'output', run: echo.id }).bytes!).length,
      10 ** 6 + 3,
    );
    const error = await run("raise ValueError('e' * 10**6)");
    const err = error.events.find((e) => e.type === 'error') as Extract<KernelEvent, { type: 'error' }>;
    assert.equal(err.error.type, 'ValueError');
    assert.ok(err.error.traceback.length <= TEXT_CAP_CHARS + 100);
    assert.ok(err.error.message.length <= TEXT_CAP_CHARS + 100);
    assert.match(err.error.traceback, /characters not shown/);
    assert.match(err.error.traceback, /e{1000}$/);
  });

  it('an endless print loop stopped after 1 s: bounded batches, none while the page has not drawn the last', async () => {
    const { k, run, events } = kernel(false);
    const running = run("while True:\n    print('x' * 1000)");
    await new Promise((r) => setTimeout(r, 1000));
    // No acknowledgement came: one batch (at most two pieces) was posted, the rest waits in a bounded window.
    const before = events.filter((e) => e.type === 'stdout');
    assert.ok(before.length <= 2, `${before.length} batches without an ack`);
    const stopAt = performance.now();
    k.handle({ type: 'cancel', id: 1 });
    const { events: mine } = await running;
    assert.ok(performance.now() - stopAt < 200);
    assert.ok(mine.some((e) => e.type === 'stopping'));
    assert.ok(postedChars(mine, 'stdout') <= 2 * (STREAM_HEAD_CHARS + STREAM_TAIL_CHARS));
    const done = mine.at(-1) as Extract<KernelEvent, { type: 'done' }>;
    assert.equal(done.cancelled, true);
    assert.ok(done.omitted! > 1000);
  });

  it('the window, the page-side join and the kept outputs stay within their bounds', () => {
    const w = new StreamWindow();
    for (let i = 0; i < 1000; i++) w.write('z'.repeat(1000));
    const pieces = w.take();
    assert.equal(pieces[0].text.length, STREAM_HEAD_CHARS);
    assert.equal(pieces[1].text.length, STREAM_TAIL_CHARS);
    assert.equal(pieces[1].omitted, 10 ** 6 - STREAM_HEAD_CHARS - STREAM_TAIL_CHARS);
    let shown = { text: '', omitted: 0, tail: '' };
    for (const p of pieces) shown = appendShown(shown, p.text, p.omitted);
    shown = appendShown(shown, 'END', 0);
    assert.equal(shown.text.length, STREAM_HEAD_CHARS);
    assert.equal(shown.tail.length, STREAM_TAIL_CHARS);
    assert.ok(shown.tail.endsWith('zEND'));
    assert.equal(shown.omitted, 10 ** 6 + 3 - STREAM_HEAD_CHARS - STREAM_TAIL_CHARS);
    assert.deepEqual(capText('short'), { text: 'short', omitted: 0 });
    assert.equal(fitHead('a\nb\nc\n', 100, 2), 4);
    assert.equal(fitTail('a\nb\nc\n', 100, 2), 2);
    assert.equal(fitTail('a\nb\nc', 100, 2), 2);
    assert.equal(fitHead('abcdef', 3, 5), 3);
    assert.equal(fitTail('abcdef', 3, 5), 3);
    const manyLines = capText(Array.from({ length: 5000 }, (_, i) => i).join('\n'));
    assert.ok(manyLines.text.split('\n').length < 1010);
    assert.ok(manyLines.text.startsWith('0\n1\n') && manyLines.text.endsWith('4998\n4999'));

    const kept = new KeptOutput();
    kept.write('q'.repeat(KEPT_BYTES_PER_RUN + 5000));
    assert.ok(kept.bytes <= KEPT_BYTES_PER_RUN && kept.bytes > KEPT_BYTES_PER_RUN - 4);
    assert.match(new TextDecoder().decode(kept.contents().slice(-80)), /more characters were not kept/);
    const all = new KeptOutputs();
    for (let i = 0; i < KEPT_RUNS + 5; i++) {
      const k = new KeptOutput();
      k.write(`run ${i}`);
      all.add(i, k);
    }
    assert.equal(all.size, KEPT_RUNS);
    assert.equal(all.get(0), undefined);
    assert.ok(all.get(KEPT_RUNS + 4));
  });
});
