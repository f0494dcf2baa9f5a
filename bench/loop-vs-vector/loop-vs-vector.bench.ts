// Runs sum_squares.py in torchlet's interpreter (Node) on the given tfjs backend and prints its
// lines (N loop_seconds vector_seconds). Bundled and called by run.mjs.
import { readFileSync } from 'node:fs';
import { loadBackend, useBackend, type BackendName } from '../../src/core/backends.js';
import { setDeviceBackend } from '../../src/core/device.js';
import { PythonSession } from '../../src/python/index.js';

const file = process.argv.find((a) => a.startsWith('--file='))!.split('=')[1];
const wanted = (process.argv.find((a) => a.startsWith('--backend='))?.split('=')[1] ?? 'wasm') as BackendName;
const backend: BackendName = (await loadBackend(wanted)) ? wanted : 'cpu';
if (backend === 'cpu') await loadBackend('cpu');
useBackend(backend);
// Tensors on the "cpu" device run on this backend, as in the browser (where "cpu" is wasm); in Node
// the cpu device would otherwise take the JS cpu backend that tfjs registers alongside wasm.
setDeviceBackend('cpu', backend);
const session = new PythonSession();
let printed = '';
const result = await session.run(readFileSync(file, 'utf8'), {
  stdout: (text) => void (printed += text),
});
if (!result.ok) {
  process.stderr.write(`torchlet failed: ${result.error?.traceback}\n`);
  process.exit(1);
}
process.stdout.write(`backend ${backend}\n${printed}`);
