// `npm run size`: gzip sizes of the CDN build (dist/cdn, from `npm run build`), followed the way a
// browser fetches it: the import graph of torchlet.js and worker.js, static and dynamic imports.
//   1. before the first run: torchlet.js, its static imports and the highlighter a cell shows its
//      code with (the editor, the Worker and tfjs come later)        target ≤ 80 KB
//   2. running the cells of a cpu-only lesson without editing them (`import torch`, small tensors on
//      the cpu: demo/index.html's first section): 1, the Worker, the kernel, the interpreter, the
//      torch module, tfjs-core and the cpu device's first backend, tfjs's JS cpu backend.
//      Not the parts that load only when a lesson uses them (ON_DEMAND below: numpy, matplotlib and
//      uPlot, the GPU backends, the wasm backend and its binary once tensors are big, the editor …)
//                                                                     target ≤ 250 KB
//      `npm run size:fetched` checks this set in Chromium: the files the lesson's cells really fetch.
//   3. the same lesson for a student who edits: 2 and the editor (no target of its own)
//   4. embed.html before the first run of a #code=… embed: the page, embed.js, the playground part
//      and the highlighter        target ≤ 1 plus a page's own HTML (a page with torchlet.js and one cell)
// Printed as ours vs target, with the chunks of each group and what each on-demand part adds.
// Then the npm tarballs' sizes (`npm pack --dry-run`): torchlet by folder, and @torchlet/cdn
// (dist/cdn/, made by scripts/cdn-package.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';
import { DIR, ON_DEMAND, closure, cpuLessonFiles, gzipSize, importsOf, named } from './graph.mjs';

const KB = 1024;
const TARGETS = { first: 80 * KB, cpuLesson: 250 * KB };

if (!existsSync(join(DIR, 'torchlet.js'))) {
  console.error('dist/cdn/torchlet.js is missing: run `npm run build` first.');
  process.exit(1);
}

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

const readerLesson = cpuLessonFiles();
const cpuLesson = cpuLessonFiles([ON_DEMAND[0]]);
const lessonChunk = (file) => /^torchlet-lesson-/.test(file);
const everything = closure(['torchlet.js', 'worker.js'], { dynamic: true, skipDynamic: lessonChunk });
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
const readerOther = [...readerLesson].filter((f) => !f.endsWith('.js'));
if (readerOther.length)
  console.log(
    `${''.padEnd(30)}(running cells: JavaScript ${kb(total(readerLesson) - total(readerOther))}, ${list(readerOther)})`,
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
    // tfjs-backend-wasm's binary, which has no map.
    if (file.endsWith('.wasm')) out.set('TensorFlow.js', (out.get('TensorFlow.js') ?? 0) + gzipSize(file));
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

// What each on-demand part adds to the cpu lesson, when it loads.
console.log('loaded only when a lesson uses them (what each adds to "running cells, no editing"):');
for (const part of ON_DEMAND) {
  const adds = [...cpuLessonFiles([part])].filter((f) => !readerLesson.has(f));
  if (adds.length) console.log(`  ${part.part} (${part.when}): ${kb(total(adds))}: ${list(adds)}`);
}
console.log('');

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
