// End to end, through the BUILT dist/cdn (run `npm run build` first): what a reader who only runs
// cells downloads. A cell without tensors makes neither the page nor the kernel's Worker fetch
// TensorFlow.js; small tensors run on tfjs's JS cpu backend, and the wasm backend and its binary
// come with the first big tensor; no file of CodeMirror is fetched until the student clicks in the
// code; the editor then has the same code, keeps what is typed, and the edit is saved.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';

const PAGE = '/test/e2e/fixtures/reader.html';

type Cell = HTMLElement & {
  value: string;
  ready: Promise<void>;
  run(): Promise<boolean>;
  shadowRoot: ShadowRoot;
};
type ProbedWindow = Window & typeof globalThis & { __kernelWorkers: Worker[] };

/** Strings only TensorFlow.js's engine and CodeMirror's view contain (they survive minifying). */
const TFJS_MARK = 'No backend found in registry';
const CODEMIRROR_MARK = 'cm-content';
/** numpy's engine (src/python/numpy/ndarray.ts): fetched on `import numpy` or a tensor's .numpy() only. */
const NUMPY_MARK = 'repeated axis in transpose';

let frame: HTMLIFrameElement;

async function open(): Promise<{
  win: ProbedWindow;
  plain: Cell;
  tensors: Cell;
  small: Cell;
  big: Cell;
  timing: Cell;
}> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `${PAGE}?t=${Date.now()}`;
  await loaded;
  const win = frame.contentWindow as ProbedWindow;
  await waitUntil(() => win.customElements.get('tensor-playground'), 'torchlet.js loaded', {
    timeout: 60000,
  });
  const plain = win.document.getElementById('plain') as Cell;
  const tensors = win.document.getElementById('tensors') as Cell;
  const small = win.document.getElementById('small') as Cell;
  const big = win.document.getElementById('big') as Cell;
  const timing = win.document.getElementById('timing') as Cell;
  await Promise.all([plain.ready, tensors.ready, small.ready, big.ready, timing.ready]);
  return { win, plain, tensors, small, big, timing };
}

/** The .js and .wasm files the page fetched. */
function pageFiles(win: ProbedWindow): string[] {
  return win.performance
    .getEntriesByType('resource')
    .map((r) => r.name)
    .filter((n) => /\.(js|wasm)$/.test(n));
}

/** The .js and .wasm files the kernel's Worker fetched. */
function workerFiles(win: ProbedWindow): Promise<string[]> {
  const worker = win.__kernelWorkers[0];
  return new Promise((resolve) => {
    const answer = (event: MessageEvent) => {
      if (!event.data?.__resources) return;
      worker.removeEventListener('message', answer);
      resolve((event.data.__resources as string[]).filter((n) => /\.(js|wasm)$/.test(n)));
    };
    worker.addEventListener('message', answer);
    worker.postMessage({ type: '__resources' });
  });
}

/** The files among `urls` whose text contains `mark`. */
async function holding(urls: string[], mark: string): Promise<string[]> {
  const found: string[] = [];
  for (const url of urls.filter((u) => u.endsWith('.js')))
    if ((await (await fetch(url)).text()).includes(mark)) found.push(url.split('/').pop()!);
  return found;
}

function output(cell: Cell): string {
  return [...cell.shadowRoot.querySelectorAll('.output pre')].map((pre) => pre.textContent).join('');
}

function badgeOf(cell: Cell): string {
  return cell.shadowRoot.querySelector('[part~="badge"]')!.textContent!.trim();
}

describe('a reader who runs cells (dist/cdn)', function () {
  this.timeout(180000);

  beforeEach(() => {
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 800px; height: 600px; border: 0';
    document.body.append(frame);
  });
  afterEach(() => {
    frame.remove();
    for (const key of Object.keys(localStorage)) if (key.includes('e2e-reader')) localStorage.removeItem(key);
  });

  it('runs a cell without tensors with no TensorFlow.js and no CodeMirror fetched; import torch fetches tfjs, not wasm', async () => {
    const { win, plain, tensors } = await open();
    expect(await plain.run()).to.equal(true);
    expect(output(plain)).to.equal('6\n');
    const badge = plain.shadowRoot.querySelector('[part~="badge"]')!.textContent!.trim();
    expect(badge, 'no backend named for a run without tensors').to.match(/^cpu · \d+ ms$/);
    const page = pageFiles(win);
    const worker = await workerFiles(win);
    expect(
      worker.some((f) => f.endsWith('/worker.js')),
      "the probe sees the Worker's files",
    ).to.equal(true);
    expect(await holding([...page, ...worker], TFJS_MARK), 'tfjs fetched').to.deep.equal([]);
    expect(
      worker.filter((f) => f.endsWith('.wasm')),
      'wasm fetched',
    ).to.deep.equal([]);
    expect(await holding(page, CODEMIRROR_MARK), 'CodeMirror fetched').to.deep.equal([]);

    // The same probe sees tfjs once a cell uses torch: the checks above can fail.
    expect(await tensors.run()).to.equal(true);
    expect(output(tensors)).to.equal('tensor(6)');
    const after = await workerFiles(win);
    expect(await holding(after, TFJS_MARK)).to.have.length(1);
    expect(badgeOf(tensors)).to.match(/^cpu · cpu · /);
    expect(
      after.filter((f) => f.endsWith('.wasm') || /tfjs-backend-wasm-/.test(f)),
      'the wasm backend fetched for a 3-value tensor',
    ).to.deep.equal([]);
    expect(await holding(pageFiles(win), CODEMIRROR_MARK), 'still no CodeMirror').to.deep.equal([]);
    // A cpu cell needs no GPU backend (loaded when a cell names cuda) and no numpy.
    expect(
      after.filter((f) => /tfjs-backend-web(gl|gpu)-/.test(f)),
      'a GPU backend fetched',
    ).to.deep.equal([]);
    expect(await holding(after, NUMPY_MARK), "numpy's engine fetched").to.deep.equal([]);
  });

  it('moves the cpu device to wasm at the first big tensor; tensors made before keep values, views, graphs and grads', async () => {
    const { win, small, big } = await open();
    expect(await small.run()).to.equal(true);
    expect(output(small)).to.equal('tensor(21., grad_fn=<SumBackward0>)');
    expect(badgeOf(small)).to.match(/^cpu · cpu · /);
    const before = await workerFiles(win);
    expect(
      before.filter((f) => f.endsWith('.wasm') || /tfjs-backend-wasm-/.test(f)),
      'wasm fetched for small tensors',
    ).to.deep.equal([]);

    // The 256×256 tensor (2^16 values) moves the device; the rest of the cell runs on wasm, with the
    // graph, view and leaf made on JS cpu above.
    expect(await big.run()).to.equal(true);
    expect(output(big)).to.equal(
      'tensor([1., 3., 5., 7.]) tensor([2.5000, 3.5000], grad_fn=<SelectBackward0>) tensor(65536.)\n' +
        'tensor([0.5000, 1.5000, 2.5000, 3.5000], requires_grad=True)',
    );
    expect(badgeOf(big)).to.match(/^cpu · wasm · /);
    const after = await workerFiles(win);
    expect(
      after.filter((f) => f.endsWith('.wasm')).map((f) => f.split('/').pop()),
      'the wasm binary fetched',
    ).to.deep.equal(['tfjs-backend-wasm-simd.wasm']);
    expect(after.some((f) => /tfjs-backend-wasm-/.test(f))).to.equal(true);
    // Still wasm for the next run, and the old tensors still right there.
    big.value = 'print((x * rows.reshape(-1)).sum().item(), x.grad.sum())';
    expect(await big.run()).to.equal(true);
    expect(output(big)).to.equal('21.0 tensor(16.)\n');
    expect(badgeOf(big)).to.match(/^cpu · wasm · /);
  });

  it("runs a CPU-vs-GPU timing cell's cpu tensors on wasm from its first op, at any N (the seed lesson's)", async () => {
    const { win, timing } = await open();
    expect(await timing.run()).to.equal(true);
    expect(output(timing)).to.equal('tensor([100., 100., 100.], dtype=torch.float64) torch.float64 True\n');
    // 100×100 @ 100×100 is below the size rule: the GPU's set-up moved the cpu device before the cell ran.
    expect(badgeOf(timing)).to.match(/^cpu · wasm · /);
    expect((await workerFiles(win)).some((f) => f.endsWith('/tfjs-backend-wasm-simd.wasm'))).to.equal(true);
  });

  it('loads CodeMirror on the first click in the code: same code, the typed key kept and saved', async () => {
    const { win, plain } = await open();
    expect(plain.shadowRoot.querySelector('.cm-editor') === null, 'no editor before a click').to.equal(true);
    const code = plain.shadowRoot.querySelector('pre.static') as HTMLElement;
    // The end of the last line: the caret goes after "3]))".
    const lines = code.querySelectorAll('.line');
    const last = lines[lines.length - 1].getBoundingClientRect();
    const inFrame = frame.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [
        Math.round(inFrame.left + last.right + 20),
        Math.round(inFrame.top + last.top + last.height / 2),
      ],
    });
    await resetMouse();
    await waitUntil(() => plain.shadowRoot.querySelector('.cm-content'), 'the editor opened', {
      timeout: 30000,
    });
    expect(
      await holding(pageFiles(win), CODEMIRROR_MARK),
      'CodeMirror fetched on the click',
    ).to.not.deep.equal([]);
    expect(plain.shadowRoot.querySelector('.cm-content')!.textContent).to.equal('print(sum([1, 2, 3]))');
    await waitUntil(
      () => plain.shadowRoot.activeElement?.classList.contains('cm-content'),
      'the editor has the focus',
    );
    await sendKeys({ type: '#' });
    expect(plain.value).to.equal('print(sum([1, 2, 3]))#');
    const again = await open(); // leaving the page saves the edit
    expect(again.plain.value).to.equal('print(sum([1, 2, 3]))#');
  });
});
