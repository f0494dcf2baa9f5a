import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeEmbedFragment,
  EmbedFragmentError,
  encodeEmbedFragment,
  MAX_FRAGMENT_CHARS,
} from './fragment.js';

const CELL = 'import torch\na = torch.tensor([1, 2, 3])\na.sum()  # → tensor(6) & 100% "ok"\n';

describe('embed fragment', () => {
  it('writes plain parameters percent-encoded, a flag as its bare name', async () => {
    const fragment = await encodeEmbedFragment([
      ['code', 'a = 1 + 2'],
      ['autorun', ''],
      ['theme', 'dark'],
    ]);
    assert.equal(fragment, 'code=a%20%3D%201%20%2B%202&autorun&theme=dark');
  });

  it('reads back what it writes, plain and compressed, in order, with repeated keys', async () => {
    const params: Array<[string, string]> = [
      ['code', CELL],
      ['code', 'print("second cell: é, 漢字, 🔥")'],
      ['session', 's 1'],
      ['readonly', ''],
      ['hint', 'a=b&c'],
    ];
    for (const compress of [false, true]) {
      const fragment = await encodeEmbedFragment(params, { compress });
      assert.deepEqual(await decodeEmbedFragment(fragment), params);
      assert.deepEqual(await decodeEmbedFragment(`#${fragment}`), params, 'a leading # is accepted');
    }
  });

  it('writes the compressed form as one z= of base64url text, shorter for long code', async () => {
    const long: Array<[string, string]> = [['code', CELL.repeat(40)]];
    const fragment = await encodeEmbedFragment(long, { compress: true });
    assert.match(fragment, /^z=[A-Za-z0-9_-]+$/);
    assert.ok(fragment.length < (await encodeEmbedFragment(long)).length / 5);
  });

  it('lets plain parameters follow z=', async () => {
    const z = await encodeEmbedFragment([['code', 'x = 1']], { compress: true });
    assert.deepEqual(await decodeEmbedFragment(`${z}&theme=dark`), [
      ['code', 'x = 1'],
      ['theme', 'dark'],
    ]);
  });

  it('reads hand-written fragments: empty parts, a literal +, an empty fragment', async () => {
    assert.deepEqual(await decodeEmbedFragment('code=1+2&&autorun&'), [
      ['code', '1+2'],
      ['autorun', ''],
    ]);
    assert.deepEqual(await decodeEmbedFragment(''), []);
    assert.deepEqual(await decodeEmbedFragment('#'), []);
  });

  const rejects = async (fragment: string, message: RegExp) => {
    await assert.rejects(decodeEmbedFragment(fragment), (error: unknown) => {
      assert.ok(error instanceof EmbedFragmentError, `an EmbedFragmentError, not ${String(error)}`);
      assert.match(error.message, message);
      return true;
    });
  };

  it('rejects damaged input with a plain message', async () => {
    await rejects('code=%E0%A4%A', /not valid percent-encoding/);
    await rejects('=value', /value with no name/);
    await rejects('z=', /is empty/);
    await rejects('z=abc$def', /damaged/);
    await rejects('z=aGVsbG8gd29ybGQ', /damaged or was cut short/);
    const inner = await encodeEmbedFragment([['z', 'x']], { compress: true });
    await rejects(inner, /another z=/);
  });

  it('rejects a compressed fragment cut short at any length', async () => {
    const fragment = await encodeEmbedFragment([['code', CELL.repeat(3)]], { compress: true });
    for (const cut of [fragment.length - 1, fragment.length - 7, Math.floor(fragment.length / 2), 3]) {
      await rejects(fragment.slice(0, cut), /damaged|cut short/);
    }
  });

  it('rejects content over the size limit, plain or as a decompression bomb', async () => {
    const huge = 'x'.repeat(MAX_FRAGMENT_CHARS + 1);
    await rejects(`code=${huge}`, /too long/);
    const bomb = await encodeEmbedFragment([['code', 'a'.repeat(4 * MAX_FRAGMENT_CHARS)]], {
      compress: true,
    });
    assert.ok(bomb.length < 20_000, 'the bomb is a short link');
    await rejects(bomb, /too long/);
  });
});
