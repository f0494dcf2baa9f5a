// Compiled cells kept by their source: a cell run again (students re-run cells, a page runs the
// same snippet in several sessions) is not parsed and compiled again, and its closures live on,
// and with them the machine code the JS engine made for them: it is dropped with the last closure
// that uses it, and made again (on a background thread, but on the same CPU) at the next run.
// Compiling is a function of the source alone (no session state goes into it), so one compiled
// cell serves every session; what its sites memoise is keyed by session (globals, classes).
import type { CompiledCell } from './compiler.js';

/** How many cells are kept, the most recently run first out last. */
const MAX_CELLS = 32;

const cells = new Map<string, CompiledCell>();

/** The compiled cell for `key` (the source and how it is compiled), compiling it on a miss. */
export function compiledCell(key: string, compile: () => CompiledCell): CompiledCell {
  let c = cells.get(key);
  if (c !== undefined) {
    // Most recently used last: the Map's first key is the one to evict.
    cells.delete(key);
    cells.set(key, c);
    return c;
  }
  c = compile();
  cells.set(key, c);
  if (cells.size > MAX_CELLS) cells.delete(cells.keys().next().value as string);
  return c;
}

/** After a run: every kept cell drops the values its sites memoised (they would outlive a `del`). */
export function forgetValues(): void {
  for (const c of cells.values()) c.forget();
}
