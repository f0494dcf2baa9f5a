// What <tensor-playground> shows besides its toolbar: the highlighted code (before the editor
// loads, when read-only, and on paper), the output's pieces, the cut-output bar and the offer to
// run the cells above.
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ref } from 'lit/directives/ref.js';
import { omittedLabel } from '../../kernel/output-budget.js';
import type { DeviceName } from '../../kernel/protocol.js';
import type { Token } from './highlight.js';
import type { OutputChunk, OutputController } from './output.js';
import { BLANK } from './source.js';

export function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

/** What the toolbar shows, and what its controls do. */
export interface Toolbar {
  running: boolean;
  readonly: boolean;
  shareable: boolean;
  /** The Share panel is open. */
  sharing: boolean;
  /** A short message about the last action (copied, reset). */
  status: string;
  /** Device, backend and duration of the last run, or that a run waits. */
  badge: string;
  /** The device shown in the selector (an allowed one). */
  device: DeviceName;
  inWorker: boolean;
  run(): unknown;
  stop(): unknown;
  reset(): unknown;
  copy(): unknown;
  share(): unknown;
  changeDevice(event: Event): void;
}

/** The row of buttons, the device selector, the status line and the badge. */
export function renderToolbar(t: Toolbar): TemplateResult {
  return html`<div part="toolbar" class="toolbar">
    <!-- aria-disabled, not disabled: a focused button that becomes disabled drops keyboard focus. -->
    <button
      part="run-button"
      class="run primary"
      aria-disabled=${t.running ? 'true' : 'false'}
      aria-keyshortcuts="Shift+Enter Control+Enter"
      @click=${t.run}
    >
      Run
    </button>
    <button
      part="stop-button"
      class="stop"
      aria-disabled=${t.running ? 'false' : 'true'}
      @click=${t.stop}
    >
      Stop
    </button>
    ${t.readonly ? nothing : html`<button part="reset-button" class="reset" @click=${t.reset}>Reset</button>`}
    <button part="copy-button" class="copy" @click=${t.copy}>Copy</button>
    ${t.shareable ? html`<button part="share-button" class="share" aria-expanded=${t.sharing ? 'true' : 'false'} @click=${t.share}>Share</button>` : nothing}
    <label class="device">
      Device
      <select part="device-select" .value=${t.device} @change=${t.changeDevice}>
        <option value="cpu" ?selected=${t.device === 'cpu'}>cpu</option>
        <option value="cuda" ?selected=${t.device === 'cuda'}>cuda</option>
      </select>
    </label>
    <span class="spacer"></span>
    <span class="status" role="status">${t.status}</span>
    <span
      part="badge"
      class="badge"
      title=${
        t.inWorker
          ? 'device · backend · duration of the last run'
          : 'The code runs in this page because no Worker could start here: a long run can slow the page.'
      }
      >${t.badge || t.device}</span
    >
  </div>`;
}

export interface StaticCode {
  code: string;
  /** The highlighted lines, once the highlighter has loaded. */
  tokens: Token[][] | undefined;
  errorLine: number | null;
  readonly: boolean;
  onKeydown: (event: KeyboardEvent) => void;
  /** A click (or the first focus) in editable code loads the editor. */
  onPointerdown: (event: PointerEvent) => void;
  onFocus: () => void;
}

/** The highlighted code; with `forPrint` it stays hidden on screen and replaces the editor on paper. */
export function renderStaticCode(state: StaticCode, forPrint = false): TemplateResult {
  const lines: Token[][] = state.tokens ?? state.code.split('\n').map((text) => [{ text, classes: '' }]);
  if (forPrint) {
    // CodeMirror never measures a cell that was off screen, so its printed line numbers drift.
    return html`<pre class="static print-only" aria-hidden="true"><code>${renderLines(lines, state.errorLine)}</code></pre>`;
  }
  return html`<pre
    class="static"
    tabindex="0"
    role="textbox"
    aria-multiline="true"
    aria-readonly=${state.readonly ? 'true' : 'false'}
    aria-label="Python code"
    @keydown=${state.onKeydown}
    @pointerdown=${state.onPointerdown}
    @focus=${state.onFocus}
  ><code>${renderLines(lines, state.errorLine)}</code></pre>`;
}

/** A token's text with its `????` blanks marked. */
function pieces(text: string) {
  return text
    .split(/(\?\?\?\?)/)
    .map((part) => (part === BLANK ? html`<mark class="blank">${part}</mark>` : part));
}

function renderLines(lines: Token[][], errorLine: number | null) {
  return html`${lines.map(
    (line, i) =>
      html`<span class=${classMap({ line: true, 'error-line': errorLine === i + 1 })}
          >${line.map((t) =>
            t.classes ? html`<span class=${t.classes}>${pieces(t.text)}</span>` : pieces(t.text),
          )}</span
        >${i < lines.length - 1 ? '\n' : ''}`,
  )}`;
}

export function renderOutputChunk(chunk: OutputChunk, output: OutputController): TemplateResult {
  if (chunk.kind === 'figure') {
    return html`<div class="figure-host" ${ref((el) => output.drawFigure(el, chunk))}></div>`;
  }
  if (chunk.kind === 'stdout' && chunk.omitted)
    return html`<pre class="stdout">${chunk.text}<span class="omitted">\n${omittedLabel(chunk.omitted)}\n</span>${chunk.tail}</pre>`;
  return html`<pre class=${chunk.kind}>${chunk.text}</pre>`;
}

/** The bar under an output too long to show whole: copy or download all of it. */
export function renderCutOutput(output: OutputController) {
  const cut = output.cut;
  if (!cut) return nothing;
  return html`<div part="full-output" class="full-output">
    <span>${cut.omitted.toLocaleString('en')} characters of output are not shown.</span>
    <button class="copy-output" @click=${() => output.copyWhole()}>Copy whole output</button>
    <button class="download-output" @click=${() => output.downloadWhole()}>Download whole output</button>
  </div>`;
}

/** The offer to run the cells above that share the session (and define `missingName`, when known). */
export function renderRunAbove(session: string, missingName: string | null, runAllAbove: () => unknown) {
  return html`<div class="notice" part="notice">
    <span
      >${
        missingName
          ? html`<code>${missingName}</code> is defined in a cell above that has not run yet
            (they share the session “${session}”).`
          : html`This cell shares the session “${session}” with cells above that have not
            run yet.`
      }</span
    >
    <button class="run-above" @click=${runAllAbove}>Run all above</button>
  </div>`;
}
