// Faults: an element removed while it runs, localStorage throwing, the element module loaded
// twice, the GPU device lost in a run. Each ends in a clear message and a working page, and no saved
// work is lost. (The wasm files failing to load: faults-wasm.test.ts, a page of its own.)
// The kernel runs in this page so the test can destroy the WebGPU device it computes on.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import { configureKernel } from '../../src/kernel/client.js';
import '../../src/cdn-setup.js';
import '../../src/elements/tensor-playground/tensor-playground.js';
import type { TensorPlayground } from '../../src/elements/tensor-playground/tensor-playground.js';
import { storageKey } from '../../src/elements/tensor-playground/source.js';
import { isLongMode, reportFigure } from './programs.js';

configureKernel({ inPage: true, wasmBase: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/' });

const outputText = (el: TensorPlayground) =>
  [...el.shadowRoot!.querySelectorAll('.output pre, .output .note, .output')]
    .map((n) => n.textContent)
    .join('\n');
const button = (el: TensorPlayground, part: string) =>
  el.shadowRoot!.querySelector(`[part~="${part}"]`) as HTMLElement;
async function run(el: TensorPlayground) {
  await el.ready;
  const ended = oneEvent(el, 'tp-run-end');
  button(el, 'run-button').click();
  return (await ended).detail;
}
const cell = (code: string, attrs = '') =>
  fixture<TensorPlayground>(
    `<tensor-playground ${attrs}><script type="text/x-python">${code}</script></tensor-playground>`,
  );

const storageMethods = {
  getItem: Storage.prototype.getItem,
  setItem: Storage.prototype.setItem,
  removeItem: Storage.prototype.removeItem,
};
const pageErrors: string[] = [];
window.addEventListener('error', (e) => pageErrors.push(String(e.error ?? e.message)));
window.addEventListener('unhandledrejection', (e) =>
  pageErrors.push(`unhandled rejection: ${String(e.reason)}`),
);

describe('hardening: faults', function () {
  this.timeout(120000);
  let inputs = 0;
  let failures = 0;
  const start = performance.now();
  beforeEach(() => {
    inputs++;
    failures++;
  });
  afterEach(function () {
    Object.assign(Storage.prototype, storageMethods);
    if (this.currentTest?.state === 'passed') failures--;
  });
  after(() => {
    for (const key of Object.keys(localStorage))
      if (key.startsWith('torchlet:playground:')) localStorage.removeItem(key);
    reportFigure({
      suite: 'faults: removed while running, storage throwing, loaded twice, GPU lost',
      mode: isLongMode() ? 'long' : 'short',
      inputs,
      failures,
      ms: Math.round(performance.now() - start),
    });
  });

  it('an element removed while it runs an endless loop: the run stops and the next cell runs', async () => {
    const looping = await cell('n = 0\nwhile True:\n    n += 1');
    await looping.ready;
    button(looping, 'run-button').click();
    await new Promise((r) => setTimeout(r, 300));
    looping.remove();
    const next = await cell('print("still working")');
    const t0 = performance.now();
    const detail = await run(next);
    expect(detail.ok).to.equal(true);
    expect(outputText(next)).to.include('still working');
    expect(performance.now() - t0).to.be.below(5000);
    expect(pageErrors).to.deep.equal([]);
  });

  it('localStorage throwing on every call: the cell runs, keeps the edited code, and nothing is thrown', async () => {
    const proto = Storage.prototype;
    const fail = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    proto.getItem = fail;
    proto.setItem = fail;
    proto.removeItem = fail;
    try {
      const el = await cell('x = 1', 'persist="faults-storage"');
      el.value = 'x = 2\nprint(x * 21)';
      const detail = await run(el);
      expect(detail.ok).to.equal(true);
      expect(outputText(el)).to.include('42');
      expect(el.value).to.equal('x = 2\nprint(x * 21)');
    } finally {
      Object.assign(proto, storageMethods);
    }
    expect(pageErrors).to.deep.equal([]);
  });

  it('saved work survives an element removed while it runs, and comes back in a new element', async () => {
    const teacher = 'import time\ntime.sleep(5)';
    const el = await cell(teacher, 'persist="faults-saved"');
    el.value = 'import time\n# my edit\ntime.sleep(5)';
    await el.ready;
    button(el, 'run-button').click();
    await new Promise((r) => setTimeout(r, 200));
    el.remove();
    expect(JSON.parse(localStorage.getItem(storageKey('faults-saved')) ?? '{}').code).to.equal(
      'import time\n# my edit\ntime.sleep(5)',
    );
    const again = await cell(teacher, 'persist="faults-saved"');
    await again.ready;
    expect(again.value).to.equal('import time\n# my edit\ntime.sleep(5)');
    again.value = 'print("ok")';
    expect((await run(again)).ok).to.equal(true);
  });

  it('the element module loaded a second time (another URL): no error, the page keeps working', async () => {
    const url = new URL('../../src/elements/tensor-playground/tensor-playground.ts', import.meta.url);
    url.searchParams.set('copy', '2');
    await import(/* @vite-ignore */ url.href);
    const el = await cell('print(6 * 7)');
    expect((await run(el)).ok).to.equal(true);
    expect(outputText(el)).to.include('42');
    expect(pageErrors).to.deep.equal([]);
  });

  it('the WebGPU device lost during a cuda run: a clear Python error, then the page still runs cpu cells', async () => {
    const gpu = await cell(
      'import torch\nx = torch.randn(256, 256)\nfor i in range(200):\n    x = (x @ x).tanh()\n    print(float(x.sum()) == float(x.sum()), end=" ")',
      'device="cuda"',
    );
    await gpu.ready;
    const ended = oneEvent(gpu, 'tp-run-end');
    button(gpu, 'run-button').click();
    // Once the run has produced output, the device goes away under it.
    const t0 = performance.now();
    while (!outputText(gpu).includes('True') && performance.now() - t0 < 60000)
      await new Promise((r) => setTimeout(r, 20));
    const backend = tf.findBackend('webgpu') as unknown as { device: GPUDevice } | null;
    expect(backend, 'the cuda run did not use webgpu').to.not.equal(null);
    backend!.device.destroy();
    const detail = (await ended).detail;
    expect(detail.ok).to.equal(false);
    expect(detail.error?.type).to.match(/Error$/);
    expect(detail.error?.message).to.match(/GPU|device/i);
    const cpuCell = await cell('import torch\nprint(torch.ones(2) * 21)');
    const cpuRun = await run(cpuCell);
    expect(cpuRun.ok, cpuRun.error?.message).to.equal(true);
    expect(outputText(cpuCell)).to.include('tensor([21., 21.])');
  });
});
