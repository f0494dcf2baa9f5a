// Runs in Chromium (bench/loop-vs-vector/browser.mjs opens it): one of this folder's Python files
// (`?file=`, sum_squares_timeit.py by default) in torchlet's interpreter on the page's cpu device as
// students have it (tfjs's JS cpu backend, wasm once tensors are big: src/core/device.ts). Puts
// `backend NAME` and the file's `N loop_seconds vector_seconds` lines in window.__benchResult.
import { deviceBackends, initCpuDevice } from '../../src/core/device.js';
import { publishBenchResult } from '../lib/bench-page.js';
import { PythonSession } from '../../src/python/index.js';

const file = new URLSearchParams(location.search).get('file') ?? 'sum_squares_timeit.py';

async function main(): Promise<string> {
  if (!/^[\w-]+\.py$/.test(file)) throw new Error(`not a file of this folder: ${file}`);
  await initCpuDevice();
  const code = await (await fetch(`./${file}`)).text();
  let printed = '';
  const result = await new PythonSession().run(code, { stdout: (text) => void (printed += text) });
  if (!result.ok) throw new Error(result.error?.traceback);
  return `backend ${deviceBackends().cpu ?? '?'}\n${printed}`;
}

publishBenchResult(main());
