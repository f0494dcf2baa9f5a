// clear_output() in a cell, in Chromium with the kernel in its Worker: a loop that clears and
// redraws shows one figure that changes while the cell runs (never several stacked), clear_output()
// without wait empties the output at once, and 10,000 redraws leave the page responsive.
import { expect, fixture, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import './tensor-playground.js';
import type { TensorPlayground } from './tensor-playground.js';

async function playground(code: string): Promise<TensorPlayground> {
  const container = await fixture<HTMLDivElement>(
    `<div><tensor-playground><script type="text/x-python">${code}</script></tensor-playground></div>`,
  );
  const el = container.querySelector('tensor-playground') as TensorPlayground;
  await el.ready;
  return el;
}

/** What the output shows now: its printed text, its figure hosts and the drawn figures' labels. */
function snapshot(el: TensorPlayground) {
  const output = el.shadowRoot!.querySelector('.output')!;
  return {
    text: [...output.querySelectorAll('pre:not(.note)')].map((pre) => pre.textContent).join(''),
    hosts: output.querySelectorAll('.figure-host').length,
    labels: [...output.querySelectorAll('[role="img"]')].map((img) => img.getAttribute('aria-label') ?? ''),
  };
}

/**
 * Runs the cell and records what each animation frame shows until the run ends, and (`states`)
 * the output after every change: a state between two tasks can be painted.
 */
async function runWatching(el: TensorPlayground) {
  const frames: ReturnType<typeof snapshot>[] = [];
  const states: ReturnType<typeof snapshot>[] = [];
  const observer = new MutationObserver(() => states.push(snapshot(el)));
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
  const gaps: number[] = [];
  let watching = true;
  let last = performance.now();
  const watch = (now: number) => {
    gaps.push(now - last);
    last = now;
    frames.push(snapshot(el));
    if (watching) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  const ended = oneEvent(el, 'tp-run-end');
  el.run();
  const detail = (await ended).detail;
  watching = false;
  observer.disconnect();
  return { frames, states, gaps, detail };
}

describe('<tensor-playground> clear_output', function () {
  this.timeout(120000);
  afterEach(() => fixtureCleanup());

  it('clear_output(wait=True) in a loop redraws one figure live and ends with only the last output', async () => {
    const el = await playground(
      [
        'import time',
        'import matplotlib.pyplot as plt',
        'from IPython.display import clear_output',
        'losses = []',
        'for step in range(10):',
        '    losses.append(1 / (step + 1))',
        '    clear_output(wait=True)',
        '    print(f"step {step}")',
        '    plt.plot(losses); plt.title(f"step {step}"); plt.show()',
        '    time.sleep(0.15)',
      ].join('\n'),
    );
    const { frames, states, detail } = await runWatching(el);
    expect(detail.ok).to.equal(true);
    await waitUntil(() => snapshot(el).labels.length === 1, 'the last figure is drawn');
    const end = snapshot(el);
    expect(end.text).to.equal('step 9\n');
    expect(end.hosts).to.equal(1);
    expect(end.labels[0]).to.match(/Plot "step 9".*through 10 points/);
    // While it ran, an earlier step was on show: the figure changed in place.
    const seen = new Set(frames.flatMap((f) => f.labels.map((l) => /Plot "(step \d)"/.exec(l)?.[1])));
    expect([...seen].filter((s) => s && s !== 'step 9').length).to.be.greaterThan(1);
    // Never two figures stacked, and once one is shown the output never goes blank (no flicker):
    // a clear and the figure that replaces it are applied in one task.
    expect(Math.max(...states.map((f) => f.hosts))).to.equal(1);
    const first = states.findIndex((f) => f.hosts === 1);
    expect(first).to.be.greaterThan(-1);
    expect(states.slice(first).every((f) => f.hosts === 1 && /^step \d\n$/.test(f.text))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('clear_output() without wait empties the output at once, while the cell still runs', async () => {
    const el = await playground(
      [
        'import time',
        'import matplotlib.pyplot as plt',
        'from IPython.display import clear_output',
        'print("before")',
        'plt.plot([1, 2]); plt.show()',
        'time.sleep(0.4)',
        'clear_output()',
        'time.sleep(0.6)',
        'print("after")',
      ].join('\n'),
    );
    const { frames, detail } = await runWatching(el);
    expect(detail.ok).to.equal(true);
    const shown = frames.findIndex((f) => f.text === 'before\n' && f.hosts === 1);
    expect(shown).to.be.greaterThan(-1);
    // Cleared during the sleep: frames with nothing in the output before "after" came.
    const empty = frames.slice(shown).findIndex((f) => f.text === '' && f.hosts === 0);
    expect(empty).to.be.greaterThan(-1);
    expect(snapshot(el)).to.deep.equal({ text: 'after\n', hosts: 0, labels: [] });
  });

  it('10,000 clear_output + plt.show keep the page responsive and end with one figure', async () => {
    const el = await playground(
      [
        'import matplotlib.pyplot as plt',
        'from IPython.display import clear_output',
        'for i in range(10000):',
        '    clear_output(wait=True)',
        '    plt.plot([0, i]); plt.title(f"frame {i}"); plt.show()',
      ].join('\n'),
    );
    const { gaps, detail } = await runWatching(el);
    expect(detail.ok).to.equal(true);
    await waitUntil(() => snapshot(el).labels.length === 1, 'the last figure is drawn');
    expect(snapshot(el).labels[0]).to.contain('Plot "frame 9999"');
    expect(snapshot(el).hosts).to.equal(1);
    // The page drew frames all along: no long task held it (the charts arrive one batch per frame).
    expect(gaps.length).to.be.greaterThan(10);
    expect(Math.max(...gaps.slice(1))).to.be.lessThan(500);
  });
});
