// Runs sum_squares.py in torchlet's interpreter (Node) and prints its lines (N loop_seconds
// vector_seconds). The cpu device follows the browser's rule by default (src/core/device.ts: tfjs's
// JS cpu backend, wasm from a tensor of 2^16 values or a product of 2^21 multiply-adds), so N = 10^3
// and 10^4 run on JS cpu and 10^5 on wasm, as students get them; `--backend=NAME` pins one backend.
// Bundled and called by run.mjs.
import { readFileSync } from 'node:fs';
import type { BackendName } from '../../src/core/backends.js';
import { PythonSession } from '../../src/python/index.js';
import { setUpCpuDevice } from '../lib/cpu-device.js';

const file = process.argv.find((a) => a.startsWith('--file='))!.split('=')[1];
const wanted = process.argv.find((a) => a.startsWith('--backend='))?.split('=')[1] as BackendName | undefined;
const ranOn = await setUpCpuDevice(wanted);
const session = new PythonSession();
let printed = '';
const result = await session.run(readFileSync(file, 'utf8'), {
  stdout: (text) => void (printed += text),
});
if (!result.ok) {
  process.stderr.write(`torchlet failed: ${result.error?.traceback}\n`);
  process.exit(1);
}
process.stdout.write(`backend ${ranOn()}\n${printed}`);
