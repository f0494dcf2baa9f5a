// Runs bench/core/core.bench.ts as the library ships: bundled by esbuild (without dev-time helpers
// such as tsx's name-keeping wrappers around every closure), tfjs left as an external package.
import { pathToFileURL } from 'node:url';
import { bundleForNode } from '../lib/bundle-for-node.mjs';

const outfile = await bundleForNode(new URL('./core.bench.ts', import.meta.url), 'core');
await import(pathToFileURL(outfile).href);
