// torch.nn, torch.optim and torch.utils.data through the interpreter in Node: each program prints
// what PyTorch 1.13 printed for it (testing/programs.ts).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initDevices } from '../../../../core/index.js';
import { PythonSession } from '../../../index.js';
import { PROGRAMS } from './testing/programs.js';

before(async () => {
  await initDevices();
});

async function run(code: string): Promise<string> {
  let out = '';
  const r = await new PythonSession().run(code, { stdout: (t) => (out += t), device: 'cpu' });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  return out;
}

describe('torch.nn, torch.optim, torch.utils.data as PyTorch 1.13 prints them', () => {
  for (const p of PROGRAMS) {
    it(p.title, async () => {
      assert.equal(await run(p.code), p.expected);
    });
  }
});
