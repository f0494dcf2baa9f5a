// Two builds: dist/ (ES modules for bundlers, dependencies left as imports, .d.ts from tsc: the
// npm package torchlet) and dist/cdn/ (one self-contained file that registers every element;
// backends, the editor and the kernel's Worker are chunks loaded when first needed: the npm
// package @torchlet/cdn, made by scripts/cdn-package.mjs). Types are stripped by esbuild; tsc only
// type-checks and writes declarations.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { onlyCalledTfjsKernels, tfjsCoreWithoutModelIo } from './config/tfjs-kernels.mjs';

// Hashed chunks of earlier builds would pile up in dist/cdn: start from an empty dist/.
rmSync('dist', { recursive: true, force: true });

const ELEMENTS = ['tensor-playground', 'gradient-plot', 'gpu-speedup', 'torchlet-lesson'].filter((tag) =>
  existsSync(`src/elements/${tag}/${tag}.ts`),
);
const WASM_DIR = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';

/** Copies tfjs's .wasm binaries beside the CDN file: the kernel loads them relative to itself. */
function copyWasm(outDir) {
  return {
    name: 'copy-wasm',
    writeBundle() {
      mkdirSync(outDir, { recursive: true });
      // Not the threaded binary: the wasm backend runs one thread (src/core/backends.ts).
      for (const file of readdirSync(WASM_DIR).filter(
        (name) => name.endsWith('.wasm') && !name.includes('threaded'),
      )) {
        copyFileSync(`${WASM_DIR}/${file}`, `${outDir}/${file}`);
      }
    },
  };
}

/**
 * embed.html beside torchlet.js: the page an iframe embed loads (src/embed/embed.html), its
 * modulepreload pointed at the playground part's chunk (a hashed name) and that chunk's imports.
 */
function emitEmbedPage() {
  return {
    name: 'emit-embed-page',
    generateBundle(_, bundle) {
      const part = Object.values(bundle).find((file) =>
        file.moduleIds?.some((id) => /[\\/]src[\\/]embed[\\/]playground-part\.ts$/.test(id)),
      );
      const page = readFileSync('src/embed/embed.html', 'utf8');
      const preload = /( *)<link rel="modulepreload" href="\.\/playground-part\.js" \/>/;
      if (!part || !preload.test(page))
        this.error('embed.html: no playground-part chunk, or no modulepreload of it');
      const source = page.replace(preload, (_line, indent) =>
        [part.fileName, ...part.imports]
          .map((file) => `${indent}<link rel="modulepreload" href="./${file}" />`)
          .join('\n'),
      );
      this.emitFile({ type: 'asset', fileName: 'embed.html', source });
    },
  };
}

/**
 * tfjs-backend-wasm's threaded build (its Emscripten glue and worker, 8 KB gzip of the CDN's wasm
 * chunk) as stubs: it never runs here (one thread: backends.ts sets WASM_HAS_MULTITHREAD_SUPPORT
 * false, and copyWasm ships no threaded binary).
 */
function withoutThreadedWasm() {
  const threaded = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/;
  return {
    name: 'without-threaded-wasm',
    load(id) {
      const match = threaded.exec(id);
      if (!match) return null;
      return match[1]
        ? 'export const wasmWorkerContents = "";'
        : 'export default function threadedWasm() { throw new Error("torchlet runs tfjs-backend-wasm on one thread"); }';
    },
  };
}

const NODE_BUILTINS = ['fs', 'path', 'os', 'perf_hooks', 'worker_threads', 'crypto', 'url'];

/** CDN chunks named after what they hold (tfjs-backend-wasm-…, editor-…): bench/size reads them. */
function chunkName(chunk) {
  const facade = chunk.facadeModuleId ?? '';
  const pkg = /node_modules\/(@[^/]+\/)?([^/]+)\//.exec(facade);
  if (pkg) return `${pkg[2]}-[hash].js`;
  return '[name]-[hash].js';
}

const isDependency = (id) =>
  !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:/.test(id);

const npmBuild = {
  input: {
    index: 'src/index.ts',
    ...Object.fromEntries(ELEMENTS.map((tag) => [`elements/${tag}/${tag}`, `src/elements/${tag}/${tag}.ts`])),
  },
  // No source maps: the package leaves them out, and a map comment without its file makes Vite's dev server complain.
  output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: false },
  external: isDependency,
  // Minified, one module per source file as before (a bundler still tree-shakes them): half the bytes.
  plugins: [
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: true, legalComments: 'none' }),
    frameworkTypings(),
    splitGpuBackends(),
  ],
};

/**
 * The page's kernel (the in-page fallback) imports a GPU backend in two halves, the backend and its
 * kernels, so that an app's bundler makes chunks under its 500 kB notice: Vite ≤ 7 keeps tfjs's
 * per-file license comments, and the WebGL backend in one chunk is 540 kB there.
 */
function splitGpuBackends() {
  const pattern = /\bimport\((['"])@tensorflow\/(tfjs-backend-web(?:gl|gpu))\1\)/g;
  return {
    name: 'split-gpu-backends',
    transform(code) {
      if (!code.includes('@tensorflow/tfjs-backend-web')) return null;
      const halves = (_, __, pkg) =>
        `import('@tensorflow/${pkg}/dist/base.js').then((m) => import('@tensorflow/${pkg}/dist/register_all_kernels.js').then(() => m))`;
      return { code: code.replace(pattern, halves), map: null };
    },
  };
}

/**
 * The framework typings (types/*.d.ts) beside dist/index.d.ts, each with an empty module so that
 * `import 'torchlet/react'` resolves at run time too.
 */
function frameworkTypings() {
  return {
    name: 'framework-typings',
    writeBundle() {
      for (const file of readdirSync('types').filter((name) => name.endsWith('.d.ts'))) {
        copyFileSync(`types/${file}`, `dist/${file}`);
        writeFileSync(
          `dist/${file.replace(/\.d\.ts$/, '.js')}`,
          '// Types only: see the .d.ts beside this file.\nexport {};\n',
        );
      }
    },
  };
}

/**
 * Turns `import('@tensorflow/tfjs-backend-…')` into a static import. A bundler bundles a Worker in
 * its own format (Vite ≤ 7: iife), where any dynamic import left in the Worker's graph fails the
 * build ("UMD and IIFE output formats are not supported for code-splitting builds").
 */
function staticDependencyImports() {
  const pattern = /\bimport\((['"])(@tensorflow\/tfjs-backend-[a-z]+)\1\)/g;
  return {
    name: 'static-dependency-imports',
    transform(code) {
      const specifiers = new Set([...code.matchAll(pattern)].map((m) => m[2]));
      if (specifiers.size === 0) return null;
      const local = (spec) => `__${spec.replace(/\W/g, '_')}`;
      const imports = [...specifiers].map((spec) => `import * as ${local(spec)} from '${spec}';\n`).join('');
      return {
        code: imports + code.replace(pattern, (_, __, spec) => `Promise.resolve(${local(spec)})`),
        map: null,
      };
    },
  };
}

// The npm package's Worker (dist/kernel/worker.js), which bundlers bundle from
// `new Worker(new URL('./worker.js', import.meta.url), …)`: our modules in one file with no dynamic
// import (see staticDependencyImports), dependencies left as imports for the app's bundler.
const npmWorkerBuild = {
  input: { 'kernel/worker': 'src/kernel/worker.ts' },
  output: { dir: 'dist', format: 'es', inlineDynamicImports: true, sourcemap: false },
  external: isDependency,
  plugins: [
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: true, legalComments: 'none' }),
    staticDependencyImports(),
    // dist/wasm/: where src/core/wasm-files.ts points the npm modules (bundlers emit them from there).
    copyWasm('dist/wasm'),
  ],
};

const cdnBuild = {
  input: { torchlet: 'src/cdn.ts', worker: 'src/kernel/worker.ts', embed: 'src/embed/page.ts' },
  // Code shared with lazy chunks may stay in torchlet.js (as extra exports) rather than moving to a
  // chunk that torchlet.js would have to fetch before anything else.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist/cdn',
    format: 'es',
    entryFileNames: '[name].js',
    // Flat beside torchlet.js, so `new URL('./worker.js', import.meta.url)` finds the Worker.
    chunkFileNames: chunkName,
    // Maps for bench/size (whose code the bytes are), not referenced from the files: the package leaves them out.
    sourcemap: 'hidden',
  },
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
    // The dead require() calls of emscripten's Node branch (see NODE_BUILTINS).
    if (warning.plugin === 'esbuild' && /Converting "require"/.test(warning.message)) return;
    warn(warning);
  },
  plugins: [
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'], preferBuiltins: false }),
    withoutThreadedWasm(),
    onlyCalledTfjsKernels(),
    tfjsCoreWithoutModelIo(),
    // Emscripten's Node branch in tfjs-backend-wasm requires Node's modules; left as dead require() calls.
    commonjs({ ignore: NODE_BUILTINS }),
    // esbuild minifies each chunk (terser took minutes on tfjs here, for a 2 % smaller result).
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: true, legalComments: 'none' }),
    copyWasm('dist/cdn'),
    emitEmbedPage(),
    emitEntryTypes(),
  ],
};

/**
 * dist/cdn/torchlet.d.ts: the CDN entry's types are torchlet's own (a TypeScript page installs
 * torchlet beside it, an optional peer dependency), but only the values the entry really exports:
 * it defines some elements on first use and so does not export their classes.
 */
function emitEntryTypes() {
  return {
    name: 'cdn-entry-types',
    async generateBundle(_, bundle) {
      // The entry module's own exports, through its `export *` (the chunk also exports code shared
      // with lazy chunks, under short names).
      const values = new Set();
      const visit = async (id) => {
        for (const [source, names] of Object.entries(this.getModuleInfo(id).exportedBindings ?? {})) {
          for (const name of names) if (name !== '*') values.add(name);
          if (names.includes('*')) await visit((await this.resolve(source, id)).id);
        }
      };
      await visit(bundle['torchlet.js'].facadeModuleId);
      this.emitFile({
        type: 'asset',
        fileName: 'torchlet.d.ts',
        source:
          "// The CDN build's exports, typed by the torchlet package (its types, and the values this file has).\n" +
          "export type * from 'torchlet';\n" +
          `export { ${[...values].sort().join(', ')} } from 'torchlet';\n`,
      });
    },
  };
}

/** dist/cdn/embed-host.js: one classic script (no imports) that sizes embed iframes on a page. */
const embedHostBuild = {
  input: 'src/embed/host.ts',
  output: { file: 'dist/cdn/embed-host.js', format: 'iife', sourcemap: true },
  plugins: [esbuild({ target: 'es2020', tsconfig: 'tsconfig.json', minify: true, legalComments: 'none' })],
};

// ---- the lesson studio (dist/cdn/studio.html): a build of its own, so its CodeMirror (Markdown
// mode) never reshapes torchlet.js's chunks; it uses the torchlet.js beside it for everything else.
const STUDIO_PAGE = 'demo/studio.html';

/** The studio's import of torchlet (src/index.ts) is the CDN file beside it. */
function torchletBesideStudio() {
  return {
    name: 'torchlet-beside-studio',
    resolveId(source, importer) {
      if (source === '../index.js' && importer?.endsWith('src/studio/torchlet-studio.ts'))
        return { id: './torchlet.js', external: true };
      return null;
    },
  };
}

/** dist/cdn/studio.html from the dev page (its scripts pointed at the built files) and the sample lesson. */
function studioPage() {
  return {
    name: 'studio-page',
    writeBundle() {
      const page = readFileSync(STUDIO_PAGE, 'utf8')
        .replace('src="../src/index.ts"', 'src="./torchlet.js"')
        .replace('src="../src/studio/torchlet-studio.ts"', 'src="./studio.js"')
        .replace(/ *<!-- Under `npm start`[^\n]*\n/, '');
      writeFileSync('dist/cdn/studio.html', page);
      mkdirSync('dist/cdn/lessons', { recursive: true });
      for (const file of ['seed-lesson.md', 'before.png', 'after.png'])
        copyFileSync(`demo/lessons/${file}`, `dist/cdn/lessons/${file}`);
    },
  };
}

const studioBuild = {
  input: { studio: 'src/studio/torchlet-studio.ts' },
  output: {
    dir: 'dist/cdn',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'studio-[name]-[hash].js',
    sourcemap: true,
  },
  plugins: [
    torchletBesideStudio(),
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', minify: true, legalComments: 'none' }),
    studioPage(),
  ],
};

export default [npmBuild, npmWorkerBuild, cdnBuild, embedHostBuild, studioBuild];
