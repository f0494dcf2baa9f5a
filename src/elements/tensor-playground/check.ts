// What the student is told after the exercise's check ran on their code.
import type { PythonErrorInfo } from '../../kernel/protocol.js';

/** The check passed, or why not: the assertion's message, else the teacher's hint, else the error. */
export function checkMessage(passed: boolean, failure: PythonErrorInfo | undefined, hint: string): string {
  if (passed) return 'Correct!';
  if (failure?.type === 'AssertionError' && failure.message) return failure.message;
  return (
    hint ||
    (failure ? `Not yet: ${failure.type}${failure.message ? `: ${failure.message}` : ''}` : 'Not yet.')
  );
}
