import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { browserArgs, findBrowser } from './config/browser.mjs';
import { tfjsPrebundle } from './config/tfjs-prebundle.mjs';
import { heapCommand } from './config/heap-command.mjs';
import { existsSync } from 'node:fs';
import { serveStatic } from './test/e2e/serve-static.mjs';
import { lmsPages } from './test/e2e/lms-pages.mjs';
// A Worker is started by URL (`new URL('./worker.js', import.meta.url)`), not by an import the
// esbuild plugin rewrites: serve a missing /src/**/*.js from its .ts source (kernel engineer).
function tsForMissingJs(ctx, next) {
  const match =
    /^\/src\/.*\.js$/.test(ctx.path) &&
    !existsSync(`.${ctx.path}`) &&
    existsSync(`.${ctx.path.slice(0, -3)}.ts`);
  if (match) ctx.url = ctx.url.replace(/\.js(?=$|\?)/, '.ts');
  return next();
}

// Pages on another origin load the library as from a CDN (the kernel then starts its Worker from
// a blob URL that imports the module): modules must be served with CORS, as CDNs do.
function allowCrossOrigin(ctx, next) {
  ctx.set('Access-Control-Allow-Origin', '*');
  return next();
}

const executablePath = findBrowser();
if (!executablePath) {
  throw new Error('No Chromium or Chrome found: run `npm test` (it installs one) or set CHROME_PATH.');
}

// Long mode for the hardening suites: TORCHLET_LONG=1 npm run test:browser
const long = process.env.TORCHLET_LONG === '1';

export default {
  files: process.env.TORCHLET_FILES
    ? process.env.TORCHLET_FILES.split(',')
    : ['src/**/*.test.ts', 'test/**/*.test.ts', '!**/*.node.test.ts', '!test/consumers/**'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  hostname: '127.0.0.1',
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 120000,
  testsStartTimeout: 180000,
  testsFinishTimeout: long ? 3600000 : 600000,
  testFramework: { config: { timeout: long ? 3600000 : 120000 } },
  middleware: [serveStatic, lmsPages, allowCrossOrigin, tsForMissingJs],
  plugins: [
    tfjsPrebundle(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    // executeServerCommand('torchlet-heap'): JS heaps after GC (test/e2e/memory.test.ts)
    heapCommand(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: false, args: browserArgs },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en"><head><title>torchlet tests</title></head><body>
      <script>window.__TORCHLET_LONG__ = ${long};</script>
      <script type="module" src="${testFramework}"></script>
    </body></html>`,
};
