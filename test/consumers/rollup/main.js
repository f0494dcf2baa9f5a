// A rollup app: rollup bundles neither Workers nor `new URL(…, import.meta.url)` files, so
// rollup.config.mjs makes torchlet's Worker an input of its own and copies the .wasm files.
import { configureKernel } from 'torchlet';
import 'torchlet';

configureKernel({ wasmBase: './wasm/' });

const cell = document.createElement('tensor-playground');
cell.value = 'import torch\nbig = torch.ones(256, 256)\nprint(torch.ones(2) * 3)';
cell.autorun = true;
cell.addEventListener('tp-run-end', (event) => {
  document.body.dataset.runEnd = JSON.stringify(event.detail);
});
document.querySelector('#app').append(cell);
