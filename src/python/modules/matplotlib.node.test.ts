// matplotlib.pyplot records FigureSpecs: the lesson's calls, format strings, colour cycle, show()
// and the end-of-cell display.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { call as callPython, getAttr, getItem, repr } from '../runtime.js';
import {
  newList,
  newTuple,
  PyException,
  pyFloat,
  type PyModule,
  type PyValue,
  type SessionContext,
} from '../objects.js';
import { stdlibModules } from '../stdlib.js';
import type { FigureSpec } from '../../protocol/figure.js';
import { parseFormat } from './matplotlib.js';
import './numpy.js';

function setup() {
  const figures: FigureSpec[] = [];
  const cellEnd: (() => unknown)[] = [];
  const modules = new Map<string, Promise<PyModule>>();
  const ctx = {
    device: 'cpu',
    stdout: () => {},
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
  return { figures, endCell: () => cellEnd.forEach((f) => f()), load: (n: string) => ctx.importModule(n) };
}

async function call(
  m: PyModule,
  name: string,
  args: PyValue[],
  kwargs?: Record<string, PyValue>,
): Promise<PyValue> {
  return await callPython(m.dict.get(name)!, args, kwargs ? new Map(Object.entries(kwargs)) : null);
}

describe('matplotlib.pyplot', () => {
  it('records the lesson plot and arrows, shown when the cell ends', async () => {
    const { figures, endCell, load } = setup();
    const plt = await load('matplotlib.pyplot');
    const np = await load('numpy');
    const xs = await call(np, 'arange', [-3, 3, pyFloat(0.1)]);
    const lines = await call(plt, 'plot', [xs, xs, 'red']);
    assert.match(await repr(lines), /^\[<matplotlib\.lines\.Line2D object at 0x[0-9a-f]+>\]$/);
    await call(plt, 'plot', [xs, xs, 'blue']);
    await call(plt, 'arrow', [pyFloat(-2.5), pyFloat(5), 3, pyFloat(-4.5)], { linewidth: 2 });
    assert.equal(figures.length, 0);
    endCell();
    assert.equal(figures.length, 1);
    const [ax] = figures[0].axes;
    assert.equal(ax.items.length, 3);
    const [red, blue, arrow] = ax.items;
    assert.equal(red.kind, 'line');
    assert.equal(red.kind === 'line' && red.color, 'red');
    assert.equal(red.kind === 'line' && red.x.length, 60);
    assert.equal(blue.kind === 'line' && blue.color, 'blue');
    assert.deepEqual(arrow, { kind: 'arrow', x: -2.5, y: 5, dx: 3, dy: -4.5, linewidth: 2 });
    endCell();
    assert.equal(figures.length, 1, 'a shown figure is not shown again');
  });

  it('parses format strings and cycles default colours', async () => {
    assert.deepEqual(parseFormat('r--'), { color: 'r', linestyle: '--' });
    assert.deepEqual(parseFormat('bo'), { color: 'b', marker: 'o', linestyle: '' });
    assert.deepEqual(parseFormat('g^:'), { color: 'g', marker: '^', linestyle: ':' });
    assert.deepEqual(parseFormat('C3'), { color: 'C3' });
    assert.throws(() => parseFormat('rz'), PyException);
    const { figures, load } = setup();
    const plt = await load('matplotlib.pyplot');
    await call(plt, 'plot', [newList([1, 2, 3])]);
    await call(plt, 'plot', [newList([1, 2]), newList([3, 4])], { label: 'b', linestyle: 'dashed' });
    await call(plt, 'scatter', [newList([1]), newList([2])]);
    assert.match(
      await repr(await call(plt, 'legend', [])),
      /^<matplotlib\.legend\.Legend object at 0x[0-9a-f]+>$/,
    );
    await call(plt, 'show', []);
    const items = figures[0].axes[0].items;
    assert.deepEqual(items[0], { kind: 'line', x: [0, 1, 2], y: [1, 2, 3], color: 'C0' });
    assert.deepEqual(items[1], {
      kind: 'line',
      x: [1, 2],
      y: [3, 4],
      color: 'C1',
      linestyle: '--',
      label: 'b',
    });
    assert.equal(items[2].kind === 'scatter' && items[2].color, 'C0');
    assert.equal(figures[0].axes[0].legend, true);
  });

  it('labels, limits, grid, reference lines and Text reprs', async () => {
    const { figures, load } = setup();
    const plt = await load('matplotlib.pyplot');
    assert.equal(await repr(await call(plt, 'title', ['Two gradients'])), "Text(0.5, 1.0, 'Two gradients')");
    assert.equal(await repr(await call(plt, 'xlabel', ['x'])), "Text(0.5, 0, 'x')");
    assert.equal(await repr(await call(plt, 'ylabel', ['y'])), "Text(0, 0.5, 'y')");
    assert.equal(await repr(await call(plt, 'xlim', [-3, 3])), '(-3.0, 3.0)');
    assert.equal(await repr(await call(plt, 'ylim', [newTuple([0, 10])])), '(0.0, 10.0)');
    await call(plt, 'grid', [true]);
    await call(plt, 'axhline', [0], { color: 'black' });
    await call(plt, 'axvline', [], { x: pyFloat(-1), linestyle: ':' });
    await call(plt, 'plot', [newList([1, 2])]);
    await call(plt, 'show', []);
    const ax = figures[0].axes[0];
    assert.equal(ax.title, 'Two gradients');
    assert.deepEqual([ax.xlabel, ax.ylabel, ax.grid], ['x', 'y', true]);
    assert.deepEqual(ax.xlim, [-3, 3]);
    assert.deepEqual(ax.ylim, [0, 10]);
    assert.deepEqual(ax.items[0], { kind: 'axhline', value: 0, color: 'black' });
    assert.deepEqual(ax.items[1], { kind: 'axvline', value: -1, linestyle: ':' });
    const line = ax.items[2];
    assert.equal(line.kind === 'line' && line.color, 'C0', 'reference lines do not advance the colour cycle');
  });

  it('figure(figsize=) and subplots', async () => {
    const { figures, load } = setup();
    const plt = await load('matplotlib.pyplot');
    const fig = await call(plt, 'figure', [], { figsize: newTuple([8, 3]) });
    assert.equal(await repr(fig), '<Figure size 800x300 with 0 Axes>');
    const pair = await call(plt, 'subplots', [1, 2], { figsize: newTuple([10, 4]) });
    const axs = (pair as unknown as { items: PyValue[] }).items[1];
    const right = await getItem(axs, 1);
    await callPython(await getAttr(right, 'plot'), [newList([1, 2])]);
    await callPython(await getAttr(right, 'set_title'), ['right']);
    await call(plt, 'show', []);
    assert.equal(figures.length, 1, 'the empty figure is not drawn');
    assert.equal(figures[0].cols, 2);
    assert.deepEqual(figures[0].figsize, [10, 4]);
    assert.equal(figures[0].axes[1].title, 'right');
    assert.equal(figures[0].axes[0].items.length, 0);
  });

  it("rejects mismatched data with matplotlib's message", async () => {
    const { load } = setup();
    const plt = await load('matplotlib.pyplot');
    await assert.rejects(call(plt, 'plot', [newList([1, 2, 3]), newList([1, 2])]), {
      message: 'x and y must have same first dimension, but have shapes (3,) and (2,)',
    });
  });
});
