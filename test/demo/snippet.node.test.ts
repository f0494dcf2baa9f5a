import { test } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error: the demo's plain-JS helper has no types
import { snippetOf } from '../../demo/snippet.js';

test('guide snippets write boolean attributes bare and keep the code as written', () => {
  const html = `
          <tensor-playground device="cuda" autorun="" readonly="">
            <script type="text/x-python">
              x = ""
              print(x == "")
            </script>
          </tensor-playground>`;
  assert.equal(
    snippetOf(html),
    [
      '<tensor-playground device="cuda" autorun readonly>',
      '  <script type="text/x-python">',
      '    x = ""',
      '    print(x == "")',
      '  </script>',
      '</tensor-playground>',
    ].join('\n'),
  );
});
