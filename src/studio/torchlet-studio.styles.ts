import { css } from 'lit';

export default css`
  :host {
    display: block;
    height: 100vh;
    background: var(--_bg);
  }
  .studio {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    grid-template-rows: auto minmax(0, 1fr) auto;
    grid-template-areas: 'top top' 'editor preview' 'exports exports';
    height: 100%;
    gap: 0 1rem;
  }
  .studio.dragging {
    outline: 3px dashed var(--_focus);
    outline-offset: -6px;
  }
  .top {
    grid-area: top;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.5rem 1rem;
    border-bottom: 1px solid var(--_border);
    background: var(--_surface);
  }
  h1 {
    font-size: 1.1rem;
    margin: 0;
  }
  h2 {
    font-size: 1rem;
    margin: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .status {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9rem;
  }
  .status.error {
    color: var(--_error);
  }
  .pane {
    overflow: auto;
    min-height: 0;
  }
  .editor {
    grid-area: editor;
    border-right: 1px solid var(--_border);
  }
  .editor-host,
  .editor-host .cm-editor {
    height: 100%;
  }
  .cm-editor {
    font-size: 0.9rem;
  }
  .cm-editor.cm-focused {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .cm-scroller {
    font-family: var(--_mono);
  }
  .tok-heading {
    font-weight: bold;
    color: #6639ba;
  }
  .tok-keyword {
    color: #a0111f;
  }
  .tok-string,
  .tok-url,
  .tok-link {
    color: #0a3069;
  }
  .tok-number {
    color: #0550ae;
  }
  .tok-comment,
  .tok-meta {
    color: #57606a;
  }
  .tok-emphasis {
    font-style: italic;
  }
  .tok-strong {
    font-weight: bold;
  }
  .preview {
    grid-area: preview;
    padding: 0 1rem 2rem 0;
  }
  .exports {
    grid-area: exports;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.5rem 1rem;
    border-top: 1px solid var(--_border);
    background: var(--_surface);
    max-height: 40vh;
    overflow: auto;
  }
  .exported {
    flex-basis: 100%;
    display: grid;
    gap: 0.4rem;
  }
  .exported label {
    display: grid;
    gap: 0.2rem;
  }
  textarea,
  input.url {
    font-family: var(--_mono);
    font-size: 0.8rem;
    width: 100%;
    box-sizing: border-box;
  }
  button {
    font: inherit;
    font-size: 0.9rem;
    padding: 0.25rem 0.7rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  a {
    color: var(--_focus);
  }
  @media (max-width: 50rem) {
    :host {
      height: auto;
    }
    .studio {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto 60vh auto auto;
      grid-template-areas: 'top' 'editor' 'preview' 'exports';
    }
    .editor {
      border-right: 0;
    }
  }
`;
