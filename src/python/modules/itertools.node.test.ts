// itertools beyond the language cases (test/python/language-snippets.py): reprs with addresses,
// callbacks and sources that wait (a Promise, a yield to the event loop), infinite inputs that a
// time budget stops, and no JS internals reachable.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPy, transcript } from '../../../test/python/run.js';
import { PythonSession } from '../index.js';
import { turnCounter, waitingSession, withWaitingSlow } from '../../../test/python/waiting.js';

// Every itertools iterator fed by generators, iterators and callbacks that call `slow`.
const waitingProgram = `def slow(x):
    return x
from itertools import *
def sgen(n):
    for i in range(n):
        yield slow(i)
class SlowIter:
    def __init__(self, n): self.i = 0; self.n = n
    def __iter__(self): return slow(self)
    def __next__(self):
        self.i += 1
        if self.i > self.n: raise StopIteration
        return slow(self.i)
class N:
    def __init__(self, v): self.v = v
    def __float__(self): return float(self.v)
    def __add__(self, o): return N(slow(self.v + (o.v if isinstance(o, N) else o)))
    def __eq__(self, o): return slow(self.v == o.v)
    def __repr__(self): return slow('N(%r)' % self.v)
print(list(islice(count(N(1), N(2)), 3)), repr(count(N(1))))
print(list(islice(cycle(sgen(3)), 7)), list(islice(cycle(SlowIter(2)), 5)))
print(list(accumulate(sgen(5), lambda a, b: slow(a + b))), list(accumulate([N(1), N(2)])), list(accumulate(SlowIter(3), initial=slow(10))))
print(list(chain(sgen(2), SlowIter(2))), list(chain.from_iterable(slow([sgen(2), 'ab']))))
print(list(compress(sgen(6), map(slow, [1, 0, 1, 0, 1, 1]))))
print(list(dropwhile(lambda x: slow(x < 3), sgen(6))), list(takewhile(lambda x: slow(x < 3), SlowIter(6))), list(filterfalse(lambda x: slow(x % 2), sgen(6))))
print([(k, list(g)) for k, g in groupby(sgen(9), key=lambda x: slow(x // 3))], [(k.v, [n.v for n in g]) for k, g in groupby([N(1), N(1), N(2)])])
print(list(islice(sgen(10), 2, 8, 2)), list(islice(SlowIter(100), 3)), list(pairwise(sgen(4))))
print(list(starmap(lambda a, b: slow(a * b), zip(sgen(4), SlowIter(4)))), list(starmap(lambda a, b: a + b, [sgen(2)])))
a, b = tee(sgen(4)); print(next(a), list(b), list(a))
print(list(zip_longest(sgen(3), SlowIter(1), fillvalue=slow('-'))))
print(list(product(sgen(2), SlowIter(2))), list(permutations(sgen(3), 2)), list(combinations(SlowIter(4), 2)), list(combinations_with_replacement(sgen(2), 2)))
print(sum(islice(filterfalse(lambda x: slow(x % 3), count()), 200)))
print(next(dropwhile(lambda x: slow(x < 3000), count())))
`;

// What CPython 3.11 prints for waitingProgram.
const waitingExpected = `[N(1), N(3), N(5)] count(N(1))
[0, 1, 2, 0, 1, 2, 0] [1, 2, 1, 2, 1]
[0, 1, 3, 6, 10] [N(1), N(3)] [10, 11, 13, 16]
[0, 1, 1, 2] [0, 1, 'a', 'b']
[0, 2, 4, 5]
[3, 4, 5] [1, 2] [0, 2, 4]
[(0, [0, 1, 2]), (1, [3, 4, 5]), (2, [6, 7, 8])] [(1, [1, 1]), (2, [2])]
[2, 4, 6] [1, 2, 3] [(0, 1), (1, 2), (2, 3)]
[0, 2, 6, 12] [1]
0 [0, 1, 2, 3] [1, 2, 3]
[(0, 1), (1, '-'), (2, '-')]
[(0, 1), (0, 2), (1, 1), (1, 2)] [(0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1)] [(1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4)] [(0, 0), (0, 1), (1, 1)]
59700
3000
`;

describe('itertools', () => {
  it("prints its iterators as CPython's, with an address", async () => {
    const r = await runPy(
      'from itertools import *\n' +
        "for x in [chain('a'), accumulate([1]), compress([], []), dropwhile(None, []), filterfalse(None, []), groupby([]), next(groupby('a'))[1], islice([], 1), pairwise([]), starmap(None, []), takewhile(None, []), tee([])[0], zip_longest(), product(), permutations([]), combinations([], 0), combinations_with_replacement([], 0), cycle([])]:\n" +
        '    print(repr(x))',
    );
    assert.ok(r.ok, JSON.stringify(r.error));
    const names = [
      'chain',
      'accumulate',
      'compress',
      'dropwhile',
      'filterfalse',
      'groupby',
      '_grouper',
      'islice',
      'pairwise',
      'starmap',
      'takewhile',
      '_tee',
      'zip_longest',
      'product',
      'permutations',
      'combinations',
      'combinations_with_replacement',
      'cycle',
    ];
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, names.length);
    lines.forEach((line, i) =>
      assert.match(line, new RegExp(`^<itertools\\.${names[i]} object at 0x[0-9a-f]+>$`)),
    );
  });

  it('gives the same results when sources and callbacks wait on Promises', async () => {
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
        'import time, _turns\nfrom itertools import groupby, filterfalse, accumulate\n' +
          'def busy(x):\n    t = time.time()\n    while time.time() - t < 0.03:\n        pass\n    return x % 2\n' +
          'before = _turns.count()\n' +
          'print([(k, list(g)) for k, g in groupby([1, 3, 2, 4, 5], key=busy)], list(filterfalse(busy, range(4))))\n' +
          'print(list(accumulate([1, 2, 3], lambda a, b: a + b + busy(b))), _turns.count() > before)',
        {},
        session,
      );
      assert.ok(r.ok, JSON.stringify(r.error));
      assert.equal(r.stdout, '[(1, [1, 3]), (0, [2, 4]), (1, [5])] [0, 2]\n[1, 3, 7] True\n');
    } finally {
      turns.stop();
    }
  });

  it('keeps an endless search stoppable: the time budget ends it', async () => {
    for (const code of [
      'next(islice(count(), 10**12, None))',
      'next(filterfalse(None, repeat(1)))',
      'next(dropwhile(lambda x: True, count()))',
      'next(compress(count(), repeat(0)))',
      'next(chain.from_iterable(repeat([])))',
      'g = groupby(repeat(1))\nnext(g)\nnext(g)',
    ]) {
      const r = await runPy('from itertools import *\n' + code, { timeBudgetMs: 200 });
      assert.equal(r.error?.type, 'TimeoutError', code);
    }
  });

  it('shows no JS internals of its iterators', async () => {
    for (const code of [
      'count().current',
      "getattr(count(), 'next')",
      'repeat(1).remaining',
      'tee([1])[0].source',
      'tee([1])[0].link',
      'chain().constructor',
      "getattr(groupby([]), '__proto__')",
    ]) {
      const r = await runPy('from itertools import *\n' + code);
      assert.equal(r.error?.type, 'AttributeError', code);
    }
  });
});
