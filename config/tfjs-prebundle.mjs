// Serves tfjs packages (and their CommonJS dependencies) to the dev server and the test runner as
// ES modules prebundled by esbuild: the plain dev server cannot load tfjs's CommonJS `long` and
// `seedrandom`. Every backend keeps `@tensorflow/tfjs-core` external so the page has one engine.
import { build } from 'esbuild';

const PREFIX = '/__prebundled__/';
const cache = new Map();

function bundle(specifier) {
  if (!cache.has(specifier)) {
    cache.set(
      specifier,
      build({
        stdin: { contents: `export * from '${specifier}';`, resolveDir: process.cwd() },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        logLevel: 'silent',
        external: specifier === '@tensorflow/tfjs-core' ? [] : ['@tensorflow/tfjs-core'],
      }).then((result) => result.outputFiles[0].text),
    );
  }
  return cache.get(specifier);
}

export function tfjsPrebundle() {
  return {
    name: 'tfjs-prebundle',
    resolveImport({ source }) {
      if (/^@tensorflow\/tfjs-(core|backend-[a-z]+)$/.test(source)) {
        return PREFIX + source.replace('/', '__') + '.js';
      }
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const specifier = context.path.slice(PREFIX.length, -3).replace('__', '/');
      return { body: await bundle(specifier), type: 'js' };
    },
  };
}
