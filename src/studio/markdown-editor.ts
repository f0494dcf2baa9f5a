// The studio's Markdown editor: CodeMirror's Markdown mode, with Python highlighted inside
// ```python blocks, soft-wrapped lines, undo history and the usual keys.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { python } from '@codemirror/lang-python';
import { LanguageDescription, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

export interface MarkdownEditor {
  readonly view: EditorView;
  getText(): string;
  /** Replaces the whole text (an opened file); undo brings the old text back. */
  setText(text: string): void;
  destroy(): void;
}

const codeLanguages = [
  LanguageDescription.of({ name: 'python', alias: ['py', 'python3', 'ipython'], support: python() }),
];

export function createMarkdownEditor(options: {
  parent: HTMLElement;
  root: ShadowRoot | Document;
  text: string;
  label: string;
  onChange(text: string): void;
}): MarkdownEditor {
  const view = new EditorView({
    parent: options.parent,
    root: options.root,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        markdown({ base: markdownLanguage, codeLanguages }),
        syntaxHighlighting(classHighlighter),
        // Tab indents in the editor; Esc then Tab leaves it (CodeMirror's escape hatch).
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        // An explicit tabindex makes the scrolled text reachable by keyboard in axe's eyes too.
        EditorView.contentAttributes.of({ 'aria-label': options.label, tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    getText: () => view.state.doc.toString(),
    setText: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    destroy: () => view.destroy(),
  };
}
