// After the build: makes dist/cdn/ the npm package @torchlet/cdn, the self-contained build that
// a page loads with one <script type="module"> from jsDelivr or unpkg (bundlers install torchlet,
// whose ES modules leave their dependencies to the app). Two packages keep an app's install small:
// the CDN build carries tfjs's four backends, the editor, KaTeX and Markdown, bundled.
// Writes its package.json, README.md and LICENSE.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = 'dist/cdn';
if (!existsSync(join(OUT, 'torchlet.js'))) {
  console.error('cdn-package: dist/cdn/torchlet.js is missing: run the build first.');
  process.exit(1);
}
const main = JSON.parse(readFileSync('package.json', 'utf8'));

// The entry's types are torchlet's own (torchlet.d.ts, written by the build: see emitEntryTypes in
// rollup.config.mjs), not a second copy of every declaration.
rmSync(join(OUT, 'types'), { recursive: true, force: true });
if (!existsSync(join(OUT, 'torchlet.d.ts'))) {
  console.error('cdn-package: dist/cdn/torchlet.d.ts is missing: run the build first.');
  process.exit(1);
}

const pkg = {
  name: '@torchlet/cdn',
  version: main.version,
  description:
    "torchlet's self-contained build for a <script type=\"module\"> tag: every element, the kernel's Worker and tfjs's .wasm files, loaded from one folder. Bundled apps install torchlet instead.",
  license: main.license,
  type: 'module',
  repository: main.repository,
  keywords: main.keywords,
  main: 'torchlet.js',
  module: 'torchlet.js',
  types: 'torchlet.d.ts',
  exports: {
    '.': { types: './torchlet.d.ts', default: './torchlet.js' },
    './torchlet.js': { types: './torchlet.d.ts', default: './torchlet.js' },
    './embed-host.js': './embed-host.js',
    './package.json': './package.json',
  },
  // The studio and its sample lessons are the project site's (see .github/workflows/pages.yml).
  files: ['*.js', '*.wasm', '*.html', 'torchlet.d.ts', 'README.md', 'LICENSE', '!studio*', '!*.map'],
  peerDependencies: { torchlet: main.version },
  peerDependenciesMeta: { torchlet: { optional: true } },
  sideEffects: true,
};
writeFileSync(join(OUT, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
copyFileSync('LICENSE', join(OUT, 'LICENSE'));
writeFileSync(
  join(OUT, 'README.md'),
  `# @torchlet/cdn

The build of [torchlet](https://github.com/torchlet/torchlet) for pages without a bundler: a lesson
page, a blog post, an LMS page that keeps scripts. One tag registers every element; the kernel's
Worker, its chunks and tfjs's \`.wasm\` files load from the same folder when a cell first needs them.

\`\`\`html
<script type="module" src="https://cdn.jsdelivr.net/npm/@torchlet/cdn@${main.version}/torchlet.js"></script>

<tensor-playground>
  <script type="text/x-python">
import torch
print(torch.ones(2) * 3)
  </script>
</tensor-playground>
\`\`\`

To host the files yourself, copy this package's folder to your site and load its \`torchlet.js\`.
A TypeScript module that imports this build gets its types from the \`torchlet\` package: install it
beside this one.
Apps built with Vite, webpack, Parcel or another bundler install \`torchlet\` instead. Pages that
keep no scripts at all (Canvas, Blackboard Ultra, D2L, Notion) embed \`embed.html\` in an iframe.
torchlet's README and docs/ say more.
`,
);
console.log(`cdn-package: ${OUT}/ is @torchlet/cdn ${main.version}`);
