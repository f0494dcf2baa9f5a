// Two sessions on one page through the BUILT dist/cdn/torchlet.js (run `npm run build` first): grad
// mode, torch's generator and print options set in one session's cell never reach the other
// session's cells, nor the gradient-plot's tangents (its own session).
import { expect, waitUntil } from '@open-wc/testing';

interface Cell extends HTMLElement {
  value: string;
  ready: Promise<void>;
  run(): Promise<boolean>;
  updateComplete: Promise<boolean>;
}

interface Plot extends HTMLElement {
  tangents: ({ slope: number } | null)[];
  x: number;
}

describe('sessions on one page own their state (CDN file, kernel Worker)', function () {
  this.timeout(180000);

  it("one session's set_grad_enabled(False), manual_seed and set_printoptions stay in that session", async () => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 900px; height: 900px';
    frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sessions</title>
      <script type="module" src="/dist/cdn/torchlet.js"></script></head><body>
      <tensor-playground id="a" session="a"><script type="text/x-python">print(1)</script></tensor-playground>
      <tensor-playground id="b" session="b"><script type="text/x-python">print(1)</script></tensor-playground>
      <gradient-plot fn="x**2" x="1"></gradient-plot>
      </body></html>`;
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const win = frame.contentWindow!;
      await win.customElements.whenDefined('tensor-playground');
      const [a, b] = ['a', 'b'].map((id) => win.document.getElementById(id) as Cell);
      await Promise.all([a.ready, b.ready]);
      const run = async (cell: Cell, code: string) => {
        cell.value = code;
        await cell.run();
        await cell.updateComplete;
        return [...cell.shadowRoot!.querySelectorAll('.output pre')].map((p) => p.textContent).join('');
      };
      expect(await run(b, 'import torch\ntorch.manual_seed(0)\nprint(torch.rand(1))')).to.equal(
        'tensor([0.4963])\n',
      );
      expect(
        await run(
          a,
          'import torch\ntorch.set_grad_enabled(False)\ntorch.manual_seed(5)\ntorch.set_printoptions(precision=1)\nprint(torch.is_grad_enabled(), torch.rand(50).shape, torch.tensor([1.23456]))',
        ),
      ).to.equal('False torch.Size([50]) tensor([1.2])\n');
      expect(
        await run(
          b,
          'x = torch.ones(1, requires_grad=True)\nprint(torch.is_grad_enabled(), (x * 2).requires_grad, torch.rand(1), torch.tensor([1.23456]))',
        ),
      ).to.equal('True True tensor([0.7682]) tensor([1.2346])\n');
      // The gradient-plot draws tangents from autograd in its own session, whatever cell a did.
      const plot = win.document.querySelector('gradient-plot') as Plot;
      plot.x = 2;
      await waitUntil(
        () => plot.tangents.length > 0 && plot.tangents[0]?.slope === 4,
        'no tangent at x = 2',
        { timeout: 60000 },
      );
      expect(await run(a, 'torch.is_grad_enabled()')).to.equal('False');
    } finally {
      frame.remove();
    }
  });
});
