// An esbuild app: esbuild bundles neither Workers nor `new URL(…, import.meta.url)` files, so
// build.mjs makes torchlet's Worker an entry point of its own and copies the .wasm files.
import { configureKernel } from 'torchlet';
import 'torchlet';
import type { RunEndDetail, TensorPlayground } from 'torchlet';

configureKernel({ wasmBase: './wasm/' });

const cell: TensorPlayground = document.createElement('tensor-playground');
cell.value = 'import torch\nbig = torch.ones(256, 256)\nprint(torch.ones(2) * 3)';
cell.autorun = true;
cell.addEventListener('tp-run-end', (event: CustomEvent<RunEndDetail>) => {
  document.body.dataset.runEnd = JSON.stringify(event.detail);
});
document.querySelector('#app')!.append(cell);
