import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
// Built, this is ./torchlet.js beside studio.js (rollup.config.mjs): one copy of torchlet on the page.
import { loadLesson } from '../index.js';
import type { TorchletLesson } from '../elements/torchlet-lesson/torchlet-lesson.js';
import { themeStyles } from '../elements/shared/theme.styles.js';
import { PUBLIC_CDN, embedUrl, fileStem, htmlSnippet, iframeSnippet, standalonePage } from './exports.js';
import type { MarkdownEditor } from './markdown-editor.js';
import styles from './torchlet-studio.styles.js';

export type ExportKind = 'embed' | 'html' | 'page' | 'ipynb' | 'md';

export interface ExportDetail {
  kind: ExportKind;
  /** The exported text (the URL and iframe for `embed`). */
  text: string;
  /** The downloaded file's name, for file exports. */
  fileName?: string;
  /** The embed page's URL, for `embed`. */
  url?: string;
}

const DRAFT_KEY = 'torchlet:studio:draft';
const BASE_KEY = 'torchlet:studio:cdn-base';
const PREVIEW_DELAY_MS = 400;

interface Draft {
  markdown: string;
  savedAt: number;
  /** Where the lesson's relative images are (the sample's folder), if anywhere. */
  base?: string;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The CDN directory the exports point at: this studio's own directory when it is the built one. */
function defaultCdnBase(): string {
  const own = new URL('./', import.meta.url).href;
  return /\/studio\.js$/.test(new URL(import.meta.url).pathname) ? own : PUBLIC_CDN;
}

/**
 * The lesson studio: write a lesson in Markdown (or open a `.md` / `.ipynb`), see it live, and
 * export it as an embed link, an HTML snippet, a page, a notebook or Markdown.
 *
 * @summary Markdown editor with a live `<torchlet-lesson>` preview and the lesson's exports.
 *
 * @attr sample - URL of the sample lesson (default `lessons/seed-lesson.md`, beside the page).
 *
 * @event ts-export - A lesson was exported. detail: `{ kind, text, fileName?, url? }`.
 *
 * @csspart editor - The Markdown editor.
 * @csspart preview - The live lesson.
 * @csspart exports - The export buttons and their output.
 */
@customElement('torchlet-studio')
export class TorchletStudio extends LitElement {
  static override styles = [themeStyles, styles];

  /** URL of the sample lesson. */
  @property() sample = 'lessons/seed-lesson.md';

  @state() private previewText = '';
  @state() private previewBase = '';
  @state() private status = '';
  @state() private statusIsError = false;
  @state() private exported: ExportDetail | undefined;
  @state() private cdnBase = storage()?.getItem(BASE_KEY) || defaultCdnBase();
  @state() private dragging = false;

  @query('.editor-host') private editorHost!: HTMLElement;
  @query('torchlet-lesson') private lesson!: TorchletLesson;
  @query('input[type="file"]') private fileInput!: HTMLInputElement;

  private editor: MarkdownEditor | undefined;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private readyResolve!: () => void;

  /** Resolves when the editor holds the first lesson (the draft, else the sample). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.readyResolve = resolve));

  /** The lesson's Markdown as it is in the editor. */
  get markdown(): string {
    return this.editor?.getText() ?? '';
  }

  set markdown(text: string) {
    this.editor?.setText(text);
  }

  /** The preview's `<torchlet-lesson>`. */
  get preview(): TorchletLesson {
    return this.lesson;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.editor?.destroy();
    this.editor = undefined;
  }

  private async start(): Promise<void> {
    void loadLesson();
    await this.updateComplete;
    if (this.editor) return;
    let text: string;
    let draft: Draft | null;
    try {
      draft = JSON.parse(storage()?.getItem(DRAFT_KEY) ?? 'null') as Draft | null;
    } catch {
      draft = null;
    }
    if (draft && typeof draft.markdown === 'string') {
      text = draft.markdown;
      this.previewBase = typeof draft.base === 'string' ? draft.base : '';
      this.say(`Your draft from ${new Date(draft.savedAt).toLocaleString()} is back.`);
    } else {
      text = (await this.fetchSample()) ?? '';
      this.previewBase = this.sampleUrl;
    }
    const { createMarkdownEditor } = await import('./markdown-editor.js');
    this.editor = createMarkdownEditor({
      parent: this.editorHost,
      root: this.shadowRoot!,
      text,
      label: 'Lesson in Markdown',
      onChange: (changed) => this.onChange(changed),
    });
    this.previewText = text;
    this.readyResolve();
  }

  private get sampleUrl(): string {
    return new URL(this.sample, document.baseURI).href;
  }

  private async fetchSample(): Promise<string | null> {
    try {
      const response = await fetch(this.sampleUrl);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return await response.text();
    } catch (err) {
      this.say(`The sample lesson could not be loaded (${String(err)}).`, true);
      return null;
    }
  }

  private onChange(text: string): void {
    this.exported = undefined;
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => {
      this.previewText = text;
      this.saveDraft(text);
    }, PREVIEW_DELAY_MS);
  }

  private saveDraft(text: string): void {
    try {
      const store = storage();
      if (!store) return;
      store.setItem(
        DRAFT_KEY,
        JSON.stringify({ markdown: text, savedAt: Date.now(), base: this.previewBase } satisfies Draft),
      );
      this.say(`Draft saved in this browser at ${new Date().toLocaleTimeString()}.`);
    } catch {
      this.say(
        'The draft could not be saved in this browser (storage is full or blocked): export it to keep it.',
        true,
      );
    }
  }

  private say(message: string, error = false): void {
    this.status = message;
    this.statusIsError = error;
  }

  /** Puts a lesson in the editor (undo brings the previous text back); `base` locates its images. */
  private replaceText(text: string, what: string, base = ''): void {
    this.previewBase = base;
    this.editor?.setText(text);
    clearTimeout(this.previewTimer);
    this.previewText = text;
    this.saveDraft(text);
    this.say(`${what} is open. Undo (Ctrl+Z) brings back the text before it.`);
  }

  async openSample(): Promise<void> {
    const text = await this.fetchSample();
    if (text !== null) this.replaceText(text, 'The sample lesson', this.sampleUrl);
  }

  /** Opens a `.md` or `.ipynb` file (from the picker or a drop). */
  async openFile(file: File): Promise<void> {
    try {
      const text = await file.text();
      if (/\.ipynb$/i.test(file.name) || /^\s*\{/.test(text)) {
        const { notebookToMarkdown, parseNotebook } = await loadLesson();
        this.replaceText(notebookToMarkdown(parseNotebook(text)), file.name);
      } else {
        this.replaceText(text, file.name);
      }
    } catch (err) {
      this.say(`${file.name} could not be opened: ${err instanceof Error ? err.message : String(err)}`, true);
    }
  }

  private onFilePicked(): void {
    const file = this.fileInput.files?.[0];
    if (file) void this.openFile(file);
    this.fileInput.value = '';
  }

  private onDragOver(event: DragEvent): void {
    if (![...(event.dataTransfer?.types ?? [])].includes('Files')) return;
    event.preventDefault();
    this.dragging = true;
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    const file = event.dataTransfer?.files[0];
    if (file) void this.openFile(file);
  }

  /** Makes one export; file exports are downloaded too. */
  async export(kind: ExportKind): Promise<ExportDetail> {
    const markdown = this.markdown;
    const stem = fileStem(markdown);
    let detail: ExportDetail;
    switch (kind) {
      case 'embed': {
        const url = await embedUrl(markdown, this.cdnBase);
        detail = { kind, url, text: iframeSnippet(url, markdown) };
        break;
      }
      case 'html':
        detail = { kind, text: htmlSnippet(markdown, this.cdnBase, this.previewBase) };
        break;
      case 'page':
        detail = {
          kind,
          text: standalonePage(markdown, this.cdnBase, this.previewBase),
          fileName: `${stem}.html`,
        };
        break;
      case 'ipynb': {
        const { markdownToNotebook } = await loadLesson();
        detail = {
          kind,
          text: `${JSON.stringify(markdownToNotebook(markdown), null, 1)}\n`,
          fileName: `${stem}.ipynb`,
        };
        break;
      }
      case 'md':
        detail = { kind, text: markdown.endsWith('\n') ? markdown : `${markdown}\n`, fileName: `${stem}.md` };
        break;
    }
    if (detail.fileName) this.download(detail.fileName, detail.text, kind);
    this.exported = detail;
    this.dispatchEvent(new CustomEvent<ExportDetail>('ts-export', { bubbles: true, composed: true, detail }));
    return detail;
  }

  private download(name: string, text: string, kind: ExportKind): void {
    const type =
      kind === 'page' ? 'text/html' : kind === 'ipynb' ? 'application/x-ipynb+json' : 'text/markdown';
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    this.shadowRoot!.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    this.say(`${name} is downloaded.`);
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.say('Copied.');
    } catch {
      this.say('Copying was blocked here: select the text and copy it by hand.', true);
    }
  }

  private onBaseChange(event: Event): void {
    const value = (event.target as HTMLInputElement).value.trim() || defaultCdnBase();
    this.cdnBase = value;
    this.exported = undefined;
    try {
      storage()?.setItem(BASE_KEY, value);
    } catch {
      // Not kept: the field still applies to this session's exports.
    }
  }

  private renderExported() {
    const out = this.exported;
    if (!out) return nothing;
    if (out.kind === 'embed') {
      return html`<div class="exported">
        <label>Embed link <input class="url" readonly .value=${out.url ?? ''} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} /></label>
        <div class="row">
          <button @click=${() => this.copy(out.url ?? '')}>Copy link</button>
          <a href=${out.url ?? ''} target="_blank" rel="noopener">Open the embed page</a>
        </div>
        <label>iframe for an LMS page <textarea readonly rows="4" .value=${out.text}></textarea></label>
        <button @click=${() => this.copy(out.text)}>Copy iframe</button>
      </div>`;
    }
    if (out.kind === 'html') {
      return html`<div class="exported">
        <label>HTML for a page that allows scripts <textarea readonly rows="8" .value=${out.text}></textarea></label>
        <button @click=${() => this.copy(out.text)}>Copy HTML</button>
      </div>`;
    }
    return nothing;
  }

  protected override render() {
    return html`
      <div
        class="studio ${this.dragging ? 'dragging' : ''}"
        @dragover=${this.onDragOver}
        @dragleave=${() => (this.dragging = false)}
        @drop=${this.onDrop}
      >
        <header class="top">
          <h1>torchlet studio</h1>
          <div class="row" role="toolbar" aria-label="Lesson file">
            <button @click=${() => this.fileInput.click()}>Open .md or .ipynb…</button>
            <input type="file" accept=".md,.markdown,.txt,.ipynb,text/markdown,application/x-ipynb+json" hidden @change=${this.onFilePicked} />
            <button @click=${() => this.openSample()}>Sample lesson</button>
          </div>
          <p class="status ${this.statusIsError ? 'error' : ''}" role=${this.statusIsError ? 'alert' : 'status'}>${this.status}</p>
        </header>
        <section part="editor" class="pane editor" aria-label="Markdown">
          <div class="editor-host"></div>
        </section>
        <section part="preview" class="pane preview" aria-label="Preview">
          <torchlet-lesson .markdown=${this.previewText} base=${this.previewBase}></torchlet-lesson>
        </section>
        <section part="exports" class="exports" aria-labelledby="export-title">
          <h2 id="export-title">Export</h2>
          <div class="row">
            <button @click=${() => this.export('embed')}>Embed link and iframe</button>
            <button @click=${() => this.export('html')}>HTML snippet</button>
            <button @click=${() => this.export('page')}>Page (.html)</button>
            <button @click=${() => this.export('ipynb')}>Notebook (.ipynb)</button>
            <button @click=${() => this.export('md')}>Markdown (.md)</button>
          </div>
          <label class="base"
            >torchlet files at <input .value=${this.cdnBase} @change=${this.onBaseChange} size="50" spellcheck="false"
          /></label>
          ${this.renderExported()}
        </section>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'torchlet-studio': TorchletStudio;
  }
  interface HTMLElementEventMap {
    'ts-export': CustomEvent<ExportDetail>;
  }
}
