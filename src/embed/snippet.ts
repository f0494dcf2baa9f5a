// Embed links and the iframe snippet a teacher pastes: used by a playground's Share action and by
// the guide's "Get embed code" form. No DOM.
import { encodeEmbedFragment } from './fragment.js';

export { DEFAULT_EMBED_PAGE } from './page-url.js';

/** Past this many characters the fragment is compressed (`z=`): long code, LMS link fields. */
export const COMPRESS_AFTER_CHARS = 1500;

/**
 * The embed URL for these parameters: readable `#code=…` while short, `#z=…` when long or when
 * `compress` is true (false keeps it plain at any length).
 */
export async function embedUrl(
  page: string,
  params: Array<[string, string]>,
  options: { compress?: boolean } = {},
): Promise<string> {
  const base = page.replace(/#.*$/, '');
  let fragment = await encodeEmbedFragment(params);
  if (options.compress ?? fragment.length > COMPRESS_AFTER_CHARS) {
    fragment = await encodeEmbedFragment(params, { compress: true });
  }
  return `${base}#${fragment}`;
}

/** Escapes text for a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A height in CSS pixels at which the embed is usable without embed-host.js: the toolbar, the
 * code without scrolling (up to the cell's own limit) and room for some output.
 */
export function suggestedHeight(params: Array<[string, string]>): number {
  const element = params.find(([key]) => key === 'element')?.[1];
  if (element === 'gpu-speedup') return 560;
  if (element === 'gradient-plot') return params.some(([key]) => key === 'exercise') ? 1300 : 900;
  if (params.some(([key]) => key === 'lesson')) return 800;
  const cells = params.filter(([key]) => key === 'code');
  const lines = cells.reduce((sum, [, code]) => sum + Math.min(code.split('\n').length, 24), 0);
  const perCell = 44 + 24 + 120; // toolbar, padding and margins, a few lines of output
  return Math.max(1, cells.length) * perCell + lines * 20;
}

/**
 * The `<iframe>` a teacher pastes: attributes LMS sanitizers keep (src, title, width, height,
 * allow, allowfullscreen; loading is a nicety where kept) and no inline style, so Canvas's editor
 * leaves it whole.
 */
export function iframeSnippet(url: string, options: { title?: string; height?: number } = {}): string {
  const title = options.title ?? 'PyTorch exercise (torchlet)';
  const height = Math.round(options.height ?? 400);
  return `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" width="100%" height="${height}" allow="clipboard-write" allowfullscreen loading="lazy"></iframe>`;
}
