// Interpreter speed against CPython: runs bench/interp/workloads.py under `python3` and under
// torchlet's interpreter (Node, same machine, one run) and prints each workload's ratio of CPU time.
// Usage: npm run bench:interp [-- --repeats=3]
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PythonSession } from '../../src/python/index.js';

const fileArg = process.argv.find((a) => a.startsWith('--workloads='));
const file = fileArg ? fileArg.split('=')[1] : fileURLToPath(new URL('./workloads.py', import.meta.url));
const source = readFileSync(file, 'utf8');
const repeatsArg = process.argv.find((a) => a.startsWith('--repeats='));
const repeats = repeatsArg ? Number(repeatsArg.split('=')[1]) : 3;

function parse(out: string): Map<string, number> {
  const times = new Map<string, number>();
  for (const line of out.trim().split('\n')) {
    const [name, seconds] = line.split(' ');
    times.set(name, Number(seconds));
  }
  return times;
}

function best(runs: Map<string, number>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of runs) for (const [k, v] of r) out.set(k, Math.min(out.get(k) ?? Infinity, v));
  return out;
}

async function ours(): Promise<Map<string, number>> {
  const session = new PythonSession();
  const definitions = source.slice(0, source.indexOf('# --- driver'));
  const fail = (r: { ok: boolean; error?: { traceback: string } }) => {
    if (!r.ok) throw new Error(`torchlet failed: ${r.error?.traceback}`);
  };
  fail(await session.run(definitions, { silent: true }));
  const names = await session.run('[(name, arg) for name, fn, arg in workloads]', {
    wantValue: true,
    silent: true,
  });
  fail(names);
  const times = new Map<string, number>();
  for (const [name, arg] of names.value as [string, number][]) {
    // As the CPython driver does: data from `setups` is made before the clock starts.
    fail(
      await session.run(
        `__data = setups[${JSON.stringify(name)}](${arg}) if ${JSON.stringify(name)} in setups else ${arg}`,
        {
          silent: true,
        },
      ),
    );
    const t0 = process.cpuUsage();
    fail(await session.run(`${name}(__data)`, { silent: true }));
    const dt = process.cpuUsage(t0);
    times.set(name, (dt.user + dt.system) / 1e6);
    fail(await session.run('del __data', { silent: true }));
  }
  return times;
}

function cpython(): Map<string, number> | undefined {
  const r = spawnSync('python3', [file], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return parse(r.stdout);
}

const oursRuns: Map<string, number>[] = [];
const cpyRuns: Map<string, number>[] = [];
for (let i = 0; i < repeats; i++) {
  // Interleaved, so a busy machine slows both alike.
  const c = cpython();
  if (c) cpyRuns.push(c);
  oursRuns.push(await ours());
}
const o = best(oursRuns);
const c = cpyRuns.length ? best(cpyRuns) : undefined;
console.log(
  `interpreter benchmark (best of ${repeats}; ratio = torchlet time / CPython time, target: geometric mean <= 2.5, no workload above 4)`,
);
console.log(
  'workload'.padEnd(16) + 'torchlet s'.padStart(12) + 'CPython s'.padStart(12) + 'ratio'.padStart(8),
);
let logSum = 0;
let totalOurs = 0;
let totalCpy = 0;
for (const [name, t] of o) {
  const ct = c?.get(name);
  totalOurs += t;
  if (ct !== undefined) {
    totalCpy += ct;
    logSum += Math.log(t / ct);
  }
  console.log(
    name.padEnd(16) +
      t.toFixed(4).padStart(12) +
      (ct === undefined ? 'n/a' : ct.toFixed(4)).padStart(12) +
      (ct === undefined ? '' : (t / ct).toFixed(2)).padStart(8),
  );
}
if (c) {
  console.log(
    `total ratio ${(totalOurs / totalCpy).toFixed(2)}, geometric mean ratio ${Math.exp(logSum / o.size).toFixed(2)}`,
  );
} else console.log('python3 not found: CPython column unavailable');
