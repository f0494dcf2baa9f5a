import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  arrowAsTangent,
  formatFloat,
  parsePythonFloat,
  sampleGrid,
  segmentSlope,
  snapToStep,
  tangentEquation,
  tangentSegment,
  yRange,
} from './tangent.js';

test('a tangent segment is centred on the point and keeps the slope', () => {
  const s = tangentSegment(-1, 4.25, -1.5, 3);
  assert.deepEqual(s, { x1: -2.5, y1: 6.5, x2: 0.5, y2: 2 });
  assert.equal(segmentSlope(s), -1.5);
});

test('floats print as Python prints them', () => {
  assert.equal(formatFloat(-1), '-1.0');
  assert.equal(formatFloat(0.5), '0.5');
  assert.equal(formatFloat(4.25), '4.25');
  assert.equal(formatFloat(0.1 + 0.2), '0.3');
  assert.equal(formatFloat(NaN), 'nan');
  assert.equal(formatFloat(-Infinity), '-inf');
  assert.equal(formatFloat(1e-7), '1e-07');
  assert.equal(formatFloat(-0), '-0.0');
});

test('Python float text parses back, nan and inf included', () => {
  assert.equal(parsePythonFloat('-1.5'), -1.5);
  assert.equal(parsePythonFloat('inf'), Infinity);
  assert.equal(parsePythonFloat('-inf'), -Infinity);
  assert.ok(Number.isNaN(parsePythonFloat('nan')));
  assert.ok(Number.isNaN(parsePythonFloat(null)));
  assert.equal(parsePythonFloat(2), 2);
});

test('tangent equations in slope-intercept form', () => {
  assert.equal(tangentEquation(-1, 4.25, -1.5), 'y = -1.5x + 2.75');
  assert.equal(tangentEquation(-1, 2.75, 0.5), 'y = 0.5x + 3.25');
  assert.equal(tangentEquation(0, 3, 0), 'y = 3.0');
  assert.equal(tangentEquation(2, 2, 1), 'y = x');
  assert.equal(tangentEquation(1, 0, -1), 'y = -x + 1.0');
  assert.equal(tangentEquation(1, -1, 2), 'y = 2.0x - 3.0');
});

test('snapping keeps x on the step grid without float noise', () => {
  assert.equal(snapToStep(-0.9999999, 0.1, -3, 3), -1);
  assert.equal(snapToStep(-3 + 30 * 0.1, 0.1, -3, 3), 0);
  assert.equal(snapToStep(0.7000000001, 0.1, -3, 3), 0.7);
  assert.equal(snapToStep(10, 0.1, -3, 3), 3);
  assert.equal(snapToStep(-10, 0.25, -3, 3), -3);
  assert.equal(snapToStep(NaN, 0.1, -3, 3), -3);
});

test('sample grids include both ends', () => {
  const g = sampleGrid(-3, 3, 7);
  assert.deepEqual(g, [-3, -2, -1, 0, 1, 2, 3]);
});

test('y ranges ignore gaps and non-finite values and pad the rest', () => {
  assert.deepEqual(yRange([[0, null, 10, NaN, Infinity]]), [-0.8, 10.8]);
  assert.deepEqual(yRange([[2, 2]]), [1, 3]);
  assert.deepEqual(yRange([[]]), [-1, 1]);
});

test('the lesson arrow reads back as its tangent', () => {
  // plot_gradient(-1, 4.25, -1.5): dx = 3, dy = -4.5, arrow from (x - dx/2, y - dy/2)
  assert.deepEqual(arrowAsTangent({ x: -2.5, y: 6.5, dx: 3, dy: -4.5 }), { x: -1, y: 4.25, slope: -1.5 });
  assert.equal(arrowAsTangent({ x: 0, y: 0, dx: 0, dy: 1 }), null);
});
