// The sanitizer-safe markup upgrade on its own: the markup stays readable until its element is
// defined (this page defines none until a test imports one), data-* become attributes, code stays
// text, and upgrading twice does nothing.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { upgradeMarkup } from './markup.js';

describe('sanitizer-safe markup upgrade', function () {
  this.timeout(60000);
  afterEach(() => fixtureCleanup());

  it('keeps a gpu-speedup div readable until the tag is defined, then swaps it for the element', async () => {
    // Appended and upgraded in one task, before torchlet.js's own scan (markup-scan.ts) looks.
    const root = document.createElement('div');
    root.innerHTML =
      '<div class="torchlet-gpu-speedup" data-n="64" data-repeats="3" data-sweep data-naive="false" data-bogus="1" data-mce-style="x"><p>Time a matmul.</p></div>';
    document.body.append(root);
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    const source = root.querySelector<HTMLElement>('.torchlet-gpu-speedup')!;
    expect(customElements.get('gpu-speedup')).to.equal(undefined);
    expect(upgradeMarkup(root)).to.equal(1);
    expect(upgradeMarkup(root), 'a second upgrade finds nothing to do').to.equal(0);
    console.warn = warn;
    // The teacher's typo is named once; TinyMCE's own data-mce-* is skipped quietly.
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('data-bogus');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(root.querySelector('gpu-speedup')).to.equal(null);
    expect(source.offsetHeight, 'still readable').to.be.greaterThan(0);
    expect(source.textContent).to.equal('Time a matmul.');

    await import('../elements/gpu-speedup/gpu-speedup.js');
    await waitUntil(() => root.querySelector('gpu-speedup'), 'the element');
    const meter = root.querySelector('gpu-speedup')!;
    expect(meter.nextElementSibling).to.equal(source);
    expect(source.style.display).to.equal('none');
    expect(source.hasAttribute('data-torchlet-upgraded')).to.equal(true);
    const attributes = Object.fromEntries([...meter.attributes].map((a) => [a.name, a.value]));
    expect(attributes).to.include({ n: '64', repeats: '3', sweep: '' });
    expect(attributes).to.not.have.any.keys('naive', 'bogus', 'mce-style', 'data-n');
    expect(meter.n).to.equal(64);
    // The teacher's introduction moved into the element's slot.
    expect(meter.querySelector('p')!.textContent).to.equal('Time a matmul.');
    expect(upgradeMarkup(root)).to.equal(0);
    expect(root.querySelectorAll('gpu-speedup')).to.have.length(1);
    root.remove();
  });

  it('makes a pre into a playground whose code is the text (markup-looking code included), with its check', async () => {
    const root = await fixture(html`<div>
      <pre class="torchlet-playground" data-session="week3" data-readonly data-autorun="false">if a &lt; b:
    print("&lt;b&gt;bold?&lt;/b&gt;")</pre>
      <pre class="torchlet-check">assert a &lt; b</pre>
    </div>`);
    await import('../elements/tensor-playground/tensor-playground.js');
    // torchlet.js's scan may have been first: either way, once.
    upgradeMarkup(root);
    await waitUntil(() => root.querySelector('tensor-playground'), 'the element');
    const cell = root.querySelector('tensor-playground')!;
    await cell.ready;
    expect(cell.value).to.equal('if a < b:\n    print("<b>bold?</b>")');
    expect(cell.session).to.equal('week3');
    expect(cell.readonly).to.equal(true);
    expect(cell.autorun).to.equal(false);
    const check = cell.querySelector('script[slot="check"]')!;
    expect(check.getAttribute('type')).to.equal('text/x-python');
    expect(check.textContent).to.equal('assert a < b');
    for (const pre of root.querySelectorAll('pre'))
      expect((pre as HTMLElement).style.display).to.equal('none');
    expect(cell.shadowRoot!.querySelector('b'), 'the code is text, not markup').to.equal(null);
  });

  it('makes a gradient-plot div with curve divs and a code block', async () => {
    const root = await fixture(html`<div>
      <div class="torchlet-gradient-plot" data-x="0.5" data-x-min="-2" data-accumulate>
        <div class="torchlet-gp-function" data-fn="x**2" data-label="square" data-color="#0ea5e9" data-onload="x"></div>
        <div class="torchlet-gp-function" data-name="wave"></div>
        <pre class="torchlet-python">def wave(x):
    return torch.sin(x)</pre>
      </div>
    </div>`);
    await import('../elements/gradient-plot/gradient-plot.js');
    upgradeMarkup(root);
    await waitUntil(() => root.querySelector('gradient-plot'), 'the element');
    const plot = root.querySelector('gradient-plot')!;
    expect(plot.x).to.equal(0.5);
    expect(plot.xMin).to.equal(-2);
    expect(plot.accumulate).to.equal(true);
    expect(plot.hasAttribute('onload')).to.equal(false);
    expect(
      [...plot.querySelectorAll('gp-function')].map((f) =>
        [...f.attributes].filter((a) => a.name !== 'hidden').map((a) => `${a.name}=${a.value}`),
      ),
    ).to.deep.equal([['fn=x**2', 'label=square', 'color=#0ea5e9'], ['name=wave']]);
    expect(plot.querySelector('script[type="text/x-python"]')!.textContent).to.equal(
      'def wave(x):\n    return torch.sin(x)',
    );
  });
});
