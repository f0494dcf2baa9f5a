// Runs in Chromium (bench/train/browser.mjs opens it): bench/train's workloads in torchlet's
// interpreter on the page's cpu device as students have it (tfjs's JS cpu backend, wasm once tensors
// are big: src/core/device.ts). Prints
// `backend NAME` and `name ms ms …` lines to window.__benchResult.
import { deviceBackends, initCpuDevice } from '../../src/core/device.js';
import { publishBenchResult } from '../lib/bench-page.js';
import { timeWorkloads } from './workloads.js';

const params = new URLSearchParams(location.search);
const names = (params.get('workloads') ?? 'xor,linreg').split(',');
const repeats = Number(params.get('repeats') ?? 7);

async function main(): Promise<string> {
  await initCpuDevice();
  const sources = await Promise.all(
    names.map(async (name) => ({ name, code: await (await fetch(`./${name}.py`)).text() })),
  );
  const times = await timeWorkloads(sources, repeats);
  const lines = [`backend ${deviceBackends().cpu ?? '?'}`];
  for (const [name, ms] of times) lines.push(`${name} ${ms.map((t) => t.toFixed(2)).join(' ')}`);
  return lines.join('\n') + '\n';
}

publishBenchResult(main());
