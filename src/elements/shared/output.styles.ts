import { css } from 'lit';

/**
 * How torchlet elements show a cell's output: printed text, echoed values and tracebacks, always
 * as text in <pre> blocks (never parsed as HTML). Needs themeStyles' tokens.
 */
export const outputStyles = css`
  .output {
    font-family: var(--_mono);
    font-size: var(--torchlet-output-font-size, 0.875rem);
    line-height: 1.45;
    overflow-x: auto;
  }
  .output pre {
    margin: 0;
    font: inherit;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .output .echo {
    color: var(--_fg);
  }
  .output .stdout {
    color: var(--_fg);
  }
  .output .error {
    color: var(--_error);
  }
  .output .note {
    color: var(--_muted);
    font-family: var(--_font);
    font-style: italic;
  }
`;

/** Text only for screen readers. */
export const srOnlyStyles = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
`;
