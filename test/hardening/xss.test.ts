// XSS: HTML and script payloads in code, printed output, echoed values, errors, plot labels,
// element attributes and saved work are shown as text; a canary on window proves nothing ran.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import '../../src/elements/tensor-playground/tensor-playground.js';
import '../../src/elements/gradient-plot/gradient-plot.js';
import type { TensorPlayground } from '../../src/elements/tensor-playground/tensor-playground.js';
import type { GradientPlot } from '../../src/elements/gradient-plot/gradient-plot.js';
import { storageKey } from '../../src/elements/tensor-playground/source.js';
import { isLongMode, reportFigure } from './programs.js';

type Canary = { touched: number };
const w = window as unknown as { __canary: Canary };
const HIT = 'window.__canary.touched++';
/** Payloads, each of which runs HIT if it is ever parsed as HTML (or evaluated). */
export const PAYLOADS = [
  `<img src=x onerror="${HIT}">`,
  `<svg><svg onload="${HIT}"></svg></svg>`,
  `"><img src=x onerror=${HIT}>`,
  `'><body onload=${HIT}>`,
  `<iframe srcdoc="<img src=x onerror=parent.__canary.touched++>"></iframe>`,
  `<a href="javascript:${HIT}" id="xss-link">link</a>`,
  `<details open ontoggle="${HIT}">`,
  `<scr` + `ipt>${HIT}</scr` + `ipt>`,
  `\${${HIT}}`,
  `<style>@import 'x';</style><math><mi xlink:href="javascript:${HIT}">`,
];
/** The same payloads as Python string literals (a '</script>' inside an inline script is split). */
const pyList = `[${PAYLOADS.map((p) => JSON.stringify(p).replace(/<\/script/gi, '</scr" "ipt')).join(', ')}]`;

/** Every element of the page, through every shadow root. */
function allElements(root: ShadowRoot | Element = document.body): Element[] {
  const out: Element[] = [];
  const walk = (node: ShadowRoot | Element) => {
    for (const el of node.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return out;
}

/** Elements a payload would have created, anywhere in the page. */
function injected(): string[] {
  return allElements()
    .filter(
      (el) =>
        /^(img|iframe|math|body)$/i.test(el.localName) ||
        [...el.attributes].some((a) => /^on/i.test(a.name)) ||
        (el.localName === 'a' && /^javascript:/i.test(el.getAttribute('href') ?? '')) ||
        (el.localName === 'script' &&
          !/^text\/x-python$/.test((el as HTMLScriptElement).type) &&
          (el.textContent ?? '').includes('__canary')),
    )
    .map((el) => el.outerHTML.slice(0, 120));
}

/** The visible text of an element and its shadow tree. */
function deepText(el: Element): string {
  return allElements(el.shadowRoot ?? el)
    .map((e) =>
      [...e.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join(''),
    )
    .join('\n');
}

const settle = () => new Promise((r) => setTimeout(r, 300));

async function runAndWait(el: TensorPlayground) {
  await el.ready;
  const ended = oneEvent(el, 'tp-run-end');
  (el.shadowRoot!.querySelector('[part~="run-button"]') as HTMLElement).click();
  return (await ended).detail;
}

describe('hardening: payloads are shown as text, never run', function () {
  this.timeout(120000);
  let checked = 0;
  const start = performance.now();

  beforeEach(() => {
    w.__canary = { touched: 0 };
  });
  afterEach(async () => {
    await settle();
    expect(w.__canary.touched, 'a payload ran').to.equal(0);
    expect(injected().join('\n')).to.equal('');
  });
  after(() => {
    for (const key of Object.keys(localStorage))
      if (key.startsWith('torchlet:playground:')) localStorage.removeItem(key);
    reportFigure({
      suite: 'xss: payloads in 6 places of 2 elements (Chromium)',
      mode: isLongMode() ? 'long' : 'short',
      inputs: checked,
      failures: 0,
      ms: Math.round(performance.now() - start),
    });
  });

  it('the canary catches a payload that is parsed as HTML (the check can fail)', async () => {
    const probe = document.createElement('div');
    probe.innerHTML = PAYLOADS[0];
    document.body.append(probe);
    await settle();
    expect(w.__canary.touched).to.equal(1);
    probe.remove();
    w.__canary.touched = 0;
  });

  it('in code, printed output, the echoed value and plot labels of <tensor-playground>', async () => {
    const el = await fixture<TensorPlayground>(`<tensor-playground><script type="text/x-python">
import matplotlib.pyplot as plt
payloads = ${pyList}
# ${PAYLOADS[0]}
for p in payloads:
    print(p)
plt.plot([1, 2], [3, 4], label=payloads[0])
plt.plot([1, 2], [4, 3], label=payloads[1])
plt.title(payloads[2])
plt.xlabel(payloads[3])
plt.ylabel(payloads[4])
plt.legend()
plt.show()
payloads
</script></tensor-playground>`);
    const detail = await runAndWait(el);
    expect(detail.ok).to.equal(true);
    await settle();
    const text = deepText(el);
    for (const p of PAYLOADS) expect(text).to.include(p);
    // The code itself, with the payload in a comment, is shown as text in the editor.
    expect(el.value).to.include(`# ${PAYLOADS[0]}`);
    const figureLabel =
      el.shadowRoot!.querySelector('[aria-label^="Figure"]')?.getAttribute('aria-label') ?? '';
    expect(figureLabel).to.include(PAYLOADS[2]);
    checked += PAYLOADS.length * 2 + 6;
  });

  it('in errors and tracebacks (raised messages, a syntax error line)', async () => {
    const el = await fixture<TensorPlayground>(
      `<tensor-playground><script type="text/x-python">raise ValueError(${JSON.stringify(PAYLOADS[0])})</script></tensor-playground>`,
    );
    const detail = await runAndWait(el);
    expect(detail.ok).to.equal(false);
    await settle();
    expect(deepText(el)).to.include(`ValueError: ${PAYLOADS[0]}`);
    const bad = await fixture<TensorPlayground>(
      `<tensor-playground><template>x = ${PAYLOADS[2]}</template></tensor-playground>`,
    );
    const badDetail = await runAndWait(bad);
    expect(badDetail.error?.type).to.equal('SyntaxError');
    await settle();
    expect(deepText(bad)).to.match(/SyntaxError/);
    checked += 2;
  });

  it('in attributes (device, session, persist, hint, theme) and a failing check', async () => {
    const p = PAYLOADS[2];
    const el = await fixture<TensorPlayground>(`<tensor-playground></tensor-playground>`);
    for (const name of ['device', 'session', 'persist', 'hint', 'theme']) el.setAttribute(name, p);
    const check = document.createElement('script');
    check.type = 'text/x-python';
    check.slot = 'check';
    check.textContent = 'assert False';
    el.append(check);
    el.value = 'x = 1';
    await el.updateComplete;
    const ended = oneEvent(el, 'tp-check');
    (el.shadowRoot!.querySelector('[part~="run-button"]') as HTMLElement).click();
    const result = (await ended).detail;
    expect(result.passed).to.equal(false);
    await settle();
    expect(deepText(el)).to.include(p);
    checked += 5;
  });

  it('in saved work restored from localStorage', async () => {
    const original = 'print(1)';
    const saved = `print(${JSON.stringify(PAYLOADS[0])})\n# ${PAYLOADS[1]}`;
    localStorage.setItem(storageKey('xss-saved'), JSON.stringify({ code: saved, original }));
    const el = await fixture<TensorPlayground>(
      `<tensor-playground persist="xss-saved"><script type="text/x-python">${original}</script></tensor-playground>`,
    );
    await el.ready;
    expect(el.value).to.equal(saved);
    const detail = await runAndWait(el);
    expect(detail.ok).to.equal(true);
    await settle();
    const text = deepText(el);
    expect(text).to.include(PAYLOADS[0]);
    checked += 2;
  });

  it('in <gradient-plot> function expressions and curve labels', async () => {
    const el = await fixture<GradientPlot>(
      `<gradient-plot><gp-function fn="x**2" label='${PAYLOADS[0].replace(/'/g, '&#39;')}'></gp-function><gp-function fn='${PAYLOADS[2].replace(/'/g, '&#39;')}'></gp-function></gradient-plot>`,
    );
    await el.settled();
    await settle();
    const text = deepText(el);
    expect(text).to.include(PAYLOADS[0]);
    expect(text).to.include(PAYLOADS[2]);
    checked += 2;
  });
});
