// The editor's completions in Node (CodeMirror's state needs no DOM): torch's names from the
// generated data, with signature and doc line, after `torch.`, a tensor and `F.`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { torchCompletions } from './completions.js';

const at = (doc: string) =>
  torchCompletions(new CompletionContext(EditorState.create({ doc }), doc.length, false));
const option = (doc: string, label: string) => at(doc)?.options.find((o) => o.label === label);

describe('torch completions', () => {
  it('offer torch functions, Tensor methods and nn.functional with their signature and doc line', () => {
    assert.deepEqual(option('y = torch.cums', 'cumsum'), {
      label: 'cumsum',
      type: 'function',
      detail: '(input, dim, *, dtype=None, out=None)',
      info: 'running sum along dim (ints as int64)',
    });
    assert.deepEqual(option('y = x.cum', 'cumsum'), {
      label: 'cumsum',
      type: 'method',
      detail: '(dim, *, dtype=None)',
      info: 'running sum along dim (ints as int64)',
    });
    assert.equal(option('F.mse', 'mse_loss')?.type, 'function');
    assert.equal(option('torch.nn.functional.so', 'softmax')?.detail, '(input, dim, dtype=None)');
    assert.equal(option('x.gr', 'grad')?.type, 'property');
    assert.equal(option('torch.fl', 'float32')?.type, 'constant');
    assert.equal(at('torch.cums')?.from, 'torch.'.length);
  });

  it('offer the timeit module’s names', () => {
    assert.equal(option('timeit.ti', 'timeit')?.type, 'function');
    assert.equal(option('timeit.T', 'Timer')?.type, 'class');
  });

  it('offer the names of the standard modules lessons import, each one that module has', async () => {
    assert.equal(option('random.sh', 'shuffle')?.type, 'function');
    assert.equal(option('collections.C', 'Counter')?.type, 'class');
    assert.equal(option('itertools.pro', 'product')?.type, 'class');
    assert.equal(option('functools.re', 'reduce')?.type, 'function');
    assert.equal(option('math.s', 'sqrt')?.type, 'function');
    // every name offered exists in the interpreter's module
    const { stdlibModules } = await import('../../python/stdlib.js');
    for (const name of ['math', 'random', 'collections', 'itertools', 'functools']) {
      const module = await stdlibModules.get(name)!({ state: new Map(), onCellEnd: () => {} } as never);
      for (const c of at(`${name}.`)!.options) assert.ok(module.dict.has(c.label), `${name}.${c.label}`);
    }
  });

  it('offer nothing after a number’s dot', () => {
    assert.equal(at('x = 1.'), null);
  });
});
