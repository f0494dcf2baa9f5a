// A strict React/TSX consumer: `torchlet/react` puts the tags in JSX.IntrinsicElements.
import type {} from 'torchlet/react';
import type { RunEndDetail } from 'torchlet';

export function Lesson({ onEnd }: { onEnd: (detail: RunEndDetail) => void }) {
  return (
    <>
      <tensor-playground
        value="print(1)"
        session="lesson"
        device="cpu"
        autorun
        ontp-run-end={(event) => onEnd(event.detail)}
      />
      <gpu-speedup n={256} sweep min-n={16} gpu-backend="webgl" ongs-result={(event) => console.log(event.detail.verdict)} />
      <gradient-plot x-min={-3} x-max={3} ongp-change={(event) => console.log(event.detail.x)}>
        <gp-function fn="x**2" label="square" />
      </gradient-plot>
    </>
  );
}

// @ts-expect-error: device takes 'cpu' or 'cuda'.
export const wrong = <tensor-playground device="tpu" />;
