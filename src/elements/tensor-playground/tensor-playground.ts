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
import { type ShownText, appendShown, capText, omittedLabel } from '../../kernel/output-budget.js';
import { workerFailureNote } from '../shared/load-notes.js';
import { outputStyles, srOnlyStyles } from '../shared/output.styles.js';
import { adoptPresetProperties } from '../shared/preset-properties.js';
import { themeStyles } from '../shared/theme.styles.js';
import type { EditorHandle } from './editor.js';
import type { Token } from './highlight.js';
import { THEMES, checkChoice, checkDevice } from '../shared/attributes.js';
import { type SaveOutcome, WorkStore } from './saved-work.js';
import { BLANK, checkCode, dedent, firstBlankLine, inlineCode, undefinedName } from './source.js';
import styles from './tensor-playground.styles.js';

type OutputChunk =
  | { kind: 'echo' | 'error' | 'note'; text: string }
  | ({ kind: 'stdout' } & ShownText)
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

/** Shown when the cpu device runs on plain JavaScript because the WebAssembly backend did not start. */
const WASM_FALLBACK_NOTE =
  "WebAssembly could not start on this page (a Content-Security-Policy without 'wasm-unsafe-eval', or the .wasm files not served), so the slower JavaScript backend runs the cpu device.";
let wasmFallbackExplained = false;
let workerFailureExplained = false;

/** Where every cell's edits are kept (localStorage, else IndexedDB). */
const workStore = new WorkStore();
/** Shown once per page where nothing can be stored (a sandboxed iframe without allow-same-origin). */
const NO_STORAGE_NOTE =
  'Edits are not saved on this page (it is in a sandboxed frame, or the browser blocks storage here): they are gone after a reload. Copy your code to keep it.';
const IN_PAGE_NOTE = ' The code also runs in the page itself, not in a background Worker, so a long run can slow the page.';
let noStorageExplained = false;
/** Shown on a cell, once, when its edits could not be saved anywhere (the site's storage is full). */
const STORAGE_FULL_NOTE =
  "Your edits to this cell could not be saved: this browser's storage for the site is full. Copy your code before you leave the page.";
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
 * @csspart code - The code area (editor, or highlighted code until the editor has loaded).
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
  @state() private outputs: OutputChunk[] = [];
  @state() private badge = '';
  @state() private checkResult: CheckDetail | undefined;
  @state() private errorLine: number | null = null;
  @state() private tokens: Token[][] | undefined;
  @state() private editorReady = false;
  @state() private showRunAbove = false;
  @state() private status = '';
  @state() private sharing = false;
  /** The last run's output was cut for the page: its id (to fetch the whole text) and how much was left out. */
  @state() private cutOutput: { run: number; omitted: number } | undefined;
  /** Why this cell's edits are not being kept, while that is so. */
  @state() private saveNote = '';

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
  private saveFullExplained = false;
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
  private onKernelRestart = async () => {
    // Each cell whose variables the restart wiped says so (a running cell hears it from its run).
    const last = this.outputs[this.outputs.length - 1];
    if (this.ranEpoch !== undefined && !this.running && !(last?.kind === 'note' && last.text === RESTARTED_NOTE))
      this.addOutput({ kind: 'note', text: RESTARTED_NOTE });
    this.showRunAbove = this.ranEpoch !== undefined && (await this.needsCellsAbove(this.readNames));
    this.requestUpdate();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    cells.add(this);
    this.kernel.addEventListener(KERNEL_RESTART_EVENT, this.onKernelRestart);
    // A tab closed or switched away within the save's debounce must not lose the typing.
    window.addEventListener('pagehide', this.onPageHide);
    document.addEventListener('visibilitychange', this.onPageHide);
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
    window.removeEventListener('pagehide', this.onPageHide);
    document.removeEventListener('visibilitychange', this.onPageHide);
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
    // What localStorage (or this tab's sessionStorage) holds is there at once; IndexedDB, where edits
    // go when localStorage is full, answers later and is looked at before the editor opens.
    const saved = this.readonly ? null : (workStore.loadLocal(this.storageKey, code)?.code ?? null);
    this.current = saved ?? code;
    this.codeReady = true;
    void this.loadHighlighting();
    if (this.readonly) this.readyResolve();
    else void this.restoreNewer(saved ?? code).then(() => this.loadEditor());
    if (this.autorun) void this.run();
  }

  /** Takes IndexedDB's copy when it is newer, unless the code changed meanwhile (the page set `value`). */
  private async restoreNewer(shown: string): Promise<void> {
    const newest = await workStore.load(this.storageKey, this.original);
    if (newest !== null && newest !== shown && this.current === shown) this.value = newest;
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
    this.value = (this.readonly ? null : workStore.loadLocal(this.storageKey, code)?.code) ?? code;
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

  /** pagehide or visibilitychange: saving early is harmless, saving late loses the typing. */
  private onPageHide = () => this.flushSave();

  /** Saves pending edits now (the localStorage write is synchronous; IndexedDB follows). */
  private flushSave(): void {
    if (this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.storageKey)
      void workStore.save(this.storageKey, this.current, this.original).then((outcome) => this.onSaved(outcome));
  }

  private onSaved(outcome: SaveOutcome): void {
    if (outcome.result === 'unavailable') this.explainNoStorage();
    else if (outcome.result === 'full') {
      if (!this.saveFullExplained) this.saveNote = STORAGE_FULL_NOTE;
      this.saveFullExplained = true;
    } else this.saveNote = '';
  }

  /** Once per page, where no edit can be kept at all (as the wasm note is said once). */
  private explainNoStorage(): void {
    if (noStorageExplained || this.readonly) return;
    noStorageExplained = true;
    this.addOutput({ kind: 'note', text: NO_STORAGE_NOTE + (this.kernel.inWorker ? '' : IN_PAGE_NOTE) });
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

  /**
   * The offer to run the cells above is worth making only when a cell above that has not run
   * defines the name this cell failed on (or, after a restart, a name this cell reads). The
   * parser that tells loads only then: most pages never need it.
   */
  private async needsCellsAbove(names: (code: string) => Promise<ReadonlySet<string>>): Promise<boolean> {
    const notRun = this.cellsAbove().filter((c) => !c.hasRun);
    if (notRun.length === 0) return false;
    const wanted = await names(this.value);
    if (wanted.size === 0) return false;
    const { definedNames } = await import('./session-names.js');
    return notRun.some((c) => [...definedNames(c.value)].some((name) => wanted.has(name)));
  }

  /** The name the last run failed on (NameError), if any. */
  private missingName: string | null = null;

  private readonly missingNames = async (): Promise<ReadonlySet<string>> =>
    new Set(this.missingName ? [this.missingName] : []);

  private readonly readNames = async (code: string): Promise<ReadonlySet<string>> =>
    (await import('./session-names.js')).usedNames(code);

  /** Events bubble out of the shadow root, so a page (or an LMS) can listen on the document. */
  private static readonly eventInit = { bubbles: true, composed: true };

  private addOutput(chunk: OutputChunk): void {
    const outputs = this.outputs;
    const last = outputs[outputs.length - 1];
    if (chunk.kind === 'stdout' && last?.kind === 'stdout') {
      // Bounded however much arrives: the start, a count of what was left out, the end.
      const shown = appendShown(last, chunk.text + chunk.tail, chunk.omitted);
      this.outputs = [...outputs.slice(0, -1), { kind: 'stdout', ...shown }];
    } else if (chunk.kind === 'stdout') {
      this.outputs = [...outputs, { kind: 'stdout', ...appendShown({ text: '', omitted: 0, tail: '' }, chunk.text, chunk.omitted) }];
    } else if (chunk.kind !== 'figure') {
      this.outputs = [...outputs, { ...chunk, text: capText(chunk.text).text }];
    } else {
      this.outputs = [...outputs, chunk];
    }
  }

  private clearOutputs(): void {
    for (const chunk of this.outputs) if (chunk.kind === 'figure') chunk.view?.destroy();
    this.outputs = [];
    this.cutOutput = undefined;
  }

  /** Runs the cell (then the exercise's check, if any). Resolves true when the code ran without error. */
  async run(): Promise<boolean> {
    if (this.running) return false;
    const code = this.editor?.getCode() ?? this.current;
    this.flushSave();
    this.clearOutputs();
    const { value: device, problem: deviceProblem } = checkDevice(this.device, 'cpu', 'tensor-playground');
    if (deviceProblem) this.addOutput({ kind: 'note', text: deviceProblem });
    const themeProblem = checkChoice(this.theme, THEMES, 'light', 'tensor-playground', 'theme').problem;
    if (themeProblem) this.addOutput({ kind: 'note', text: themeProblem });
    this.checkResult = undefined;
    const blank = firstBlankLine(code);
    if (blank != null) {
      this.setErrorLine(blank);
      const message = `Fill in the blanks marked ${BLANK} first (line ${blank}).`;
      this.addOutput({ kind: 'note', text: message });
      this.dispatchEvent(
        new CustomEvent<CheckDetail>('tp-check', {
          ...TensorPlayground.eventInit,
          detail: { passed: false, message, reason: 'blanks' },
        }),
      );
      return false;
    }
    this.setErrorLine(null);
    this.running = true;
    this.showRunAbove = false;
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
          this.addOutput({ kind: 'stdout', text: event.text, omitted: event.omitted ?? 0, tail: '' });
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
    if (done.omitted) this.cutOutput = { run: done.id, omitted: done.omitted };
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
    if (workStore.unavailable) this.explainNoStorage();
    // Before tp-run-end, so that a page reacting to the event sees the offer in place.
    this.missingName = undefinedName(runError);
    for (const cell of cells)
      if (cell.session === this.session && cell !== this && cell.showRunAbove)
        cell.showRunAbove = await cell.needsCellsAbove(cell.missingNames);
    // After a restart every variable is gone: offer the cells above whose names this cell reads.
    this.showRunAbove = await this.needsCellsAbove(done.restarted ? this.readNames : this.missingNames);
    await this.updateComplete;
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
      if (passed) message = 'Correct!';
      else if (failure?.type === 'AssertionError' && failure.message) message = failure.message;
      else
        message =
          this.hint ||
          (failure ? `Not yet: ${failure.type}${failure.message ? `: ${failure.message}` : ''}` : 'Not yet.');
    }
    this.checkResult = { passed, message, reason: studentOk ? 'check' : 'error' };
    this.dispatchEvent(
      new CustomEvent<CheckDetail>('tp-check', {
        ...TensorPlayground.eventInit,
        detail: this.checkResult,
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
    const copied = await this.copyText(this.editor?.getCode() ?? this.current);
    this.flash(copied ? 'Code copied' : 'Copy failed: select the code and copy it by hand');
  }

  /** The whole output of the last run (the page shows only its start and end), or null. */
  private async fullOutput(): Promise<string | null> {
    const cut = this.cutOutput;
    const bytes = cut ? await this.kernel.fullOutput(cut.run) : null;
    if (!bytes) this.flash('The whole output is no longer kept: run the cell again');
    return bytes && new TextDecoder().decode(bytes);
  }

  private async copyOutput(): Promise<void> {
    const text = await this.fullOutput();
    if (text === null) return;
    this.flash((await this.copyText(text)) ? 'Whole output copied' : 'Copy failed: download the output instead');
  }

  private async downloadOutput(): Promise<void> {
    const cut = this.cutOutput;
    const bytes = cut ? await this.kernel.fullOutput(cut.run) : null;
    if (!bytes) {
      this.flash('The whole output is no longer kept: run the cell again');
      return;
    }
    const url = URL.createObjectURL(new Blob([bytes], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'output.txt';
    link.hidden = true;
    this.shadowRoot!.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    this.flash('Output downloaded');
  }

  private async copyText(code: string): Promise<boolean> {
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
    return copied;
  }

  private async share(): Promise<void> {
    try {
      const { toggleSharePanel } = await import('./share.js');
      const source = { code: this.editor?.getCode() ?? this.current, check: checkCode(this), device: this.device, theme: this.theme, readonly: this.readonly, hint: this.hint };
      this.sharing = await toggleSharePanel(this.renderRoot.querySelector('.share-host')!, source, (m) => this.flash(m));
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
        try {
          chunk.view = renderFigure(host as HTMLElement, chunk.figure);
        } catch (error) {
          // A figure that cannot be drawn says so where it would be, never a silent blank.
          host.textContent = `This figure could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
          return;
        }
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

  /** The highlighted code; with `forPrint` it stays hidden on screen and replaces the editor on paper. */
  private renderStaticCode(forPrint = false) {
    const lines: Token[][] = this.tokens ?? this.current.split('\n').map((text) => [{ text, classes: '' }]);
    const pieces = (text: string) =>
      text
        .split(/(\?\?\?\?)/)
        .map((part) => (part === BLANK ? html`<mark class="blank">${part}</mark>` : part));
    if (forPrint) {
      // CodeMirror never measures a cell that was off screen, so its printed line numbers drift.
      return html`<pre class="static print-only" aria-hidden="true"><code>${this.renderLines(lines, pieces)}</code></pre>`;
    }
    return html`<pre
      class="static"
      tabindex="0"
      role="region"
      aria-label=${this.readonly ? 'Python code (read-only)' : 'Python code (the editor is loading)'}
      @keydown=${this.onStaticKeydown}
    ><code>${this.renderLines(lines, pieces)}</code></pre>`;
  }

  private renderLines(lines: Token[][], pieces: (text: string) => unknown[]) {
    return html`${lines.map(
      (line, i) =>
        html`<span class=${classMap({ line: true, 'error-line': this.errorLine === i + 1 })}
            >${line.map((t) =>
              t.classes ? html`<span class=${t.classes}>${pieces(t.text)}</span>` : pieces(t.text),
            )}</span
          >${i < lines.length - 1 ? '\n' : ''}`,
    )}`;
  }

  private renderOutput(chunk: OutputChunk) {
    if (chunk.kind === 'figure') {
      return html`<div class="figure-host" ${ref((el) => this.drawFigure(el, chunk))}></div>`;
    }
    if (chunk.kind === 'stdout' && chunk.omitted)
      return html`<pre class="stdout">${chunk.text}<span class="omitted">\n${omittedLabel(chunk.omitted)}\n</span>${chunk.tail}</pre>`;
    return html`<pre class=${chunk.kind}>${chunk.text}</pre>`;
  }

  private renderCutOutput() {
    const cut = this.cutOutput;
    if (!cut) return nothing;
    return html`<div part="full-output" class="full-output">
      <span>${cut.omitted.toLocaleString('en')} characters of output are not shown.</span>
      <button class="copy-output" @click=${() => this.copyOutput()}>Copy whole output</button>
      <button class="download-output" @click=${() => this.downloadOutput()}>Download whole output</button>
    </div>`;
  }

  protected override render() {
    const showStatic = this.readonly || !this.editorReady;
    const shownDevice = checkDevice(this.device, 'cpu', 'tensor-playground').value;
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
          ${this.shareable ? html`<button part="share-button" class="share" aria-expanded=${this.sharing ? 'true' : 'false'} @click=${() => this.share()}>Share</button>` : nothing}
          <label class="device">
            Device
            <select part="device-select" .value=${shownDevice} @change=${this.onDeviceChange}>
              <option value="cpu" ?selected=${shownDevice === 'cpu'}>cpu</option>
              <option value="cuda" ?selected=${shownDevice === 'cuda'}>cuda</option>
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
            >${this.badge || shownDevice}</span
          >
        </div>
        ${this.shareable ? html`<div class="share-host"></div>` : nothing}
        <div part="code" class="code">
          ${this.renderStaticCode(!showStatic)}
          <div class="editor-host" ?hidden=${showStatic}></div>
        </div>
        ${this.saveNote ? html`<p part="save-note" class="save-note" role="alert">${this.saveNote}</p>` : nothing}
        ${
          this.showRunAbove
            ? html`<div class="notice" part="notice">
                <span
                  >${this.missingName
                    ? html`<code>${this.missingName}</code> is defined in a cell above that has not run yet
                        (they share the session “${this.session}”).`
                    : html`This cell shares the session “${this.session}” with cells above that have not
                        run yet.`}</span
                >
                <button class="run-above" @click=${() => this.runAllAbove()}>Run all above</button>
              </div>`
            : nothing
        }
        <!-- No whitespace inside these two: :empty collapses them until there is something to show. -->
        <!-- Focusable once it has content: a long output scrolls, and keyboard users scroll it too. -->
        <div part="output" class="output" role="log" aria-live="polite" aria-label="Output" tabindex=${this.outputs.length ? '0' : nothing}>${this.outputs.map((c) => this.renderOutput(c))}</div>
        ${this.renderCutOutput()}
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
