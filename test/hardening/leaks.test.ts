// Leaks: the lesson's cells run again and again on each tfjs backend leave tf.memory() at its
// baseline; 100 playgrounds created and removed leave no tensors and no window/document listeners.
// The kernel runs in this page here, so its tensors are visible to tf.memory().
import { expect, oneEvent } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { ALL_BACKENDS, loadBackend, setWasmBase, useBackend } from '../../src/core/backends.js';
import { setDeviceBackend } from '../../src/core/device.js';
import { configureKernel } from '../../src/kernel/client.js';
import { PythonSession } from '../../src/python/index.js';
import type { TensorPlayground } from '../../src/elements/tensor-playground/tensor-playground.js';
import { LESSON_CELLS } from './lesson-cells.js';
import { isLongMode, reportFigure } from './programs.js';

const WASM_BASE = '/node_modules/@tensorflow/tfjs-backend-wasm/dist/';
setWasmBase(WASM_BASE);
configureKernel({ inPage: true, wasmBase: WASM_BASE });
const long = isLongMode();
const mode = long ? 'long' : 'short';

// Counts the listeners on window and document that are added and not removed.
const live = new Map<EventTarget, Set<string>>();
const ids = new WeakMap<object, number>();
let nextId = 0;
for (const target of [window, document] as EventTarget[]) {
  const set = new Set<string>();
  live.set(target, set);
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  const key = (
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ) => {
    if (!listener) return '';
    if (!ids.has(listener)) ids.set(listener, nextId++);
    const capture = typeof options === 'boolean' ? options : !!options?.capture;
    return `${type}:${ids.get(listener)}:${capture}`;
  };
  target.addEventListener = (
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ) => {
    const k = key(type, listener, options);
    if (k && !(typeof options === 'object' && options.once)) set.add(k);
    add(type, listener, options);
  };
  target.removeEventListener = (
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ) => {
    set.delete(key(type, listener, options));
    remove(type, listener, options);
  };
}
const listenerCount = () => [...live.values()].reduce((n, s) => n + s.size, 0);

const frame = () => new Promise((r) => setTimeout(r, 0));

describe('hardening: leaks', function () {
  this.timeout(long ? 3_600_000 : 180_000);
  const runsPerBackend = long ? 1000 : LESSON_CELLS.length;

  for (const backend of ALL_BACKENDS) {
    it(`${runsPerBackend} runs of the lesson's cells on ${backend} leave tf.memory() tensors and bytes at baseline`, async () => {
      expect(await loadBackend(backend), `${backend} did not initialise`).to.equal(true);
      useBackend(backend);
      setDeviceBackend('cpu', backend);
      const start = performance.now();
      const problems: string[] = [];
      let runs = 0;
      // One pass first: backends set up their programs and caches once.
      const pass = async (count: boolean) => {
        const session = new PythonSession();
        for (const cell of LESSON_CELLS) {
          if (count && runs >= runsPerBackend) break;
          let stdout = '';
          const out = await session.run(cell.code, { stdout: (s) => (stdout += s), device: 'cpu' });
          if (count) runs++;
          if (!out.ok) problems.push(`${cell.id}: ${out.error?.type}: ${out.error?.message}`);
          else if (out.echo !== cell.echo || stdout !== cell.stdout)
            problems.push(
              `${cell.id}: printed ${JSON.stringify(stdout + (out.echo ?? ''))}, PyTorch ${JSON.stringify(cell.stdout + (cell.echo ?? ''))}`,
            );
        }
        session.dispose();
        await frame();
      };
      try {
        await pass(false);
        const baseline = tf.memory();
        let worst = 0;
        while (runs < runsPerBackend) {
          await pass(true);
          const now = tf.memory();
          worst = Math.max(worst, now.numTensors - baseline.numTensors);
          if (now.numTensors !== baseline.numTensors || now.numBytes !== baseline.numBytes) {
            problems.push(
              `after ${runs} runs: ${now.numTensors - baseline.numTensors} tensors, ${now.numBytes - baseline.numBytes} bytes over baseline`,
            );
            break;
          }
        }
        reportFigure({
          suite: `leaks: lesson cells on ${backend}`,
          mode,
          inputs: runs,
          failures: problems.length,
          ms: Math.round(performance.now() - start),
          note: `tensors over baseline after a pass: ${worst}`,
        });
      } finally {
        setDeviceBackend('cpu', null);
      }
      expect(problems).to.deep.equal([]);
    });
  }

  it('100 playgrounds created, run and removed leave no tensors and no window/document listeners', async () => {
    await import('../../src/elements/tensor-playground/tensor-playground.js');
    const start = performance.now();
    const cycle = async (i: number) => {
      const el = document.createElement('tensor-playground') as TensorPlayground;
      el.innerHTML = `<script type="text/x-python">import torch\nx = torch.ones(64, requires_grad=True)\ny = (x * ${i}).sum()\ny.backward()\nprint(y.item(), x.grad[0].item())</script>`;
      document.body.append(el);
      await el.ready;
      const ended = oneEvent(el, 'tp-run-end');
      (el.shadowRoot!.querySelector('[part~="run-button"]') as HTMLElement).click();
      const detail = (await ended).detail;
      expect(detail.ok, `cell ${i}: ${detail.error?.message}`).to.equal(true);
      el.remove();
    };
    // The first one loads the editor, the kernel and torch, which stay for the page's lifetime.
    await cycle(0);
    await new Promise((r) => setTimeout(r, 100));
    const tensors = tf.memory().numTensors;
    const listeners = listenerCount();
    for (let i = 1; i <= 100; i++) await cycle(i);
    // A removed cell frees its namespace on the next task (it may only have been moved).
    await new Promise((r) => setTimeout(r, 300));
    const leftTensors = tf.memory().numTensors - tensors;
    const leftListeners = listenerCount() - listeners;
    reportFigure({
      suite: 'leaks: 100 playgrounds created and removed',
      mode,
      inputs: 100,
      failures: (leftTensors ? 1 : 0) + (leftListeners ? 1 : 0),
      ms: Math.round(performance.now() - start),
      note: `tensors left ${leftTensors}, listeners left ${leftListeners}`,
    });
    expect(leftTensors, 'tensors left').to.equal(0);
    expect(leftListeners, `listeners left: ${[...live.values()].flatMap((s) => [...s]).join(', ')}`).to.equal(
      0,
    );
    expect(document.querySelectorAll('tensor-playground')).to.have.length(0);
  });
});
