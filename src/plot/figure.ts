// Draws a matplotlib FigureSpec (recorded by src/python's matplotlib.pyplot) with uPlot: uPlot
// gives the axes, ticks, grid, title and labels; every plotted item is drawn in uPlot's draw hook
// in data coordinates, so lines need not be sorted by x (matplotlib's need not be) and arrows,
// axhline/axvline, dashes and markers look as matplotlib draws them.
import uPlot from 'uplot';
import type {
  ArrowItem,
  AxesSpec,
  BarItem,
  FigureSpec,
  ImageItem,
  LineItem,
  PlotItem,
  RefLineItem,
} from '../protocol/figure.js';
import { colormapColor, normalize } from './colormaps.js';
import { drawSoon } from './draw-queue.js';
import { COLOR_CYCLE, colorName, cycleName, dashPattern, isNoLine, resolveColor } from './figure-colors.js';

export { figureStyles } from './figure.styles.js';

export interface FigureView {
  /** A text alternative: what the figure shows, in words and numbers. */
  readonly description: string;
  /** Redraws at a new width (CSS pixels); height follows matplotlib's aspect. */
  resize(width: number): void;
  destroy(): void;
  /** Resolves when every axes is drawn (big figures are drawn over several frames). */
  readonly ready: Promise<void>;
}

export interface FigureOptions {
  /** CSS pixels; default: the host's width, at most 640 (matplotlib's 6.4 in at 100 dpi). */
  width?: number;
}

/** matplotlib draws at 100 dpi; its sizes are in points (1/72 in). */
const PX_PER_POINT = 100 / 72;
const DEFAULT_LINEWIDTH = 1.5;
const DEFAULT_MARKERSIZE = 6;
const AXES_COLOR = '#1b1f24';
const GRID_COLOR = 'rgba(176, 176, 176, 0.55)';
/** CSS pixels of the colour bar strip under an axes (figure.styles.ts). */
const COLORBAR_HEIGHT = 48;

/** Items with their cycle colour resolved: an unstyled line takes the next colour of the cycle. */
interface Styled {
  item: PlotItem;
  color: string;
  name: string;
}

function isLine(item: PlotItem): item is LineItem {
  return item.kind === 'line' || item.kind === 'scatter';
}

function styleItems(axes: AxesSpec): Styled[] {
  let cycle = 0;
  return axes.items.map((item) => {
    if (isLine(item)) {
      const index = cycle++;
      return {
        item,
        color: resolveColor(item.color, COLOR_CYCLE[index % 10]),
        name: colorName(item.color, cycleName(index)),
      };
    }
    // Arrows, bars (patches) and axhline/axvline (a bare Line2D) default to C0 and do not advance the cycle.
    const color = 'color' in item ? item.color : undefined;
    return {
      item,
      color: resolveColor(color, COLOR_CYCLE[0]),
      name: colorName(color, cycleName(0)),
    };
  });
}

/** The finite values' [min, max], in a loop (spreading 150,000 values into Math.min overflows the stack). */
function finiteRange(values: ArrayLike<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? null : [lo, hi];
}

/**
 * matplotlib's autoscale: the data's extent plus a 5% margin each side; a flat extent widens. On a
 * log axis the margin is taken in decades and values ≤ 0 are left out; `sticky` values (a bar's
 * base, an image's edge) are not passed by the margin, as matplotlib's sticky edges.
 */
function autoLimits(values: number[], log = false, sticky: number[] = []): [number, number] {
  const range = finiteRange(log ? values.filter((v) => v > 0) : values);
  if (!range) return log ? [1, 10] : [0, 1];
  if (log) {
    const [lo, hi] = range.map(Math.log10);
    const margin = lo === hi ? 1 : (hi - lo) * 0.05;
    return [10 ** (lo - margin), 10 ** (hi + margin)];
  }
  const [lo, hi] = range;
  if (lo === hi) {
    const pad = lo === 0 ? 0.055 : Math.abs(lo) * 0.055;
    return [lo - pad, hi + pad];
  }
  const margin = (hi - lo) * 0.05;
  const stickLo = sticky.some((v) => v === lo);
  const stickHi = sticky.some((v) => v === hi);
  return [stickLo ? lo : lo - margin, stickHi ? hi : hi + margin];
}

/** A bar's [left, right] in data units. */
function barSpan(item: BarItem, i: number): [number, number] {
  const left = item.align === 'edge' ? item.x[i] : item.x[i] - item.widths[i] / 2;
  return [left, left + item.widths[i]];
}

function extents(axes: AxesSpec): { x: [number, number]; y: [number, number] } {
  const xs: number[] = [];
  const ys: number[] = [];
  const stickyX: number[] = [];
  const stickyY: number[] = [];
  for (const item of axes.items) {
    if (item.kind === 'bar') {
      const base = item.bottom ?? 0;
      item.heights.forEach((h, i) => {
        xs.push(...barSpan(item, i));
        ys.push(base, base + h);
      });
      stickyY.push(base);
      continue;
    }
    if (item.kind === 'image') {
      xs.push(-0.5, item.cols - 0.5);
      ys.push(-0.5, item.rows - 0.5);
      stickyX.push(-0.5, item.cols - 0.5);
      stickyY.push(-0.5, item.rows - 0.5);
      continue;
    }
    if (isLine(item) && item.extent) {
      // Thinned for display: the extent of every plotted point came with it.
      xs.push(item.extent[0], item.extent[1]);
      ys.push(item.extent[2], item.extent[3]);
    } else if (isLine(item)) {
      const n = Math.min(item.x.length, item.y.length);
      for (let i = 0; i < n; i++) {
        // A point counts only when both coordinates are finite (matplotlib masks the rest).
        if (Number.isFinite(item.x[i]) && Number.isFinite(item.y[i])) {
          xs.push(item.x[i]);
          ys.push(item.y[i]);
        }
      }
    } else if (item.kind === 'arrow') {
      xs.push(item.x, item.x + item.dx);
      ys.push(item.y, item.y + item.dy);
    } else if (item.kind === 'axhline') {
      ys.push(item.value);
    } else {
      xs.push(item.value);
    }
  }
  return {
    x: axes.xlim ?? autoLimits(xs, axes.xscale === 'log', stickyX),
    y: axes.ylim ?? autoLimits(ys, axes.yscale === 'log', stickyY),
  };
}

function drawMarker(ctx: CanvasRenderingContext2D, marker: string, x: number, y: number, size: number): void {
  const r = size / 2;
  ctx.beginPath();
  switch (marker) {
    case 's':
      ctx.rect(x - r, y - r, size, size);
      ctx.fill();
      return;
    case '^':
    case 'v': {
      const s = marker === '^' ? -1 : 1;
      ctx.moveTo(x, y + s * r);
      ctx.lineTo(x - r, y - s * r);
      ctx.lineTo(x + r, y - s * r);
      ctx.closePath();
      ctx.fill();
      return;
    }
    case 'D':
    case 'd':
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r * (marker === 'd' ? 0.6 : 1), y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r * (marker === 'd' ? 0.6 : 1), y);
      ctx.closePath();
      ctx.fill();
      return;
    case 'x':
      ctx.moveTo(x - r, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.moveTo(x + r, y - r);
      ctx.lineTo(x - r, y + r);
      ctx.stroke();
      return;
    case '+':
      ctx.moveTo(x - r, y);
      ctx.lineTo(x + r, y);
      ctx.moveTo(x, y - r);
      ctx.lineTo(x, y + r);
      ctx.stroke();
      return;
    case '.':
      ctx.arc(x, y, r / 2, 0, 2 * Math.PI);
      ctx.fill();
      return;
    default:
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fill();
  }
}

/** Whether point i can be drawn: finite, and positive on a log axis (matplotlib masks the rest). */
function drawable(u: uPlot, x: number, y: number): boolean {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  if (u.scales.x.distr === 3 && x <= 0) return false;
  return !(u.scales.y.distr === 3 && y <= 0);
}

function drawLine(u: uPlot, item: LineItem, color: string, ratio: number): void {
  const { ctx } = u;
  const n = Math.min(item.x.length, item.y.length);
  const width = (item.linewidth ?? DEFAULT_LINEWIDTH) * PX_PER_POINT * ratio;
  const px = (i: number) => u.valToPos(item.x[i], 'x', true);
  const py = (i: number) => u.valToPos(item.y[i], 'y', true);
  const pointColor = (i: number) =>
    item.values
      ? colormapColor(item.cmap ?? 'viridis', normalize(item.values[i], item.vmin ?? 0, item.vmax ?? 1))
      : color;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'butt';
  const drawsLine = item.kind === 'line' && !isNoLine(item.linestyle);
  if (drawsLine) {
    ctx.lineWidth = width;
    ctx.setLineDash(dashPattern(item.linestyle, width));
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < n; i++) {
      if (!drawable(u, item.x[i], item.y[i])) {
        pen = false; // a NaN (or a value ≤ 0 on a log axis) breaks the line, as in matplotlib
        continue;
      }
      if (pen) ctx.lineTo(px(i), py(i));
      else ctx.moveTo(px(i), py(i));
      pen = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }
  const marker = item.marker ?? (item.kind === 'scatter' ? 'o' : undefined);
  if (marker && marker !== 'None' && marker !== '') {
    ctx.lineWidth = Math.max(1, ratio);
    const size = DEFAULT_MARKERSIZE * PX_PER_POINT * ratio;
    for (let i = 0; i < n; i++) {
      if (!drawable(u, item.x[i], item.y[i])) continue;
      if (item.values) ctx.fillStyle = ctx.strokeStyle = pointColor(i);
      drawMarker(ctx, marker, px(i), py(i), size);
    }
  }
}

/** An arrow as a line of the given width ending in a small filled head (matplotlib's FancyArrow). */
function drawArrow(u: uPlot, item: ArrowItem, color: string, ratio: number): void {
  const { ctx } = u;
  const x0 = u.valToPos(item.x, 'x', true);
  const y0 = u.valToPos(item.y, 'y', true);
  const x1 = u.valToPos(item.x + item.dx, 'x', true);
  const y1 = u.valToPos(item.y + item.dy, 'y', true);
  const width = (item.linewidth ?? 1) * PX_PER_POINT * ratio;
  const length = Math.hypot(x1 - x0, y1 - y0);
  if (!Number.isFinite(length)) return;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = width;
  ctx.setLineDash([]);
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  if (length === 0) return;
  const head = Math.min(length / 3, 3 * width + 2 * ratio);
  const ux = (x1 - x0) / length;
  const uy = (y1 - y0) / length;
  ctx.beginPath();
  ctx.moveTo(x1 + ux * head * 0.5, y1 + uy * head * 0.5);
  ctx.lineTo(x1 - ux * head - uy * head * 0.6, y1 - uy * head + ux * head * 0.6);
  ctx.lineTo(x1 - ux * head + uy * head * 0.6, y1 - uy * head - ux * head * 0.6);
  ctx.closePath();
  ctx.fill();
}

function drawRefLine(u: uPlot, item: RefLineItem, color: string, ratio: number): void {
  const { ctx, bbox } = u;
  const width = DEFAULT_LINEWIDTH * PX_PER_POINT * ratio;
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.setLineDash(dashPattern(item.linestyle, width));
  ctx.beginPath();
  if (item.kind === 'axhline') {
    const y = u.valToPos(item.value, 'y', true);
    ctx.moveTo(bbox.left, y);
    ctx.lineTo(bbox.left + bbox.width, y);
  } else {
    const x = u.valToPos(item.value, 'x', true);
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

/** Bars as filled rectangles from their base (matplotlib draws them without an edge). */
function drawBars(u: uPlot, item: BarItem, color: string): void {
  const { ctx } = u;
  const base = item.bottom ?? 0;
  item.heights.forEach((h, i) => {
    const [left, right] = barSpan(item, i);
    const x0 = u.valToPos(left, 'x', true);
    const x1 = u.valToPos(right, 'x', true);
    const y0 = u.valToPos(base, 'y', true);
    const y1 = u.valToPos(base + h, 'y', true);
    if (![x0, x1, y0, y1].every(Number.isFinite)) return;
    ctx.fillStyle = item.colors ? resolveColor(item.colors[i % item.colors.length], color) : color;
    ctx.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
  });
}

/** An image as one rectangle per value, coloured through its map (no smoothing, as interpolation='nearest'). */
function drawImage(u: uPlot, item: ImageItem): void {
  const { ctx } = u;
  const xs = Array.from({ length: item.cols + 1 }, (_, c) => Math.round(u.valToPos(c - 0.5, 'x', true)));
  const ys = Array.from({ length: item.rows + 1 }, (_, r) => Math.round(u.valToPos(r - 0.5, 'y', true)));
  for (let r = 0; r < item.rows; r++)
    for (let c = 0; c < item.cols; c++) {
      ctx.fillStyle = colormapColor(
        item.cmap,
        normalize(item.values[r * item.cols + c], item.vmin, item.vmax),
      );
      const top = Math.min(ys[r], ys[r + 1]);
      ctx.fillRect(xs[c], top, xs[c + 1] - xs[c], Math.abs(ys[r + 1] - ys[r]));
    }
}

function drawItems(u: uPlot, styled: Styled[]): void {
  const { ctx, bbox } = u;
  const ratio = uPlot.pxRatio;
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  for (const { item, color } of styled) {
    if (isLine(item)) drawLine(u, item, color, ratio);
    else if (item.kind === 'arrow') drawArrow(u, item, color, ratio);
    else if (item.kind === 'bar') drawBars(u, item, color);
    else if (item.kind === 'image') drawImage(u, item);
    else drawRefLine(u, item, color, ratio);
  }
  ctx.restore();
  // matplotlib's four spines: the axes' frame.
  ctx.strokeStyle = AXES_COLOR;
  ctx.lineWidth = 0.8 * PX_PER_POINT * ratio;
  ctx.setLineDash([]);
  ctx.strokeRect(bbox.left, bbox.top, bbox.width, bbox.height);
}

function legendEntries(styled: Styled[]): HTMLElement | null {
  const labelled = styled.filter((s) => 'label' in s.item && s.item.label && !s.item.label.startsWith('_'));
  if (labelled.length === 0) return null;
  const list = document.createElement('ul');
  list.className = 'legend';
  for (const { item, color } of labelled) {
    const entry = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    const style = 'linestyle' in item ? item.linestyle : undefined;
    const border =
      style === '--' || style === 'dashed'
        ? 'dashed'
        : style === ':' || style === 'dotted'
          ? 'dotted'
          : 'solid';
    if (item.kind === 'bar') {
      swatch.style.height = '0.8rem';
      swatch.style.background = color;
    } else if (item.kind === 'scatter') {
      const first = item.values
        ? colormapColor(item.cmap ?? 'viridis', normalize(item.values[0], item.vmin ?? 0, item.vmax ?? 1))
        : color;
      swatch.style.height = '0.6rem';
      swatch.style.width = '0.6rem';
      swatch.style.borderRadius = '50%';
      swatch.style.background = first;
    } else swatch.style.borderTop = `3px ${border} ${color}`;
    entry.append(swatch, document.createTextNode((item as { label: string }).label));
    list.append(entry);
  }
  return list;
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(3));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function describeItem({ item, name }: Styled): string {
  const label = 'label' in item && item.label && !item.label.startsWith('_') ? ` "${item.label}"` : '';
  if (item.kind === 'image') {
    const r = finiteRange(item.values);
    const values = r ? `values ${fmt(r[0])} to ${fmt(r[1])}` : 'no finite values';
    return `a ${item.rows} × ${item.cols} image in the ${item.cmap} colour map, ${values}, scale ${fmt(item.vmin)} to ${fmt(item.vmax)}`;
  }
  if (item.kind === 'bar') {
    const n = item.heights.length;
    const names = item.categories ? ` (${item.categories.join(', ')})` : '';
    const heights = item.heights.slice(0, 20).map(fmt).join(', ') + (n > 20 ? ', …' : '');
    const xr = finiteRange(item.heights.flatMap((_, i) => barSpan(item, i)));
    const span = xr ? ` over x ${fmt(xr[0])} to ${fmt(xr[1])}` : '';
    return `${n} ${item.colors ? 'coloured' : name}${label} bar${n === 1 ? '' : 's'}${names}${span}, heights ${heights}`;
  }
  if (isLine(item) && item.values) {
    const vr = finiteRange(item.values);
    const by = vr
      ? `, coloured by value (${fmt(vr[0])} to ${fmt(vr[1])}) in the ${item.cmap ?? 'viridis'} colour map`
      : '';
    const xr = finiteRange(item.x);
    const yr = finiteRange(item.y);
    const where = xr && yr ? `, x ${fmt(xr[0])} to ${fmt(xr[1])}, y ${fmt(yr[0])} to ${fmt(yr[1])}` : '';
    return `a scatter${label} of ${item.x.length} point${item.x.length === 1 ? '' : 's'}${where}${by}`;
  }
  if (isLine(item)) {
    const shown = Math.min(item.x.length, item.y.length);
    const n = item.points ?? shown;
    const kind = item.kind === 'scatter' ? 'scatter of' : 'line through';
    let xr: [number, number] | null;
    let yr: [number, number] | null;
    if (item.extent) {
      xr = [item.extent[0], item.extent[1]];
      yr = [item.extent[2], item.extent[3]];
    } else {
      xr = finiteRange(item.x.slice(0, shown));
      yr = finiteRange(item.y.slice(0, shown));
    }
    if (!xr || !yr) return `a ${name}${label} ${kind} no finite points`;
    const range = ([lo, hi]: [number, number]) => `${fmt(lo)} to ${fmt(hi)}`;
    const [x0, y0, xn, yn] = item.ends ?? [item.x[0], item.y[0], item.x[shown - 1], item.y[shown - 1]];
    const ends = n > 1 ? `, from (${fmt(x0)}, ${fmt(y0)}) to (${fmt(xn)}, ${fmt(yn)})` : '';
    const thinned = item.points !== undefined ? ` (drawn from ${shown.toLocaleString('en')} of them)` : '';
    return `a ${name}${label} ${kind} ${n} point${n === 1 ? '' : 's'}${thinned}, x ${range(xr)}, y ${range(yr)}${ends}`;
  }
  if (item.kind === 'arrow') {
    const slope = item.dx !== 0 ? `, slope ${fmt(item.dy / item.dx)}` : '';
    return `a ${name} arrow from (${fmt(item.x)}, ${fmt(item.y)}) to (${fmt(item.x + item.dx)}, ${fmt(item.y + item.dy)})${slope}`;
  }
  return `a ${name}${label} ${item.kind === 'axhline' ? 'horizontal line at y' : 'vertical line at x'} = ${fmt(item.value)}`;
}

/** The figure in words: titles, labels, limits and every item, for screen readers and tests. */
export function describeFigure(figure: FigureSpec): string {
  const parts: string[] = [];
  const plots = figure.axes.length;
  parts.push(figure.suptitle ? `Figure "${figure.suptitle}"` : 'Figure');
  figure.axes.forEach((axes, index) => {
    const { x, y } = extents(axes);
    const head = plots > 1 ? `Plot ${index + 1}` : 'Plot';
    const title = axes.title ? ` "${axes.title}"` : '';
    const xl = axes.xlabel ? ` "${axes.xlabel}"` : '';
    const yl = axes.ylabel ? ` "${axes.ylabel}"` : '';
    const items = styleItems(axes).map(describeItem);
    const body = items.length ? `: ${items.join('; ')}` : ': empty';
    const xlog = axes.xscale === 'log' ? ' (log scale)' : '';
    const ylog = axes.yscale === 'log' ? ' (log scale)' : '';
    const bar = axes.colorbar
      ? `, with a colour bar from ${fmt(axes.colorbar.vmin)} to ${fmt(axes.colorbar.vmax)}`
      : '';
    parts.push(
      `${head}${title}, x axis${xl}${xlog} from ${fmt(x[0])} to ${fmt(x[1])}, y axis${yl}${ylog} from ${fmt(y[0])} to ${fmt(y[1])}${bar}${body}.`,
    );
  });
  return parts.join('. ').replace('Figure. ', 'Figure: ');
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const isDecade = (v: number) => v > 0 && Math.abs(v / 10 ** Math.round(Math.log10(v)) - 1) < 1e-9;
/** A power of ten as matplotlib's log axes label it: 10⁻², 10⁰, 10³. */
function decadeLabel(v: number): string {
  const k = Math.round(Math.log10(v));
  const digits = [...String(Math.abs(k))].map((d) => SUPERSCRIPT[Number(d)]).join('');
  return `10${k < 0 ? '⁻' : ''}${digits}`;
}
/** Log-axis tick labels: the decades; the ticks between them too when fewer than two decades show. */
export function logTicks(splits: number[]): string[] {
  const decades = splits.filter(isDecade).length;
  return splits.map((v) => (isDecade(v) ? decadeLabel(v) : decades >= 2 ? '' : fmt(v)));
}

interface AxisKind {
  categories?: string[];
  log?: boolean;
  /** imshow's axes count pixels: whole-number ticks only */
  integer?: boolean;
}

function axisOptions(label: string | undefined, grid: boolean, kind: AxisKind = {}): uPlot.Axis {
  const { categories } = kind;
  const names: Partial<uPlot.Axis> = categories
    ? {
        splits: () => categories.map((_, i) => i),
        values: (_u: uPlot, splits: number[]) => splits.map((v) => categories[v] ?? ''),
      }
    : kind.log
      ? { values: (_u: uPlot, splits: number[]) => logTicks(splits) }
      : kind.integer
        ? { incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000] }
        : {};
  return {
    ...names,
    label,
    stroke: AXES_COLOR,
    grid: { show: grid, stroke: GRID_COLOR, width: 0.8 },
    ticks: { show: true, stroke: AXES_COLOR, width: 0.8, size: 5 },
    labelSize: label ? 24 : 0,
    font: '12px system-ui, sans-serif',
    labelFont: '13px system-ui, sans-serif',
  };
}

/**
 * Renders a figure into `host` (emptied first): one uPlot chart per axes in a grid, a legend per
 * axes where matplotlib's `legend()` was called, and `role="img"` with the text alternative.
 */
export function renderFigure(host: HTMLElement, figure: FigureSpec, options: FigureOptions = {}): FigureView {
  host.replaceChildren();
  const description = describeFigure(figure);
  const root = document.createElement('div');
  root.className = 'figure';
  root.setAttribute('role', 'img');
  root.setAttribute('aria-label', description);
  const rows = Math.max(1, figure.rows);
  const cols = Math.max(1, figure.cols);
  root.style.gridTemplateColumns = `repeat(${cols}, minmax(0, 1fr))`;
  if (figure.suptitle) {
    const title = document.createElement('div');
    title.className = 'suptitle';
    title.textContent = figure.suptitle;
    title.style.gridColumn = `1 / span ${cols}`;
    root.append(title);
  }
  host.append(root);

  const [figW, figH] = figure.figsize ?? [6.4, 4.8];
  const aspect = figH / figW;
  // an axes with a colour bar gives up the strip's height, so the figure keeps its size
  const colorbarCharts = new Set<uPlot>();
  const withColorbar = (size: { width: number; height: number }, chart: uPlot) =>
    colorbarCharts.has(chart) ? { ...size, height: Math.max(100, size.height - COLORBAR_HEIGHT) } : size;
  const sizeOf = (width: number) => {
    const w = Math.max(160, Math.floor(width / cols));
    return { width: w, height: Math.max(120, Math.floor((w * cols * aspect) / rows)) };
  };
  let width = options.width ?? Math.min(host.clientWidth || 640, 640);
  const charts: uPlot[] = [];
  const cancels: (() => void)[] = [];
  let destroyed = false;
  let left = figure.axes.length;
  let done!: () => void;
  const ready = new Promise<void>((resolve) => (done = resolve));
  if (left === 0) done();
  for (const axes of figure.axes) {
    const cell = document.createElement('div');
    cell.className = 'axes';
    root.append(cell);
    // Each axes is one job of the page's draw queue: a big grid is drawn over several frames.
    cancels.push(
      drawSoon(() => {
        if (destroyed) return;
        try {
          drawAxes(cell, axes, sizeOf(width), charts);
          if (axes.colorbar) {
            const chart = charts[charts.length - 1];
            colorbarCharts.add(chart);
            chart.setSize(withColorbar(sizeOf(width), chart));
          }
        } catch (err) {
          showDrawError(cell, err);
        } finally {
          if (--left === 0) done();
        }
      }),
    );
  }
  return {
    description,
    ready,
    resize(next: number) {
      // The output grows taller as charts are added: only a new width redraws them.
      if (next === width) return;
      width = next;
      for (const chart of charts) chart.setSize(withColorbar(sizeOf(next), chart));
    },
    destroy() {
      destroyed = true;
      for (const cancel of cancels) cancel();
      for (const chart of charts) chart.destroy();
      host.replaceChildren();
      done();
    },
  };
}

/** Never silently blank: says what failed where the chart would be. */
function showDrawError(cell: HTMLElement, err: unknown): void {
  const message = document.createElement('p');
  message.className = 'figure-error';
  message.textContent = `This plot could not be drawn: ${err instanceof Error ? err.message : String(err)}`;
  cell.replaceChildren(message);
}

function drawAxes(
  cell: HTMLElement,
  axes: AxesSpec,
  size: { width: number; height: number },
  charts: uPlot[],
): void {
  const styled = styleItems(axes);
  const { x, y } = extents(axes);
  const categories = axes.items.find((it): it is BarItem => it.kind === 'bar' && !!it.categories)?.categories;
  const log = (scale: 'linear' | 'log' | undefined) =>
    scale === 'log' ? { distr: 3 as const, log: 10 as const } : {};
  // imshow puts row 0 on top, as matplotlib's origin='upper'
  const flipY = axes.items.some((it) => it.kind === 'image');
  const chart = new uPlot(
    {
      ...size,
      title: axes.title,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, auto: false, range: x, ...log(axes.xscale) },
        y: { auto: false, range: y, ...log(axes.yscale), ...(flipY ? { dir: -1 as const } : {}) },
      },
      axes: [
        axisOptions(axes.xlabel, axes.grid ?? false, {
          categories,
          log: axes.xscale === 'log',
          integer: flipY,
        }),
        axisOptions(axes.ylabel, axes.grid ?? false, { log: axes.yscale === 'log', integer: flipY }),
      ],
      // One invisible series: uPlot needs data to lay out the axes; the items are drawn in the hook.
      series: [{}, { show: false }],
      hooks: {
        draw: [
          (u) => {
            try {
              drawItems(u, styled);
            } catch (err) {
              showDrawError(cell, err);
            }
          },
        ],
      },
    },
    [x, y],
    cell,
  );
  charts.push(chart);
  if (axes.colorbar) cell.append(colorbarStrip(axes.colorbar));
  if (axes.legend) {
    const legend = legendEntries(styled);
    if (legend) cell.append(legend);
  }
}

/** colorbar(): the map as a horizontal strip under the axes, labelled with vmin, the middle and vmax. */
function colorbarStrip(bar: { cmap: string; vmin: number; vmax: number }): HTMLElement {
  const strip = document.createElement('div');
  strip.className = 'colorbar';
  const stops = Array.from({ length: 11 }, (_, i) => `${colormapColor(bar.cmap, i / 10)} ${i * 10}%`);
  const ramp = document.createElement('div');
  ramp.className = 'ramp';
  ramp.style.background = `linear-gradient(to right, ${stops.join(', ')})`;
  const ticks = document.createElement('div');
  ticks.className = 'ticks';
  for (const v of [bar.vmin, (bar.vmin + bar.vmax) / 2, bar.vmax]) {
    const tick = document.createElement('span');
    tick.textContent = fmt(v);
    ticks.append(tick);
  }
  strip.append(ramp, ticks);
  return strip;
}
