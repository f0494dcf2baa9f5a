// End to end, through the BUILT dist/cdn (run `npm run build` first): what a reader who only runs
// cells downloads. A cell without tensors makes neither the page nor the kernel's Worker fetch
// TensorFlow.js, and no file of CodeMirror is fetched until the student clicks in the code; the
// editor then has the same code, keeps what is typed, and the edit is saved.
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

async function open(): Promise<{ win: ProbedWindow; plain: Cell; tensors: Cell }> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `${PAGE}?t=${Date.now()}`;
  await loaded;
  const win = frame.contentWindow as ProbedWindow;
  await waitUntil(() => win.customElements.get('tensor-playground'), 'torchlet.js loaded', {
    timeout: 60000,
  });
  const plain = win.document.getElementById('plain') as Cell;
  const tensors = win.document.getElementById('tensors') as Cell;
  await Promise.all([plain.ready, tensors.ready]);
  return { win, plain, tensors };
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

  it('runs a cell without tensors with no TensorFlow.js and no CodeMirror fetched; import torch fetches tfjs', async () => {
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
    expect(
      after.some((f) => f.endsWith('.wasm')),
      'the wasm backend loaded',
    ).to.equal(true);
    expect(await holding(pageFiles(win), CODEMIRROR_MARK), 'still no CodeMirror').to.deep.equal([]);
    // A cpu cell needs no GPU backend (loaded when a cell names cuda) and no numpy.
    expect(
      after.filter((f) => /tfjs-backend-web(gl|gpu)-/.test(f)),
      'a GPU backend fetched',
    ).to.deep.equal([]);
    expect(await holding(after, NUMPY_MARK), "numpy's engine fetched").to.deep.equal([]);
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
