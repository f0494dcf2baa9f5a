import { css } from 'lit';

export default css`
  :host {
    --_code-bg: var(--tp-code-bg, var(--_surface));
    --_active-line: var(--tp-active-line, rgba(9, 105, 218, 0.06));
    --_selection: var(--tp-selection, rgba(9, 105, 218, 0.22));
    --_match: var(--tp-bracket-match, rgba(26, 127, 55, 0.18));
    --_error-bg: var(--tp-error-line, rgba(207, 34, 46, 0.12));
    --_blank-bg: var(--tp-blank-bg, rgba(154, 103, 0, 0.14));
    /* Syntax colours (classHighlighter's tok-* classes), light. */
    --_tok-keyword: #a0111f;
    --_tok-string: #0a3069;
    --_tok-number: #0550ae;
    --_tok-comment: #57606a;
    --_tok-def: #6639ba;
    --_tok-operator: #1b1f24;
    --_tok-bool: #0550ae;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 1rem 0;
    overflow: hidden;
  }
  :host([theme='dark']) {
    --_active-line: var(--tp-active-line, rgba(68, 147, 248, 0.08));
    --_selection: var(--tp-selection, rgba(68, 147, 248, 0.3));
    --_match: var(--tp-bracket-match, rgba(63, 185, 80, 0.25));
    --_error-bg: var(--tp-error-line, rgba(255, 123, 114, 0.16));
    --_blank-bg: var(--tp-blank-bg, rgba(210, 153, 34, 0.2));
    --_tok-keyword: #ff7b72;
    --_tok-string: #a5d6ff;
    --_tok-number: #79c0ff;
    --_tok-comment: #9198a1;
    --_tok-def: #d2a8ff;
    --_tok-operator: #e6edf3;
    --_tok-bool: #79c0ff;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
    padding: 0.4rem 0.5rem;
    background: var(--_surface);
    border-bottom: 1px solid var(--_border);
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .toolbar .spacer {
    flex: 1;
  }
  .device {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    font-size: 0.875rem;
  }
  select {
    font: inherit;
    font-size: 0.875rem;
    padding: 0.2rem 0.3rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  .badge {
    font-size: 0.8rem;
    font-family: var(--_mono);
    color: var(--_muted);
    white-space: nowrap;
  }
  .status {
    font-size: 0.8rem;
    color: var(--_muted);
  }
  /* The whole cell shows by default (an exercise's blanks are never hidden below a fold); a
     teacher may cap it with --tp-max-code-height. */
  .code {
    background: var(--_code-bg);
    max-height: var(--tp-max-code-height, none);
    overflow: auto;
  }
  .code .cm-editor {
    max-height: var(--tp-max-code-height, none);
  }
  pre.static.print-only {
    display: none;
  }
  @media print {
    pre.static.print-only {
      display: block;
      white-space: pre-wrap;
    }
    .editor-host {
      display: none;
    }
    .code {
      max-height: none;
      overflow: visible;
    }
  }
  pre.static {
    margin: 0;
    padding: 0.5rem 0.75rem;
    font-family: var(--_mono);
    font-size: var(--tp-code-font-size, 0.9rem);
    line-height: 1.5;
    white-space: pre;
    counter-reset: line;
  }
  pre.static .line::before {
    counter-increment: line;
    content: counter(line);
    display: inline-block;
    width: 2ch;
    margin-right: 1.25ch;
    text-align: right;
    color: var(--_muted);
  }
  pre.static .error-line {
    background: var(--_error-bg);
    box-shadow: inset 3px 0 0 var(--_error);
  }
  .tok-keyword,
  .tok-controlKeyword,
  .tok-moduleKeyword,
  .tok-operatorKeyword {
    color: var(--_tok-keyword);
  }
  .tok-string,
  .tok-string2 {
    color: var(--_tok-string);
  }
  .tok-number {
    color: var(--_tok-number);
  }
  .tok-bool,
  .tok-atom,
  .tok-null {
    color: var(--_tok-bool);
  }
  .tok-comment {
    color: var(--_tok-comment);
    font-style: italic;
  }
  .tok-variableName.tok-definition,
  .tok-className,
  .tok-function {
    color: var(--_tok-def);
  }
  .tok-operator,
  .tok-punctuation {
    color: var(--_tok-operator);
  }
  .blank {
    background: var(--_blank-bg);
    outline: 1px dashed var(--_warn);
    border-radius: 2px;
  }
  .save-note {
    margin: 0;
    padding: 0.4rem 0.75rem;
    border-top: 1px solid var(--_border);
    font-size: 0.875rem;
    color: var(--_error);
  }
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.4rem 0.75rem;
    border-top: 1px solid var(--_border);
    font-size: 0.875rem;
    color: var(--_fg);
  }
  .output {
    padding: 0.5rem 0.75rem;
    border-top: 1px solid var(--_border);
    max-height: var(--tp-max-output-height, 30rem);
    overflow: auto;
  }
  .output:empty {
    display: block;
    padding: 0;
    border-top: none;
  }
  .output .omitted {
    color: var(--_muted);
    font-style: italic;
  }
  .full-output {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.4rem 0.75rem;
    border-top: 1px solid var(--_border);
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .figure-host {
    margin: 0.5rem 0;
    font-family: var(--_font);
  }
  .check {
    padding: 0.4rem 0.75rem;
    border-top: 1px solid var(--_border);
    font-size: 0.9rem;
  }
  .check:empty {
    padding: 0;
    border-top: none;
  }
  .check.pass {
    color: var(--_ok);
  }
  .check.fail {
    color: var(--_error);
  }
`;
