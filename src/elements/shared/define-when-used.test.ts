import { expect, waitUntil } from '@open-wc/testing';
import { defineWhenUsed, once } from './define-when-used.js';

let serial = 0;
/** Tags no other test defines, and a loader that counts its calls and defines them. */
function lazyTags(count: number) {
  const id = ++serial;
  const tags = Array.from({ length: count }, (_, i) => `lazy-probe-${id}-${i}`);
  const calls: string[] = [];
  const load = () => {
    calls.push(tags[0]);
    for (const tag of tags)
      if (!customElements.get(tag)) customElements.define(tag, class extends HTMLElement {});
    return Promise.resolve();
  };
  return { tags, calls, load };
}

describe('defineWhenUsed', () => {
  afterEach(() => document.querySelectorAll('[data-lazy-probe]').forEach((el) => el.remove()));

  it('loads at once when the document already has the tag', () => {
    const { tags, calls, load } = lazyTags(1);
    const el = document.createElement(tags[0]);
    el.dataset.lazyProbe = '';
    document.body.append(el);
    defineWhenUsed(tags, load);
    expect(calls).to.have.length(1);
    expect(customElements.get(tags[0])).to.be.a('function');
  });

  it('loads once when the tag is added later, deep inside other elements', async () => {
    const { tags, calls, load } = lazyTags(2);
    defineWhenUsed(tags, load);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).to.deep.equal([]);
    const outer = document.createElement('div');
    outer.dataset.lazyProbe = '';
    outer.innerHTML = `<p><span><${tags[1]}></${tags[1]}></span></p><${tags[0]}></${tags[0]}>`;
    document.body.append(outer);
    await waitUntil(() => calls.length === 1, 'the loader called');
    // The second tag shares the loader: one call defines both.
    const more = document.createElement(tags[0]);
    more.dataset.lazyProbe = '';
    document.body.append(more);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).to.have.length(1);
    expect(customElements.get(tags[1])).to.be.a('function');
  });

  it('does nothing for tags already defined', () => {
    const { tags, calls, load } = lazyTags(1);
    customElements.define(tags[0], class extends HTMLElement {});
    const el = document.createElement(tags[0]);
    el.dataset.lazyProbe = '';
    document.body.append(el);
    defineWhenUsed(tags, load);
    expect(calls).to.deep.equal([]);
  });
});

describe('once', () => {
  it('loads once, and again after a failure', async () => {
    let calls = 0;
    let fail = true;
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args[0]);
    try {
      const load = once('<probe>', () => {
        calls++;
        return fail ? Promise.reject(new Error('offline')) : Promise.resolve('module');
      });
      let failure: unknown = null;
      await load().catch((err: unknown) => (failure = err));
      expect(String(failure)).to.contain('offline');
      expect(String(errors[0])).to.equal('torchlet: <probe> could not load (Error: offline).');
      fail = false;
      expect(await load()).to.equal('module');
      expect(await load()).to.equal('module');
      expect(calls).to.equal(2);
    } finally {
      console.error = original;
    }
  });
});
