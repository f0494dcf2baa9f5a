import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definedNames, usedNames } from './session-names.js';
import { undefinedName } from './source.js';

const sorted = (names: Set<string>) => [...names].sort();

test('a cell defines (at top level) what it assigns, defs, imports, loops over and opens with', () => {
  const code = [
    'import torch',
    'import numpy as np',
    'import matplotlib.pyplot as plt',
    'from math import pi, sqrt as root',
    'a = torch.tensor([1, 2, 3])',
    'b, (c, d) = 1, (2, 3)',
    'total += a.sum()',
    'def f1(x):',
    '    inner = x',
    '    return inner',
    'class Model:',
    '    pass',
    'for i, j in zip(a, a):',
    '    print(i)',
    "with open('x') as handle:",
    '    pass',
    'print(undefined_here)',
  ].join('\n');
  assert.deepEqual(
    sorted(definedNames(code)),
    [
      'Model',
      'a',
      'b',
      'c',
      'd',
      'f1',
      'handle',
      'i',
      'j',
      'np',
      'pi',
      'plt',
      'root',
      'torch',
      'total',
    ].sort(),
  );
});

test('reading a name is not defining it', () => {
  assert.deepEqual(sorted(definedNames('print(x * 2)\ny.append(3)\nz[0] = 1')), []);
  assert.deepEqual(sorted(usedNames('print(x * 2)')), ['print', 'x']);
});

test("the missing name comes from a NameError's message only", () => {
  assert.equal(undefinedName({ type: 'NameError', message: "name 'x' is not defined" }), 'x');
  assert.equal(undefinedName({ type: 'TypeError', message: "name 'x' is not defined" }), null);
  assert.equal(undefinedName(undefined), null);
});
