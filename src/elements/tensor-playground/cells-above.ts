// "Run all above": the cells above one that share its session, and whether running them would
// define a name the cell needs. The parser that tells loads only then: most pages never need it.

/** What is read from each cell of a session. */
export interface SessionCell extends Element {
  readonly session: string;
  readonly hasRun: boolean;
  readonly value: string;
}

/** The cells of `cells` above `cell`, in document order, that share its session. */
export function cellsAbove<T extends SessionCell>(cell: T, cells: Iterable<T>): T[] {
  if (!cell.session) return [];
  return [...cells]
    .filter(
      (c) =>
        c !== cell &&
        c.session === cell.session &&
        c.compareDocumentPosition(cell) & Node.DOCUMENT_POSITION_FOLLOWING,
    )
    .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/**
 * The offer to run the cells above is worth making only when a cell above that has not run
 * defines a name `names` finds in this cell's code (the name it failed on, or after a restart a
 * name it reads).
 */
export async function needsCellsAbove<T extends SessionCell>(
  cell: T,
  cells: Iterable<T>,
  names: (code: string) => Promise<ReadonlySet<string>>,
): Promise<boolean> {
  const notRun = cellsAbove(cell, cells).filter((c) => !c.hasRun);
  if (notRun.length === 0) return false;
  const wanted = await names(cell.value);
  if (wanted.size === 0) return false;
  const { definedNames } = await import('./session-names.js');
  return notRun.some((c) => [...definedNames(c.value)].some((name) => wanted.has(name)));
}

/** Every name `code` reads. */
export const readNames = async (code: string): Promise<ReadonlySet<string>> =>
  (await import('./session-names.js')).usedNames(code);
