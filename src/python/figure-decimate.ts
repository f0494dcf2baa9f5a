// Fewer points for display. A figure is drawn at most 640 CSS pixels wide (1,280 device pixels on
// a high-density screen), so a line of ten million points carries no more to the eye than a few
// thousand well-chosen ones; sending all of them through postMessage and stroking them would stall
// the page for seconds. Lines keep, per bucket of consecutive points, the first, last, lowest and
// highest (the M4 method: the drawn line is the same to the pixel for x-sorted data); markers keep
// one point per cell of a fine grid over the axes. Every loop is plain: no spread of big arrays.
import type { LineItem } from '../protocol/figure.js';

/** Items with more points than this are thinned; smaller ones cross unchanged. */
export const DECIMATE_ABOVE = 5_000;
/** Buckets of a thinned line: up to four points each (1.5 per device pixel of a 640 px plot at 2x). */
const LINE_BUCKETS = 2_000;
/** Grid of a thinned scatter: one marker kept per cell (a cell is about 2 px of a 640 × 480 plot). */
const GRID_COLS = 320;
const GRID_ROWS = 240;

export interface Extent {
  x: [number, number];
  y: [number, number];
}

/** The finite points' extent, or null when there is none. A loop: `Math.min(...xs)` overflows the stack. */
export function finiteExtent(x: ArrayLike<number>, y: ArrayLike<number>): Extent | null {
  const n = Math.min(x.length, y.length);
  let xlo = Infinity;
  let xhi = -Infinity;
  let ylo = Infinity;
  let yhi = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = y[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (a < xlo) xlo = a;
    if (a > xhi) xhi = a;
    if (b < ylo) ylo = b;
    if (b > yhi) yhi = b;
  }
  return xlo === Infinity ? null : { x: [xlo, xhi], y: [ylo, yhi] };
}

/** M4 over buckets of consecutive points; a NaN between two kept points keeps the line broken there. */
export function decimateLine(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  buckets = LINE_BUCKETS,
): { x: number[]; y: number[] } {
  const n = Math.min(x.length, y.length);
  const outX: number[] = [];
  const outY: number[] = [];
  const size = Math.max(1, Math.ceil(n / buckets));
  let lastKept = -1;
  let lastBreak = -1; // index of the latest non-finite point seen
  const picks = [0, 0, 0, 0];
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let first = -1;
    let last = -1;
    let lo = -1;
    let hi = -1;
    const breaks: number[] = [];
    for (let i = start; i < end; i++) {
      const a = x[i];
      const b = y[i];
      if (!Number.isFinite(a) || !Number.isFinite(b)) {
        lastBreak = i;
        if (breaks.length < 2) breaks.push(i);
        else breaks[1] = i;
        continue;
      }
      if (first < 0) first = i;
      last = i;
      if (lo < 0 || b < y[lo]) lo = i;
      if (hi < 0 || b > y[hi]) hi = i;
    }
    if (first < 0) continue;
    picks[0] = first;
    picks[1] = lo;
    picks[2] = hi;
    picks[3] = last;
    picks.sort((p, q) => p - q);
    for (let k = 0; k < 4; k++) {
      const i = picks[k];
      if (i === lastKept) continue;
      // A non-finite point between the previous kept point and this one: keep the gap.
      const gapBefore =
        lastKept >= 0 &&
        ((lastBreak > lastKept && lastBreak < i) || breaks.some((b) => b > lastKept && b < i));
      if (gapBefore) {
        outX.push(Number.NaN);
        outY.push(Number.NaN);
      }
      outX.push(x[i]);
      outY.push(y[i]);
      lastKept = i;
    }
  }
  return { x: outX, y: outY };
}

/** One point per grid cell over `extent`, in their original order (markers drawn on top of each other add nothing). */
export function decimateMarkers(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  extent: Extent,
): { x: number[]; y: number[] } {
  const n = Math.min(x.length, y.length);
  const seen = new Uint8Array(GRID_COLS * GRID_ROWS);
  const [x0, x1] = extent.x;
  const [y0, y1] = extent.y;
  const sx = x1 > x0 ? (GRID_COLS - 1) / (x1 - x0) : 0;
  const sy = y1 > y0 ? (GRID_ROWS - 1) / (y1 - y0) : 0;
  const outX: number[] = [];
  const outY: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = y[i];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const cell = Math.round((a - x0) * sx) * GRID_ROWS + Math.round((b - y0) * sy);
    if (seen[cell]) continue;
    seen[cell] = 1;
    outX.push(a);
    outY.push(b);
  }
  return { x: outX, y: outY };
}

/**
 * The item as it crosses to the page: unchanged when small; otherwise thinned, with the original
 * point count and extent kept for the axes' limits and the figure's text alternative.
 */
export function displayItem(item: LineItem): LineItem {
  const n = Math.min(item.x.length, item.y.length);
  if (n <= DECIMATE_ABOVE) return { ...item, x: item.x.slice(0, n), y: item.y.slice(0, n) };
  const extent = finiteExtent(item.x, item.y);
  const drawsLine =
    item.kind === 'line' &&
    item.linestyle !== '' &&
    item.linestyle !== 'None' &&
    item.linestyle !== 'none' &&
    item.linestyle !== ' ';
  const thinned = !extent
    ? { x: [], y: [] }
    : drawsLine
      ? decimateLine(item.x, item.y)
      : decimateMarkers(item.x, item.y, extent);
  const out: LineItem = { ...item, x: thinned.x, y: thinned.y, points: n };
  if (extent) out.extent = [extent.x[0], extent.x[1], extent.y[0], extent.y[1]];
  out.ends = [item.x[0], item.y[0], item.x[n - 1], item.y[n - 1]];
  return out;
}
