import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chartLoadFailure, retryable } from './load.js';

describe('lazy chart code', () => {
  it('shares one load between callers, and tries again after a failure', async () => {
    let calls = 0;
    const load = retryable(async () => {
      calls++;
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return 'uPlot';
    });
    const [a, b] = await Promise.allSettled([load(), load()]);
    assert.equal(calls, 1);
    assert.equal(a.status, 'rejected');
    assert.equal(b.status, 'rejected');
    assert.equal(await load(), 'uPlot');
    assert.equal(await load(), 'uPlot');
    assert.equal(calls, 2);
  });

  it('says why a chart is missing in words', () => {
    assert.equal(
      chartLoadFailure(new TypeError('Failed to fetch dynamically imported module')),
      'The chart could not be drawn: its code did not load (Failed to fetch dynamically imported module).',
    );
  });
});
