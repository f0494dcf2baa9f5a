// What `matplotlib.pyplot` records: a plain-data figure description that crosses the Worker
// boundary and that src/plot draws with uPlot. Numbers only, no functions, no DOM.

export interface LineItem {
  kind: 'line' | 'scatter';
  x: number[];
  y: number[];
  /** A matplotlib colour as given (`'red'`, `'r'`, `'#ff0000'`, `'C1'`), resolved by src/plot. */
  color?: string;
  label?: string;
  /** `'-'`, `'--'`, `':'`, `'-.'` or `''` (markers only). */
  linestyle?: string;
  marker?: string;
  linewidth?: number;
  /** Set when x/y were thinned for display (src/python/figure-decimate.ts): how many points were plotted. */
  points?: number;
  /** With `points`: the finite points' extent before thinning, `[xmin, xmax, ymin, ymax]`. */
  extent?: [number, number, number, number];
  /** With `points`: the first and last plotted points, `[x0, y0, xn, yn]`. */
  ends?: [number, number, number, number];
  /** scatter(c=values): one number per point, coloured through `cmap` between vmin and vmax. */
  values?: number[];
  cmap?: string;
  vmin?: number;
  vmax?: number;
}

/** bar() and hist(): one rectangle per value, from `bottom` up to `bottom + heights[i]`. */
export interface BarItem {
  kind: 'bar';
  /** Left edges (hist) or centres (bar, align='center'), in data units. */
  x: number[];
  heights: number[];
  widths: number[];
  align: 'center' | 'edge';
  bottom?: number;
  color?: string;
  /** bar(color=[…]): one colour per bar */
  colors?: string[];
  label?: string;
  /** bar() with string categories: their names, drawn as the x ticks at 0, 1, 2, … */
  categories?: string[];
}

/** imshow(): a rows × cols grid of values (row-major), pixel centres at integers, row 0 on top. */
export interface ImageItem {
  kind: 'image';
  rows: number;
  cols: number;
  values: number[];
  cmap: string;
  vmin: number;
  vmax: number;
}

export interface ArrowItem {
  kind: 'arrow';
  x: number;
  y: number;
  dx: number;
  dy: number;
  color?: string;
  linewidth?: number;
}

export interface RefLineItem {
  kind: 'axhline' | 'axvline';
  value: number;
  color?: string;
  linestyle?: string;
  label?: string;
}

export type PlotItem = LineItem | ArrowItem | RefLineItem | BarItem | ImageItem;

export interface AxesSpec {
  title?: string;
  xlabel?: string;
  ylabel?: string;
  xlim?: [number, number];
  ylim?: [number, number];
  grid?: boolean;
  legend?: boolean;
  /** set_xscale / set_yscale / semilogy: 'log' is base 10. */
  xscale?: 'linear' | 'log';
  yscale?: 'linear' | 'log';
  /** colorbar(): the scale of the axes' image (or coloured scatter) drawn beside it. */
  colorbar?: { cmap: string; vmin: number; vmax: number };
  items: PlotItem[];
}

export interface FigureSpec {
  /** Subplots in row-major order. */
  axes: AxesSpec[];
  rows: number;
  cols: number;
  /** matplotlib's figsize in inches, when given. */
  figsize?: [number, number];
  suptitle?: string;
}

/** Colour maps the page can draw (`cmap=`); a name ending in `_r` is the map reversed. */
export const COLORMAP_NAMES = [
  'viridis',
  'plasma',
  'inferno',
  'magma',
  'gray',
  'Greys',
  'binary',
  'Blues',
  'Reds',
  'coolwarm',
  'bwr',
  'RdBu',
  'hot',
  'jet',
  'tab10',
] as const;
