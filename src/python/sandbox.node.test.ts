// The sandbox is the object model: Python reaches only what we expose. Every attempt below to
// reach a JS object, prototype, constructor, global or code evaluator must fail with a Python error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runPy } from '../../test/python/run.js';

const attempts: [string, string][] = [
  ['(1).constructor', 'AttributeError'],
  ["getattr(1, 'constructor')", 'AttributeError'],
  ["getattr([], '__proto__')", 'AttributeError'],
  ["getattr(print, 'call')", 'AttributeError'],
  ["getattr(len, 'apply')", 'AttributeError'],
  ["''.constructor.constructor('return process')()", 'AttributeError'],
  // __mro__, __bases__ and __base__ exist (Python types, reachable by name anyway); the walks
  // past them that CPython's sandbox escapes use do not.
  ['().__class__.__mro__[-1].__subclasses__()', 'AttributeError'],
  ['().__class__.__base__.__subclasses__()', 'AttributeError'],
  ['type.__subclasses__(object)', 'AttributeError'],
  ['object.__subclasses__()', 'AttributeError'],
  ["'{0.__class__.__init__.__globals__}'.format(1)", 'AttributeError'],
  ["'{0.constructor}'.format([])", 'AttributeError'],
  ["'{0[constructor]}'.format({})", 'KeyError'],
  ["f'{print.__globals__}'", 'AttributeError'],
  ['(lambda: 0).__code__', 'AttributeError'],
  ['(lambda: 0).__globals__', 'AttributeError'],
  ['(lambda: 0).__closure__', 'AttributeError'],
  ['__builtins__', 'NameError'],
  ["__import__('os')", 'NameError'],
  ['import os', 'ModuleNotFoundError'],
  // sys is here (stdout, the recursion limit …) but nothing of it reaches the host
  ['import sys\nsys.modules', 'AttributeError'],
  ['import sys\nsys._getframe(0)', 'AttributeError'],
  ['import sys\nsys.stdout.constructor', 'AttributeError'],
  ['import sys\nsys.stdout.write.__self__.constructor', 'AttributeError'],
  ['globalThis', 'NameError'],
  ['process', 'NameError'],
  ['Function', 'NameError'],
  ["eval('1 + 1')", 'RuntimeError'],
  ["exec('x = 1')", 'RuntimeError'],
  ["open('/etc/passwd')", 'OSError'],
  ['{}.__proto__', 'AttributeError'],
  ["{'__proto__': 1}['constructor']", 'KeyError'],
  ['int.__dict__', 'AttributeError'],
  ["setattr(int, 'x', 1)", 'TypeError'],
  ['vars(print)', 'TypeError'],
  ['import math\nmath.constructor', 'AttributeError'],
  ['import math\nmath.sqrt.constructor', 'AttributeError'],
  ["import math\ngetattr(math, '__proto__')", 'AttributeError'],
  ['class A: pass\nA().constructor', 'AttributeError'],
  ['class A: pass\nA.__mro__[-1].__init__.__globals__', 'AttributeError'],
  ['class A: pass\nA.__bases__[0].constructor', 'AttributeError'],
  ['class A: pass\nA.__base__.__dict__', 'AttributeError'],
  ['(1).__class__.__class__.__call__', 'AttributeError'],
  ['print.__self__', 'AttributeError'],
  ['len.__call__.__call__', 'AttributeError'],
  ["getattr(getattr, 'bind')", 'AttributeError'],
  ["type(print)('x')", 'TypeError'],
];

describe('sandbox', () => {
  for (const [code, type] of attempts) {
    it(`blocks ${code.replace(/\n/g, ' / ')}`, async () => {
      const r = await runPy(code);
      assert.equal(r.ok, false, `expected ${type}, got echo ${r.echo}`);
      assert.equal(r.error?.type, type, r.error?.message ?? '');
    });
  }

  it("globals() is a copy of the cell's own names: nothing of the host, no builtins", async () => {
    const r = await runPy('x = 1\ndef f(): pass\nsorted(globals())');
    assert.equal(r.echo, "['__name__', 'f', 'x']");
    const w = await runPy("g = globals()\ng['y'] = 2\ny");
    assert.equal(w.error?.type, 'NameError');
  });

  it("a class's __mro__ and __bases__ hold only Python types", async () => {
    const r = await runPy(
      'class A: pass\nclass B(A): pass\n[(k.__name__, type(k).__name__) for k in B.__mro__ + B.__bases__]',
    );
    assert.equal(r.echo, "[('B', 'type'), ('A', 'type'), ('object', 'type'), ('A', 'type')]");
  });

  it('hasattr and dir show no JS internals', async () => {
    const r = await runPy(
      "[hasattr(1, n) for n in ('constructor', 'toString', 'valueOf', '__proto__', 'prototype')]",
    );
    assert.equal(r.echo, '[False, False, False, False, False]');
    const d = await runPy(
      "[n for n in dir(1) + dir([]) + dir(print) + dir(len) if n in ('constructor', '__proto__', 'toString')]",
    );
    assert.equal(d.echo, '[]');
  });

  it('keyword arguments named like JS internals are plain names', async () => {
    const r = await runPy("def f(**kw):\n    return sorted(kw)\nf(**{'__proto__': 1, 'constructor': 2})");
    assert.equal(r.echo, "['__proto__', 'constructor']");
    const bad = await runPy("print(**{'__proto__': 1})");
    assert.equal(bad.error?.type, 'TypeError');
  });

  it('the interpreter source has no eval or Function constructor (strict CSP pages work)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) files.push(p);
      }
    };
    walk(new URL('.', import.meta.url).pathname);
    assert.ok(files.length > 5);
    for (const f of files) {
      const src = readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '');
      assert.doesNotMatch(src, /(^|[^\w.'"`])(eval|Function)\s*\(/, f);
      assert.doesNotMatch(src, /new\s+Function\b/, f);
    }
  });
});
