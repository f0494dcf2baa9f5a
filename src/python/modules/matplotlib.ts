// `import matplotlib.pyplot as plt`: records what a lesson draws as a FigureSpec (src/protocol/figure.ts)
// and hands it to the run's `figure` hook at `plt.show()`, or when the cell ends with a figure still
// open (the notebook inline backend's behaviour). Calls return objects that echo as matplotlib's do.

import {
  defineFunction,
  NativeFunction,
  type MaybePromise,
  newModule,
  newTuple,
  None,
  pyError,
  PyList,
  PyNative,
  PyTuple,
  type PyValue,
  type ModuleFactory,
  type SessionContext,
  toIndex,
  type BoundArgs,
  PyModule,
} from '../objects.js';
import { floatRepr, strRepr } from '../format.js';
import {
  AxesState,
  FigureState,
  PyplotState,
  STATE_KEY,
  DEFAULT_FIGSIZE,
  DPI,
  figureType,
  axesType,
  legendType,
  textType,
  axesArrayType,
  newFigure,
  newAxes,
  currentFigure,
  currentAxes,
  checkGrid,
  flush,
  endCell,
} from './matplotlib/state.js';
import { then, scalar } from './matplotlib/arguments.js';
import {
  plotLines,
  scatter,
  arrow,
  hist,
  bar,
  imshow,
  colorbar,
  setScale,
  logPlot,
  refLine,
  text,
  labelText,
  limits,
  gridToggle,
} from './matplotlib/commands.js';
export {
  MAX_AXES_PER_FIGURE,
  MAX_FIGURES_PER_CELL,
  figureType,
  axesType,
  line2DType,
  pathCollectionType,
  fancyArrowType,
  legendType,
  textType,
  barContainerType,
  axesImageType,
  colorbarType,
  MAX_IMAGE_VALUES,
} from './matplotlib/state.js';
export { parseFormat } from './matplotlib/arguments.js';
export { displayFigure, figuresCleared } from './matplotlib/state.js';

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
