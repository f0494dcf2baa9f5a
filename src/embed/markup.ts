// Upgrades sanitizer-safe markup into torchlet elements (loaded by markup-scan.ts when a page has
// some). Every attribute is written as data-NAME; the markup stays on the page, readable, until
// its element is defined, then is hidden (not removed) and marked, so upgrading twice does nothing.
//   <pre class="torchlet-playground" data-session="s" data-autorun>code</pre>
//   <pre class="torchlet-check">check code</pre>            (right after it: the cell's check)
//   <div class="torchlet-gpu-speedup" data-n="256"><p>intro</p></div>
//   <div class="torchlet-gradient-plot" data-x="0.5">
//     <div class="torchlet-gp-function" data-fn="x**2" data-label="x²"></div>
//     <pre class="torchlet-python">def f(x): ...</pre>
//   </div>
import { requestDefinition } from '../elements/shared/define-when-used.js';
import { EmbedFragmentError } from './fragment.js';
import { MARKUP_SELECTOR } from './markup-scan.js';
import { attributeValue, type EmbeddableTag } from './params.js';

const TAG_OF_CLASS: Array<[string, EmbeddableTag]> = [
  ['torchlet-playground', 'tensor-playground'],
  ['torchlet-gpu-speedup', 'gpu-speedup'],
  ['torchlet-gradient-plot', 'gradient-plot'],
];
const GP_FUNCTION_ATTRIBUTES = ['fn', 'name', 'label', 'color'];
const UPGRADED = 'data-torchlet-upgraded';
// What the LMSes' rich-text editors (TinyMCE, CKEditor) add on their own: never a teacher's typo.
const EDITOR_ATTRIBUTE = /^data-(mce|cke)-/;

/** The data-* attributes of `source` that are attributes of `tag`, as the element takes them. */
function copyAttributes(source: Element, target: Element, tag: EmbeddableTag): void {
  for (const { name, value } of [...source.attributes]) {
    if (!name.startsWith('data-') || name === UPGRADED || EDITOR_ATTRIBUTE.test(name)) continue;
    const attribute = name.slice('data-'.length);
    try {
      const checked = attributeValue(tag, attribute, value);
      if (checked !== null) target.setAttribute(attribute, checked);
    } catch (error) {
      // Skipped: sites add data-* of their own (editors, analytics); the note is for a teacher's typo.
      if (error instanceof EmbedFragmentError)
        console.warn(`torchlet: ${name} on .${source.className}: ${error.message}`);
      else throw error;
    }
  }
}

/** Code as an element's `<script type="text/x-python">`: text only, a type no browser runs. */
function pythonScript(code: string, slot?: string): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'text/x-python';
  if (slot) script.slot = slot;
  script.textContent = code;
  return script;
}

function isCheck(node: Element | null): node is HTMLElement {
  return !!node && node.classList.contains('torchlet-check') && !node.hasAttribute(UPGRADED);
}

/** The element for one piece of markup, and what moves into it (or hides with it). */
function build(
  source: HTMLElement,
  tag: EmbeddableTag,
): { element: HTMLElement; hide: HTMLElement[]; move: Node[] } {
  const element = document.createElement(tag);
  copyAttributes(source, element, tag);
  const hide = [source];
  const move: Node[] = [];
  if (tag === 'tensor-playground') {
    element.append(pythonScript(source.textContent ?? ''));
    const next = source.nextElementSibling;
    if (isCheck(next)) {
      next.setAttribute(UPGRADED, '');
      element.append(pythonScript(next.textContent ?? '', 'check'));
      hide.push(next);
    }
  } else if (tag === 'gradient-plot') {
    for (const child of source.children) {
      if (child.classList.contains('torchlet-gp-function')) {
        const curve = document.createElement('gp-function');
        for (const name of GP_FUNCTION_ATTRIBUTES) {
          const value = child.getAttribute(`data-${name}`);
          if (value !== null) curve.setAttribute(name, value);
        }
        element.append(curve);
      } else if (child.localName === 'pre') {
        element.append(pythonScript(child.textContent ?? ''));
      }
    }
  } else {
    // The teacher's introduction above the meter.
    move.push(...source.childNodes);
  }
  return { element, hide, move };
}

async function swapWhenDefined(source: HTMLElement, tag: EmbeddableTag): Promise<void> {
  const { element, hide, move } = build(source, tag);
  requestDefinition(tag);
  await customElements.whenDefined(tag);
  if (!source.isConnected) return;
  element.append(...move);
  source.before(element);
  // Inline style, not [hidden]: a site's CSS may give pre and div a display of their own.
  for (const node of hide) node.style.display = 'none';
}

/** Upgrades every piece of torchlet markup under `root` not upgraded yet; returns how many. */
export function upgradeMarkup(root: ParentNode = document): number {
  const sources = [...root.querySelectorAll<HTMLElement>(MARKUP_SELECTOR)];
  for (const source of sources) {
    // Marked now, synchronously: a second scan (or a second copy of torchlet.js) skips it.
    source.setAttribute(UPGRADED, '');
    const tag = TAG_OF_CLASS.find(([name]) => source.classList.contains(name))![1];
    void swapWhenDefined(source, tag);
  }
  return sources.length;
}
