// collections beyond language-snippets.py's CPython cases: the same program where every Python
// callable the module calls waits on a Promise (its asynchronous path) prints what CPython prints.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runPy, transcript } from '../../../test/python/run.js';
import { waitingSession, withWaitingSlow } from '../../../test/python/waiting.js';

const dir = new URL('../../../test/python/', import.meta.url);
const program = readFileSync(new URL('collections-async.py', dir), 'utf8');
const expected = readFileSync(new URL('collections-async.expected.txt', dir), 'utf8');

describe('collections', () => {
  it('prints what CPython prints for values whose dunders are Python functions', async () => {
    assert.equal(transcript(await runPy(program, { silent: true })), expected);
  });

  it('gives the same output when every one of those functions waits on a Promise', async () => {
    const waiting = withWaitingSlow(program);
    assert.notEqual(waiting, program);
    const session = waitingSession();
    assert.equal(transcript(await runPy(waiting, { silent: true }, session)), expected);
  });

  it('keeps Python code away from the JS objects behind a deque and a namedtuple', async () => {
    const r = await runPy(
      [
        'from collections import deque, namedtuple',
        'q = deque([1])',
        "print([n for n in dir(q) if n in ('value', 'items', 'constructor')])",
        "print(getattr(q, 'items', 'no items'), getattr(namedtuple('P', 'x')(1), 'items', 'none'))",
      ].join('\n'),
    );
    assert.equal(r.stdout, '[]\nno items none\n');
  });
});
