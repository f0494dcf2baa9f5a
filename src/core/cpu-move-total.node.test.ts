// The cpu device's move to wasm, third trigger (device.ts): the products a program has run on JS
// cpu add up to 2^24 multiply-adds, as a training loop of middling layers does. Its own file: the
// move happens once per process.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import * as c from './index.js';

it('moves the cpu device to wasm once its products add up to 2^24 multiply-adds', async () => {
  c.setFastCpuBackend('wasm');
  await c.initCpuDevice();
  const x = c.ones([64, 64], { dtype: 'float32' }); // 64×64 @ 64×64: 2^18 multiply-adds a product
  const w = c.ones([64, 64], { dtype: 'float32' });
  const b = c.zeros([64], { dtype: 'float32' });
  for (let i = 0; i < 31; i++) c.matmul(x, w);
  for (let i = 0; i < 32; i++) c.linear(x, w, b);
  assert.equal(c.cpuMoveUnderWay(), null, 'moved before 2^24');
  assert.equal(c.backendFor('cpu'), 'cpu');
  const y = c.linear(x, w, b);
  const moving = c.cpuMoveUnderWay();
  assert.ok(moving, 'the 64th product did not start the move');
  assert.equal(await moving, true);
  assert.equal(c.backendFor('cpu'), 'wasm');
  assert.equal(c.item(c.sum(c.matmul(y, w))), 64 * 64 * 64 * 64);
});
