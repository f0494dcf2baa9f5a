// The package's entry for apps: registers every element (the lesson on first use) and exports
// their classes; an app's bundler keeps what the app imports.
export * from './api.js';
export { GradientPlot } from './elements/gradient-plot/gradient-plot.js';
export { GpFunction } from './elements/gradient-plot/gp-function.js';
