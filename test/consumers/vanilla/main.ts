// A Vite app with no configuration: one import, then cells made from script.
import 'torchlet';
import type { RunEndDetail, TensorPlayground } from 'torchlet';

const cell: TensorPlayground = document.createElement('tensor-playground');
cell.value = 'import torch\nprint(torch.ones(2) * 3)';
cell.autorun = true;
cell.addEventListener('tp-run-end', (event: CustomEvent<RunEndDetail>) => {
  document.body.dataset.runEnd = JSON.stringify(event.detail);
});
document.querySelector('#app')!.append(cell);
