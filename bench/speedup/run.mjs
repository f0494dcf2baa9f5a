// Opens bench/speedup/index.html in headless Chromium (SwiftShader WebGPU/WebGL flags) and prints
// what the page measures.
// Usage: npm run bench:speedup [-- --sweeps=5 --min=32 --max=512 --repeats=5 --gflopsN=256]
import { runBenchPage } from '../lib/browser-page.mjs';

const result = await runBenchPage({
  path: 'bench/speedup/index.html',
  port: Number(process.env.BENCH_PORT ?? 8771),
  profile: 'torchlet-bench-speedup',
  echoConsole: true,
  pollMs: 1000,
});
if (!result.ok) console.error(result.error);
process.exit(result.ok ? 0 : 1);
