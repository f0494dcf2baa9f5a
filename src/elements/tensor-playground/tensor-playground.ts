import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import {
  KERNEL_RESTART_EVENT,
  LOAD_FAILURE_HINT,
  type DoneEvent,
  type RunHandle,
  getKernel,
} from '../../kernel/client.js';
import type { DeviceName, KernelEvent, PythonErrorInfo } from '../../kernel/protocol.js';
import { figureStyles } from '../../plot/figure.styles.js';
import { workerFailureNote } from '../shared/load-notes.js';
import { outputStyles, srOnlyStyles } from '../shared/output.styles.js';
import { adoptPresetProperties } from '../shared/preset-properties.js';
import { themeStyles } from '../shared/theme.styles.js';
import type { Token } from './highlight.js';
import { THEMES, checkChoice, checkDevice } from '../shared/attributes.js';
import { AutosaveController } from './autosave.js';
import { LazyEditorController } from './lazy-editor.js';
import { cellsAbove, needsCellsAbove, readNames } from './cells-above.js';
import { copyText } from './clipboard.js';
import {
  type StaticCode,
  type Toolbar,
  formatDuration,
  renderCutOutput,
  renderOutputChunk,
  renderRunAbove,
  renderStaticCode,
  renderToolbar,
} from './render.js';
import { fetchCode, watchForCode } from './code-loading.js';
import { OutputController } from './output.js';
import { checkMessage } from './check.js';
import { BLANK, checkCode, firstBlankLine, inlineCode, undefinedName } from './source.js';
import styles from './tensor-playground.styles.js';

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
  /**
   * Why: `check` the check ran, `error` the student's code raised, `blanks` the run was refused
   * because `????` blanks remain (an attempt an LMS may want to count).
   */
  reason: 'check' | 'error' | 'blanks';
}

/** Shown in the cells whose variables a restart of the kernel (to stop another cell) wiped. */
const RESTARTED_NOTE =
  'The kernel was restarted to stop a run that did not respond to Stop: the variables this cell defined are gone. Run it again.';
/** How long a run may sit in the kernel's queue before the badge says it is waiting. */
const WAIT_NOTICE_MS = 300;
/** Longest an autorun cell's highlighting waits for its run's first output (a long run's code still gets colour). */
const AUTORUN_HIGHLIGHT_WAIT_MS = 2000;

/** Shown when a run's tensors needed the WebAssembly backend and it did not start: plain JavaScript runs them. */
const WASM_FALLBACK_NOTE =
  "WebAssembly could not start on this page (a Content-Security-Policy without 'wasm-unsafe-eval', or the .wasm files not served), so the slower JavaScript backend runs the cpu device.";
let wasmFallbackExplained = false;
let workerFailureExplained = false;
/** Events bubble out of the shadow root, so a page (or an LMS) can listen on the document. */
const bubbling = { bubbles: true, composed: true };
/** Every connected playground, to find the cells above one in the same session. */
const cells = new Set<TensorPlayground>();
let privateSessions = 0;

/**
 * An editable Python cell that runs PyTorch-style code in the browser and prints what PyTorch
 * prints. Cells with the same `session` share one namespace, like a notebook's cells in order.
 *
 * @summary A Python code cell that runs the lesson's torch code in the page.
 *
 * @attr session - Cells with the same session share one namespace; without it a cell has its own.
 * @attr device - Default device of the tensors the cell creates: `cpu` or `cuda` (`cuda:0` too); the student can change it. Another value runs on cpu with a message.
 * @attr readonly - The code cannot be edited (it can still run).
 * @attr autorun - Run once as soon as the code is loaded.
 * @attr persist - Key under which the student's edits are saved (with the page's path); defaults to the id.
 * @attr theme - `light` (default) or `dark`.
 * @attr src - URL of a `.py` file holding the starting code (instead of inline code).
 * @attr hint - Shown when the exercise's check fails and the assertion gives no message.
 * @attr shareable - Adds a Share button: the cell's current code as an embed link and an iframe snippet, to copy.
 * @attr code - The starting code as an attribute or property (for frameworks that drop `<script>` children); wins over inline code and `src`.
 *
 * @slot - The starting code, in a `<script type="text/x-python">` or a `<template>`; common indentation is removed. `????` marks blanks the student fills.
 * @slot check - A `<script type="text/x-python" slot="check">` that runs after the student's code (silently, same namespace) and raises AssertionError("hint") when the answer is wrong.
 *
 * @event tp-run-start - A run starts. detail: `{ code, session, device }`.
 * @event tp-run-end - A run ended. detail: `{ ok, error, duration, device, backend, cancelled }`.
 * @event tp-check - The exercise was checked, or a run was refused because `????` blanks remain. detail: `{ passed, message, reason }` with reason `check`, `error` (the code raised) or `blanks`.
 *
 * @csspart base - The cell's frame.
 * @csspart toolbar - The row of buttons, device selector and badge.
 * @csspart run-button - Runs the cell (also Shift+Enter or Ctrl+Enter in the editor).
 * @csspart stop-button - Stops the running cell.
 * @csspart reset-button - Restores the teacher's code.
 * @csspart copy-button - Copies the code.
 * @csspart share-button - Opens the Share panel (with `shareable`).
 * @csspart share - The Share panel: the embed link and the iframe snippet, each with a Copy button.
 * @csspart device-select - The device selector.
 * @csspart badge - Device, backend and duration of the last run; while a run waits behind another cell's (the page runs one cell at a time), says so.
 * @csspart code - The code area: highlighted code, and the editor from the first focus, click or key press in it.
 * @csspart save-note - Says that the cell's edits could not be saved (the site's storage is full).
 * @csspart notice - The offer to run the cells above that share the session.
 * @csspart output - Printed text, echoed values, tracebacks and figures (a live region).
 * @csspart full-output - Shown when the output was too long to show whole: buttons that copy or download all of it.
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
 * @cssproperty --tp-max-code-height - Height beyond which the code scrolls (default none: the whole cell shows).
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
  /** Adds a Share button: the cell's current code as an embed link and as an iframe snippet. */
  @property({ type: Boolean, reflect: true }) shareable = false;
  /**
   * The starting code, for frameworks that drop `<script>` children (Vue, VitePress); wins over
   * inline code and `src`. Set later, it replaces the code unless the student has edited it.
   */
  @property() code = '';

  /** True while the cell runs. */
  @state() running = false;
  @state() private current = '';
  @state() private original = '';
  @state() private badge = '';
  @state() private checkResult: CheckDetail | undefined;
  @state() private errorLine: number | null = null;
  @state() private tokens: Token[][] | undefined;
  @state() private showRunAbove = false;
  @state() private status = '';
  @state() private sharing = false;

  @query('.run') private runButton!: HTMLButtonElement;
  @query('.editor-host') private editorHost!: HTMLElement;
  @query('pre.static:not(.print-only)') private staticCodeView!: HTMLElement | null;

  private handle: RunHandle | undefined;
  private ranEpoch: string | undefined;
  private privateSession = `__tp_private_${++privateSessions}`;
  private codeLoaded = false;
  /** The starting code is in place (inline, `code`, `src` or `value`). */
  private codeReady = false;
  /** `value` set before the code was loaded (a framework setting it before connecting the cell). */
  private presetValue: string | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly output = new OutputController(this, (message) => this.flash(message));
  private readonly autosave = new AutosaveController(this, (text) => this.output.add({ kind: 'note', text }));
  private readonly lazyEditor = new LazyEditorController(this, {
    parent: () => this.editorHost,
    staticView: () => this.staticCodeView,
    root: () => this.shadowRoot!,
    code: () => this.current,
    readonly: () => this.readonly,
    errorLine: () => this.errorLine,
    codeReady: () => this.ready,
    onChange: (code) => this.setCode(code),
    onRun: () => void this.run(),
    onEscape: () => this.runButton.focus(),
    onLoadError: (error) =>
      this.output.add({
        kind: 'note',
        text: `The editor could not load (${String(error)}); the code can still run. ${LOAD_FAILURE_HINT}`,
      }),
  });
  private readyResolve!: () => void;

  /**
   * Resolves once the code is loaded and shown (highlighted; an autorun cell highlights after its
   * run's first output, or 2 s). The editor (CodeMirror) loads on the first focus, click or key
   * press in the code: a reader who only runs cells never downloads it.
   */
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
    this.lazyEditor.editor?.setCode(code);
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
  private onKernelRestart = async () => {
    // Each cell whose variables the restart wiped says so (a running cell hears it from its run).
    const last = this.output.chunks[this.output.chunks.length - 1];
    if (
      this.ranEpoch !== undefined &&
      !this.running &&
      !(last?.kind === 'note' && last.text === RESTARTED_NOTE)
    )
      this.output.add({ kind: 'note', text: RESTARTED_NOTE });
    this.showRunAbove = this.ranEpoch !== undefined && (await needsCellsAbove(this, cells, readNames));
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
      // Back after a removal that may have torn down the figures (the editor reloads itself).
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cells.delete(this);
    this.kernel.removeEventListener(KERNEL_RESTART_EVENT, this.onKernelRestart);
    // A removed cell's run (an endless loop) would hold the page's kernel queue forever: stop it.
    setTimeout(() => {
      if (!this.isConnected) this.stop();
    });
    // On the next task, unless the cell was only moved: free what holds window listeners (the
    // editor, uPlot) and the tensors of the cell's own namespace in the kernel.
    setTimeout(() => {
      if (this.isConnected) return;
      this.lazyEditor.destroy();
      this.output.destroyFigures();
      if (!this.session && this.ranEpoch !== undefined) void this.kernel.reset(this.privateSession);
    });
  }

  private async loadCode(): Promise<void> {
    // Code given as a property (`value`, `code`) or the `code` attribute wins over children and src.
    const given = () => this.presetValue ?? (this.code || null);
    const inline = given() ?? inlineCode(this);
    let code = inline ?? '';
    // Code added after the element was connected (a framework appending children later).
    if (inline === null && !this.src) watchForCode(this, (found) => this.adoptTeacherCode(found));
    if (this.src && given() === null) {
      const fetched = await fetchCode(this.src);
      if ('code' in fetched) code = fetched.code;
      else this.output.chunks = [{ kind: 'note', text: fetched.note }];
    }
    code = given() ?? code;
    this.original = code;
    this.autosave.key =
      this.persist || this.id || `cell-${[...document.querySelectorAll('tensor-playground')].indexOf(this)}`;
    // What localStorage (or this tab's sessionStorage) holds is there at once; IndexedDB, where edits
    // go when localStorage is full, answers later and is looked at before the editor opens.
    const saved = this.readonly ? null : this.autosave.loadLocal(code);
    this.current = saved ?? code;
    this.codeReady = true;
    // An autorun cell's run goes first: highlighting (Lezer, on this thread) waits for the run's
    // first output, so it does not compete with the kernel's start for the CPU.
    const highlighted = this.autorun ? this.runThenHighlight() : this.loadHighlighting();
    const restored = this.readonly ? undefined : this.restoreNewer(saved ?? code);
    void Promise.allSettled([highlighted, restored]).then(() => this.readyResolve());
  }

  /** Called once by the run's first output, or its end; see runThenHighlight. */
  private onFirstOutput: (() => void) | undefined;

  private async runThenHighlight(): Promise<void> {
    const responded = new Promise<void>((resolve) => {
      this.onFirstOutput = resolve;
      setTimeout(resolve, AUTORUN_HIGHLIGHT_WAIT_MS);
    });
    void this.run().finally(() => this.onFirstOutput?.());
    await responded;
    this.onFirstOutput = undefined;
    // After the frame that draws the output (a hidden tab draws none: at most 100 ms).
    await new Promise<void>((resolve) => {
      requestAnimationFrame(() => setTimeout(resolve));
      setTimeout(resolve, 100);
    });
    await this.loadHighlighting();
  }

  /** Takes IndexedDB's copy when it is newer, unless the code changed meanwhile (the page set `value`). */
  private async restoreNewer(shown: string): Promise<void> {
    const newest = await this.autosave.loadNewest(this.original);
    if (newest !== null && newest !== shown && this.current === shown) this.value = newest;
  }

  /** New starting code after the cell loaded (late children, a changed `code`). */
  private adoptTeacherCode(code: string): void {
    // The student's own edits win over late teacher code.
    if (code === this.original || this.current !== this.original) return;
    this.original = code;
    this.value = (this.readonly ? null : this.autosave.loadLocal(code)) ?? code;
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

  private setCode(code: string): void {
    if (code === this.current) return;
    this.current = code;
    this.errorLine = null;
    if (this.tokens) void this.loadHighlighting();
    if (!this.readonly) this.autosave.schedule();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('readonly')) this.lazyEditor.editor?.setReadOnly(this.readonly);
    if (changed.has('code') && this.codeReady && this.code) this.adoptTeacherCode(this.code);
  }

  /** The name the last run failed on (NameError), if any. */
  private missingName: string | null = null;

  private readonly missingNames = async (): Promise<ReadonlySet<string>> =>
    new Set(this.missingName ? [this.missingName] : []);

  /** Runs the cell (then the exercise's check, if any). Resolves true when the code ran without error. */
  async run(): Promise<boolean> {
    if (this.running) return false;
    const code = this.lazyEditor.editor?.getCode() ?? this.current;
    this.autosave.flush();
    this.output.clear();
    const { value: device, problem: deviceProblem } = checkDevice(this.device, 'cpu', 'tensor-playground');
    if (deviceProblem) this.output.add({ kind: 'note', text: deviceProblem });
    const themeProblem = checkChoice(this.theme, THEMES, 'light', 'tensor-playground', 'theme').problem;
    if (themeProblem) this.output.add({ kind: 'note', text: themeProblem });
    this.checkResult = undefined;
    const blank = firstBlankLine(code);
    if (blank != null) {
      this.setErrorLine(blank);
      const message = `Fill in the blanks marked ${BLANK} first (line ${blank}).`;
      this.output.add({ kind: 'note', text: message });
      const detail: CheckDetail = { passed: false, message, reason: 'blanks' };
      this.dispatchEvent(new CustomEvent<CheckDetail>('tp-check', { ...bubbling, detail }));
      return false;
    }
    this.setErrorLine(null);
    this.running = true;
    this.showRunAbove = false;
    this.badge = `${device} · running…`;
    const detail: RunStartDetail = { code, session: this.sessionName, device };
    this.dispatchEvent(new CustomEvent<RunStartDetail>('tp-run-start', { ...bubbling, detail }));
    let runError: PythonErrorInfo | undefined;
    // The page's kernel runs one cell at a time: say so when this one waits behind another.
    const waiting = setTimeout(
      () => (this.badge = `${device} · waiting for the cell that is running…`),
      WAIT_NOTICE_MS,
    );
    const done = await this.execute(code, false, (event) => {
      this.output.addEvent(event);
      if (event.type === 'stdout' || event.type === 'figure') this.onFirstOutput?.();
      if (event.type === 'started') {
        clearTimeout(waiting);
        this.badge = `${device} · running…`;
      } else if (event.type === 'error') {
        runError = event.error;
        if (event.error.line != null) this.setErrorLine(event.error.line);
      }
    });
    clearTimeout(waiting);
    if (done.ok) this.ranEpoch = this.kernel.sessionEpoch(this.sessionName);
    if (done.omitted) this.output.cut = { run: done.id, omitted: done.omitted };
    if (done.restarted)
      this.output.add({
        kind: 'note',
        text: 'The kernel was restarted to stop this run: every cell’s variables are gone.',
      });
    if (done.device === 'cpu' && done.wasmRefused && !wasmFallbackExplained) {
      // Said once per page: every later cpu run falls back the same way.
      wasmFallbackExplained = true;
      this.output.add({ kind: 'note', text: WASM_FALLBACK_NOTE });
    }
    this.autosave.checkAvailable();
    // Before tp-run-end, so that a page reacting to the event sees the offer in place.
    this.missingName = undefinedName(runError);
    for (const cell of cells)
      if (cell.session === this.session && cell !== this && cell.showRunAbove)
        cell.showRunAbove = await needsCellsAbove(cell, cells, cell.missingNames);
    // After a restart every variable is gone: offer the cells above whose names this cell reads.
    this.showRunAbove = await needsCellsAbove(this, cells, done.restarted ? readNames : this.missingNames);
    await this.updateComplete;
    if (this.kernel.workerFailure && !workerFailureExplained) {
      workerFailureExplained = true;
      this.output.add({
        kind: 'note',
        text: workerFailureNote(this.kernel.workerFailure, this.kernel.workerFailureHint),
      });
    }
    const where = this.kernel.inWorker ? '' : ' · in page';
    // No backend named for a run that used no tensors (the kernel loaded no tfjs backend for it).
    const backend = done.backend === 'none' ? '' : `${done.backend} · `;
    this.badge = `${done.device} · ${backend}${done.cancelled ? 'stopped after ' : ''}${formatDuration(done.duration)}${where}`;
    this.running = false;
    this.handle = undefined;
    const ended: RunEndDetail = {
      ok: done.ok,
      error: runError,
      duration: done.duration,
      device: done.device,
      backend: done.backend,
      cancelled: !!done.cancelled,
    };
    this.dispatchEvent(new CustomEvent<RunEndDetail>('tp-run-end', { ...bubbling, detail: ended }));
    const check = checkCode(this);
    if (check != null && !done.cancelled) await this.runCheck(check, done.ok);
    return done.ok;
  }

  private execute(code: string, silent: boolean, onEvent: (e: KernelEvent) => void): Promise<DoneEvent> {
    // Only an allowed device name crosses to the kernel (never `constructor` or `CUDA`).
    const device = checkDevice(this.device, 'cpu', 'tensor-playground').value;
    const handle = this.kernel.run({ session: this.sessionName, code, device, silent }, onEvent);
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
      message = checkMessage(passed, failure, this.hint);
    }
    this.checkResult = { passed, message, reason: studentOk ? 'check' : 'error' };
    this.dispatchEvent(new CustomEvent<CheckDetail>('tp-check', { ...bubbling, detail: this.checkResult }));
  }

  /** Runs every cell above in the same session, in order, then this one; stops at the first failure. */
  async runAllAbove(): Promise<boolean> {
    for (const cell of cellsAbove(this, cells)) {
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
    this.autosave.flush();
    this.setErrorLine(null);
    this.checkResult = undefined;
    this.flash('Code reset to the original');
  }

  private async copy(): Promise<void> {
    const copied = await copyText(this.lazyEditor.editor?.getCode() ?? this.current, this.shadowRoot!);
    this.flash(copied ? 'Code copied' : 'Copy failed: select the code and copy it by hand');
  }

  private async share(): Promise<void> {
    try {
      const { toggleSharePanel } = await import('./share.js');
      const source = {
        code: this.lazyEditor.editor?.getCode() ?? this.current,
        check: checkCode(this),
        device: this.device,
        theme: this.theme,
        readonly: this.readonly,
        hint: this.hint,
      };
      this.sharing = await toggleSharePanel(this.renderRoot.querySelector('.share-host')!, source, (m) =>
        this.flash(m),
      );
    } catch (err) {
      this.flash(`Share could not load (${String(err)})`);
    }
  }

  private flash(message: string): void {
    this.status = message;
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => (this.status = ''), 3000);
  }

  private setErrorLine(line: number | null): void {
    this.errorLine = line;
    this.lazyEditor.editor?.markErrorLine(line);
  }

  private onDeviceChange(event: Event): void {
    this.device = (event.target as HTMLSelectElement).value as DeviceName;
  }

  private onStaticKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && (event.shiftKey || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.run();
      return;
    }
    this.lazyEditor.keydown(event);
  };

  private get staticCode(): StaticCode {
    const { current: code, tokens, errorLine, readonly } = this;
    return {
      ...{ code, tokens, errorLine, readonly },
      onKeydown: this.onStaticKeydown,
      onPointerdown: (event) => this.lazyEditor.pointerdown(event),
      onFocus: () => this.lazyEditor.want(),
    };
  }

  private toolbar(device: DeviceName): Toolbar {
    const { running, readonly, shareable, sharing, status, badge } = this;
    return {
      ...{ running, readonly, shareable, sharing, status, badge, device, inWorker: this.kernel.inWorker },
      run: () => this.run(),
      stop: () => this.stop(),
      reset: () => this.reset(),
      copy: () => this.copy(),
      share: () => this.share(),
      changeDevice: (event) => this.onDeviceChange(event),
    };
  }

  protected override render() {
    const showStatic = this.readonly || !this.lazyEditor.editor;
    const shownDevice = checkDevice(this.device, 'cpu', 'tensor-playground').value;
    return html`
      <div part="base" class="cell">
        ${renderToolbar(this.toolbar(shownDevice))}
        ${this.shareable ? html`<div class="share-host"></div>` : nothing}
        <div part="code" class="code">
          ${renderStaticCode(this.staticCode, !showStatic)}
          <div class="editor-host" ?hidden=${showStatic}></div>
        </div>
        ${this.autosave.note ? html`<p part="save-note" class="save-note" role="alert">${this.autosave.note}</p>` : nothing}
        ${this.showRunAbove ? renderRunAbove(this.session, this.missingName, () => this.runAllAbove()) : nothing}
        <!-- No whitespace inside these two: :empty collapses them until there is something to show. -->
        <!-- Focusable once it has content: a long output scrolls, and keyboard users scroll it too. -->
        <div part="output" class="output" role="log" aria-live="polite" aria-label="Output" tabindex=${this.output.chunks.length ? '0' : nothing}>${this.output.chunks.map((c) => renderOutputChunk(c, this.output))}</div>
        ${renderCutOutput(this.output)}
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
