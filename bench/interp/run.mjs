// Bundles the interpreter benchmark with esbuild as a production build would (no keepNames
// wrappers that tsx adds to every closure) and runs it. Usage: npm run bench:interp [-- --repeats=3]
import { spawnSync } from 'node:child_process';
import { bundleForNode } from '../lib/bundle-for-node.mjs';

const outfile = await bundleForNode(new URL('./interp.bench.ts', import.meta.url), 'interp');
const workloads = new URL('./workloads.py', import.meta.url).pathname;
const run = spawnSync(process.execPath, [outfile, `--workloads=${workloads}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
