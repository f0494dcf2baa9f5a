// What both entries export (src/index.ts for apps, src/cdn.ts for the CDN file): the code cell,
// <gpu-speedup>, the kernel's configuration, the loaders of the elements the CDN file defines on
// first use, and the types. Each element also registers itself when its own module is imported.
export { TensorPlayground } from './elements/tensor-playground/tensor-playground.js';
export { configureKernel, getKernel } from './kernel/client.js';
export { getBasePath, setBasePath } from './kernel/base-path.js';
export type { KernelClientOptions } from './kernel/client.js';
// Event details and template types, for TypeScript users and framework typings.
export type {
  CheckDetail,
  RunEndDetail,
  RunStartDetail,
} from './elements/tensor-playground/tensor-playground.js';
export { GpuSpeedup } from './elements/gpu-speedup/gpu-speedup.js';
export type { GsErrorDetail, GsProgressDetail, GsResultDetail } from './elements/gpu-speedup/gpu-speedup.js';
export type { GradientPlot, GradientPlotChangeDetail } from './elements/gradient-plot/gradient-plot.js';
export type { GpFunction } from './elements/gradient-plot/gp-function.js';
export type * from './element-types.js';
export { loadGradientPlot } from './elements/gradient-plot/define-lazy.js';
// <torchlet-lesson> is defined when a page first has one (both entries): its Markdown parser and
// sanitizer are loaded then, not by pages of plain cells.
export { loadLesson } from './elements/torchlet-lesson/define-lazy.js';
export type { TorchletLesson } from './elements/torchlet-lesson/torchlet-lesson.js';
import { defineLessonWhenUsed } from './elements/torchlet-lesson/define-lazy.js';
defineLessonWhenUsed();
