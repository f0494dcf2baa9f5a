import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dedent,
  definitionCode,
  isIdentifier,
  lessonCode,
  LESSON_CURVES,
  pyFloat,
  samplesCode,
  scriptFunctionNames,
  tangentCode,
  valueHeading,
} from './snippets.js';

test('script functions of one argument are curves; helpers are not', () => {
  const script = dedent(`
      def plot_func(func, color="red"):
          pass
      def f1(x):
          return 3 - x + (x/2)**2
      def _helper(x):
          return x
      def f2(x: float) -> float:
          return 3 - (x/2)**2
  `);
  assert.deepEqual(scriptFunctionNames(script), ['f1', 'f2']);
  assert.ok(script.startsWith('def plot_func'));
});

test('identifiers exclude keywords', () => {
  assert.ok(isIdentifier('f1'));
  assert.ok(!isIdentifier('lambda'));
  assert.ok(!isIdentifier('1f'));
});

test('floats become Python float literals', () => {
  assert.equal(pyFloat(-1), '-1.0');
  assert.equal(pyFloat(0.5), '0.5');
  assert.equal(pyFloat(1e-7), '1e-7');
  assert.equal(pyFloat(Infinity), "float('inf')");
});

test('an expression becomes a function of x', () => {
  assert.equal(definitionCode(LESSON_CURVES[0]), 'def f1(x):\n    return (3 - x + (x/2)**2)\n');
});

test('the tangent snippet creates the shared leaf once and zeroes only when asked', () => {
  const first = tangentCode({ name: 'f1', x: -1, createLeaf: true, zeroFirst: false, h: 0.001 });
  assert.match(first, /^_gp_x = torch\.tensor\(-1\.0, requires_grad=True\)/);
  assert.doesNotMatch(first, /zero_/);
  assert.match(first, /_gp_y\.backward\(\)/);
  const second = tangentCode({ name: 'f2', x: -1, createLeaf: false, zeroFirst: true, h: 0.001 });
  assert.match(second, /^_gp_x\.grad\.zero_\(\)/);
  assert.doesNotMatch(second, /_gp_x = /);
  assert.equal(
    second.split('\n').pop(),
    '[str(float(_gp_y)), str(float(_gp_x.grad)), str(float(_gp_t.grad)), str(float(_gp_l.grad)), str(float(_gp_r.grad))]',
  );
  // Side slopes on fresh leaves just left and right of x.
  assert.match(first, /_gp_l = torch\.tensor\(-1\.001, requires_grad=True\)/);
  assert.match(first, /_gp_r = torch\.tensor\(-0\.999, requires_grad=True\)/);
});

test('samples are vectorised over a tensor of xs', () => {
  assert.match(samplesCode('f1', [-1, 0, 1]), /torch\.tensor\(\[-1\.0, 0\.0, 1\.0\], requires_grad=True\)/);
});

test('the code view shows zero_() on or commented out', () => {
  const tangents = [
    { curve: LESSON_CURVES[0], value: '4.25', grad: '-1.5' },
    { curve: LESSON_CURVES[1], value: '2.75', grad: '-1.0' },
  ];
  const on = lessonCode({ curves: LESSON_CURVES, x: '-1.0', reset: true, tangents });
  assert.match(on, /x = torch\.tensor\(-1\.0\)\.requires_grad_\(\)/);
  assert.match(on, /^x\.grad\.zero_\(\)$/m);
  assert.match(on, /f1_grad = x\.grad\.item\(\) {3}# -1\.5/);
  const off = lessonCode({ curves: LESSON_CURVES, x: '-1.0', reset: false, tangents });
  assert.match(off, /^# x\.grad\.zero_\(\)/m);
  assert.match(off, /f2_grad = x\.grad\.item\(\) {3}# -1\.0/);
});

test("a teacher's label is the value's name as written; a plain name gets (x)", () => {
  assert.equal(valueHeading({ name: 'f1', label: 'f1' }), 'f1(x)');
  assert.equal(valueHeading({ name: 'f1', label: 'sin(x)' }), 'sin(x)');
  assert.equal(valueHeading({ name: 'f2', label: 'loss' }), 'loss');
});
