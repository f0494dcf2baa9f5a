// Runs bench/train's workloads in torchlet's interpreter (Node), each `--repeats` times in a fresh
// session, and prints one line per workload: `name ms ms ms …`. The cpu device follows the
// browser's rule by default (src/core/device.ts: tfjs's JS cpu backend, wasm once tensors are big:
// these small models stay on JS cpu, as students get them); `--backend=NAME` pins one backend.
// Bundled and called by run.mjs; the page index.html runs the same workloads in Chromium.
import { readFileSync } from 'node:fs';
import type { BackendName } from '../../src/core/backends.js';
import { setUpCpuDevice } from '../lib/cpu-device.js';
import { timeWorkloads } from './workloads.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const wanted = arg('backend') as BackendName | 'rule' | undefined;
const ranOn = await setUpCpuDevice(wanted === 'rule' ? undefined : wanted);
const dir = arg('dir')!;
const names = arg('workloads')!.split(',');
const sources = names.map((name) => ({ name, code: readFileSync(`${dir}/${name}.py`, 'utf8') }));
try {
  const times = await timeWorkloads(sources, Number(arg('repeats') ?? 7));
  process.stdout.write(`backend ${ranOn()}\n`);
  for (const [name, ms] of times) process.stdout.write(`${name} ${ms.map((t) => t.toFixed(2)).join(' ')}\n`);
} catch (e) {
  process.stderr.write(`${String(e)}\n`);
  process.exit(1);
}
