// The figures a cell records: their state, limits and the FigureSpec they become (src/protocol/figure.ts).
import {
  defineFunction,
  defineNativeType,
  pyError,
  PyNative,
  type PyValue,
  type SessionContext,
} from '../../objects.js';
import type { AxesSpec, FigureSpec, ImageItem, LineItem } from '../../../protocol/figure.js';
import { displayItem } from '../../figure-decimate.js';

// ---- recorded state ----------------------------------------------------------------------------

export interface AxesState {
  spec: AxesSpec;
  /** matplotlib cycles line colours and patch/scatter colours separately. */
  lineCycle: number;
  patchCycle: number;
  figure: FigureState;
}

export interface FigureState {
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

export interface Mappable {
  ax: AxesState;
  item: ImageItem | LineItem;
}

export interface PyplotState {
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
export const MAX_OPEN_WARNING = 20;

export const STATE_KEY = 'matplotlib.pyplot';

export const DEFAULT_FIGSIZE: [number, number] = [6.4, 4.8];
export const DPI = 100;

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

export const axesArrayType = defineNativeType<{
  items: PyValue[];
  rows: number;
  cols: number;
  squeezeRows: boolean;
}>({ name: 'ndarray', module: 'numpy' });

export function newFigure(st: PyplotState, ctx: SessionContext, figsize?: [number, number]): FigureState {
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

export function newAxes(fig: FigureState): AxesState {
  const ax: AxesState = { spec: { items: [] }, lineCycle: 0, patchCycle: 0, figure: fig };
  fig.axes.push(ax);
  fig.current = ax;
  return ax;
}

export function currentFigure(st: PyplotState, ctx: SessionContext): FigureState {
  return st.current ?? newFigure(st, ctx);
}

export function currentAxes(st: PyplotState, ctx: SessionContext): AxesState {
  const fig = currentFigure(st, ctx);
  return fig.current ?? newAxes(fig);
}

/** A grid of rows × cols axes must stay drawable: ValueError past MAX_AXES_PER_FIGURE. */
export function checkGrid(call: string, rows: number, cols: number): void {
  if (rows * cols <= MAX_AXES_PER_FIGURE) return;
  throw pyError(
    'ValueError',
    `${call} asks for ${rows} × ${cols} = ${rows * cols} axes; a figure here holds at most ${MAX_AXES_PER_FIGURE} (e.g. 10 × 10). Use fewer subplots, or several figures.`,
  );
}

export function toSpec(fig: FigureState): FigureSpec {
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
export function flush(st: PyplotState, ctx: SessionContext): void {
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
export function endCell(st: PyplotState, ctx: SessionContext): void {
  flush(st, ctx);
  if (st.dropped > 0)
    ctx.stdout(`(${st.dropped} more figure${st.dropped === 1 ? ' was' : 's were'} not shown)\n`);
  st.shown = 0;
  st.dropped = 0;
  st.warnedOpen = false;
}
