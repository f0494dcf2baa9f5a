// The language against CPython 3.11's own output for the same snippets (test/python/language-cases.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { languageCases } from '../../test/python/language-cases.js';
import { runPy, transcript } from '../../test/python/run.js';
import { readFileSync } from 'node:fs';
import { PythonSession } from './index.js';
import { waitingSession, withWaitingSlow } from '../../test/python/waiting.js';

describe('python language matches CPython', () => {
  for (const c of languageCases) {
    it(c.name, async () => {
      const r = await runPy(c.code, { silent: true });
      assert.equal(transcript(r), c.expected);
    });
  }
});

describe('generators', () => {
  it('a bare yield gives None and receives what send() passes', async () => {
    const r = await runPy(
      'def g():\n    x = yield\n    print("got", x)\n    yield\nit = g()\nprint(next(it))\nprint(it.send(7))\nprint(list(g()))',
    );
    assert.ok(r.ok, JSON.stringify(r.error));
    assert.equal(r.stdout, 'None\ngot 7\nNone\ngot None\n[None, None]\n');
  });
});

describe('next()', () => {
  it("gives the default when a class's __next__ raises StopIteration", async () => {
    const r = await runPy(
      'class C:\n    def __next__(self):\n        raise StopIteration\nclass D:\n    def __next__(self):\n        return 5\nprint(next(C(), "end"), next(D(), "end"), next(iter([]), None))',
    );
    assert.equal(r.stdout, 'end 5 None\n');
  });
});

describe('notebook behaviour', () => {
  it('echoes the repr of the last expression', async () => {
    assert.equal((await runPy('x = 2\nx * 1.5')).echo, '3.0');
    assert.equal((await runPy("'a' + 'b'")).echo, "'ab'");
    assert.equal((await runPy('1, 2.0')).echo, '(1, 2.0)');
  });
  it('does not echo None, a trailing semicolon, or a statement', async () => {
    assert.equal((await runPy('None')).echo, null);
    assert.equal((await runPy('print(1)')).echo, null);
    assert.equal((await runPy('3;')).echo, null);
    assert.equal((await runPy('3;  # comment')).echo, null);
    assert.equal((await runPy('x = 3')).echo, null);
    assert.equal((await runPy('for i in range(2):\n    i')).echo, null);
  });
  it('silent runs do not echo; wantValue returns JSON', async () => {
    assert.equal((await runPy('1 + 1', { silent: true })).echo, null);
    const r = await runPy("[1, 2.5, 'a', None, True, {'k': (1, 2)}]", { wantValue: true, silent: true });
    assert.deepEqual(r.value, [1, 2.5, 'a', null, true, { k: [1, 2] }]);
  });
  it('a shared session keeps its namespace across cells; separate sessions do not', async () => {
    const s = new PythonSession();
    await runPy('def f(x):\n    return x * 2\ny = 21', {}, s);
    assert.equal((await runPy('f(y)', {}, s)).echo, '42');
    const other = await runPy('f(y)');
    assert.equal(other.error?.type, 'NameError');
    assert.equal(other.error?.message, "name 'f' is not defined");
  });
  it('reset forgets the namespace', async () => {
    const s = new PythonSession();
    await runPy('z = 1', {}, s);
    s.reset();
    assert.equal((await runPy('z', {}, s)).error?.type, 'NameError');
  });
  it('ignores notebook magics and shell lines; display() shows reprs', async () => {
    const r = await runPy('%matplotlib inline\n!pip install torch\nx = 3\ndisplay(x, "a")\nx != 2');
    assert.equal(r.stdout, "3\n'a'\n");
    assert.equal(r.echo, 'True');
  });

  it('help() and dir() describe our objects', async () => {
    const h = await runPy(
      'def area(w, h=2):\n    """Area of a rectangle."""\n    return w * h\nhelp(area)\nhelp(len)\nhelp([].append)',
    );
    assert.equal(
      h.stdout,
      'Help on function area:\n\narea(w, h=2)\n    Area of a rectangle.\n' +
        'Help on built-in function len:\n\nlen(obj, /)\n    Return the number of items in a container.\n' +
        'Help on method append of list object:\n\nappend(object, /)\n',
    );
    const d = await runPy(
      "[n in dir(x) for x, n in ((1, 'bit_length'), ('s', 'upper'), ([], 'append'), ({}, 'items'))]",
    );
    assert.equal(d.echo, '[True, True, True, True]');
  });

  it('prints floats with Python repr', async () => {
    const r = await runPy(
      'print(0.1, 1e-05, 1e16, 1e+16 * 10, float("inf"), float("nan"), -0.0, 2.5e-300, 1.0, 100.0)',
    );
    assert.equal(r.stdout, '0.1 1e-05 1e+16 1e+17 inf nan -0.0 2.5e-300 1.0 100.0\n');
  });
  it('keeps big ints exact', async () => {
    const r = await runPy('print(2**100, 3**50 % 1000007, -(10**25) // 7, 10**20 + 1 - 10**20)');
    assert.equal(
      r.stdout,
      '1267650600228229401496703205376 ' + String(3n ** 50n % 1000007n) + ' -1428571428571428571428572 1\n',
    );
  });
  it('with statements call __enter__ and __exit__, also on errors', async () => {
    const code = `
class CM:
    def __enter__(self):
        print("enter")
        return 5
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return t is KeyError
with CM() as v:
    print("body", v)
with CM():
    raise KeyError("swallowed")
print("after")
`;
    const r = await runPy(code);
    assert.equal(r.stdout, 'enter\nbody 5\nexit None\nenter\nexit KeyError\nafter\n');
  });
  it('imports registered modules and rejects unknown ones', async () => {
    const r = await runPy('import nosuchmodule');
    assert.equal(r.error?.type, 'ModuleNotFoundError');
    assert.equal(r.error?.message, "No module named 'nosuchmodule'");
    const m = await runPy('import math\nfrom math import sqrt as s\nprint(s(16.0), math.pi)');
    assert.equal(m.stdout, '4.0 3.141592653589793\n');
  });
});

describe('the asynchronous evaluation path', () => {
  const dir = new URL('../../test/python/', import.meta.url);
  const program = readFileSync(new URL('async-program.py', dir), 'utf8');
  const expected = readFileSync(new URL('async-program.expected.txt', dir), 'utf8');

  it('runs the program synchronously as CPython does', async () => {
    const r = await runPy(program, { silent: true });
    assert.equal(transcript(r), expected);
  });

  it('gives the same output when every call in it waits on a Promise', async () => {
    const asyncProgram = withWaitingSlow(program);
    assert.notEqual(asyncProgram, program);
    const session = waitingSession();
    const r = await runPy(asyncProgram, { silent: true }, session);
    assert.equal(transcript(r), expected);
  });
});
