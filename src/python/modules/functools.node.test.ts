// functools beyond the language cases (test/python/language-snippets.py): reprs with addresses,
// callbacks that wait (a Promise, a yield to the event loop), and no JS internals reachable.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPy, transcript } from '../../../test/python/run.js';
import { PythonSession } from '../index.js';
import { turnCounter, waitingSession, withWaitingSlow } from '../../../test/python/waiting.js';

// Every functools tool with callbacks, methods and cached functions that call `slow`.
const waitingProgram = `def slow(x):
    return x
from functools import *
def sgen(n):
    for i in range(n):
        yield slow(i)
print(reduce(lambda a, b: slow(a + b), sgen(5)), reduce(lambda a, b: slow(a * b), [1, 2, 3], slow(10)))
try:
    reduce(lambda a, b: a, sgen(0))
except TypeError as e:
    print('TypeError', e)
add3 = partial(lambda a, b, c: slow(a + b + c), 1, c=slow(3))
print(add3(2), add3(b=5))
calls = []
@lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return slow(n) if n < 2 else slow(fib(n - 1) + fib(n - 2))
print(fib(60), len(calls), fib.cache_info())
@lru_cache(maxsize=2)
def ident(x):
    calls.append(x)
    return slow(x)
print([ident(x) for x in [1, 2, 1, 3, 2, 1]], ident.cache_info())
def deco(f):
    @wraps(f)
    def wrapper(*a):
        return slow(f(*a)) * 2
    return wrapper
@deco
def double_me(x):
    "doc"
    return slow(x)
print(double_me(4), double_me.__name__, double_me.__doc__)
words = ['pear', 'fig', 'apple', 'kiwi', 'date']
print(sorted(words, key=cmp_to_key(lambda a, b: slow(len(a) - len(b)) or slow((a > b) - (a < b)))))
@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return slow(self.v == o.v)
    def __lt__(self, o): return slow(self.v < o.v)
    def __repr__(self): return 'V(%d)' % self.v
print(V(1) > V(2), V(2) >= V(2), V(1) <= V(0), V(3) > V(3), sorted([V(3), V(1), V(2)]))
class Circle:
    def __init__(self, r): self.r = r
    @cached_property
    def area(self):
        calls.append('area')
        return slow(3 * self.r ** 2)
c = Circle(2)
print(c.area, c.area, calls.count('area'))
`;

// What CPython 3.11 prints for waitingProgram.
const waitingExpected = `10 60
TypeError reduce() of empty iterable with no initial value
6 9
1548008755920 61 CacheInfo(hits=58, misses=61, maxsize=None, currsize=61)
[1, 2, 1, 3, 2, 1] CacheInfo(hits=1, misses=5, maxsize=2, currsize=2)
8 double_me doc
['fig', 'date', 'kiwi', 'pear', 'apple']
False True False False [V(1), V(2), V(3)]
12 12 1
`;

describe('functools', () => {
  it("prints its objects as CPython's, with an address", async () => {
    const r = await runPy(
      'from functools import *\ndef f(a, b=0):\n    return a\n' +
        'print(repr(partial(f, 1, b=2)))\nprint(repr(lru_cache(f)))\nprint(repr(cache(f)))\nprint(repr(cmp_to_key(f)))\nprint(repr(cmp_to_key(f)(1)))\n' +
        'class C:\n    @cached_property\n    def x(self):\n        return 1\nprint(repr(C.x))\nprint(repr(wraps(f)))',
    );
    assert.ok(r.ok, JSON.stringify(r.error));
    const address = '0x[0-9a-f]+';
    const expected = [
      `functools\\.partial\\(<function f at ${address}>, 1, b=2\\)`,
      `<functools\\._lru_cache_wrapper object at ${address}>`,
      `<functools\\._lru_cache_wrapper object at ${address}>`,
      `<functools\\.KeyWrapper object at ${address}>`,
      `<functools\\.KeyWrapper object at ${address}>`,
      `<functools\\.cached_property object at ${address}>`,
      // CPython's update_wrapper is a Python function; ours is a builtin.
      `functools\\.partial\\(<built-in function update_wrapper>, wrapped=<function f at ${address}>, ` +
        `assigned=\\('__module__', '__name__', '__qualname__', '__doc__', '__annotations__'\\), updated=\\('__dict__',\\)\\)`,
    ];
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, expected.length);
    lines.forEach((line, i) => assert.match(line, new RegExp(`^${expected[i]}$`)));
  });

  it('gives the same results when callbacks and methods wait on Promises', async () => {
    const sync = await runPy(waitingProgram, { silent: true });
    assert.equal(transcript(sync), waitingExpected);
    const waiting = withWaitingSlow(waitingProgram);
    assert.notEqual(waiting, waitingProgram);
    const session = waitingSession();
    const r = await runPy(waiting, { silent: true }, session);
    assert.equal(transcript(r), waitingExpected);
  });

  it('calls back into Python that loops long enough to yield to the event loop', async () => {
    const turns = turnCounter();
    try {
      const session = new PythonSession({ modules: { _turns: turns.module } });
      const r = await runPy(
        'import time, _turns\nfrom functools import lru_cache, reduce, cmp_to_key, partial\n' +
          'def busy(x):\n    t = time.time()\n    while time.time() - t < 0.03:\n        pass\n    return x\n' +
          '@lru_cache(maxsize=None)\ndef slow_square(n):\n    return busy(n) * n\n' +
          'before = _turns.count()\n' +
          'print([slow_square(n) for n in (3, 4, 3)], slow_square.cache_info())\n' +
          'print(reduce(lambda a, b: busy(a) + b, [1, 2, 3]), sorted([3, 1, 2], key=cmp_to_key(lambda a, b: busy(a) - b)), partial(busy, 7)(), _turns.count() > before)',
        {},
        session,
      );
      assert.ok(r.ok, JSON.stringify(r.error));
      assert.equal(
        r.stdout,
        '[9, 16, 9] CacheInfo(hits=1, misses=2, maxsize=None, currsize=2)\n6 [1, 2, 3] 7 True\n',
      );
    } finally {
      turns.stop();
    }
  });

  it('shows no JS internals of its objects', async () => {
    for (const code of [
      'partial(len).value',
      "getattr(partial(len), 'constructor')",
      'lru_cache(len).cache',
      'lru_cache(len).func',
      'lru_cache(len).maxsize',
      'lru_cache(len).own',
      'cmp_to_key(len).cmp',
      'cmp_to_key(len)(1).value',
      'cache_info = lru_cache(len).cache_info()\ncache_info.value',
      'class C:\n    @cached_property\n    def x(self): return 1\nC.x.getter',
    ]) {
      const r = await runPy('from functools import *\n' + code);
      assert.equal(r.error?.type, 'AttributeError', code);
    }
  });
});
