import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ref } from 'lit/directives/ref.js';
import {
  KERNEL_RESTART_EVENT,
  LOAD_FAILURE_HINT,
  type DoneEvent,
  type RunHandle,
  getKernel,
} from '../../kernel/client.js';
import type { DeviceName, FigureSpec, KernelEvent, PythonErrorInfo } from '../../kernel/protocol.js';
import type { FigureView } from '../../plot/figure.js';
import { figureStyles } from '../../plot/figure.styles.js';
import { chartLoadFailure, loadFigureRenderer } from '../../plot/load.js';
import { workerFailureNote } from '../shared/load-notes.js';
import { outputStyles, srOnlyStyles } from '../shared/output.styles.js';
import { adoptPresetProperties } from '../shared/preset-properties.js';
import { themeStyles } from '../shared/theme.styles.js';
import type { EditorHandle } from './editor.js';
import type { Token } from './highlight.js';
import { BLANK, checkCode, dedent, firstBlankLine, inlineCode, loadSaved, save } from './source.js';
import styles from './tensor-playground.styles.js';

type OutputChunk =
  | { kind: 'stdout' | 'echo' | 'error' | 'note'; text: string }
  | { kind: 'figure'; figure: FigureSpec; view?: FigureView };

export interface RunStartDetail {
  code: string;
  session: string;
  device: DeviceName;
}

export interface RunEndDetail {
  ok: boolean;
  error?: PythonErrorInfo;
  /** Milliseconds the code ran in the kernel. */
  duration: number;
  device: DeviceName;
  backend: string;
  cancelled: boolean;
}

export interface CheckDetail {
  passed: boolean;
  /** The teacher's hint on failure (the assertion's message, or the `hint` attribute). */
  message: string;
}

/** Printed output kept per cell; beyond it the oldest text is dropped (an endless print loop stays usable). */
const MAX_OUTPUT_CHARS = 200_000;
/** How long a run may sit in the kernel's queue before the badge says it is waiting. */
const WAIT_NOTICE_MS = 300;

/** Shown when the cpu device runs on plain JavaScript because the WebAssembly backend did not start. */
const WASM_FALLBACK_NOTE =
  "WebAssembly could not start on this page (a Content-Security-Policy without 'wasm-unsafe-eval', or the .wasm files not served), so the slower JavaScript backend runs the cpu device.";
let wasmFallbackExplained = false;
let workerFailureExplained = false;

/** Every connected playground, to find the cells above one in the same session. */
const cells = new Set<TensorPlayground>();
let privateSessions = 0;

function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

/**
 * An editable Python cell that runs PyTorch-style code in the browser and prints what PyTorch
 * prints. Cells with the same `session` share one namespace, like a notebook's cells in order.
 *
 * @summary A Python code cell that runs the lesson's torch code in the page.
 *
 * @attr session - Cells with the same session share one namespace; without it a cell has its own.
 * @attr device - Default device of the tensors the cell creates: `cpu` or `cuda`; the student can change it.
 * @attr readonly - The code cannot be edited (it can still run).
 * @attr autorun - Run once as soon as the code is loaded.
 * @attr persist - Key under which the student's edits are saved (with the page's path); defaults to the id.
 * @attr theme - `light` (default) or `dark`.
 * @attr src - URL of a `.py` file holding the starting code (instead of inline code).
 * @attr hint - Shown when the exercise's check fails and the assertion gives no message.
 * @attr code - The starting code as an attribute or property (for frameworks that drop `<script>` children); wins over inline code and `src`.
 *
 * @slot - The starting code, in a `<script type="text/x-python">` or a `<template>`; common indentation is removed. `????` marks blanks the student fills.
 * @slot check - A `<script type="text/x-python" slot="check">` that runs after the student's code (silently, same namespace) and raises AssertionError("hint") when the answer is wrong.
 *
 * @event tp-run-start - A run starts. detail: `{ code, session, device }`.
 * @event tp-run-end - A run ended. detail: `{ ok, error, duration, device, backend, cancelled }`.
 * @event tp-check - The exercise was checked. detail: `{ passed, message }`.
 *
 * @csspart base - The cell's frame.
 * @csspart toolbar - The row of buttons, device selector and badge.
 * @csspart run-button - Runs the cell (also Shift+Enter or Ctrl+Enter in the editor).
 * @csspart stop-button - Stops the running cell.
 * @csspart reset-button - Restores the teacher's code.
 * @csspart copy-button - Copies the code.
 * @csspart device-select - The device selector.
 * @csspart badge - Device, backend and duration of the last run; while a run waits behind another cell's (the page runs one cell at a time), says so.
 * @csspart code - The code area (editor, or highlighted code until the editor has loaded).
 * @csspart notice - The offer to run the cells above that share the session.
 * @csspart output - Printed text, echoed values, tracebacks and figures (a live region).
 * @csspart check - The exercise's pass or fail message.
 *
 * @cssproperty --torchlet-bg - Background (theme token, shared by all torchlet elements).
 * @cssproperty --torchlet-fg - Text colour.
 * @cssproperty --torchlet-surface - Toolbar background.
 * @cssproperty --torchlet-border - Border colour.
 * @cssproperty --torchlet-accent - Run button colour.
 * @cssproperty --torchlet-focus - Focus ring colour.
 * @cssproperty --torchlet-font-mono - Code font.
 * @cssproperty --tp-code-bg - Background of the code.
 * @cssproperty --tp-code-font-size - Font size of the code.
 * @cssproperty --tp-max-code-height - Height beyond which the code scrolls.
 * @cssproperty --tp-max-output-height - Height beyond which the output scrolls.
 * @cssproperty --tp-error-line - Background of the line a traceback points at.
 */
export class TensorPlayground extends LitElement {
  static override styles = [themeStyles, outputStyles, srOnlyStyles, figureStyles, styles];

  /** Cells with the same session share one namespace; without it the cell has its own. */
  @property({ reflect: true }) session = '';
  /** Default device of the tensors the cell creates; the student changes it with the selector. */
  @property({ reflect: true }) device: DeviceName = 'cpu';
  /** The code cannot be edited (it can still run). */
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** Run once as soon as the code is loaded. */
  @property({ type: Boolean, reflect: true }) autorun = false;
  /** Key of the saved edits (with the page's path); defaults to the id, then the cell's position. */
  @property({ reflect: true }) persist = '';
  /** Light or dark colours. */
  @property({ reflect: true }) theme: 'light' | 'dark' = 'light';
  /** URL of a `.py` file with the starting code. */
  @property() src = '';
  /** Shown when the check fails and its assertion has no message. */
  @property() hint = '';
  /**
   * The starting code, for frameworks that drop `<script>` children (Vue, VitePress); wins over
   * inline code and `src`. Set later, it replaces the code unless the student has edited it.
   */
  @property() code = '';

  /** True while the cell runs. */
  @state() running = false;
  @state() private current = '';
  @state() private original = '';
  @state() private outputs: OutputChunk[] = [];
  @state() private badge = '';
  @state() private checkResult: CheckDetail | undefined;
  @state() private errorLine: number | null = null;
  @state() private tokens: Token[][] | undefined;
  @state() private editorReady = false;
  @state() private showRunAbove = false;
  @state() private status = '';

  @query('.run') private runButton!: HTMLButtonElement;
  @query('.editor-host') private editorHost!: HTMLElement;

  private editor: EditorHandle | undefined;
  private handle: RunHandle | undefined;
  private ranEpoch: string | undefined;
  private privateSession = `__tp_private_${++privateSessions}`;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private codeLoaded = false;
  /** The starting code is in place (inline, `code`, `src` or `value`). */
  private codeReady = false;
  /** `value` set before the code was loaded (a framework setting it before connecting the cell). */
  private presetValue: string | undefined;
  private storageKey = '';
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private readyResolve!: () => void;

  /** Resolves once the code is loaded and, unless readonly, the editor is ready. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.readyResolve = resolve));

  /** The code as the student has it now. */
  get value(): string {
    return this.current;
  }

  set value(code: string) {
    if (!this.codeReady) {
      this.presetValue = code;
      this.current = code;
      return;
    }
    // A cell that has no code yet takes its first value as the teacher's code (Reset restores it).
    if (this.original === '' && this.current === '') this.original = code;
    this.setCode(code);
    this.editor?.setCode(code);
  }

  constructor() {
    super();
    // `value` set on the tag before this class was defined shadows the accessor: hand it over.
    adoptPresetProperties(this, ['value']);
  }

  /** The teacher's starting code. */
  get originalCode(): string {
    return this.original;
  }

  private get sessionName(): string {
    return this.session || this.privateSession;
  }

  private get kernel() {
    return getKernel();
  }

  /** True when this cell has run without error since its session was last emptied. */
  get hasRun(): boolean {
    return this.ranEpoch !== undefined && this.ranEpoch === this.kernel.sessionEpoch(this.sessionName);
  }

  /** Every namespace is gone: cells the student has used offer to run the cells above again. */
  private onKernelRestart = () => {
    this.showRunAbove = this.ranEpoch !== undefined && this.needsCellsAbove();
    this.requestUpdate();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    cells.add(this);
    this.kernel.addEventListener(KERNEL_RESTART_EVENT, this.onKernelRestart);
    if (!this.codeLoaded) {
      this.codeLoaded = true;
      void this.loadCode();
    } else {
      // Back after a removal that may have torn down the editor and the figures.
      if (!this.readonly && !this.editor) void this.loadEditor();
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cells.delete(this);
    this.kernel.removeEventListener(KERNEL_RESTART_EVENT, this.onKernelRestart);
    this.flushSave();
    this.resizeObserver?.disconnect();
    // A removed cell's run (an endless loop) would hold the page's kernel queue forever: stop it.
    setTimeout(() => {
      if (!this.isConnected) this.stop();
    });
    this.resizeObserver = undefined;
    // On the next task, unless the cell was only moved: free what holds window listeners (the
    // editor, uPlot) and the tensors of the cell's own namespace in the kernel.
    setTimeout(() => {
      if (this.isConnected) return;
      this.editor?.destroy();
      this.editor = undefined;
      this.editorReady = false;
      for (const chunk of this.outputs) {
        if (chunk.kind === 'figure') {
          chunk.view?.destroy();
          chunk.view = undefined;
        }
      }
      if (!this.session && this.ranEpoch !== undefined) void this.kernel.reset(this.privateSession);
    });
  }

  private async loadCode(): Promise<void> {
    // Code given as a property (`value`, `code`) or the `code` attribute wins over children and src.
    const given = () => this.presetValue ?? (this.code || null);
    const inline = given() ?? inlineCode(this);
    let code = inline ?? '';
    // Code added after the element was connected (a framework appending children later).
    if (inline === null && !this.src) this.watchForCode();
    if (this.src && given() === null) {
      try {
        const response = await fetch(this.src);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        code = dedent(await response.text());
      } catch (err) {
        this.outputs = [
          {
            kind: 'note',
            text: `Could not load the code from ${this.src}: ${err instanceof Error ? err.message : String(err)}`,
          },
        ];
      }
    }
    code = given() ?? code;
    this.original = code;
    this.storageKey =
      this.persist || this.id || `cell-${[...document.querySelectorAll('tensor-playground')].indexOf(this)}`;
    const saved = this.readonly ? null : loadSaved(this.storageKey, code);
    this.current = saved ?? code;
    this.codeReady = true;
    void this.loadHighlighting();
    if (this.readonly) this.readyResolve();
    else void this.loadEditor();
    if (this.autorun) void this.run();
  }

  private watchForCode(): void {
    const observer = new MutationObserver(() => {
      const code = inlineCode(this);
      if (code === null) return;
      observer.disconnect();
      this.adoptTeacherCode(code);
    });
    observer.observe(this, { childList: true, subtree: true, characterData: true });
  }

  /** New starting code after the cell loaded (late children, a changed `code`). */
  private adoptTeacherCode(code: string): void {
    // The student's own edits win over late teacher code.
    if (code === this.original || this.current !== this.original) return;
    this.original = code;
    this.value = (this.readonly ? null : loadSaved(this.storageKey, code)) ?? code;
    void this.loadHighlighting();
  }

  private async loadHighlighting(): Promise<void> {
    try {
      const { highlightPython } = await import('./highlight.js');
      this.tokens = highlightPython(this.current);
    } catch {
      // Plain text stays: highlighting is a nicety.
    }
  }

  private async loadEditor(): Promise<void> {
    try {
      const { createEditor } = await import('./editor.js');
      await this.updateComplete;
      if (this.editor) return;
      this.editor = createEditor({
        parent: this.editorHost,
        root: this.shadowRoot!,
        code: this.current,
        readonly: this.readonly,
        label: 'Python code',
        onChange: (code) => this.setCode(code),
        onRun: () => void this.run(),
        onEscape: () => this.runButton.focus(),
      });
      this.editorReady = true;
      if (this.errorLine != null) this.editor.markErrorLine(this.errorLine);
    } catch (err) {
      this.outputs = [
        ...this.outputs,
        {
          kind: 'note',
          text: `The editor could not load (${String(err)}); the code can still run. ${LOAD_FAILURE_HINT}`,
        },
      ];
    } finally {
      this.readyResolve();
    }
  }

  private setCode(code: string): void {
    if (code === this.current) return;
    this.current = code;
    this.errorLine = null;
    if (this.tokens) void this.loadHighlighting();
    if (this.readonly) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flushSave(), 300);
  }

  private flushSave(): void {
    if (this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.storageKey) save(this.storageKey, this.current, this.original);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('readonly') && this.editor) this.editor.setReadOnly(this.readonly);
    if (changed.has('code') && this.codeReady && this.code) this.adoptTeacherCode(this.code);
  }

  /** Cells above this one, in document order, that share its session. */
  private cellsAbove(): TensorPlayground[] {
    if (!this.session) return [];
    return [...cells]
      .filter(
        (c) =>
          c !== this &&
          c.session === this.session &&
          c.compareDocumentPosition(this) & Node.DOCUMENT_POSITION_FOLLOWING,
      )
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  private needsCellsAbove(): boolean {
    return this.cellsAbove().some((c) => !c.hasRun);
  }

  /** Events bubble out of the shadow root, so a page (or an LMS) can listen on the document. */
  private static readonly eventInit = { bubbles: true, composed: true };

  private addOutput(chunk: OutputChunk): void {
    const outputs = this.outputs;
    const last = outputs[outputs.length - 1];
    if (chunk.kind === 'stdout' && last?.kind === 'stdout') {
      let text = last.text + chunk.text;
      if (text.length > MAX_OUTPUT_CHARS)
        text = `… earlier output dropped …\n${text.slice(text.length - MAX_OUTPUT_CHARS)}`;
      this.outputs = [...outputs.slice(0, -1), { kind: 'stdout', text }];
    } else {
      this.outputs = [...outputs, chunk];
    }
  }

  private clearOutputs(): void {
    for (const chunk of this.outputs) if (chunk.kind === 'figure') chunk.view?.destroy();
    this.outputs = [];
  }

  /** Runs the cell (then the exercise's check, if any). Resolves true when the code ran without error. */
  async run(): Promise<boolean> {
    if (this.running) return false;
    const code = this.editor?.getCode() ?? this.current;
    this.clearOutputs();
    this.checkResult = undefined;
    const blank = firstBlankLine(code);
    if (blank != null) {
      this.setErrorLine(blank);
      this.addOutput({ kind: 'note', text: `Fill in the blanks marked ${BLANK} first (line ${blank}).` });
      return false;
    }
    this.setErrorLine(null);
    this.running = true;
    this.showRunAbove = false;
    const device = this.device;
    this.badge = `${device} · running…`;
    this.dispatchEvent(
      new CustomEvent('tp-run-start', {
        ...TensorPlayground.eventInit,
        detail: { code, session: this.sessionName, device },
      }),
    );
    let runError: PythonErrorInfo | undefined;
    // The page's kernel runs one cell at a time: say so when this one waits behind another.
    const waiting = setTimeout(() => (this.badge = `${device} · waiting for the cell that is running…`), WAIT_NOTICE_MS);
    const done = await this.execute(code, false, (event) => {
      switch (event.type) {
        case 'started':
          clearTimeout(waiting);
          this.badge = `${device} · running…`;
          break;
        case 'stdout':
          this.addOutput({ kind: 'stdout', text: event.text });
          break;
        case 'echo':
          this.addOutput({ kind: 'echo', text: event.text });
          break;
        case 'figure':
          this.addOutput({ kind: 'figure', figure: event.figure });
          break;
        case 'error':
          runError = event.error;
          this.addOutput({
            kind: 'error',
            text: event.error.traceback || `${event.error.type}: ${event.error.message}`,
          });
          if (event.error.line != null) this.setErrorLine(event.error.line);
          break;
      }
    });
    clearTimeout(waiting);
    if (done.ok) this.ranEpoch = this.kernel.sessionEpoch(this.sessionName);
    if (done.restarted)
      this.addOutput({
        kind: 'note',
        text: 'The kernel was restarted to stop this run: every cell’s variables are gone.',
      });
    if (done.device === 'cpu' && done.backend === 'cpu' && !wasmFallbackExplained) {
      // Said once per page: every later cpu run falls back the same way.
      wasmFallbackExplained = true;
      this.addOutput({ kind: 'note', text: WASM_FALLBACK_NOTE });
    }
    if (this.kernel.workerFailure && !workerFailureExplained) {
      workerFailureExplained = true;
      this.addOutput({
        kind: 'note',
        text: workerFailureNote(this.kernel.workerFailure, this.kernel.workerFailureHint),
      });
    }
    const where = this.kernel.inWorker ? '' : ' · in page';
    this.badge = `${done.device} · ${done.backend} · ${done.cancelled ? 'stopped after ' : ''}${formatDuration(done.duration)}${where}`;
    this.running = false;
    this.handle = undefined;
    const detail: RunEndDetail = {
      ok: done.ok,
      error: runError,
      duration: done.duration,
      device: done.device,
      backend: done.backend,
      cancelled: !!done.cancelled,
    };
    this.dispatchEvent(
      new CustomEvent<RunEndDetail>('tp-run-end', { ...TensorPlayground.eventInit, detail }),
    );
    for (const cell of cells)
      if (cell.session === this.session && cell !== this) cell.showRunAbove &&= cell.needsCellsAbove();
    this.showRunAbove = this.needsCellsAbove();
    const check = checkCode(this);
    if (check != null && !done.cancelled) await this.runCheck(check, done.ok);
    return done.ok;
  }

  private execute(code: string, silent: boolean, onEvent: (e: KernelEvent) => void): Promise<DoneEvent> {
    const handle = this.kernel.run({ session: this.sessionName, code, device: this.device, silent }, onEvent);
    this.handle = handle;
    return handle.done;
  }

  private async runCheck(check: string, studentOk: boolean): Promise<void> {
    let passed = false;
    let message: string;
    if (!studentOk) {
      message = this.hint || 'Your code raised an error: fix it, then run it again.';
    } else {
      let failure: PythonErrorInfo | undefined;
      const done = await this.execute(check, true, (e) => {
        if (e.type === 'error') failure = e.error;
      });
      this.handle = undefined;
      passed = done.ok;
      if (passed) message = 'Correct!';
      else if (failure?.type === 'AssertionError' && failure.message) message = failure.message;
      else
        message =
          this.hint ||
          (failure ? `Not yet: ${failure.type}${failure.message ? `: ${failure.message}` : ''}` : 'Not yet.');
    }
    this.checkResult = { passed, message };
    this.dispatchEvent(
      new CustomEvent<CheckDetail>('tp-check', {
        ...TensorPlayground.eventInit,
        detail: { passed, message },
      }),
    );
  }

  /** Runs every cell above in the same session, in order, then this one; stops at the first failure. */
  async runAllAbove(): Promise<boolean> {
    for (const cell of this.cellsAbove()) {
      await cell.ready;
      if (!(await cell.run())) return false;
    }
    return this.run();
  }

  /** Stops the running cell (within ~200 ms: a run that does not stop restarts the kernel). */
  stop(): void {
    this.handle?.cancel();
  }

  /** Restores the teacher's code (the saved edits are forgotten). */
  reset(): void {
    this.value = this.original;
    this.flushSave();
    this.setErrorLine(null);
    this.checkResult = undefined;
    this.flash('Code reset to the original');
  }

  private async copy(): Promise<void> {
    const code = this.editor?.getCode() ?? this.current;
    let copied: boolean;
    try {
      await navigator.clipboard.writeText(code);
      copied = true;
    } catch {
      // No clipboard permission (an iframe, an old browser): copy through a selected textarea.
      const area = document.createElement('textarea');
      area.value = code;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      this.shadowRoot!.append(area);
      area.select();
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      area.remove();
    }
    this.flash(copied ? 'Code copied' : 'Copy failed: select the code and copy it by hand');
  }

  private flash(message: string): void {
    this.status = message;
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => (this.status = ''), 3000);
  }

  private setErrorLine(line: number | null): void {
    this.errorLine = line;
    this.editor?.markErrorLine(line);
  }

  private onDeviceChange(event: Event): void {
    this.device = (event.target as HTMLSelectElement).value as DeviceName;
  }

  private onStaticKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.shiftKey || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.run();
    }
  }

  private drawFigure(host: Element | undefined, chunk: Extract<OutputChunk, { kind: 'figure' }>): void {
    if (!host || chunk.view || !this.isConnected) return;
    loadFigureRenderer().then(
      ({ renderFigure }) => {
        // The cell may have been re-run, cleared or removed while the chart code loaded.
        if (chunk.view || !this.isConnected || !host.isConnected || !this.outputs.includes(chunk)) return;
        chunk.view = renderFigure(host as HTMLElement, chunk.figure);
        this.resizeObserver ??= new ResizeObserver(() => this.resizeFigures());
        this.resizeObserver.observe(this.shadowRoot!.querySelector('.output')!);
      },
      (error: unknown) => {
        if (host.isConnected) host.textContent = chartLoadFailure(error);
      },
    );
  }

  private resizeFigures(): void {
    const output = this.shadowRoot?.querySelector('.output') as HTMLElement | null;
    if (!output) return;
    const width = Math.min(output.clientWidth - 32, 640);
    for (const chunk of this.outputs) if (chunk.kind === 'figure' && width > 0) chunk.view?.resize(width);
  }

  private renderStaticCode() {
    const lines: Token[][] = this.tokens ?? this.current.split('\n').map((text) => [{ text, classes: '' }]);
    const pieces = (text: string) =>
      text
        .split(/(\?\?\?\?)/)
        .map((part) => (part === BLANK ? html`<mark class="blank">${part}</mark>` : part));
    return html`<pre
      class="static"
      tabindex="0"
      role="region"
      aria-label=${this.readonly ? 'Python code (read-only)' : 'Python code (the editor is loading)'}
      @keydown=${this.onStaticKeydown}
    ><code>${lines.map(
      (line, i) =>
        html`<span class=${classMap({ line: true, 'error-line': this.errorLine === i + 1 })}
            >${line.map((t) =>
              t.classes ? html`<span class=${t.classes}>${pieces(t.text)}</span>` : pieces(t.text),
            )}</span
          >${i < lines.length - 1 ? '\n' : ''}`,
    )}</code></pre>`;
  }

  private renderOutput(chunk: OutputChunk) {
    if (chunk.kind === 'figure') {
      return html`<div class="figure-host" ${ref((el) => this.drawFigure(el, chunk))}></div>`;
    }
    return html`<pre class=${chunk.kind}>${chunk.text}</pre>`;
  }

  protected override render() {
    const showStatic = this.readonly || !this.editorReady;
    return html`
      <div part="base" class="cell">
        <div part="toolbar" class="toolbar">
          <!-- aria-disabled, not disabled: a focused button that becomes disabled drops keyboard focus. -->
          <button
            part="run-button"
            class="run primary"
            aria-disabled=${this.running ? 'true' : 'false'}
            aria-keyshortcuts="Shift+Enter Control+Enter"
            @click=${() => this.run()}
          >
            Run
          </button>
          <button
            part="stop-button"
            class="stop"
            aria-disabled=${this.running ? 'false' : 'true'}
            @click=${() => this.stop()}
          >
            Stop
          </button>
          ${
            this.readonly
              ? nothing
              : html`<button part="reset-button" class="reset" @click=${() => this.reset()}>Reset</button>`
          }
          <button part="copy-button" class="copy" @click=${() => this.copy()}>Copy</button>
          <label class="device">
            Device
            <select part="device-select" .value=${this.device} @change=${this.onDeviceChange}>
              <option value="cpu" ?selected=${this.device === 'cpu'}>cpu</option>
              <option value="cuda" ?selected=${this.device === 'cuda'}>cuda</option>
            </select>
          </label>
          <span class="spacer"></span>
          <span class="status" role="status">${this.status}</span>
          <span
            part="badge"
            class="badge"
            title=${
              this.kernel.inWorker
                ? 'device · backend · duration of the last run'
                : 'The code runs in this page because no Worker could start here: a long run can slow the page.'
            }
            >${this.badge || this.device}</span
          >
        </div>
        <div part="code" class="code">
          ${showStatic ? this.renderStaticCode() : nothing}
          <div class="editor-host" ?hidden=${showStatic}></div>
        </div>
        ${
          this.showRunAbove
            ? html`<div class="notice" part="notice">
                <span
                  >This cell shares the session “${this.session}” with cells above that have not run
                  yet.</span
                >
                <button class="run-above" @click=${() => this.runAllAbove()}>Run all above</button>
              </div>`
            : nothing
        }
        <!-- No whitespace inside these two: :empty collapses them until there is something to show. -->
        <div part="output" class="output" role="log" aria-live="polite" aria-label="Output">${this.outputs.map((c) => this.renderOutput(c))}</div>
        <div
          part="check"
          class=${classMap({ check: true, pass: this.checkResult?.passed === true, fail: this.checkResult?.passed === false })}
          role="status"
        >${this.checkResult ? `${this.checkResult.passed ? '✓' : '✗'} ${this.checkResult.message}` : nothing}</div>
      </div>
    `;
  }
}

// Guarded: importing the module where there is no DOM (SSR, SSG) defines nothing.
if (typeof customElements !== 'undefined' && !customElements.get('tensor-playground'))
  customElements.define('tensor-playground', TensorPlayground);

declare global {
  interface HTMLElementTagNameMap {
    'tensor-playground': TensorPlayground;
  }
  interface HTMLElementEventMap {
    'tp-run-start': CustomEvent<RunStartDetail>;
    'tp-run-end': CustomEvent<RunEndDetail>;
    'tp-check': CustomEvent<CheckDetail>;
  }
}
