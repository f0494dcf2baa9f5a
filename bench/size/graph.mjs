// The CDN build's files as a browser fetches them (bench/size/run.mjs counts them, fetched.mjs
// checks the cpu lesson's set in Chromium): gzip sizes, the import graph of the chunks, and which
// chunks load only when a lesson uses what they hold.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const DIR = 'dist/cdn';

const gz = new Map();
export function gzipSize(file) {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(DIR, file)), { level: 9 }).length);
  return gz.get(file);
}

/** The relative imports of a built chunk: static (`import … from "./x.js"`) and dynamic (`import("./x.js")`). */
export function importsOf(file) {
  const code = readFileSync(join(DIR, file), 'utf8');
  const dynamic = [...code.matchAll(/import\(\s*["']\.\/([^"']+\.js)["']\s*\)/g)].map((m) => m[1]);
  const all = [...code.matchAll(/(?:from|import)\s*\(?\s*["']\.\/([^"']+\.js)["']/g)].map((m) => m[1]);
  return { static: all.filter((f) => !dynamic.includes(f)), dynamic };
}

/** `roots` and what they import; `dynamic`: dynamic imports too, but not those `skipDynamic` names. */
export function closure(roots, { dynamic = false, skipDynamic = () => false } = {}) {
  const seen = new Set();
  const stack = [...roots];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const imports = importsOf(file);
    stack.push(...imports.static, ...(dynamic ? imports.dynamic.filter((f) => !skipDynamic(f)) : []));
  }
  return seen;
}

export const chunks = () => readdirSync(DIR).filter((f) => f.endsWith('.js'));
export const named = (prefix) => chunks().filter((f) => f.startsWith(`${prefix}-`));

/** The source files of a chunk (from its map): which of our modules and dependencies it holds. */
export function sourcesOf(file) {
  const map = join(DIR, `${file}.map`);
  return existsSync(map) ? JSON.parse(readFileSync(map, 'utf8')).sources : [];
}

/**
 * What a cpu-only lesson whose cells only run does not fetch, each part known by a module its
 * chunk holds, with when it loads. A dynamic import of such a chunk is not followed (nor what only
 * it imports); a chunk loaded statically counts whatever it holds.
 */
export const ON_DEMAND = [
  {
    part: 'the editor (CodeMirror)',
    when: 'on the first focus, click or key press in a cell',
    holds: /src\/elements\/tensor-playground\/editor\.ts$/,
  },
  {
    part: 'numpy',
    when: "`import numpy` or a tensor's .numpy()",
    holds: /src\/python\/(modules\/numpy|numpy\/ndarray)\.ts$/,
  },
  { part: 'matplotlib', when: '`import matplotlib`', holds: /src\/python\/modules\/matplotlib\.ts$/ },
  {
    part: 'math, random, collections, itertools, functools, typing, copy, json, dataclasses, sys, statistics, operator, bisect, heapq, time, timeit, IPython',
    when: 'their `import`; timeit also for a %timeit or %time line',
    holds:
      /src\/python\/modules\/(math|random|collections|itertools|functools|typing|copy|json|dataclasses|sys|statistics|operator|bisect|heapq|time|timeit|ipython)\.ts$/,
  },
  {
    part: 'torch.nn, torch.optim (and its lr_scheduler), torch.utils.data',
    when: 'a cell reads them',
    holds:
      /src\/python\/modules\/torch\/nn\/(index|module|layers|loss|optim|init|parameter|lr-scheduler|data)\.ts$/,
  },
  {
    part: 'uPlot and the figure',
    when: 'a chart is drawn',
    holds: /node_modules\/uplot\/|src\/plot\/figure\.ts$/,
  },
  {
    part: 'the GPU backends',
    when: 'a cell names cuda, a <gpu-speedup> measures',
    holds: /tfjs-backend-web(gl|gpu)\//,
  },
  {
    part: 'the wasm backend and its binary',
    when: 'a cpu tensor of 2^16 values, a product of 2^21 multiply-adds or 2^24 in all, a cell using the GPU (src/core/device.ts); a <gpu-speedup> measures',
    holds: /tfjs-backend-wasm\/dist\/base\.js$/,
    binary: true,
  },
  {
    part: 'the offer to run the cells above',
    when: 'a cell fails on a name that a cell above defines',
    holds: /src\/elements\/tensor-playground\/session-names\.ts$/,
  },
  {
    part: "<gpu-speedup>'s measurement",
    when: 'a <gpu-speedup> measures',
    holds: /src\/kernel\/speedup\.ts$/,
  },
  {
    part: "<gpu-speedup>'s charts",
    when: 'a <gpu-speedup> shows its results',
    holds: /src\/plot\/speedup-charts\.ts$/,
  },
  {
    part: 'the Share panel, the markup upgrade',
    when: 'used',
    holds: /src\/(elements\/tensor-playground\/share|embed\/markup)\.ts$/,
  },
  {
    part: '<gradient-plot>',
    when: 'a page has one',
    holds: /src\/elements\/gradient-plot\/gradient-plot\.ts$/,
  },
  {
    part: '<torchlet-lesson>',
    when: 'a page has one',
    holds: /src\/elements\/torchlet-lesson\/torchlet-lesson\.ts$/,
  },
];
export const onDemandPart = (file) =>
  ON_DEMAND.find(({ holds }) => sourcesOf(file).some((s) => holds.test(s)));

/** The .wasm binary tfjs-backend-wasm loads: SIMD, as every current browser. */
export const WASM_BINARY = 'tfjs-backend-wasm-simd.wasm';

/**
 * The files a reader of a cpu-only lesson fetches while its cells run (`import torch`, small tensors
 * on the cpu, computed by tfjs's JS cpu backend): torchlet.js, the highlighter, the Worker and all
 * they import, static or dynamic, but the ON_DEMAND parts (`except`: the parts counted after all;
 * the wasm backend's part brings its binary).
 */
export function cpuLessonFiles(except = []) {
  const files = closure(['torchlet.js', 'worker.js', ...named('highlight')], {
    dynamic: true,
    skipDynamic: (f) => {
      const part = onDemandPart(f);
      return part !== undefined && !except.includes(part);
    },
  });
  if (![...files].some((f) => f.startsWith('tfjs-backend-cpu-')))
    throw new Error(
      "the cpu device's first backend (tfjs-backend-cpu) is not in the lesson's graph: update bench/size/graph.mjs",
    );
  const withBinary = except.some((part) => part.binary);
  return new Set(withBinary ? [...files, WASM_BINARY] : files);
}
