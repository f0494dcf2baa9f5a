// webpack 5's production build of main.js with webpack's defaults, through its Node API (no
// webpack-cli), then index.html beside the bundle. Prints webpack's warnings and errors, one line
// each, and nothing else.
import { copyFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import webpack from 'webpack';

const here = dirname(new URL(import.meta.url).pathname);
const out = join(here, 'dist');
rmSync(out, { recursive: true, force: true });

const stats = await new Promise((resolve, reject) =>
  webpack(
    {
      mode: 'production',
      context: here,
      entry: './main.js',
      output: { path: out, publicPath: 'auto' },
    },
    (error, result) => (error ? reject(error) : resolve(result)),
  ),
);
const { warnings, errors } = stats.toJson({ all: false, warnings: true, errors: true });
for (const [kind, items] of [
  ['error', errors],
  ['warning', warnings],
])
  for (const item of items)
    console.log(`${kind}: ${item.moduleName ? `${item.moduleName}: ` : ''}${item.message.split('\n')[0]}`);
if (errors.length) process.exitCode = 1;
else copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
