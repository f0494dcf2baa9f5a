// Runs before any element of the CDN file is defined (src/cdn.ts imports it first): elements
// already on the page upgrade, and may start the kernel, the moment their tag is defined, so the
// kernel's file locations must be configured before that.
import { setBasePath } from './kernel/base-path.js';

// ---- where lazily loaded files are: beside this file, unless the page says otherwise ----
// (a script tag's data-torchlet-base, or setBasePath called before the first element connects)

const fromAttribute =
  typeof document === 'undefined'
    ? undefined
    : document.querySelector<HTMLScriptElement>('script[data-torchlet-base]')?.dataset.torchletBase;
// Not the literal new URL('./', import.meta.url), which a bundler would try to emit as a file.
const here = import.meta.url;
setBasePath(fromAttribute || new URL('./', here).href);

// ---- loading the file twice ----
// A second copy of torchlet.js (the same file from another URL, e.g. `?v=2`) finds its tags
// taken; defining them again would throw, so a repeated define of torchlet's own tags is skipped.
const OWN_TAGS = new Set([
  'tensor-playground',
  'gpu-speedup',
  'gradient-plot',
  'gp-function',
  'torchlet-lesson',
]);

if (typeof customElements !== 'undefined') {
  const registry = customElements;
  const define = registry.define.bind(registry);
  let noted = false;
  registry.define = (
    name: string,
    constructor: CustomElementConstructor,
    options?: ElementDefinitionOptions,
  ) => {
    if (OWN_TAGS.has(name) && registry.get(name)) {
      if (!noted)
        console.info(
          `torchlet: <${name}> is already defined (torchlet.js loaded twice); this copy's elements are not used.`,
        );
      noted = true;
      return;
    }
    define(name, constructor, options);
  };
}
