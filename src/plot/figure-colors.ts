// matplotlib's colour names and line styles, resolved to what a canvas understands. No DOM.

/** matplotlib's default property cycle (tab10): `C0` … `C9`, and the colour of the n-th unstyled line. */
export const COLOR_CYCLE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

const TAB_NAMES = ['blue', 'orange', 'green', 'red', 'purple', 'brown', 'pink', 'gray', 'olive', 'cyan'];

/** matplotlib's one-letter base colours differ from CSS (`'g'` is #008000, `'c'` is #00bfbf). */
const BASE_COLORS: Record<string, string> = {
  b: '#0000ff',
  g: '#008000',
  r: '#ff0000',
  c: '#00bfbf',
  m: '#bf00bf',
  y: '#bfbf00',
  k: '#000000',
  w: '#ffffff',
};

/**
 * A matplotlib colour (`'red'`, `'r'`, `'C1'`, `'tab:blue'`, `'#ff000080'`, `'0.5'` grey) as a CSS
 * colour; `fallback` when absent. matplotlib's named colours are CSS's (X11/CSS4), so names pass through.
 */
export function resolveColor(color: string | undefined, fallback: string): string {
  if (color == null || color === '') return fallback;
  const c = color.trim();
  const lower = c.toLowerCase();
  if (BASE_COLORS[lower] && lower.length === 1) return BASE_COLORS[lower];
  const cycle = /^c(\d)$/i.exec(c);
  if (cycle) return COLOR_CYCLE[Number(cycle[1])];
  if (lower.startsWith('tab:')) {
    const index = TAB_NAMES.indexOf(lower.slice(4).replace('grey', 'gray'));
    if (index >= 0) return COLOR_CYCLE[index];
  }
  if (/^(0(\.\d+)?|1(\.0*)?)$/.test(c)) {
    const level = Math.round(Number(c) * 255);
    return `rgb(${level}, ${level}, ${level})`;
  }
  if (lower.startsWith('xkcd:')) return fallback;
  return c;
}

/** A colour's name for people (the text alternative). */
export function colorName(color: string | undefined, fallback: string): string {
  if (!color) return fallback;
  const lower = color.toLowerCase();
  const base: Record<string, string> = {
    b: 'blue',
    g: 'green',
    r: 'red',
    c: 'cyan',
    m: 'magenta',
    y: 'yellow',
    k: 'black',
    w: 'white',
  };
  if (lower.length === 1 && base[lower]) return base[lower];
  const cycle = /^c(\d)$/.exec(lower);
  if (cycle) return TAB_NAMES[Number(cycle[1])];
  return lower.startsWith('tab:') ? lower.slice(4) : color;
}

/** The colour name for a cycle colour, for the text alternative of unstyled lines. */
export function cycleName(index: number): string {
  return TAB_NAMES[index % TAB_NAMES.length];
}

/** matplotlib's dash patterns (in units of the line width), by line style. */
export function dashPattern(linestyle: string | undefined, lineWidthPx: number): number[] {
  const scale = Math.max(lineWidthPx, 1);
  switch (linestyle) {
    case '--':
    case 'dashed':
      return [3.7 * scale, 1.6 * scale];
    case ':':
    case 'dotted':
      return [1 * scale, 1.65 * scale];
    case '-.':
    case 'dashdot':
      return [6.4 * scale, 1.6 * scale, 1 * scale, 1.6 * scale];
    default:
      return [];
  }
}

/** True when a style draws no line (markers only). */
export function isNoLine(linestyle: string | undefined): boolean {
  return linestyle === '' || linestyle === ' ' || linestyle === 'None' || linestyle === 'none';
}
