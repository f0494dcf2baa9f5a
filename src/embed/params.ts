// What an embed link may ask for: which element, with which attributes, checked before anything
// is created. Fragment values are untrusted text: each name must be a documented attribute and
// each value fit it, else the page shows the EmbedFragmentError's message and runs nothing.
// No DOM: runs in Node (its tests) and in the sanitizer-safe markup upgrade.
import { EmbedFragmentError } from './fragment.js';

/** How an attribute's value is checked: free text, a number, a boolean flag, or one of a list. */
export type AttributeKind = 'text' | 'number' | 'flag' | readonly string[];

const THEMES = ['light', 'dark'] as const;
const DEVICES = ['cpu', 'cuda'] as const;

/** Every documented attribute of each element (custom-elements.json), by its attribute name. */
export const ELEMENT_ATTRIBUTES: Record<EmbeddableTag, Record<string, AttributeKind>> = {
  'tensor-playground': {
    session: 'text',
    device: DEVICES,
    readonly: 'flag',
    autorun: 'flag',
    persist: 'text',
    theme: THEMES,
    src: 'text',
    hint: 'text',
  },
  'gpu-speedup': {
    n: 'number',
    repeats: 'number',
    sweep: 'flag',
    'min-n': 'number',
    'max-n': 'number',
    'gpu-backend': ['auto', 'webgpu', 'webgl', 'none'],
    'cpu-backend': ['auto', 'wasm', 'cpu'],
    naive: 'flag',
    'time-limit': 'number',
    refine: 'number',
    autorun: 'flag',
    theme: THEMES,
  },
  'gradient-plot': {
    fn: 'text',
    x: 'number',
    'x-min': 'number',
    'x-max': 'number',
    step: 'number',
    accumulate: 'flag',
    device: DEVICES,
    theme: THEMES,
    exercise: 'flag',
  },
};

export type EmbeddableTag = 'tensor-playground' | 'gpu-speedup' | 'gradient-plot';

/** One element the embed page creates. Attribute values are final (a flag that is on is ''). */
export interface PlannedElement {
  tag: EmbeddableTag | 'torchlet-lesson';
  attributes: Array<[string, string]>;
  /** A playground's starting code. */
  code?: string;
  /** A playground's check (its `check` slot). */
  check?: string;
  /** A gradient plot's curves when `fn` is given more than once (one `<gp-function>` each). */
  curves?: string[];
  /** A lesson's Markdown (the `markdown` property of `<torchlet-lesson>`). */
  markdown?: string;
}

export interface EmbedPlan {
  theme: 'light' | 'dark';
  elements: PlannedElement[];
}

/** More cells than this is not an embed but a course: put it in a lesson. */
export const MAX_CELLS = 40;

const ELEMENT_NAMES: Record<string, EmbeddableTag | 'torchlet-lesson'> = {
  'tensor-playground': 'tensor-playground',
  playground: 'tensor-playground',
  'gpu-speedup': 'gpu-speedup',
  'gradient-plot': 'gradient-plot',
  lesson: 'torchlet-lesson',
  'torchlet-lesson': 'torchlet-lesson',
};

const quote = (text: string) => `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;

/**
 * The attribute value to set for `name` on `tag` from an embed or data-* value: the value itself,
 * '' for a flag that is on, null for a flag that is off. Throws EmbedFragmentError when the value
 * does not fit (`n=abc`, `theme=blue`, `autorun=maybe`).
 */
export function attributeValue(tag: EmbeddableTag, name: string, value: string): string | null {
  const kind = ELEMENT_ATTRIBUTES[tag][name];
  if (kind === undefined) throw unknownName(tag, name);
  if (kind === 'text') return value;
  if (kind === 'number') {
    if (value.trim() === '' || !Number.isFinite(Number(value))) {
      throw new EmbedFragmentError(`${name}= must be a number for <${tag}>, not ${quote(value)}.`);
    }
    return value.trim();
  }
  if (kind === 'flag') {
    if (value === '' || value === 'true' || value === '1' || value === name) return '';
    if (value === 'false' || value === '0') return null;
    throw new EmbedFragmentError(
      `${name} is on or off: write "&${name}" (or ${name}=false), not ${name}=${quote(value)}.`,
    );
  }
  if (!kind.includes(value)) {
    throw new EmbedFragmentError(
      `${name}= must be one of ${kind.join(', ')} for <${tag}>, not ${quote(value)}.`,
    );
  }
  return value;
}

function unknownName(tag: string, name: string, extra: string[] = []): EmbedFragmentError {
  const known = [...extra, ...Object.keys(ELEMENT_ATTRIBUTES[tag as EmbeddableTag] ?? {})];
  return new EmbedFragmentError(
    `Unknown setting ${quote(name)} for <${tag}>. It takes: ${known.join(', ')}.`,
  );
}

/** Which element the parameters ask for: `element=`, else a lesson for `lesson=`, a cell for `code=`. */
function chooseTag(params: Array<[string, string]>): EmbeddableTag | 'torchlet-lesson' {
  const named = params.filter(([key]) => key === 'element');
  if (named.length > 1)
    throw new EmbedFragmentError('element= is given twice: an embed shows one kind of element.');
  if (named.length === 1) {
    const tag = ELEMENT_NAMES[named[0][1]];
    if (!tag) {
      throw new EmbedFragmentError(
        `Unknown element ${quote(named[0][1])}: use tensor-playground, gpu-speedup, gradient-plot or lesson.`,
      );
    }
    return tag;
  }
  if (params.some(([key]) => key === 'lesson')) return 'torchlet-lesson';
  if (params.some(([key]) => key === 'code' || key === 'src')) return 'tensor-playground';
  throw new EmbedFragmentError(
    'This embed link shows nothing: it needs code=… (a Python cell), element=gpu-speedup, element=gradient-plot or lesson=….',
  );
}

/** Reads decoded fragment parameters into the elements to create, or throws EmbedFragmentError. */
export function planEmbed(params: Array<[string, string]>): EmbedPlan {
  const tag = chooseTag(params);
  let theme: 'light' | 'dark' = 'light';
  const rest: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (key === 'element') continue;
    if (key === 'theme') {
      if (seen.has(key)) throw new EmbedFragmentError('theme= is given twice.');
      seen.add(key);
      if (value !== 'light' && value !== 'dark')
        throw new EmbedFragmentError(`theme= must be light or dark, not ${quote(value)}.`);
      theme = value;
      continue;
    }
    rest.push([key, value]);
  }
  const elements =
    tag === 'torchlet-lesson'
      ? planLesson(rest)
      : tag === 'tensor-playground'
        ? planCells(rest)
        : [planWidget(tag, rest)];
  if (theme === 'dark') for (const element of elements) element.attributes.push(['theme', 'dark']);
  return { theme, elements };
}

function planLesson(params: Array<[string, string]>): PlannedElement[] {
  const lessons = params.filter(([key]) => key === 'lesson');
  const other = params.find(([key]) => key !== 'lesson');
  if (other)
    throw new EmbedFragmentError(`Unknown setting ${quote(other[0])} for a lesson. It takes: lesson, theme.`);
  if (lessons.length !== 1) {
    throw new EmbedFragmentError(
      lessons.length
        ? 'lesson= is given twice: an embed shows one lesson.'
        : 'lesson= is missing: the lesson’s Markdown goes there.',
    );
  }
  return [{ tag: 'torchlet-lesson', attributes: [], markdown: lessons[0][1] }];
}

/**
 * Cells of one session, in order: each `code=` starts a cell; `check=` and `hint=` belong to the
 * cell before them (or the first cell when they come first); every other setting is for all cells.
 */
function planCells(params: Array<[string, string]>): PlannedElement[] {
  const tag = 'tensor-playground';
  const cells: PlannedElement[] = [];
  const pending: { check?: string; hint?: string } = {};
  const shared: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (key === 'code') {
      const cell: PlannedElement = { tag, attributes: [], code: value };
      if (cells.length === 0) {
        if (pending.check !== undefined) cell.check = pending.check;
        if (pending.hint !== undefined) cell.attributes.push(['hint', pending.hint]);
      }
      cells.push(cell);
      if (cells.length > MAX_CELLS) {
        throw new EmbedFragmentError(
          `An embed holds at most ${MAX_CELLS} cells; for more, make a lesson (lesson=…).`,
        );
      }
    } else if (key === 'check' || key === 'hint') {
      const cell = cells.at(-1);
      const has = cell
        ? key === 'check'
          ? cell.check !== undefined
          : cell.attributes.some(([name]) => name === 'hint')
        : pending[key] !== undefined;
      if (has) throw new EmbedFragmentError(`${key}= is given twice for one cell: each code= takes one.`);
      if (!cell) pending[key] = value;
      else if (key === 'check') cell.check = value;
      else cell.attributes.push(['hint', value]);
    } else {
      if (!(key in ELEMENT_ATTRIBUTES[tag])) throw unknownName(tag, key, ['code', 'check']);
      if (seen.has(key)) throw new EmbedFragmentError(`${key}= is given twice.`);
      seen.add(key);
      const attribute = attributeValue(tag, key, value);
      if (attribute !== null) shared.push([key, attribute]);
    }
  }
  const src = shared.some(([key]) => key === 'src');
  if (src && cells.length > 0)
    throw new EmbedFragmentError('Give the code either as code=… or as src=…, not both.');
  if (src) {
    // The code comes from the file: check= and hint= (written before any code=) are its cell's.
    const cell: PlannedElement = { tag, attributes: [] };
    if (pending.hint !== undefined) cell.attributes.push(['hint', pending.hint]);
    if (pending.check !== undefined) cell.check = pending.check;
    cells.push(cell);
  }
  if (cells.length === 0) throw new EmbedFragmentError('code= is missing: a cell needs its Python code.');
  // Several cells are one notebook: they share a session unless the link names one.
  if (cells.length > 1 && !seen.has('session')) shared.push(['session', 'embed']);
  for (const cell of cells) cell.attributes.push(...shared);
  return cells;
}

function planWidget(tag: EmbeddableTag, params: Array<[string, string]>): PlannedElement {
  const element: PlannedElement = { tag, attributes: [] };
  const curves: string[] = [];
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (tag === 'gradient-plot' && key === 'fn') {
      curves.push(value);
      continue;
    }
    if (key === 'code' || key === 'lesson') {
      throw new EmbedFragmentError(
        `${key}= is not a setting of <${tag}>: leave out element=${tag}, or ${key}=.`,
      );
    }
    if (seen.has(key)) throw new EmbedFragmentError(`${key}= is given twice.`);
    seen.add(key);
    const attribute = attributeValue(tag, key, value);
    if (attribute !== null) element.attributes.push([key, attribute]);
  }
  if (curves.length === 1) element.attributes.unshift(['fn', curves[0]]);
  else if (curves.length > 1) element.curves = curves;
  return element;
}
