// What the student reads after the exercise's check: the assertion's own message first, then the
// teacher's hint, then the error itself.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkMessage } from './check.js';

const error = (type: string, message: string) => ({ type, message, traceback: `${type}: ${message}` });

describe('checkMessage', () => {
  it('says Correct! when the check passed', () => {
    assert.equal(checkMessage(true, undefined, 'a hint'), 'Correct!');
  });

  it("prefers the assertion's message to the hint", () => {
    assert.equal(checkMessage(false, error('AssertionError', 'b must be 2'), 'a hint'), 'b must be 2');
  });

  it('gives the hint for a bare assert or another error', () => {
    assert.equal(checkMessage(false, error('AssertionError', ''), 'a hint'), 'a hint');
    assert.equal(checkMessage(false, error('NameError', "name 'b' is not defined"), 'a hint'), 'a hint');
  });

  it('without a hint, names the error, or says Not yet.', () => {
    assert.equal(
      checkMessage(false, error('NameError', "name 'b' is not defined"), ''),
      "Not yet: NameError: name 'b' is not defined",
    );
    assert.equal(checkMessage(false, error('AssertionError', ''), ''), 'Not yet: AssertionError');
    assert.equal(checkMessage(false, undefined, ''), 'Not yet.');
  });
});
