// bench:loop-vs-vector's Chromium side (run.mjs calls it under the browser lock): opens
// bench/loop-vs-vector/index.html in headless Chromium and prints what the page measured.
// Usage: node bench/loop-vs-vector/browser.mjs [--file=sum_squares_timeit.py]
import { printBenchPage } from '../lib/browser-page.mjs';

await printBenchPage({
  path: 'bench/loop-vs-vector/index.html',
  port: Number(process.env.BENCH_PORT ?? 8773),
  profile: 'torchlet-bench-loop-vs-vector',
});
