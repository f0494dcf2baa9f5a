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
import type { ArrowItem, AxesSpec, FigureSpec, LineItem, RefLineItem } from '../../protocol/figure.js';
import { displayItem } from '../figure-decimate.js';
import { toNDArray } from './numpy.js';

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
export const pathCollectionType = defineNativeType<object>({
  name: 'PathCollection',
  module: 'matplotlib.collections',
});
export const fancyArrowType = defineNativeType<object>({ name: 'FancyArrow', module: 'matplotlib.patches' });
export const legendType = defineNativeType<object>({ name: 'Legend', module: 'matplotlib.legend' });
export const textType = defineNativeType<{ x: number; y: number; text: string }>({
  name: 'Text',
  module: 'matplotlib.text',
});
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
    items: a.items.map((item) =>
      item.kind === 'line' || item.kind === 'scatter' ? displayItem(item) : { ...item },
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
  for (const f of open) {
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

/** A sequence of numbers from a list, tuple, ndarray or tensor (anything numpy can convert). */
function numbers(v: PyValue): MaybePromise<number[]> {
  return then(toNDArray(v), (a) => {
    const flat = a.toNumbers();
    if (a.ndim > 1)
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

async function scatter(ax: AxesState, a: BoundArgs): Promise<PyValue> {
  const x = await numbers(a.x);
  const y = await numbers(a.y);
  if (x.length !== y.length) throw pyError('ValueError', 'x and y must be the same size');
  const color =
    colorArg(kw(a, 'color') ?? (typeof a.c === 'string' ? a.c : null)) ?? `C${ax.patchCycle++ % 10}`;
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
