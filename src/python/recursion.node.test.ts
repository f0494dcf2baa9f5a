// Runaway recursion ends as CPython's RecursionError, with CPython's collapsed traceback and no
// unhandled promise rejection; allocation errors state PyTorch's exact byte count.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runPy } from '../../test/python/run.js';
import { allocationError } from '../core/errors.js';

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

describe('recursion and allocation errors', () => {
  before(() => process.on('unhandledRejection', onRejection));
  after(() => process.off('unhandledRejection', onRejection));

  it("collapses repeated frames as CPython does: '[Previous line repeated 996 more times]'", async () => {
    const r = await runPy('def f():\n    return f()\nf()');
    assert.equal(
      r.error?.traceback,
      [
        'Traceback (most recent call last):',
        '  File "<cell>", line 3, in <module>',
        '    f()',
        ...Array(3).fill('  File "<cell>", line 2, in f\n    return f()'),
        '  [Previous line repeated 996 more times]',
        'RecursionError: maximum recursion depth exceeded',
      ].join('\n'),
    );
    // Frames that alternate are not collapsed: only a run of the same frame is.
    const mutual = await runPy('def a(n):\n    return b(n)\ndef b(n):\n    return a(n)\na(0)');
    assert.equal(mutual.error?.type, 'RecursionError');
    assert.ok(mutual.error!.traceback.length < 200_000);
  });

  it('`yield from` itself and a __hash__ that hashes itself: RecursionError, no unhandled rejection', async () => {
    const gen = await runPy('def g():\n    yield from g()\nlist(g())');
    assert.equal(gen.error?.type, 'RecursionError');
    assert.ok(gen.error!.traceback.length < 5000, `${gen.error!.traceback.length} characters of traceback`);
    const hash = await runPy('class A:\n    def __hash__(self):\n        return hash(self)\nhash(A())');
    assert.equal(hash.error?.type, 'RecursionError');
    assert.equal(hash.error?.message, 'maximum recursion depth exceeded');
    assert.match(hash.error!.traceback, /\[Previous line repeated \d+ more times\]/);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(rejections.map(String), []);
  });

  it('states the exact byte count of an impossible allocation, and CUDA the way PyTorch does', async () => {
    const r = await runPy('import torch\ntorch.empty(2**62)');
    assert.equal(r.error?.type, 'MemoryError');
    assert.equal(
      r.error?.message,
      'DefaultCPUAllocator: not enough memory: you tried to allocate 18446744073709551616 bytes.',
    );
    const big = await runPy('import torch\ntorch.zeros(3, 2**60, dtype=torch.float64)');
    assert.match(big.error!.message, /allocate 27670116110564327424 bytes/);
    assert.equal(
      allocationError([2 ** 40], 4, 'cuda').message,
      'CUDA out of memory. Tried to allocate 4096.00 GiB (GPU 0)',
    );
    assert.equal(
      allocationError([3, 1024, 1024], 4, 'cuda:0').message,
      'CUDA out of memory. Tried to allocate 12.00 MiB (GPU 0)',
    );
    assert.doesNotMatch(allocationError([2 ** 40], 4, 'cuda').message, /DefaultCPUAllocator/);
  });
});
