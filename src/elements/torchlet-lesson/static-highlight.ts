// Colours for a lesson's static code (a shell line, a JSON file, C): highlight.js's core with the
// languages a PyTorch course shows, loaded only by lessons that have such blocks. Its output is
// escaped text in <span class="hljs-…"> tags.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import css from 'highlight.js/lib/languages/css';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES = { bash, c, css, javascript, json, markdown, python, sql, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

/** The highlighted HTML of a `<code class="language-x">`, or null for a language it does not know. */
export function highlightedHtml(code: HTMLElement): string | null {
  const language = /\blanguage-([\w+#-]+)/.exec(code.className)?.[1];
  if (!language || !hljs.getLanguage(language)) return null;
  return hljs.highlight(code.textContent ?? '', { language, ignoreIllegals: true }).value;
}
