// IPython's timing magics in cells: %timeit, %%timeit, %time, %%time (what Colab lessons use to
// compare a Python loop with a tensor op), with IPython's output, options, scoping and errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPy, transcript } from '../../test/python/run.js';
import { PythonSession } from './index.js';
import { isExpression, parseTimeitOptions, rewriteMagics } from './magics.js';

const UNIT = '(?:s|ms|µs|ns)';
const SUMMARY = (runs: number) =>
  new RegExp(
    `^\\d[\\d.e+]* ${UNIT} ± \\d[\\d.e+]* ${UNIT} per loop \\(mean ± std\\. dev\\. of ${runs} runs?, ([\\d,]+) loops? each\\)$`,
  );
const WALL = new RegExp(`^Wall time: \\d[\\d.e+]* ${UNIT}$`);

describe('rewriting a cell’s magics', () => {
  it('keeps every line where it was; other % and ! lines are blanked', () => {
    const source =
      '%matplotlib inline\nx = 1\n%timeit f(x)\n  %time y = g()\n!pip install torch\nr = %timeit -o f(x)';
    const { code, magics } = rewriteMagics(source);
    const lines = code.split('\n');
    assert.equal(lines.length, 6);
    assert.equal(lines[0].trim(), '');
    assert.equal(lines[1], 'x = 1');
    assert.equal(lines[2], '__torchlet_magic__(0)');
    assert.equal(lines[3], '  __torchlet_magic__(1, 0); y = g(); __torchlet_magic__(1, 1)');
    assert.equal(lines[4].trim(), '');
    assert.equal(lines[5], 'r = __torchlet_magic__(2)');
    assert.deepEqual(
      magics.map((m) => [m.kind, m.line]),
      [
        ['timeit', 3],
        ['time', 4],
        ['timeit', 6],
      ],
    );
  });

  it('a %%timeit cell becomes one call; a %%time cell gets a last line that reads the clock', () => {
    const timed = rewriteMagics('%%timeit -n 3 a = 1\nb = a + 1\nc = b * 2');
    assert.equal(timed.code, '__torchlet_magic__(0)\n\n');
    assert.deepEqual(timed.magics[0], {
      kind: 'timeit',
      line: 1,
      options: '-n 3 a = 1',
      body: 'b = a + 1\nc = b * 2',
      source: '%%timeit -n 3 a = 1',
    });
    assert.equal(
      rewriteMagics('%%time\nz = 2').code,
      '__torchlet_magic__(0, 0)\nz = 2\n__torchlet_magic__(0, 1)',
    );
    // a last line that is an expression reads the clock itself, and its value still shows
    assert.equal(
      rewriteMagics('%%time\nz = 2\nz + 1  # shown\n').code,
      '__torchlet_magic__(0, 0)\nz = 2\n__torchlet_magic__(0, 1, (z + 1))\n',
    );
    assert.equal(
      rewriteMagics('%%time\nf();').code,
      '__torchlet_magic__(0, 0)\nf();\n__torchlet_magic__(0, 1)',
    );
  });

  it('passes an expression’s value through %time’s second clock read', () => {
    assert.equal(
      rewriteMagics('%time f(2) + 1').code,
      '__torchlet_magic__(0, 0); __torchlet_magic__(0, 1, (f(2) + 1))',
    );
    assert.equal(isExpression('f(2) + 1'), true);
    assert.equal(isExpression('x = f(2)'), false);
    assert.equal(isExpression('f(1); g(2)'), false);
  });

  it('reads %timeit’s options as IPython does', () => {
    assert.deepEqual(parseTimeitOptions('-n 10 -r3 -q f(x)'), {
      number: 10,
      repeat: 3,
      precision: 3,
      quiet: true,
      returnResult: false,
      rest: 'f(x)',
    });
    assert.equal((parseTimeitOptions('-o -p 4 x') as { returnResult: boolean }).returnResult, true);
    assert.equal(parseTimeitOptions('-z f()'), '%timeit: option -z not recognized');
    assert.equal(parseTimeitOptions('-n f()'), '%timeit: option -n requires a number');
  });
});

describe('%timeit and %%timeit', () => {
  it('prints IPython’s line after choosing 1, 10, 100 … loops until a run takes 0.2 s', async () => {
    // a statement of ~30 ms: 1 loop is under 0.2 s, 10 loops are over it
    const r = await runPy(
      'import time\ncalls = []\ndef f():\n    calls.append(1)\n    time.sleep(0.03)\n%timeit -r 2 f()\nprint(len(calls))',
    );
    assert.equal(r.ok, true, r.error?.traceback ?? '');
    const [count, summary] = r.stdout.trim().split('\n').reverse();
    const loops = Number(SUMMARY(2).exec(summary)?.[1].replace(/,/g, ''));
    // the choice of loops (1, then 10 …) and then 2 runs of `loops` calls each
    let chosen = 0;
    for (let n = 1; n <= loops; n *= 10) chosen += n;
    assert.ok(loops === 1 || loops === 10, summary);
    assert.equal(Number(count), chosen + 2 * loops);
  });

  it('runs -n loops -r times, and -o gives the result back', async () => {
    const r = await runPy(
      'calls = []\nres = %timeit -n 4 -r 3 -o calls.append(1)\nprint(len(calls), res.loops, res.repeat, len(res.all_runs), len(res.timings))\n' +
        'print(res.best <= res.average <= res.worst, res.stdev >= 0)',
    );
    assert.equal(r.ok, true, r.error?.traceback ?? '');
    const lines = r.stdout.trim().split('\n').slice(-3);
    assert.match(lines[0], SUMMARY(3));
    assert.equal(SUMMARY(3).exec(lines[0])?.[1], '4');
    assert.deepEqual(lines.slice(1), ['12 4 3 3 3', 'True True']);
  });

  it('-q prints nothing; names bound by the statement stay inside timeit’s function', async () => {
    const r = await runPy('%timeit -q -n 2 -r 1 leaked = 5\nprint(leaked)');
    assert.equal(transcript(r), "NameError: name 'leaked' is not defined\n");
  });

  it('a %%timeit cell runs its setup line once and its body each loop', async () => {
    // a %%timeit line opens its cell, as in IPython
    const misplaced = await runPy('log = []\n%%timeit -n 3 -r 2 log.append("setup")\nlog.append("body")');
    assert.equal(misplaced.error?.type, 'UsageError');
    assert.equal(misplaced.error?.line, 2);
    const session = new PythonSession();
    await runPy('log = []', {}, session);
    const cell = await runPy(
      '%%timeit -n 3 -r 2 log.append("setup")\nlog.append("body")\nlocal = 1',
      {},
      session,
    );
    // the summary is the last line (IPython may print a warning about uneven runs before it)
    assert.match(cell.stdout.trim().split('\n').pop()!, SUMMARY(2));
    const after = await runPy('print(log.count("setup"), log.count("body"))\nprint(local)', {}, session);
    assert.equal(transcript(after), "2 6\nNameError: name 'local' is not defined\n");
  });

  it('reports an error in the timed statement at the cell’s line', async () => {
    const r = await runPy('def f(a):\n    return a / 0\n%timeit -n 3 -r 1 f(1)');
    assert.equal(r.error?.type, 'ZeroDivisionError');
    assert.match(
      r.error!.traceback,
      /line 3, in <module>\n {4}%timeit -n 3 -r 1 f\(1\)\n {2}File "<cell>", line 3, in inner\n/,
    );
    assert.match(r.error!.traceback, /line 2, in f\n {4}return a \/ 0\nZeroDivisionError: division by zero$/);
    const body = await runPy('%%timeit -n 2 -r 1\nx = 1\nundefined_name + x');
    assert.equal(body.error?.type, 'NameError');
    assert.match(body.error!.traceback, /line 3, in inner\n {4}undefined_name \+ x\n/);
  });

  it('a syntax error in the statement points into the magic’s line', async () => {
    const r = await runPy('x = 1\n%timeit x +* 2');
    assert.equal(r.error?.type, 'SyntaxError');
    assert.equal(r.error?.line, 2);
    assert.equal(r.error?.column, 12);
  });

  it('an unknown option is a UsageError', async () => {
    const r = await runPy('%timeit -z 1 + 1');
    assert.equal(r.error?.type, 'UsageError');
    assert.equal(r.error?.message, '%timeit: option -z not recognized');
  });

  it('Stop interrupts a long %timeit', async () => {
    const signal = { cancelled: false };
    setTimeout(() => (signal.cancelled = true), 100);
    const started = performance.now();
    const r = await runPy('%timeit -n 100000000 -r 1 x = 1', { signal, timeBudgetMs: 60_000 });
    assert.equal(r.error?.type, 'KeyboardInterrupt');
    assert.ok(performance.now() - started < 2000);
  });
});

describe('%time and %%time', () => {
  it('prints the wall time, keeps the names it binds and shows an expression’s value', async () => {
    const session = new PythonSession();
    const a = await runPy('%time y = sum(range(100))\nprint(y)', {}, session);
    const [wall, value] = a.stdout.trim().split('\n');
    assert.match(wall, WALL);
    assert.equal(value, '4950');
    const b = await runPy('%time y + 1', {}, session);
    assert.match(b.stdout.trim(), WALL);
    assert.equal(b.echo, '4951');
  });

  it('leaves a trailing comment out of the statement it times', async () => {
    const r = await runPy(
      '%time v = 6 * 7  # the answer\n%timeit -n 2 -r 1 v * 2  # doubled\n%time v  # shown',
    );
    assert.equal(r.ok, true, r.error?.traceback ?? '');
    assert.equal(r.echo, '42');
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], WALL);
    assert.match(lines[1], SUMMARY(1));
    assert.match(lines[2], WALL);
  });

  it('times each pass of a %time inside a loop', async () => {
    const r = await runPy('for k in range(3):\n    %time k * 2');
    assert.equal(r.ok, true, r.error?.traceback ?? '');
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    for (const line of lines) assert.match(line, WALL);
  });

  it('a %%time cell runs in the session’s namespace and prints the time after its output', async () => {
    const session = new PythonSession();
    const r = await runPy('%%time\nz = sum(range(10))\nprint(z)', {}, session);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], '45');
    assert.match(lines[1], WALL);
    assert.equal(transcript(await runPy('print(z)', {}, session)), '45\n');
    const shown = await runPy('%%time\nw = z * 2\nw + 1', {}, session);
    assert.match(shown.stdout.trim(), WALL);
    assert.equal(shown.echo, '91');
  });

  it('a one-line loop after %time is a UsageError with the way out', async () => {
    const r = await runPy('%time for i in range(3): pass');
    assert.equal(r.error?.type, 'UsageError');
    assert.match(r.error!.message, /time a loop or block by calling a function/);
  });
});
