// Runs bench/core/core.bench.ts as the library ships: bundled by esbuild (without dev-time helpers
// such as tsx's name-keeping wrappers around every closure), tfjs left as an external package.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// next to the source, so that node resolves @tensorflow/* from the project's node_modules
const outfile = join(process.cwd(), 'bench', 'core', `.bundle-${process.pid}.mjs`);
try {
  await build({
    entryPoints: ['bench/core/core.bench.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}
