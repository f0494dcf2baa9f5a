// Registers every torchlet element (the CDN file's entry). Each element also registers itself
// when its own module is imported.
export { TensorPlayground } from './elements/tensor-playground/tensor-playground.js';
export { GpuSpeedup } from './elements/gpu-speedup/gpu-speedup.js';
export { GradientPlot } from './elements/gradient-plot/gradient-plot.js';
export { configureKernel, getKernel } from './kernel/client.js';
// <torchlet-lesson> is defined when a page first has one: its Markdown parser and sanitizer are
// loaded then, not by pages of plain cells.
export { loadLesson } from './elements/torchlet-lesson/define-lazy.js';
export type { TorchletLesson } from './elements/torchlet-lesson/torchlet-lesson.js';
import { defineLessonWhenUsed } from './elements/torchlet-lesson/define-lazy.js';
defineLessonWhenUsed();
