// bench:loop-vs-vector's Chromium side (run.mjs calls it under the browser lock): opens
// bench/loop-vs-vector/index.html in headless Chromium and prints what the page measured.
// Usage: node bench/loop-vs-vector/browser.mjs [--file=sum_squares_timeit.py]
import { runBenchPage } from '../lib/browser-page.mjs';

const result = await runBenchPage({
  path: 'bench/loop-vs-vector/index.html',
  port: Number(process.env.BENCH_PORT ?? 8773),
  profile: 'torchlet-bench-loop-vs-vector',
});
if (result.ok) process.stdout.write(result.text);
else console.error(result.error);
process.exit(result.ok ? 0 : 1);
