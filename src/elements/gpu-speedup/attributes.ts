// <gpu-speedup>'s attribute checks: a value that is not allowed falls back to the default, and the
// element says so in a note (own-property lookups only: see shared/attributes.ts).
import type { PropertyValues } from 'lit';
import type { SpeedupCpuBackend, SpeedupGpuBackend } from '../../protocol/speedup.js';
import { THEMES, checkChoice, checkNumber } from '../shared/attributes.js';

export const CPU_CHOICES: readonly SpeedupCpuBackend[] = ['auto', 'wasm', 'cpu'];
export const GPU_CHOICES: readonly SpeedupGpuBackend[] = ['auto', 'webgpu', 'webgl', 'none'];

/** The attributes checked, as the element holds them. */
export interface CheckedSettings extends HTMLElement {
  gpuBackend: SpeedupGpuBackend;
  cpuBackend: SpeedupCpuBackend;
  theme: 'light' | 'dark';
  minN: number;
  maxN: number;
  timeLimit: number;
  refine: number;
}

/** Replaces each changed attribute that is not allowed; `problems` holds a sentence per such attribute. */
export function checkSpeedupAttributes(
  el: CheckedSettings,
  changed: PropertyValues,
  problems: Map<string, string>,
): void {
  const note = (name: string, problem: string | undefined) => {
    if (problem) problems.set(name, problem);
    else problems.delete(name);
  };
  if (changed.has('gpuBackend')) {
    const checked = checkChoice(el.gpuBackend, GPU_CHOICES, 'auto', 'gpu-speedup', 'gpu-backend');
    note('gpu-backend', checked.problem);
    el.gpuBackend = checked.value;
  }
  if (changed.has('cpuBackend')) {
    const checked = checkChoice(el.cpuBackend, CPU_CHOICES, 'auto', 'gpu-speedup', 'cpu-backend');
    note('cpu-backend', checked.problem);
    el.cpuBackend = checked.value;
  }
  if (changed.has('theme')) {
    const checked = checkChoice(el.theme, THEMES, 'light', 'gpu-speedup', 'theme');
    note('theme', checked.problem);
    el.theme = checked.value;
  }
  // Number attributes: a value that is not a finite number in range falls back to the default.
  for (const [key, attribute, fallback, limits] of [
    ['minN', 'min-n', 16, { min: 1 }],
    ['maxN', 'max-n', 2048, { min: 1 }],
    ['timeLimit', 'time-limit', 60, { positive: true }],
    ['refine', 'refine', 2, { min: 0, max: 10 }],
  ] as const) {
    if (!changed.has(key)) continue;
    const value = el[key];
    const written = Number.isFinite(value) ? String(value) : (el.getAttribute(attribute) ?? String(value));
    const checked = checkNumber(written, fallback, 'gpu-speedup', attribute, limits);
    note(attribute, checked.problem);
    el[key] = checked.value;
  }
}
