// The CDN build registers only the tfjs kernels torchlet can call (config/tfjs-kernels.json) on the
// cpu device's backends, wasm and the JS cpu backend, instead of their register-all side effect
// (~160 kernels each; a cpu lesson fetches about half as many bytes of wasm kernels). The build
// checks the list: every kernel that the bundled code can ask tfjs for (a runKernel(<Kernel>) in
// any module of the bundle, tfjs-core's ops, engine and gradients included) must be registered,
// or the build fails, so a missing kernel never reaches a student as a JS error.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const LIST = 'config/tfjs-kernels.json';
const REGISTER_ALL = /[\\/]@tensorflow[\\/]tfjs-backend-(wasm|cpu)[\\/]dist[\\/]register_all_kernels\.js$/;

/** tfjs-core's kernel name constants: identifier → name (`FusedMatMul` → `_FusedMatMul`). */
function kernelNames() {
  const file = 'node_modules/@tensorflow/tfjs-core/dist/kernel_names.js';
  return new Map(
    [...readFileSync(file, 'utf8').matchAll(/export const (\w+) = '([^']+)'/g)].map((m) => [m[1], m[2]]),
  );
}

/** The kernel a backend's kernel file configures (`kernelName: Add`, `kernelName: 'Add'`, `create…KernelConfig(Add)`). */
function kernelOf(file, names) {
  const code = readFileSync(file, 'utf8');
  const literal = /kernelName:\s*'([^']+)'/.exec(code)?.[1];
  if (literal) return [...names.values()].includes(literal) ? literal : undefined;
  const id = /kernelName:\s*(\w+)/.exec(code)?.[1] ?? /create\w*\(\s*(\w+)/.exec(code)?.[1];
  return names.get(id);
}

export function onlyCalledTfjsKernels() {
  const registered = new Set(JSON.parse(readFileSync(LIST, 'utf8')).kernels);
  const names = kernelNames();
  const available = { wasm: new Set(), cpu: new Set() };
  return {
    name: 'only-called-tfjs-kernels',
    load(id) {
      const backend = REGISTER_ALL.exec(id)?.[1];
      if (!backend) return null;
      const imports = [
        ...readFileSync(id, 'utf8').matchAll(/^import \{ (\w+) \} from '(\.\/kernels\/\w+)';$/gm),
      ];
      const kept = [];
      for (const [, config, path] of imports) {
        const kernel = kernelOf(join(dirname(id), `${path}.js`), names);
        if (!kernel) this.error(`${id}: cannot tell which kernel ${config} (${path}) configures`);
        available[backend].add(kernel);
        if (registered.has(kernel)) kept.push([config, path]);
      }
      return [
        "import { registerKernel } from '@tensorflow/tfjs-core';",
        ...kept.map(([config, path]) => `import { ${config} } from '${path}';`),
        `for (const config of [${kept.map(([config]) => config).join(', ')}]) registerKernel(config);`,
      ].join('\n');
    },
    generateBundle(_, bundle) {
      const called = new Map();
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const [id, { renderedLength }] of Object.entries(chunk.modules)) {
          if (!renderedLength || id.startsWith('\0')) continue;
          // Comments out (tfjs-core keeps commented-out runKernel calls), then every call: a kernel
          // name constant (`Add`) or a string ('Square'); anything else fails the check.
          const code = (this.getModuleInfo(id)?.code ?? '').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
          for (const [call, arg, literal] of code.matchAll(
            /\brunKernel\(\s*(?:([\w$]+)|'([^']*)'|"([^"]*)"|)/g,
          )) {
            // The engine's own definition passes its parameter on.
            if (arg === 'kernelName' && /tfjs-core[\\/]dist[\\/]engine\.js$/.test(id)) continue;
            const kernel = literal ?? names.get(arg) ?? call.match(/"([^"]*)"/)?.[1];
            if (!kernel || ![...names.values()].includes(kernel))
              this.error(
                `${id} calls ${call.trim()}…: not one of tfjs-core's kernel names, which this check reads`,
              );
            if (!called.has(kernel)) called.set(kernel, id);
          }
        }
      }
      const missing = [...called.keys()].filter((kernel) => !registered.has(kernel));
      if (missing.length)
        this.error(
          `tfjs kernels the build can call but does not register: ${missing.map((k) => `${k} (${called.get(k).replace(/.*node_modules[\\/]/, '')})`).join(', ')}. Add them to ${LIST}.`,
        );
      // Kernels a backend lacks fail there with tfjs's own error whatever is registered: say so at build time.
      for (const backend of ['wasm', 'cpu']) {
        const lacking = [...called.keys()].filter(
          (kernel) => available[backend].size && !available[backend].has(kernel),
        );
        if (lacking.length) this.warn(`tfjs-backend-${backend} has no kernel for ${lacking.join(', ')}`);
      }
      const unused = [...registered].filter((kernel) => !called.has(kernel));
      if (unused.length)
        this.warn(`${LIST} registers kernels nothing in the build calls: ${unused.join(', ')}`);
    },
  };
}

/**
 * tfjs-core without what only saving and loading models uses: its index registers the optimizers'
 * classes for serialization and its io modules register model stores (localStorage, IndexedDB,
 * http, file downloads) as side effects, ~12 KB gzip of the chunk `import torch` fetches. Here the
 * index is base_side_effects and base (tfjs's own recipe for custom bundles), and the io modules
 * count only if something uses them.
 */
export function tfjsCoreWithoutModelIo() {
  const INDEX = /[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/]index\.js$/;
  const IO = /[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/]io[\\/]/;
  return {
    name: 'tfjs-core-without-model-io',
    load(id) {
      if (INDEX.test(id))
        return { code: "import './base_side_effects';\nexport * from './base';\n", map: { mappings: '' } };
      return null;
    },
    transform(_code, id) {
      return IO.test(id) ? { code: _code, map: null, moduleSideEffects: false } : null;
    },
  };
}
