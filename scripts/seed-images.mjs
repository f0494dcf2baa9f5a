// Draws demo/lessons/before.png and after.png, the two pictures the seed lesson shows ("It
// should look like this"), with torchlet itself: the lesson's plotting cell, then the same cell
// with the exercise completed as its hint says. Needs `npm run build` and `npm start` (PORT, 8000).
//   node scripts/seed-images.mjs
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { browserArgs, findBrowser } from '../config/browser.mjs';

const origin = `http://127.0.0.1:${process.env.PORT ?? 8000}`;
const blocks = [
  ...readFileSync('demo/lessons/seed-lesson.md', 'utf8').matchAll(/```python\n([\s\S]*?)```/g),
].map((m) => m[1]);
const curves = blocks[5];
const solved = blocks[6]
  .replace('tensor(-1.0).????', 'tensor(-1.0).requires_grad_()')
  .replace('y1.????', 'y1.backward()')
  .replace('y2.????', 'y2.backward()')
  .replaceAll('x.????', 'x.grad');

const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: browserArgs });
try {
  for (const [file, code] of [
    ['before.png', curves],
    ['after.png', `${curves}\n${solved}`],
  ]) {
    const page = await browser.newPage();
    await page.setViewport({ width: 640, height: 900, deviceScaleFactor: 1 });
    const escaped = code.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    await page.setContent(`<!doctype html><html lang="en"><body style="margin:0;width:560px">
      <script type="module" src="${origin}/dist/cdn/torchlet.js"></script>
      <tensor-playground autorun readonly><template>${escaped}</template></tensor-playground></body></html>`);
    const figure = await page.waitForFunction(
      () => document.querySelector('tensor-playground')?.shadowRoot?.querySelector('.output .figure-host'),
      { timeout: 60000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await figure.asElement().screenshot({ path: `demo/lessons/${file}` });
    console.log(`demo/lessons/${file}`);
    await page.close();
  }
} finally {
  await browser.close();
}
