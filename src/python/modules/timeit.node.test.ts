// `import timeit` against CPython 3.11's behaviour, and IPython's time format (the expected strings
// are IPython 8's _format_time and TimeitResult output for the same numbers).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPy, transcript } from '../../../test/python/run.js';
import { PythonSession } from '../index.js';
import { formatTime, summaryText } from './timeit.js';
import { slowOp } from '../../../test/python/slow-op.js';

describe('IPython time format', () => {
  it('picks the unit and three significant digits as IPython does', () => {
    const cases: [number, string][] = [
      [1.7901e-5, '17.9 µs'],
      [0.0012345, '1.23 ms'],
      [2.5, '2.5 s'],
      [999.7e-6, '1e+03 µs'],
      [0, '0 ns'],
      [75.5, '1min 15s'],
      [3661.2, '1h 1min 1s'],
      [1e-10, '0.1 ns'],
      [0.2, '200 ms'],
      [4.2e-7, '420 ns'],
      [1e-3, '1 ms'],
      [59.99, '60 s'],
    ];
    for (const [seconds, text] of cases) assert.equal(formatTime(seconds), text, String(seconds));
  });

  it('prints mean ± population standard deviation per loop, with plurals and thousands', () => {
    assert.equal(
      summaryText({
        loops: 1000,
        repeat: 7,
        allRuns: [1, 1, 1, 1, 1, 1, 1].map((s) => s * 1.79e-3),
        precision: 3,
      }),
      '1.79 µs ± 0 ns per loop (mean ± std. dev. of 7 runs, 1,000 loops each)',
    );
    assert.equal(
      summaryText({ loops: 1, repeat: 1, allRuns: [0.5], precision: 3 }),
      '500 ms ± 0 ns per loop (mean ± std. dev. of 1 run, 1 loop each)',
    );
    // runs of 1 and 3 ms over 10 loops: 0.2 ms mean, 0.1 ms population deviation
    assert.equal(
      summaryText({ loops: 10, repeat: 2, allRuns: [1e-3, 3e-3], precision: 3 }),
      '200 µs ± 100 µs per loop (mean ± std. dev. of 2 runs, 10 loops each)',
    );
  });
});

describe('import timeit', () => {
  it('runs a callable `number` times and returns the seconds as a float', async () => {
    const r = await runPy(
      'import timeit\ncalls = []\nt = timeit.timeit(lambda: calls.append(1), number=7)\nprint(len(calls), type(t).__name__, t > 0)',
    );
    assert.equal(transcript(r), '7 float True\n');
  });

  it('runs a string statement after its setup, sharing the setup names (CPython template)', async () => {
    const r = await runPy(
      'import timeit\nprint(type(timeit.timeit("x * 2", setup="x = 21", number=5)).__name__)\n' +
        'print(len(timeit.repeat("y + 1", setup="y = 1", repeat=3, number=10)))',
    );
    assert.equal(transcript(r), 'float\n3\n');
  });

  it("sees the caller's names only through globals=, as CPython", async () => {
    const r = await runPy(
      'import timeit\nn = 3\nprint(timeit.timeit("n * n", globals={"n": n}, number=2) >= 0)\ntimeit.timeit("n * n", number=2)',
    );
    assert.equal(r.stdout, 'True\n');
    assert.equal(r.error?.type, 'NameError');
    assert.equal(r.error?.message, "name 'n' is not defined");
  });

  it('takes globals=globals(): the cell’s names, also from inside a function', async () => {
    const r = await runPy(
      "import timeit\nx = 5\nd = globals()\nprint(d['x'], '__name__' in d)\n" +
        "def f():\n    return globals()['x']\nprint(f(), timeit.timeit('x * 2', globals=globals(), number=3) >= 0)",
    );
    assert.equal(transcript(r), '5 True\n5 True\n');
  });

  it('calls a callable setup once per timeit() and the statement number times', async () => {
    const r = await runPy(
      'import timeit\nlog = []\nt = timeit.Timer(lambda: log.append("s"), setup=lambda: log.append("u"))\n' +
        't.timeit(3)\nt.repeat(repeat=2, number=2)\nprint("".join(log))',
    );
    assert.equal(transcript(r), 'usssussuss\n');
  });

  it('autorange grows 1, 2, 5, 10 … until the runs take 0.2 s (CPython 3.11)', async () => {
    const r = await runPy(
      'import timeit, time\nseen = []\nt = timeit.Timer(lambda: time.sleep(0.06))\n' +
        'n, taken = t.autorange(callback=lambda number, took: seen.append(number))\nprint(n, seen, taken >= 0.2)',
    );
    // 1 × 60 ms and 2 × 60 ms are under 0.2 s; 5 × 60 ms is over it
    assert.equal(transcript(r), '5 [1, 2, 5] True\n');
  });

  it('runs nothing for number=0 or below, and takes only an int number, as CPython', async () => {
    const r = await runPy(
      "import timeit\ncalls = []\nprint(timeit.timeit(lambda: calls.append(1), number=-1) >= 0, len(calls))\ntimeit.timeit('1', number=1.5)",
    );
    assert.equal(transcript(r), "True 0\nTypeError: 'float' object cannot be interpreted as an integer\n");
  });

  it('raises as CPython for a statement that is neither code nor callable, or not Python', async () => {
    const bad = await runPy('import timeit\ntimeit.timeit(42)');
    assert.equal(bad.error?.type, 'ValueError');
    assert.equal(bad.error?.message, 'stmt is neither a string nor callable');
    const syntax = await runPy('import timeit\ntimeit.timeit("1 +", number=3)');
    assert.equal(syntax.error?.type, 'SyntaxError');
    assert.equal(syntax.error?.line, 2);
  });

  it('compiles its template also where the run yields to the event loop at its def', async () => {
    const r = await runPy(
      "import timeit, _slow_op\nt = timeit.Timer('x = 1') if _slow_op.work(30) is None else None\nprint(t.timeit(3) >= 0)",
      {},
      new PythonSession({ modules: { _slow_op: slowOp } }),
    );
    assert.equal(transcript(r), 'True\n');
  });

  it('default_timer is perf_counter; default_number and default_repeat are CPython’s', async () => {
    const r = await runPy(
      'import timeit\nprint(timeit.default_timer)\nprint(timeit.default_number, timeit.default_repeat)\nprint(timeit.default_timer() > 0)',
    );
    assert.equal(transcript(r), '<built-in function perf_counter>\n1000000 5\nTrue\n');
  });
});
