// Runs before any element of the CDN file is defined (src/cdn.ts imports it first): elements
// already on the page upgrade, and may start the kernel, the moment their tag is defined, so the
// kernel's file locations must be configured before that.
import { configureKernel } from './kernel/client.js';

// ---- where lazily loaded files are: beside this file, unless the page says otherwise ----

/** The directory the CDN file was loaded from, ending in '/'. */
const ownBase = new URL('./', import.meta.url).href;
let basePath = ownBase;

function normalise(base: string | URL): string {
  let url: string;
  try {
    url = new URL(String(base), document.baseURI).href;
  } catch {
    url = new URL(String(base), ownBase).href;
  }
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Where the kernel Worker (`worker.js`, with its chunks) and tfjs's `.wasm` files are loaded from,
 * for a page that hosts them elsewhere than beside torchlet.js. Takes effect for a kernel not yet
 * started: put `data-torchlet-base="URL/"` on the script tag, or call it before the first element
 * connects. The editor's chunks always load from beside torchlet.js (ES imports are relative).
 */
export function setBasePath(base: string | URL): void {
  basePath = normalise(base);
  configureKernel({ workerUrl: `${basePath}worker.js`, wasmBase: basePath });
}

/** The base in use: setBasePath's, the script tag's data-torchlet-base, else torchlet.js's directory. */
export function getBasePath(): string {
  return basePath;
}

const fromAttribute =
  typeof document === 'undefined'
    ? undefined
    : document.querySelector<HTMLScriptElement>('script[data-torchlet-base]')?.dataset.torchletBase;
setBasePath(fromAttribute || ownBase);

// ---- loading the file twice ----
// A second copy of torchlet.js (the same file from another URL, e.g. `?v=2`) finds its tags
// taken; defining them again would throw, so a repeated define of torchlet's own tags is skipped.
const OWN_TAGS = new Set(['tensor-playground', 'gpu-speedup', 'gradient-plot', 'gp-function', 'torchlet-lesson']);

if (typeof customElements !== 'undefined') {
  const registry = customElements;
  const define = registry.define.bind(registry);
  let noted = false;
  registry.define = (name: string, constructor: CustomElementConstructor, options?: ElementDefinitionOptions) => {
    if (OWN_TAGS.has(name) && registry.get(name)) {
      if (!noted) console.info(`torchlet: <${name}> is already defined (torchlet.js loaded twice); this copy's elements are not used.`);
      noted = true;
      return;
    }
    define(name, constructor, options);
  };
}
