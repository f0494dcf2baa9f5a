// A Vite app with no configuration: one import, then cells made from script.
import { configureKernel } from 'torchlet';
import type { RunEndDetail, TensorPlayground } from 'torchlet';

// `?in-page`: the kernel's fallback where no Worker can start (a CSP), as the test checks it too.
if (new URLSearchParams(location.search).has('in-page')) configureKernel({ inPage: true });

const cell: TensorPlayground = document.createElement('tensor-playground');
cell.value = 'import torch\nbig = torch.ones(256, 256)\nprint(torch.ones(2) * 3)';
cell.autorun = true;
cell.addEventListener('tp-run-end', (event: CustomEvent<RunEndDetail>) => {
  document.body.dataset.runEnd = JSON.stringify(event.detail);
});
document.querySelector('#app')!.append(cell);
