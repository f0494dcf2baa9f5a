// A rollup app: rollup bundles neither Workers nor `new URL(…, import.meta.url)` files, so the
// page points the kernel at a copy of torchlet's dist/cdn/ folder (see rollup.config.mjs).
import { setBasePath } from 'torchlet';
import 'torchlet';

setBasePath('./torchlet/');

const cell = document.createElement('tensor-playground');
cell.value = 'import torch\nprint(torch.ones(2) * 3)';
cell.autorun = true;
cell.addEventListener('tp-run-end', (event) => {
  document.body.dataset.runEnd = JSON.stringify(event.detail);
});
document.querySelector('#app').append(cell);
