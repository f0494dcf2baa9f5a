// `npm run bench:startup`: from navigation to the first output of `print(sum([1, 2, 3]))` in a
// playground (the built dist/cdn/torchlet.js), against the same line in a Pyodide cell (the npm
// package, served locally), in one headless Chromium run. Files are served as they are on disk.
// Each page: cold (a fresh browser context, empty cache) and warm (reloaded, files from the HTTP
// cache), the median of RUNS each. Prints both and the ratio ours/Pyodide (target ≤ 0.1). A second
// line: our first output of `import torch; torch.tensor([1, 2, 3]).sum()` (Pyodide has no torch),
// absolute and as a ratio to our pure-Python line.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { browserArgs, findBrowser } from '../../config/browser.mjs';
import { serve } from '../lib/static-server.mjs';

const RUNS = Number(process.env.STARTUP_RUNS ?? 3);
const TARGET = 0.1;

if (!existsSync('dist/cdn/torchlet.js')) {
  console.error('dist/cdn/torchlet.js is missing: run `npm run build` first.');
  process.exit(1);
}
const executablePath = findBrowser();
if (!executablePath) {
  console.error('No Chromium or Chrome found: set CHROME_PATH (see README).');
  process.exit(1);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function firstOutput(page) {
  await page.waitForFunction(() => window.firstOutput, { timeout: 120000, polling: 20 });
  return page.evaluate(() => window.firstOutput);
}

async function measure(browser, url, expect) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(url);
    const first = await firstOutput(page);
    if (first.text.trim() !== expect) throw new Error(`${url} printed ${JSON.stringify(first.text)}`);
    cold.push(first.ms);
    await page.reload();
    warm.push((await firstOutput(page)).ms);
    await context.close();
  }
  return { cold: median(cold), warm: median(warm), coldRuns: cold, warmRuns: warm };
}

const { server, url } = await serve('.', { headers: () => ({ 'cache-control': 'max-age=3600' }) });
const profile = mkdtempSync(join(tmpdir(), 'torchlet-startup-'));
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [...browserArgs, `--user-data-dir=${profile}`],
});
try {
  const ours = await measure(browser, `${url}/bench/startup/torchlet.html`, '6');
  const torch = await measure(browser, `${url}/bench/startup/torchlet-torch.html`, 'tensor(6)');
  const pyodide = await measure(browser, `${url}/bench/startup/pyodide.html`, '6');
  const fmt = (ms) => `${Math.round(ms)} ms`.padEnd(10);
  const runs = (xs) => xs.map((ms) => Math.round(ms)).join(', ');
  console.log(
    `navigation → first output of print(sum([1, 2, 3])), median of ${RUNS} (Chromium ${await browser.version()})\n`,
  );
  console.log('            torchlet    Pyodide     torchlet/Pyodide');
  for (const kind of ['cold', 'warm']) {
    const ratio = ours[kind] / pyodide[kind];
    console.log(
      `${kind.padEnd(12)}${fmt(ours[kind])}  ${fmt(pyodide[kind])}  ${ratio.toFixed(3)} ${ratio <= TARGET ? 'ok' : 'OVER'} (target ≤ ${TARGET})`,
    );
  }
  console.log(
    `\nimport torch; torch.tensor([1, 2, 3]).sum() (torchlet only): cold ${Math.round(torch.cold)} ms ` +
      `(${(torch.cold / ours.cold).toFixed(2)}× the print line), warm ${Math.round(torch.warm)} ms ` +
      `(${(torch.warm / ours.warm).toFixed(2)}×)`,
  );
  console.log(
    `\nruns (ms): torchlet cold ${runs(ours.coldRuns)}; warm ${runs(ours.warmRuns)}; torch cold ${runs(torch.coldRuns)}; warm ${runs(torch.warmRuns)}; Pyodide cold ${runs(pyodide.coldRuns)}; warm ${runs(pyodide.warmRuns)}`,
  );
  if (ours.cold / pyodide.cold > TARGET) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
