// A backend that sets itself up asynchronously (the wasm module here; a WebGPU device in the
// browser) must not stop ops on the backends already running: tfjs's engine throws on every op
// while it awaits a backend it initialises, and a cell's ops may interleave with a GPU set-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { loadBackend, useBackend } from './backends.js';

test('ops on the cpu keep working while the wasm backend sets itself up', async () => {
  assert.equal(await loadBackend('cpu'), true);
  useBackend('cpu');
  const errors: string[] = [];
  let ops = 0;
  let loaded = false;
  const loading = loadBackend('wasm').then((ok) => {
    loaded = true;
    return ok;
  });
  while (!loaded) {
    try {
      useBackend('cpu');
      const sum = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]);
      assert.equal(sum, 3);
      ops++;
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(await loading, true);
  assert.deepEqual(errors.slice(0, 1), []);
  assert.ok(ops > 0, 'some ops ran while wasm loaded');
  // The wasm backend works once loaded, and the cpu is still the active one.
  assert.equal(tf.getBackend(), 'cpu');
  useBackend('wasm');
  assert.equal(
    tf.tidy(() => tf.mul(tf.scalar(4), tf.scalar(5)).dataSync()[0]),
    20,
  );
});
