// Where embed.html is, for the links a playground's Share action makes. The CDN file sets it to
// the embed.html beside torchlet.js; a bundled app may set it to its own copy.

/** The project's site: the CDN build of main, where embed.html and the studio are web pages. */
export const PROJECT_SITE = 'https://torchlet.github.io/torchlet/';

/** Where embed.html is when nothing says otherwise: the project's site. */
export const DEFAULT_EMBED_PAGE = `${PROJECT_SITE}embed.html`;

// Package CDNs serve .html as text/plain by policy, so an iframe of their embed.html shows its source.
const SERVES_HTML_AS_TEXT = /(^|\.)(jsdelivr\.net|unpkg\.com)$/;

/**
 * The embed.html beside `base` (torchlet.js's URL, or its folder ending in `/`), or the project
 * site's where `base`'s host serves HTML as plain text.
 */
export function embedPageBeside(base: string | URL): string {
  const page = new URL('./embed.html', base);
  return SERVES_HTML_AS_TEXT.test(page.hostname) ? DEFAULT_EMBED_PAGE : page.href;
}

let embedPage = DEFAULT_EMBED_PAGE;

/** Sets the URL of embed.html that Share links point at. */
export function setEmbedPageUrl(url: string | URL): void {
  embedPage = String(url);
}

/** The URL of embed.html that Share links point at (default: the project site's). */
export function getEmbedPageUrl(): string {
  return embedPage;
}
