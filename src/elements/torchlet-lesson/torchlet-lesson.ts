import { LitElement, type PropertyValues, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import { getKernel } from '../../kernel/client.js';
import '../gpu-speedup/gpu-speedup.js';
import '../gradient-plot/gradient-plot.js';
import '../tensor-playground/tensor-playground.js';
import type { CheckDetail, RunEndDetail, TensorPlayground } from '../tensor-playground/tensor-playground.js';
import { themeStyles } from '../shared/theme.styles.js';
import { buildLesson, highlightStaticCode } from './lesson-dom.js';
import { parseLesson, renderLesson } from './markdown.js';
import type { MathRenderer } from './math.js';
import { notebookToMarkdown, parseNotebook } from './notebook.js';
import styles, { contentStyles } from './torchlet-lesson.styles.js';

// The studio (and pages) convert between notebooks and Markdown with the lesson's own parser.
export { markdownToNotebook, notebookToMarkdown, parseNotebook } from './notebook.js';

export interface ProgressDetail {
  /** Exercises whose check passed (or, with no check, that ran without error once filled in). */
  solved: number;
  /** Exercises in the lesson: cells with `????` blanks or a check. */
  total: number;
}

export interface LoadDetail {
  /** Python cells. */
  cells: number;
  exercises: number;
  /** Why the lesson could not be shown, if it could not. */
  error?: string;
}

interface Heading {
  id: string;
  text: string;
  level: number;
}

let lessons = 0;

/** KaTeX, loaded by the first lesson with math: MathML output needs no fonts or stylesheet. */
let mathRenderer: Promise<MathRenderer> | undefined;
function loadMath(): Promise<MathRenderer> {
  mathRenderer ??= import('katex').then(
    ({ default: katex }) =>
      (tex: string, display: boolean) =>
        katex.renderToString(tex, {
          displayMode: display,
          output: 'mathml',
          throwOnError: false,
          strict: false,
        }),
  );
  return mathRenderer;
}

/** Removes the indentation all lines share (Markdown written indented inside the HTML). */
function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
  return Number.isFinite(indent)
    ? lines.map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)![0].length))).join('\n')
    : '';
}

/**
 * The Markdown of an inline `<script type="text/markdown">`. A `</script>` in it is written
 * `<\/script>` and a `<!--` may be written `<\!--` (HTML would end or bend the script there).
 */
function inlineMarkdown(host: Element): string | null {
  const script = [...host.children].find(
    (el) => el.localName === 'script' && /^text\/(x-)?markdown$/i.test((el as HTMLScriptElement).type),
  );
  return script
    ? dedent(script.textContent ?? '')
        .replace(/<\\\/(script)/gi, '</$1')
        .replace(/<\\!--/g, '<!--')
    : null;
}

function isNotebook(url: string, text: string): boolean {
  return /\.ipynb($|[?#])/i.test(url) || (/^\s*\{/.test(text) && /"nbformat"\s*:/.test(text));
}

/**
 * A whole lesson written in Markdown (or a Jupyter / Colab notebook): text, math, and every
 * ```python block as a live `<tensor-playground>` cell; all cells share one session, in order.
 *
 * @summary A lesson from Markdown or a `.ipynb` notebook, with live Python cells.
 *
 * @attr src - URL of a `.md` or `.ipynb` (nbformat 4) file; its relative links and images resolve against it.
 * @attr toc - Show a table of contents of the lesson's headings.
 * @attr expected-outputs - Show a notebook's saved outputs under each cell, collapsed, as "Expected output".
 * @attr base - URL that relative links and images resolve against when the Markdown is inline or set by property (default: the page).
 * @attr session - The cells' shared session name (default: one of the lesson's own).
 * @attr theme - `light` (default) or `dark`; passed on to the cells.
 *
 * @prop {string | undefined} markdown - The lesson's Markdown (wins over `src` and the inline script). May be set before the element is defined.
 *
 * @slot - An inline `<script type="text/markdown">` with the lesson (write a `</script>` in it as `<\/script>`). The rendered lesson is added beside it.
 *
 * @event tl-progress - Exercises solved changed (and once per load). detail: `{ solved, total }`.
 * @event tl-load - The lesson was rendered (or could not be). detail: `{ cells, exercises, error? }`.
 *
 * @csspart bar - The lesson's controls (Run all, Reset all, progress).
 * @csspart run-all-button - Runs every cell in order; stops at the first that fails.
 * @csspart reset-all-button - Restores every cell's code and empties the session (asks to click twice).
 * @csspart progress - Exercises solved out of the total.
 * @csspart status - What Run all is doing, or where it stopped.
 * @csspart toc - The table of contents.
 *
 * @cssproperty --torchlet-surface - Background of the controls and static code.
 * @cssproperty --torchlet-border - Border colour.
 * @cssproperty --torchlet-accent - Run all button colour.
 * @cssproperty --torchlet-ok - Progress colour.
 */
export class TorchletLesson extends LitElement {
  static override styles = [themeStyles, styles];

  /** The lesson's Markdown; wins over `src` and the inline script. */
  @property({ attribute: false }) markdown: string | undefined;
  /** URL of a `.md` or `.ipynb` file. */
  @property() src = '';
  /** Show a table of contents. */
  @property({ type: Boolean, reflect: true }) toc = false;
  /** Show a notebook's saved outputs, collapsed. */
  @property({ type: Boolean, attribute: 'expected-outputs' }) expectedOutputs = false;
  /** Where relative links and images of inline (or property) Markdown point from; default the page. */
  @property() base = '';
  /** The cells' shared session. */
  @property() session = '';
  /** Light or dark colours, for the controls and the cells. */
  @property({ reflect: true }) theme: 'light' | 'dark' = 'light';

  @state() private solvedCount = 0;
  @state() private exerciseCount = 0;
  @state() private cellCount = 0;
  @state() private runningAll = false;
  @state() private status = '';
  @state() private statusIsError = false;
  @state() private confirmReset = false;
  @state() private headings: Heading[] = [];

  private readonly number = ++lessons;
  private readonly body = document.createElement('div');
  private buildId = 0;
  private built = false;
  private solved = new Map<TensorPlayground, boolean>();
  private stopRequested = false;
  private currentCell: TensorPlayground | undefined;
  private resetTimer: ReturnType<typeof setTimeout> | undefined;
  private childWatcher: MutationObserver | undefined;
  private loaded: Promise<void> = Promise.resolve();
  private builtFrom = '';

  constructor() {
    super();
    this.body.className = 'tl-lesson-body';
    this.addEventListener('tp-check', (e) => this.onCheck(e as CustomEvent<CheckDetail>));
    this.addEventListener('tp-run-end', (e) => this.onRunEnd(e as CustomEvent<RunEndDetail>));
  }

  /** Resolves when the lesson's current source has been rendered (or has failed to load). */
  get rendered(): Promise<void> {
    return this.loaded;
  }

  /** The lesson's Python cells, in order. */
  get cells(): TensorPlayground[] {
    return [...this.body.querySelectorAll<TensorPlayground>('tensor-playground[data-tl-cell]')];
  }

  /** Exercises solved and in all. */
  get progress(): ProgressDetail {
    return { solved: this.solvedCount, total: this.exerciseCount };
  }

  private get sessionName(): string {
    return this.session || `torchlet-lesson-${this.id || this.number}`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.adoptContentStyles();
    if (this.body.parentNode !== this) this.append(this.body);
    if (!this.built) this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childWatcher?.disconnect();
    this.childWatcher = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Rebuild when the source differs from what the last build read (not merely on the first
    // update, whose "changes" are the values connectedCallback's build already read).
    if (this.built && this.sourceKey() !== this.builtFrom) this.reload();
    if (changed.has('theme') && this.built) {
      for (const el of this.body.querySelectorAll('tensor-playground, gpu-speedup, gradient-plot'))
        el.setAttribute('theme', this.theme);
    }
  }

  private sourceKey(): string {
    return JSON.stringify([this.markdown ?? null, this.src, this.expectedOutputs, this.base]);
  }

  /** The light-DOM text is styled by a sheet in the document (or shadow root) holding the lesson. */
  private adoptContentStyles(): void {
    const root = this.getRootNode() as Document | ShadowRoot;
    const sheet = contentStyles.styleSheet;
    if (!sheet || !('adoptedStyleSheets' in root) || root.adoptedStyleSheets.includes(sheet)) return;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** Renders the lesson again from its source (Markdown property, src or inline script). */
  reload(): Promise<void> {
    this.built = true;
    this.builtFrom = this.sourceKey();
    this.loaded = this.build(++this.buildId);
    return this.loaded;
  }

  private async source(): Promise<{ markdown: string; base: string } | null> {
    const base = this.base ? new URL(this.base, document.baseURI).href : document.baseURI;
    if (this.markdown !== undefined && this.markdown !== null)
      return { markdown: String(this.markdown), base };
    if (this.src) {
      const url = new URL(this.src, document.baseURI).href;
      const response = await fetch(url);
      if (!response.ok)
        throw new Error(`Could not load the lesson from ${this.src}: HTTP ${response.status}.`);
      const text = await response.text();
      const markdown = isNotebook(url, text)
        ? notebookToMarkdown(parseNotebook(text), { outputs: this.expectedOutputs })
        : text;
      return { markdown, base: url };
    }
    const inline = inlineMarkdown(this);
    if (inline === null) {
      this.watchForScript();
      return null;
    }
    return { markdown: inline, base };
  }

  /** Markdown added after the element connected (a framework that appends children later). */
  private watchForScript(): void {
    if (this.childWatcher) return;
    this.childWatcher = new MutationObserver(() => {
      if (inlineMarkdown(this) === null) return;
      this.childWatcher?.disconnect();
      this.childWatcher = undefined;
      void this.reload();
    });
    this.childWatcher.observe(this, { childList: true, subtree: true, characterData: true });
  }

  private async build(id: number): Promise<void> {
    let detail: LoadDetail;
    try {
      const source = await this.source();
      if (id !== this.buildId || !source) return;
      const math = parseLesson(source.markdown).math ? await loadMath() : undefined;
      if (id !== this.buildId) return;
      const rendered = renderLesson(source.markdown, math);
      const fragment = buildLesson(rendered, {
        base: source.base,
        session: this.sessionName,
        persistKey: `torchlet-lesson:${this.id || this.src || this.number}`,
        theme: this.theme === 'dark' ? 'dark' : '',
      });
      await this.clearSession();
      if (id !== this.buildId) return;
      this.body.replaceChildren(fragment);
      // Highlighting is a nicety: plain code stays if its parsers cannot load.
      void highlightStaticCode(this.body).catch(() => undefined);
      const cells = this.cells;
      this.solved = new Map(cells.filter((c) => isExercise(c)).map((c) => [c, false]));
      detail = { cells: cells.length, exercises: this.solved.size };
    } catch (err) {
      if (id !== this.buildId) return;
      const message = err instanceof Error ? err.message : String(err);
      const box = document.createElement('p');
      box.className = 'tl-message';
      box.setAttribute('role', 'alert');
      box.textContent = message;
      this.body.replaceChildren(box);
      this.solved = new Map();
      detail = { cells: 0, exercises: 0, error: message };
    }
    this.cellCount = detail.cells;
    this.headings = [...this.body.querySelectorAll<HTMLElement>('h1[id], h2[id], h3[id]')].map((h) => ({
      id: h.id,
      text: (h.textContent ?? '').replace(/#$/, '').trim(),
      level: Number(h.localName[1]),
    }));
    this.status = '';
    this.updateProgress(true);
    this.dispatchEvent(new CustomEvent<LoadDetail>('tl-load', { bubbles: true, composed: true, detail }));
  }

  /** A new lesson (or the same one rebuilt) starts with an empty session. */
  private async clearSession(): Promise<void> {
    if (!this.cells.length) return;
    for (const cell of this.cells) cell.stop();
    await getKernel()
      .reset(this.sessionName)
      .catch(() => undefined);
  }

  private onCheck(event: CustomEvent<CheckDetail>): void {
    const cell = event.target as TensorPlayground;
    if (!this.solved.has(cell)) return;
    this.solved.set(cell, event.detail.passed);
    this.updateProgress();
  }

  private onRunEnd(event: CustomEvent<RunEndDetail>): void {
    const cell = event.target as TensorPlayground;
    // An exercise with a check is judged by its check (tp-check); one without, by running cleanly.
    if (!this.solved.has(cell) || hasCheck(cell) || event.detail.cancelled) return;
    this.solved.set(cell, event.detail.ok);
    this.updateProgress();
  }

  private updateProgress(always = false): void {
    const solved = [...this.solved.values()].filter(Boolean).length;
    const total = this.solved.size;
    if (!always && solved === this.solvedCount && total === this.exerciseCount) return;
    this.solvedCount = solved;
    this.exerciseCount = total;
    this.dispatchEvent(
      new CustomEvent<ProgressDetail>('tl-progress', {
        bubbles: true,
        composed: true,
        detail: { solved, total },
      }),
    );
  }

  /**
   * Runs every cell in order, in the lesson's one session. A cell that fails does not stop the
   * others (a lesson's cells are often separate demos); the status names the cells that did not
   * run cleanly. True when every cell ran without error.
   */
  async runAll(): Promise<boolean> {
    if (this.runningAll) return false;
    await this.loaded;
    this.runningAll = true;
    this.stopRequested = false;
    this.statusIsError = false;
    const cells = this.cells;
    const problems: string[] = [];
    let ran = 0;
    for (const [i, cell] of cells.entries()) {
      if (this.stopRequested) break;
      this.status = `Running cell ${i + 1} of ${cells.length}…`;
      this.currentCell = cell;
      await cell.ready;
      const ok = await cell.run();
      if (this.stopRequested) break;
      ran++;
      if (ok) continue;
      problems.push(
        cell.value.includes('????')
          ? `cell ${i + 1} is an exercise: fill in its blanks (????)`
          : `cell ${i + 1} raised an error`,
      );
    }
    this.currentCell = undefined;
    this.runningAll = false;
    if (this.stopRequested) {
      this.status = `Stopped after ${ran} of ${cells.length} cells.`;
      return false;
    }
    this.statusIsError = problems.length > 0;
    this.status = problems.length
      ? `Ran ${cells.length} cells; ${problems.join('; ')}.`
      : `Ran all ${cells.length} cells.`;
    return problems.length === 0;
  }

  /** Stops Run all (and the cell it is running). */
  stopAll(): void {
    this.stopRequested = true;
    this.currentCell?.stop();
  }

  /** Every cell back to the teacher's code, outputs and the session emptied, progress to zero. */
  async resetAll(): Promise<void> {
    this.confirmReset = false;
    if (this.runningAll) this.stopAll();
    for (const cell of this.cells) cell.reset();
    await this.reload();
    this.status = 'Every cell is back to the lesson’s code.';
    this.statusIsError = false;
  }

  private onResetClick(): void {
    // Reset all throws away the student's work: the first click only asks (no confirm(): sandboxed frames block it).
    if (!this.confirmReset) {
      this.confirmReset = true;
      clearTimeout(this.resetTimer);
      this.resetTimer = setTimeout(() => (this.confirmReset = false), 5000);
      return;
    }
    clearTimeout(this.resetTimer);
    void this.resetAll();
  }

  private onTocClick(event: Event, id: string): void {
    const target = this.body.querySelector(`#${CSS.escape(id)}`);
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'start' });
  }

  private renderToc() {
    if (!this.toc || !this.headings.length) return nothing;
    const sub = this.headings.some((h) => h.level === 2)
      ? this.headings.filter((h) => h.level > 1)
      : this.headings;
    return html`<nav part="toc" aria-labelledby="toc-title">
      <h2 id="toc-title">Contents</h2>
      <ul>
        ${sub.map(
          (h) =>
            html`<li class="level-${h.level}"><a href="#${h.id}" @click=${(e: Event) => this.onTocClick(e, h.id)}>${h.text}</a></li>`,
        )}
      </ul>
    </nav>`;
  }

  protected override render() {
    const { solvedCount: solved, exerciseCount: total } = this;
    return html`
      <div part="bar" class="bar" role="toolbar" aria-label="Lesson">
        ${
          this.runningAll
            ? html`<button part="run-all-button" class="run-all" @click=${() => this.stopAll()}>Stop</button>`
            : html`<button
                part="run-all-button"
                class="run-all primary"
                aria-disabled=${this.cellCount ? 'false' : 'true'}
                @click=${() => this.cellCount && this.runAll()}
              >
                Run all
              </button>`
        }
        <button part="reset-all-button" class="reset-all" @click=${this.onResetClick}>
          ${this.confirmReset ? 'Click again to reset all cells' : 'Reset all'}
        </button>
        <span class="spacer"></span>
        <span part="status" class=${classMap({ status: true, error: this.statusIsError })} role="status"
          >${this.status}</span
        >
        ${
          total
            ? html`<span part="progress" class=${classMap({ progress: true, done: solved === total })}>
                <span class="meter" aria-hidden="true"><span style=${styleMap({ width: `${(100 * solved) / total}%` })}></span></span>
                <span>${solved} of ${total} exercise${total === 1 ? '' : 's'} solved</span>
              </span>`
            : nothing
        }
      </div>
      ${this.renderToc()}
      <slot></slot>
    `;
  }
}

function hasCheck(cell: Element): boolean {
  return !!cell.querySelector(':scope > script[slot="check"]');
}

function isExercise(cell: TensorPlayground): boolean {
  return (
    hasCheck(cell) ||
    cell.originalCode.includes('????') ||
    (cell.querySelector(':scope > script')?.textContent ?? '').includes('????')
  );
}

// Guarded: importing the module where there is no DOM (SSR, SSG) defines nothing.
if (typeof customElements !== 'undefined' && !customElements.get('torchlet-lesson'))
  customElements.define('torchlet-lesson', TorchletLesson);

declare global {
  interface HTMLElementTagNameMap {
    'torchlet-lesson': TorchletLesson;
  }
  interface HTMLElementEventMap {
    'tl-progress': CustomEvent<ProgressDetail>;
    'tl-load': CustomEvent<LoadDetail>;
  }
}
