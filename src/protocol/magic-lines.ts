// Which notebook magic lines run here: IPython's timing magics (src/python/magics.ts runs them).
// Shared by the interpreter and by the lesson loader, which shows every other `%` and `!` line as
// a comment. Plain patterns, no parser: the lesson loader stays small.

/** `%timeit …` or `%time …` on a line (after an indent, or as `name = %timeit -o …`). */
export const TIMING_LINE_MAGIC = /^(\s*)(?:([^\s=%!#'"][^=%!#'"]*?)\s*=\s*)?%(timeit|time)(?=\s|$)(.*)$/;

/** `%%timeit …` or `%%time` as a cell's first line: the rest of the cell is the Python it times. */
export const TIMING_CELL_MAGIC = /^%%(timeit|time)(?=\s|$)(.*)$/;

/** Whether a line of a cell is a timing magic that runs here. */
export function isTimingMagic(line: string, firstLine: boolean): boolean {
  return TIMING_LINE_MAGIC.test(line) || (firstLine && TIMING_CELL_MAGIC.test(line));
}
