// `import matplotlib.pyplot as plt`: records what a lesson draws as a FigureSpec (src/protocol/figure.ts)
// and hands it to the run's `figure` hook at `plt.show()`, or when the cell ends with a figure still
// open (the notebook inline backend's behaviour). Calls return objects that echo as matplotlib's do.

import {
  defineFunction,
  defineNativeType,
  isPromise,
  NativeFunction,
  type MaybePromise,
  newModule,
  newTuple,
  None,
  PyFloat,
  pyError,
  pyFloat,
  PyList,
  PyNative,
  PyObject,
  PyTuple,
  type PyValue,
  type ModuleFactory,
  type SessionContext,
  toIndex,
  typeName,
  type BoundArgs,
  PyModule,
} from '../objects.js';
import { call as callPython } from '../runtime.js';
import { floatRepr, strRepr } from '../format.js';
import type {
  ArrowItem,
  AxesSpec,
  BarItem,
  FigureSpec,
  ImageItem,
  LineItem,
  RefLineItem,
} from '../../protocol/figure.js';
import { COLORMAP_NAMES } from '../../protocol/figure.js';
import { displayItem } from '../figure-decimate.js';
import { NDArray, toNDArray, wrapNDArray } from './numpy.js';

// ---- recorded state ----------------------------------------------------------------------------

interface AxesState {
  spec: AxesSpec;
  /** matplotlib cycles line colours and patch/scatter colours separately. */
  lineCycle: number;
  patchCycle: number;
  figure: FigureState;
}

interface FigureState {
  number: number;
  figsize?: [number, number];
  rows: number;
  cols: number;
  axes: AxesState[];
  current: AxesState | null;
  suptitle?: string;
  /** The last image or value-coloured scatter (matplotlib's current image, for colorbar()). */
  mappable?: Mappable;
}

interface Mappable {
  ax: AxesState;
  item: ImageItem | LineItem;
}

interface PyplotState {
  figures: FigureState[];
  current: FigureState | null;
  nextNumber: number;
  /** Figures sent to the page by the running cell, and those left out past the limit. */
  shown: number;
  dropped: number;
  /** matplotlib's "More than 20 figures" warning was printed in this cell. */
  warnedOpen: boolean;
}

/** Axes one figure may hold: a page draws each as a chart, and 10,000 of them froze it for 15 s. */
export const MAX_AXES_PER_FIGURE = 100;
/** Figures one cell run sends to the page; later ones are counted and said, not drawn. */
export const MAX_FIGURES_PER_CELL = 50;
/** matplotlib's rcParams['figure.max_open_warning']. */
const MAX_OPEN_WARNING = 20;

const STATE_KEY = 'matplotlib.pyplot';

const DEFAULT_FIGSIZE: [number, number] = [6.4, 4.8];
const DPI = 100;

export const figureType = defineNativeType<FigureState>({ name: 'Figure', module: 'matplotlib.figure' });
export const axesType = defineNativeType<AxesState>({ name: 'Axes', module: 'matplotlib.axes' });
export const line2DType = defineNativeType<object>({ name: 'Line2D', module: 'matplotlib.lines' });
export const pathCollectionType = defineNativeType<Partial<Mappable>>({
  name: 'PathCollection',
  module: 'matplotlib.collections',
});
export const fancyArrowType = defineNativeType<object>({ name: 'FancyArrow', module: 'matplotlib.patches' });
export const legendType = defineNativeType<object>({ name: 'Legend', module: 'matplotlib.legend' });
export const textType = defineNativeType<{ x: number; y: number; text: string }>({
  name: 'Text',
  module: 'matplotlib.text',
});
export const barContainerType = defineNativeType<{ n: number }>({
  name: 'BarContainer',
  module: 'matplotlib.container',
});
export const axesImageType = defineNativeType<Mappable>({ name: 'AxesImage', module: 'matplotlib.image' });
export const colorbarType = defineNativeType<object>({ name: 'Colorbar', module: 'matplotlib.colorbar' });
barContainerType.define({
  __repr__: defineFunction('__repr__', 'self', (a) => {
    return `<BarContainer object of ${(a.self as PyNative<{ n: number }>).value.n} artists>`;
  }),
  __len__: defineFunction('__len__', 'self', (a) => (a.self as PyNative<{ n: number }>).value.n),
});

/** The most values one imshow() sends to the page (a 500 × 500 image). */
export const MAX_IMAGE_VALUES = 250_000;

const axesArrayType = defineNativeType<{
  items: PyValue[];
  rows: number;
  cols: number;
  squeezeRows: boolean;
}>({ name: 'ndarray', module: 'numpy' });

function newFigure(st: PyplotState, ctx: SessionContext, figsize?: [number, number]): FigureState {
  const fig: FigureState = { number: st.nextNumber++, figsize, rows: 1, cols: 1, axes: [], current: null };
  st.figures.push(fig);
  if (st.figures.length > MAX_OPEN_WARNING && !st.warnedOpen) {
    // matplotlib's own warning (it goes to stderr there; here, once per cell, to the output).
    st.warnedOpen = true;
    ctx.stdout(
      `RuntimeWarning: More than ${MAX_OPEN_WARNING} figures have been opened. Figures created through the pyplot interface (\`matplotlib.pyplot.figure\`) are retained until explicitly closed and may consume too much memory. (To control this warning, see the rcParam \`figure.max_open_warning\`). Consider using \`matplotlib.pyplot.close()\`.\n`,
    );
  }
  st.current = fig;
  return fig;
}

function newAxes(fig: FigureState): AxesState {
  const ax: AxesState = { spec: { items: [] }, lineCycle: 0, patchCycle: 0, figure: fig };
  fig.axes.push(ax);
  fig.current = ax;
  return ax;
}

function currentFigure(st: PyplotState, ctx: SessionContext): FigureState {
  return st.current ?? newFigure(st, ctx);
}

function currentAxes(st: PyplotState, ctx: SessionContext): AxesState {
  const fig = currentFigure(st, ctx);
  return fig.current ?? newAxes(fig);
}

/** A grid of rows × cols axes must stay drawable: ValueError past MAX_AXES_PER_FIGURE. */
function checkGrid(call: string, rows: number, cols: number): void {
  if (rows * cols <= MAX_AXES_PER_FIGURE) return;
  throw pyError(
    'ValueError',
    `${call} asks for ${rows} × ${cols} = ${rows * cols} axes; a figure here holds at most ${MAX_AXES_PER_FIGURE} (e.g. 10 × 10). Use fewer subplots, or several figures.`,
  );
}

function toSpec(fig: FigureState): FigureSpec {
  // Big lines are thinned for display here, before they cross to the page (figure-decimate.ts).
  const axesSpec = (a: AxesSpec): AxesSpec => ({
    ...structuredClone({ ...a, items: [] }),
    // (a scatter coloured by value keeps every point: thinning would part points from their values)
    items: a.items.map((item) =>
      (item.kind === 'line' || item.kind === 'scatter') && !item.values ? displayItem(item) : { ...item },
    ),
  });
  const spec: FigureSpec = {
    axes: fig.axes.map((a) => axesSpec(a.spec)),
    rows: fig.rows,
    cols: fig.cols,
  };
  if (fig.figsize) spec.figsize = [...fig.figsize];
  if (fig.suptitle !== undefined) spec.suptitle = fig.suptitle;
  return spec;
}

/** Sends every open figure that has axes to the run's figure hook, and closes them all. */
function flush(st: PyplotState, ctx: SessionContext): void {
  const open = st.figures.filter((f) => f.axes.length > 0);
  st.figures = [];
  st.current = null;
  show(st, ctx, open);
}

function show(st: PyplotState, ctx: SessionContext, figures: FigureState[]): void {
  for (const f of figures.filter((f) => f.axes.length > 0)) {
    if (st.shown < MAX_FIGURES_PER_CELL) {
      st.shown++;
      ctx.figure(toSpec(f));
    } else {
      if (st.dropped === 0)
        ctx.stdout(
          `UserWarning: this cell has shown ${MAX_FIGURES_PER_CELL} figures, the most one run shows; later figures are not drawn. Plot fewer, or draw several lines on one figure.\n`,
        );
      st.dropped++;
    }
  }
}

/** IPython's clear_output(): the figures shown are gone, so the per-cell count starts again. */
export function figuresCleared(ctx: SessionContext): void {
  const st = ctx.state.get(STATE_KEY) as PyplotState | undefined;
  if (st) st.shown = st.dropped = 0;
}

/** IPython's display(fig): shows the figure now, within the per-cell limit; it stays open. */
export function displayFigure(ctx: SessionContext, value: PyValue): boolean {
  const st = ctx.state.get(STATE_KEY) as PyplotState | undefined;
  if (!st || !(value instanceof PyNative) || value.cls !== figureType) return false;
  show(st, ctx, [value.value as FigureState]);
  return true;
}

/** At the end of a cell: shows what is still open, says how many figures were left out, starts the count again. */
function endCell(st: PyplotState, ctx: SessionContext): void {
  flush(st, ctx);
  if (st.dropped > 0)
    ctx.stdout(`(${st.dropped} more figure${st.dropped === 1 ? ' was' : 's were'} not shown)\n`);
  st.shown = 0;
  st.dropped = 0;
  st.warnedOpen = false;
}

// ---- argument conversion -----------------------------------------------------------------------

/**
 * A sequence of numbers from a list, tuple, ndarray or tensor (anything numpy can convert); one
 * column (N × 1, as `x.unsqueeze(1)` makes) counts as 1-D. `ravel`: any shape, flattened (scatter).
 */
function numbers(v: PyValue, ravel = false): MaybePromise<number[]> {
  return then(toNDArray(v), (a) => {
    const flat = a.toNumbers();
    if (a.ndim > 1 && !ravel && !(a.ndim === 2 && a.shape[1] === 1))
      throw pyError('ValueError', 'only 1-D data is supported by this plot; pass one column at a time');
    return flat;
  });
}

function then<T, U>(v: MaybePromise<T>, f: (x: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise<T>(v) ? v.then(f) : f(v);
}

/** One number (int, float, 0-d array, one-element tensor via __float__). */
function scalar(v: PyValue, what: string): MaybePromise<number> {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyObject) {
    const f = v.cls.lookup('__float__');
    if (f !== undefined) {
      return then(callPython(f, [v]), (r) => {
        if (r instanceof PyFloat) return r.v;
        if (typeof r === 'number') return r;
        throw pyError('TypeError', `${what} must be a number, not ${typeName(v)}`);
      });
    }
  }
  throw pyError('TypeError', `${what} must be a number, not ${typeName(v)}`);
}

function optString(v: PyValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  throw pyError('TypeError', `expected a string, not ${typeName(v)}`);
}

/** A colour as given: names, 'r', '#ff0000', 'C1', or an RGB(A) tuple of 0..1 floats. */
function colorArg(v: PyValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (v instanceof PyTuple || v instanceof PyList) {
    const parts = v.items.map((x) => (x instanceof PyFloat ? x.v : typeof x === 'number' ? x : NaN));
    if ((parts.length === 3 || parts.length === 4) && parts.every((p) => p >= 0 && p <= 1)) {
      const hex = parts
        .slice(0, 3)
        .map((p) =>
          Math.round(p * 255)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('');
      return '#' + hex;
    }
  }
  throw pyError('ValueError', `${typeof v === 'string' ? v : typeName(v)} is not a valid value for color`);
}

const COLOR_CHARS = 'bgrcmykw';
const MARKERS = '.,ov^<>1234sp*hH+xDd|_';
const LINESTYLES = ['--', '-.', '-', ':'];
const NAMED_COLORS = new Set([
  'blue',
  'green',
  'red',
  'cyan',
  'magenta',
  'yellow',
  'black',
  'white',
  'orange',
  'purple',
  'brown',
  'pink',
  'gray',
  'grey',
  'olive',
  'navy',
  'teal',
  'lime',
  'gold',
  'violet',
  'indigo',
  'maroon',
  'coral',
  'salmon',
  'turquoise',
  'tan',
  'silver',
  'darkblue',
  'darkgreen',
  'darkred',
  'lightblue',
  'lightgreen',
  'lightgray',
  'lightgrey',
  'darkgray',
  'darkgrey',
  'skyblue',
  'tab:blue',
  'tab:orange',
  'tab:green',
  'tab:red',
  'tab:purple',
  'tab:brown',
  'tab:pink',
  'tab:gray',
  'tab:olive',
  'tab:cyan',
]);

function isColorString(s: string): boolean {
  return (
    NAMED_COLORS.has(s.toLowerCase()) ||
    /^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(s) ||
    /^C\d$/.test(s) ||
    /^0?\.\d+$|^[01](\.0*)?$/.test(s)
  );
}

/** matplotlib's format string: `'r--'`, `'bo'`, `'g^:'`, or a whole colour name. */
export function parseFormat(fmt: string): { color?: string; marker?: string; linestyle?: string } {
  if (isColorString(fmt)) return { color: fmt };
  const out: { color?: string; marker?: string; linestyle?: string } = {};
  let i = 0;
  while (i < fmt.length) {
    const ls = LINESTYLES.find((l) => fmt.startsWith(l, i));
    if (ls) {
      if (out.linestyle !== undefined)
        throw pyError('ValueError', `${strRepr(fmt)} is not a valid format string (two linestyle symbols)`);
      out.linestyle = ls;
      i += ls.length;
      continue;
    }
    const c = fmt[i];
    if (c === 'C' && /\d/.test(fmt[i + 1] ?? '')) {
      if (out.color !== undefined)
        throw pyError('ValueError', `${strRepr(fmt)} is not a valid format string (two color symbols)`);
      out.color = fmt.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (COLOR_CHARS.includes(c)) {
      if (out.color !== undefined)
        throw pyError('ValueError', `${strRepr(fmt)} is not a valid format string (two color symbols)`);
      out.color = c;
    } else if (MARKERS.includes(c)) {
      if (out.marker !== undefined)
        throw pyError('ValueError', `${strRepr(fmt)} is not a valid format string (two marker symbols)`);
      out.marker = c;
    } else {
      throw pyError(
        'ValueError',
        `${strRepr(fmt)} is not a valid format string (unrecognized character '${c}')`,
      );
    }
    i++;
  }
  if (out.marker !== undefined && out.linestyle === undefined) out.linestyle = '';
  return out;
}

function lineStyleArg(v: PyValue | undefined): string | undefined {
  const s = optString(v ?? null);
  if (s === undefined) return undefined;
  const names: Record<string, string> = {
    solid: '-',
    dashed: '--',
    dotted: ':',
    dashdot: '-.',
    None: '',
    none: '',
    ' ': '',
  };
  if (s in names) return names[s];
  if (['-', '--', ':', '-.', ''].includes(s)) return s;
  throw pyError(
    'ValueError',
    `${strRepr(s)} is not a valid value for ls; supported values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'`,
  );
}

function kw(a: BoundArgs, ...names: string[]): PyValue | undefined {
  const k = a.kwargs as unknown as { get(k: PyValue): PyValue | undefined } | undefined;
  for (const n of names) {
    const v = k?.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

function nextLineColor(ax: AxesState): string {
  return `C${ax.lineCycle++ % 10}`;
}

// ---- plotting commands (shared by pyplot and Axes methods) -------------------------------------

async function plotLines(ax: AxesState, args: PyValue[], a: BoundArgs): Promise<PyValue> {
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
function isPerPointValues(c: PyValue, n: number): boolean {
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

function cmapArg(v: PyValue | undefined): string {
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
async function valueRange(values: number[], a: BoundArgs): Promise<[number, number]> {
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

async function scatter(ax: AxesState, a: BoundArgs): Promise<PyValue> {
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

async function arrow(ax: AxesState, a: BoundArgs): Promise<PyValue> {
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
async function hist(ax: AxesState, a: BoundArgs): Promise<PyValue> {
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
async function bar(ax: AxesState, a: BoundArgs): Promise<PyValue> {
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
async function imshow(ax: AxesState, a: BoundArgs): Promise<PyValue> {
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
function colorbar(fig: FigureState, mappable: PyValue): PyValue {
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

function setScale(ax: AxesState, axis: 'x' | 'y', value: PyValue): PyValue {
  if (value !== 'linear' && value !== 'log')
    throw pyError(
      'ValueError',
      `${typeof value === 'string' ? strRepr(value) : typeName(value)} is not a valid value for scale; supported values here are 'linear', 'log'`,
    );
  ax.spec[axis === 'x' ? 'xscale' : 'yscale'] = value;
  return None;
}

/** semilogy / semilogx / loglog: plot, then a base-10 log scale on those axes. */
async function logPlot(ax: AxesState, axes: ('x' | 'y')[], a: BoundArgs): Promise<PyValue> {
  const lines = await plotLines(ax, (a.args as PyTuple).items, a);
  for (const axis of axes) setScale(ax, axis, 'log');
  return lines;
}

async function refLine(
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

function text(x: number, y: number, s: string): PyValue {
  return new PyNative(textType, { x, y, text: s });
}

function labelText(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyFloat) return floatRepr(v.v);
  return String(v);
}

/** Data limits with matplotlib's default 5% margins, for xlim()/ylim() without arguments. */
function autoLimits(ax: AxesState, axis: 'x' | 'y'): [number, number] {
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

async function limits(ax: AxesState, axis: 'x' | 'y', args: PyValue[], a: BoundArgs): Promise<PyValue> {
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

function gridToggle(ax: AxesState, a: BoundArgs, visible: PyValue): void {
  const kwargs = a.kwargs as unknown as { size: number } | undefined;
  if (visible === null) ax.spec.grid = kwargs && kwargs.size > 0 ? true : !ax.spec.grid;
  else ax.spec.grid = visible === true || (typeof visible === 'number' && visible !== 0);
}

// ---- Axes methods (ax.plot ...) ----------------------------------------------------------------

const HIST_PARAMS = 'x, bins=10, range=None, density=False, **kwargs';
const BAR_PARAMS = 'x, height, width=0.8, bottom=None, **kwargs';

function axesOf(a: BoundArgs): AxesState {
  return (a.self as PyNative<AxesState>).value;
}

axesType.define({
  plot: defineFunction('plot', 'self, *args, **kwargs', (a) =>
    plotLines(axesOf(a), (a.args as PyTuple).items, a),
  ),
  scatter: defineFunction('scatter', 'self, x, y, s=None, c=None, marker=None, **kwargs', (a) =>
    scatter(axesOf(a), a),
  ),
  arrow: defineFunction('arrow', 'self, x, y, dx, dy, **kwargs', (a) => arrow(axesOf(a), a)),
  hist: defineFunction('hist', HIST_PARAMS.replace('x,', 'self, x,'), (a) => hist(axesOf(a), a)),
  bar: defineFunction('bar', BAR_PARAMS.replace('x,', 'self, x,'), (a) => bar(axesOf(a), a)),
  imshow: defineFunction('imshow', 'self, X, cmap=None, **kwargs', (a) => imshow(axesOf(a), a)),
  semilogy: defineFunction('semilogy', 'self, *args, **kwargs', (a) => logPlot(axesOf(a), ['y'], a)),
  semilogx: defineFunction('semilogx', 'self, *args, **kwargs', (a) => logPlot(axesOf(a), ['x'], a)),
  loglog: defineFunction('loglog', 'self, *args, **kwargs', (a) => logPlot(axesOf(a), ['x', 'y'], a)),
  set_xscale: defineFunction('set_xscale', 'self, value, **kwargs', (a) => setScale(axesOf(a), 'x', a.value)),
  set_yscale: defineFunction('set_yscale', 'self, value, **kwargs', (a) => setScale(axesOf(a), 'y', a.value)),
  axhline: defineFunction('axhline', 'self, y=0, xmin=0, xmax=1, **kwargs', (a) =>
    refLine(axesOf(a), 'axhline', a.y, a),
  ),
  axvline: defineFunction('axvline', 'self, x=0, ymin=0, ymax=1, **kwargs', (a) =>
    refLine(axesOf(a), 'axvline', a.x, a),
  ),
  set_xlabel: defineFunction('set_xlabel', 'self, xlabel, **kwargs', (a) => {
    axesOf(a).spec.xlabel = labelText(a.xlabel);
    return text(0.5, 0, labelText(a.xlabel));
  }),
  set_ylabel: defineFunction('set_ylabel', 'self, ylabel, **kwargs', (a) => {
    axesOf(a).spec.ylabel = labelText(a.ylabel);
    return text(0, 0.5, labelText(a.ylabel));
  }),
  set_title: defineFunction('set_title', 'self, label, **kwargs', (a) => {
    axesOf(a).spec.title = labelText(a.label);
    return text(0.5, 1.0, labelText(a.label));
  }),
  legend: defineFunction('legend', 'self, *args, **kwargs', (a) => {
    axesOf(a).spec.legend = true;
    return new PyNative(legendType, {});
  }),
  grid: defineFunction('grid', 'self, visible=None, **kwargs', (a) => {
    gridToggle(axesOf(a), a, a.visible);
    return None;
  }),
  set_xlim: defineFunction('set_xlim', 'self, *args, **kwargs', (a) =>
    limits(axesOf(a), 'x', (a.args as PyTuple).items, a),
  ),
  set_ylim: defineFunction('set_ylim', 'self, *args, **kwargs', (a) =>
    limits(axesOf(a), 'y', (a.args as PyTuple).items, a),
  ),
  get_xlim: defineFunction('get_xlim', 'self', (a) => limits(axesOf(a), 'x', [], a)),
  get_ylim: defineFunction('get_ylim', 'self', (a) => limits(axesOf(a), 'y', [], a)),
});

figureType.define({
  __repr__: defineFunction('__repr__', 'self', (a) => {
    const f = (a.self as PyNative<FigureState>).value;
    const [w, h] = f.figsize ?? DEFAULT_FIGSIZE;
    return `<Figure size ${Math.round(w * DPI)}x${Math.round(h * DPI)} with ${f.axes.length} Axes>`;
  }),
  suptitle: defineFunction('suptitle', 'self, t, **kwargs', (a) => {
    (a.self as PyNative<FigureState>).value.suptitle = labelText(a.t);
    return text(0.5, 0.98, labelText(a.t));
  }),
  colorbar: defineFunction('colorbar', 'self, mappable=None, **kwargs', (a) =>
    colorbar((a.self as PyNative<FigureState>).value, a.mappable),
  ),
  add_subplot: defineFunction('add_subplot', 'self, *args, **kwargs', (a) =>
    axesType.wrap(newAxes((a.self as PyNative<FigureState>).value)),
  ),
});

textType.define({
  __repr__: defineFunction('__repr__', 'self', (a) => {
    const t = (a.self as PyNative<{ x: number; y: number; text: string }>).value;
    const num = (v: number) => (Number.isInteger(v) && v !== 0.5 && v !== 1 ? String(v) : floatRepr(v));
    return `Text(${num(t.x)}, ${num(t.y)}, ${strRepr(t.text)})`;
  }),
  get_text: defineFunction('get_text', 'self', (a) => (a.self as PyNative<{ text: string }>).value.text),
});

axesArrayType.define({
  __getitem__: defineFunction('__getitem__', 'self, key', (a) => {
    const arr = (a.self as PyNative<{ items: PyValue[]; rows: number; cols: number; squeezeRows: boolean }>)
      .value;
    const idx = (v: PyValue, n: number) => {
      let i = toIndex(v);
      if (i < -n || i >= n)
        throw pyError('IndexError', `index ${i} is out of bounds for axis 0 with size ${n}`);
      if (i < 0) i += n;
      return i;
    };
    if (a.key instanceof PyTuple) {
      if (arr.rows === 1 || arr.cols === 1)
        throw pyError('IndexError', 'too many indices for array: array is 1-dimensional, but 2 were indexed');
      const [r, c] = a.key.items;
      return arr.items[idx(r, arr.rows) * arr.cols + idx(c, arr.cols)];
    }
    if (arr.rows > 1 && arr.cols > 1) {
      const r = idx(a.key, arr.rows);
      return new PyNative(axesArrayType, {
        items: arr.items.slice(r * arr.cols, (r + 1) * arr.cols),
        rows: 1,
        cols: arr.cols,
        squeezeRows: true,
      });
    }
    return arr.items[idx(a.key, arr.items.length)];
  }),
  __len__: defineFunction('__len__', 'self', (a) => {
    const arr = (a.self as PyNative<{ items: PyValue[]; rows: number; cols: number }>).value;
    return arr.rows > 1 && arr.cols > 1 ? arr.rows : arr.items.length;
  }),
  __iter__: defineFunction('__iter__', 'self', (a) => {
    const arr = (a.self as PyNative<{ items: PyValue[]; rows: number; cols: number }>).value;
    if (arr.rows > 1 && arr.cols > 1) {
      return new PyList(
        Array.from(
          { length: arr.rows },
          (_, r) =>
            new PyNative(axesArrayType, {
              items: arr.items.slice(r * arr.cols, (r + 1) * arr.cols),
              rows: 1,
              cols: arr.cols,
              squeezeRows: true,
            }),
        ),
      );
    }
    return new PyList(arr.items.slice());
  }),
  flatten: defineFunction('flatten', 'self', (a) => {
    const arr = (a.self as PyNative<{ items: PyValue[] }>).value;
    return new PyNative(axesArrayType, {
      items: arr.items.slice(),
      rows: 1,
      cols: arr.items.length,
      squeezeRows: true,
    });
  }),
  __repr__: defineFunction('__repr__', 'self', (a) => {
    const arr = (a.self as PyNative<{ items: PyValue[] }>).value;
    return `array([${arr.items.map(() => '<Axes: >').join(', ')}], dtype=object)`;
  }),
});
axesArrayType.define(
  {},
  { flat: { get: (s: PyNative<{ items: PyValue[] }>) => new PyList(s.value.items.slice()) } },
);

function figsizeArg(v: PyValue | undefined): MaybePromise<[number, number] | undefined> {
  if (v === undefined || v === null) return undefined;
  if (!(v instanceof PyTuple || v instanceof PyList) || v.items.length !== 2)
    throw pyError('ValueError', 'figsize must be a (width, height) tuple');
  return then(scalar(v.items[0], 'figsize'), (w) =>
    then(scalar(v.items[1], 'figsize'), (h): [number, number] => [w, h]),
  );
}

// ---- the pyplot module ---------------------------------------------------------------------------

const PYPLOT_DOCS: Record<string, string> = {
  plot: "Plot y versus x as lines and/or markers: plot(x, y, 'r--', label='f').",
  scatter: 'A scatter plot of y versus x.',
  arrow: 'Draw an arrow from (x, y) to (x + dx, y + dy).',
  hist: 'A histogram: hist(values, bins=10) returns (counts, bin_edges, bars).',
  bar: 'A bar chart: bar(x, heights), x numbers or category names.',
  imshow: "Show a 2-D array as an image: imshow(A, cmap='viridis').",
  colorbar: 'Show the colour scale of the last image.',
  semilogy: 'Plot with a logarithmic y axis (e.g. a loss curve).',
  semilogx: 'Plot with a logarithmic x axis.',
  loglog: 'Plot with both axes logarithmic.',
  xscale: "Set the x axis scale: 'linear' or 'log'.",
  yscale: "Set the y axis scale: 'linear' or 'log'.",
  axhline: 'A horizontal line across the axes at y.',
  axvline: 'A vertical line across the axes at x.',
  xlabel: 'Set the label of the x axis.',
  ylabel: 'Set the label of the y axis.',
  title: 'Set the title of the current axes.',
  legend: 'Show a legend of the labelled lines.',
  grid: 'Show (or hide) grid lines.',
  xlim: 'Get or set the x limits: xlim(left, right).',
  ylim: 'Get or set the y limits: ylim(bottom, top).',
  figure: 'Start a new figure: figure(figsize=(width, height)) in inches.',
  subplots: 'A figure and a grid of axes: fig, axs = subplots(nrows, ncols).',
  show: 'Display all open figures.',
  clf: 'Clear the current figure.',
};

export function buildPyplot(ctx: SessionContext): PyModule {
  const st: PyplotState = {
    figures: [],
    current: null,
    nextNumber: 1,
    shown: 0,
    dropped: 0,
    warnedOpen: false,
  };
  ctx.state.set(STATE_KEY, st);
  // The inline backend shows every figure still open when a cell ends.
  (ctx as SessionContext & { onCellEnd?(fn: () => void): void }).onCellEnd?.(() => endCell(st, ctx));
  const ax = () => currentAxes(st, ctx);
  const module = newModule(
    'matplotlib.pyplot',
    {
      plot: defineFunction('plot', '*args, **kwargs', (a) => plotLines(ax(), (a.args as PyTuple).items, a)),
      scatter: defineFunction('scatter', 'x, y, s=None, c=None, marker=None, **kwargs', (a) =>
        scatter(ax(), a),
      ),
      arrow: defineFunction('arrow', 'x, y, dx, dy, **kwargs', (a) => arrow(ax(), a)),
      hist: defineFunction('hist', HIST_PARAMS, (a) => hist(ax(), a)),
      bar: defineFunction('bar', BAR_PARAMS, (a) => bar(ax(), a)),
      imshow: defineFunction('imshow', 'X, cmap=None, **kwargs', (a) => imshow(ax(), a)),
      colorbar: defineFunction('colorbar', 'mappable=None, **kwargs', (a) =>
        colorbar(currentFigure(st, ctx), a.mappable),
      ),
      semilogy: defineFunction('semilogy', '*args, **kwargs', (a) => logPlot(ax(), ['y'], a)),
      semilogx: defineFunction('semilogx', '*args, **kwargs', (a) => logPlot(ax(), ['x'], a)),
      loglog: defineFunction('loglog', '*args, **kwargs', (a) => logPlot(ax(), ['x', 'y'], a)),
      xscale: defineFunction('xscale', 'value, **kwargs', (a) => setScale(ax(), 'x', a.value)),
      yscale: defineFunction('yscale', 'value, **kwargs', (a) => setScale(ax(), 'y', a.value)),
      axhline: defineFunction('axhline', 'y=0, xmin=0, xmax=1, **kwargs', (a) =>
        refLine(ax(), 'axhline', a.y, a),
      ),
      axvline: defineFunction('axvline', 'x=0, ymin=0, ymax=1, **kwargs', (a) =>
        refLine(ax(), 'axvline', a.x, a),
      ),
      xlabel: defineFunction('xlabel', 'xlabel, **kwargs', (a) => {
        ax().spec.xlabel = labelText(a.xlabel);
        return text(0.5, 0, labelText(a.xlabel));
      }),
      ylabel: defineFunction('ylabel', 'ylabel, **kwargs', (a) => {
        ax().spec.ylabel = labelText(a.ylabel);
        return text(0, 0.5, labelText(a.ylabel));
      }),
      title: defineFunction('title', 'label, **kwargs', (a) => {
        ax().spec.title = labelText(a.label);
        return text(0.5, 1.0, labelText(a.label));
      }),
      suptitle: defineFunction('suptitle', 't, **kwargs', (a) => {
        currentFigure(st, ctx).suptitle = labelText(a.t);
        return text(0.5, 0.98, labelText(a.t));
      }),
      legend: defineFunction('legend', '*args, **kwargs', () => {
        ax().spec.legend = true;
        return new PyNative(legendType, {});
      }),
      grid: defineFunction('grid', 'visible=None, **kwargs', (a) => {
        gridToggle(ax(), a, a.visible);
        return None;
      }),
      xlim: defineFunction('xlim', '*args, **kwargs', (a) => limits(ax(), 'x', (a.args as PyTuple).items, a)),
      ylim: defineFunction('ylim', '*args, **kwargs', (a) => limits(ax(), 'y', (a.args as PyTuple).items, a)),
      figure: defineFunction('figure', 'num=None, figsize=None, **kwargs', (a) =>
        then(figsizeArg(a.figsize), (size) => figureType.wrap(newFigure(st, ctx, size))),
      ),
      subplots: defineFunction(
        'subplots',
        'nrows=1, ncols=1, *, sharex=False, sharey=False, squeeze=True, figsize=None, **kwargs',
        (a) =>
          then(figsizeArg(a.figsize), (size) => {
            const rows = toIndex(a.nrows);
            const cols = toIndex(a.ncols);
            if (rows < 1 || cols < 1)
              throw pyError(
                'ValueError',
                `Number of rows must be a positive integer, not ${rows < 1 ? rows : cols}`,
              );
            checkGrid(`subplots(${rows}, ${cols})`, rows, cols);
            const fig = newFigure(st, ctx, size);
            fig.rows = rows;
            fig.cols = cols;
            const axes = Array.from({ length: rows * cols }, () => axesType.wrap(newAxes(fig)) as PyValue);
            const axesValue =
              rows * cols === 1 && a.squeeze !== false
                ? axes[0]
                : new PyNative(axesArrayType, { items: axes, rows, cols, squeezeRows: rows === 1 });
            return newTuple([figureType.wrap(fig), axesValue]);
          }),
      ),
      subplot: defineFunction('subplot', '*args, **kwargs', (a) => {
        const args = (a.args as PyTuple).items.map((v) => toIndex(v));
        let [rows, cols, index] = args;
        if (args.length === 1)
          [rows, cols, index] = [Math.floor(args[0] / 100), Math.floor(args[0] / 10) % 10, args[0] % 10];
        const fig = currentFigure(st, ctx);
        if (fig.axes.length === 0) {
          checkGrid(`subplot(${rows}, ${cols}, ${index})`, rows, cols);
          fig.rows = rows;
          fig.cols = cols;
          for (let i = 0; i < rows * cols; i++) newAxes(fig);
        }
        if (index < 1 || index > fig.axes.length)
          throw pyError(
            'ValueError',
            `num must be an integer with 1 <= num <= ${fig.axes.length}, not ${index}`,
          );
        fig.current = fig.axes[index - 1];
        return axesType.wrap(fig.current);
      }),
      gca: defineFunction('gca', '', () => axesType.wrap(ax())),
      gcf: defineFunction('gcf', '', () => figureType.wrap(currentFigure(st, ctx))),
      show: defineFunction('show', '*args, **kwargs', () => {
        flush(st, ctx);
        return None;
      }),
      clf: defineFunction('clf', '', () => {
        const fig = currentFigure(st, ctx);
        fig.axes = [];
        fig.current = null;
        fig.rows = 1;
        fig.cols = 1;
        return None;
      }),
      cla: defineFunction('cla', '', () => {
        const a = ax();
        a.spec = { items: [] };
        a.lineCycle = 0;
        a.patchCycle = 0;
        return None;
      }),
      close: defineFunction('close', 'fig=None', (a) => {
        if (a.fig === 'all') st.figures = [];
        else {
          const target =
            a.fig instanceof PyNative && a.fig.cls === figureType ? (a.fig.value as FigureState) : st.current;
          st.figures = st.figures.filter((f) => f !== target);
        }
        st.current = st.figures[st.figures.length - 1] ?? null;
        return None;
      }),
      savefig: defineFunction('savefig', '*args, **kwargs', () => None),
      tight_layout: defineFunction('tight_layout', '*args, **kwargs', () => None),
      ion: defineFunction('ion', '', () => None),
      ioff: defineFunction('ioff', '', () => None),
    },
    'matplotlib.pyplot in torchlet: plots are recorded and drawn by the page.',
  );
  for (const [name, doc] of Object.entries(PYPLOT_DOCS)) {
    const f = module.dict.get(name);
    if (f instanceof NativeFunction) f.doc = doc;
  }
  return module;
}

/** `import matplotlib.pyplot`. */
export const pyplotModule: ModuleFactory = (ctx) => buildPyplot(ctx);
/** `import matplotlib`; importing matplotlib.pyplot adds `pyplot` to it, as a submodule import does in Python. */
export const matplotlibModule: ModuleFactory = () => newModule('matplotlib', { __version__: '3.6.3' });

export type { PyValue };
