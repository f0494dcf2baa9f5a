// The CodeMirror 6 editor of a <tensor-playground>, loaded lazily (it weighs more than Lit, tfjs
// and the interpreter's page side together): Python highlighting, line numbers, bracket
// matching, completion of torch/tensor/numpy names, Shift/Ctrl+Enter runs, Esc leaves.
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  closeCompletion,
  completionKeymap,
  completionStatus,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { pythonLanguage, python } from '@codemirror/lang-python';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  type ViewUpdate,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { torchCompletions } from './completions.js';

export interface EditorOptions {
  parent: HTMLElement;
  /** The shadow root the editor lives in: CodeMirror mounts its styles there. */
  root: ShadowRoot;
  code: string;
  readonly: boolean;
  /** Accessible name of the editing area. */
  label: string;
  onChange(code: string): void;
  onRun(): void;
  /** Esc: the element moves focus out of the editor. */
  onEscape(): void;
}

export interface EditorHandle {
  readonly view: EditorView;
  getCode(): string;
  setCode(code: string): void;
  setReadOnly(readonly: boolean): void;
  /** Marks a 1-based line as the failing one (null clears) and scrolls it into view. */
  markErrorLine(line: number | null): void;
  focus(): void;
  destroy(): void;
}

const setErrorLine = StateEffect.define<number | null>();
const errorLineDecoration = Decoration.line({
  class: 'cm-tp-error-line',
  attributes: { 'data-error-line': '' },
});

/** The failing line's mark; an edit clears it (the line numbers it points at may no longer hold). */
const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setErrorLine)) {
        const line = effect.value;
        if (line == null || line < 1 || line > tr.state.doc.lines) return Decoration.none;
        return Decoration.set([errorLineDecoration.range(tr.state.doc.line(line).from)]);
      }
    }
    return tr.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** `????` blanks of an exercise stand out until the student fills them. */
const blankMatcher = new MatchDecorator({
  regexp: /\?\?\?\?/g,
  decoration: Decoration.mark({ class: 'cm-tp-blank' }),
});
const blanks = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = blankMatcher.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = blankMatcher.updateDeco(update, this.decorations);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** Colours come from the element's theme tokens, so light and dark both work. */
const theme = EditorView.theme({
  '&': {
    color: 'var(--_fg)',
    backgroundColor: 'var(--_code-bg)',
    fontSize: 'var(--tp-code-font-size, 0.9rem)',
  },
  '.cm-scroller': { fontFamily: 'var(--_mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--_fg)', padding: '0.5rem 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--_fg)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-gutters': { backgroundColor: 'var(--_code-bg)', color: 'var(--_muted)', border: 'none' },
  // Placed as the highlighted code shown before the editor loads (pre.static): no jump when it opens.
  '.cm-gutter.cm-lineNumbers': { paddingLeft: '0.75rem' },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0', minWidth: '2ch' },
  '.cm-line': { padding: '0 2px 0 1.25ch' },
  '&.cm-focused .cm-activeLine, &.cm-focused .cm-activeLineGutter': {
    backgroundColor: 'var(--_active-line)',
  },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--_selection)',
  },
  '&.cm-focused .cm-matchingBracket': {
    backgroundColor: 'var(--_match)',
    outline: '1px solid var(--_muted)',
  },
  '.cm-tp-error-line': { backgroundColor: 'var(--_error-bg)', boxShadow: 'inset 3px 0 0 var(--_error)' },
  '.cm-tp-blank': {
    backgroundColor: 'var(--_blank-bg)',
    outline: '1px dashed var(--_warn)',
    borderRadius: '2px',
  },
  '.cm-tooltip': { backgroundColor: 'var(--_bg)', color: 'var(--_fg)', border: '1px solid var(--_border)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--_focus)',
    color: 'var(--_bg)',
  },
});

export function createEditor(options: EditorOptions): EditorHandle {
  const editable = (value: boolean): Extension => [
    EditorState.readOnly.of(!value),
    EditorView.editable.of(value),
  ];
  const readonlyCompartment = new Compartment();

  const runKeys = Prec.highest(
    keymap.of([
      { key: 'Shift-Enter', run: () => (options.onRun(), true) },
      { key: 'Mod-Enter', run: () => (options.onRun(), true) },
      { key: 'Ctrl-Enter', run: () => (options.onRun(), true) },
    ]),
  );
  // Esc closes a completion list the student sees (the completion keymap), else leaves the editor:
  // a pending completion, which shows nothing, would otherwise take the Esc.
  const escapeKey = Prec.highest(
    keymap.of([
      {
        key: 'Escape',
        run: (view) => {
          if (completionStatus(view.state) === 'active') return false;
          closeCompletion(view);
          options.onEscape();
          return true;
        },
      },
    ]),
  );

  const view = new EditorView({
    parent: options.parent,
    root: options.root,
    state: EditorState.create({
      doc: options.code,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        syntaxHighlighting(classHighlighter),
        python(),
        pythonLanguage.data.of({ autocomplete: torchCompletions }),
        escapeKey,
        autocompletion({ icons: false }),
        runKeys,
        keymap.of([
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...historyKeymap,
          ...completionKeymap,
          indentWithTab,
        ]),
        errorLineField,
        blanks,
        theme,
        readonlyCompartment.of(editable(!options.readonly)),
        // An explicit tabindex makes the scrollable code reachable by keyboard in axe's eyes too.
        EditorView.contentAttributes.of({ 'aria-label': options.label, tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });

  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      if (code !== view.state.doc.toString())
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    setReadOnly(value) {
      view.dispatch({ effects: readonlyCompartment.reconfigure(editable(!value)) });
    },
    markErrorLine(line) {
      const effects: StateEffect<unknown>[] = [setErrorLine.of(line)];
      if (line != null && line >= 1 && line <= view.state.doc.lines) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'nearest' }));
      }
      view.dispatch({ effects });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
