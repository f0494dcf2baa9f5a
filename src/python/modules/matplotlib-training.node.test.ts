// matplotlib for training lessons: hist, bar, imshow + colorbar, scatter coloured by class,
// semilogy / yscale, subplots grids, as the FigureSpecs the page draws.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AxesSpec, FigureSpec } from '../../protocol/figure.js';
import { PythonSession } from '../index.js';

async function run(code: string): Promise<{ stdout: string; figures: FigureSpec[]; error?: string }> {
  const figures: FigureSpec[] = [];
  let stdout = '';
  const out = await new PythonSession().run(code, {
    stdout: (t) => (stdout += t),
    figure: (f) => figures.push(f),
    timeBudgetMs: 10_000,
  });
  return { stdout, figures, error: out.error ? `${out.error.type}: ${out.error.message}` : undefined };
}

const only = (figures: FigureSpec[]): AxesSpec => {
  assert.equal(figures.length, 1);
  return figures[0].axes[0];
};

describe('matplotlib for training lessons', () => {
  it("hist: numpy's counts and edges (last bin closed), bars from each left edge", async () => {
    const r = await run(
      'import matplotlib.pyplot as plt\nn, bins, bars = plt.hist([1, 2, 2, 3, 3, 3, 10], bins=4)\nprint(n)\nprint(bins)\nprint(bars, len(bars))',
    );
    assert.equal(r.error, undefined);
    assert.equal(
      r.stdout,
      '[6. 0. 0. 1.]\n[ 1.    3.25  5.5   7.75 10.  ]\n<BarContainer object of 4 artists> 4\n',
    );
    assert.deepEqual(only(r.figures).items, [
      {
        kind: 'bar',
        x: [1, 3.25, 5.5, 7.75],
        heights: [6, 0, 0, 1],
        widths: [2.25, 2.25, 2.25, 2.25],
        align: 'edge',
        color: 'C0',
      },
    ]);
  });

  it('hist: density, given edges, range, and errors', async () => {
    const r = await run(
      'import matplotlib.pyplot as plt\nn, b, _ = plt.hist([0.5, 1.5, 1.5, 9], bins=[0, 1, 2], density=True)\nprint(n, b)\nn, b, _ = plt.hist([1, 1, 1], bins=2, range=(0, 4))\nprint(n, b)',
    );
    assert.equal(r.error, undefined);
    // 3 values in range (9 is out), widths 1: [1/3, 2/3]
    assert.equal(r.stdout, '[0.33333333 0.66666667] [0. 1. 2.]\n[3. 0.] [0. 2. 4.]\n');
    assert.match(
      (await run('import matplotlib.pyplot as plt\nplt.hist([1, 2], bins=0)')).error!,
      /^ValueError: `bins` must be positive/,
    );
  });

  it('bar: category names at 0, 1, 2 …, one colour per bar, a mismatch is an error', async () => {
    const r = await run(
      "import matplotlib.pyplot as plt\nbars = plt.bar(['cat', 'dog', 'bird'], [3, 5, 1], color=['C0', 'C1', 'C2'], label='count')\nbars",
    );
    assert.equal(r.error, undefined);
    assert.deepEqual(only(r.figures).items, [
      {
        kind: 'bar',
        x: [0, 1, 2],
        heights: [3, 5, 1],
        widths: [0.8, 0.8, 0.8],
        align: 'center',
        colors: ['C0', 'C1', 'C2'],
        categories: ['cat', 'dog', 'bird'],
        label: 'count',
      },
    ]);
    const bad = await run('import matplotlib.pyplot as plt\nplt.bar([1, 2, 3], [1, 2])');
    assert.match(bad.error!, /^ValueError: shape mismatch/);
  });

  it("imshow of a layer's weight with a colour map and a colour bar", async () => {
    const r = await run(
      "import torch\nimport matplotlib.pyplot as plt\nw = torch.tensor([[1., -1., 0.], [0.5, 2., -2.]], requires_grad=True)\nim = plt.imshow(w.detach(), cmap='coolwarm', vmin=-2, vmax=2)\nplt.colorbar(im)\nplt.title('weights')",
    );
    assert.equal(r.error, undefined);
    const ax = only(r.figures);
    assert.deepEqual(ax.items, [
      {
        kind: 'image',
        rows: 2,
        cols: 3,
        values: [1, -1, 0, 0.5, 2, -2],
        cmap: 'coolwarm',
        vmin: -2,
        vmax: 2,
      },
    ]);
    assert.deepEqual(ax.colorbar, { cmap: 'coolwarm', vmin: -2, vmax: 2 });
    assert.equal(ax.title, 'weights');
  });

  it('imshow / colorbar / cmap errors say what to do', async () => {
    const errors = await Promise.all(
      [
        'plt.imshow([1, 2, 3])',
        'plt.colorbar()',
        "plt.imshow([[1, 2]], cmap='nope')",
        'plt.imshow([[0] * 1000] * 1000)',
      ].map(async (line) => (await run(`import matplotlib.pyplot as plt\n${line}`)).error),
    );
    assert.match(errors[0]!, /^TypeError: Invalid shape \(3,\) for image data/);
    assert.match(errors[1]!, /^RuntimeError: No mappable was found/);
    assert.match(errors[2]!, /^ValueError: 'nope' is not a valid value for cmap/);
    assert.match(errors[3]!, /^ValueError: imshow draws at most 250,000 values/);
  });

  it('scatter coloured by class keeps one value per point (c=labels)', async () => {
    const r = await run(
      'import torch\nimport matplotlib.pyplot as plt\nX = torch.tensor([[0., 0.], [1., 1.], [0., 1.]])\ny = torch.tensor([0, 1, 1])\nplt.scatter(X[:, 0], X[:, 1], c=y)',
    );
    assert.equal(r.error, undefined);
    assert.deepEqual(only(r.figures).items, [
      {
        kind: 'scatter',
        x: [0, 1, 0],
        y: [0, 1, 1],
        linestyle: '',
        marker: 'o',
        values: [0, 1, 1],
        cmap: 'viridis',
        vmin: 0,
        vmax: 1,
      },
    ]);
    const bad = await run('import matplotlib.pyplot as plt\nplt.scatter([1, 2], [1, 2], c=[1, 2, 3])');
    assert.match(
      bad.error!,
      /^ValueError: 'c' argument has 3 elements, which is inconsistent with 'x' and 'y' with size 2\./,
    );
  });

  it('semilogy, yscale and a subplots grid of a loss curve and a histogram', async () => {
    const r = await run(
      "import matplotlib.pyplot as plt\nlosses = [1.0, 0.5, 0.1, 0.01]\nfig, (ax1, ax2) = plt.subplots(1, 2)\nax1.semilogy(losses)\nax1.set_title('loss')\nax2.plot(losses)\nax2.set_yscale('log')\nax2.set_xscale('linear')\nplt.show()\nplt.yscale('symlog')",
    );
    // (the failed yscale call opened a second, empty figure, as pyplot does)
    const [a, b] = r.figures[0].axes;
    assert.equal(r.figures[0].cols, 2);
    assert.equal(a.yscale, 'log');
    assert.deepEqual(a.items, [{ kind: 'line', x: [0, 1, 2, 3], y: [1, 0.5, 0.1, 0.01], color: 'C0' }]);
    assert.equal(b.yscale, 'log');
    assert.equal(b.xscale, 'linear');
    assert.match(r.error!, /^ValueError: 'symlog' is not a valid value for scale/);
  });
});
