// Where embed.html is, for the links a playground's Share action makes. The CDN file sets it to
// the embed.html beside torchlet.js; a bundled app may set it to its own copy.
/** Where embed.html is when nothing says otherwise: the published package on jsDelivr. */
export const DEFAULT_EMBED_PAGE = 'https://cdn.jsdelivr.net/npm/torchlet/dist/cdn/embed.html';

let embedPage = DEFAULT_EMBED_PAGE;

/** Sets the URL of embed.html that Share links point at. */
export function setEmbedPageUrl(url: string | URL): void {
  embedPage = String(url);
}

/** The URL of embed.html that Share links point at (default: the package on jsDelivr). */
export function getEmbedPageUrl(): string {
  return embedPage;
}
