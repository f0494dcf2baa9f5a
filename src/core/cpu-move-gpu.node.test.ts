// The cpu device's move to wasm, second trigger (device.ts): a program that sets up the GPU compares
// the cpu with it, so the cpu device moves before the program's first op, whatever its sizes. Its
// own file: the move happens once per process (cpu-move.node.test.ts has the size rule).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import * as c from './index.js';

it('moves the cpu device to wasm when the GPU is set up, before any op', async () => {
  c.setFastCpuBackend('wasm');
  assert.deepEqual(await c.initCpuDevice(), { cpu: 'cpu', cuda: null });
  const small = c.fromValues([1, 2, 3], [3], 'float32', 'cpu');
  assert.equal(c.cpuMoveUnderWay(), null);
  assert.deepEqual(await c.initGpuDevice(), { cpu: 'wasm', cuda: null });
  assert.equal(c.item(c.sum(c.mul(small, small))), 14);
});
