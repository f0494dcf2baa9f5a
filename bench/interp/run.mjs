// Bundles the interpreter benchmark with esbuild as a production build would (no keepNames
// wrappers that tsx adds to every closure) and runs it. Usage: npm run bench:interp [-- --repeats=3]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const outfile = join(tmpdir(), 'torchlet-bench-interp.mjs');
await build({
  entryPoints: [new URL('./interp.bench.ts', import.meta.url).pathname],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'es2022',
  outfile,
  logLevel: 'warning',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
const workloads = new URL('./workloads.py', import.meta.url).pathname;
const run = spawnSync(process.execPath, [outfile, `--workloads=${workloads}`, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
