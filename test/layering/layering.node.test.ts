// The layering rule fails `npm run lint` on an import that points up a floor, type imports too.
// Lints source strings as if they stood at real paths, with the project's own eslint config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function layeringErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

test('an upward import fails, a type-only one too', async () => {
  const upward = [
    [
      'src/core/fixture.ts',
      "import { PythonSession } from '../python/index.js';\nexport const s = PythonSession;\n",
    ],
    [
      'src/core/fixture.ts',
      "import type { PyValue } from '../python/objects.js';\nexport type V = PyValue;\n",
    ],
    [
      'src/python/fixture.ts',
      "import type { KernelEvent } from '../kernel/protocol.js';\nexport type E = KernelEvent;\n",
    ],
    [
      'src/kernel/fixture.ts',
      "export { TensorPlayground } from '../elements/tensor-playground/tensor-playground.js';\n",
    ],
    [
      'src/protocol/fixture.ts',
      "import type { Tensor } from '../core/tensor.js';\nexport type T = Tensor;\n",
    ],
    ['src/plot/fixture.ts', "export const load = () => import('../kernel/client.js');\n"],
  ];
  for (const [path, code] of upward) {
    const errors = await layeringErrors(path, code);
    assert.equal(errors.length, 1, `${path}: ${code}`);
    assert.match(errors[0], /imports point one way/);
  }
});

test('downward and sideways imports pass', async () => {
  const allowed = [
    ['src/python/fixture.ts', "import { Tensor } from '../core/tensor.js';\nexport const t = Tensor;\n"],
    [
      'src/kernel/fixture.ts',
      "import type { RunOptions } from '../protocol/run.js';\nexport type R = RunOptions;\n",
    ],
    [
      'src/elements/fixture.ts',
      "import { createKernelClient } from '../kernel/client.js';\nexport const c = createKernelClient;\n",
    ],
    ['src/python/modules/fixture.ts', "import { None } from '../objects.js';\nexport const n = None;\n"],
  ];
  for (const [path, code] of allowed)
    assert.deepEqual(await layeringErrors(path, code), [], `${path}: ${code}`);
});
