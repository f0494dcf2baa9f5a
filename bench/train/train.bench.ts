// Runs bench/train's workloads in torchlet's interpreter (Node) on the given tfjs backend, each
// `--repeats` times in a fresh session, and prints one line per workload: `name ms ms ms …`.
// Bundled and called by run.mjs; the page index.html runs the same workloads in Chromium.
import { readFileSync } from 'node:fs';
import { loadBackend, useBackend, type BackendName } from '../../src/core/backends.js';
import { setDeviceBackend } from '../../src/core/device.js';
import { timeWorkloads } from './workloads.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const wanted = (arg('backend') ?? 'wasm') as BackendName;
const backend: BackendName = (await loadBackend(wanted)) ? wanted : 'cpu';
if (backend === 'cpu') await loadBackend('cpu');
useBackend(backend);
// in Node the cpu device defaults to tfjs's JS backend: pin it to the one asked for (students' is wasm)
setDeviceBackend('cpu', backend);
const dir = arg('dir')!;
const names = arg('workloads')!.split(',');
const sources = names.map((name) => ({ name, code: readFileSync(`${dir}/${name}.py`, 'utf8') }));
try {
  const times = await timeWorkloads(sources, Number(arg('repeats') ?? 7));
  process.stdout.write(`backend ${backend}\n`);
  for (const [name, ms] of times) process.stdout.write(`${name} ${ms.map((t) => t.toFixed(2)).join(' ')}\n`);
} catch (e) {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
}
