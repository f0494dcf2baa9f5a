// The op table: every declaration gives the Tensor method and/or torch function it says, with its
// signature and doc line; names are unique across families; torch.f(x) checks x as PyTorch does.
import { PyLazyAttribute } from '../../lazy-attribute.js';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initDevices } from '../../../core/index.js';
import { PythonSession } from '../../index.js';
import { NativeFunction, PyModule, type SessionContext } from '../../objects.js';
import { stdlibModules } from '../../stdlib.js';
import '../torch.js';
import { functionParams } from './op.js';
import { TENSOR_OP_FAMILIES, TENSOR_OPS, TORCH_FUNCTION_FAMILIES, TORCH_FUNCTIONS } from './ops/index.js';
import { tensorType } from './tensor-type.js';

async function torchModule(): Promise<PyModule> {
  const ctx = {
    state: new Map(),
    device: 'cpu',
    importModule: async () => null,
  } as unknown as SessionContext;
  return (await stdlibModules.get('torch')!(ctx)) as PyModule;
}

before(async () => {
  await initDevices();
});

describe('torch op table', () => {
  it('declares each method once and each function once across the families', () => {
    const once = (names: string[]) => names.filter((n, i) => names.indexOf(n) !== i);
    const functions = Object.entries(TENSOR_OPS).filter(([, op]) => op.kind !== 'method');
    assert.deepEqual(once(TENSOR_OP_FAMILIES.flatMap(Object.keys)), []);
    assert.deepEqual(
      once([...functions.map(([n]) => n), ...TORCH_FUNCTION_FAMILIES.flatMap(Object.keys)]),
      [],
    );
  });

  it('makes the Tensor methods and torch functions it declares, and no others', async () => {
    const torch = await torchModule();
    // torch.nn loads on first read
    const nn = (await (torch.dict.get('nn') as PyLazyAttribute).resolve(torch, 'nn')) as PyModule;
    const functional = nn.dict.get('functional') as PyModule;
    for (const [name, op] of Object.entries(TENSOR_OPS)) {
      const method = tensorType.dict.get(name);
      assert.equal(method instanceof NativeFunction, op.kind !== 'function', `Tensor.${name}`);
      if (method instanceof NativeFunction) {
        assert.equal(method.signature, op.params ? `(self, ${op.params})` : '(self)');
        assert.equal(method.doc, op.doc);
      }
      const modules = op.kind === 'method' ? [] : (op.modules ?? ['torch']);
      const fn = torch.dict.get(name);
      assert.equal(
        fn instanceof NativeFunction && fn.signature === `(${functionParams(op)})`,
        modules.includes('torch'),
        `torch.${name}`,
      );
      assert.equal(
        functional.dict.has(name),
        modules.includes('torch.nn.functional'),
        `torch.nn.functional.${name}`,
      );
    }
    for (const [name, f] of Object.entries(TORCH_FUNCTIONS)) {
      const where = f.modules ?? ['torch'];
      const fn = (where.includes('torch') ? torch : functional).dict.get(name);
      assert.ok(fn instanceof NativeFunction, name);
      assert.equal(fn.signature, `(${f.params})`);
      assert.equal(fn.doc, f.doc);
    }
  });

  it('gives a function and a method the same result and PyTorch’s error for a non-tensor input', async () => {
    const s = new PythonSession();
    let out = '';
    const r = await s.run(
      [
        'import torch',
        'x = torch.tensor([[3., 1.], [2., 4.]])',
        'print(torch.sum(x, 1), x.sum(dim=1), torch.add(2, x)[0], torch.sort(x).indices)',
        'try:\n    torch.sum([1, 2])\nexcept TypeError as e:\n    print(e)',
        'try:\n    torch.sin(3)\nexcept TypeError as e:\n    print(e)',
      ].join('\n'),
      { stdout: (t) => (out += t) },
    );
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.equal(
      out,
      [
        'tensor([4., 6.]) tensor([4., 6.]) tensor([5., 3.]) tensor([[1, 0],\n        [0, 1]])',
        "sum(): argument 'input' (position 1) must be Tensor, not list",
        "sin(): argument 'input' (position 1) must be Tensor, not int",
        '',
      ].join('\n'),
    );
  });

  // The recipe's example (docs/architecture.md): one entry in ops/reduction.ts, core.cumsum, this test.
  it('cumsum: PyTorch’s values, dtypes, gradients and errors, as a function and a method', async () => {
    const s = new PythonSession();
    let out = '';
    const r = await s.run(
      [
        'import torch',
        'print(torch.cumsum(torch.tensor([1, 2, 3]), 0), torch.tensor([True, False, True]).cumsum(0))',
        'print(torch.arange(6).reshape(2, 3).cumsum(dim=1))',
        'print(torch.cumsum(torch.tensor([1, 2, 3]), 0, dtype=torch.float64), torch.tensor(5.).cumsum(0))',
        'x = torch.tensor([1., 2., 3.], requires_grad=True)',
        'y = x.cumsum(-1)',
        'y.sum().backward()',
        'print(y, x.grad)',
        'w = torch.ones(2, 2, requires_grad=True)',
        '(w.cumsum(0) * torch.tensor([[1., 2.], [3., 4.]])).sum().backward()',
        'print(w.grad)',
        'def error(f):',
        '    try:',
        '        f()',
        '    except (IndexError, TypeError) as e:',
        '        print(type(e).__name__, e)',
        'error(lambda: torch.tensor([1, 2]).cumsum(1))',
        'error(lambda: torch.cumsum([1, 2], 0))',
      ].join('\n'),
      { stdout: (t) => (out += t) },
    );
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.equal(
      out,
      [
        'tensor([1, 3, 6]) tensor([1, 1, 2])',
        'tensor([[ 0,  1,  3],\n        [ 3,  7, 12]])',
        'tensor([1., 3., 6.], dtype=torch.float64) tensor(5.)',
        'tensor([1., 3., 6.], grad_fn=<CumsumBackward0>) tensor([3., 2., 1.])',
        'tensor([[4., 6.],\n        [3., 4.]])',
        'IndexError Dimension out of range (expected to be in range of [-1, 0], but got 1)',
        "TypeError cumsum(): argument 'input' (position 1) must be Tensor, not list",
        '',
      ].join('\n'),
    );
  });
});
