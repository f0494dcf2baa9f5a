// The esbuild recipe of docs/frameworks.md: bundle the app (code-split, as ES modules), and copy
// the package's dist/cdn/ folder (the kernel's Worker, its chunks and the .wasm files) beside it,
// where main.ts's setBasePath points.
import { copyFileSync, cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const here = dirname(new URL(import.meta.url).pathname);
const torchlet = dirname(createRequire(import.meta.url).resolve('torchlet/package.json'));
const out = join(here, 'dist');

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [join(here, 'main.ts')],
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  outdir: out,
  logLevel: 'warning',
});
cpSync(join(torchlet, 'dist/cdn'), join(out, 'torchlet'), { recursive: true });
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
