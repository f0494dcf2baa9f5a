// What the CPython snippets (test/python/language-snippets.py, "### random …") cannot show:
// each session's own hidden generator, entropy seeding, the DeprecationWarning text, the async
// evaluation path, and that Python reaches no JS object through the module.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPy, transcript } from '../../../test/python/run.js';
import { PythonSession } from '../index.js';
import { waitingSession, withWaitingSlow } from '../../../test/python/waiting.js';

/** CPython 3.11: random.seed(1) then random() six times. */
const SEED_1 = [
  0.13436424411240122, 0.8474337369372327, 0.763774618976614, 0.2550690257394217, 0.49543508709194095,
  0.4494910647887381,
];

async function echo(code: string, session: PythonSession): Promise<string | null> {
  const r = await runPy(code, {}, session);
  assert.ok(r.ok, JSON.stringify(r.error));
  return r.echo;
}

describe('random: per-session state', () => {
  it("each session's module functions draw from their own generator", async () => {
    const a = new PythonSession();
    const b = new PythonSession();
    await echo('import random\nrandom.seed(1)', a);
    await echo('import random\nrandom.seed(1)', b);
    assert.equal(await echo('[random.random() for _ in range(5)]', a), `[${SEED_1.slice(0, 5).join(', ')}]`);
    // b's generator did not move while a drew five numbers.
    assert.equal(await echo('random.random()', b), String(SEED_1[0]));
    assert.equal(await echo('random.random()', a), String(SEED_1[5]));
  });

  it('the module functions share one hidden Random, which random.random.__self__ is', async () => {
    const s = new PythonSession();
    assert.equal(
      await echo(
        'import random\nrandom.seed(9)\na = random.random()\nb = random.random.__self__.randint(1, 10)\nr = random.Random(9)\n(a, b, type(random.random.__self__).__name__, (r.random(), r.randint(1, 10)) == (a, b))',
        s,
      ),
      "(0.46300735781502145, 6, 'Random', True)",
    );
  });

  it('a Random instance keeps its own state apart from the module', async () => {
    const s = new PythonSession();
    const r = await echo(
      'import random\nr = random.Random(1)\nrandom.seed(1)\nrandom.random(), random.random()\n(r.random(), random.random())',
      s,
    );
    assert.equal(r, `(${SEED_1[0]}, ${SEED_1[2]})`);
  });

  it('reset() forgets the generator: a new one seeded from entropy', async () => {
    const s = new PythonSession();
    await echo('import random\nrandom.seed(5)', s);
    s.reset();
    const first = await echo('import random\nrandom.random()', s);
    assert.notEqual(first, '0.6229016948897019'); // seed(5)'s first draw
  });
});

describe('random: entropy seeding', () => {
  it('fresh sessions, seed(), seed(None) and Random() draw different sequences', async () => {
    const draws = async (code: string) => (await runPy(`import random\n${code}`)).echo;
    const fresh = await Promise.all([1, 2, 3].map(() => draws('[random.random() for _ in range(3)]')));
    assert.equal(new Set(fresh).size, 3);
    assert.equal(
      await draws(
        'random.seed()\na = random.random()\nrandom.seed(None)\nb = random.random()\nrandom.seed()\nc = random.random()\nlen({a, b, c})',
      ),
      '3',
    );
    assert.equal(await draws('random.Random().getrandbits(64) != random.Random().getrandbits(64)'), 'True');
    // A NaN hashes by identity in CPython: it seeds from entropy too.
    assert.equal(
      await draws(
        "random.seed(float('nan'))\na = random.random()\nrandom.seed(float('nan'))\na != random.random()",
      ),
      'True',
    );
  });

  it('an entropy-seeded state is a proper twister state that round-trips', async () => {
    const r = await runPy(
      'import random\nst = random.getstate()\nxs = [random.random() for _ in range(700)]\nrandom.setstate(st)\nprint(xs == [random.random() for _ in range(700)], st[1][-1], all(0 <= w < 2**32 for w in st[1][:-1]))',
    );
    assert.equal(r.stdout, 'True 624 True\n');
  });
});

describe('random: DeprecationWarning for non-integer randrange arguments', () => {
  it('shows each message once per cell, not for randint, and draws as CPython', async () => {
    const s = new PythonSession();
    const code =
      'import random\nrandom.seed(1)\nprint(random.randrange(5.0), random.randrange(5.0), random.randrange(1, 10.0), random.randint(1.0, 5))';
    const warning =
      'DeprecationWarning: non-integer arguments to randrange() have been deprecated since Python 3.10 and will be removed in a subsequent version\n';
    const first = await runPy(code, {}, s);
    assert.equal(first.stdout, warning + '1 4 2 3\n');
    const again = await runPy(code, {}, s);
    assert.equal(again.stdout, warning + '1 4 2 3\n');
    const quiet = await runPy('random.seed(1)\nprint(random.randint(1.0, 5), random.randrange(5))', {}, s);
    assert.equal(quiet.stdout, '2 4\n');
    const bad = await runPy('random.randrange(2.5)', {}, s);
    assert.equal(bad.stdout, 'DeprecationWarning: randrange() will raise TypeError in the future\n');
    assert.equal(transcript(bad).split('\n')[1], 'ValueError: non-integer arg 1 for randrange()');
  });
});

describe('random: the asynchronous evaluation path', () => {
  // Sequences and numbers whose dunders return a value that waits: random's functions must give
  // CPython's results through Promises too.
  const program =
    "import random\ndef slow(x):\n    return x\nclass Seq:\n    def __init__(self, items):\n        self.items = items\n    def __len__(self):\n        return slow(len(self.items))\n    def __getitem__(self, i):\n        return slow(self.items[i])\n    def __setitem__(self, i, v):\n        self.items[i] = slow(v)\nclass Idx:\n    def __init__(self, v):\n        self.v = v\n    def __index__(self):\n        return slow(self.v)\nclass Num:\n    def __init__(self, v):\n        self.v = v\n    def __rpow__(self, o):\n        return slow(Num(o ** self.v))\n    def __float__(self):\n        return slow(float(self.v))\n    def __add__(self, o):\n        return slow(Num(self.v + (o.v if isinstance(o, Num) else o)))\n    def __radd__(self, o):\n        return slow(Num(o + self.v))\n    def __sub__(self, o):\n        return slow(Num(self.v - (o.v if isinstance(o, Num) else o)))\n    def __rsub__(self, o):\n        return slow(Num(o - self.v))\n    def __mul__(self, o):\n        return slow(Num(self.v * (o.v if isinstance(o, Num) else o)))\n    def __rmul__(self, o):\n        return slow(Num(o * self.v))\n    def __truediv__(self, o):\n        return slow(Num(self.v / o))\n    def __rtruediv__(self, o):\n        return slow(Num(o / self.v))\n    def __lt__(self, o):\n        return slow(self.v < (o.v if isinstance(o, Num) else o))\n    def __le__(self, o):\n        return slow(self.v <= (o.v if isinstance(o, Num) else o))\n    def __gt__(self, o):\n        return slow(self.v > (o.v if isinstance(o, Num) else o))\n    def __ge__(self, o):\n        return slow(self.v >= (o.v if isinstance(o, Num) else o))\n    def __eq__(self, o):\n        return slow(self.v == (o.v if isinstance(o, Num) else o))\n    def __bool__(self):\n        return slow(bool(self.v))\n    def __repr__(self):\n        return 'Num(%r)' % (self.v,)\nrandom.seed(3)\ns = Seq(list('abcdefgh'))\nprint(random.choice(s), random.choices(s, k=4), random.choices(s, [1, 2, 3, 4, 5, 6, 7, 8], k=3))\nrandom.shuffle(s)\nprint(s.items)\nprint(random.randrange(Idx(10)), random.randrange(Idx(2), Idx(50), Idx(3)), random.randint(Idx(1), 6))\nprint(random.sample(range(30), 4), random.getrandbits(Idx(40)))\nprint(random.uniform(Num(1), Num(3)), random.triangular(Num(0), Num(1), Num(0.5)), random.gauss(Num(1), 2))\nprint(random.expovariate(Num(2)), random.gammavariate(Num(2.5), Num(1.0)), random.paretovariate(Num(3)))\nprint(random.choices('abc', cum_weights=[Num(1), Num(2), Num(3)], k=3), random.sample('abc', 3, counts=[1, 1, 1]))\nst = random.getstate()\nrandom.setstate((Num(3), st[1], None))\nprint(random.random())\n";
  const expected =
    "d ['e', 'b', 'h', 'd'] ['f', 'g', 'h']\n['a', 'd', 'g', 'f', 'b', 'e', 'c', 'h']\n8 47 4\n[20, 27, 4, 7] 165935463039\nNum(2.7360906142865935) Num(0.5117281548068235) Num(0.8360695254116943)\nNum(0.033086695458992774) Num(4.42730637768434) Num(1.126928558980513)\n['a', 'c', 'b'] ['c', 'b', 'a']\n0.3949634040007439\n";
  it('runs synchronously as CPython does', async () => {
    const r = await runPy(program, { silent: true });
    assert.equal(transcript(r), expected);
  });

  it('gives the same output when every dunder waits on a Promise', async () => {
    const asyncProgram = withWaitingSlow(program);
    assert.notEqual(asyncProgram, program);
    const session = waitingSession();
    const r = await runPy(asyncProgram, { silent: true }, session);
    assert.equal(transcript(r), expected);
  });
});

describe('random: the sandbox', () => {
  it('reaches no JS field or method of the generator, the class or the module', async () => {
    const attempts = [
      'random.random.__self__.mt',
      'random.random.__self__.value',
      'random.random.__self__.gaussNext',
      'random.random.__self__.seedWords',
      'random.random.__self__.getState',
      'random.Random(1).constructor',
      'random.Random.construct',
      'random.Random.wrap',
      'random.random.func',
      'random.random.impl',
      'random.constructor',
      "getattr(random.Random(1), '__proto__')",
    ];
    for (const code of attempts) {
      const r = await runPy(`import random\n${code}`);
      assert.equal(r.error?.type, 'AttributeError', code);
    }
  });

  it('attributes set on an instance stay Python values and leave its generator alone', async () => {
    const r = await runPy(
      "import random\nr = random.Random(1)\nr.mt = 5\nr.gaussNext = 'x'\nprint(r.mt, r.gaussNext, r.gauss_next, r.random())",
    );
    assert.equal(r.stdout, `5 x None ${SEED_1[0]}\n`);
  });
});
