// End to end, through the BUILT dist/cdn/torchlet.js (run `npm run build` first): the student's edits
// survive leaving the page at once, a full localStorage, and when nothing can store them the cell says so.
// The fixture page is on this test page's origin, so both share localStorage and IndexedDB.
import { expect, waitUntil } from '@open-wc/testing';

const PAGE = '/test/e2e/fixtures/persist.html';
const KEY_PART = 'torchlet:playground:/test/e2e/fixtures/persist.html#e2e-work';

type Cell = HTMLElement & { value: string; ready: Promise<void>; shadowRoot: ShadowRoot };

let frame: HTMLIFrameElement;

async function open(): Promise<{ win: Window & typeof globalThis; cell: Cell }> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `${PAGE}?t=${Date.now()}`;
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis;
  await waitUntil(() => win.customElements.get('tensor-playground'), 'torchlet.js loaded', {
    timeout: 60000,
  });
  const cell = win.document.querySelector('tensor-playground') as Cell;
  await cell.ready;
  return { win, cell };
}

/** Leaves the page the way a closed tab does: the document unloads (pagehide), no element is removed. */
async function leave(): Promise<void> {
  const gone = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = 'about:blank';
  await gone;
}

/** Fills this origin's localStorage with another library's data until it takes no more. */
function fillLocalStorage(): string[] {
  const keys: string[] = [];
  let chunk = 1 << 20;
  for (let i = 0; chunk >= 1; i++) {
    try {
      localStorage.setItem(`other-course-${i}`, 'x'.repeat(chunk));
      keys.push(`other-course-${i}`);
    } catch {
      chunk = Math.floor(chunk / 2);
    }
  }
  return keys;
}

function clearOurs(): void {
  for (const key of Object.keys(localStorage))
    if (key.startsWith('torchlet:playground:')) localStorage.removeItem(key);
}

async function clearIndexedDb(): Promise<void> {
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('torchlet');
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
}

describe('saved work through dist/cdn/torchlet.js', function () {
  this.timeout(120000);
  let filler: string[] = [];

  beforeEach(async () => {
    clearOurs();
    await clearIndexedDb();
    frame = document.createElement('iframe');
    document.body.append(frame);
  });

  afterEach(async () => {
    sessionStorage.clear();
    for (const key of filler) localStorage.removeItem(key);
    filler = [];
    frame.remove();
    clearOurs();
    await clearIndexedDb();
  });

  it('keeps typing from just before the page is left (within the save debounce)', async () => {
    const { cell } = await open();
    cell.value = 'x = 42\nprint(x)';
    await leave(); // at once: well within the 300 ms the save waits for more typing
    expect(localStorage.getItem(KEY_PART)).to.contain('x = 42');
    const again = await open();
    expect(again.cell.value).to.equal('x = 42\nprint(x)');
  });

  it('saves before a run', async () => {
    const { cell } = await open();
    cell.value = 'x = 7\nprint(x)';
    const running = (cell as unknown as { run(): Promise<boolean> }).run();
    expect(localStorage.getItem(KEY_PART)).to.contain('x = 7');
    await running;
  });

  it('a full localStorage (another course filled it): the edit goes to IndexedDB and is back after a reload', async () => {
    filler = fillLocalStorage();
    expect(filler.length).to.be.greaterThan(0);
    const { cell } = await open();
    cell.value = 'x = 2026\nprint(x)';
    await new Promise((resolve) => setTimeout(resolve, 800)); // the debounced save, and IndexedDB's commit
    sessionStorage.clear(); // so only IndexedDB can bring it back
    await leave();
    expect(localStorage.getItem(KEY_PART)).to.equal(null);
    const again = await open();
    expect(again.cell.value).to.equal('x = 2026\nprint(x)');
    expect(again.cell.shadowRoot.querySelector('[part="save-note"]')).to.equal(null);
  });

  it('a full localStorage and the page left at once: the reload still has the edit', async () => {
    filler = fillLocalStorage();
    const { cell } = await open();
    cell.value = 'x = 2027\nprint(x)';
    await leave();
    const again = await open();
    expect(again.cell.value).to.equal('x = 2027\nprint(x)');
  });

  it('nothing can take the edit: the cell says so, once, plainly', async () => {
    filler = fillLocalStorage();
    const { win, cell } = await open();
    // IndexedDB refuses too (its own quota reached).
    win.IDBObjectStore.prototype.put = function () {
      throw new win.DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    cell.value = 'x = 3\nprint(x)';
    const note = () => [...cell.shadowRoot.querySelectorAll('[part="save-note"]')].map((n) => n.textContent);
    await waitUntil(() => note().length > 0, 'the save note', { timeout: 5000 });
    expect(note()).to.deep.equal([
      "Your edits to this cell could not be saved: this browser's storage for the site is full. Copy your code before you leave the page.",
    ]);
    cell.value = 'x = 4\nprint(x)';
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(note()).to.have.length(1);
    expect(cell.shadowRoot.querySelectorAll('.output .note')).to.have.length(0);
  });

  it('with IndexedDB refusing too, our own oldest saved cells make room', async () => {
    // Three cells of earlier lessons, saved long ago, then the site's storage filled by others.
    const old = (n: number) =>
      JSON.stringify({ code: `# lesson ${n}\n${'y'.repeat(4000)}`, original: 'pass', savedAt: n });
    for (const n of [1, 2, 3]) localStorage.setItem(`torchlet:playground:/lesson-${n}.html#cell`, old(n));
    filler = fillLocalStorage();
    const { win, cell } = await open();
    win.IDBObjectStore.prototype.put = function () {
      throw new win.DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    cell.value = 'x = 5\nprint(x)';
    // The debounced save tries IndexedDB first (asynchronous), then evicts.
    await waitUntil(() => localStorage.getItem(KEY_PART), 'the edit in localStorage', { timeout: 5000 });
    await leave();
    expect(localStorage.getItem(KEY_PART)).to.contain('x = 5');
    expect(localStorage.getItem('torchlet:playground:/lesson-1.html#cell')).to.equal(null);
    expect(localStorage.getItem('torchlet:playground:/lesson-3.html#cell')).to.not.equal(null);
  });
});
