// A web-test-runner command for memory tests: `executeServerCommand('torchlet-heap')` collects
// garbage in the test page and in each of its dedicated Workers (the kernel's), through the
// DevTools protocol, and answers with their heaps in bytes (V8's and the DOM's, which Blink keeps
// in V8's embedder heap): { page, workers: [{ url, used }] }.
export function heapCommand() {
  return {
    name: 'torchlet-heap',
    async executeCommand({ command, session }) {
      if (command !== 'torchlet-heap') return undefined;
      const page = session.browser.getPage(session.id);
      const measure = async (client) => {
        // Twice: the first collection can leave objects whose finalizers free more.
        await client.send('HeapProfiler.collectGarbage');
        await client.send('HeapProfiler.collectGarbage');
        const usage = await client.send('Runtime.getHeapUsage');
        return usage.usedSize + (usage.embedderHeapUsedSize ?? 0);
      };
      const cdp = await page.createCDPSession();
      try {
        const workers = [];
        for (const worker of page.workers())
          workers.push({ url: worker.url(), used: await measure(worker.client) });
        return { page: await measure(cdp), workers };
      } finally {
        await cdp.detach();
      }
    },
  };
}
