// The `shareable` toolbar action: the cell's current code as an embed link and an iframe snippet.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './tensor-playground.js';
import type { TensorPlayground } from './tensor-playground.js';
import { decodeEmbedFragment } from '../../embed/fragment.js';
import { getEmbedPageUrl, setEmbedPageUrl } from '../../embed/page-url.js';

const part = (el: TensorPlayground, name: string) =>
  el.shadowRoot!.querySelector(`[part~="${name}"]`) as HTMLElement | null;

describe('<tensor-playground shareable>', function () {
  this.timeout(60000);
  const defaultPage = getEmbedPageUrl();
  afterEach(() => setEmbedPageUrl(defaultPage));

  it('has no Share button unless shareable', async () => {
    const el = await fixture<TensorPlayground>(
      html`<tensor-playground><script type="text/x-python">a = 1</script></tensor-playground>`,
    );
    expect(part(el, 'share-button')).to.equal(null);
    el.shareable = true;
    await el.updateComplete;
    expect(part(el, 'share-button')!.textContent!.trim()).to.equal('Share');
  });

  it('shows the current code as a link and an iframe snippet, each copied by its button', async () => {
    setEmbedPageUrl('https://cdn.example/torchlet/embed.html');
    const el =
      await fixture<TensorPlayground>(html`<tensor-playground shareable device="cuda" hint="Look at a"
      ><script type="text/x-python">a = 1</script
      ><script type="text/x-python" slot="check">assert a == 2</script></tensor-playground
    >`);
    await el.ready;
    el.value = 'a = 2  # <b>edited</b> & kept';
    const button = part(el, 'share-button')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await waitUntil(() => part(el, 'share'), 'the Share panel');
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');

    const [link, snippet] = [...part(el, 'share')!.querySelectorAll('input')].map((input) => input.value);
    const [page, fragment] = link.split('#');
    expect(page).to.equal('https://cdn.example/torchlet/embed.html');
    expect(await decodeEmbedFragment(fragment)).to.deep.equal([
      ['code', 'a = 2  # <b>edited</b> & kept'],
      ['check', 'assert a == 2'],
      ['hint', 'Look at a'],
      ['device', 'cuda'],
    ]);
    const iframe = new DOMParser().parseFromString(snippet, 'text/html').querySelector('iframe')!;
    expect(iframe.getAttribute('src')).to.equal(link);
    expect(iframe.getAttribute('title')).to.be.a('string').and.not.equal('');
    expect(Number(iframe.getAttribute('height'))).to.be.greaterThan(150);
    // Keyboard users land on the first Copy button.
    expect(el.shadowRoot!.activeElement!.textContent).to.equal('Copy link');
    await expect(el).to.be.accessible();

    const original = navigator.clipboard.writeText;
    const copied: string[] = [];
    navigator.clipboard.writeText = async (text: string) => {
      copied.push(text);
    };
    try {
      const [copyLink, copySnippet] = part(el, 'share')!.querySelectorAll('button');
      copyLink.click();
      await waitUntil(() => copied.length === 1, 'the link copied');
      copySnippet.click();
      await waitUntil(() => copied.length === 2, 'the snippet copied');
      expect(copied).to.deep.equal([link, snippet]);
      await waitUntil(
        () => el.shadowRoot!.querySelector('.status')!.textContent === 'Embed code copied',
        'the status',
      );
    } finally {
      navigator.clipboard.writeText = original;
    }

    button.click();
    await waitUntil(() => !part(el, 'share'), 'the panel closed');
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
  });
});
