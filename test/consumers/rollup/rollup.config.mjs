// The rollup recipe of docs/frameworks.md: resolve and bundle the package and its CommonJS
// dependencies, and copy the package's dist/cdn/ folder (the kernel's Worker, its chunks and the
// .wasm files) beside the app, where main.js's setBasePath points.
import { copyFileSync, cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const here = dirname(new URL(import.meta.url).pathname);
const torchlet = dirname(createRequire(import.meta.url).resolve('torchlet/package.json'));

export default {
  input: join(here, 'main.js'),
  output: { dir: join(here, 'dist'), format: 'es' },
  plugins: [
    nodeResolve({ browser: true }),
    commonjs(),
    {
      name: 'copy-torchlet-files',
      writeBundle() {
        cpSync(join(torchlet, 'dist/cdn'), join(here, 'dist/torchlet'), { recursive: true });
        copyFileSync(join(here, 'index.html'), join(here, 'dist/index.html'));
      },
    },
  ],
};
