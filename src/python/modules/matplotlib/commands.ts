// The plotting commands shared by pyplot and the Axes methods: lines, scatter, hist, bar, imshow, limits.
import {
  newTuple,
  None,
  PyFloat,
  pyError,
  pyFloat,
  PyList,
  PyNative,
  PyTuple,
  type PyValue,
  toIndex,
  typeName,
  type BoundArgs,
} from '../../objects.js';
import { floatRepr, strRepr } from '../../format.js';
import type { ArrowItem, BarItem, ImageItem, LineItem, RefLineItem } from '../../../protocol/figure.js';
import { COLORMAP_NAMES } from '../../../protocol/figure.js';
import { NDArray, toNDArray, wrapNDArray } from '../numpy.js';
import {
  AxesState,
  FigureState,
  Mappable,
  line2DType,
  pathCollectionType,
  fancyArrowType,
  textType,
  barContainerType,
  axesImageType,
  colorbarType,
  MAX_IMAGE_VALUES,
} from './state.js';
import {
  numbers,
  scalar,
  optString,
  colorArg,
  parseFormat,
  lineStyleArg,
  kw,
  nextLineColor,
} from './arguments.js';

// ---- plotting commands (shared by pyplot and Axes methods) -------------------------------------

export async function plotLines(ax: AxesState, args: PyValue[], a: BoundArgs): Promise<PyValue> {
  // Split positional args into (x, y, fmt) groups as matplotlib does.
  const groups: { x?: PyValue; y: PyValue; fmt?: string }[] = [];
  let i = 0;
  while (i < args.length) {
    const first = args[i];
    const second = args[i + 1];
    if (typeof first === 'string') throw pyError('ValueError', `third arg must be a format string`);
    if (second === undefined || typeof second === 'string') {
      groups.push({ y: first, fmt: second as string | undefined });
      i += second === undefined ? 1 : 2;
      continue;
    }
    const third = args[i + 2];
    if (typeof third === 'string') {
      groups.push({ x: first, y: second, fmt: third });
      i += 3;
    } else {
      groups.push({ x: first, y: second });
      i += 2;
    }
  }
  const color = colorArg(kw(a, 'color', 'c'));
  const label = kw(a, 'label');
  const linewidth = kw(a, 'linewidth', 'lw');
  const linestyle = lineStyleArg(kw(a, 'linestyle', 'ls'));
  const marker = optString(kw(a, 'marker') ?? null);
  const lines: PyValue[] = [];
  for (const g of groups) {
    const y = await numbers(g.y);
    const x = g.x === undefined ? y.map((_, k) => k) : await numbers(g.x);
    if (x.length !== y.length) {
      throw pyError(
        'ValueError',
        `x and y must have same first dimension, but have shapes (${x.length},) and (${y.length},)`,
      );
    }
    const f = g.fmt !== undefined ? parseFormat(g.fmt) : {};
    const item: LineItem = { kind: 'line', x, y, color: color ?? f.color ?? nextLineColor(ax) };
    const ls = linestyle ?? f.linestyle;
    if (ls !== undefined) item.linestyle = ls;
    const mk = marker ?? f.marker;
    if (mk !== undefined) item.marker = mk;
    if (label !== undefined && label !== null) item.label = String(label);
    if (linewidth !== undefined && linewidth !== null) item.linewidth = await scalar(linewidth, 'linewidth');
    ax.spec.items.push(item);
    lines.push(new PyNative(line2DType, {}));
  }
  return new PyList(lines);
}

/** `c=` of scatter: one number per point (coloured through a colour map), else a colour. */
export function isPerPointValues(c: PyValue, n: number): boolean {
  if (c === null || typeof c === 'string') return false;
  if ((c instanceof PyTuple || c instanceof PyList) && n !== c.items.length) {
    // an RGB(A) tuple is a colour, unless there are as many points
    const isRgb =
      (c.items.length === 3 || c.items.length === 4) &&
      c.items.every((v) => {
        const x = v instanceof PyFloat ? v.v : typeof v === 'number' ? v : NaN;
        return x >= 0 && x <= 1;
      });
    if (isRgb) return false;
  }
  return true;
}

export function cmapArg(v: PyValue | undefined): string {
  if (v === undefined || v === null) return 'viridis';
  if (typeof v !== 'string')
    throw pyError('TypeError', `cmap must be a colour map name such as 'viridis', not ${typeName(v)}`);
  const base = v.endsWith('_r') ? v.slice(0, -2) : v;
  if (!(COLORMAP_NAMES as readonly string[]).includes(base))
    throw pyError(
      'ValueError',
      `${strRepr(v)} is not a valid value for cmap; supported values here are ${COLORMAP_NAMES.map((n) => strRepr(n)).join(', ')} (and each with '_r', reversed)`,
    );
  return v;
}

/** vmin / vmax: given, else the finite values' extent. */
export async function valueRange(values: number[], a: BoundArgs): Promise<[number, number]> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) [lo, hi] = [0, 1];
  const vmin = kw(a, 'vmin');
  const vmax = kw(a, 'vmax');
  return [
    vmin === undefined || vmin === null ? lo : await scalar(vmin, 'vmin'),
    vmax === undefined || vmax === null ? hi : await scalar(vmax, 'vmax'),
  ];
}

export async function scatter(ax: AxesState, a: BoundArgs): Promise<PyValue> {
  const x = await numbers(a.x, true);
  const y = await numbers(a.y, true);
  if (x.length !== y.length) throw pyError('ValueError', 'x and y must be the same size');
  if (isPerPointValues(a.c, x.length)) {
    const values = await numbers(a.c, true);
    if (values.length !== x.length)
      throw pyError(
        'ValueError',
        `'c' argument has ${values.length} elements, which is inconsistent with 'x' and 'y' with size ${x.length}.`,
      );
    const [vmin, vmax] = await valueRange(values, a);
    const item: LineItem = {
      kind: 'scatter',
      x,
      y,
      linestyle: '',
      marker: optString(a.marker) ?? 'o',
      values,
      cmap: cmapArg(kw(a, 'cmap')),
      vmin,
      vmax,
    };
    const label = kw(a, 'label');
    if (label !== undefined && label !== null) item.label = String(label);
    ax.spec.items.push(item);
    ax.figure.mappable = { ax, item };
    return new PyNative(pathCollectionType, { ax, item });
  }
  const color =
    colorArg(kw(a, 'color') ?? (typeof a.c === 'string' ? a.c : a.c instanceof PyTuple ? a.c : null)) ??
    `C${ax.patchCycle++ % 10}`;
  const item: LineItem = { kind: 'scatter', x, y, color, linestyle: '', marker: optString(a.marker) ?? 'o' };
  const label = kw(a, 'label');
  if (label !== undefined && label !== null) item.label = String(label);
  ax.spec.items.push(item);
  return new PyNative(pathCollectionType, {});
}

export async function arrow(ax: AxesState, a: BoundArgs): Promise<PyValue> {
  const item: ArrowItem = {
    kind: 'arrow',
    x: await scalar(a.x, 'x'),
    y: await scalar(a.y, 'y'),
    dx: await scalar(a.dx, 'dx'),
    dy: await scalar(a.dy, 'dy'),
  };
  const color = colorArg(kw(a, 'color', 'fc', 'facecolor', 'ec', 'edgecolor'));
  if (color !== undefined) item.color = color;
  const lw = kw(a, 'linewidth', 'lw');
  if (lw !== undefined && lw !== null) item.linewidth = await scalar(lw, 'linewidth');
  ax.spec.items.push(item);
  return new PyNative(fancyArrowType, {});
}

/** hist(x, bins=10): numpy.histogram's counts (last bin closed), drawn as bars from each left edge. */
export async function hist(ax: AxesState, a: BoundArgs): Promise<PyValue> {
  const data = await numbers(a.x);
  let edges: number[];
  if (typeof a.bins === 'number' || typeof a.bins === 'bigint') {
    const n = toIndex(a.bins);
    if (n < 1) throw pyError('ValueError', '`bins` must be positive, when an integer');
    let lo: number;
    let hi: number;
    if (a.range !== null) {
      if (!(a.range instanceof PyTuple || a.range instanceof PyList) || a.range.items.length !== 2)
        throw pyError('ValueError', 'range must be a (min, max) pair');
      [lo, hi] = [await scalar(a.range.items[0], 'range'), await scalar(a.range.items[1], 'range')];
      if (lo > hi) throw pyError('ValueError', 'max must be larger than min in range parameter.');
    } else {
      const finite = data.filter(Number.isFinite);
      [lo, hi] = finite.length ? [Math.min(...finite), Math.max(...finite)] : [0, 1];
    }
    if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
    edges = Array.from({ length: n + 1 }, (_, i) => (i === n ? hi : lo + ((hi - lo) * i) / n));
  } else {
    edges = await numbers(a.bins);
    if (edges.length < 2 || edges.some((e, i) => i > 0 && e < edges[i - 1]))
      throw pyError('ValueError', '`bins` must increase monotonically, when an array');
  }
  const nbins = edges.length - 1;
  const counts = new Array<number>(nbins).fill(0);
  let inRange = 0;
  for (const v of data) {
    if (!(v >= edges[0] && v <= edges[nbins])) continue;
    // the bin whose [left, right) holds v; the last bin includes its right edge
    let lo = 0;
    let hi = nbins - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid] <= v) lo = mid;
      else hi = mid - 1;
    }
    counts[lo]++;
    inRange++;
  }
  const widths = edges.slice(1).map((e, i) => e - edges[i]);
  const heights = a.density === true ? counts.map((c, i) => c / (inRange * widths[i])) : counts;
  const item: BarItem = {
    kind: 'bar',
    x: edges.slice(0, nbins),
    heights,
    widths,
    align: 'edge',
    color: colorArg(kw(a, 'color')) ?? `C${ax.patchCycle++ % 10}`,
  };
  const label = kw(a, 'label');
  if (label !== undefined && label !== null) item.label = String(label);
  ax.spec.items.push(item);
  return newTuple([
    wrapNDArray(NDArray.from('float64', [nbins], heights)),
    wrapNDArray(NDArray.from('float64', [edges.length], edges)),
    new PyNative(barContainerType, { n: nbins }),
  ]);
}

/** bar(x, height, width=0.8): x numbers, or category names placed at 0, 1, 2, … */
export async function bar(ax: AxesState, a: BoundArgs): Promise<PyValue> {
  const xArg = a.x;
  let x: number[];
  let categories: string[] | undefined;
  const names =
    xArg instanceof PyTuple || xArg instanceof PyList
      ? xArg.items.every((v) => typeof v === 'string')
        ? (xArg.items as string[])
        : null
      : null;
  if (names && names.length > 0) {
    categories = [];
    x = names.map((name) => {
      let i = categories!.indexOf(name);
      if (i < 0) i = categories!.push(name) - 1;
      return i;
    });
  } else x = await numbers(xArg);
  const spread = async (v: PyValue, what: string): Promise<number[]> => {
    if (typeof v === 'number' || typeof v === 'bigint' || v instanceof PyFloat || typeof v === 'boolean')
      return x.map(() => 0).fill(await scalar(v, what));
    const values = await numbers(v);
    if (values.length === 1) return x.map(() => values[0]);
    if (values.length !== x.length)
      throw pyError(
        'ValueError',
        `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape (${x.length},) and arg 1 with shape (${values.length},).`,
      );
    return values;
  };
  const heights = await spread(a.height, 'height');
  const widths = await spread(a.width, 'width');
  const align = optString(kw(a, 'align')) ?? 'center';
  if (align !== 'center' && align !== 'edge')
    throw pyError(
      'ValueError',
      `${strRepr(align)} is not a valid value for align; supported values are 'center', 'edge'`,
    );
  const item: BarItem = { kind: 'bar', x, heights, widths, align };
  if (a.bottom !== null) item.bottom = await scalar(a.bottom, 'bottom');
  const color = kw(a, 'color');
  if (color instanceof PyList || (color instanceof PyTuple && color.items.some((c) => typeof c === 'string')))
    item.colors = color.items.map((c) => colorArg(c) ?? 'C0');
  else item.color = colorArg(color) ?? `C${ax.patchCycle++ % 10}`;
  const tickLabel = kw(a, 'tick_label');
  if (tickLabel instanceof PyList || tickLabel instanceof PyTuple)
    categories = tickLabel.items.map(labelText);
  if (categories) item.categories = categories;
  const label = kw(a, 'label');
  if (label !== undefined && label !== null) item.label = String(label);
  ax.spec.items.push(item);
  return new PyNative(barContainerType, { n: x.length });
}

/** imshow(X): a 2-D array as coloured cells, row 0 on top. */
export async function imshow(ax: AxesState, a: BoundArgs): Promise<PyValue> {
  const arr = await toNDArray(a.X);
  if (arr.ndim !== 2)
    throw pyError(
      'TypeError',
      `Invalid shape (${arr.shape.join(', ')}${arr.ndim === 1 ? ',' : ''}) for image data (a 2-D array is drawn here, through a colour map)`,
    );
  const [rows, cols] = arr.shape;
  if (rows * cols > MAX_IMAGE_VALUES)
    throw pyError(
      'ValueError',
      `imshow draws at most ${MAX_IMAGE_VALUES.toLocaleString('en')} values; this image has ${rows} × ${cols}. Show a smaller part, or downsample it.`,
    );
  const values = arr.toNumbers();
  const [vmin, vmax] = await valueRange(values, a);
  const item: ImageItem = { kind: 'image', rows, cols, values, cmap: cmapArg(a.cmap), vmin, vmax };
  ax.spec.items.push(item);
  ax.figure.mappable = { ax, item };
  return new PyNative(axesImageType, { ax, item });
}

/** colorbar(mappable=None): the scale of the given image (or coloured scatter), else the figure's last one. */
export function colorbar(fig: FigureState, mappable: PyValue): PyValue {
  let m: Partial<Mappable> | undefined = fig.mappable;
  if (mappable instanceof PyNative && (mappable.cls === axesImageType || mappable.cls === pathCollectionType))
    m = mappable.value as Partial<Mappable>;
  else if (mappable !== null)
    throw pyError('AttributeError', `'${typeName(mappable)}' object has no attribute 'get_array'`);
  if (!m?.ax || !m.item || m.item.cmap === undefined)
    throw pyError(
      'RuntimeError',
      'No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).',
    );
  m.ax.spec.colorbar = { cmap: m.item.cmap, vmin: m.item.vmin!, vmax: m.item.vmax! };
  return new PyNative(colorbarType, {});
}

export function setScale(ax: AxesState, axis: 'x' | 'y', value: PyValue): PyValue {
  if (value !== 'linear' && value !== 'log')
    throw pyError(
      'ValueError',
      `${typeof value === 'string' ? strRepr(value) : typeName(value)} is not a valid value for scale; supported values here are 'linear', 'log'`,
    );
  ax.spec[axis === 'x' ? 'xscale' : 'yscale'] = value;
  return None;
}

/** semilogy / semilogx / loglog: plot, then a base-10 log scale on those axes. */
export async function logPlot(ax: AxesState, axes: ('x' | 'y')[], a: BoundArgs): Promise<PyValue> {
  const lines = await plotLines(ax, (a.args as PyTuple).items, a);
  for (const axis of axes) setScale(ax, axis, 'log');
  return lines;
}

export async function refLine(
  ax: AxesState,
  kind: 'axhline' | 'axvline',
  value: PyValue,
  a: BoundArgs,
): Promise<PyValue> {
  const item: RefLineItem = { kind, value: await scalar(value, kind === 'axhline' ? 'y' : 'x') };
  // A bare Line2D: without a colour it is rcParams' C0 and the colour cycle does not advance.
  const color = colorArg(kw(a, 'color', 'c'));
  if (color !== undefined) item.color = color;
  const ls = lineStyleArg(kw(a, 'linestyle', 'ls'));
  if (ls !== undefined) item.linestyle = ls;
  const label = kw(a, 'label');
  if (label !== undefined && label !== null) item.label = String(label);
  ax.spec.items.push(item);
  return new PyNative(line2DType, {});
}

export function text(x: number, y: number, s: string): PyValue {
  return new PyNative(textType, { x, y, text: s });
}

export function labelText(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyFloat) return floatRepr(v.v);
  return String(v);
}

/** Data limits with matplotlib's default 5% margins, for xlim()/ylim() without arguments. */
export function autoLimits(ax: AxesState, axis: 'x' | 'y'): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const it of ax.spec.items) {
    let vals: number[] = [];
    if (it.kind === 'line' || it.kind === 'scatter') vals = axis === 'x' ? it.x : it.y;
    else if (it.kind === 'arrow') vals = axis === 'x' ? [it.x, it.x + it.dx] : [it.y, it.y + it.dy];
    else if (it.kind === 'axhline' || it.kind === 'axvline')
      vals = (it.kind === 'axhline') === (axis === 'y') ? [it.value] : [];
    else if (it.kind === 'bar')
      vals =
        axis === 'x'
          ? it.x.flatMap((x, i) =>
              it.align === 'edge' ? [x, x + it.widths[i]] : [x - it.widths[i] / 2, x + it.widths[i] / 2],
            )
          : [it.bottom ?? 0, ...it.heights.map((h) => (it.bottom ?? 0) + h)];
    else if (it.kind === 'image') vals = axis === 'x' ? [-0.5, it.cols - 0.5] : [-0.5, it.rows - 0.5];
    for (const v of vals) {
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (lo === Infinity) return [0, 1];
  const pad = (hi - lo) * 0.05;
  return pad === 0 ? [lo - 0.055 * Math.abs(lo || 1), hi + 0.055 * Math.abs(hi || 1)] : [lo - pad, hi + pad];
}

export async function limits(
  ax: AxesState,
  axis: 'x' | 'y',
  args: PyValue[],
  a: BoundArgs,
): Promise<PyValue> {
  let lo: PyValue | undefined = args[0];
  let hi: PyValue | undefined = args[1];
  if (lo instanceof PyTuple || lo instanceof PyList) [lo, hi] = lo.items;
  lo = lo ?? kw(a, axis === 'x' ? 'left' : 'bottom', axis === 'x' ? 'xmin' : 'ymin');
  hi = hi ?? kw(a, axis === 'x' ? 'right' : 'top', axis === 'x' ? 'xmax' : 'ymax');
  const current = ax.spec[axis === 'x' ? 'xlim' : 'ylim'] ?? autoLimits(ax, axis);
  if ((lo === undefined || lo === null) && (hi === undefined || hi === null)) {
    if (args.length > 0) return newTuple([pyFloat(current[0]), pyFloat(current[1])]);
    return newTuple([pyFloat(current[0]), pyFloat(current[1])]);
  }
  const next: [number, number] = [
    lo === undefined || lo === null ? current[0] : await scalar(lo, 'limit'),
    hi === undefined || hi === null ? current[1] : await scalar(hi, 'limit'),
  ];
  ax.spec[axis === 'x' ? 'xlim' : 'ylim'] = next;
  return newTuple([pyFloat(next[0]), pyFloat(next[1])]);
}

export function gridToggle(ax: AxesState, a: BoundArgs, visible: PyValue): void {
  const kwargs = a.kwargs as unknown as { size: number } | undefined;
  if (visible === null) ax.spec.grid = kwargs && kwargs.size > 0 ? true : !ax.spec.grid;
  else ax.spec.grid = visible === true || (typeof visible === 'number' && visible !== 0);
}
