// Part of torchlet.js: where a site's editor strips unknown tags but the site loads torchlet.js
// (a theme, a header, a plugin), plain markup that sanitizers keep becomes torchlet elements:
// <pre class="torchlet-playground">, <div class="torchlet-gpu-speedup">, <div class="torchlet-gradient-plot">.
// This file only looks for that markup; the code that upgrades it loads when some is found.

/** The markup that is upgraded, and not yet. */
export const MARKUP_SELECTOR =
  ':is(.torchlet-playground, .torchlet-gpu-speedup, .torchlet-gradient-plot):not([data-torchlet-upgraded])';

let scheduled = false;

function scan(): void {
  scheduled = false;
  if (!document.querySelector(MARKUP_SELECTOR)) return;
  import('./markup.js').then(
    ({ upgradeMarkup }) => upgradeMarkup(document),
    (error: unknown) => console.warn('torchlet: the markup upgrade could not load', error),
  );
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(scan, 30);
}

if (typeof document !== 'undefined' && typeof MutationObserver !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan, { once: true });
  else scan();
  // Content added later (a page that loads its sections as the student moves on).
  new MutationObserver((records) => {
    if (records.some((record) => record.addedNodes.length > 0)) schedule();
  }).observe(document.documentElement, { childList: true, subtree: true });
}
