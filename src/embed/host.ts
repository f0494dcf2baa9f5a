// dist/cdn/embed-host.js: for a page that may load one script (a classic or a module script). It
// sizes every torchlet embed iframe on the page to the height the embed reports.
const MAX_HEIGHT = 20000;
const LOADED = Symbol.for('torchlet.embed-host');
const scope = window as unknown as Record<symbol, boolean>;

if (!scope[LOADED]) {
  scope[LOADED] = true;
  addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { source?: unknown; type?: unknown; height?: unknown } | null;
    if (!data || data.source !== 'torchlet' || data.type !== 'resize' || typeof data.height !== 'number')
      return;
    if (!Number.isFinite(data.height) || data.height <= 0) return;
    for (const frame of document.querySelectorAll('iframe')) {
      // Only the frame that sent the message: one embed cannot resize another.
      if (frame.contentWindow !== event.source) continue;
      // A border-box frame's height includes its borders.
      const borders =
        getComputedStyle(frame).boxSizing === 'border-box' ? frame.offsetHeight - frame.clientHeight : 0;
      frame.style.height = `${Math.min(Math.ceil(data.height) + borders, MAX_HEIGHT)}px`;
    }
  });
}
