// The esbuild recipe of docs/frameworks.md: bundle the app code-split, as ES modules, with
// torchlet's Worker as a second entry point named `worker` (the kernel finds worker.js beside its
// chunk), and copy the package's .wasm files, where main.ts's configureKernel points.
import { copyFileSync, cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const here = dirname(new URL(import.meta.url).pathname);
const torchlet = dirname(createRequire(import.meta.url).resolve('torchlet/package.json'));
const out = join(here, 'dist');

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [join(here, 'main.ts'), { in: 'torchlet/worker.js', out: 'worker' }],
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  outdir: out,
  logLevel: 'warning',
});
cpSync(join(torchlet, 'dist/wasm'), join(out, 'wasm'), { recursive: true });
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));

// The same app without the worker entry (dist/no-worker-entry/): worker.js is missing, and the
// kernel starts its Worker from its own chunk instead.
const bare = join(out, 'no-worker-entry');
await build({
  entryPoints: [join(here, 'main.ts')],
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  outdir: bare,
  logLevel: 'warning',
});
cpSync(join(torchlet, 'dist/wasm'), join(bare, 'wasm'), { recursive: true });
copyFileSync(join(here, 'index.html'), join(bare, 'index.html'));
