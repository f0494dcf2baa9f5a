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

/** One build of the app into `outdir`, with the page and a copy of the .wasm files. */
async function buildApp(entryPoints, outdir) {
  await build({
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    outdir,
    logLevel: 'warning',
  });
  cpSync(join(torchlet, 'dist/wasm'), join(outdir, 'wasm'), { recursive: true });
  copyFileSync(join(here, 'index.html'), join(outdir, 'index.html'));
}

rmSync(out, { recursive: true, force: true });
await buildApp([join(here, 'main.ts'), { in: 'torchlet/worker.js', out: 'worker' }], out);
// The same app without the worker entry (dist/no-worker-entry/): worker.js is missing, and the
// kernel starts its Worker from its own chunk instead.
await buildApp([join(here, 'main.ts')], join(out, 'no-worker-entry'));
