// matplotlib's colour maps (the ones COLORMAP_NAMES lists), as evenly spaced anchor colours
// interpolated linearly, and Normalize's vmin/vmax scaling. No DOM.
import { COLOR_CYCLE } from './figure-colors.js';

const ANCHORS: Record<string, string[]> = {
  viridis: [
    '#440154',
    '#472c7a',
    '#3b518b',
    '#2c718e',
    '#21908d',
    '#27ad81',
    '#5cc863',
    '#aadc32',
    '#fde725',
  ],
  plasma: ['#0d0887', '#4c02a1', '#7e03a8', '#a92395', '#cc4778', '#e56b5d', '#f89441', '#fdc328', '#f0f921'],
  inferno: [
    '#000004',
    '#1b0c41',
    '#4a0c6b',
    '#781c6d',
    '#a52c60',
    '#cf4446',
    '#ed6925',
    '#fb9b06',
    '#f7d13d',
    '#fcffa4',
  ],
  magma: [
    '#000004',
    '#180f3d',
    '#440f76',
    '#721f81',
    '#9e2f7f',
    '#cd4071',
    '#f1605d',
    '#fd9668',
    '#feca8d',
    '#fcfdbf',
  ],
  gray: ['#000000', '#ffffff'],
  Greys: ['#ffffff', '#000000'],
  binary: ['#ffffff', '#000000'],
  Blues: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'],
  Reds: ['#fff5f0', '#fee0d2', '#fcbba1', '#fc9272', '#fb6a4a', '#ef3b2c', '#cb181d', '#a50f15', '#67000d'],
  coolwarm: ['#3b4cc0', '#6f92f3', '#aac7fd', '#dddcdc', '#f7b89c', '#e7755b', '#b40426'],
  bwr: ['#0000ff', '#ffffff', '#ff0000'],
  RdBu: [
    '#67001f',
    '#b2182b',
    '#d6604d',
    '#f4a582',
    '#fddbc7',
    '#f7f7f7',
    '#d1e5f0',
    '#92c5de',
    '#4393c3',
    '#2166ac',
    '#053061',
  ],
  hot: ['#0b0000', '#600000', '#b50000', '#ff0b00', '#ff6000', '#ffb500', '#ffff0f', '#ffff87', '#ffffff'],
  jet: ['#00007f', '#0000ff', '#007fff', '#00ffff', '#7fff7f', '#ffff00', '#ff7f00', '#ff0000', '#7f0000'],
};
/** Listed (discrete) maps: a value picks one colour, as matplotlib's ListedColormap does. */
const LISTED: Record<string, string[]> = { tab10: COLOR_CYCLE };

type RGB = [number, number, number];
const rgbOf = (hex: string): RGB => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as RGB;
const hexOf = (c: RGB) => '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');

/** The colour of `t` in [0, 1] (clipped; NaN is transparent) on the named map, as `#rrggbb`. */
export function colormapColor(name: string, t: number): string {
  if (Number.isNaN(t)) return 'rgba(0, 0, 0, 0)';
  const reversed = name.endsWith('_r');
  const base = reversed ? name.slice(0, -2) : name;
  let x = Math.min(1, Math.max(0, t));
  if (reversed) x = 1 - x;
  const listed = LISTED[base];
  if (listed) return listed[Math.min(listed.length - 1, Math.floor(x * listed.length))];
  const anchors = ANCHORS[base] ?? ANCHORS.viridis;
  const pos = x * (anchors.length - 1);
  const i = Math.min(anchors.length - 2, Math.floor(pos));
  const f = pos - i;
  const a = rgbOf(anchors[i]);
  const b = rgbOf(anchors[i + 1]);
  return hexOf([0, 1, 2].map((k) => a[k] + (b[k] - a[k]) * f) as RGB);
}

/** matplotlib's Normalize: vmin → 0, vmax → 1 (everything 0 when they are equal). */
export function normalize(v: number, vmin: number, vmax: number): number {
  return vmax === vmin ? 0 : (v - vmin) / (vmax - vmin);
}
