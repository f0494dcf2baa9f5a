// Python's exception types, CPython's wording, tracebacks with lines and function names,
// SyntaxError positions, and JS errors from native code turned into Python exceptions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPy } from '../../test/python/run.js';
import { defineFunction, type ModuleFactory, newModule, pyError } from './objects.js';
import { PythonSession } from './index.js';

const errorsTest: ModuleFactory = () =>
  newModule('_errors_test', {
    js_type_error: defineFunction('js_type_error', '', () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    }),
    js_plain_error: defineFunction('js_plain_error', '', () => {
      throw new Error('boom');
    }),
    typed_error: defineFunction('typed_error', '', () => {
      throw Object.assign(new Error('shape mismatch'), { pyType: 'RuntimeError' });
    }),
    async_value_error: defineFunction('async_value_error', '', async () => {
      await new Promise((r) => setTimeout(r, 1));
      throw pyError('ValueError', 'late');
    }),
    not_a_value: defineFunction('not_a_value', '', () => undefined),
  });
const withErrorsTest = () => new PythonSession({ modules: { _errors_test: errorsTest } });

async function err(code: string) {
  const r = await runPy(code, {}, withErrorsTest());
  assert.equal(r.ok, false, 'expected an error');
  return r.error!;
}

describe('python errors', () => {
  const cases: [string, string, string][] = [
    ['x', 'NameError', "name 'x' is not defined"],
    ['1 + "a"', 'TypeError', "unsupported operand type(s) for +: 'int' and 'str'"],
    ['"a" + 1', 'TypeError', 'can only concatenate str (not "int") to str'],
    ['1 / 0', 'ZeroDivisionError', 'division by zero'],
    ['1.5 / 0', 'ZeroDivisionError', 'float division by zero'],
    ['[1][3]', 'IndexError', 'list index out of range'],
    ["{}['a']", 'KeyError', "'a'"],
    ["int('x')", 'ValueError', "invalid literal for int() with base 10: 'x'"],
    ['None.foo', 'AttributeError', "'NoneType' object has no attribute 'foo'"],
    ['len(3)', 'TypeError', "object of type 'int' has no len()"],
    ['a, b = 1, 2, 3', 'ValueError', 'too many values to unpack (expected 2)'],
    ['def f(a): pass\nf()', 'TypeError', "f() missing 1 required positional argument: 'a'"],
    ['def f(): pass\nf(1)', 'TypeError', 'f() takes 0 positional arguments but 1 was given'],
    ['def f(): pass\nf(k=1)', 'TypeError', "f() got an unexpected keyword argument 'k'"],
    ['assert 1 == 2, "no"', 'AssertionError', 'no'],
    ['raise ValueError("bad")', 'ValueError', 'bad'],
    ['raise KeyboardInterrupt', 'KeyboardInterrupt', ''],
    ["'<' < 3", 'TypeError', "'<' not supported between instances of 'str' and 'int'"],
    ['3()', 'TypeError', "'int' object is not callable"],
    ['for x in 5: pass', 'TypeError', "'int' object is not iterable"],
    [
      'def f():\n    y = y + 1\nf()',
      'UnboundLocalError',
      "cannot access local variable 'y' where it is not associated with a value",
    ],
    ['import math\nmath.nope', 'AttributeError', "module 'math' has no attribute 'nope'"],
    ['next()', 'TypeError', 'next expected at least 1 argument, got 0'],
    ['next(iter([]), 1, 2)', 'TypeError', 'next expected at most 2 arguments, got 3'],
    ['next(5)', 'TypeError', "'int' object is not an iterator"],
  ];
  for (const [code, type, message] of cases) {
    it(`${type}: ${code.replace(/\n/g, ' / ')}`, async () => {
      const e = await err(code);
      assert.equal(e.type, type);
      assert.equal(e.message, message);
    });
  }

  it('traceback names each frame with its line, innermost last', async () => {
    const e = await err('def inner(x):\n    return 1 / x\n\ndef outer():\n    return inner(0)\n\nouter()');
    assert.equal(e.line, 2);
    assert.equal(
      e.traceback,
      [
        'Traceback (most recent call last):',
        '  File "<cell>", line 7, in <module>',
        '    outer()',
        '  File "<cell>", line 5, in outer',
        '    return inner(0)',
        '  File "<cell>", line 2, in inner',
        '    return 1 / x',
        'ZeroDivisionError: division by zero',
      ].join('\n'),
    );
  });

  it('stdout printed before an exception is kept', async () => {
    const r = await runPy('print("a")\nprint("b")\nundefined_thing');
    assert.equal(r.stdout, 'a\nb\n');
    assert.equal(r.error?.line, 3);
  });

  it('SyntaxError carries line and column from the parse tree', async () => {
    const e = await err('x = 1\ny = (2 +\nprint(x)');
    assert.equal(e.type, 'SyntaxError');
    assert.ok(e.line !== undefined && e.line >= 2, `line ${e.line}`);
    const e2 = await err('x = tensor(-1.0).????');
    assert.equal(e2.type, 'SyntaxError');
    assert.equal(e2.line, 1);
    assert.equal(e2.column, 18);
    assert.match(e2.traceback, /\^\nSyntaxError: invalid syntax$/);
  });

  const syntaxCases: [string, string, string, number][] = [
    ['if x\n    pass', 'SyntaxError', "expected ':'", 1],
    ['print("a"\nx = 1', 'SyntaxError', "'(' was never closed", 1],
    ['x = "abc\ny = 2', 'SyntaxError', 'unterminated string literal (detected at line 1)', 1],
    ["s = '''abc", 'SyntaxError', 'unterminated triple-quoted string literal (detected at line 1)', 1],
    ['print(1))', 'SyntaxError', "unmatched ')'", 1],
    [
      'x = (1,\n]',
      'SyntaxError',
      "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
      2,
    ],
    [
      'def f():\nreturn 1',
      'IndentationError',
      'expected an indented block after function definition on line 1',
      2,
    ],
    ['for i in x:', 'IndentationError', "expected an indented block after 'for' statement on line 1", 2],
    ['  x = 1', 'IndentationError', 'unexpected indent', 1],
    ['import math,', 'SyntaxError', 'trailing comma not allowed without surrounding parentheses', 1],
    [
      'x = 1\nfrom math import pi, e,',
      'SyntaxError',
      'trailing comma not allowed without surrounding parentheses',
      2,
    ],
    ['x = yield', 'SyntaxError', "'yield' outside function", 1],
    [
      'if True:\n    x = 1\n  y = 2',
      'IndentationError',
      'unindent does not match any outer indentation level',
      3,
    ],
    ['print "hi"', 'SyntaxError', "Missing parentheses in call to 'print'. Did you mean print(...)?", 1],
    ['return 5', 'SyntaxError', "'return' outside function", 1],
    ['for i in x:\n    def f():\n        break', 'SyntaxError', "'break' outside loop", 3],
    ['while 1:\n    pass\nelse:\n    continue', 'SyntaxError', "'continue' not properly in loop", 4],
    ['nonlocal x', 'SyntaxError', 'nonlocal declaration not allowed at module level', 1],
    ['def f(a, a): pass', 'SyntaxError', "duplicate argument 'a' in function definition", 1],
    [
      'f() = 3',
      'SyntaxError',
      "cannot assign to function call here. Maybe you meant '==' instead of '='?",
      1,
    ],
    ['del f()', 'SyntaxError', 'cannot delete function call', 1],
  ];
  for (const [code, type, message, line] of syntaxCases) {
    it(`${type} as CPython words it: ${code.replace(/\n/g, ' / ')}`, async () => {
      const e = await err(code);
      assert.deepEqual([e.type, e.message, e.line], [type, message, line]);
    });
  }

  it('strings, brackets and continuation lines do not confuse the indentation check', async () => {
    const code = [
      'x = [1,',
      '      2]',
      's = """a',
      '  b',
      '"""',
      'y = 1 + \\',
      '    2',
      'if x:',
      '    z = {"k": (3,',
      '  4)}  # comment: (',
      'print(len(s), y, z)',
    ].join('\n');
    const r = await runPy(code);
    assert.equal(r.error, undefined);
    assert.equal(r.stdout, "6 3 {'k': (3, 4)}\n");
  });

  it('nothing runs when the cell has a syntax error', async () => {
    const r = await runPy('print("ran")\nif x\n    pass');
    assert.equal(r.stdout, '');
    assert.equal(r.error?.type, 'SyntaxError');
  });

  it('maps JS errors from native code to Python exceptions', async () => {
    const a = await err('import _errors_test as t\nt.js_type_error()');
    assert.equal(a.type, 'TypeError');
    const b = await err('import _errors_test as t\nt.js_plain_error()');
    assert.deepEqual([b.type, b.message], ['RuntimeError', 'boom']);
    const c = await err('import _errors_test as t\nt.typed_error()');
    assert.deepEqual([c.type, c.message], ['RuntimeError', 'shape mismatch']);
  });

  it('awaits native promises, and their rejections are catchable', async () => {
    const r = await runPy(
      'import _errors_test as t\ntry:\n    t.async_value_error()\nexcept ValueError as e:\n    print("caught", e)\nt.not_a_value()',
      {},
      withErrorsTest(),
    );
    assert.equal(r.stdout, 'caught late\n');
    assert.equal(r.echo, null);
  });

  it('except clauses match by class, tuple and base class; bare raise re-raises', async () => {
    const r = await runPy(`
try:
    [][0]
except (KeyError, LookupError) as e:
    print(type(e).__name__)
try:
    try:
        {}[1]
    except KeyError:
        raise
except Exception as e:
    print("re-raised", repr(e))
`);
    assert.equal(r.stdout, 'IndexError\nre-raised KeyError(1)\n');
  });
});
