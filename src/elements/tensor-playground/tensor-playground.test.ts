import { expect, fixture, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import './tensor-playground.js';
import type { TensorPlayground } from './tensor-playground.js';
import { dedent } from './source.js';

/** Output text of a playground, block by block. */
function outputText(el: TensorPlayground): string {
  return [...el.shadowRoot!.querySelectorAll('.output pre')].map((pre) => pre.textContent).join('');
}

function part(el: TensorPlayground, name: string): HTMLElement {
  return el.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement;
}

async function runAndWait(el: TensorPlayground) {
  const ended = oneEvent(el, 'tp-run-end');
  part(el, 'run-button').click();
  return (await ended).detail;
}

/** A playground with the given code, shown (its editor loads when the code is used). */
async function playground(code: string, attrs = '') {
  const container = await fixture<HTMLDivElement>(
    `<div><tensor-playground ${attrs}><script type="text/x-python">${code}</script></tensor-playground></div>`,
  );
  const el = container.querySelector('tensor-playground')!;
  await el.ready;
  return el;
}

/** The currently focused element, looking through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The highlighted code a cell shows until its editor opens. */
function staticCode(el: TensorPlayground): HTMLElement {
  return el.shadowRoot!.querySelector('pre.static:not(.print-only)') as HTMLElement;
}

/** Opens the editor as a student does, by focusing the code; resolves with its focused content. */
async function openEditor(el: TensorPlayground): Promise<HTMLElement> {
  staticCode(el).focus();
  const content = () => el.shadowRoot!.querySelector('.cm-content') as HTMLElement | null;
  await waitUntil(() => content() && deepActive() === content(), 'the editor did not open', {
    timeout: 20000,
  });
  return content()!;
}

/** Where the n-th character of a text node inside `root` is drawn (the first text node holding it). */
function charBox(root: Element, text: string, index = 0): DOMRect {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at + index);
    range.setEnd(node, at + index + 1);
    return range.getBoundingClientRect();
  }
  throw new Error(`no text ${text}`);
}

describe('dedent', () => {
  it('removes common indentation and blank edge lines', () => {
    expect(dedent('\n    a = 1\n      b = 2\n\n    c\n  ')).to.equal('a = 1\n  b = 2\n\nc');
  });
});

describe('<tensor-playground>', function () {
  this.timeout(120000);
  // Saved work of one test must not leak into the next (cells without persist are keyed by position).
  afterEach(() => {
    fixtureCleanup(); // disconnecting saves pending edits now, so the clearing below sees them
    for (const key of Object.keys(localStorage))
      if (key.startsWith('torchlet:playground:')) localStorage.removeItem(key);
  });

  it('renders the teacher code, toolbar and live output region in its shadow DOM', async () => {
    const el = await playground(`
      import torch
      a = torch.tensor([1,2,3])
      a.sum()
    `);
    expect(el.value).to.equal('import torch\na = torch.tensor([1,2,3])\na.sum()');
    const root = el.shadowRoot!;
    expect(staticCode(el).textContent).to.contain('a = torch.tensor([1,2,3])');
    await openEditor(el);
    expect(root.querySelector('.cm-content')!.textContent).to.contain('a = torch.tensor([1,2,3])');
    for (const name of ['Run', 'Stop', 'Reset', 'Copy']) {
      expect([...root.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.include(name);
    }
    expect(part(el, 'output').getAttribute('role')).to.equal('log');
    expect(part(el, 'device-select')).to.have.property('value', 'cpu');
    expect(part(el, 'stop-button').getAttribute('aria-disabled')).to.equal('true');
    // Before a run the output and check areas take no room (no empty bands under the code).
    expect(part(el, 'output').getBoundingClientRect().height).to.equal(0);
    expect(part(el, 'check').getBoundingClientRect().height).to.equal(0);
  });

  it('keeps what is typed into the code before the editor has loaded', async () => {
    const el = await playground('x = 1');
    const code = staticCode(el);
    code.focus();
    // Delivered before the editor can have loaded (the focus only started loading it).
    for (const key of ['y', ' ', '=', ' ', '2', 'Enter'])
      code.dispatchEvent(
        new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }),
      );
    const content = () => el.shadowRoot!.querySelector('.cm-content') as HTMLElement | null;
    await waitUntil(() => content() && deepActive() === content(), 'the editor did not take the focus');
    expect(el.value).to.equal('y = 2\nx = 1');
    // The caret follows the inserted text: typing goes on from there.
    await sendKeys({ type: 'z = 3' });
    expect(el.value).to.equal('y = 2\nz = 3x = 1');
  });

  it('is accessible, in light and dark themes', async () => {
    const el = await playground('print(1)');
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('is accessible when its code is long and wide enough to scroll', async () => {
    const long = Array.from(
      { length: 40 },
      (_, i) =>
        `y${i} = 3 - x + (x/2)**2  # a comment long enough to make this line scroll sideways in a narrow cell`,
    ).join('\n');
    const container = await fixture<HTMLDivElement>(
      `<div style="width: 320px"><tensor-playground><script type="text/x-python">${long}</script></tensor-playground></div>`,
    );
    const el = container.querySelector('tensor-playground')!;
    await el.ready;
    const box = part(el, 'code');
    expect(box.scrollWidth).to.be.greaterThan(box.clientWidth);
    await expect(el).to.be.accessible();
    await openEditor(el);
    const scroller = el.shadowRoot!.querySelector('.cm-scroller') as HTMLElement;
    expect(scroller.scrollWidth).to.be.greaterThan(scroller.clientWidth);
    await expect(el).to.be.accessible();
  });

  it('keeps the code of a <template> as text', async () => {
    const container = await fixture<HTMLDivElement>(
      '<div><tensor-playground readonly><template>\n    if 1 < 2:\n        print("yes")\n  </template></tensor-playground></div>',
    );
    const el = container.querySelector('tensor-playground')!;
    await el.ready;
    expect(el.value).to.equal('if 1 < 2:\n    print("yes")');
    expect(el.shadowRoot!.querySelector('pre.static')!.textContent).to.contain('if 1 < 2:');
  });

  it('saves the student work, restores it in a new element, and Reset brings back the teacher code', async () => {
    const first = await playground('x = 1', 'persist="saved-work"');
    first.value = 'x = 2  # mine';
    first.remove(); // disconnecting saves at once
    const again = await playground('x = 1', 'persist="saved-work"');
    expect(again.value).to.equal('x = 2  # mine');
    part(again, 'reset-button').click();
    expect(again.value).to.equal('x = 1');
    again.remove();
    const third = await playground('x = 1', 'persist="saved-work"');
    expect(third.value).to.equal('x = 1');
  });

  it('keeps working when localStorage throws, and keeps the edit in IndexedDB', async () => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    try {
      const el = await playground('y = 1', 'persist="no-storage"');
      el.value = 'y = 3';
      el.remove();
      const again = await playground('y = 1', 'persist="no-storage"');
      expect(again.value).to.equal('y = 3');
      again.reset(); // forgets it (in IndexedDB too) for the next run of this suite
    } finally {
      Storage.prototype.setItem = original;
    }
  });

  it('can be used with the keyboard only: Tab to the code, type, Shift+Enter runs, Esc leaves', async () => {
    const el = await playground('', 'session="kbd"');
    part(el, 'device-select').focus();
    await sendKeys({ press: 'Tab' });
    const content = () => el.shadowRoot!.querySelector('.cm-content') as HTMLElement | null;
    await waitUntil(() => content() && deepActive() === content(), 'the editor did not take the focus', {
      timeout: 20000,
    });
    await sendKeys({ type: 'print(7 * 6)' });
    expect(el.value).to.equal('print(7 * 6)');
    const ended = oneEvent(el, 'tp-run-end');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    const detail = (await ended).detail;
    expect(detail.ok, JSON.stringify(detail.error)).to.equal(true);
    expect(outputText(el)).to.equal('42\n');
    expect(part(el, 'output').getBoundingClientRect().height, 'the output shows').to.be.greaterThan(10);
    await sendKeys({ press: 'Escape' });
    // Compared as booleans: a failing comparison of two elements stalls the test runner's report.
    expect(
      deepActive() === part(el, 'run-button'),
      `Esc left the editor for ${deepActive()?.className}`,
    ).to.equal(true);
    // Tab moves on through the toolbar: no keyboard trap.
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.textContent?.trim()).to.not.equal('Run');
  });

  it('prints what PyTorch prints for each block of the lesson, typed in, sharing one session', async () => {
    const blocks: Array<[string, string]> = [
      ['import torch\na = torch.tensor([1,2,3])\na.sum()', 'tensor(6)'],
      ['a.sum().item()', '6'],
      ['a.reshape(-1,1)', 'tensor([[1],\n        [2],\n        [3]])'],
      ['b = torch.tensor([-1, 0.5, 4])\na * b', 'tensor([-1.,  1., 12.])'],
    ];
    const container = await fixture<HTMLDivElement>(
      `<div>${blocks.map(() => '<tensor-playground session="lesson-1"></tensor-playground>').join('')}</div>`,
    );
    const cells = [...container.querySelectorAll('tensor-playground')];
    for (const [index, [code, printed]] of blocks.entries()) {
      const el = cells[index];
      await el.ready;
      await openEditor(el);
      await sendKeys({ type: code.replaceAll('\n', '\r') });
      expect(el.value).to.equal(code);
      const detail = await runAndWait(el);
      expect(detail.ok, JSON.stringify(detail.error)).to.equal(true);
      expect(outputText(el)).to.equal(printed);
      expect(el.shadowRoot!.querySelector('.output pre.echo')).to.not.equal(null);
      expect(part(el, 'badge').textContent).to.match(/^cpu · (wasm|cpu) · /);
    }
  });

  it('shares a namespace between cells of one session only, and offers to run the cells above', async () => {
    const container = await fixture<HTMLDivElement>(`<div>
      <tensor-playground session="shared-a"><script type="text/x-python">x = 5</script></tensor-playground>
      <tensor-playground session="shared-a"><script type="text/x-python">print(x * 2)</script></tensor-playground>
      <tensor-playground session="shared-b"><script type="text/x-python">print(x)</script></tensor-playground>
    </div>`);
    const [first, second, other] = [...container.querySelectorAll('tensor-playground')];
    await Promise.all([first.ready, second.ready, other.ready]);
    const before = await runAndWait(second);
    expect(before.ok).to.equal(false);
    expect(before.error?.type).to.equal('NameError');
    const runAbove = second.shadowRoot!.querySelector('.run-above') as HTMLButtonElement;
    expect(runAbove, 'a "Run all above" button').to.not.equal(null);
    expect(part(second, 'notice').textContent!.replace(/\s+/g, ' ')).to.contain(
      'x is defined in a cell above that has not run yet',
    );
    const ended = oneEvent(second, 'tp-run-end');
    runAbove.click();
    expect((await ended).detail.ok).to.equal(true);
    expect(first.hasRun).to.equal(true);
    expect(outputText(second)).to.equal('10\n');
    expect(second.shadowRoot!.querySelector('.run-above')).to.equal(null);
    const separate = await runAndWait(other);
    expect(separate.error?.type).to.equal('NameError');
    expect(outputText(other)).to.contain("NameError: name 'x' is not defined");
  });

  it('offers the cells above only when this cell fails on a name one of them defines', async () => {
    const container = await fixture<HTMLDivElement>(`<div>
      <tensor-playground session="offer"><script type="text/x-python">import numpy as np
raise ValueError("an earlier cell fails")
weights = 3</script></tensor-playground>
      <tensor-playground session="offer"><script type="text/x-python">print(2 + 2)</script></tensor-playground>
      <tensor-playground session="offer"><script type="text/x-python">print(typo_name)</script></tensor-playground>
      <tensor-playground session="offer"><script type="text/x-python">print(weights)</script></tensor-playground>
    </div>`);
    const [first, independent, typo, dependent] = [...container.querySelectorAll('tensor-playground')];
    await Promise.all([first.ready, independent.ready, typo.ready, dependent.ready]);
    expect((await runAndWait(first)).error?.type).to.equal('ValueError');
    expect((await runAndWait(independent)).ok).to.equal(true);
    expect(independent.shadowRoot!.querySelector('.run-above'), 'a cell that needs nothing above').to.equal(
      null,
    );
    expect((await runAndWait(typo)).error?.type).to.equal('NameError');
    expect(typo.shadowRoot!.querySelector('.run-above'), 'a name no cell above defines').to.equal(null);
    expect((await runAndWait(dependent)).error?.type).to.equal('NameError');
    expect(dependent.shadowRoot!.querySelector('.run-above'), 'weights is defined above').to.not.equal(null);
  });

  it('shows a long exercise whole: no inner scroll hides its last blanks', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `v${i} = ${i}`);
    lines.push('answer = ????');
    const el = await playground(lines.join('\n'));
    const code = part(el, 'code');
    expect(code.scrollHeight - code.clientHeight, 'the highlighted code scrolls inside').to.be.at.most(1);
    await openEditor(el);
    expect(code.scrollHeight - code.clientHeight, 'the code area scrolls inside').to.be.at.most(1);
    // Scrolling the page (not the cell) brings the last line, with its blank, into view.
    code.scrollIntoView({ block: 'end' });
    await waitUntil(
      () => [...el.shadowRoot!.querySelectorAll('.cm-line')].at(-1)?.textContent === 'answer = ????',
      'the last line is drawn',
      { timeout: 10000 },
    );
    const last = [...el.shadowRoot!.querySelectorAll('.cm-line')].at(-1)!.getBoundingClientRect();
    const area = code.getBoundingClientRect();
    expect(last.bottom).to.be.at.most(area.bottom + 0.5);
    expect(last.top).to.be.at.least(area.top);
  });

  it('prints every line with its own number, also for cells that were never on screen', async () => {
    const container = await fixture<HTMLDivElement>(`<div>
      <div style="height: 4000px"></div>
      <tensor-playground><script type="text/x-python">a = 1\nb = 2\nc = a + b\nprint(c)</script></tensor-playground>
    </div>`);
    const el = container.querySelector('tensor-playground')!;
    await el.ready;
    // The editor opens without the cell coming on screen (a click scrolls nothing).
    staticCode(el).dispatchEvent(
      new PointerEvent('pointerdown', { button: 0, bubbles: true, composed: true }),
    );
    await waitUntil(() => el.shadowRoot!.querySelector('.cm-editor'), 'the editor did not open', {
      timeout: 20000,
    });
    await el.updateComplete;
    await emulateMedia({ media: 'print' });
    try {
      const printed = el.shadowRoot!.querySelector('pre.static') as HTMLElement;
      expect(getComputedStyle(printed).display).to.equal('block');
      expect(getComputedStyle(el.shadowRoot!.querySelector('.editor-host')!).display).to.equal('none');
      const rows = [...printed.querySelectorAll('.line')] as HTMLElement[];
      expect(rows.map((r) => r.textContent)).to.deep.equal(['a = 1', 'b = 2', 'c = a + b', 'print(c)']);
      // Each number sits on its own line: rows are evenly spaced by the text's line height.
      const tops = rows.map((r) => r.getBoundingClientRect().top);
      const gaps = tops.slice(1).map((t, i) => t - tops[i]);
      const lineHeight = parseFloat(getComputedStyle(printed).lineHeight);
      for (const gap of gaps) expect(gap).to.be.closeTo(lineHeight, 1);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    expect(getComputedStyle(el.shadowRoot!.querySelector('pre.static')!).display).to.equal('none');
  });

  it('says when its run waits in the queue behind another cell, then runs', async () => {
    const container = await fixture<HTMLDivElement>(`<div>
      <tensor-playground><script type="text/x-python">import time
time.sleep(1.5)
print("first")</script></tensor-playground>
      <tensor-playground><script type="text/x-python">print("second")</script></tensor-playground>
    </div>`);
    const [first, second] = [...container.querySelectorAll('tensor-playground')];
    await Promise.all([first.ready, second.ready]);
    const firstEnded = oneEvent(first, 'tp-run-end');
    part(first, 'run-button').click();
    await new Promise((r) => setTimeout(r, 200));
    const secondEnded = oneEvent(second, 'tp-run-end');
    part(second, 'run-button').click();
    await new Promise((r) => setTimeout(r, 700));
    expect(part(second, 'badge').textContent).to.contain('waiting for the cell that is running');
    expect(part(first, 'badge').textContent).to.contain('running…');
    expect((await secondEnded).detail.ok).to.equal(true);
    expect((await firstEnded).detail.ok).to.equal(true);
    expect(outputText(first)).to.equal('first\n');
    expect(outputText(second)).to.equal('second\n');
    expect(part(second, 'badge').textContent).to.match(/^cpu · \w+ · /);
  });

  it('runs the notebook timing magics in its Worker and prints what IPython prints', async () => {
    const el = await playground(
      '%timeit -n 10 -r 3 sum(range(100))\n%time total = sum(range(10))\nprint(total)',
    );
    const detail = await runAndWait(el);
    expect(detail.ok, JSON.stringify(detail.error)).to.equal(true);
    const [timeit, wall, printed] = outputText(el).trim().split('\n').slice(-3);
    expect(timeit).to.match(
      /^\d[\d.]* (s|ms|µs|ns) ± \d[\d.]* (s|ms|µs|ns) per loop \(mean ± std\. dev\. of 3 runs, 10 loops each\)$/,
    );
    expect(wall).to.match(/^Wall time: \d[\d.]* (s|ms|µs|ns)$/);
    expect(printed).to.equal('45');
  });

  it('marks the failing line of a traceback in the editor', async () => {
    const el = await playground('a = 1\nb = a + undefined_name\nc = 3');
    const detail = await runAndWait(el);
    expect(detail.ok).to.equal(false);
    expect(detail.error?.line).to.equal(2);
    await el.updateComplete;
    expect(staticCode(el).querySelector('.error-line')!.textContent).to.equal('b = a + undefined_name');
    await openEditor(el);
    const marked = el.shadowRoot!.querySelector('.cm-tp-error-line') as HTMLElement;
    expect(marked.textContent).to.equal('b = a + undefined_name');
  });

  it('checks an exercise: blanks first, then fail with the hint, then pass', async () => {
    const container = await fixture<HTMLDivElement>(`<div>
      <tensor-playground session="exercise" hint="Sum the tensor, then take the number out of it.">
        <script type="text/x-python">
          import torch
          answer = ????
        </script>
        <script type="text/x-python" slot="check">
          assert answer == 6, "answer should be the sum of a, as a Python number"
        </script>
      </tensor-playground>
    </div>`);
    const el = container.querySelector('tensor-playground')!;
    await el.ready;
    const refused = oneEvent(el, 'tp-check');
    expect(await el.run()).to.equal(false);
    expect(outputText(el)).to.contain('Fill in the blanks');
    // The refused attempt still reaches the page (an LMS counts attempts).
    expect((await refused).detail).to.deep.equal({
      passed: false,
      message: 'Fill in the blanks marked ???? first (line 2).',
      reason: 'blanks',
    });
    el.value = 'import torch\nanswer = 5';
    let checked = oneEvent(el, 'tp-check');
    part(el, 'run-button').click();
    let result = (await checked).detail;
    expect(result.passed).to.equal(false);
    expect(result.reason).to.equal('check');
    expect(outputText(el)).to.equal('');
    expect(result.message).to.equal('answer should be the sum of a, as a Python number');
    expect(part(el, 'check').textContent).to.contain('answer should be the sum');
    el.value = 'import torch\nanswer = torch.tensor([1,2,3]).sum().item()';
    checked = oneEvent(el, 'tp-check');
    part(el, 'run-button').click();
    result = (await checked).detail;
    expect(result.passed).to.equal(true);
    expect(part(el, 'check').className).to.contain('pass');
  });

  it('shows printed HTML as text', async () => {
    const el = await playground(`print('<img src=x onerror="window.__tpPwned = 1">')`);
    await runAndWait(el);
    expect(outputText(el)).to.equal('<img src=x onerror="window.__tpPwned = 1">\n');
    expect(el.shadowRoot!.querySelector('.output img')).to.equal(null);
    expect((window as { __tpPwned?: number }).__tpPwned).to.equal(undefined);
  });

  for (const [what, code] of [
    ['while True: pass', 'while True:\n    pass'],
    [
      'the lesson-sized CPU matmul',
      'import torch\nA = torch.ones(2000, 2000)\nfor i in range(20):\n    C = A @ A',
    ],
  ]) {
    it(`stops ${what} within 200 ms and never blocks the page`, async () => {
      const el = await playground(code);
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => longTasks.push(e.duration)),
      );
      observer.observe({ type: 'longtask' });
      let maxGap = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - last);
        last = now;
      }, 10);
      const started = oneEvent(el, 'tp-run-start');
      const ended = oneEvent(el, 'tp-run-end');
      part(el, 'run-button').click();
      await started;
      await new Promise((r) => setTimeout(r, 1500));
      expect(el.running, outputText(el)).to.equal(true);
      const stopAt = performance.now();
      part(el, 'stop-button').click();
      const detail = (await ended).detail;
      const stopTook = performance.now() - stopAt;
      clearInterval(ticker);
      observer.disconnect();
      expect(detail.cancelled).to.equal(true);
      expect(stopTook).to.be.lessThan(200);
      expect(Math.max(0, ...longTasks), 'longest main-thread task').to.be.lessThan(200);
      expect(maxGap, 'longest gap between timer ticks').to.be.lessThan(200);
      expect(outputText(el)).to.match(/KeyboardInterrupt/);
    });
  }

  it('completes torch, tensor and numpy names in the editor', async () => {
    const el = await playground('');
    const content = await openEditor(el);
    const labels = () =>
      [...el.shadowRoot!.querySelectorAll('.cm-completionLabel')].map((o) => o.textContent);
    // The list follows the typing asynchronously (it may still show the names for `torch` just
    // after `torch.ze` is typed): wait up to 2 s for the expected name, then compare.
    const options = async (expected: string) => {
      for (let i = 0; i < 100 && !labels().includes(expected); i++)
        await new Promise((r) => setTimeout(r, 20));
      return labels();
    };
    await sendKeys({ type: 'torch.ze' });
    expect(await options('zeros')).to.include('zeros');
    await new Promise((r) => setTimeout(r, 150)); // CodeMirror ignores Enter just after the list opens
    await sendKeys({ press: 'Enter' });
    expect(el.value).to.equal('torch.zeros');
    await sendKeys({ type: '\rt = x.resh' });
    expect(await options('reshape')).to.include('reshape');
    await sendKeys({ press: 'Escape' }); // closes the list, stays in the editor
    expect(deepActive()).to.equal(content);
    await sendKeys({ type: '\rnp.random.nor' });
    expect(await options('normal')).to.include('normal');
  });

  it('loads the code from src, runs it on the chosen device and says which backend ran it', async () => {
    const src = URL.createObjectURL(
      new Blob([
        '    import torch\n    x = torch.ones(2, device="cuda" if torch.cuda.is_available() else "cpu")\n    print(x.device.type)\n',
      ]),
    );
    const container = await fixture<HTMLDivElement>(
      `<div><tensor-playground src="${src}" device="cuda" autorun></tensor-playground></div>`,
    );
    const el = container.querySelector('tensor-playground')!;
    const ended = oneEvent(el, 'tp-run-end');
    await el.ready;
    expect(el.value).to.equal(
      'import torch\nx = torch.ones(2, device="cuda" if torch.cuda.is_available() else "cpu")\nprint(x.device.type)',
    );
    const detail = (await ended).detail;
    expect(detail.ok, JSON.stringify(detail.error)).to.equal(true);
    expect(detail.device).to.equal('cuda');
    expect(['webgpu', 'webgl']).to.include(detail.backend);
    expect(outputText(el)).to.equal('cuda\n');
    expect(part(el, 'badge').textContent).to.match(new RegExp(`^cuda · ${detail.backend} · `));
    const select = part(el, 'device-select') as HTMLSelectElement;
    select.value = 'cpu';
    select.dispatchEvent(new Event('change'));
    expect(el.device).to.equal('cpu');
  });

  it('draws a matplotlib figure with a text alternative', async () => {
    const el = await playground(
      'import numpy as np\nimport matplotlib.pyplot as plt\nx = np.arange(-3, 3, 0.1)\nplt.plot(x, 3 - x + (x/2)**2, "red")\nplt.title("f1")',
    );
    const detail = await runAndWait(el);
    expect(detail.ok, JSON.stringify(detail.error)).to.equal(true);
    // The chart code (uPlot) loads with the first figure.
    await waitUntil(() => el.shadowRoot!.querySelector('.output [role="img"]'), 'no figure drawn');
    const figure = el.shadowRoot!.querySelector('.output [role="img"]')!;
    expect(figure.getAttribute('aria-label')).to.contain('Plot "f1"');
    expect(figure.getAttribute('aria-label')).to.contain('a red line through 60 points');
    expect(figure.querySelector('canvas')).to.not.equal(null);
  });

  it('runs an autorun cell before it highlights the code: the output comes first, then the colours', async () => {
    const order: string[] = [];
    const container = document.createElement('div');
    // The run takes a moment: highlighting at once would show its colours before the output.
    container.innerHTML = `<tensor-playground autorun><script type="text/x-python">import time\ntime.sleep(0.5)\nprint("first")</script></tensor-playground>`;
    const el = container.querySelector('tensor-playground')!;
    const seen = () => {
      if (!order.includes('output') && outputText(el) === 'first\n') order.push('output');
      if (!order.includes('colours') && el.shadowRoot?.querySelector('pre.static .tok-string'))
        order.push('colours');
    };
    const observer = new MutationObserver(seen);
    const ended = oneEvent(el, 'tp-run-end');
    document.body.append(container);
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    try {
      await el.ready;
      seen();
      expect((await ended).detail.ok).to.equal(true);
      expect(order).to.deep.equal(['output', 'colours']);
      expect(el.shadowRoot!.querySelector('pre.static .tok-string')!.textContent).to.equal('"first"');
    } finally {
      observer.disconnect();
      container.remove();
    }
  });

  it('highlights a long autorun run’s code while it still runs', async () => {
    const container = await fixture<HTMLDivElement>(
      `<div><tensor-playground autorun><script type="text/x-python">import time\ntime.sleep(6)\nprint("late")</script></tensor-playground></div>`,
    );
    const el = container.querySelector('tensor-playground')!;
    const ended = oneEvent(el, 'tp-run-end');
    await el.ready;
    expect(el.running).to.equal(true);
    expect(outputText(el)).to.equal('');
    expect(el.shadowRoot!.querySelector('pre.static .tok-string')!.textContent).to.equal('"late"');
    part(el, 'stop-button').click();
    expect((await ended).detail.ok).to.equal(false);
  });

  it('shows read-only code highlighted, without an editor or Reset, and still runs it', async () => {
    const el = await playground('print("ro")', 'readonly');
    expect(el.shadowRoot!.querySelector('.cm-editor')).to.equal(null);
    expect(part(el, 'reset-button')).to.equal(null);
    for (let i = 0; i < 50 && !el.shadowRoot!.querySelector('pre.static .tok-string'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(el.shadowRoot!.querySelector('pre.static .tok-string')!.textContent).to.equal('"ro"');
    await runAndWait(el);
    expect(outputText(el)).to.equal('ro\n');
    await expect(el).to.be.accessible();
  });

  it('runs and stops with the keyboard alone, keeping focus on the controls', async () => {
    const el = await playground('while True:\n    pass');
    part(el, 'run-button').focus();
    const ended = oneEvent(el, 'tp-run-end');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.running).to.equal(true);
    expect(deepActive()).to.equal(part(el, 'run-button'));
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(part(el, 'stop-button'));
    await sendKeys({ press: 'Enter' });
    expect((await ended).detail.cancelled).to.equal(true);
    await el.updateComplete;
    expect(deepActive()).to.equal(part(el, 'stop-button'));
    expect(part(el, 'stop-button').getAttribute('aria-disabled')).to.equal('true');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(deepActive()).to.equal(part(el, 'run-button'));
  });

  it('takes code added after the element was connected', async () => {
    const el = document.createElement('tensor-playground');
    document.body.append(el);
    try {
      await el.ready;
      const script = document.createElement('script');
      script.type = 'text/x-python';
      script.textContent = '\n  print("late")\n';
      el.append(script);
      for (let i = 0; i < 50 && el.value === ''; i++) await new Promise((r) => setTimeout(r, 10));
      expect(el.value).to.equal('print("late")');
      expect(el.originalCode).to.equal('print("late")');
      await runAndWait(el);
      expect(outputText(el)).to.equal('late\n');
    } finally {
      el.remove();
    }
  });

  it('copies the current code', async () => {
    const el = await playground('x = 1');
    el.value = 'x = 2';
    const original = navigator.clipboard.writeText;
    let copied: string | undefined;
    navigator.clipboard.writeText = async (text: string) => {
      copied = text;
    };
    try {
      part(el, 'copy-button').click();
      for (let i = 0; i < 50 && copied === undefined; i++) await new Promise((r) => setTimeout(r, 10));
      expect(copied).to.equal('x = 2');
      const status = el.shadowRoot!.querySelector('[role="status"].status')!;
      for (let i = 0; i < 50 && status.textContent === ''; i++) await new Promise((r) => setTimeout(r, 10));
      expect(status.textContent).to.equal('Code copied');
    } finally {
      navigator.clipboard.writeText = original;
    }
  });

  it('runs in the page, and says so, where a Content-Security-Policy forbids Workers', async () => {
    const frame = document.createElement('iframe');
    const module = new URL('./tensor-playground.js', import.meta.url).href;
    frame.srcdoc = `<!doctype html><html lang="en"><head><title>csp</title>
      <meta http-equiv="Content-Security-Policy" content="worker-src 'none'">
      <script type="module" src="${module}"></script></head>
      <body><tensor-playground><script type="text/x-python">print(6 * 7)</script></tensor-playground></body></html>`;
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const doc = frame.contentDocument!;
      await frame.contentWindow!.customElements.whenDefined('tensor-playground');
      const el = doc.querySelector('tensor-playground') as TensorPlayground;
      await el.ready;
      const detail = await runAndWait(el);
      expect(detail.ok, JSON.stringify(detail.error)).to.equal(true);
      expect(outputText(el)).to.match(/^42\n/);
      // Said once per page, in plain words, with what to allow.
      expect(el.shadowRoot!.querySelector('.output .note')!.textContent).to.contain('worker-src');
      expect(part(el, 'badge').textContent).to.match(/· in page$/);
      expect(part(el, 'badge').title).to.contain('no Worker could start');
    } finally {
      frame.remove();
    }
  });

  it('after a Stop that restarts the kernel, says the variables are gone and offers to run the cells above', async () => {
    const container = await fixture<HTMLDivElement>(`<div>
      <tensor-playground session="restart"><script type="text/x-python">import torch\nA = torch.ones(4000, 4000)</script></tensor-playground>
      <tensor-playground session="restart"><script type="text/x-python">for i in range(50):\n    C = A @ A</script></tensor-playground>
    </div>`);
    const [first, second] = [...container.querySelectorAll('tensor-playground')];
    await Promise.all([first.ready, second.ready]);
    expect((await runAndWait(first)).ok).to.equal(true);
    expect(first.hasRun).to.equal(true);
    const ended = oneEvent(second, 'tp-run-end');
    part(second, 'run-button').click();
    // Stop lands inside one matmul (a 4000×4000 one takes seconds on wasm): the Worker cannot hear
    // it until the op ends, so the kernel restarts. With shorter ops a Stop between two of them
    // ends the run without a restart, which is what this test must not depend on.
    await new Promise((r) => setTimeout(r, 1000));
    part(second, 'stop-button').click();
    expect((await ended).detail.cancelled).to.equal(true);
    await second.updateComplete;
    expect(outputText(second)).to.contain('KeyboardInterrupt');
    expect(second.shadowRoot!.querySelector('.output .note')!.textContent).to.contain('variables are gone');
    expect(first.hasRun).to.equal(false);
    // The cell whose variables the restart wiped says so too.
    await first.updateComplete;
    expect(first.shadowRoot!.querySelector('.output .note')!.textContent).to.contain(
      'variables this cell defined are gone',
    );
    expect(second.shadowRoot!.querySelector('.run-above')).to.not.equal(null);
    expect(first.shadowRoot!.querySelector('.run-above')).to.equal(null);
  });

  it('frees its editor and figures when removed, and rebuilds them when put back', async () => {
    const el = await playground(
      'import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9])',
      'persist="moved"',
    );
    await openEditor(el);
    await runAndWait(el);
    await waitUntil(() => el.shadowRoot!.querySelector('.output canvas'), 'no figure drawn');
    const parent = el.parentElement!;
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    expect(el.shadowRoot!.querySelector('.cm-editor')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.output canvas')).to.equal(null);
    parent.append(el);
    for (let i = 0; i < 100 && !el.shadowRoot!.querySelector('.cm-editor'); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(el.shadowRoot!.querySelector('.cm-content')!.textContent).to.contain('plt.plot');
    await waitUntil(
      () => el.shadowRoot!.querySelector('.output [role="img"] canvas'),
      'the figure was not rebuilt',
    );
  });

  it('shows highlighted code without an editor until the code is clicked; the editor then takes its place without a jump', async () => {
    const el = await playground('a = 1\nbee = a + 2\nprint(bee)', 'persist="lazy-click"');
    const code = staticCode(el);
    expect(el.shadowRoot!.querySelector('.cm-editor'), 'no editor before the code is used').to.equal(null);
    expect(code.tabIndex, 'the code is reachable with Tab').to.equal(0);
    expect(code.querySelector('.tok-keyword, .tok-variableName'), 'highlighted').to.not.equal(null);
    await expect(el).to.be.accessible();
    const box = part(el, 'code').getBoundingClientRect();
    const before = charBox(code, 'bee', 1); // the first "e" of line 2
    // Click on the right half of that "e": the caret goes after it.
    await sendMouse({
      type: 'click',
      position: [Math.round(before.right - 1), Math.round(before.top + before.height / 2)],
    });
    const content = () => el.shadowRoot!.querySelector('.cm-content') as HTMLElement | null;
    await waitUntil(() => content() && deepActive() === content(), 'the click did not open the editor');
    const after = charBox(content()!, 'bee', 1);
    const boxAfter = part(el, 'code').getBoundingClientRect();
    expect(boxAfter.height, 'same height').to.be.closeTo(box.height, 1);
    expect(boxAfter.width, 'same width').to.be.closeTo(box.width, 1);
    expect(after.left, 'the text stays where it was').to.be.closeTo(before.left, 1);
    expect(after.top, 'the text stays where it was').to.be.closeTo(before.top, 1);
    expect(content()!.textContent).to.contain('bee = a + 2');
    await resetMouse();
    await sendKeys({ type: 'X' });
    expect(el.value, 'the caret was where the student clicked').to.equal('a = 1\nbeXe = a + 2\nprint(bee)');
    await expect(el).to.be.accessible();
    el.remove(); // saves at once
    const again = await playground('a = 1\nbee = a + 2\nprint(bee)', 'persist="lazy-click"');
    expect(again.value, 'the edit was saved').to.equal('a = 1\nbeXe = a + 2\nprint(bee)');
    expect(staticCode(again).textContent).to.contain('beXe = a + 2');
    again.reset();
  });
});
