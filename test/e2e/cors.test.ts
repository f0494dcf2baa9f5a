// End to end (the BUILT dist/cdn/torchlet.js): the kernel's files on another origin that sends no
// CORS headers, a common mistake when hosting the files. The page must not go blank or silent:
// each cell keeps its code on screen, still runs (in the page), and says what failed and why.
import { expect, waitUntil } from '@open-wc/testing';

/** The same server under another name (another origin); /nocors/ serves its files without CORS. */
const OTHER_ORIGIN = `http://localhost:${location.port}`;

describe('kernel files on another origin without CORS', function () {
  this.timeout(180000);

  it('runs the cell in the page, keeps its code visible and says the host must send Access-Control-Allow-Origin', async () => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 900px; height: 600px';
    frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>no cors</title>
      <script type="module" src="/dist/cdn/torchlet.js" data-torchlet-base="${OTHER_ORIGIN}/nocors/dist/cdn/"></script>
      </head><body>
      <tensor-playground autorun><script type="text/x-python">
      import torch
      big = torch.ones(256, 256)
      print(torch.ones(2) * 3)
      </script></tensor-playground>
      </body></html>`;
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const win = frame.contentWindow!;
      await win.customElements.whenDefined('tensor-playground');
      const cell = win.document.querySelector('tensor-playground')!;
      const shadow = () => cell.shadowRoot!;
      const notes = () =>
        [...shadow().querySelectorAll('.output .note')].map((n) => n.textContent ?? '').join(' ');
      await waitUntil(
        () => !cell.running && /Access-Control-Allow-Origin/.test(notes()),
        'the note on the failed Worker',
        {
          timeout: 120000,
        },
      );
      const printed = [...shadow().querySelectorAll('.output pre:not(.note)')]
        .map((p) => p.textContent)
        .join('');
      expect(printed).to.equal('tensor([3., 3.])\n');
      expect(notes()).to.contain("The kernel's Worker did not load");
      expect(notes()).to.contain('Access-Control-Allow-Origin');
      // The .wasm files could not be fetched either (the 256×256 tensor asked for them): the
      // JavaScript backend ran, and that is said too.
      const badge = shadow().querySelector('[part~="badge"]')!.textContent!.trim();
      expect(badge).to.match(/^cpu · cpu · .* · in page$/);
      expect(notes()).to.contain('WebAssembly could not start');
      // The code stays on screen.
      expect(shadow().querySelector('[part~="code"]')!.textContent).to.contain('print(torch.ones(2) * 3)');
    } finally {
      frame.remove();
    }
  });
});
