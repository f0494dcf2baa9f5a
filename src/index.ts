// Registers every torchlet element (the CDN file's entry). Each element also registers itself
// when its own module is imported.
export { TensorPlayground } from './elements/tensor-playground/tensor-playground.js';
export { GpuSpeedup } from './elements/gpu-speedup/gpu-speedup.js';
export { GradientPlot } from './elements/gradient-plot/gradient-plot.js';
export { configureKernel, getKernel } from './kernel/client.js';
