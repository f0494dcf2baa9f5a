// Geometry of tangent lines, and the number formatting the gradient plot shows. Pure functions:
// no DOM, no kernel, so they are tested in Node.

/** A tangent at (x, y) with the given slope, as a segment of the line y = slope·(t - x) + y. */
export interface TangentSegment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The tangent segment centred on (x, y) spanning `width` along the x axis (the lesson's arrows use 3). */
export function tangentSegment(x: number, y: number, slope: number, width: number): TangentSegment {
  const half = width / 2;
  return { x1: x - half, y1: y - slope * half, x2: x + half, y2: y + slope * half };
}

/** The slope of a segment, as the drawing shows it. */
export function segmentSlope(s: TangentSegment): number {
  return (s.y2 - s.y1) / (s.x2 - s.x1);
}

/**
 * A float as Python's `str(float)` would print it for the values a plot shows: integers keep a
 * `.0` (so -1 reads `-1.0` as in PyTorch), other values get at most `digits` significant digits.
 */
export function formatFloat(value: number, digits = 6): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (Object.is(value, -0)) return '-0.0';
  const rounded = Number(value.toPrecision(digits));
  if (Number.isInteger(rounded) && Math.abs(rounded) < 1e16) return `${rounded}.0`;
  const text = String(rounded);
  // JS writes 1e-7 where Python writes 1e-07.
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Parses a number that Python printed with `str(float(v))`: also `nan`, `inf`, `-inf`. */
export function parsePythonFloat(text: unknown): number {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string') return NaN;
  const t = text.trim();
  if (t === 'inf') return Infinity;
  if (t === '-inf') return -Infinity;
  if (t === 'nan' || t === '-nan') return NaN;
  return t === '' ? NaN : Number(t);
}

/** The tangent line's equation `y = m·x + b` in slope-intercept form, e.g. `y = -1.5x + 2.75`. */
export function tangentEquation(x: number, y: number, slope: number): string {
  const intercept = y - slope * x;
  const m = Number(slope.toPrecision(6));
  const b = Number(intercept.toPrecision(6));
  let text = 'y = ';
  if (m === 0) return `${text}${formatFloat(b)}`;
  if (m === 1) text += 'x';
  else if (m === -1) text += '-x';
  else text += `${formatFloat(m)}x`;
  if (b > 0) text += ` + ${formatFloat(b)}`;
  else if (b < 0) text += ` - ${formatFloat(-b)}`;
  return text;
}

/** The number of decimals a step like 0.1 or 0.25 needs, so snapped values print cleanly. */
export function stepDecimals(step: number): number {
  if (!(step > 0)) return 0;
  const text = String(step);
  const exp = /e-(\d+)$/.exec(text);
  if (exp) return Number(exp[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Moves x onto the grid min + k·step and into [min, max], without binary-fraction noise. */
export function snapToStep(x: number, step: number, min: number, max: number): number {
  if (!Number.isFinite(x)) return min;
  const clamped = Math.min(max, Math.max(min, x));
  if (!(step > 0)) return clamped;
  const k = Math.round((clamped - min) / step);
  const decimals = Math.min(12, Math.max(stepDecimals(step), stepDecimals(min)));
  const snapped = Number((min + k * step).toFixed(decimals));
  return Math.min(max, Math.max(min, snapped));
}

/** n evenly spaced points from min to max inclusive (n ≥ 2). */
export function sampleGrid(min: number, max: number, n: number): number[] {
  const count = Math.max(2, Math.floor(n));
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(i === count - 1 ? max : min + ((max - min) * i) / (count - 1));
  return out;
}

/**
 * The y range that shows every finite curve sample and tangent point, padded by 8 %; a flat or
 * empty set of values still gets a visible range.
 */
export function yRange(
  series: readonly (readonly (number | null)[])[],
  extra: readonly number[] = [],
): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const visit = (v: number | null) => {
    if (v == null || !Number.isFinite(v)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const s of series) for (const v of s) visit(v);
  for (const v of extra) visit(v);
  if (lo === Infinity) return [-1, 1];
  if (hi - lo < 1e-9) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.08;
  return [lo - pad, hi + pad];
}

/** One arrow of a matplotlib figure read back as a tangent: its centre and its slope dy/dx. */
export interface ArrowTangent {
  x: number;
  y: number;
  slope: number;
}

/**
 * The lesson's `plot_gradient` draws `plt.arrow(x - dx/2, y - dy/2, dx, dy)`: the arrow's centre is
 * the tangent point and dy/dx its slope. Vertical arrows (dx = 0) carry no slope and are skipped.
 */
export function arrowAsTangent(arrow: { x: number; y: number; dx: number; dy: number }): ArrowTangent | null {
  if (!(Math.abs(arrow.dx) > 0)) return null;
  return { x: arrow.x + arrow.dx / 2, y: arrow.y + arrow.dy / 2, slope: arrow.dy / arrow.dx };
}
