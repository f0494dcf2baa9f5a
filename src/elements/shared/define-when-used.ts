// Elements that the CDN file defines only when a page uses them: their code (a chart element, the
// Markdown lesson) is fetched when the document first has one of their tags, so pages of plain
// code cells pay nothing for it. One MutationObserver watches for every tag still waiting; a tag
// inside another element's shadow root is not seen: that element imports what it renders, or a
// page calls the tag's loader.

type Loader = () => Promise<unknown>;

const waiting = new Map<string, Loader>();
let observer: MutationObserver | null = null;

/** Loads `load` once; a failure is logged and forgotten, so a later call tries again (the network may be back). */
export function once<T>(what: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      console.error(`torchlet: ${what} could not load (${String(err)}).`);
      throw err;
    }));
}

/**
 * Starts loading a waiting tag's code now (the observer does when it sees the tag; code that waits
 * for the tag's definition before it puts one in the document calls it, or it would wait for ever).
 */
export function requestDefinition(tag: string): void {
  const load = waiting.get(tag);
  if (!load) return;
  for (const [other, loader] of waiting) if (loader === load) waiting.delete(other);
  load().catch(() => undefined);
  if (!waiting.size) {
    observer?.disconnect();
    observer = null;
  }
}

function scan(root: Element | Document): void {
  for (const tag of [...waiting.keys()]) {
    if ((root instanceof Element && root.localName === tag) || root.getElementsByTagName(tag).length)
      requestDefinition(tag);
  }
}

/**
 * Calls `load` (which defines the tags) as soon as the document has an element of one of `tags`,
 * now or later; nothing if they are already defined or there is no document (Node, a Worker).
 */
export function defineWhenUsed(tags: readonly string[], load: Loader): void {
  if (typeof document === 'undefined' || tags.every((tag) => customElements.get(tag))) return;
  for (const tag of tags) waiting.set(tag, load);
  scan(document);
  if (!waiting.size || observer) return;
  observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) scan(node as Element);
      if (!waiting.size) return;
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}
