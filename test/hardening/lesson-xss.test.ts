// XSS through <torchlet-lesson>: raw HTML in a lesson's Markdown and in a notebook's cells,
// link and image URLs, fence info strings, math and code. A canary on window proves nothing ran;
// the sanitized lesson keeps no handler, no javascript: URL, no script and no frame.
import { expect, fixture } from '@open-wc/testing';
import '../../src/elements/torchlet-lesson/torchlet-lesson.js';
import type { TorchletLesson } from '../../src/elements/torchlet-lesson/torchlet-lesson.js';
import { isLongMode, reportFigure } from './programs.js';

type Canary = { touched: number };
const w = window as unknown as { __canary: Canary };
const HIT = 'window.__canary.touched++';
const SCRIPT = 'scr' + 'ipt';

/** Raw HTML a lesson might carry, each of which runs HIT if it is ever live. */
const HTML_PAYLOADS = [
  `<img src=x onerror="${HIT}">`,
  `<svg><svg onload="${HIT}"></svg></svg>`,
  `<svg><${SCRIPT}>${HIT}</${SCRIPT}></svg>`,
  `<${SCRIPT}>${HIT}</${SCRIPT}>`,
  `<iframe srcdoc="<img src=x onerror=parent.__canary.touched++>"></iframe>`,
  `<a href="javascript:${HIT}">click</a>`,
  `<details open ontoggle="${HIT}"><summary>s</summary></details>`,
  `<math><mi xlink:href="javascript:${HIT}">m</mi></math>`,
  `<form><button formaction="javascript:${HIT}">b</button></form>`,
  `<object data="javascript:${HIT}"></object><embed src="javascript:${HIT}">`,
  `<input autofocus onfocus="${HIT}">`,
  `<video><source onerror="${HIT}"></video>`,
  `<style>body { background: red }</style>`,
  `<div data-tl-block="tl00000000-0">forged placeholder</div>`,
  `<tensor-playground><${SCRIPT} type="text/x-python">print(1)</${SCRIPT}></tensor-playground>`,
];

/** Markdown constructs whose URL or attributes could run script. */
const MARKDOWN_PAYLOADS = [
  `[link](javascript:${HIT})`,
  `[link](JaVaScRiPt:${HIT})`,
  `![img](javascript:${HIT})`,
  `[data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19jYW5hcnkudG91Y2hlZCsrPC9zY3JpcHQ+)`,
  `<javascript:${HIT}>`,
  `Math with a link: $\\href{javascript:${HIT}}{x}$ and $\\htmlId{x}{y}$`,
  '```gpu-speedup n=64 onclick="' + HIT + '" onmouseover=' + HIT + '\n```',
  '```gradient-plot onload="' +
    HIT +
    '"\nfn="x**2" label="<img src=x onerror=' +
    HIT +
    '>" onclick="' +
    HIT +
    '"\n```',
  '```python hint="<img src=x onerror=' +
    HIT +
    '>" onclick="' +
    HIT +
    '"\n' +
    `print("<img src=x onerror=${HIT}>")\n` +
    '```',
  '```html\n' + `<img src=x onerror="${HIT}">\n` + '```',
];

/** Every element of a tree, through shadow roots. */
function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return out;
}

/** What a payload would leave behind if the sanitizer let it through. */
function dangerous(lesson: Element): string[] {
  return allElements(lesson)
    .filter(
      (el) =>
        [...el.attributes].some(
          (a) =>
            /^on/i.test(a.name) ||
            /^\s*(javascript|data:text)/i.test(a.value) ||
            a.name === 'srcdoc' ||
            a.name === 'formaction',
        ) ||
        /^(iframe|object|embed|form|style|base|meta|link)$/.test(el.localName) ||
        (el.localName === 'script' && !/^text\/(x-python|markdown)$/.test((el as HTMLScriptElement).type)) ||
        (el.localName === 'tensor-playground' &&
          el.closest('.tl-lesson-body') &&
          !el.hasAttribute('persist')),
    )
    .map((el) => el.outerHTML.slice(0, 160));
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('hardening: a lesson’s Markdown and notebooks run no script', function () {
  this.timeout(120000);
  let checked = 0;
  const start = performance.now();
  beforeEach(() => (w.__canary = { touched: 0 }));
  after(() =>
    reportFigure({
      suite: 'xss: payloads in lesson Markdown and notebook cells (Chromium)',
      mode: isLongMode() ? 'long' : 'short',
      inputs: checked,
      failures: 0,
      ms: Math.round(performance.now() - start),
    }),
  );

  it('the canary catches live HTML (the check can fail)', async () => {
    const probe = document.createElement('div');
    probe.innerHTML = HTML_PAYLOADS[0];
    document.body.append(probe);
    await settle();
    expect(w.__canary.touched).to.equal(1);
    probe.remove();
  });

  it('raw HTML, URLs, info strings and math in Markdown', async () => {
    const el = document.createElement('torchlet-lesson') as TorchletLesson;
    el.markdown = [
      '# Payloads',
      ...HTML_PAYLOADS,
      ...MARKDOWN_PAYLOADS,
      `Inline: ${HTML_PAYLOADS.join(' ')}`,
    ].join('\n\n');
    await fixture(el);
    await el.rendered;
    // Let images error, details toggle, autofocus fire.
    await settle();
    for (const a of el.querySelectorAll('a')) a.click();
    await settle();
    expect(w.__canary.touched, 'a payload ran').to.equal(0);
    expect(dangerous(el).join('\n')).to.equal('');
    // Code stays text: the cell's code and the html block hold the payload as written.
    expect(el.cells[0].originalCode).to.equal(`print("<img src=x onerror=${HIT}>")`);
    expect(el.cells[0].getAttribute('hint')).to.equal(`<img src=x onerror=${HIT}>`);
    expect(el.querySelector('pre.tl-code code.language-html')!.textContent).to.contain(
      `<img src=x onerror="${HIT}">`,
    );
    // The forged placeholder and a raw <tensor-playground> made no cell.
    expect(el.cells).to.have.length(1);
    checked += HTML_PAYLOADS.length * 2 + MARKDOWN_PAYLOADS.length;
  });

  it('payloads in a notebook’s markdown, code, outputs and attachment names', async () => {
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: 'markdown', metadata: {}, source: HTML_PAYLOADS.join('\n\n') },
        {
          cell_type: 'markdown',
          metadata: {},
          source: `![x](attachment:a.png) ![y](attachment:"><img src=x onerror=${HIT}>)`,
          attachments: { 'a.png': { 'image/png': `"><img src=x onerror=${HIT}>` } },
        },
        {
          cell_type: 'code',
          metadata: { torchlet: { info: `python onclick="${HIT}"` } },
          execution_count: 1,
          source: `</${SCRIPT}><img src=x onerror=${HIT}>\nprint(1)`,
          outputs: [
            {
              output_type: 'display_data',
              data: {
                'text/html': `<img src=x onerror="${HIT}">`,
                'text/plain': `<img src=x onerror="${HIT}">`,
              },
            },
            { output_type: 'stream', name: 'stdout', text: `<${SCRIPT}>${HIT}</${SCRIPT}>` },
            {
              output_type: 'error',
              ename: 'ValueError',
              evalue: `<img src=x onerror="${HIT}">`,
              traceback: [],
            },
          ],
        },
        { cell_type: 'raw', metadata: {}, source: `<img src=x onerror="${HIT}">` },
      ],
    };
    const url = URL.createObjectURL(new Blob([JSON.stringify(nb)]));
    const el = await fixture<TorchletLesson>(
      `<torchlet-lesson expected-outputs src="${url}"></torchlet-lesson>`,
    );
    await el.rendered;
    await settle();
    for (const details of el.querySelectorAll('details')) details.open = true;
    await settle();
    expect(w.__canary.touched, 'a payload ran').to.equal(0);
    expect(dangerous(el).join('\n')).to.equal('');
    expect(el.cells).to.have.length(1);
    expect(el.cells[0].originalCode).to.equal(`</${SCRIPT}><img src=x onerror=${HIT}>\nprint(1)`);
    expect(el.querySelector('details.tl-expected')!.textContent).to.contain(`<img src=x onerror="${HIT}">`);
    checked += HTML_PAYLOADS.length + 7;
  });
});
