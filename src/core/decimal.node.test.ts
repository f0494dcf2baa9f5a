// The one decimal printer of doubles against what CPython 3.11 prints for the same values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { floatRepr, formatExp, formatFixed, roundDigits, roundHalfEven, shortestDigits } from './decimal.js';

test('fixed: exact ties go to even, the sign of -0 stays, any magnitude and precision', () => {
  const cases: [number, number, string][] = [
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [2.5, 0, '2'],
    [-0.0, 1, '-0.0'],
    [-0.04, 1, '-0.0'],
    [1e22, 1, '10000000000000000000000.0'],
    [0.1, 30, '0.100000000000000005551115123126'],
    [0.1, 80, '0.10000000000000000555111512312578270211815834045410156250000000000000000000000000'],
  ];
  for (const [x, p, want] of cases) assert.equal(formatFixed(x, p), want, `'%.${p}f' % ${x}`);
  assert.equal(formatFixed(NaN, 2), 'nan');
  assert.equal(formatFixed(-Infinity, 2), '-inf');
});

test('scientific: ties to even, two exponent digits at least', () => {
  const cases: [number, number, string][] = [
    [12.5, 1, '1.2e+01'],
    [9.995, 2, '9.99e+00'],
    [0, 2, '0.00e+00'],
    [1e-300, 3, '1.000e-300'],
    [2.5e-5, 0, '3e-05'],
    [-1e-5, 4, '-1.0000e-05'],
  ];
  for (const [x, p, want] of cases) assert.equal(formatExp(x, p), want, `'%.${p}e' % ${x}`);
});

test('repr: shortest round-trip digits, scientific below 1e-4 and from 1e16', () => {
  const cases: [number, string][] = [
    [1e16, '1e+16'],
    [0.0001, '0.0001'],
    [123456789.0, '123456789.0'],
    [-1.5e-7, '-1.5e-07'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-0.0, '-0.0'],
    [2, '2.0'],
    [NaN, 'nan'],
    [-Infinity, '-inf'],
  ];
  for (const [x, want] of cases) assert.equal(floatRepr(x), want);
  assert.equal(floatRepr(Math.fround(0.1), true), '0.1', 'float32: its own shortest digits');
  assert.equal(floatRepr(Math.fround(0.1)), '0.10000000149011612');
});

test('digits: float32 shortest, rounding at a decimal place, integer rounding', () => {
  assert.deepEqual(shortestDigits(Math.fround(0.1), true), { digits: '1', exp: -1 });
  assert.deepEqual(shortestDigits(Math.fround(0.1)), { digits: '10000000149011612', exp: -1 });
  assert.deepEqual(roundDigits(0.125, -2), { digits: '12', exp: -1 });
  assert.deepEqual(roundDigits(9.96, -1), { digits: '1', exp: 1 });
  assert.deepEqual(roundDigits(0.004, -2), { digits: '0', exp: -2 });
  assert.deepEqual([0.5, 1.5, 2.5, -2.5, -0.4].map(roundHalfEven), [0, 2, 2, -2, -0]);
});
