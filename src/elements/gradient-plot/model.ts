// What <gradient-plot> computes and shows, as plain data, and the small helpers its parts share.
import type { FigureSpec } from '../../kernel/protocol.js';
import type { ArrowTangent } from '../../plot/tangent.js';

/** What the kernel computed for one curve at the tangent point. */
export interface CurveTangent {
  /** f(x). */
  value: number;
  /** The slope drawn: `x.grad` after this curve's `backward()`, accumulated when the switch is off. */
  slope: number;
  /** The function's own slope at x (`x.grad` of a fresh leaf). */
  ownSlope: number;
  /** The drawn slope includes gradients left over from earlier curves. */
  accumulated: boolean;
  /** Slopes just left and right of x differ: not differentiable at x. */
  kink?: [number, number];
}

/** A tangent as the last frame drew it, in data units (what tests and screen-reader text read). */
export interface DrawnTangent {
  label: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Drawn in the warning style (an accumulated gradient, or a point where f has no derivative). */
  warning: boolean;
  /** From the exercise's playground (`plt.arrow`) rather than the plot's own computation. */
  fromExercise: boolean;
  /** Computed for an earlier x: the point moved and its tangents are being computed. */
  stale?: boolean;
}

export interface GradientPlotChangeDetail {
  x: number;
  /** The drawn slope per curve (`null` where it could not be computed). */
  slopes: (number | null)[];
  values: (number | null)[];
  /** Whether `x.grad.zero_()` ran between functions. */
  reset: boolean;
}

export interface Samples {
  xs: number[];
  values: (number | null)[][];
  slopes: (number | null)[][];
}

export interface Message {
  level: 'error' | 'warning' | 'info';
  text: string;
}

export interface ExerciseResult {
  x: number;
  arrows: (ArrowTangent & { curve: number })[];
}

export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

export function sameSlope(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function interpolate(xs: readonly number[], ys: readonly (number | null)[], x: number): number | null {
  for (let k = 0; k + 1 < xs.length; k++) {
    if (x < xs[k] || x > xs[k + 1]) continue;
    const a = ys[k];
    const b = ys[k + 1];
    if (a === null || b === null) return a ?? b;
    const t = (x - xs[k]) / (xs[k + 1] - xs[k] || 1);
    return a + (b - a) * t;
  }
  return null;
}

/** What the plot reads from a slotted `<tensor-playground>`, whatever version it is. */
export interface PlaygroundLike {
  code?: string;
  value?: string;
  device?: string;
  figures?: FigureSpec[];
  getAttribute?(name: string): string | null;
}

/** The student's current code, from the playground's public `code` (or `value`) property. */
export function codeOf(playground: PlaygroundLike): string | null {
  const code = playground.code ?? playground.value;
  return typeof code === 'string' && code.trim() ? code : null;
}

/** The figures a `tp-run-end` event carries (its detail, or the playground's last run). */
export function figuresOf(e: CustomEvent): FigureSpec[] {
  const detail = (e.detail ?? {}) as { figures?: FigureSpec[]; figure?: FigureSpec };
  if (Array.isArray(detail.figures)) return detail.figures;
  if (detail.figure) return [detail.figure];
  const source = e.target as { figures?: FigureSpec[] } | null;
  return Array.isArray(source?.figures) ? source.figures : [];
}
