// Through the interpreter: the torch op that crosses the cpu device's rule (src/core/device.ts)
// waits for the wasm set-up before the cell goes on, so the cell's next ops run on wasm (the
// binding's await: op.ts's settle for functions and methods, tensor-type.ts for operators).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { backendFor, initCpuDevice, setFastCpuBackend } from '../../src/core/index.js';
import { defineFunction, type ModuleFactory, newModule } from '../../src/python/objects.js';
import { PythonSession } from '../../src/python/index.js';

// What backend the cpu device is on at this point of the cell.
const probe: ModuleFactory = () =>
  newModule('_probe', { cpu: defineFunction('cpu', '', () => backendFor('cpu')) });

it('the op that crosses the rule (an operator here) waits for wasm: the next line of the cell runs there', async () => {
  setFastCpuBackend('wasm');
  await initCpuDevice();
  const session = new PythonSession({ modules: { _probe: probe } });
  let printed = '';
  const r = await session.run(
    [
      'import torch, _probe',
      'x = torch.tensor([1.5, 2.5], requires_grad=True)',
      'seen = [_probe.cpu()]',
      'big = torch.ones(256, 1) * torch.ones(256)  # an operator makes 2^16 values',
      'seen.append(_probe.cpu())',
      'y = (x * x).sum()',
      'y.backward()',
      'print(seen, x.grad, big.sum(), x @ x)',
      'a = torch.ones(3)',
    ].join('\n'),
    { stdout: (s) => void (printed += s) },
  );
  assert.equal(r.error, undefined);
  assert.equal(
    printed,
    "['cpu', 'wasm'] tensor([3., 5.]) tensor(65536.) tensor(8.5000, grad_fn=<DotBackward0>)\n",
  );
});
