// <gradient-plot> for the CDN file: its code is fetched when a page first has the tag (see
// ../shared/define-when-used.ts), so a page of code cells does not load it. <gpu-speedup> stays in
// torchlet.js: loaded lazily as well, it would make a page with torchlet.js and one cell lighter
// than embed.html's code cells, whose own fragment-reading code (~4 KB) it would then exceed.
import { defineWhenUsed, once } from '../shared/define-when-used.js';

/** Loads and defines `<gradient-plot>` and its `<gp-function>` (once); resolves with its module. */
export const loadGradientPlot = once('<gradient-plot>', () => import('./gradient-plot.js'));

/** Defines the element as soon as the page has one; until then only an observer runs. */
export function defineGradientPlotWhenUsed(): void {
  defineWhenUsed(['gradient-plot', 'gp-function'], loadGradientPlot);
}
