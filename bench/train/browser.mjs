// bench:train's Chromium side (run.mjs calls it under the browser lock): opens bench/train/index.html
// in headless Chromium and prints what the page measured.
// Usage: node bench/train/browser.mjs [--workloads=xor,linreg --repeats=7]
import { printBenchPage } from '../lib/browser-page.mjs';

await printBenchPage({
  path: 'bench/train/index.html',
  port: Number(process.env.BENCH_PORT ?? 8772),
  profile: 'torchlet-bench-train',
});
