// The cell's editor, loaded on first use: until the student focuses, clicks or types in the code,
// the cell shows highlighted code and CodeMirror (~110 KB gzip) is not downloaded. When it comes,
// it takes the caret where the student clicked and the keys they typed while it loaded.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EditorHandle } from './editor.js';

/** What the editor needs of its cell, read when it is built. */
export interface LazyEditorOptions {
  /** Where the editor goes, and the highlighted code it replaces. */
  parent(): HTMLElement;
  staticView(): HTMLElement | null;
  root(): ShadowRoot;
  code(): string;
  readonly(): boolean;
  errorLine(): number | null;
  /** Resolves once the code (and edits restored from storage) is in place. */
  codeReady(): Promise<void>;
  onChange(code: string): void;
  onRun(): void;
  onEscape(): void;
  onLoadError(error: unknown): void;
}

export class LazyEditorController implements ReactiveController {
  /** The editor, once loaded. */
  editor: EditorHandle | undefined;
  /** The student has focused, clicked or typed in the code: the editor is (being) loaded. */
  private wanted = false;
  /** Where the student clicked in the highlighted code, to put the editor's caret there. */
  private pendingClick: { x: number; y: number } | undefined;
  /** What the student typed before the editor was ready (inserted at its caret once it is). */
  private pendingText = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: LazyEditorOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Back after a removal that may have torn down the editor.
    if (this.wanted && !this.editor && !this.options.readonly()) void this.load();
  }

  /** The student reached the code (focus, click, key press): the editor loads, once. */
  want(): void {
    if (this.options.readonly() || this.wanted) return;
    this.wanted = true;
    void this.load();
  }

  /** A key in the highlighted code: a typed character is kept for the editor (Tab still moves on). */
  keydown(event: KeyboardEvent): void {
    if (this.options.readonly() || event.ctrlKey || event.metaKey || event.altKey) return;
    const text = event.key === 'Enter' ? '\n' : event.key.length === 1 ? event.key : '';
    if (text) {
      event.preventDefault();
      this.pendingText += text;
    }
    this.want();
  }

  pointerdown(event: PointerEvent): void {
    if (this.options.readonly() || event.button !== 0) return;
    this.pendingClick = { x: event.clientX, y: event.clientY };
    this.want();
  }

  /** Frees the editor (its window listeners) of a cell that was removed. */
  destroy(): void {
    this.editor?.destroy();
    this.editor = undefined;
    this.host.requestUpdate();
  }

  private async load(): Promise<void> {
    const { host, options } = this;
    try {
      const { createEditor } = await import('./editor.js');
      // Edits restored from IndexedDB go in before the editor is built around the code.
      await options.codeReady();
      // A task later: built inside the focus event that asked for it, the editor misses its own focus.
      await new Promise((resolve) => setTimeout(resolve));
      await host.updateComplete;
      if (this.editor || !host.isConnected) return;
      // Asked before the swap: the highlighted code is about to be hidden.
      const hadFocus = options.root().activeElement === options.staticView();
      const editor = createEditor({
        parent: options.parent(),
        root: options.root(),
        code: options.code(),
        readonly: options.readonly(),
        label: 'Python code',
        onChange: options.onChange,
        onRun: options.onRun,
        onEscape: options.onEscape,
      });
      this.editor = editor;
      const line = options.errorLine();
      if (line != null) editor.markErrorLine(line);
      host.requestUpdate();
      await host.updateComplete;
      if (hadFocus) this.takeOverFocus(editor);
      this.pendingClick = undefined;
      this.pendingText = '';
    } catch (error) {
      options.onLoadError(error);
    }
  }

  /** The editor takes the focus of the code it replaces: the caret where the student clicked, then what they typed. */
  private takeOverFocus(editor: EditorHandle): void {
    const { view } = editor;
    const at = this.pendingClick
      ? (view.posAtCoords(this.pendingClick) ?? view.state.doc.length)
      : view.state.selection.main.head;
    view.dispatch({ selection: { anchor: at } });
    if (this.pendingText)
      view.dispatch({
        changes: { from: at, insert: this.pendingText },
        selection: { anchor: at + this.pendingText.length },
        // Not 'input.type': the completion list would open on text the student did not see typed.
        userEvent: 'input',
      });
    editor.focus();
  }
}
