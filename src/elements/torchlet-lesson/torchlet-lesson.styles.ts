import { css } from 'lit';

/** The lesson's own controls (shadow DOM). */
export default css`
  :host {
    background: transparent;
    line-height: 1.55;
  }
  .bar {
    position: sticky;
    top: 0;
    z-index: 2;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.4rem 0.6rem;
    margin-bottom: 0.75rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-size: 0.9rem;
  }
  button {
    font: inherit;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: default;
  }
  .spacer {
    flex: 1;
  }
  .progress {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    color: var(--_muted);
  }
  .progress.done {
    color: var(--_ok);
  }
  .meter {
    width: 6rem;
    height: 0.45rem;
    border-radius: 1rem;
    background: var(--_border);
    overflow: hidden;
  }
  .meter > span {
    display: block;
    height: 100%;
    background: var(--_ok);
  }
  .status {
    color: var(--_muted);
  }
  .status.error {
    color: var(--_error);
  }
  nav {
    margin: 0 0 1rem;
    padding: 0.5rem 1rem;
    border-left: 3px solid var(--_border);
  }
  nav h2 {
    font-size: 1rem;
    margin: 0 0 0.25rem;
  }
  /* Flat list, indented by level: lessons number their own headings. */
  nav ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  nav li.level-3 {
    margin-left: 1.25rem;
  }
  nav a {
    color: var(--_focus);
  }
`;

/**
 * The lesson's text (light DOM, so a page's own typography and #anchors apply): adopted into the
 * document (or the shadow root) the lesson sits in. :where() keeps these below any page rule.
 */
export const contentStyles = css`
  /* Browsers shrink an h1 inside a <section>; a lesson's title keeps its size (a page's rules still win). */
  :where(torchlet-lesson) :where(h1) {
    font-size: 2em;
    margin: 0.67em 0;
  }
  :where(torchlet-lesson) :where(.tl-lesson-body) > :where(tensor-playground, gpu-speedup, gradient-plot) {
    margin: 0.75rem 0 1.25rem;
  }
  :where(torchlet-lesson) :where(.header-anchor) {
    margin-left: 0.35em;
    font-size: 0.8em;
    color: var(--_muted, #57606a);
    text-decoration: none;
    opacity: 0;
  }
  :where(torchlet-lesson) :where(h1, h2, h3, h4, h5, h6):hover :where(.header-anchor),
  :where(torchlet-lesson) :where(.header-anchor):focus {
    opacity: 1;
  }
  :where(torchlet-lesson) :where(pre.tl-code) {
    padding: 0.75rem 1rem;
    overflow-x: auto;
    background: var(--_surface, #f6f8fa);
    border: 1px solid var(--_border, #d0d7de);
    border-radius: var(--_radius, 6px);
    font-family: var(--_mono, monospace);
    font-size: 0.875rem;
    line-height: 1.45;
  }
  :where(torchlet-lesson) :where(:not(pre) > code) {
    font-family: var(--_mono, monospace);
    font-size: 0.9em;
    padding: 0.1em 0.3em;
    border-radius: 4px;
    background: var(--_surface, #f6f8fa);
  }
  :where(torchlet-lesson) :where(.tl-note) {
    color: var(--_muted, #57606a);
    font-style: italic;
    font-size: 0.9em;
    margin-bottom: 0.25rem;
  }
  :where(torchlet-lesson) :where(.tl-math-display) {
    display: block;
    margin: 0.75rem 0;
    text-align: center;
    overflow-x: auto;
  }
  :where(torchlet-lesson) :where(details.tl-expected) {
    margin: -0.75rem 0 1.25rem;
    font-size: 0.9em;
  }
  :where(torchlet-lesson) :where(details.tl-expected summary) {
    cursor: pointer;
    color: var(--_muted, #57606a);
  }
  :where(torchlet-lesson) :where(img) {
    max-width: 100%;
  }
  :where(torchlet-lesson) :where(.tl-message) {
    padding: 0.75rem 1rem;
    border: 1px solid var(--_error, #cf222e);
    border-radius: var(--_radius, 6px);
    color: var(--_error, #cf222e);
  }
  /* Static code: the playground's colours for Lezer's tok-* classes. */
  :where(torchlet-lesson) :where(pre.tl-code) {
    --_tok-keyword: #a0111f;
    --_tok-string: #0a3069;
    --_tok-number: #0550ae;
    --_tok-comment: #57606a;
    --_tok-def: #6639ba;
  }
  :where(torchlet-lesson[theme='dark']) :where(pre.tl-code) {
    --_tok-keyword: #ff7b72;
    --_tok-string: #a5d6ff;
    --_tok-number: #79c0ff;
    --_tok-comment: #9198a1;
    --_tok-def: #d2a8ff;
  }
  :where(torchlet-lesson) :where(.tok-keyword, .tok-controlKeyword, .tok-moduleKeyword, .tok-operatorKeyword) {
    color: var(--_tok-keyword);
  }
  :where(torchlet-lesson) :where(.tok-string, .tok-string2, .tok-attributeValue) {
    color: var(--_tok-string);
  }
  :where(torchlet-lesson) :where(.tok-number, .tok-bool, .tok-atom, .tok-null) {
    color: var(--_tok-number);
  }
  :where(torchlet-lesson) :where(.tok-comment) {
    color: var(--_tok-comment);
    font-style: italic;
  }
  :where(torchlet-lesson) :where(.tok-definition, .tok-typeName, .tok-tagName, .tok-propertyName) {
    color: var(--_tok-def);
  }
`;
