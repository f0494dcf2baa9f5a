// End to end: the BUILT dist/cdn/torchlet.js (run `npm run build` first; `npm test` does) on plain
// HTML pages, served as static files (web-test-runner.config.mjs serves /dist/ and the fixtures
// untransformed, with CORS like a CDN). Each page's report.js reads real outputs from the elements'
// shadow DOM and posts them here.
import { expect, waitUntil } from '@open-wc/testing';

interface Report {
  tags: Record<string, boolean>;
  origin: string;
  outputs: string[];
  badges: string[];
  /** Whether csp-watch.js ran (it records every securitypolicyviolation event of the page). */
  cspWatched: boolean;
  cspViolations: string[];
  /** Notes the playgrounds add of their own (e.g. why the cpu device runs without WebAssembly). */
  notes: string[];
  slopes: number[];
  plotCanvas: boolean;
  swatches: string[];
  curveColors: string[];
  speedup: {
    n: number;
    cpuBackend: string;
    gpuBackend: string | null;
    cpuMedian: number;
    speedup: number;
  } | null;
  speedupSummary: string;
  speedupNotes: string;
}

const FIXTURES = '/test/e2e/fixtures/';
/** The same server under another name: another origin, as a CDN is. */
const CDN = `http://localhost:${location.port}`;

/**
 * A plain lesson page loading torchlet.js from `base`, optionally under a CSP (as srcdoc). Its cell
 * makes a 256×256 tensor: the cpu device then needs wasm (src/core/device.ts), so the page loads it.
 */
function lessonPage(base: string, csp?: string): string {
  const policy = csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${policy}<title>lesson</title>
    <script src="${base}${FIXTURES}csp-watch.js"></script>
    <script type="module" src="${base}/dist/cdn/torchlet.js"></script></head><body>
    <tensor-playground autorun><script type="text/x-python">
    import torch
    big = torch.ones(256, 256)
    a = torch.tensor([1,2,3])
    a.sum()
    </script></tensor-playground>
    <gradient-plot></gradient-plot>
    <gpu-speedup n="32" repeats="2" gpu-backend="webgl"></gpu-speedup>
    <script type="module" src="${base}${FIXTURES}report.js"></script></body></html>`;
}

/** Loads a page in an iframe and resolves with what its report.js found. */
function loadPage(setup: (frame: HTMLIFrameElement) => void): Promise<Report> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 700px';
  setup(frame);
  return new Promise<Report>((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || !event.data?.torchletE2E) return;
      window.removeEventListener('message', onMessage);
      frame.remove();
      if (event.data.ok) resolve(event.data.report as Report);
      else reject(new Error(`the page reported: ${event.data.error}`));
    };
    window.addEventListener('message', onMessage);
    document.body.append(frame);
  });
}

function expectLessonOutputs(report: Report) {
  expect(report.tags).to.deep.equal({
    'tensor-playground': true,
    'gradient-plot': true,
    'gpu-speedup': true,
  });
  expect(report.outputs[0]).to.equal('tensor(6)');
  // The lesson's f1 = 3 - x + (x/2)**2 and f2 = 3 - (x/2)**2 at x = -1, slopes from autograd.
  expect(report.slopes[0]).to.be.closeTo(-1.5, 1e-6);
  expect(report.slopes[1]).to.be.closeTo(0.5, 1e-6);
  expect(report.plotCanvas).to.equal(true);
  // Each curve's colour swatch (legend and table) shows the curve's colour, under a strict CSP too.
  expect(report.curveColors).to.have.length(2);
  expect(new Set(report.curveColors).size).to.equal(2);
  expect(report.swatches.length).to.be.at.least(2);
  for (const swatch of report.swatches) expect(report.curveColors).to.include(swatch);
  expect(report.speedup!.n).to.equal(32);
  expect(report.speedup!.cpuMedian).to.be.greaterThan(0);
  expect(report.speedup!.speedup).to.be.a('number').and.satisfy(Number.isFinite);
  expect(report.speedupSummary).to.match(/N = 32: [\d.]+× speedup end to end/);
}

describe('dist/cdn/torchlet.js on plain pages', function () {
  this.timeout(180000);

  it('registers all three elements even when loaded twice, and they compute the lesson', async () => {
    const errors: string[] = [];
    const report = await loadPage((frame) => {
      frame.src = `${FIXTURES}plain.html`;
      frame.addEventListener('load', () =>
        frame.contentWindow!.addEventListener('error', (e) => errors.push(e.message)),
      );
    });
    expectLessonOutputs(report);
    expect(report.outputs[1]).to.equal('6 tensor([-1.,  1., 12.])\n');
    expect(report.badges[0]).to.match(/^cpu · wasm · /);
    expect(report.badges[0]).to.not.contain('in page');
    expect(report.speedup!.cpuBackend).to.equal('wasm');
    expect(report.speedup!.gpuBackend).to.equal('webgl');
    expect(errors).to.deep.equal([]);
  });

  it('starts its Worker from another origin (a CDN) through a blob URL', async () => {
    // The test page is on 127.0.0.1; the script comes from localhost, a different origin.
    const report = await loadPage((frame) => (frame.srcdoc = lessonPage(CDN)));
    expectLessonOutputs(report);
    expect(report.badges[0]).to.match(/^cpu · wasm · /);
    expect(report.badges[0]).to.not.contain('in page');
  });

  it('works in a sandboxed iframe (opaque origin, no storage), as an LMS embeds it', async () => {
    const report = await loadPage((frame) => {
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.src = `${FIXTURES}sandboxed.html`;
    });
    expect(report.origin).to.equal('null');
    expectLessonOutputs(report);
    // Nothing can be stored there: the page says so once, on the first cell, as the wasm note does.
    expect(report.notes[0]).to.contain('Edits are not saved on this page');
  });

  it("works under a strict CSP without 'wasm-unsafe-eval': the cpu backend, with a note", async () => {
    // script-src 'self' plus the CDN; the Worker (a blob: URL) inherits the page's policy.
    const csp = `default-src 'self'; script-src 'self' ${CDN}; worker-src blob:; connect-src ${CDN}; style-src 'self'; img-src 'self' data: blob:`;
    const report = await loadPage((frame) => (frame.srcdoc = lessonPage(CDN, csp)));
    expectLessonOutputs(report);
    expect(report.badges[0]).to.match(/^cpu · cpu · /);
    expect(report.notes[0]).to.contain("'wasm-unsafe-eval'");
    expect(report.speedup!.cpuBackend).to.equal('cpu');
    expect(report.speedupNotes).to.contain('wasm-unsafe-eval');
    // Nothing the policy forbids besides the WebAssembly the policy refuses on purpose here (each
    // attempt to compile it is reported; that attempt is how the fallback is found).
    expect(report.cspWatched).to.equal(true);
    expect(report.cspViolations.filter((v) => !v.startsWith('script-src blocked wasm-eval '))).to.deep.equal(
      [],
    );
  });

  it("README's strict CSP, with 'wasm-unsafe-eval': not a single securitypolicyviolation", async () => {
    const csp = `default-src 'self'; script-src 'self' ${CDN} 'wasm-unsafe-eval'; worker-src blob:; connect-src ${CDN}; style-src 'self'; img-src 'self' data: blob:`;
    const report = await loadPage((frame) => (frame.srcdoc = lessonPage(CDN, csp)));
    expectLessonOutputs(report);
    expect(report.badges[0]).to.match(/^cpu · wasm · /);
    expect(report.cspWatched).to.equal(true);
    // Inline style attributes (style-src-attr) included: README says torchlet writes none.
    expect(report.cspViolations).to.deep.equal([]);
  });

  it("without worker-src the Worker follows script-src, and a blob: Worker takes the page's 'wasm-unsafe-eval'", async () => {
    // No worker-src: the browser falls back to script-src, which here allows blob: (the CDN's Worker).
    const csp = `default-src 'self'; script-src 'self' ${CDN} blob: 'wasm-unsafe-eval'; connect-src ${CDN}; style-src 'self'; img-src 'self' data: blob:`;
    const report = await loadPage((frame) => (frame.srcdoc = lessonPage(CDN, csp)));
    expectLessonOutputs(report);
    expect(report.badges[0]).to.match(/^cpu · wasm · /);
    expect(report.badges[0]).to.not.contain('in page');
  });

  it("fetches <gradient-plot>'s code only when a page first has one, then computes its slopes", async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html lang="en"><head><title>cells</title>
      <script type="module" src="/dist/cdn/torchlet.js"></script></head><body>
      <tensor-playground autorun><script type="text/x-python">print(2 + 2)</script></tensor-playground>
      </body></html>`;
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const win = frame.contentWindow!;
      const fetched = () =>
        win.performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((url) => /\/gradient-plot-[\w-]+\.js$/.test(url));
      await waitUntil(
        () =>
          win.document.querySelector('tensor-playground')?.shadowRoot?.querySelector('.output pre')
            ?.textContent === '4\n',
        'the first output',
        { timeout: 60000 },
      );
      expect(fetched()).to.deep.equal([]);
      expect(win.customElements.get('gradient-plot')).to.equal(undefined);

      // Added later, inside another element: the page's observer finds it.
      const section = win.document.createElement('section');
      section.innerHTML = '<gradient-plot x="2"><gp-function fn="x**2"></gp-function></gradient-plot>';
      win.document.body.append(section);
      await waitUntil(() => win.customElements.get('gradient-plot'), 'the element defined', {
        timeout: 30000,
      });
      const plot = section.querySelector('gradient-plot') as HTMLElement & {
        settled(): Promise<void>;
        tangents: ({ slope: number } | null)[];
      };
      await plot.settled();
      await waitUntil(() => plot.tangents[0], 'the tangent', { timeout: 60000 });
      expect(plot.tangents[0]!.slope).to.be.closeTo(4, 1e-6);
      expect(win.customElements.get('gp-function')).to.be.a('function');
      expect(fetched()).to.have.length(1);
    } finally {
      frame.remove();
    }
  });

  it('fetches the charting code (uPlot) only when a page first plots', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html lang="en"><head><title>cells</title>
      <script type="module" src="/dist/cdn/torchlet.js"></script></head><body>
      <tensor-playground autorun><script type="text/x-python">print(sum([1, 2, 3]))</script></tensor-playground>
      </body></html>`;
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const win = frame.contentWindow!;
      const shadowOf = (i: number) => win.document.querySelectorAll('tensor-playground')[i]?.shadowRoot;
      const fetched = () => win.performance.getEntriesByType('resource').map((e) => e.name);
      await waitUntil(
        () => shadowOf(0)?.querySelector('.output pre')?.textContent === '6\n',
        'the first output',
        { timeout: 60000 },
      );
      expect(fetched().filter((url) => /\/uplot-[\w-]+\.js$/.test(url))).to.deep.equal([]);

      const plotting = win.document.createElement('tensor-playground');
      plotting.setAttribute('autorun', '');
      const code = win.document.createElement('script');
      code.type = 'text/x-python';
      code.textContent = 'import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9])';
      plotting.append(code);
      win.document.body.append(plotting);
      await waitUntil(() => shadowOf(1)?.querySelector('.output [role="img"] canvas'), 'the figure', {
        timeout: 60000,
      });
      expect(fetched().filter((url) => /\/uplot-[\w-]+\.js$/.test(url))).to.have.length(1);
    } finally {
      frame.remove();
    }
  });
});
