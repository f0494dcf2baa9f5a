// A builtin method called with too few or too many arguments, or a keyword it does not take,
// raises CPython 3.11's TypeError word for word (test/python/method-arg-cases.json, made by
// gen-method-arg-cases.py). Methods we do not define are left out, read off our type objects.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runPy, transcript } from '../../test/python/run.js';
import { PythonSession } from './index.js';
import {
  boolType,
  dictType,
  floatType,
  frozensetType,
  intType,
  listType,
  PyType,
  rangeType,
  setType,
  strType,
  tupleType,
} from './objects.js';

interface MethodArgCase {
  type: string;
  method: string;
  code: string;
  expected: string;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../test/python/method-arg-cases.json', import.meta.url), 'utf8'),
) as { python: string; cases: MethodArgCase[] };

const types: Record<string, PyType> = {
  str: strType,
  list: listType,
  dict: dictType,
  set: setType,
  frozenset: frozensetType,
  tuple: tupleType,
  int: intType,
  float: floatType,
  bool: boolType,
  range: rangeType,
};

// A session first: it puts the methods on the builtin types.
const session = new PythonSession();
const defined = (c: MethodArgCase) => types[c.type].dict.has(c.method);
const checked = fixture.cases.filter(defined);

describe(`builtin methods' argument errors match CPython ${fixture.python}`, () => {
  it('covers every type and most of the calls', () => {
    assert.ok(checked.length >= 150, `only ${checked.length} of ${fixture.cases.length} calls checked`);
    for (const t of ['str', 'list', 'dict', 'set', 'frozenset', 'tuple', 'int', 'float'])
      assert.ok(
        checked.some((c) => c.type === t),
        `no ${t} method checked`,
      );
  });
  it('leaves out only the methods torchlet does not define (the fixture keeps their CPython calls)', () => {
    const missing = [
      ...new Set(fixture.cases.filter((c) => !defined(c)).map((c) => `${c.type}.${c.method}`)),
    ];
    assert.deepEqual(missing.sort(), [
      'float.fromhex',
      'int.from_bytes',
      'int.to_bytes',
      'str.maketrans',
      'str.translate',
    ]);
  });
  for (const c of checked) {
    it(c.code, async () => {
      const r = await runPy(c.code, { silent: true }, session);
      assert.equal(transcript(r), c.expected + '\n');
    });
  }
});

describe('help() of a bound builtin method', () => {
  it('shows its parameters without self, as CPython does ("upper()", "split(sep=None, maxsplit=-1)")', async () => {
    const r = await runPy('help("a".upper)\nhelp("a".split)\nhelp("a".strip)', {}, session);
    const lines = r.stdout.split('\n').filter((l) => l.includes('('));
    assert.deepEqual(lines, ['upper()', 'split(sep=None, maxsplit=-1)', 'strip(chars=None, /)']);
  });
});
