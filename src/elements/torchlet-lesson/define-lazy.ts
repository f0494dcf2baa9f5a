// <torchlet-lesson> for the CDN file: its code (Markdown parser, sanitizer, KaTeX) is fetched only
// when a page has such a tag, so the many pages of plain cells pay nothing for it. Watches the
// document for the tag (added now or later); a lesson inside some other element's shadow root is
// not seen: import the element, or call loadLesson(), for that.

const TAG = 'torchlet-lesson';
type LessonModule = typeof import('./torchlet-lesson.js');
let loading: Promise<LessonModule> | undefined;

/** Loads and defines `<torchlet-lesson>` (once); resolves with its module (the notebook converters too). */
export function loadLesson(): Promise<LessonModule> {
  loading ??= import('./torchlet-lesson.js').catch((err: unknown) => {
    loading = undefined; // a later call tries again (the network may be back)
    console.error(`torchlet: <torchlet-lesson> could not load (${String(err)}).`);
    throw err;
  });
  return loading;
}

function hasLesson(nodes: NodeList): boolean {
  for (const node of nodes) {
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const el = node as Element;
    if (el.localName === TAG || el.getElementsByTagName(TAG).length) return true;
  }
  return false;
}

/** Defines the element as soon as the page has one; until then only this observer runs. */
export function defineLessonWhenUsed(): void {
  if (typeof document === 'undefined' || customElements.get(TAG)) return;
  if (document.getElementsByTagName(TAG).length) {
    loadLesson().catch(() => undefined);
    return;
  }
  const observer = new MutationObserver((records) => {
    if (!records.some((r) => hasLesson(r.addedNodes))) return;
    observer.disconnect();
    loadLesson().catch(() => undefined);
  });
  observer.observe(document, { childList: true, subtree: true });
}
