// Server-side rendering and static-site builds (VitePress, Astro, Next, Nuxt) import the package
// where there is no DOM: every entry must import without throwing and without defining a DOM.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const ENTRIES = [
  '../src/index.js',
  '../src/cdn.js',
  '../src/elements/tensor-playground/tensor-playground.js',
  '../src/elements/gradient-plot/gradient-plot.js',
  '../src/elements/gpu-speedup/gpu-speedup.js',
];

test('every entry imports where there is no DOM', async () => {
  assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
  for (const entry of ENTRIES) {
    const mod = await import(entry);
    assert.ok(Object.keys(mod).length > 0, `${entry} exports something`);
  }
  const { TensorPlayground, GpFunction, setBasePath } = await import('../src/index.js');
  assert.equal(typeof TensorPlayground, 'function');
  assert.equal(typeof GpFunction, 'function');
  // setBasePath works on the server too (it only records the folder).
  setBasePath('https://example.org/torchlet');
  assert.equal((await import('../src/index.js')).getBasePath(), 'https://example.org/torchlet/');
  assert.equal(typeof (globalThis as { HTMLElement?: unknown }).HTMLElement, 'undefined');
});
