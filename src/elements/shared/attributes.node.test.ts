import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkChoice, checkColor, checkDevice, checkNumber, ownValue } from './attributes.js';

test('devices: cpu, cuda and cuda:0 are accepted; cuda:0 runs on cuda', () => {
  assert.deepEqual(checkDevice('cpu', 'cpu', 'x'), { value: 'cpu' });
  assert.deepEqual(checkDevice('cuda', 'cpu', 'x'), { value: 'cuda' });
  assert.deepEqual(checkDevice('cuda:0', 'cpu', 'x'), { value: 'cuda' });
  assert.deepEqual(checkDevice(' cuda ', 'cpu', 'x'), { value: 'cuda' });
  assert.deepEqual(checkDevice(null, 'cpu', 'x'), { value: 'cpu' });
});

test('devices: inherited names (constructor, toString, __proto__) are not devices', () => {
  for (const name of ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty']) {
    const checked = checkDevice(name, 'cpu', 'tensor-playground');
    assert.equal(checked.value, 'cpu', name);
    assert.match(checked.problem!, new RegExp(`<tensor-playground device="${name}">: not a device here`));
  }
});

test('devices: CUDA, cuda:1 and mps get a message that says why', () => {
  assert.match(checkDevice('CUDA', 'cpu', 'tp').problem!, /lower case.*"cuda"/);
  assert.match(checkDevice('cuda:1', 'cpu', 'tp').problem!, /one GPU, cuda:0/);
  assert.match(checkDevice('mps', 'cpu', 'tp').problem!, /a browser has no such device/);
  assert.match(checkDevice('gpu', 'cpu', 'tp').problem!, /the choices are "cpu" and "cuda"/);
  assert.ok(checkDevice('x'.repeat(10_000), 'cpu', 'tp').problem!.length < 200, 'a huge value is shortened');
});

test('numbers: finite literals only, with limits', () => {
  assert.deepEqual(checkNumber('-2.5', -3, 'gp', 'x-min'), { value: -2.5 });
  assert.deepEqual(checkNumber('1e1', 0, 'gp', 'x-max'), { value: 10 });
  assert.deepEqual(checkNumber(null, -3, 'gp', 'x-min'), { value: -3 });
  assert.equal(
    checkNumber('abc', -3, 'gp', 'x-min').problem,
    '<gp x-min="abc">: it is not a finite number, so -3 is used.',
  );
  for (const bad of ['', 'nan', 'inf', 'Infinity', '0x10', '1e999', '3 4', 'constructor'])
    assert.equal(checkNumber(bad, 1, 'gp', 'n').value, 1, bad);
  assert.match(checkNumber('0', 0.1, 'gp', 'step', { positive: true }).problem!, /greater than 0/);
  assert.match(checkNumber('99', 5, 'gs', 'repeats', { min: 1, max: 50 }).problem!, /at most 50/);
});

test('colours: without a CSS parser (Node) nothing is accepted, so nothing unchecked gets through', () => {
  const checked = checkColor('red;background:url(https://example.com/x)', 'red', 'gp-function');
  assert.equal(checked.value, 'red');
  assert.match(checked.problem!, /not a CSS colour/);
  assert.deepEqual(checkColor(null, 'blue', 'gp-function'), { value: 'blue' });
});

test('choices and own-property lookups', () => {
  assert.deepEqual(checkChoice('dark', ['light', 'dark'] as const, 'light', 'tp', 'theme'), {
    value: 'dark',
  });
  assert.match(
    checkChoice('toString', ['light', 'dark'] as const, 'light', 'tp', 'theme').problem!,
    /"light", "dark"/,
  );
  assert.equal(ownValue({ a: 1 }, 'constructor'), undefined);
  assert.equal(ownValue({ a: 1 }, '__proto__'), undefined);
  assert.equal(ownValue({ a: 1 }, 'a'), 1);
});
