// React 19 sets properties on custom elements and listens to `on<event>` props: the cell's code
// goes in as the `value` property, before React connects the element.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'torchlet';
import type { RunEndDetail } from 'torchlet';
import type {} from 'torchlet/react';

const code = 'import torch\nbig = torch.ones(256, 256)\nprint(torch.ones(2) * 3)';

function App() {
  const [ended, setEnded] = useState<RunEndDetail | null>(null);
  return (
    <>
      <tensor-playground
        value={code}
        autorun
        ontp-run-end={(event) => {
          setEnded(event.detail);
          document.body.dataset.runEnd = JSON.stringify(event.detail);
        }}
      ></tensor-playground>
      <p>{ended ? `ran on ${ended.device}` : 'not run yet'}</p>
    </>
  );
}

createRoot(document.querySelector('#app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
