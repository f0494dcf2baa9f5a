// Checks a teacher's attribute values against what each attribute allows, before anything reaches
// the kernel. Lookups use own properties only: `device="constructor"` or `"toString"` must not find
// Object.prototype's members. Each check gives the value to use and, when the value was not
// allowed, a plain message to show on the element.
import type { DeviceName } from '../../kernel/protocol.js';

export interface Checked<T> {
  value: T;
  /** Why the written value was not used; undefined when it was fine (or absent). */
  problem?: string;
}

/** Own-property lookup: never finds inherited members such as `constructor` or `__proto__`. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** The device strings PyTorch accepts that this page can honour, and what they run on. */
const DEVICES: Readonly<Record<string, DeviceName>> = Object.freeze({
  cpu: 'cpu',
  cuda: 'cuda',
  'cuda:0': 'cuda',
});

/** PyTorch's own device types that exist but that the browser has nothing for. */
const OTHER_TORCH_DEVICES = ['mps', 'xpu', 'xla', 'meta', 'hip', 'mtia', 'ipu', 'vulkan', 've', 'hpu'];

/** Quotes a written value for a message, shortened so a huge attribute stays readable. */
function quote(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(short);
}

/**
 * A device attribute (`device="cuda"`). Accepts `cpu`, `cuda` and `cuda:0`, as `torch.device` does
 * (case-sensitive, like PyTorch); anything else falls back to `fallback` with a message.
 */
export function checkDevice(
  written: string | null | undefined,
  fallback: DeviceName,
  tag: string,
): Checked<DeviceName> {
  if (written == null) return { value: fallback };
  const value = ownValue(DEVICES, written.trim());
  if (value !== undefined) return { value };
  const trimmed = written.trim();
  let why: string;
  if (/^cuda:\d+$/.test(trimmed)) why = 'this page has one GPU, cuda:0';
  else if (ownValue(DEVICES, trimmed.toLowerCase()) !== undefined)
    why = `device names are lower case, as in PyTorch: write ${quote(trimmed.toLowerCase())}`;
  else if (OTHER_TORCH_DEVICES.includes(trimmed.toLowerCase().replace(/:\d+$/, '')))
    why = 'a browser has no such device; the choices are "cpu" and "cuda"';
  else why = 'the choices are "cpu" and "cuda" (or "cuda:0")';
  return {
    value: fallback,
    problem: `<${tag} device=${quote(written)}>: not a device here (${why}), so ${fallback} is used.`,
  };
}

/**
 * A number attribute (`x-min="-3"`), read as Python reads a float literal: finite, optionally within
 * [min, max]; otherwise the default with a message. `null` (attribute absent) gives the default.
 */
export function checkNumber(
  written: string | null | undefined,
  fallback: number,
  tag: string,
  name: string,
  limits: { min?: number; max?: number; positive?: boolean } = {},
): Checked<number> {
  if (written == null) return { value: fallback };
  const text = written.trim().replace(/_/g, '');
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  let why = '';
  if (!Number.isFinite(value)) why = 'it is not a finite number';
  else if (limits.positive && value <= 0) why = 'it must be greater than 0';
  else if (limits.min !== undefined && value < limits.min) why = `it must be at least ${limits.min}`;
  else if (limits.max !== undefined && value > limits.max) why = `it must be at most ${limits.max}`;
  if (!why) return { value };
  return { value: fallback, problem: `<${tag} ${name}=${quote(written)}>: ${why}, so ${fallback} is used.` };
}

/** A colour attribute: accepted only when the browser's CSS parser takes it as one colour value. */
export function checkColor(
  written: string | null | undefined,
  fallback: string,
  tag: string,
): Checked<string> {
  const value = written?.trim();
  if (!value) return { value: fallback };
  if (isCssColor(value)) return { value };
  return {
    value: fallback,
    problem: `<${tag} color=${quote(written!)}>: not a CSS colour, so ${fallback} is used.`,
  };
}

/** One CSS colour, no more (`red;background:url(…)` is not one). Outside a browser: nothing is. */
export function isCssColor(value: string): boolean {
  if (typeof CSS === 'undefined' || typeof CSS.supports !== 'function') return false;
  // CSS.supports('color', 'red;x') is false already; the extra test keeps declarations out even
  // if a browser were lenient about a trailing `;`.
  return !/[;{}]/.test(value) && CSS.supports('color', value);
}

/** The colour schemes every element offers. */
export const THEMES = ['light', 'dark'] as const;

/** A choice among fixed strings (`theme="dark"`). */
export function checkChoice<T extends string>(
  written: string | null | undefined,
  choices: readonly T[],
  fallback: T,
  tag: string,
  name: string,
): Checked<T> {
  if (written == null) return { value: fallback };
  const found = choices.find((c) => c === written.trim());
  if (found !== undefined) return { value: found };
  return {
    value: fallback,
    problem: `<${tag} ${name}=${quote(written)}>: the choices are ${choices.map((c) => `"${c}"`).join(', ')}, so "${fallback}" is used.`,
  };
}
