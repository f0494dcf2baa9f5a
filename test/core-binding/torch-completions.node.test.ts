// The editor's torch completions are generated from the op table: this fails when a change to
// src/python/modules/torch/ is not followed by `node --import tsx scripts/torch-completions.ts`.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initDevices } from '../../src/core/index.js';
import { completionsSource, DATA_FILE } from '../../scripts/torch-completions.js';
import {
  FUNCTIONAL_FUNCTIONS,
  TENSOR_METHODS,
  TORCH_FUNCTIONS,
} from '../../src/elements/tensor-playground/torch-completions.generated.js';

before(async () => {
  await initDevices();
});

describe('torch completions for the editor', () => {
  it('are what the op table makes today', async () => {
    assert.equal(
      readFileSync(DATA_FILE, 'utf8'),
      await completionsSource(),
      'torch-completions.generated.ts is stale: run `node --import tsx scripts/torch-completions.ts`',
    );
  });

  it('carry the signature and doc line of each function and method', () => {
    const find = (list: readonly (readonly [string, string, string])[], name: string) =>
      list.find(([n]) => n === name);
    assert.deepEqual(find(TORCH_FUNCTIONS, 'matmul'), [
      'matmul',
      '(input, other, *, out=None)',
      'matrix product, batched and broadcast (the @ operator)',
    ]);
    assert.deepEqual(find(TENSOR_METHODS, 'softmax'), [
      'softmax',
      '(dim, dtype=None)',
      'exp(x) / sum(exp(x)) along dim',
    ]);
    assert.ok(find(TORCH_FUNCTIONS, 'manual_seed'), 'session functions are listed too');
    assert.ok(find(FUNCTIONAL_FUNCTIONS, 'mse_loss'));
    assert.equal(find(TENSOR_METHODS, '__add__'), undefined, 'no dunders');
  });
});
