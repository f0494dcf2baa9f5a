// The script of embed.html (dist/cdn/embed.js): reads the URL fragment, checks it, creates the
// elements it names and only then loads torchlet.js. Tells the parent page its height and relays
// the elements' events, so an LMS page or a grading script can size the iframe and record attempts.
import { decodeEmbedFragment, EmbedFragmentError } from './fragment.js';
import { planEmbed, type EmbedPlan, type PlannedElement } from './params.js';

/** Every event of the elements, relayed to the parent as `{ source: 'torchlet', type, detail }`. */
export const RELAYED_EVENTS = [
  'tp-run-start',
  'tp-run-end',
  'tp-check',
  'gs-progress',
  'gs-result',
  'gs-error',
  'gp-change',
];

const main = document.querySelector('main')!;

function post(message: Record<string, unknown>): void {
  if (parent === window) return;
  try {
    // The parent may be any page (an LMS, a blog): the messages hold nothing but the embed's own data.
    parent.postMessage({ source: 'torchlet', ...message }, '*');
  } catch {
    // Not structured-clone data (a detail with functions or nodes): send its JSON form instead.
    parent.postMessage({ source: 'torchlet', ...JSON.parse(JSON.stringify(message)) }, '*');
  }
}

function showMessage(text: string, role: 'alert' | 'note'): HTMLElement {
  const box = document.createElement('p');
  box.className = role === 'alert' ? 'embed-error' : 'embed-note';
  box.setAttribute('role', role);
  box.textContent = text;
  main.prepend(box);
  return box;
}

/** A short stable name for the fragment, so each embed keeps its own students' edits. */
function fragmentKey(fragment: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(36) + (h1 >>> 0).toString(36);
}

function storageWorks(): boolean {
  try {
    const probe = 'torchlet:embed:probe';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

/** Text as a `<template>`'s content: the element reads it as code, the page never parses it as HTML. */
function codeTemplate(code: string, slot?: string): HTMLTemplateElement {
  const template = document.createElement('template');
  if (slot) template.setAttribute('slot', slot);
  template.content.append(document.createTextNode(code));
  return template;
}

function createElement(planned: PlannedElement, index: number, key: string): HTMLElement {
  const element = document.createElement(planned.tag);
  for (const [name, value] of planned.attributes) element.setAttribute(name, value);
  if (planned.tag === 'tensor-playground') {
    if (!element.hasAttribute('persist')) element.setAttribute('persist', `embed-${key}-${index}`);
    if (planned.code !== undefined) element.append(codeTemplate(planned.code));
    if (planned.check !== undefined) element.append(codeTemplate(planned.check, 'check'));
  }
  for (const fn of planned.curves ?? []) {
    const curve = document.createElement('gp-function');
    curve.setAttribute('fn', fn);
    element.append(curve);
  }
  // Set before the element is defined: <torchlet-lesson> keeps a property set before its upgrade.
  if (planned.markdown !== undefined)
    (element as HTMLElement & { markdown: string }).markdown = planned.markdown;
  return element;
}

/** Relays the elements' events; `index` says which of `elements` (in the fragment's order) sent it. */
function relayEvents(elements: Element[]): void {
  for (const type of RELAYED_EVENTS) {
    document.addEventListener(type, (event) => {
      const target = event.target as Element;
      post({ type, detail: (event as CustomEvent).detail ?? null, index: elements.indexOf(target) });
    });
  }
}

function reportHeight(): void {
  let last = -1;
  const observer = new ResizeObserver(() => {
    // The document's own height (not the viewport's), so the frame can shrink as well as grow.
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    post({ type: 'resize', height });
  });
  observer.observe(document.documentElement);
}

async function read(): Promise<EmbedPlan> {
  return planEmbed(await decodeEmbedFragment(location.hash));
}

async function start(): Promise<void> {
  reportHeight();
  // A new fragment is a new embed: start afresh rather than patch the elements in place.
  addEventListener('hashchange', () => location.reload());
  let plan: EmbedPlan;
  try {
    plan = await read();
  } catch (error) {
    const message =
      error instanceof EmbedFragmentError
        ? error.message
        : `This embed link could not be read (${String(error)}).`;
    showMessage(message, 'alert');
    post({ type: 'error', detail: { message } });
    return;
  }
  document.documentElement.dataset.theme = plan.theme;
  const key = fragmentKey(location.hash);
  const elements = plan.elements.map((planned, i) => createElement(planned, i, key));
  main.append(...elements);
  const editable = plan.elements.some(
    (el) =>
      el.tag === 'torchlet-lesson' ||
      (el.tag === 'tensor-playground' && !el.attributes.some(([name]) => name === 'readonly')),
  );
  if (editable && !storageWorks()) {
    const message =
      'Your edits are not saved in this frame: the browser gives it no storage (a sandboxed frame, or third-party storage blocked).';
    showMessage(message, 'note');
    post({ type: 'notice', detail: { message } });
  }
  relayEvents(elements);
  try {
    // Code cells alone (the common embed) need only <tensor-playground>; anything else, all of torchlet.js.
    if (plan.elements.every((el) => el.tag === 'tensor-playground')) await import('./playground-part.js');
    else await import('../cdn.js');
  } catch (error) {
    showMessage(`torchlet could not load (${String(error)}): check your connection and reload.`, 'alert');
  }
}

void start();
