// The rollup recipe of docs/frameworks.md: resolve and bundle the package and its CommonJS
// dependencies, with torchlet's Worker as a second input named `worker` (the kernel finds
// worker.js beside its chunk), and copy the package's .wasm files, where main.js's
// configureKernel points.
import { copyFileSync, cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const here = dirname(new URL(import.meta.url).pathname);
const torchlet = dirname(createRequire(import.meta.url).resolve('torchlet/package.json'));

export default {
  input: { main: join(here, 'main.js'), worker: 'torchlet/worker.js' },
  output: { dir: join(here, 'dist'), format: 'es' },
  plugins: [
    nodeResolve({ browser: true }),
    commonjs(),
    {
      name: 'copy-torchlet-files',
      writeBundle() {
        cpSync(join(torchlet, 'dist/wasm'), join(here, 'dist/wasm'), { recursive: true });
        copyFileSync(join(here, 'index.html'), join(here, 'dist/index.html'));
      },
    },
  ],
};
