// `npm run test:consumers` (after `npm run build`): torchlet as a user gets it from npm, in eight
// example apps. It packs the package, installs the tarball with every app's dependencies (one
// install, test/consumers/package-lock.json), builds each app with its production build, in turn,
// failing on any warning the build prints, type-checks a strict TS and TSX consumer, then opens each
// built app in Chromium and checks that its cell ran in the Worker on WebAssembly, from code given
// as a property or attribute, with the `tp-run-end` event, no failed request and no page error.
// Last, the same checks on the vanilla app under Vite's dev server.
//
// TORCHLET_CONSUMERS_REUSE=1 keeps an existing node_modules and only unpacks the new tarball.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { browserArgs, findBrowser } from '../../config/browser.mjs';
import { serve } from '../../bench/lib/static-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
const bin = (name) => join(here, 'node_modules/.bin', name);

/** The apps: how each is built, where its build goes, and what its page must show. */
const APPS = [
  { name: 'vanilla', build: [bin('vite'), 'build', 'vanilla', '--logLevel', 'warn'], out: 'vanilla/dist' },
  { name: 'react', build: [bin('vite'), 'build', 'react', '--logLevel', 'warn'], out: 'react/dist' },
  {
    name: 'vue',
    build: [bin('vite'), 'build', 'vue', '--logLevel', 'warn'],
    out: 'vue/dist',
    // The second cell's code comes from its `code` attribute (Vue drops <script> children).
    staticCode: "print('from the code attribute')",
  },
  { name: 'svelte', build: [bin('vite'), 'build', 'svelte', '--logLevel', 'warn'], out: 'svelte/dist' },
  { name: 'vitepress', build: [bin('vitepress'), 'build', 'vitepress'], out: 'vitepress/.vitepress/dist' },
  // Bundlers that bundle no Worker: the recipe of docs/frameworks.md (the Worker as an entry point of
  // its own, a copy of dist/wasm/, configureKernel).
  { name: 'rollup', build: [bin('rollup'), '-c', 'rollup/rollup.config.mjs'], out: 'rollup/dist' },
  // build.mjs sets esbuild's log level to 'warning': anything it prints is a warning.
  { name: 'esbuild', build: [process.execPath, 'esbuild/build.mjs'], out: 'esbuild/dist', quiet: true },
  {
    name: 'webpack',
    build: [process.execPath, 'webpack/build.mjs'],
    out: 'webpack/dist',
    quiet: true,
    // webpack's size advice (assets over 244 KiB) holds for any app with tfjs: its .wasm binary alone
    // is 415 KiB. Reported, not failed; any other warning fails.
    sizeAdvice: /^warning: (asset|entrypoint) size limit:|^warning: webpack performance recommendations:/,
  },
];

const failures = [];
const fail = (message) => {
  failures.push(message);
  console.log(`  ✗ ${message}`);
};
const ok = (message) => console.log(`  ✓ ${message}`);
const clock = () => {
  const start = Date.now();
  return () => `${((Date.now() - start) / 1000).toFixed(1)} s`;
};

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: here, encoding: 'utf8', ...options });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

// ---- 1. pack, as `npm publish` would ----
if (!existsSync(join(repo, 'dist/index.js')) || !existsSync(join(repo, 'dist/cdn/torchlet.js'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}
console.log('torchlet in example apps (test/consumers/)');
let elapsed = clock();
rmSync(join(here, '.pack'), { recursive: true, force: true });
mkdirSync(join(here, '.pack'));
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', join(here, '.pack')], {
    cwd: repo,
    encoding: 'utf8',
  }),
)[0];
renameSync(join(here, '.pack', packed.filename), join(here, '.pack/torchlet.tgz'));
ok(`packed ${packed.entryCount} files, ${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked (${elapsed()})`);
// The CDN build's package (dist/cdn/), for the strict type check of its entry.
const cdnPacked = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', join(here, '.pack')], {
    cwd: join(repo, 'dist/cdn'),
    encoding: 'utf8',
  }),
)[0];
renameSync(join(here, '.pack', cdnPacked.filename), join(here, '.pack/torchlet-cdn.tgz'));
ok(
  `packed ${cdnPacked.name}: ${cdnPacked.entryCount} files, ${(cdnPacked.unpackedSize / 1e6).toFixed(2)} MB unpacked`,
);

// ---- 2. one install for every app ----
elapsed = clock();
if (process.env.TORCHLET_CONSUMERS_REUSE === '1' && existsSync(join(here, 'node_modules/.bin/vite'))) {
  for (const [name, tarball] of [
    ['torchlet', 'torchlet.tgz'],
    ['@torchlet/cdn', 'torchlet-cdn.tgz'],
  ]) {
    const target = join(here, 'node_modules', name);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(here, '.pack', tarball), '-C', target, '--strip-components=1']);
  }
  ok(`unpacked the tarball into the existing node_modules (${elapsed()})`);
} else {
  let install = run('npm', ['ci', '--no-audit', '--no-fund']);
  if (install.status !== 0) {
    // torchlet's own dependencies changed since the lock was written: resolve them again, and keep
    // the lock free of the tarball's integrity (it changes with every build).
    console.log('  npm ci failed (the lock is out of step with the package); running npm install');
    install = run('npm', ['install', '--no-audit', '--no-fund']);
    const lockPath = join(here, 'package-lock.json');
    const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
    delete lock.packages?.['node_modules/torchlet']?.integrity;
    delete lock.packages?.['node_modules/@torchlet/cdn']?.integrity;
    writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  }
  if (install.status !== 0) {
    console.error(install.output);
    process.exit(1);
  }
  if (/EBADENGINE/.test(install.output)) fail(`the install warned about engines:\n${install.output}`);
  ok(`installed the apps' dependencies and the tarball (${elapsed()})`);
}

// ---- 3. production builds, one after another ----
for (const app of APPS) {
  elapsed = clock();
  rmSync(join(here, app.out), { recursive: true, force: true });
  const [command, ...args] = app.build;
  const { status, output } = run(command, args);
  if (status !== 0) {
    fail(`${app.name}: the build failed\n${output}`);
    continue;
  }
  const printed = output
    .split('\n')
    .map((line) => stripVTControlCharacters(line).trim())
    .filter(
      (line) =>
        /warn|\(!\)|deprecat|doesn't exist at build time/i.test(line) ||
        ((app.quiet || app.build.includes('warn')) && line),
    );
  const advice = printed.filter((line) => app.sizeAdvice?.test(line));
  const warnings = printed.filter((line) => !advice.includes(line));
  if (warnings.length) fail(`${app.name}: the build warned:\n    ${warnings.join('\n    ')}`);
  else if (advice.length)
    ok(
      `${app.name}: built with no warning but webpack's size advice (${advice.length} lines) (${elapsed()})`,
    );
  else ok(`${app.name}: built with no warning (${elapsed()})`);
}

// ---- 4. strict type checks of a TS and a TSX consumer ----
elapsed = clock();
const tsc = run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsc/tsconfig.json']);
if (tsc.status !== 0) fail(`tsc --strict failed:\n${tsc.output}`);
else ok(`tsc --strict passes on tsc/*.ts and tsc/*.tsx (${elapsed()})`);

// ---- 5. each built app in Chromium, then one app under `vite dev` ----
const executablePath = findBrowser();
if (!executablePath) {
  console.error('No Chromium or Chrome found: set CHROME_PATH (see README).');
  process.exit(1);
}

/** Opens `url` and checks what every app must show; `what` names the app in the report. */
async function checkPage(browser, url, what, app) {
  elapsed = clock();
  const page = await browser.newPage();
  const problems = [];
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) =>
    problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.runEnd, { timeout: 120000, polling: 100 });
    const seen = await page.evaluate(() => {
      const cells = [...document.querySelectorAll('tensor-playground')];
      const shadow = cells[0].shadowRoot;
      return {
        runEnd: JSON.parse(document.body.dataset.runEnd),
        badge: shadow.querySelector('[part~="badge"]').textContent.trim(),
        output: [...shadow.querySelectorAll('.output pre:not(.note)')].map((pre) => pre.textContent).join(''),
        codes: cells.map((cell) => cell.value),
      };
    });
    // An app whose bundler emitted no worker.js: its one 404, and the console's note of it, are
    // expected (the kernel then starts its Worker from its own chunk); anything else is not.
    const missingWorker = (problem) => app.missingWorker && /\/worker\.js\b|404 \(Not Found\)/.test(problem);
    const workerMisses = problems.filter(missingWorker);
    problems.splice(0, problems.length, ...problems.filter((problem) => !missingWorker(problem)));
    const expectations = [
      [seen.output === 'tensor([3., 3.])\n', `prints tensor([3., 3.]) (got ${JSON.stringify(seen.output)})`],
      // backend 'wasm': tfjs's WebAssembly backend started, so the app served the .wasm it bundled.
      [
        seen.runEnd.ok === true && seen.runEnd.backend === 'wasm',
        `tp-run-end arrives: ok, on wasm (got ${JSON.stringify(seen.runEnd)})`,
      ],
      [
        /^cpu · wasm · /.test(seen.badge) && seen.badge.includes('in page') === Boolean(app.inPage),
        `runs ${app.inPage ? 'in the page' : 'in the Worker'} on wasm (badge "${seen.badge}")`,
      ],
      [
        problems.length === 0,
        `no failed request, page or console error${problems.length ? `: ${problems.join('; ')}` : ''}`,
      ],
    ];
    if (app.missingWorker)
      expectations.push([
        workerMisses.some((problem) => /^404 .*\/worker\.js$/.test(problem)),
        `worker.js was missing (got ${JSON.stringify(workerMisses)})`,
      ]);
    if (app.staticCode) {
      expectations.push([
        seen.codes[1] === app.staticCode,
        `a cell takes its code from the code attribute (got ${JSON.stringify(seen.codes[1])})`,
      ]);
    }
    const failed = expectations.filter(([pass]) => !pass);
    if (failed.length) for (const [, expected] of failed) fail(`${what}: ${expected}`);
    else
      ok(
        `${what}: ${expectations.map(([, expected]) => expected.replace(/ \(.*\)$/, '')).join('; ')} (${elapsed()})`,
      );
  } catch (error) {
    fail(`${what}: ${error.message}${problems.length ? `; ${problems.join('; ')}` : ''}`);
  } finally {
    await page.close();
  }
}

const profile = join(tmpdir(), `torchlet-consumers-${process.pid}`);
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [...browserArgs, `--user-data-dir=${profile}`],
});
try {
  for (const app of APPS) {
    const root = join(here, app.out);
    if (!existsSync(join(root, 'index.html'))) continue;
    const { server, url } = await serve(root);
    try {
      await checkPage(browser, `${url}/`, app.name, app);
      // The in-page kernel (the fallback where no Worker starts) bundled by the app's bundler too.
      if (app.name === 'vanilla')
        await checkPage(browser, `${url}/?in-page`, 'vanilla, kernel in the page', { inPage: true });
      if (app.name === 'esbuild')
        await checkPage(browser, `${url}/no-worker-entry/`, 'esbuild without the worker entry', {
          missingWorker: true,
        });
    } finally {
      server.close();
    }
  }
  // `vite dev` pre-bundles torchlet into node_modules/.vite/deps/, away from its worker.js: the
  // cell must still run in a Worker on wasm, with no configuration.
  const { createServer } = await import('vite');
  rmSync(join(here, 'node_modules/.vite'), { recursive: true, force: true });
  const dev = await createServer({
    root: join(here, 'vanilla'),
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1' },
  });
  await dev.listen();
  try {
    await checkPage(browser, dev.resolvedUrls.local[0], 'vanilla under vite dev', {});
  } finally {
    await dev.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

if (failures.length) {
  console.log(`\n${failures.length} consumer check(s) failed.`);
  process.exit(1);
}
console.log(`\nevery consumer passed (${APPS.length} apps, and one under vite dev)`);
