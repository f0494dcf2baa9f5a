// A webpack app with no torchlet configuration: webpack 5 bundles the kernel's Worker and emits the
// .wasm files from the package's `new URL(…, import.meta.url)` forms.
import 'torchlet';

const cell = document.createElement('tensor-playground');
cell.value = 'import torch\nbig = torch.ones(256, 256)\nprint(torch.ones(2) * 3)';
cell.autorun = true;
cell.addEventListener('tp-run-end', (event) => {
  document.body.dataset.runEnd = JSON.stringify(event.detail);
});
document.querySelector('#app').append(cell);
