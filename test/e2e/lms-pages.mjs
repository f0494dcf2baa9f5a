// Pages made the way an LMS or a CMS makes them: the teacher's HTML (the `html` query parameter)
// goes through a real sanitizer (sanitize-html) with the site's allow-list, and is served inside
// the site's own page, whose scripts are the site's, not the teacher's. Served under
// /lms/<profile>; tests load it from another origin than the library.
import sanitizeHtml from 'sanitize-html';

const TEXT = [
  'p',
  'div',
  'span',
  'pre',
  'code',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'ul',
  'ol',
  'li',
  'em',
  'strong',
  'b',
  'i',
  'u',
  'br',
  'hr',
  'blockquote',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'sub',
  'sup',
];
const GLOBAL = ['class', 'id', 'title', 'lang', 'dir', 'role'];

export const PROFILES = {
  // Canvas's rich content editor (its canvas_sanitize allow-list, abridged): no script, no style,
  // no unknown tags; an iframe keeps src, width, height, allowfullscreen and allow; no data-*.
  canvas: {
    allowedTags: [...TEXT, 'iframe', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'abbr', 'cite', 'q', 'small'],
    allowedAttributes: {
      '*': GLOBAL,
      a: ['href', 'target'],
      img: ['src', 'alt', 'width', 'height'],
      iframe: ['src', 'width', 'height', 'name', 'allowfullscreen', 'allow'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { iframe: ['http', 'https'] },
    disallowedTagsMode: 'discard',
  },
  // WordPress for authors without unfiltered_html (kses) and Moodle-like filters: classes and
  // data-* kept, no iframe, no script or style, unknown tags dropped (their text kept).
  wordpress: {
    allowedTags: TEXT,
    allowedAttributes: {
      '*': [...GLOBAL, 'data-*', 'aria-*'],
      a: ['href'],
      img: ['src', 'alt', 'width', 'height'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    disallowedTagsMode: 'discard',
  },
};

/** Scripts the site itself may load (its theme or plugin): only the library's built files. */
const SITE_SCRIPT =
  /^https?:\/\/(127\.0\.0\.1|localhost):\d+\/dist\/cdn\/(torchlet|embed-host)\.js(\?v=\d+)?$/;

export async function lmsPages(ctx, next) {
  const match = /^\/lms\/(\w+)$/.exec(ctx.path);
  if (!match || !PROFILES[match[1]]) return next();
  const content = sanitizeHtml(String(ctx.query.html ?? ''), PROFILES[match[1]]);
  const scripts = [ctx.query.script ?? []].flat().filter((src) => SITE_SCRIPT.test(src));
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-cache');
  ctx.body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Course page (${match[1]})</title>
${scripts.map((src) => `<script type="module" src="${src}"></script>`).join('\n')}
<script src="/test/e2e/fixtures/lms-harness.js"></script>
</head><body><main><h1>Week 3: tensors</h1><div class="user_content">${content}</div></main></body></html>`;
}
