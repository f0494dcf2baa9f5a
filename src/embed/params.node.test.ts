import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { EmbedFragmentError } from './fragment.js';
import { ELEMENT_ATTRIBUTES, MAX_CELLS, attributeValue, planEmbed } from './params.js';
import { embedUrl, iframeSnippet, suggestedHeight } from './snippet.js';

const rejects = (params: Array<[string, string]>, message: RegExp) =>
  assert.throws(
    () => planEmbed(params),
    (error: unknown) => error instanceof EmbedFragmentError && message.test(error.message),
  );

describe('embed parameters', () => {
  it('makes one cell from code=, with its settings', () => {
    const plan = planEmbed([
      ['code', 'print(1)'],
      ['autorun', ''],
      ['device', 'cuda'],
      ['readonly', 'true'],
      ['hint', 'Try again'],
      ['theme', 'dark'],
    ]);
    assert.equal(plan.theme, 'dark');
    assert.deepEqual(plan.elements, [
      {
        tag: 'tensor-playground',
        code: 'print(1)',
        attributes: [
          ['hint', 'Try again'],
          ['autorun', ''],
          ['device', 'cuda'],
          ['readonly', ''],
          ['theme', 'dark'],
        ],
      },
    ]);
  });

  it('makes several code= one session in order; check= and hint= belong to the cell before them', () => {
    const plan = planEmbed([
      ['hint', 'first hint'],
      ['code', 'a = 1'],
      ['code', 'b = a + 1'],
      ['check', 'assert b == 2'],
      ['code', 'print(b)'],
      ['autorun', ''],
    ]);
    assert.deepEqual(
      plan.elements.map((el) => [el.code, el.check, el.attributes]),
      [
        [
          'a = 1',
          undefined,
          [
            ['hint', 'first hint'],
            ['autorun', ''],
            ['session', 'embed'],
          ],
        ],
        [
          'b = a + 1',
          'assert b == 2',
          [
            ['autorun', ''],
            ['session', 'embed'],
          ],
        ],
        [
          'print(b)',
          undefined,
          [
            ['autorun', ''],
            ['session', 'embed'],
          ],
        ],
      ],
    );
    const named = planEmbed([
      ['session', 'week 3'],
      ['code', 'a = 1'],
      ['code', 'a'],
    ]);
    for (const cell of named.elements) assert.deepEqual(cell.attributes, [['session', 'week 3']]);
  });

  it('takes the code from src= with its check and hint', () => {
    const plan = planEmbed([
      ['src', 'https://example.org/ex1.py'],
      ['check', 'assert x == 1'],
      ['hint', 'x is one'],
    ]);
    assert.deepEqual(plan.elements, [
      {
        tag: 'tensor-playground',
        check: 'assert x == 1',
        attributes: [
          ['hint', 'x is one'],
          ['src', 'https://example.org/ex1.py'],
        ],
      },
    ]);
  });

  it('takes every documented attribute of gpu-speedup and gradient-plot by its own name', () => {
    const speedup = planEmbed([
      ['element', 'gpu-speedup'],
      ['n', '256'],
      ['repeats', '3'],
      ['sweep', ''],
      ['min-n', '16'],
      ['max-n', '512'],
      ['gpu-backend', 'webgl'],
      ['cpu-backend', 'wasm'],
      ['naive', 'false'],
      ['time-limit', '20'],
      ['refine', '1'],
      ['autorun', '1'],
    ]);
    assert.deepEqual(speedup.elements[0].attributes, [
      ['n', '256'],
      ['repeats', '3'],
      ['sweep', ''],
      ['min-n', '16'],
      ['max-n', '512'],
      ['gpu-backend', 'webgl'],
      ['cpu-backend', 'wasm'],
      ['time-limit', '20'],
      ['refine', '1'],
      ['autorun', ''],
    ]);
    const plot = planEmbed([
      ['element', 'gradient-plot'],
      ['fn', 'x**2'],
      ['x', '0.5'],
      ['x-min', '-2'],
      ['x-max', '2'],
      ['step', '0.25'],
      ['accumulate', ''],
      ['device', 'cpu'],
      ['exercise', ''],
    ]);
    assert.deepEqual(plot.elements[0].attributes, [
      ['fn', 'x**2'],
      ['x', '0.5'],
      ['x-min', '-2'],
      ['x-max', '2'],
      ['step', '0.25'],
      ['accumulate', ''],
      ['device', 'cpu'],
      ['exercise', ''],
    ]);
    const curves = planEmbed([
      ['element', 'gradient-plot'],
      ['fn', 'x**2'],
      ['fn', 'torch.sin(x)'],
    ]);
    assert.deepEqual(curves.elements[0].curves, ['x**2', 'torch.sin(x)']);
  });

  it('lists the same attributes as custom-elements.json documents', () => {
    const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as {
      modules: Array<{ declarations?: Array<{ tagName?: string; attributes?: Array<{ name: string }> }> }>;
    };
    for (const [tag, attributes] of Object.entries(ELEMENT_ATTRIBUTES)) {
      const declaration = manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .find((d) => d.tagName === tag);
      // shareable is the host page's choice; the fragment's own code= carries the cell's code.
      const documented = (declaration?.attributes ?? [])
        .map((a) => a.name)
        .filter((name) => name !== 'shareable' && !(tag === 'tensor-playground' && name === 'code'));
      assert.deepEqual(Object.keys(attributes).sort(), documented.sort(), tag);
    }
  });

  it('makes a lesson from lesson=', () => {
    const plan = planEmbed([
      ['lesson', '# Tensors\n\n```python\nimport torch\n```'],
      ['theme', 'dark'],
    ]);
    assert.deepEqual(plan.elements, [
      {
        tag: 'torchlet-lesson',
        attributes: [['theme', 'dark']],
        markdown: '# Tensors\n\n```python\nimport torch\n```',
      },
    ]);
  });

  it('rejects what it does not know, saying what it takes', () => {
    rejects(
      [['element', 'marquee']],
      /Unknown element "marquee": use tensor-playground, gpu-speedup, gradient-plot or lesson/,
    );
    rejects(
      [
        ['element', 'gpu-speedup'],
        ['onload', 'x'],
      ],
      /Unknown setting "onload" for <gpu-speedup>\. It takes: n, repeats/,
    );
    rejects(
      [
        ['code', 'x'],
        ['fn', 'x'],
      ],
      /Unknown setting "fn" for <tensor-playground>\. It takes: code, check, session/,
    );
    rejects(
      [
        ['lesson', '# a'],
        ['code', 'x'],
      ],
      /Unknown setting "code" for a lesson/,
    );
    rejects([], /shows nothing/);
    rejects([['theme', 'dark']], /shows nothing/);
  });

  it('rejects values that do not fit, and settings given twice', () => {
    rejects(
      [
        ['element', 'gpu-speedup'],
        ['n', '12abc'],
      ],
      /n= must be a number for <gpu-speedup>, not "12abc"/,
    );
    rejects(
      [
        ['element', 'gpu-speedup'],
        ['gpu-backend', 'cuda'],
      ],
      /gpu-backend= must be one of auto, webgpu, webgl, none/,
    );
    rejects(
      [
        ['code', 'x'],
        ['theme', 'blue'],
      ],
      /theme= must be light or dark/,
    );
    rejects(
      [
        ['code', 'x'],
        ['autorun', 'maybe'],
      ],
      /autorun is on or off/,
    );
    rejects(
      [
        ['code', 'x'],
        ['device', 'tpu'],
      ],
      /device= must be one of cpu, cuda/,
    );
    rejects(
      [
        ['code', 'x'],
        ['session', 'a'],
        ['session', 'b'],
      ],
      /session= is given twice/,
    );
    rejects(
      [
        ['code', 'x'],
        ['check', 'a'],
        ['check', 'b'],
      ],
      /check= is given twice for one cell/,
    );
    rejects(
      [
        ['element', 'gpu-speedup'],
        ['code', 'x'],
      ],
      /code= is not a setting of <gpu-speedup>/,
    );
    rejects(
      [
        ['element', 'gpu-speedup'],
        ['element', 'gradient-plot'],
      ],
      /element= is given twice/,
    );
    rejects(
      [
        ['code', 'x'],
        ['src', 'a.py'],
      ],
      /either as code=… or as src=…/,
    );
    rejects(
      Array.from({ length: MAX_CELLS + 1 }, () => ['code', 'x'] as [string, string]),
      /at most 40 cells/,
    );
  });

  it('checks one data-* value the way the markup upgrade does', () => {
    assert.equal(attributeValue('gpu-speedup', 'n', ' 64 '), '64');
    assert.equal(attributeValue('tensor-playground', 'autorun', ''), '');
    assert.equal(attributeValue('tensor-playground', 'autorun', 'false'), null);
    assert.throws(() => attributeValue('tensor-playground', 'style', 'x'), EmbedFragmentError);
  });
});

describe('embed links and snippets', () => {
  it('keeps a short link readable and compresses a long one', async () => {
    const page = 'https://cdn.example/torchlet/embed.html';
    assert.equal(
      await embedUrl(`${page}#old`, [
        ['code', 'a.sum()'],
        ['autorun', ''],
      ]),
      `${page}#code=a.sum()&autorun`,
    );
    const long = await embedUrl(page, [['code', 'print("a long line of a long program")\n'.repeat(60)]]);
    assert.match(long, /#z=[\w-]+$/);
    assert.ok(long.length < 600);
  });

  it('writes an iframe with only attributes sanitizers keep, escaped', () => {
    const snippet = iframeSnippet('https://x/embed.html#code=a"<b>&autorun', {
      height: 321.4,
      title: 'Cell "1"',
    });
    assert.equal(
      snippet,
      '<iframe src="https://x/embed.html#code=a&quot;&lt;b&gt;&amp;autorun" title="Cell &quot;1&quot;" width="100%" height="321" allow="clipboard-write" allowfullscreen loading="lazy"></iframe>',
    );
  });

  it('suggests a height that grows with the code and the element', () => {
    const one = suggestedHeight([['code', 'a\nb\nc']]);
    const three = suggestedHeight([
      ['code', 'a'],
      ['code', 'b'],
      ['code', 'c'],
    ]);
    assert.ok(one >= 200 && one < 400, String(one));
    assert.ok(three > 2 * one - 100, String(three));
    assert.ok(suggestedHeight([['element', 'gpu-speedup']]) >= 500);
  });
});
