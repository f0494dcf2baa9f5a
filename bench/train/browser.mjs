// bench:train's Chromium side (run.mjs calls it under the browser lock): serves the repository with
// the dev server's config, opens index.html in headless Chromium and prints what the page measured.
// Usage: node bench/train/browser.mjs [--workloads=xor,linreg --repeats=7]
import { startDevServer } from '@web/dev-server';
import puppeteer from 'puppeteer-core';
import { browserArgs, findBrowser } from '../../config/browser.mjs';
import config from '../../web-dev-server.config.mjs';

const query = new URLSearchParams(
  process.argv
    .slice(2)
    .filter((arg) => arg.startsWith('--'))
    .map((arg) => arg.slice(2).split('=')),
).toString();
const executablePath = findBrowser();
if (!executablePath) {
  console.error('No Chromium or Chrome found: set CHROME_PATH.');
  process.exit(1);
}
const port = Number(process.env.BENCH_PORT ?? 8772);
const server = await startDevServer({
  config: { ...config, port, open: false },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [...browserArgs, '--user-data-dir=/tmp/torchlet-bench-train'],
});
let failed = false;
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${port}/bench/train/index.html?${query}`);
  // Poll from here: one long waitForFunction would outlast puppeteer's protocol timeout.
  let result;
  while (!(result = await page.evaluate('window.__benchResult')))
    await new Promise((r) => setTimeout(r, 500));
  if (result.ok) process.stdout.write(result.text);
  else {
    console.error(result.error);
    failed = true;
  }
} finally {
  await browser.close();
  await server.stop();
}
process.exit(failed ? 1 : 0);
