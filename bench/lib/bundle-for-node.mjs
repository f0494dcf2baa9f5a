// Bundles a Node bench entry with esbuild as a production build would (no keepNames wrappers that
// tsx adds to every closure), so the interpreter is timed as students run it.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

// Inside this checkout's node_modules: each worktree gets its own file (not one shared name in
// /tmp), and the external TensorFlow.js packages resolve from there.
const outDir = fileURLToPath(new URL('../../node_modules/.cache/torchlet-bench/', import.meta.url));

/** Writes `entry` (a .ts file URL) bundled to an .mjs file and returns its path. */
export async function bundleForNode(entry, name) {
  const outfile = `${outDir}${name}.mjs`;
  await build({
    entryPoints: [entry.pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    outfile,
    logLevel: 'warning',
    // TensorFlow.js stays as its Node packages: the wasm backend's Emscripten loader finds its
    // .wasm next to its own file (__dirname), which a bundle in another folder has not.
    external: ['@tensorflow/*'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return outfile;
}
