// An esbuild app: esbuild bundles neither Workers nor `new URL(…, import.meta.url)` files, so the
// page points the kernel at a copy of torchlet's dist/cdn/ folder (see build.mjs).
import { setBasePath } from 'torchlet';
import 'torchlet';
import type { RunEndDetail, TensorPlayground } from 'torchlet';

setBasePath('./torchlet/');

const cell: TensorPlayground = document.createElement('tensor-playground');
cell.value = 'import torch\nprint(torch.ones(2) * 3)';
cell.autorun = true;
cell.addEventListener('tp-run-end', (event: CustomEvent<RunEndDetail>) => {
  document.body.dataset.runEnd = JSON.stringify(event.detail);
});
document.querySelector('#app')!.append(cell);
