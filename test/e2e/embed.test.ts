// End to end: the BUILT dist/cdn/embed.html (run `npm run build` first) inside pages made the way
// LMSes make them. The LMS pages (test/e2e/lms-pages.mjs) run the teacher's HTML through
// sanitize-html with the site's allow-list and are served from another origin (localhost) than
// the library (127.0.0.1, this page's origin, playing the CDN). The embed frame inside an LMS
// page is then same-origin with this test page, which reads its elements' real output.
import { expect, waitUntil } from '@open-wc/testing';
import { encodeEmbedFragment } from '../../src/embed/fragment.js';
import { embedUrl, iframeSnippet, suggestedHeight } from '../../src/embed/snippet.js';
import { embedUrl as lessonEmbedUrl, iframeSnippet as lessonIframe } from '../../src/studio/exports.js';

const LIBRARY = location.origin;
const LMS = `http://localhost:${location.port}`;
const EMBED_PAGE = `${LIBRARY}/dist/cdn/embed.html`;
const CELL = 'import torch\na = torch.tensor([1,2,3])\na.sum()';

interface Relayed {
  frame: number;
  data: { source: 'torchlet'; type: string; detail?: any; height?: number; index?: number };
}

interface LmsPage {
  frame: HTMLIFrameElement;
  /** The teacher's content as the LMS stored it (after its sanitizer). */
  html: string;
  /** What the page's embeds posted to it, forwarded by the LMS's own script. */
  messages: Relayed[];
  /** The window of the page's i-th iframe (same-origin with this test page). */
  embed(i?: number): Window;
  close(): void;
}

async function openLms(
  profile: 'canvas' | 'wordpress',
  content: string,
  scripts: string[] = [],
  origin = LMS,
): Promise<LmsPage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 800px';
  const query = new URLSearchParams({ html: content });
  for (const script of scripts) query.append('script', script);
  frame.src = `${origin}/lms/${profile}?${query}`;
  const messages: Relayed[] = [];
  let html: string | undefined;
  const listener = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || !event.data?.lms) return;
    if (event.data.loaded) html = event.data.html;
    else messages.push(event.data);
  };
  addEventListener('message', listener);
  document.body.append(frame);
  await waitUntil(() => html !== undefined, 'the LMS page', { timeout: 30000 });
  return {
    frame,
    html: html!,
    messages,
    embed: (i = 0) => frame.contentWindow!.frames[i] as Window,
    close() {
      removeEventListener('message', listener);
      frame.remove();
    },
  };
}

/** A same-origin document inside a frame, once it is readable (not the initial about:blank). */
function documentOf(win: Window | undefined, path = '/dist/cdn/embed.html'): Document | null {
  try {
    return win && win.location.pathname === path && win.document.readyState !== 'loading'
      ? win.document
      : null;
  } catch {
    return null;
  }
}

/** What a playground printed and echoed (not its own notes). */
function outputOf(cell: Element | undefined): string {
  return [...(cell?.shadowRoot?.querySelectorAll('.output pre:not(.note)') ?? [])]
    .map((pre) => pre.textContent)
    .join('');
}

async function cellOutputs(
  win: () => Window | undefined,
  count: number,
  timeout = 90000,
  path?: string,
): Promise<string[]> {
  let outputs: string[] = [];
  await waitUntil(
    () => {
      const cells = [...(documentOf(win(), path)?.querySelectorAll('tensor-playground') ?? [])] as Array<
        Element & { running: boolean }
      >;
      outputs = cells.map(outputOf);
      return cells.length === count && cells.every((c) => !c.running && outputOf(c) !== '');
    },
    `${count} cell outputs`,
    { timeout },
  );
  return outputs;
}

/** The iframe the guide's form gives a teacher for these parameters. */
async function snippetFor(params: Array<[string, string]>, compress?: boolean): Promise<string> {
  return iframeSnippet(await embedUrl(EMBED_PAGE, params, { compress }), { height: suggestedHeight(params) });
}

/** axe-core's violations in a same-origin frame (axe runs in the frame's own window). */
async function axeViolations(win: Window): Promise<string[]> {
  const frameWindow = win as Window & {
    axe?: { run(context: Document): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> };
  };
  if (!frameWindow.axe) {
    const script = win.document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    win.document.head.append(script);
    await loaded;
  }
  const { violations } = await frameWindow.axe!.run(win.document);
  return violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n: any) => n.target))}`);
}

const relayedOf = (page: LmsPage, type: string) => page.messages.filter((m) => m.data.type === type);

/** The script files a frame fetched (their names, without the chunks' hashes). */
const scriptsOf = (win: Window) =>
  win.performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname.split('/').pop()!)
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.replace(/-[\w-]{8}\.js$/, ''));

describe('embed.html in LMS pages (dist/cdn, sanitized, another origin)', function () {
  this.timeout(240000);

  it('Canvas: the sanitized iframe runs the cell with autorun and shows tensor(6); resize and tp-run-end reach the page', async () => {
    const snippet = await snippetFor([
      ['code', CELL],
      ['autorun', ''],
    ]);
    const page = await openLms(
      'canvas',
      `<p>Run this:</p><script>top.__canary = 1</script>${snippet}<tensor-playground>dropped</tensor-playground>`,
    );
    try {
      // Canvas kept the iframe (src, title, width, height, allow, allowfullscreen) and dropped the rest.
      expect(page.html).to.not.contain('<script');
      expect(page.html).to.not.contain('<tensor-playground');
      const iframe = new DOMParser().parseFromString(page.html, 'text/html').querySelector('iframe')!;
      expect(iframe.getAttribute('src')).to.equal(
        await embedUrl(EMBED_PAGE, [
          ['code', CELL],
          ['autorun', ''],
        ]),
      );
      expect(iframe.getAttribute('width')).to.equal('100%');
      expect(iframe.hasAttribute('allowfullscreen')).to.equal(true);
      expect(iframe.getAttribute('allow')).to.equal('clipboard-write');

      expect(await cellOutputs(() => page.embed(), 1)).to.deep.equal(['tensor(6)']);
      await waitUntil(() => relayedOf(page, 'tp-run-end').length > 0, 'tp-run-end relayed');
      const end = relayedOf(page, 'tp-run-end')[0].data;
      expect(end.detail.ok).to.equal(true);
      expect(end.detail.device).to.equal('cpu');
      expect(end.detail.duration).to.be.a('number');
      expect(end.index).to.equal(0);
      expect(relayedOf(page, 'tp-run-start')[0].data.detail.code).to.equal(CELL);
      // The page grows as the output arrives; its last resize message follows (posted once a frame).
      const doc = documentOf(page.embed())!;
      const pageHeight = () => Math.ceil(doc.documentElement.getBoundingClientRect().height);
      await waitUntil(
        () => relayedOf(page, 'resize').at(-1)?.data.height === pageHeight(),
        'the last resize message reports the page height',
      );
      expect(relayedOf(page, 'resize').at(-1)!.data.height).to.be.greaterThan(100);
      // Code cells need only the playground part: the other elements (all of torchlet.js) stay unfetched.
      expect(scriptsOf(page.embed())).to.include.members(['embed.js', 'playground-part']);
      expect(scriptsOf(page.embed())).to.not.include('torchlet.js');
    } finally {
      page.close();
    }
  });

  it('Canvas: the same cell from a compressed #z= link', async () => {
    const snippet = await snippetFor(
      [
        ['code', CELL],
        ['autorun', ''],
      ],
      true,
    );
    expect(snippet).to.match(/embed\.html#z=[\w-]+"/);
    const page = await openLms('canvas', snippet);
    try {
      expect(await cellOutputs(() => page.embed(), 1)).to.deep.equal(['tensor(6)']);
      await waitUntil(() => relayedOf(page, 'tp-run-end').length > 0, 'tp-run-end relayed');
    } finally {
      page.close();
    }
  });

  it('Canvas: a 3-cell session runs in order, shares its variables and relays its check', async () => {
    const snippet = await snippetFor([
      ['code', 'import torch\na = torch.tensor([1., 2., 3.])\nprint(a)'],
      ['code', 'b = a * 2\nb'],
      ['code', 'b.sum()'],
      ['check', 'assert b.sum().item() == 12, "Double a first"'],
      ['autorun', ''],
    ]);
    const page = await openLms('canvas', snippet);
    try {
      expect(await cellOutputs(() => page.embed(), 3)).to.deep.equal([
        'tensor([1., 2., 3.])\n',
        'tensor([2., 4., 6.])',
        'tensor(12.)',
      ]);
      await waitUntil(() => relayedOf(page, 'tp-run-end').length === 3, 'three tp-run-end relayed');
      expect(relayedOf(page, 'tp-run-end').map((m) => [m.data.index, m.data.detail.ok])).to.deep.equal([
        [0, true],
        [1, true],
        [2, true],
      ]);
      await waitUntil(() => relayedOf(page, 'tp-check').length === 1, 'tp-check relayed');
      expect(relayedOf(page, 'tp-check')[0].data).to.deep.include({
        index: 2,
        detail: { passed: true, message: 'Correct!', reason: 'check' },
      });
    } finally {
      page.close();
    }
  });

  it('Canvas: a gpu-speedup fragment measures with its attributes and relays gs-result', async () => {
    const snippet = await snippetFor([
      ['element', 'gpu-speedup'],
      ['n', '32'],
      ['repeats', '2'],
      ['gpu-backend', 'webgl'],
      ['autorun', ''],
    ]);
    const page = await openLms('canvas', snippet);
    try {
      await waitUntil(() => relayedOf(page, 'gs-result').length > 0, 'gs-result relayed', {
        timeout: 120000,
      });
      const { detail } = relayedOf(page, 'gs-result')[0].data;
      expect(detail.mode).to.equal('single');
      expect(detail.latest.n).to.equal(32);
      expect(detail.latest.gpu.backend).to.equal('webgl');
      expect(detail.latest.cpu.endToEnd.median).to.be.greaterThan(0);
      const meter = documentOf(page.embed())!.querySelector('gpu-speedup')!;
      expect(meter.getAttribute('repeats')).to.equal('2');
      expect(scriptsOf(page.embed())).to.include('torchlet.js');
    } finally {
      page.close();
    }
  });

  it('Canvas: a gradient-plot fragment draws its function with the slope from autograd and relays gp-change', async () => {
    const snippet = await snippetFor([
      ['element', 'gradient-plot'],
      ['fn', 'x**3 - 2*x'],
      ['x', '1'],
      ['x-min', '-2'],
      ['x-max', '2'],
    ]);
    const page = await openLms('canvas', snippet);
    try {
      await waitUntil(() => relayedOf(page, 'gp-change').length > 0, 'gp-change relayed', { timeout: 90000 });
      const { detail } = relayedOf(page, 'gp-change')[0].data;
      expect(detail.x).to.equal(1);
      // d/dx (x³ - 2x) at 1 = 3 - 2
      expect(detail.slopes[0]).to.be.closeTo(1, 1e-6);
      const plot = documentOf(page.embed())!.querySelector('gradient-plot') as Element & { xMin: number };
      expect(plot.xMin).to.equal(-2);
    } finally {
      page.close();
    }
  });

  it("Canvas: the studio's exported lesson iframe renders the Markdown and runs its cells in one session", async () => {
    const markdown =
      '# Tensors\n\nA tensor:\n\n```python\nimport torch\na = torch.tensor([1, 2, 3])\n```\n\nIts sum:\n\n```python\na.sum()\n```\n';
    const url = await lessonEmbedUrl(markdown, `${LIBRARY}/dist/cdn/`);
    const page = await openLms('canvas', `<p>This week:</p>${lessonIframe(url, markdown)}`);
    try {
      const iframe = new DOMParser().parseFromString(page.html, 'text/html').querySelector('iframe')!;
      expect(iframe.getAttribute('src')).to.equal(url);
      let doc: Document | null = null;
      await waitUntil(
        () =>
          (doc = documentOf(page.embed())) !== null &&
          doc.querySelectorAll('torchlet-lesson tensor-playground').length === 2,
        'the lesson and its two cells',
        { timeout: 60000 },
      );
      expect(doc!.querySelector('torchlet-lesson h1')!.textContent).to.match(/^Tensors/);
      const lesson = doc!.querySelector('torchlet-lesson') as Element & { runAll(): Promise<boolean> };
      const cells = [...doc!.querySelectorAll('tensor-playground')] as Array<
        Element & { ready: Promise<void> }
      >;
      await Promise.all(cells.map((c) => c.ready));
      expect(await lesson.runAll()).to.equal(true);
      expect(cells.map(outputOf)).to.deep.equal(['', 'tensor(6)']);
      await waitUntil(() => relayedOf(page, 'tp-run-end').length === 2, 'both runs relayed');
    } finally {
      page.close();
    }
  });

  it('a page that loads embed-host.js sizes the iframe to the height the embed reports', async () => {
    const snippet = (await snippetFor([['code', CELL]])).replace(/height="\d+"/, 'height="60"');
    const page = await openLms('canvas', snippet, [`${LIBRARY}/dist/cdn/embed-host.js`]);
    try {
      await waitUntil(() => {
        const doc = documentOf(page.embed());
        const cell = doc?.querySelector('tensor-playground');
        return (
          cell?.shadowRoot?.querySelector('.toolbar') &&
          (relayedOf(page, 'resize').at(-1)?.data.height ?? 0) > 150
        );
      }, 'the cell rendered and its height reported');
      await waitUntil(() => {
        const win = page.embed();
        const height = relayedOf(page, 'resize').at(-1)!.data.height!;
        return Math.abs(win.innerHeight - height) <= 1;
      }, 'the frame resized to the reported height');
      const doc = documentOf(page.embed())!;
      // Nothing to scroll: the frame fits its content.
      expect(doc.documentElement.scrollHeight).to.be.at.most(page.embed().innerHeight + 1);
    } finally {
      page.close();
    }
  });
});

describe('sanitizer-safe markup on a WordPress/Moodle-like page (torchlet.js loaded by the site)', function () {
  this.timeout(240000);

  it('upgrades the markup the sanitizer kept, once, and markup added later', async () => {
    const w = window as unknown as { __canary: { touched: number } };
    w.__canary = { touched: 0 };
    const content = `<p>Before the cell.</p><script>top.__canary.touched++</script>
<pre class="torchlet-playground" data-session="week3" data-autorun onclick="top.__canary.touched++">import torch
a = torch.tensor([1,2,3])
a.sum()</pre>
<div class="torchlet-gradient-plot" data-x="1"><div class="torchlet-gp-function" data-fn="x**2" data-label="square"></div></div>
<div class="torchlet-gpu-speedup" data-n="32" data-repeats="2"><p>Time a matmul.</p></div>
<tensor-playground autorun><script type="text/x-python">print("dropped")</script></tensor-playground>`;
    // The site's theme loads torchlet.js from the CDN (another origin), twice (two plugins).
    const cdn = `${LMS}/dist/cdn/torchlet.js`;
    const page = await openLms('wordpress', content, [cdn, `${cdn}?v=2`], LIBRARY);
    try {
      expect(page.html).to.contain('class="torchlet-playground" data-session="week3" data-autorun=""');
      expect(page.html).to.not.contain('<script');
      expect(page.html).to.not.contain('onclick');
      expect(page.html).to.not.contain('<tensor-playground');
      const win = page.frame.contentWindow!;
      expect(await cellOutputs(() => win, 1, 90000, '/lms/wordpress')).to.deep.equal(['tensor(6)']);
      const doc = win.document;
      const cell = doc.querySelector('tensor-playground')!;
      expect(cell.session).to.equal('week3');
      const source = cell.nextElementSibling as HTMLElement;
      expect(source.matches('pre.torchlet-playground[data-torchlet-upgraded]')).to.equal(true);
      expect(source.style.display).to.equal('none');

      const plot = doc.querySelector('gradient-plot')!;
      await waitUntil(() => plot.tangents?.[0], 'the tangent', { timeout: 60000 });
      expect(plot.curves.map((c) => c.label)).to.deep.equal(['square']);
      expect(plot.tangents[0]!.slope).to.be.closeTo(2, 1e-6);

      const meter = doc.querySelector('gpu-speedup')!;
      expect(meter.n).to.equal(32);
      expect(meter.repeats).to.equal(2);
      expect(meter.querySelector('p')!.textContent).to.equal('Time a matmul.');

      // Loaded twice, upgraded once; markup the page adds later is upgraded too.
      expect(doc.querySelectorAll('tensor-playground, gradient-plot, gpu-speedup')).to.have.length(3);
      const later = doc.createElement('pre');
      later.className = 'torchlet-playground';
      later.dataset.session = 'week3';
      later.dataset.autorun = '';
      later.textContent = 'a * 2';
      doc.querySelector('.user_content')!.append(later);
      expect(await cellOutputs(() => win, 2, 90000, '/lms/wordpress')).to.deep.equal([
        'tensor(6)',
        'tensor([2, 4, 6])',
      ]);
      expect(w.__canary.touched).to.equal(0);
    } finally {
      page.close();
    }
  });
});

describe('embed.html on its own', function () {
  this.timeout(240000);

  async function openEmbed(
    fragment: string,
    setup?: (frame: HTMLIFrameElement) => void,
    width = 700,
    height = 500,
  ) {
    const frame = document.createElement('iframe');
    frame.style.cssText = `width: ${width}px; height: ${height}px`;
    setup?.(frame);
    frame.src = `${EMBED_PAGE}#${fragment}`;
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    return frame;
  }

  it('at the suggested height without embed-host.js, a narrow frame keeps the toolbar whole and scrolls itself', async () => {
    const code = Array.from({ length: 30 }, (_, i) => `print(${i})`).join('\n');
    const frame = await openEmbed(
      `code=${encodeURIComponent(code)}&autorun`,
      undefined,
      320,
      suggestedHeight([['code', code]]),
    );
    try {
      await cellOutputs(() => frame.contentWindow!, 1);
      const win = frame.contentWindow!;
      expect(await axeViolations(win)).to.deep.equal([]);
      const cell = win.document.querySelector('tensor-playground')!;
      const toolbar = cell.shadowRoot!.querySelector('[part~="toolbar"]')!.getBoundingClientRect();
      expect(toolbar.left).to.be.at.least(0);
      expect(toolbar.right).to.be.at.most(win.innerWidth);
      for (const button of cell.shadowRoot!.querySelectorAll('[part~="toolbar"] button')) {
        expect(button.getBoundingClientRect().right, button.textContent!).to.be.at.most(win.innerWidth);
      }
      expect(win.document.documentElement.scrollWidth).to.be.at.most(win.innerWidth);
      // Taller than the frame: the page scrolls to its end.
      const { scrollHeight } = win.document.documentElement;
      expect(scrollHeight).to.be.greaterThan(win.innerHeight);
      win.scrollTo(0, scrollHeight);
      expect(win.scrollY).to.be.greaterThan(0);
    } finally {
      frame.remove();
    }
  });

  type Cell = Element & { ready: Promise<void>; value: string };
  /** The frame's first playground, once upgraded and ready. */
  async function cellIn(frame: HTMLIFrameElement): Promise<Cell> {
    const win = frame.contentWindow!;
    await waitUntil(
      () => win.document.querySelector('tensor-playground') && win.customElements.get('tensor-playground'),
      'the cell',
    );
    const cell = win.document.querySelector('tensor-playground') as Cell;
    await cell.ready;
    return cell;
  }

  it("a shareable cell's link opens the embed.html beside torchlet.js with the cell's current code", async () => {
    const page = document.createElement('iframe');
    page.srcdoc = `<!doctype html><html lang="en"><head><title>share</title><script type="module" src="/dist/cdn/torchlet.js"></script></head>
      <body><tensor-playground shareable><script type="text/x-python">print(6 * 7)</script></tensor-playground></body></html>`;
    document.body.append(page);
    try {
      await waitUntil(() => page.contentWindow?.customElements.get('tensor-playground'), 'torchlet.js');
      const cell = page.contentDocument!.querySelector('tensor-playground')!;
      await cell.ready;
      cell.value = 'print(6 * 7)\nprint("edited")';
      (cell.shadowRoot!.querySelector('[part~="share-button"]') as HTMLElement).click();
      await waitUntil(() => cell.shadowRoot!.querySelector('[part~="share"] input'), 'the Share panel');
      const link = (cell.shadowRoot!.querySelector('[part~="share"] input') as HTMLInputElement).value;
      expect(link).to.equal(`${EMBED_PAGE}#code=print(6%20*%207)%0Aprint(%22edited%22)`);
      const embed = await openEmbed(`${link.split('#')[1]}&autorun`);
      try {
        expect(await cellOutputs(() => embed.contentWindow!, 1)).to.deep.equal(['42\nedited\n']);
      } finally {
        embed.remove();
      }
    } finally {
      page.remove();
    }
  });

  it("keeps a student's edits per embed, and says once where it cannot", async () => {
    const original = `x = ${Date.now()}`;
    const edited = `${original}\nprint("mine")`;
    const fragment = `code=${encodeURIComponent(original)}`;
    const first = await openEmbed(fragment);
    try {
      const playground = await cellIn(first);
      expect(playground.value).to.equal(original);
      playground.value = edited;
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(first.contentWindow!.document.querySelector('.embed-note')).to.equal(null);
    } finally {
      first.remove();
    }
    const again = await openEmbed(fragment);
    const other = await openEmbed(`${fragment}&theme=dark`);
    try {
      const cell = await cellIn(again);
      expect(cell.value).to.equal(edited);
      const otherCell = await cellIn(other);
      expect(otherCell.value, 'another fragment is another embed').to.not.contain('mine');
    } finally {
      again.remove();
      other.remove();
    }

    // A sandboxed frame (no allow-same-origin) has no storage: the page says so, once, and
    // tells the parent too (its DOM is out of reach: an opaque origin).
    const sandboxed = document.createElement('iframe');
    sandboxed.setAttribute('sandbox', 'allow-scripts');
    const messages: Array<{ type: string; detail?: any }> = [];
    const listener = (event: MessageEvent) => {
      if (event.source === sandboxed.contentWindow && event.data?.source === 'torchlet')
        messages.push(event.data);
    };
    addEventListener('message', listener);
    sandboxed.src = `${EMBED_PAGE}#code=print(1)&code=print(2)&autorun`;
    document.body.append(sandboxed);
    try {
      await waitUntil(() => messages.filter((m) => m.type === 'tp-run-end').length === 2, 'both cells ran', {
        timeout: 90000,
      });
      expect(messages.filter((m) => m.type === 'tp-run-end').every((m) => m.detail.ok)).to.equal(true);
      const notices = messages.filter((m) => m.type === 'notice');
      expect(notices).to.have.length(1);
      expect(notices[0].detail.message).to.match(/^Your edits are not saved in this frame/);
    } finally {
      removeEventListener('message', listener);
      sandboxed.remove();
    }
  });
});

describe('embed.html with bad or hostile fragments', function () {
  this.timeout(240000);
  const w = window as unknown as { __canary: { touched: number } };
  // The XSS suite's payloads (test/hardening/xss.test.ts), aimed at this page's canary from the frame.
  const HIT = 'top.__canary.touched++';
  const PAYLOADS = [
    `<img src=x onerror="${HIT}">`,
    `<svg><svg onload="${HIT}"></svg></svg>`,
    `"><img src=x onerror=${HIT}>`,
    `'><body onload=${HIT}>`,
    `<iframe srcdoc="<img src=x onerror=top.__canary.touched++>"></iframe>`,
    `<a href="javascript:${HIT}" id="xss-link">link</a>`,
    `<details open ontoggle="${HIT}">`,
    `<scr` + `ipt>${HIT}</scr` + `ipt>`,
    `\${${HIT}}`,
    `javascript:${HIT}`,
  ];

  beforeEach(() => {
    w.__canary = { touched: 0 };
  });

  interface Loaded {
    frame: HTMLIFrameElement;
    win: Window;
    doc: Document;
  }

  async function load(fragment: string): Promise<Loaded> {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 600px; height: 300px';
    frame.src = `${EMBED_PAGE}#${fragment}`;
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    return { frame, win: frame.contentWindow!, doc: frame.contentDocument! };
  }

  /** The page's message, once shown. */
  async function errorOf({ doc }: Loaded): Promise<string> {
    await waitUntil(() => doc.querySelector('.embed-error'), 'the error message', { timeout: 20000 });
    return doc.querySelector('.embed-error')!.textContent!;
  }

  /** Nothing of torchlet ran: no element made, torchlet.js not evaluated, no kernel Worker. */
  function expectNothingRan({ win, doc }: Loaded) {
    expect([...doc.querySelectorAll('main *')].filter((el) => el.localName.includes('-'))).to.deep.equal([]);
    expect(win.customElements.get('tensor-playground')).to.equal(undefined);
    const fetched = win.performance.getEntriesByType('resource').map((e) => e.name);
    expect(fetched.filter((url) => /worker\.js|\.wasm|index-/.test(url))).to.deep.equal([]);
  }

  /** Elements a payload would have made, anywhere in the frame (through shadow roots). */
  function injected(doc: Document): string[] {
    const found: string[] = [];
    const walk = (root: ParentNode) => {
      for (const el of root.querySelectorAll('*')) {
        const hostile =
          /^(img|iframe|math|body)$/i.test(el.localName) ||
          [...el.attributes].some((a) => /^on/i.test(a.name)) ||
          (el.localName === 'a' && /^javascript:/i.test(el.getAttribute('href') ?? '')) ||
          (el.localName === 'script' && (el.textContent ?? '').includes('__canary'));
        if (hostile) found.push(el.outerHTML.slice(0, 120));
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(doc.body);
    return found;
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

  it('the canary catches a payload run in an embed frame (the check can fail)', async () => {
    const page = await load('');
    try {
      const probe = page.doc.createElement('div');
      probe.innerHTML = PAYLOADS[0];
      page.doc.body.append(probe);
      await settle();
      expect(w.__canary.touched).to.equal(1);
      expect(injected(page.doc)).to.have.length(1);
    } finally {
      page.frame.remove();
    }
  });

  it('a truncated, an unknown, an oversized or an empty fragment: a plain message, nothing run', async () => {
    const z = await encodeEmbedFragment(
      [
        ['code', CELL],
        ['autorun', ''],
      ],
      { compress: true },
    );
    const cases: Array<[string, RegExp]> = [
      // Cut at a whole base64 quantum: valid base64url, half a deflate stream.
      [
        z.slice(0, 2 + 4 * Math.floor((z.length - 2) / 8)),
        /^The compressed embed link \(z=\) is damaged or was cut short/,
      ],
      [`${z.slice(0, -5)}$$$`, /is damaged: it has characters base64url does not use/],
      ['code=print(1)%E0%A4&autorun', /not valid percent-encoding/],
      [
        'element=marquee&autorun',
        /^Unknown element "marquee": use tensor-playground, gpu-speedup, gradient-plot or lesson\.$/,
      ],
      [
        'element=gpu-speedup&n=32&autorun&bogus=1',
        /^Unknown setting "bogus" for <gpu-speedup>\. It takes: n, repeats, sweep/,
      ],
      ['element=gpu-speedup&n=huge&autorun', /^n= must be a number for <gpu-speedup>, not "huge"\.$/],
      [
        `code=${'a'.repeat(1024 * 1024)}&autorun`,
        /^The embed link is too long: its content may be at most 512 KB\.$/,
      ],
      ['', /^This embed link shows nothing/],
    ];
    for (const [fragment, message] of cases) {
      const page = await load(fragment);
      try {
        expect(await errorOf(page), fragment.slice(0, 60)).to.match(message);
        expect(page.doc.querySelector('.embed-error')!.getAttribute('role')).to.equal('alert');
        await settle();
        expectNothingRan(page);
      } finally {
        page.frame.remove();
      }
    }
  });

  it('HTML and JS in every parameter: shown as text, never run', async () => {
    for (const payload of PAYLOADS) {
      const p = encodeURIComponent(payload);
      const shown = payload.slice(0, 40);
      const refused: string[] = [
        `element=${p}`,
        `code=x&${p}=1`,
        `code=x&device=${p}`,
        `code=x&theme=${p}`,
        `code=x&autorun=${p}`,
        `element=gpu-speedup&n=${p}`,
        `element=gpu-speedup&gpu-backend=${p}`,
        await encodeEmbedFragment([['element', payload]], { compress: true }),
      ];
      const pages = await Promise.all(refused.map(load));
      try {
        for (const page of pages) {
          expect(await errorOf(page)).to.contain(shown);
          expectNothingRan(page);
        }
        await settle();
        for (const page of pages) expect(injected(page.doc)).to.deep.equal([]);
      } finally {
        for (const page of pages) page.frame.remove();
      }

      // Free text (code, check, hint, session, a function) is accepted, and stays text.
      const cell = await load(`code=${p}&check=${p}&hint=${p}&session=${p}`);
      const plot = await load(`element=gradient-plot&fn=${p}`);
      try {
        await waitUntil(
          () =>
            cell.doc
              .querySelector('tensor-playground')
              ?.shadowRoot?.querySelector('[part~="code"]')
              ?.textContent?.includes(payload),
          'the code shown as text',
          { timeout: 30000 },
        );
        const playground = cell.doc.querySelector('tensor-playground') as Element & {
          session: string;
          hint: string;
          running: boolean;
          hasRun: boolean;
        };
        expect(playground.session).to.equal(payload);
        expect(playground.hint).to.equal(payload);
        expect(playground.running || playground.hasRun, 'no autorun: nothing ran').to.equal(false);
        await waitUntil(
          () =>
            plot.doc
              .querySelector('gradient-plot')
              ?.shadowRoot?.querySelector('[part~="messages"]')
              ?.textContent?.trim(),
          'the plot says the function is wrong',
          { timeout: 60000 },
        );
        await settle();
        expect(injected(cell.doc)).to.deep.equal([]);
        expect(injected(plot.doc)).to.deep.equal([]);
      } finally {
        cell.frame.remove();
        plot.frame.remove();
      }
      expect(w.__canary.touched, `a payload ran: ${payload}`).to.equal(0);
    }
  });
});
