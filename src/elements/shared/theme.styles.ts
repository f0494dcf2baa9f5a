import { css } from 'lit';

/**
 * Design tokens shared by every torchlet element. Pages theme the elements by setting these
 * custom properties on any ancestor; `theme="dark"` on an element switches its defaults.
 */
export const themeStyles = css`
  :host {
    --_bg: var(--torchlet-bg, #ffffff);
    --_fg: var(--torchlet-fg, #1b1f24);
    --_muted: var(--torchlet-muted, #57606a);
    --_border: var(--torchlet-border, #d0d7de);
    --_surface: var(--torchlet-surface, #f6f8fa);
    --_accent: var(--torchlet-accent, #b3261e);
    --_accent-fg: var(--torchlet-accent-fg, #ffffff);
    --_focus: var(--torchlet-focus, #0969da);
    --_ok: var(--torchlet-ok, #1a7f37);
    --_error: var(--torchlet-error, #cf222e);
    --_warn: var(--torchlet-warn, #9a6700);
    --_radius: var(--torchlet-radius, 6px);
    --_font: var(--torchlet-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_mono: var(--torchlet-font-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    display: block;
    color: var(--_fg);
    background: var(--_bg);
    font-family: var(--_font);
    color-scheme: light;
  }
  :host([theme='dark']) {
    --_bg: var(--torchlet-bg, #0d1117);
    --_fg: var(--torchlet-fg, #e6edf3);
    --_muted: var(--torchlet-muted, #9198a1);
    --_border: var(--torchlet-border, #3d444d);
    --_surface: var(--torchlet-surface, #161b22);
    --_accent: var(--torchlet-accent, #ff7b72);
    --_accent-fg: var(--torchlet-accent-fg, #0d1117);
    --_focus: var(--torchlet-focus, #4493f8);
    --_ok: var(--torchlet-ok, #3fb950);
    --_error: var(--torchlet-error, #ff7b72);
    --_warn: var(--torchlet-warn, #d29922);
    color-scheme: dark;
  }
  :host([hidden]),
  [hidden] {
    /* A part's own display (grid, flex) would otherwise show a [hidden] part. */
    display: none !important;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    font-size: 0.875rem;
    padding: 0.3rem 0.75rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_fg);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
`;
