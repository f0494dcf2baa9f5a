// Compiled cells kept by source (compiler/cell-cache.ts): a cell run again, in the same session or
// another, behaves as a cell compiled afresh, and keeps nothing alive that the program deleted.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runPy, transcript } from '../../test/python/run.js';
import { PythonSession } from './index.js';
import { defineFunction, newModule, type ModuleFactory } from './objects.js';

describe('a cell run again', () => {
  it('gives what it gave the first time, in its own session and in another', async () => {
    const cell =
      'try:\n    n += 1\nexcept NameError:\n    n = 0\ndef f(k):\n    return [i * k for i in range(3)] + [n]\nprint(n, f(2), len(f(1)))\nn\n';
    const a = new PythonSession();
    const b = new PythonSession();
    const runs = [
      await runPy(cell, {}, a),
      await runPy(cell, {}, a),
      await runPy(cell, {}, b),
      await runPy(cell, {}, a),
    ];
    assert.deepEqual(
      runs.map((r) => [transcript(r), r.echo]),
      [
        ['0 [0, 2, 4, 0] 4\n', '0'],
        ['1 [0, 2, 4, 1] 4\n', '1'],
        ['0 [0, 2, 4, 0] 4\n', '0'],
        ['2 [0, 2, 4, 2] 4\n', '2'],
      ],
    );
    // Echoed, then silent, then asked for its value: each as if compiled for that run.
    assert.equal((await runPy('n + 10', { silent: true }, a)).echo, null);
    assert.equal((await runPy('n + 10', {}, a)).echo, '12');
    assert.equal((await runPy('n + 10', { silent: true, wantValue: true }, a)).value, 12);
  });

  it("sees another session's globals as absent, and a deleted global as deleted", async () => {
    const a = new PythonSession();
    const b = new PythonSession();
    await runPy('x = 5', {}, a);
    assert.equal(transcript(await runPy('print(x)', {}, a)), '5\n');
    assert.equal(transcript(await runPy('print(x)', {}, b)), "NameError: name 'x' is not defined\n");
    await runPy('del x', {}, a);
    assert.equal(transcript(await runPy('print(x)', {}, a)), "NameError: name 'x' is not defined\n");
  });

  it('raises the same SyntaxError and the same traceback lines each time', async () => {
    for (let i = 0; i < 2; i++) {
      const bad = await runPy('x = (1,\nprint(x)');
      assert.equal(bad.error?.type, 'SyntaxError');
      const r = await runPy('def g(v):\n    return 1 / v\ng(2)\ng(0)\n');
      assert.equal(r.error?.type, 'ZeroDivisionError');
      assert.match(r.error?.traceback ?? '', /line 4, in <module>\n[^]*line 2, in g/);
    }
  });

  it('keeps no value alive once the program deleted it', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const refs: WeakRef<object>[] = [];
    const probe: ModuleFactory = () =>
      newModule('_probe', {
        track: defineFunction('track', 'x', (a) => {
          refs.push(new WeakRef(a.x as object));
          return null;
        }),
      });
    const s = new PythonSession({ modules: { _probe: probe } });
    await runPy('import _probe\nbig = [0] * 1000\n_probe.track(big)', {}, s);
    // This cell's global load remembers what `big` was; the cell is kept to be run again.
    assert.equal(transcript(await runPy('print(len(big))', {}, s)), '1000\n');
    await runPy('del big', {}, s);
    await new Promise((r) => setTimeout(r, 0));
    gc();
    assert.equal(refs[0].deref(), undefined);
  });
});
