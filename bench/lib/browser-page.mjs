// Runs one bench page in headless Chromium (SwiftShader WebGPU/WebGL flags from config/browser.mjs):
// serves the repository with the dev server's config, opens the page with the command line's
// --name=value options as its query, and waits for the page to set window.__benchResult.
import { startDevServer } from '@web/dev-server';
import puppeteer from 'puppeteer-core';
import { browserArgs, findBrowser } from '../../config/browser.mjs';
import config from '../../web-dev-server.config.mjs';

/**
 * Opens `path` (from the repository's root) and resolves to the page's `{ ok, text?, error? }`;
 * exits the process with a message when no browser is found.
 */
export async function runBenchPage({ path, port, profile, echoConsole = false, pollMs = 500 }) {
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
  const server = await startDevServer({
    config: { ...config, port, open: false },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: [...browserArgs, `--user-data-dir=/tmp/${profile}`],
  });
  try {
    const page = await browser.newPage();
    if (echoConsole) page.on('console', (message) => console.log(message.text()));
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${port}/${path}?${query}`);
    // Poll from here: one long waitForFunction would outlast puppeteer's protocol timeout.
    let result;
    while (!(result = await page.evaluate('window.__benchResult')))
      await new Promise((r) => setTimeout(r, pollMs));
    return result;
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** runBenchPage for a bench's Chromium side: prints the page's text, or its error, and exits with 0 or 1. */
export async function printBenchPage(options) {
  const result = await runBenchPage(options);
  if (result.ok) process.stdout.write(result.text);
  else console.error(result.error);
  process.exit(result.ok ? 0 : 1);
}
