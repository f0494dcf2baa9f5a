// Bundles a Node bench entry with esbuild as a production build would (no keepNames wrappers that
// tsx adds to every closure), so the interpreter is timed as students run it.
import { build } from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes `entry` (a .ts file URL) bundled to a temporary .mjs file and returns its path. */
export async function bundleForNode(entry, name) {
  const outfile = join(tmpdir(), `torchlet-bench-${name}.mjs`);
  await build({
    entryPoints: [entry.pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    outfile,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return outfile;
}
