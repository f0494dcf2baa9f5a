import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEmbedFragment } from '../embed/fragment.js';
import { DEFAULT_EMBED_PAGE, embedPageBeside } from '../embed/page-url.js';
import {
  embedUrl,
  fileStem,
  htmlSnippet,
  iframeSnippet,
  lessonTitle,
  scriptSafe,
  standalonePage,
} from './exports.js';

describe('studio exports', () => {
  const lesson =
    '# Tensors & `sum()`\n\nText with </script> and <!-- a note -->.\n\n```python\nprint(1)\n```\n';

  it('titles and file names come from the first heading', () => {
    assert.equal(lessonTitle(lesson), 'Tensors & sum()');
    assert.equal(lessonTitle('no heading'), 'A torchlet lesson');
    assert.equal(lessonTitle('## [Linked](https://x.y) title ##'), 'Linked title');
    assert.equal(fileStem(lesson), 'tensors-sum');
  });

  it('inline Markdown cannot end its script early', () => {
    assert.equal(scriptSafe('a </script> b </SCRIPT c <!-- d'), 'a <\\/script> b <\\/SCRIPT c <\\!-- d');
    const snippet = htmlSnippet(lesson, 'https://cdn.example/t/');
    assert.equal(snippet.match(/<\/script>/g)?.length, 2, 'only the two script tags close');
    assert.ok(
      snippet.startsWith(
        '<script type="module" src="https://cdn.example/t/torchlet.js"></script>\n<torchlet-lesson>\n<script type="text/markdown">\n# Tensors',
      ),
    );
  });

  it('a page has a title, the script and the lesson', () => {
    const page = standalonePage(lesson, 'https://cdn.example/t');
    assert.match(page, /<title>Tensors &amp; sum\(\)<\/title>/);
    assert.match(page, /src="https:\/\/cdn.example\/t\/torchlet.js"/);
    assert.match(
      standalonePage(lesson, 'https://cdn.example/t', 'https://host/l/a.md'),
      /<torchlet-lesson base="https:\/\/host\/l\/a.md">/,
    );
  });

  it('the embed URL holds the lesson, compressed when shorter', async () => {
    const long = `${lesson}\n${'Some repeated prose. '.repeat(200)}`;
    const url = new URL(await embedUrl(long, 'https://cdn.example/t/'));
    assert.equal(`${url.origin}${url.pathname}`, 'https://cdn.example/t/embed.html');
    assert.match(url.hash, /^#z=/);
    assert.deepEqual(await decodeEmbedFragment(url.hash), [['lesson', long]]);
    const short = new URL(await embedUrl('# Hi', 'https://cdn.example/t/'));
    assert.equal(short.hash, '#lesson=%23%20Hi');
    assert.match(
      iframeSnippet(url.href, lesson),
      /^<iframe src="https:\/\/cdn.example\/t\/embed.html#z=[\w-]+" title="Tensors &amp; sum\(\)"/,
    );
  });

  it('points embed links at a page that is served as HTML: package CDNs serve embed.html as text', async () => {
    assert.equal(
      embedPageBeside('https://school.example/js/torchlet.js'),
      'https://school.example/js/embed.html',
    );
    assert.equal(embedPageBeside('https://school.example/t/'), 'https://school.example/t/embed.html');
    for (const cdn of [
      'https://cdn.jsdelivr.net/npm/@torchlet/cdn/torchlet.js',
      'https://fastly.jsdelivr.net/npm/@torchlet/cdn@0.1.0/',
      'https://unpkg.com/@torchlet/cdn/torchlet.js',
    ])
      assert.equal(embedPageBeside(cdn), DEFAULT_EMBED_PAGE, cdn);
    assert.equal(new URL(DEFAULT_EMBED_PAGE).hostname, 'torchlet.github.io');
    const url = new URL(await embedUrl('# Hi', 'https://cdn.jsdelivr.net/npm/@torchlet/cdn/'));
    assert.equal(`${url.origin}${url.pathname}`, DEFAULT_EMBED_PAGE);
  });
});
