// IPython.display in the interpreter: clear_output asks the run to clear (at once or on the next
// output), restarts matplotlib's per-cell figure count, and display() shows values and figures.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FigureSpec } from '../../protocol/figure.js';
import { PythonSession } from '../index.js';

type Out =
  | { kind: 'stdout'; text: string }
  | { kind: 'figure'; figure: FigureSpec }
  | { kind: 'clear'; wait: boolean };

async function run(code: string, session = new PythonSession()): Promise<{ out: Out[]; error?: string }> {
  const out: Out[] = [];
  const result = await session.run(code, {
    stdout: (text) => out.push({ kind: 'stdout', text }),
    figure: (figure) => out.push({ kind: 'figure', figure }),
    clearOutput: (wait) => out.push({ kind: 'clear', wait }),
    timeBudgetMs: 20_000,
  });
  return { out, error: result.error ? `${result.error.type}: ${result.error.message}` : undefined };
}

describe('IPython.display', () => {
  it('clear_output() clears at once; wait=True asks to clear on the next output', async () => {
    const r = await run(
      'from IPython.display import clear_output\nprint("a")\nclear_output()\nprint("b")\nclear_output(wait=True)\nprint("c")\nclear_output(True)',
    );
    assert.equal(r.error, undefined);
    assert.deepEqual(r.out, [
      { kind: 'stdout', text: 'a\n' },
      { kind: 'clear', wait: false },
      { kind: 'stdout', text: 'b\n' },
      { kind: 'clear', wait: true },
      { kind: 'stdout', text: 'c\n' },
      { kind: 'clear', wait: true },
    ]);
  });

  it('import IPython.display and IPython.display.clear_output work as in Python', async () => {
    const r = await run(
      'import IPython.display\nimport IPython\nIPython.display.clear_output(wait=True)\nprint(IPython.display.clear_output(), type(IPython.display).__name__)',
    );
    assert.equal(r.error, undefined);
    assert.deepEqual(
      r.out.filter((o) => o.kind === 'clear'),
      [
        { kind: 'clear', wait: true },
        { kind: 'clear', wait: false },
      ],
    );
    assert.equal(r.out.map((o) => (o.kind === 'stdout' ? o.text : '')).join(''), 'None module\n');
  });

  it('a live loss curve: each redraw follows a clear, and past 50 redraws figures are still shown', async () => {
    const r = await run(
      [
        'import matplotlib.pyplot as plt',
        'from IPython.display import clear_output',
        'losses = []',
        'for step in range(120):',
        '    losses.append(1 / (step + 1))',
        '    clear_output(wait=True)',
        '    plt.plot(losses); plt.title(f"step {step}"); plt.show()',
      ].join('\n'),
    );
    assert.equal(r.error, undefined);
    const figures = r.out.filter((o) => o.kind === 'figure');
    // The per-cell limit (50) counts figures since the last clear: every redraw is shown.
    assert.equal(figures.length, 120);
    assert.equal(r.out.filter((o) => o.kind === 'stdout').length, 0);
    const last = r.out[r.out.length - 1];
    assert.equal(last.kind, 'figure');
    if (last.kind === 'figure') {
      assert.equal(last.figure.axes[0].title, 'step 119');
      assert.equal((last.figure.axes[0].items[0] as { y: number[] }).y.length, 120);
    }
    assert.equal(r.out[r.out.length - 2].kind, 'clear');
  });

  it('without a clear the per-cell figure limit still holds', async () => {
    const r = await run(
      'import matplotlib.pyplot as plt\nfrom IPython.display import clear_output\nfor i in range(60):\n    plt.plot([i]); plt.show()',
    );
    assert.equal(r.error, undefined);
    assert.equal(r.out.filter((o) => o.kind === 'figure').length, 50);
    const text = r.out.map((o) => (o.kind === 'stdout' ? o.text : '')).join('');
    assert.match(text, /\(10 more figures were not shown\)/);
  });

  it('display() shows a figure (left open, as the inline backend does) and the repr of other values', async () => {
    const r = await run(
      'import matplotlib.pyplot as plt\nfrom IPython.display import display\nfig, ax = plt.subplots()\nax.plot([1, 2])\ndisplay(fig)\nplt.close(fig)\ndisplay("hi", [1, 2], None)',
    );
    assert.equal(r.error, undefined);
    assert.equal(r.out.filter((o) => o.kind === 'figure').length, 1);
    assert.equal(r.out.map((o) => (o.kind === 'stdout' ? o.text : '')).join(''), "'hi'\n[1, 2]\n");
  });

  it('clear_output with a wrong argument is a Python TypeError', async () => {
    const r = await run('from IPython.display import clear_output\nclear_output(wait=True, flush=1)');
    assert.match(r.error ?? '', /^TypeError: clear_output\(\) got an unexpected keyword argument 'flush'/);
  });
});
