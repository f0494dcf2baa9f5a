// A strict TypeScript consumer: the package's types, with no declarations of its own.
import 'torchlet';
import { configureKernel, getBasePath, setBasePath } from 'torchlet';
import type {
  CheckDetail,
  GradientPlotChangeDetail,
  GsResultDetail,
  RunEndDetail,
  TensorPlayground,
} from 'torchlet';
// The CDN package's entry is typed too (a page that imports it from a script of its own).
import { setBasePath as setCdnBasePath } from '@torchlet/cdn';
import 'torchlet/tensor-playground.js';

const cell: TensorPlayground = document.createElement('tensor-playground');
cell.value = 'print(1)';
cell.code = 'print(2)';
cell.device = 'cuda';
cell.addEventListener('tp-run-end', (event) => {
  const detail: RunEndDetail = event.detail;
  console.log(detail.ok, detail.backend, detail.duration.toFixed(1));
});
cell.addEventListener('tp-check', (event) => {
  const detail: CheckDetail = event.detail;
  console.log(detail.passed);
});
document.createElement('gpu-speedup').addEventListener('gs-result', (event) => {
  const detail: GsResultDetail = event.detail;
  console.log(detail.verdict);
});
document.createElement('gradient-plot').addEventListener('gp-change', (event) => {
  const detail: GradientPlotChangeDetail = event.detail;
  console.log(detail.slopes);
});

configureKernel({ inPage: false });
setBasePath('/torchlet/');
const base: string | undefined = getBasePath();
console.log(base);
