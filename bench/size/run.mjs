// `npm run size`: gzip sizes of the CDN build (dist/cdn, from `npm run build`), followed the way a
// browser fetches it: the import graph of torchlet.js and worker.js, static and dynamic imports.
//   1. before the first run: torchlet.js, its static imports and the highlighter a cell shows its
//      code with (the editor, the Worker and tfjs come later)        target ≤ 80 KB
//   2. running the cells of a cpu-only lesson without editing them: everything reachable from
//      torchlet.js and worker.js (kernel, interpreter, every Python module, tfjs-core and its JS
//      cpu backend) but the editor (CodeMirror loads on the first focus, click or key press in a
//      cell's code) and the wasm, webgl and webgpu backends             target ≤ 250 KB
//   3. the same lesson for a student who edits: 2 and the editor (no target of its own)
//   4. embed.html before the first run of a #code=… embed: the page, embed.js, the playground part
//      and the highlighter        target ≤ 1 plus a page's own HTML (a page with torchlet.js and one cell)
// Printed as ours vs target, with the chunks of each group and, for reference, what the optional
// backends add. Then the npm tarballs' sizes (`npm pack --dry-run`): torchlet by folder, and
// @torchlet/cdn (dist/cdn/, made by scripts/cdn-package.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';

const DIR = 'dist/cdn';
const KB = 1024;
const TARGETS = { first: 80 * KB, cpuLesson: 250 * KB };

if (!existsSync(join(DIR, 'torchlet.js'))) {
  console.error('dist/cdn/torchlet.js is missing: run `npm run build` first.');
  process.exit(1);
}

const gz = new Map();
function gzipSize(file) {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(DIR, file)), { level: 9 }).length);
  return gz.get(file);
}

/** The relative imports of a built chunk: static (`import … from "./x.js"`) and dynamic (`import("./x.js")`). */
function importsOf(file) {
  const code = readFileSync(join(DIR, file), 'utf8');
  const dynamic = [...code.matchAll(/import\(\s*["']\.\/([^"']+\.js)["']\s*\)/g)].map((m) => m[1]);
  const all = [...code.matchAll(/(?:from|import)\s*\(?\s*["']\.\/([^"']+\.js)["']/g)].map((m) => m[1]);
  return { static: all.filter((f) => !dynamic.includes(f)), dynamic };
}

function closure(roots, { dynamic = false, skip = () => false } = {}) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file) || skip(file)) continue;
    seen.add(file);
    const imports = importsOf(file);
    stack.push(...imports.static, ...(dynamic ? imports.dynamic : []));
  }
  return seen;
}

const chunks = readdirSync(DIR).filter((f) => f.endsWith('.js'));
const named = (prefix) => chunks.filter((f) => f.startsWith(`${prefix}-`));
const optionalBackend = (file) => /^tfjs-backend-(wasm|webgl|webgpu)-/.test(file);
// Chunks only some pages load: a playground's Share panel, the sanitizer-safe markup upgrade.
const optionalFeature = (file) => /^(share|markup)-/.test(file);

const first = closure(['torchlet.js', ...named('highlight')]);
// embed.html (an iframe embed) for its common fragment, code cells (#code=…): the page, embed.js
// and its static imports, the playground part it imports for code cells (other fragments import
// all of torchlet.js) and the highlighter a cell shows its code with.
const embedImports = importsOf('embed.js');
const playgroundPart = embedImports.dynamic.filter((f) => f.startsWith('playground-part-'));
if (playgroundPart.length !== 1 || !embedImports.dynamic.includes('torchlet.js')) {
  console.error(
    "embed.js no longer imports the playground part for code cells: update bench/size/run.mjs's embed count.",
  );
  process.exit(1);
}
const embedFirst = closure(['embed.js', ...playgroundPart, ...named('highlight')]);
// <torchlet-lesson> (Markdown, sanitizer, KaTeX) loads only on pages that have one: counted apart.
const lessonChunk = (file) => /^torchlet-lesson-/.test(file);
const cpuLesson = closure(['torchlet.js', 'worker.js'], {
  dynamic: true,
  skip: (f) => optionalBackend(f) || optionalFeature(f) || lessonChunk(f),
});
// The editor's chunk (and CodeMirror's, which only it pulls in here) load when a student edits.
const editorChunk = (file) => /^editor-/.test(file);
const readerLesson = closure(['torchlet.js', 'worker.js'], {
  dynamic: true,
  skip: (f) => optionalBackend(f) || optionalFeature(f) || lessonChunk(f) || editorChunk(f),
});
const everything = closure(['torchlet.js', 'worker.js'], { dynamic: true, skip: lessonChunk });
const markdownLesson = [...closure(named('torchlet-lesson'), { dynamic: true })].filter(
  (f) => !everything.has(f),
);

const htmlSize = (file) => (existsSync(join(DIR, file)) ? gzipSize(file) : 0);
const total = (files) =>
  [...files].reduce((sum, f) => sum + gzipSize(f), 0) + (files === embedFirst ? htmlSize('embed.html') : 0);
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const list = (files) =>
  [...files]
    .sort((a, b) => gzipSize(b) - gzipSize(a))
    .map((f) => `${f.replace(/-[A-Za-z0-9_-]{8}\.js$/, '')} ${kb(gzipSize(f))}`)
    .join(', ');

// The embed page's target: a page holding torchlet.js and one cell (its own HTML, about 0.3 KB gzip).
const oneCellPage = gzipSync(
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>lesson</title><script type="module" src="https://cdn.jsdelivr.net/npm/@torchlet/cdn/torchlet.js"></script></head><body><h1>Tensors</h1><tensor-playground><script type="text/x-python">import torch\na = torch.tensor([1, 2, 3])\na.sum()</script></tensor-playground></body></html>',
  { level: 9 },
).length;
const rows = [
  ['before the first run', first, TARGETS.first],
  ['running cells, no editing', readerLesson, TARGETS.cpuLesson],
  ['embed.html before first run', embedFirst, total(first) + oneCellPage],
];
const editing = [...cpuLesson].filter((f) => !readerLesson.has(f));
console.log('torchlet CDN build, gzip -9 (dist/cdn)\n');
console.log('what                          ours        target      ours/target');
let failed = false;
for (const [what, files, target] of rows) {
  const size = total(files);
  failed ||= size > target;
  console.log(
    `${what.padEnd(30)}${kb(size).padEnd(12)}${kb(target).padEnd(12)}${(size / target).toFixed(2)} ${size <= target ? 'ok' : 'OVER'}`,
  );
}
console.log(
  `${'with the editor (all of it)'.padEnd(30)}${kb(total(cpuLesson)).padEnd(12)}(the editor adds ${kb(total(editing))}: ${list(editing)})`,
);
console.log('');
for (const [what, files] of rows) console.log(`${what}: ${list(files)}\n`);
console.log(
  `embed.html (page ${kb(htmlSize('embed.html'))}) vs a page with torchlet.js and one cell: ${kb(total(embedFirst))} vs ${kb(total(first) + oneCellPage)}\n`,
);

// Whose code the bytes are: each chunk's gzip size shared out by where its characters come from
// (its source map), so the dependencies' part of a target shows apart from ours.
const FAMILIES = [
  [/^(@codemirror\/|@marijn\/|style-mod|w3c-keyname|crelt)/, 'CodeMirror'],
  [/^(@tensorflow\/|long$|seedrandom)/, 'TensorFlow.js'],
  [/^@lezer\//, 'Lezer'],
  [/^uplot/, 'uPlot'],
  [/^(lit|@lit\/|lit-html|lit-element)/, 'Lit'],
];
function originOf(source) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
  if (!pkg) return 'torchlet (ours)';
  return FAMILIES.find(([pattern]) => pattern.test(pkg))?.[1] ?? pkg;
}
function gzipByOrigin(files) {
  const out = new Map();
  for (const file of files) {
    if (!existsSync(join(DIR, `${file}.map`))) continue;
    const map = JSON.parse(readFileSync(join(DIR, `${file}.map`), 'utf8'));
    const lines = readFileSync(join(DIR, file), 'utf8').split('\n');
    const chars = new Map();
    decode(map.mappings).forEach((segments, line) =>
      segments.forEach((segment, i) => {
        const end = i + 1 < segments.length ? segments[i + 1][0] : lines[line].length;
        const origin = segment.length > 1 ? originOf(map.sources[segment[1]]) : 'torchlet (ours)';
        chars.set(origin, (chars.get(origin) ?? 0) + end - segment[0]);
      }),
    );
    const all = [...chars.values()].reduce((a, b) => a + b, 0) || 1;
    for (const [origin, n] of chars) out.set(origin, (out.get(origin) ?? 0) + (gzipSize(file) * n) / all);
  }
  return [...out].sort((a, b) => b[1] - a[1]);
}
const byOrigin = gzipByOrigin(cpuLesson);
const dependencies = byOrigin
  .filter(([origin]) => origin !== 'torchlet (ours)')
  .reduce((sum, [, n]) => sum + n, 0);
console.log(
  `cpu-only lesson, editor included, by origin: ${byOrigin.map(([origin, n]) => `${origin} ${kb(n)}`).join(', ')}`,
);
console.log(
  `dependencies alone: ${kb(dependencies)} = ${(dependencies / TARGETS.cpuLesson).toFixed(2)} of the ${kb(TARGETS.cpuLesson)} target\n`,
);

const lessonStatic = closure(named('torchlet-lesson'));
const lessonLazy = markdownLesson.filter((f) => !lessonStatic.has(f));
console.log(
  `<torchlet-lesson>, only on pages that have one: ${kb(total(markdownLesson.filter((f) => lessonStatic.has(f))))} ` +
    `(${list(markdownLesson.filter((f) => lessonStatic.has(f)))}); when a lesson needs them: ${list(lessonLazy)}\n`,
);

const extra = [...everything].filter((f) => !cpuLesson.has(f));
const wasmBinary = gzipSync(readFileSync(join(DIR, 'tfjs-backend-wasm-simd.wasm')), { level: 9 }).length;
console.log(`optional, loaded only when used: ${list(extra)}; tfjs-backend-wasm-simd.wasm ${kb(wasmBinary)}`);

// ---- the npm packages: what `npm pack` puts in each tarball (torchlet: target ≤ 3 MB unpacked) ----
const PACKAGE_TARGET = 3e6;
const pack = (cwd) =>
  JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8', cwd }))[0];
const packed = pack('.');
const byFolder = new Map();
for (const { path, size } of packed.files) {
  const folder =
    /^dist\/(wasm|editor|kernel|core|python|elements|plot|embed|protocol)\//.exec(path)?.[0] ??
    (path.endsWith('.d.ts') ? '*.d.ts' : path.startsWith('dist/') ? 'dist/*' : path);
  byFolder.set(folder, (byFolder.get(folder) ?? 0) + size);
}
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
console.log(
  `\nnpm package: ${mb(packed.size)} packed, ${mb(packed.unpackedSize)} unpacked (target ≤ ${mb(PACKAGE_TARGET)}: ${packed.unpackedSize <= PACKAGE_TARGET ? 'ok' : 'OVER'}), ${packed.entryCount} files`,
);
console.log(
  `  ${[...byFolder]
    .sort((a, b) => b[1] - a[1])
    .map(([folder, size]) => `${folder} ${mb(size)}`)
    .join(', ')}`,
);
if (packed.unpackedSize > PACKAGE_TARGET) failed = true;
if (!existsSync(join(DIR, 'package.json'))) {
  console.error('dist/cdn/package.json is missing: the build runs scripts/cdn-package.mjs last.');
  process.exit(1);
}
const cdnPacked = pack(DIR);
console.log(
  `${cdnPacked.name} (the CDN build, for script tags): ${mb(cdnPacked.size)} packed, ${mb(cdnPacked.unpackedSize)} unpacked, ${cdnPacked.entryCount} files (no target: it bundles tfjs's backends, the editor, KaTeX and Markdown)`,
);
if (failed) process.exitCode = 1;
