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

export type PlotItem = LineItem | ArrowItem | RefLineItem;

export interface AxesSpec {
  title?: string;
  xlabel?: string;
  ylabel?: string;
  xlim?: [number, number];
  ylim?: [number, number];
  grid?: boolean;
  legend?: boolean;
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
