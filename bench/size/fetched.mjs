// `npm run size:fetched`: what a reader's browser really fetches from the CDN folder while the cells
// of a lesson run without editing. Headless Chromium (fresh profile, no cache) opens a page with
// torchlet.js and the cells of demo/index.html's first section (tensors on the cpu: import torch,
// sum, item, reshape, a product), runs them in order the way the Run button does, and the server
// logs every file asked for (the page's and the Worker's). Printed with each file's gzip size, and
// checked against what `npm run size` counts for that lesson (bench/size/graph.mjs): exit 1 if they differ.
// `--lesson=all` runs every cell of demo/index.html (numpy, matplotlib, the GPU by hand) instead.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { browserArgs, findBrowser } from '../../config/browser.mjs';
import { MIME_TYPES } from '../../config/mime-types.mjs';
import { DIR, cpuLessonFiles } from './graph.mjs';

const KB = 1024;
if (!existsSync(join(DIR, 'torchlet.js'))) {
  console.error('dist/cdn/torchlet.js is missing: run `npm run build` first.');
  process.exit(1);
}
const lessonArg = process.argv.find((arg) => arg.startsWith('--lesson='))?.slice('--lesson='.length) ?? 'cpu';

/** The Python cells of demo/index.html, in page order (the exercise, which has blanks to fill, left out). */
function demoCells() {
  const html = readFileSync('demo/index.html', 'utf8');
  return [...html.matchAll(/<script type="text\/x-python">([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .filter((code) => !code.includes('????'));
}
const cells = lessonArg === 'all' ? demoCells() : demoCells().slice(0, 4);
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>lesson</title>
<script type="module" src="/${DIR}/torchlet.js"></script></head><body><main>
${cells.map((code) => `<tensor-playground session="lesson"><script type="text/x-python">${escape(code)}</script></tensor-playground>`).join('\n')}
</main></body></html>`;

const root = resolve('.');
const fetched = [];
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path === '/lesson.html') {
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    return;
  }
  const file = join(root, normalize(path));
  if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
  fetched.push(path);
  res.writeHead(200, {
    'content-type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  res.end(readFileSync(file));
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const executablePath = findBrowser();
if (!executablePath) {
  console.error('No Chromium or Chrome found: set CHROME_PATH.');
  process.exit(1);
}
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [...browserArgs, `--user-data-dir=/tmp/torchlet-size-fetched-${process.pid}`],
});
let results;
try {
  const tab = await browser.newPage();
  tab.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await tab.goto(`${origin}/lesson.html`);
  const beforeRun = fetched.length;
  results = await tab.evaluate(async () => {
    await customElements.whenDefined('tensor-playground');
    const out = [];
    for (const cell of document.querySelectorAll('tensor-playground')) {
      const ok = await cell.run();
      const text = [...cell.shadowRoot.querySelectorAll('.output')]
        .map((o) => o.textContent.trim())
        .join(' ');
      out.push({ ok, text: text.replace(/\s+/g, ' ').slice(0, 80) });
    }
    return out;
  });
  // Late fetches (a chunk asked for after the last output) still count.
  await new Promise((r) => setTimeout(r, 500));
  const gzip = (path) => gzipSync(readFileSync(join(root, path)), { level: 9 }).length;
  const files = [...new Set(fetched)].filter((path) => path.startsWith(`/${DIR}/`));
  const sum = (list) => list.reduce((total, path) => total + gzip(path), 0);
  const name = (path) => path.slice(DIR.length + 2).replace(/-[A-Za-z0-9_-]{8}\.js$/, '');
  const list = (paths) =>
    [...paths]
      .sort((a, b) => gzip(b) - gzip(a))
      .map((path) => `${name(path)} ${(gzip(path) / KB).toFixed(1)} KB`)
      .join(', ');
  const firstWave = files.slice(0, new Set(fetched.slice(0, beforeRun)).size);
  console.log(
    `cells run (${lessonArg === 'all' ? 'all of demo/index.html' : 'demo/index.html, section 1'}):`,
  );
  results.forEach((r, i) => console.log(`  ${i + 1}. ${r.ok ? 'ok' : 'FAILED'}  ${r.text}`));
  console.log(
    `\nfetched from ${DIR} (gzip -9), ${files.length} files, ${(sum(files) / KB).toFixed(1)} KB in all`,
  );
  console.log(`  at page load: ${(sum(firstWave) / KB).toFixed(1)} KB: ${list(firstWave)}`);
  const later = files.filter((f) => !firstWave.includes(f));
  console.log(`  while the cells ran: ${(sum(later) / KB).toFixed(1)} KB: ${list(later)}`);
  const js = files.filter((f) => f.endsWith('.js'));
  console.log(
    `  of which JavaScript: ${(sum(js) / KB).toFixed(1)} KB; other files: ${list(files.filter((f) => !f.endsWith('.js'))) || 'none'}`,
  );
} finally {
  await browser.close();
  server.close();
}
if (results.some((r) => !r.ok)) process.exitCode = 1;
// `npm run size` counts the cpu lesson from the import graph (bench/size/graph.mjs): the files
// recorded here must be exactly those, or its figure is not what a reader fetches.
if (lessonArg !== 'all') {
  const recorded = new Set(
    fetched.filter((p) => p.startsWith(`/${DIR}/`)).map((p) => p.slice(DIR.length + 2)),
  );
  const model = cpuLessonFiles();
  const notFetched = [...model].filter((f) => !recorded.has(f));
  const notCounted = [...recorded].filter((f) => !model.has(f));
  if (notFetched.length || notCounted.length) {
    console.error(
      `npm run size's cpu lesson differs from what Chromium fetched: counted, not fetched: ${notFetched.join(', ') || 'none'}; fetched, not counted: ${notCounted.join(', ') || 'none'}`,
    );
    process.exitCode = 1;
  } else
    console.log(`\nnpm run size's "running cells, no editing" counts exactly these ${model.size} files.`);
}
