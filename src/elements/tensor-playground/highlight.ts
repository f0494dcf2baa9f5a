// Highlights Python without the editor (loaded lazily, far smaller than CodeMirror): the cell
// shows coloured code at once and can run before the editor arrives. Same classes as the editor.
import { classHighlighter, highlightCode } from '@lezer/highlight';
import { parser } from '@lezer/python';

export interface Token {
  text: string;
  /** Space-separated `tok-*` classes; '' for plain text. */
  classes: string;
}

/** The code as lines of tokens (the text of all tokens of a line is exactly that line). */
export function highlightPython(code: string): Token[][] {
  const lines: Token[][] = [[]];
  highlightCode(
    code,
    parser.parse(code),
    classHighlighter,
    (text, classes) => lines[lines.length - 1].push({ text, classes }),
    () => lines.push([]),
  );
  return lines;
}
