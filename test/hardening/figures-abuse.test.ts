// Resource abuse with figures, through the BUILT dist/cdn/torchlet.js (run `npm run build` first) in a
// page of its own: for each program, the page's longest frame gap (requestAnimationFrame) while its
// figures arrive and are drawn, the message the cell shows, and that the next run works.
// Target (issue 19, items 5 and 6): no frame gap over 200 ms while figures arrive. That is what is
// asserted: the longest time without a frame from the first figure's arrival until every axes is
// drawn (a gap that began earlier counts from the arrival on). The page's longest main-thread task
// (Long Tasks API) is asserted against the same 200 ms. Over the whole run, while the Worker
// computes and nothing arrives, frames also starve on the shared 2-core machine with no task of
// the page running at all: that gap is reported and bounded only as a hang (3 s; before the fix a
// 100 × 100 grid gave 15 s and 300 × 300 minutes).
import { expect } from '@open-wc/testing';
import { isLongMode, reportFigure } from './programs.js';

/** The target: the page's frames and tasks while figures arrive. */
const TARGET_MS = 200;
const MAX_RUN_GAP_MS = 3000;

interface Cell extends HTMLElement {
  ready: Promise<void>;
  run(): Promise<boolean>;
  value: string;
}

interface Outcome {
  ok: boolean;
  /** Longest gap between two animation frames of the page, from the run's start until drawn. */
  gapMs: number;
  /** The longest time without a frame from the first figure's arrival (or the run's end) until drawn. */
  figureGapMs: number;
  /** Longest task of the page's main thread (the frame shares it with this test page). */
  taskMs: number;
  /** From the run's end until every axes has its canvas (or its error). */
  drawMs: number;
  text: string;
  figures: number;
  canvases: number;
  descriptions: string[];
}

let frame: HTMLIFrameElement;
let win: Window & typeof globalThis;
const errors: string[] = [];

async function openPage(): Promise<void> {
  const probe = await fetch('/dist/cdn/torchlet.js', { method: 'HEAD' });
  if (!probe.ok) throw new Error('dist/cdn/torchlet.js is missing: run `npm run build` first');
  frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 700px; border: 0';
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>abuse</title>
    <script type="module" src="/dist/cdn/torchlet.js"></script></head><body></body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  win = frame.contentWindow as Window & typeof globalThis;
  win.addEventListener('error', (e) => errors.push(String(e.error ?? e.message)));
  win.addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection: ${String(e.reason)}`));
  await win.customElements.whenDefined('tensor-playground');
}

/** Records the animation frames' times (and the page's long tasks) until stopped. */
let longestTask = 0;
function watchFrames(): () => number[] {
  longestTask = 0;
  // Observed from this (parent) page: a same-origin frame runs on the same main thread.
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longestTask = Math.max(longestTask, e.duration);
  });
  observer.observe({ type: 'longtask' });
  const frames = [win.performance.now()];
  let going = true;
  const tick = (t: number) => {
    frames.push(t);
    if (going) win.requestAnimationFrame(tick);
  };
  win.requestAnimationFrame(tick);
  return () => {
    observer.disconnect();
    going = false;
    frames.push(win.performance.now());
    return frames;
  };
}

/** The longest time without a frame after `from` (the frame's clock): gaps are cut at `from`. */
function longestGap(frames: number[], from = -Infinity): number {
  let longest = 0;
  for (let i = 1; i < frames.length; i++)
    if (frames[i] > from) longest = Math.max(longest, frames[i] - Math.max(frames[i - 1], from));
  return longest;
}

function drawnAxes(cell: Cell): { figures: number; axes: number; done: number } {
  const root = cell.shadowRoot!;
  const axes = [...root.querySelectorAll('.figure .axes')];
  return {
    figures: root.querySelectorAll('.figure').length,
    axes: axes.length,
    done: axes.filter((a) => a.querySelector('canvas, .figure-error')).length,
  };
}

async function runProgram(code: string): Promise<Outcome> {
  const cell = win.document.createElement('tensor-playground') as Cell;
  cell.setAttribute('readonly', '');
  const script = win.document.createElement('script');
  script.type = 'text/x-python';
  script.textContent = code;
  cell.append(script);
  win.document.body.replaceChildren(cell);
  await cell.ready;
  const stop = watchFrames();
  // When the first figure reaches the page (figures shown by plt.show() arrive during the run).
  let firstFigure: number | undefined;
  const poll = setInterval(() => {
    if (firstFigure === undefined && cell.shadowRoot!.querySelector('.figure-host'))
      firstFigure = win.performance.now();
  }, 5);
  const ok = await cell.run();
  clearInterval(poll);
  firstFigure ??= win.performance.now();
  const ended = performance.now();
  // The figures arrive with the run; they are drawn over the next frames.
  for (let i = 0; i < 600; i++) {
    const { axes, done } = drawnAxes(cell);
    if (done === axes) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const drawMs = performance.now() - ended;
  await new Promise((resolve) => setTimeout(resolve, 100));
  const frames = stop();
  const root = cell.shadowRoot!;
  const outcome: Outcome = {
    ok,
    gapMs: Math.round(longestGap(frames)),
    figureGapMs: Math.round(longestGap(frames, firstFigure)),
    taskMs: Math.round(longestTask),
    drawMs: Math.round(drawMs),
    text: [...root.querySelectorAll('.output pre')].map((p) => p.textContent).join(''),
    figures: drawnAxes(cell).figures,
    canvases: root.querySelectorAll('.figure canvas').length,
    descriptions: [...root.querySelectorAll('.figure[role="img"]')].map(
      (f) => f.getAttribute('aria-label') ?? '',
    ),
  };
  // The next run in the same page works.
  cell.value = 'print("next run")';
  expect(await cell.run()).to.equal(true);
  expect(root.querySelector('.output pre')!.textContent).to.equal('next run\n');
  return outcome;
}

type Figures = Pick<Outcome, 'gapMs' | 'figureGapMs' | 'taskMs' | 'drawMs'> & { program: string };
const figures: Figures[] = [];

describe('hardening: figures that could hang the page (built CDN file)', function () {
  this.timeout(180000);
  // The machine is shared by several engineers' browsers: up to three attempts, as abuse.test.ts.
  this.retries(2);
  let inputs = 0;
  let failures = 0;
  const start = performance.now();

  before(async () => {
    await openPage();
    // Start-up (the Worker, its WebAssembly, the chart code) is not what is measured here.
    await runProgram('import numpy as np\nimport matplotlib.pyplot as plt\nplt.plot([1, 2, 3])');
  });
  beforeEach(() => {
    inputs++;
    failures++;
  });
  afterEach(function () {
    if (this.currentTest?.state === 'passed') failures--;
  });
  after(() => {
    frame?.remove();
    const worst = (key: keyof Figures) =>
      figures.reduce((a, b) => (b[key] > a[key] ? b : a), {
        program: '-',
        gapMs: 0,
        figureGapMs: 0,
        taskMs: 0,
        drawMs: 0,
      });
    reportFigure({
      suite: 'abuse: figures (Chromium, CDN file)',
      mode: isLongMode() ? 'long' : 'short',
      inputs,
      failures,
      ms: Math.round(performance.now() - start),
      note: `longest page task ${worst('taskMs').taskMs} ms, frame gap while figures arrive ${worst('figureGapMs').figureGapMs} ms (${worst('figureGapMs').program}), over a whole run ${worst('gapMs').gapMs} ms (${worst('gapMs').program}); ${figures.map((f) => `${f.program}: task ${f.taskMs} ms, gaps ${f.figureGapMs}/${f.gapMs} ms, drawn in ${f.drawMs} ms`).join('; ')}`,
    });
  });

  const record = (program: string, outcome: Outcome) => {
    const { gapMs, figureGapMs, taskMs, drawMs } = outcome;
    figures.push({ program, gapMs, figureGapMs, taskMs, drawMs });
    expect(taskMs, `longest main-thread task of ${program}`).to.be.at.most(TARGET_MS);
    expect(figureGapMs, `longest frame gap while the figures of ${program} arrive`).to.be.at.most(TARGET_MS);
    expect(gapMs, `longest frame gap of ${program}`).to.be.at.most(MAX_RUN_GAP_MS);
    expect(errors).to.deep.equal([]);
  };

  it('the measurement sees a page that is blocked (a 250 ms busy task in the page)', async () => {
    const stop = watchFrames();
    await new Promise((resolve) => win.requestAnimationFrame(resolve));
    win.setTimeout(() => {
      const until = win.performance.now() + 250;
      while (win.performance.now() < until) {
        // busy: the page's main thread is held
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const gap = longestGap(stop());
    expect(longestTask).to.be.at.least(240);
    // Frame timestamps start frames, so a 250 ms block shows as a gap of about 250 ms less a frame:
    // over the target, so a page blocked that long fails the assertions below.
    expect(gap).to.be.above(TARGET_MS);
  });

  it('plt.subplots(100, 100): a ValueError that names the limit, at once', async () => {
    const outcome = await runProgram('import matplotlib.pyplot as plt\nfig, axs = plt.subplots(100, 100)');
    expect(outcome.ok).to.equal(false);
    expect(outcome.text).to.contain(
      'ValueError: subplots(100, 100) asks for 100 × 100 = 10000 axes; a figure here holds at most 100 (e.g. 10 × 10).',
    );
    expect(outcome.figures).to.equal(0);
    record('subplots(100, 100)', outcome);
  });

  it('plt.subplots(300, 300): the same, no hang', async () => {
    const outcome = await runProgram('import matplotlib.pyplot as plt\nplt.subplots(300, 300)');
    expect(outcome.text).to.contain('ValueError: subplots(300, 300) asks for 300 × 300 = 90000 axes');
    record('subplots(300, 300)', outcome);
  });

  it('a 10 × 10 grid, each axes plotted: all 100 drawn, frames keep coming', async () => {
    const outcome = await runProgram(
      'import matplotlib.pyplot as plt\nfig, axs = plt.subplots(10, 10)\nfor ax in axs.flat:\n    ax.plot([1, 2, 3], [1, 4, 9])',
    );
    expect(outcome.ok).to.equal(true);
    expect(outcome.canvases).to.be.at.least(100);
    record('subplots(10, 10) plotted', outcome);
  });

  it('2,000 plt.show() calls: 50 figures, a warning and the count of the rest', async () => {
    const outcome = await runProgram(
      'import matplotlib.pyplot as plt\nfor i in range(2000):\n    plt.plot([1, 2, i])\n    plt.show()',
    );
    expect(outcome.ok).to.equal(true);
    expect(outcome.figures).to.equal(50);
    expect(outcome.text).to.contain('UserWarning: this cell has shown 50 figures, the most one run shows');
    expect(outcome.text).to.contain('(1950 more figures were not shown)');
    record('2,000 plt.show()', outcome);
  });

  it('plt.plot of 150,000 points draws (no RangeError), with the real count in its description', async () => {
    const outcome = await runProgram(
      'import numpy as np\nimport matplotlib.pyplot as plt\nx = np.arange(150000)\nplt.plot(x, np.sin(x / 1000))',
    );
    expect(outcome.ok).to.equal(true);
    expect(outcome.canvases).to.be.at.least(1);
    expect(outcome.descriptions[0]).to.match(
      /line through 150000 points \(drawn from [\d,]+ of them\), x 0 to 150000, y -1 to 1/,
    );
    record('plot 150,000 points', outcome);
  });

  it('plt.plot of 10^7 points draws in well under a second once the run ends', async () => {
    const outcome = await runProgram(
      'import numpy as np\nimport matplotlib.pyplot as plt\nx = np.arange(10**7)\nplt.plot(x, x % 1000)',
    );
    expect(outcome.ok, outcome.text).to.equal(true);
    expect(outcome.canvases).to.be.at.least(1);
    expect(outcome.descriptions[0]).to.contain('line through 10000000 points');
    expect(outcome.drawMs).to.be.below(1000);
    record('plot 10^7 points', outcome);
  });
});
