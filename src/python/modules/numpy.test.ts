// numpy, math, time and matplotlib.pyplot through the interpreter in Chromium: the lesson's cells,
// printing as numpy prints, seeded random numbers, a non-blocking sleep and recorded figures.
import { expect } from '@open-wc/testing';
import { PythonSession } from '../index.js';
import type { FigureSpec } from '../../protocol/figure.js';

async function run(session: PythonSession, code: string) {
  let stdout = '';
  const figures: FigureSpec[] = [];
  const out = await session.run(code, {
    timeBudgetMs: 20_000,
    stdout: (t) => (stdout += t),
    figure: (f) => figures.push(f),
  });
  return { ...out, stdout, figures };
}

describe('numpy, math, time and matplotlib in the browser', () => {
  it("runs the lesson's curves and prints them as numpy does", async () => {
    const s = new PythonSession();
    const r = await run(
      s,
      `import numpy as np
def f1(x):
    return 3 - x + (x/2)**2
xs = np.arange(-3, 3, 0.1)
ys = f1(xs)
print(xs.shape, xs.dtype, ys.dtype)
print(xs[:3], xs[-3:])
print(ys[:3], ys[-3:])
ys[:4]`,
    );
    expect(r.error).to.equal(undefined);
    expect(r.stdout).to.equal(
      '(60,) float64 float64\n[-3.  -2.9 -2.8] [2.7 2.8 2.9]\n[8.25   8.0025 7.76  ] [2.1225 2.16   2.2025]\n',
    );
    expect(r.echo).to.equal('array([8.25  , 8.0025, 7.76  , 7.5225])');
    const extrema = await run(s, 'ys.min(), ys.max(), len(xs), xs[-1]');
    expect(extrema.echo).to.equal('(2.0, 8.25, 60, 2.9000000000000057)');
  });

  it("draws numpy's legacy random numbers, 4 million of them without freezing", async () => {
    const s = new PythonSession();
    const r = await run(s, 'import numpy as np\nnp.random.seed(0)\nnp.random.normal(size=5)');
    expect(r.echo).to.equal('array([1.76405235, 0.40015721, 0.97873798, 2.2408932 , 1.86755799])');
    const big = await run(
      s,
      'N = 2000\nA = np.random.normal(size=(N, N))\nA.shape, A.dtype, abs(A.mean()) < 0.01',
    );
    expect(big.echo).to.equal("((2000, 2000), dtype('float64'), True)");
  });

  it("raises numpy's and math's errors as Python exceptions", async () => {
    const s = new PythonSession();
    const r = await run(s, 'import numpy as np\nnp.array([1, 2, 3]) + np.array([1, 2])');
    expect(r.error?.type).to.equal('ValueError');
    expect(r.error?.message).to.equal('operands could not be broadcast together with shapes (3,) (2,) ');
    const m = await run(s, 'import math\nmath.sqrt(-1)');
    expect(`${m.error?.type}: ${m.error?.message}`).to.equal('ValueError: math domain error');
    const idx = await run(s, 'np.zeros(3)[3]');
    expect(`${idx.error?.type}: ${idx.error?.message}`).to.equal(
      'IndexError: index 3 is out of bounds for axis 0 with size 3',
    );
  });

  it('time.sleep awaits and a cancelled run interrupts it', async () => {
    const s = new PythonSession();
    const t0 = performance.now();
    const r = await run(
      s,
      'import time\nt0 = time.perf_counter()\ntime.sleep(0.2)\nround(time.perf_counter() - t0, 1)',
    );
    expect(r.echo).to.equal('0.2');
    expect(performance.now() - t0).to.be.greaterThan(190);
    const signal = { cancelled: false };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    setTimeout(() => (signal.cancelled = true), 100);
    const cancelled = await s.run('time.sleep(30)', { signal });
    clearInterval(timer);
    expect(cancelled.error?.type).to.equal('KeyboardInterrupt');
    expect(ticks).to.be.greaterThan(3);
  });

  it("records the lesson's plot, shown at the end of the cell, and echoes Line2D lists", async () => {
    const s = new PythonSession();
    const r = await run(
      s,
      `import numpy as np
import matplotlib.pyplot as plt
def plot_func(func, color="red"):
    x_vals = np.arange(-3, 3, 0.1)
    y_vals = func(x_vals)
    plt.plot(x_vals, y_vals, color)
def plot_gradient(x, y, slope):
    x, y, slope = map(float, (x, y, slope))
    dx = 3
    dy = dx*slope
    plt.arrow(x-dx/2, y-dy/2, dx, dy, linewidth=2)
plot_func(lambda x: 3 - x + (x/2)**2)
plot_func(lambda x: 3 - (x/2) ** 2, "blue")
plot_gradient(-1.0, 4.25, -1.5)`,
    );
    expect(r.error).to.equal(undefined);
    expect(r.stdout).to.equal('');
    expect(r.figures.length).to.equal(1);
    const items = r.figures[0].axes[0].items;
    expect(items.map((i) => i.kind)).to.deep.equal(['line', 'line', 'arrow']);
    expect(items[0].kind === 'line' && items[0].color).to.equal('red');
    expect(items[1].kind === 'line' && items[1].y[0]).to.equal(0.75);
    expect(items[2]).to.deep.equal({ kind: 'arrow', x: -2.5, y: 6.5, dx: 3, dy: -4.5, linewidth: 2 });
    const echo = await run(s, 'plt.plot([1, 2], [3, 4], "bo")');
    expect(echo.echo).to.match(/^\[<matplotlib\.lines\.Line2D object at 0x[0-9a-f]+>\]$/);
    expect(echo.figures.length).to.equal(1);
    const shown = await run(s, 'plt.title("t")\nplt.show()');
    expect(shown.figures.length).to.equal(1);
    expect(shown.figures[0].axes[0].title).to.equal('t');
  });
});
