// statistics, operator, bisect and heapq beyond language-snippets.py's CPython cases: a program
// whose dunders and keys are Python functions prints what CPython prints, also when every one of
// them waits on a Promise (the modules' asynchronous path).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runPy, transcript } from '../../../test/python/run.js';
import { waitingSession, withWaitingSlow } from '../../../test/python/waiting.js';

const dir = new URL('../../../test/python/', import.meta.url);
const program = readFileSync(new URL('small-stdlib-async.py', dir), 'utf8');
const expected = readFileSync(new URL('small-stdlib-async.expected.txt', dir), 'utf8');

describe('statistics, operator, bisect, heapq', () => {
  it('print what CPython prints for values whose dunders are Python functions', async () => {
    assert.equal(transcript(await runPy(program, { silent: true })), expected);
  });

  it('give the same output when every one of those functions waits on a Promise', async () => {
    const session = waitingSession();
    assert.equal(transcript(await runPy(withWaitingSlow(program), { silent: true }, session)), expected);
  });
});
