// The CDN file's entry (dist/cdn/torchlet.js): one <script type="module"> registers every element.
// Lazily loaded files (the kernel Worker, tfjs's .wasm binaries, code chunks) sit beside this file;
// their base URL comes from import.meta.url, so a page needs no configuration (see cdn-setup.ts).
// cdn-setup is imported first: ES modules evaluate in import order, and it must configure the
// kernel and guard the tags before the elements' modules define them. The playground part holds
// it and <tensor-playground>: embed.html loads only that part for an embed of code cells.
import './embed/playground-part.js';
// <gradient-plot> and <torchlet-lesson> are defined when a page first has one, so their classes
// are not exported here: loadGradientPlot() and loadLesson() resolve with their modules.
export * from './api.js';
import { defineGradientPlotWhenUsed } from './elements/gradient-plot/define-lazy.js';
defineGradientPlotWhenUsed();
// Sanitizer-safe markup (<pre class="torchlet-playground">…) becomes elements (src/embed/markup-scan.ts).
import './embed/markup-scan.js';
