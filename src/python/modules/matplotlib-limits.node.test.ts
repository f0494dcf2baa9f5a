// Figures a page can draw: at most MAX_AXES_PER_FIGURE axes per figure (a ValueError past it), at
// most MAX_FIGURES_PER_CELL figures per cell run (then a warning and a count), matplotlib's warning
// past 20 open figures, and big lines thinned before they leave the kernel.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newList, PyException, type PyModule, type PyValue, type SessionContext } from '../objects.js';
import { stdlibModules } from '../stdlib.js';
import { call as callPython } from '../runtime.js';
import type { FigureSpec } from '../../protocol/figure.js';
import { MAX_AXES_PER_FIGURE, MAX_FIGURES_PER_CELL } from './matplotlib.js';
import './numpy.js';

function setup() {
  const figures: FigureSpec[] = [];
  const printed: string[] = [];
  const cellEnd: (() => unknown)[] = [];
  const modules = new Map<string, Promise<PyModule>>();
  const ctx = {
    device: 'cpu',
    stdout: (text: string) => printed.push(text),
    figure: (f: FigureSpec) => figures.push(f),
    sleep: () => Promise.resolve(),
    checkCancelled: () => {},
    state: new Map(),
    importModule: (name: string) => {
      if (!modules.has(name)) modules.set(name, Promise.resolve(stdlibModules.get(name)!(ctx)));
      return modules.get(name)!;
    },
    onCellEnd: (fn: () => unknown) => cellEnd.push(fn),
  } as unknown as SessionContext;
  return {
    figures,
    printed,
    endCell: () => cellEnd.forEach((f) => f()),
    load: (n: string) => ctx.importModule(n),
  };
}

async function call(
  m: PyModule,
  name: string,
  args: PyValue[],
  kwargs?: Record<string, PyValue>,
): Promise<PyValue> {
  return await callPython(m.dict.get(name)!, args, kwargs ? new Map(Object.entries(kwargs)) : null);
}

async function pyError(promise: Promise<unknown>): Promise<{ type: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof PyException, String(err));
    return { type: err.type, message: err.message };
  }
  assert.fail('no exception');
}

describe('matplotlib.pyplot limits', () => {
  it('subplots(100, 100) is a ValueError that says the limit; 10 × 10 is fine', async () => {
    const { load } = setup();
    const plt = await load('matplotlib.pyplot');
    assert.equal(MAX_AXES_PER_FIGURE, 100);
    const error = await pyError(call(plt, 'subplots', [100, 100]));
    assert.equal(error.type, 'ValueError');
    assert.equal(
      error.message,
      'subplots(100, 100) asks for 100 × 100 = 10000 axes; a figure here holds at most 100 (e.g. 10 × 10). Use fewer subplots, or several figures.',
    );
    await call(plt, 'subplots', [10, 10]);
    assert.equal((await pyError(call(plt, 'subplots', [300, 300]))).type, 'ValueError');
    assert.equal((await pyError(call(plt, 'subplots', [1, 10 ** 9]))).type, 'ValueError');
  });

  it('subplot(300, 300, 1) on a new figure is a ValueError too', async () => {
    const { load } = setup();
    const plt = await load('matplotlib.pyplot');
    await call(plt, 'figure', []);
    const error = await pyError(call(plt, 'subplot', [300, 300, 1]));
    assert.match(error.message, /^subplot\(300, 300, 1\) asks for 300 × 300 = 90000 axes/);
  });

  it('2,000 plt.show() calls: 50 figures, one warning, and the count of the rest; the next cell starts again', async () => {
    const { figures, printed, endCell, load } = setup();
    const plt = await load('matplotlib.pyplot');
    for (let i = 0; i < 2000; i++) {
      await call(plt, 'plot', [newList([1, 2, 3])]);
      await call(plt, 'show', []);
    }
    endCell();
    assert.equal(figures.length, MAX_FIGURES_PER_CELL);
    assert.deepEqual(printed, [
      'UserWarning: this cell has shown 50 figures, the most one run shows; later figures are not drawn. Plot fewer, or draw several lines on one figure.\n',
      '(1950 more figures were not shown)\n',
    ]);
    await call(plt, 'plot', [newList([1, 2, 3])]);
    endCell();
    assert.equal(figures.length, MAX_FIGURES_PER_CELL + 1);
  });

  it("matplotlib's warning when a 21st figure is opened, once per cell", async () => {
    const { printed, endCell, load } = setup();
    const plt = await load('matplotlib.pyplot');
    for (let i = 0; i < 25; i++) await call(plt, 'figure', []);
    assert.equal(printed.length, 1);
    assert.match(printed[0], /^RuntimeWarning: More than 20 figures have been opened\./);
    endCell();
  });

  it('plt.plot of 10^7 points leaves the kernel thinned, with its real count and extent', async () => {
    const { figures, endCell, load } = setup();
    const plt = await load('matplotlib.pyplot');
    const np = await load('numpy');
    const xs = await call(np, 'arange', [10_000_000]);
    await call(plt, 'plot', [xs, xs]);
    endCell();
    const line = figures[0].axes[0].items[0];
    assert.ok(line.kind === 'line');
    assert.equal(line.points, 10_000_000);
    assert.deepEqual(line.extent, [0, 9_999_999, 0, 9_999_999]);
    assert.ok(line.x.length <= 8_000, `${line.x.length} points cross to the page`);
  });
});
