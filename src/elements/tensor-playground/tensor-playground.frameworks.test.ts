// How frameworks hand a cell its code: a property set before the element connects (React, Vue,
// Svelte), before its class is defined (a client-only import), the `code` attribute (Vue and
// VitePress drop <script> children), and a <template> built by DOM calls (Vue).
import { expect, fixture, fixtureCleanup, oneEvent } from '@open-wc/testing';
import './tensor-playground.js';
import type { TensorPlayground } from './tensor-playground.js';

function outputText(el: TensorPlayground): string {
  return [...el.shadowRoot!.querySelectorAll('.output pre:not(.note)')]
    .map((pre) => pre.textContent)
    .join('');
}

async function connectAndRun(el: TensorPlayground, parent: HTMLElement) {
  const ended = oneEvent(el, 'tp-run-end');
  el.autorun = true;
  parent.append(el);
  await el.ready;
  return (await ended).detail;
}

describe('<tensor-playground> in frameworks', function () {
  this.timeout(120000);
  afterEach(() => {
    fixtureCleanup();
    for (const key of Object.keys(localStorage))
      if (key.startsWith('torchlet:playground:')) localStorage.removeItem(key);
  });

  it('keeps a value set before the element is connected, as the starting code', async () => {
    const parent = await fixture<HTMLDivElement>('<div></div>');
    const el = document.createElement('tensor-playground');
    el.value = 'print(6 * 7)';
    const detail = await connectAndRun(el, parent);
    expect(detail.ok).to.equal(true);
    expect(outputText(el)).to.equal('42\n');
    expect(el.value).to.equal('print(6 * 7)');
    expect(el.originalCode).to.equal('print(6 * 7)');
  });

  it('keeps a value set on the tag before its class was defined', async () => {
    const parent = await fixture<HTMLDivElement>('<div></div>');
    // An element of an inert document is not upgraded: `value` lands on the instance itself.
    const inert = document.implementation.createHTMLDocument('');
    const el = inert.createElement('tensor-playground') as unknown as TensorPlayground;
    (el as unknown as { value: string }).value = 'print("before upgrade")';
    expect(Object.prototype.hasOwnProperty.call(el, 'value')).to.equal(true);
    const adopted = document.adoptNode(el);
    parent.append(adopted);
    customElements.upgrade(adopted);
    await adopted.ready;
    expect(adopted.value).to.equal('print("before upgrade")');
    expect(Object.prototype.hasOwnProperty.call(adopted, 'value')).to.equal(false);
  });

  it('takes its code from the code attribute, over inline code, and follows a changed code', async () => {
    const parent = await fixture<HTMLDivElement>(
      `<div><tensor-playground code="a = 2&#10;print(a * 21)"><script type="text/x-python">print('inline')</script></tensor-playground></div>`,
    );
    const el = parent.querySelector('tensor-playground')!;
    await el.ready;
    expect(el.value).to.equal('a = 2\nprint(a * 21)');
    const ended = oneEvent(el, 'tp-run-end');
    void el.run();
    await ended;
    expect(outputText(el)).to.equal('42\n');
    el.code = 'print("changed")';
    await el.updateComplete;
    expect(el.value).to.equal('print("changed")');
    expect(el.originalCode).to.equal('print("changed")');
  });

  it('reads a <template> whose text is its children (a framework built it with DOM calls)', async () => {
    const parent = await fixture<HTMLDivElement>('<div></div>');
    const el = document.createElement('tensor-playground');
    const template = document.createElement('template');
    // Vue appends a template's children to the element, not to its .content.
    template.append(document.createTextNode('\n    x = 5\n    print(x + 1)\n  '));
    el.append(template);
    const detail = await connectAndRun(el, parent);
    expect(detail.ok).to.equal(true);
    expect(el.value).to.equal('x = 5\nprint(x + 1)');
    expect(outputText(el)).to.equal('6\n');
  });
});
