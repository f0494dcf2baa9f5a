// Memory over many runs of one cell (issue 19 item 13), through the built dist/cdn/torchlet.js in
// headless Chromium: after every STEP runs, the JS heaps (V8 + DOM) of the page and of the kernel's
// Worker after forced GC, tfjs's memory and pools in the Worker, and the resident memory of each
// Chromium process (Linux /proc), above all the GPU process. Run `npm run build` first, then e.g.
//   flock /tmp/torchlet-browser.lock node bench/memory/run.mjs
//   DEVICE=cuda RUNS=200 STEP=50 CODE='...' flock /tmp/torchlet-browser.lock node bench/memory/run.mjs
//   NOWEBGPU=1 DEVICE=cuda ...   (Chromium without WebGPU: cuda runs on webgl)
//   SNAP=/tmp/x ...              (heap snapshots after the first step and at the end; compare them
//                                 with node bench/memory/snapdiff.mjs /tmp/x-a.heapsnapshot /tmp/x-b.heapsnapshot)
import puppeteer from 'puppeteer-core';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserArgs, findBrowser } from '../../config/browser.mjs';
import { serve } from '../lib/static-server.mjs';

const RUNS = Number(process.env.RUNS ?? 300);
const DEVICE = process.env.DEVICE ?? 'cpu';
const CODE = process.env.CODE ?? 'import torch\nx = torch.randn(20, 20)\nprint((x @ x).sum().item() > -1e9)';
const SNAP = process.env.SNAP;

function rssOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(s)[1]) / 1024;
  } catch {
    return NaN;
  }
}
function chromeProcs() {
  const out = {};
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (!cmd.includes('torchlet-memprobe')) continue;
      const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
      out[type] = (out[type] ?? 0) + rssOf(d);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

const { server, url } = await serve('.');
const profile = mkdtempSync(join(tmpdir(), 'torchlet-memprobe-'));
const browser = await puppeteer.launch({
  executablePath: findBrowser(),
  headless: true,
  args: [
    ...browserArgs.filter((a) => !process.env.NOWEBGPU || !/webgpu|vulkan/i.test(a)),
    '--user-data-dir=${profile}',
  ],
});
try {
  const page = await browser.newPage();
  await page.goto(`${url}/bench/memory/page.html?device=${DEVICE}`);
  await page.waitForFunction(() => window.cell && window.cellReady, { timeout: 120000 });
  const cdp = await page.createCDPSession();
  const workerOf = async () => {
    for (let i = 0; i < 100 && page.workers().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    return page.workers()[0];
  };
  const runMany = (n) =>
    page.evaluate(
      async (code, n) => {
        for (let i = 0; i < n; i++) {
          window.cell.value = code;
          const ok = await window.cell.run();
          if (!ok) return window.cell.shadowRoot.querySelector('.output')?.textContent;
        }
        return 'ok';
      },
      CODE,
      n,
    );
  console.log('first', await runMany(5));
  const worker = await workerOf();
  const wcdp = worker.client;
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    await wcdp.send('HeapProfiler.collectGarbage');
    await wcdp.send('HeapProfiler.collectGarbage');
    const p = await cdp.send('Runtime.getHeapUsage');
    const w = await wcdp.send('Runtime.getHeapUsage');
    const tfm = await worker.evaluate(() => {
      const e = self._tfengine;
      const m = e.memory();
      const r = {};
      for (const [k, v] of Object.entries(m)) if (typeof v === 'number') r[k] = v;
      const gl = e.registry.webgl;
      if (gl) {
        r.glFree = gl.textureManager?.numFreeTextures;
        r.glUsed = gl.textureManager?.numUsedTextures;
        r.glPrograms = Object.keys(gl.binaryCache ?? {}).length;
      }
      const gpu = e.registry.webgpu;
      if (gpu) {
        r.gpuFreeBuf = gpu.bufferManager?.getNumFreeBuffers?.();
        r.gpuUsedBuf = gpu.bufferManager?.getNumUsedBuffers?.();
        r.gpuPipelines = Object.keys(gpu.pipelineCache ?? {}).length;
        r.gpuTexFree = gpu.textureManager?.getNumFreeTextures?.();
      }
      return r;
    });
    const dom = await page.evaluate(() => {
      const c = window.cell;
      return c.shadowRoot.querySelectorAll('*').length;
    });
    return {
      page: (p.usedSize + (p.embedderHeapUsedSize ?? 0)) / 1024,
      worker: (w.usedSize + (w.embedderHeapUsedSize ?? 0)) / 1024,
      tf: tfm,
      dom,
      procs: chromeProcs(),
    };
  };
  const base = await measure();
  console.log('base', JSON.stringify(base));
  let done = 0;
  const step = Number(process.env.STEP ?? 100);
  while (done < RUNS) {
    const r = await runMany(step);
    done += step;
    const m = await measure();
    if (SNAP && done === step) {
      await snapshot(cdp, `${SNAP}-a.heapsnapshot`);
      await snapshot(wcdp, `${SNAP}-wa.heapsnapshot`);
    }
    console.log(
      done,
      r,
      `page ${(m.page - base.page).toFixed(0)} KB (${((m.page - base.page) / done).toFixed(2)} KB/run)`,
      `worker ${(m.worker - base.worker).toFixed(0)} KB (${((m.worker - base.worker) / done).toFixed(2)} KB/run)`,
      JSON.stringify(m.tf),
      'dom',
      m.dom,
      JSON.stringify(Object.fromEntries(Object.entries(m.procs).map(([k, v]) => [k, Math.round(v)]))),
    );
  }
  if (SNAP) await snapshot(cdp, `${SNAP}-b.heapsnapshot`);
  if (SNAP) await snapshot(wcdp, `${SNAP}-wb.heapsnapshot`);
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

async function snapshot(session, file) {
  const { createWriteStream } = await import('node:fs');
  const out = createWriteStream(file);
  session.on('HeapProfiler.addHeapSnapshotChunk', (e) => out.write(e.chunk));
  await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  session.removeAllListeners('HeapProfiler.addHeapSnapshotChunk');
  await new Promise((r) => out.end(r));
}
