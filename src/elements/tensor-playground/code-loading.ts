// Where a cell's starting code comes from besides its attributes: a `.py` file at `src`, or
// children a framework appends after the cell was connected.
import { dedent, inlineCode } from './source.js';

/** The code of the file at `src` (common indentation removed), or a note that says why it did not load. */
export async function fetchCode(src: string): Promise<{ code: string } | { note: string }> {
  try {
    const response = await fetch(src);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { code: dedent(await response.text()) };
  } catch (err) {
    return {
      note: `Could not load the code from ${src}: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/** Calls `onCode` once, with the inline code of the first children added to `cell` that hold some. */
export function watchForCode(cell: HTMLElement, onCode: (code: string) => void): void {
  const observer = new MutationObserver(() => {
    const code = inlineCode(cell);
    if (code === null) return;
    observer.disconnect();
    onCode(code);
  });
  observer.observe(cell, { childList: true, subtree: true, characterData: true });
}
