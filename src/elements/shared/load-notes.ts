// Plain notes an element shows when part of the library could not load.

/** Said once per page when the kernel's Worker failed to load and the kernel runs in the page. */
export function workerFailureNote(failure: string, hint: string): string {
  const said = `${failure[0].toUpperCase()}${failure.slice(1)}, so the code runs in this page (a long run slows it down).`;
  return hint ? `${said} ${hint}` : said;
}
