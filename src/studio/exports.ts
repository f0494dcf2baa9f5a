// What the studio hands a teacher for a lesson: an embed link and its iframe, an HTML snippet,
// a whole page, a notebook, the Markdown. No DOM: runs in Node too.
import { encodeEmbedFragment } from '../embed/fragment.js';
import { embedPageBeside } from '../embed/page-url.js';

/** Where the published CDN files are (the README's script tag). */
export const PUBLIC_CDN = 'https://cdn.jsdelivr.net/npm/@torchlet/cdn/';

/** The lesson's first heading, as plain text, for a page title or an iframe title. */
export function lessonTitle(markdown: string): string {
  const heading = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(markdown)?.[1] ?? '';
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_~]/g, '')
    .trim();
  return text || 'A torchlet lesson';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/**
 * The Markdown inside `<script type="text/markdown">`: only `</script` could end the script
 * early, so it is written `<\/script` (the element reads it back). `<!--` is broken up too, since
 * it changes how the HTML parser reads a script's end.
 */
export function scriptSafe(markdown: string): string {
  return markdown.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function base(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * `<script>` plus `<torchlet-lesson>` with the lesson inline: for pages that allow scripts.
 * `imagesBase`: where the lesson's relative images are, when they are not beside the page.
 */
export function htmlSnippet(markdown: string, cdnBase: string, imagesBase = ''): string {
  const baseAttr = imagesBase ? ` base="${escapeHtml(imagesBase)}"` : '';
  return `<script type="module" src="${escapeHtml(base(cdnBase))}torchlet.js"></script>
<torchlet-lesson${baseAttr}>
<script type="text/markdown">
${scriptSafe(markdown.replace(/\n+$/, ''))}
</script>
</torchlet-lesson>
`;
}

/** A whole page (upload it to an LMS as a file or page, or to any web host). */
export function standalonePage(markdown: string, cdnBase: string, imagesBase = ''): string {
  const title = escapeHtml(lessonTitle(markdown));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { max-width: 52rem; margin: 2rem auto; padding: 0 1rem; font-family: system-ui, sans-serif; line-height: 1.55; }
</style>
</head>
<body>
<main>
${htmlSnippet(markdown, cdnBase, imagesBase)}</main>
</body>
</html>
`;
}

/** The embed page's URL holding the whole lesson in its fragment (compressed when that is shorter). */
export async function embedUrl(markdown: string, cdnBase: string): Promise<string> {
  const params: Array<[string, string]> = [['lesson', markdown]];
  const plain = await encodeEmbedFragment(params);
  const compressed = await encodeEmbedFragment(params, { compress: true });
  return `${embedPageBeside(base(cdnBase))}#${compressed.length < plain.length ? compressed : plain}`;
}

/** An iframe of the embed URL: what an LMS that strips scripts (Canvas, Moodle) still allows. */
export function iframeSnippet(url: string, markdown: string): string {
  return `<iframe src="${escapeHtml(url)}" title="${escapeHtml(lessonTitle(markdown))}" width="100%" height="800" style="border: 0" allow="clipboard-write" loading="lazy"></iframe>\n`;
}

/** A file name for the lesson: its title, lower-case, dashes. */
export function fileStem(markdown: string): string {
  const stem = lessonTitle(markdown)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || 'lesson';
}
