// torch.nn's loss modules: each keeps `reduction` (and weight, ignore_index …) as PyTorch does and
// calls the functional loss of the core in forward(input, target).
import * as core from '../../../../core/index.js';
import type { Tensor } from '../../../../core/index.js';
import { type BoundArgs, None, type PyInstance, PyType, type PyValue, toIndex } from '../../../objects.js';
import { isTensor, requireTensor } from '../convert.js';
import { initModule, moduleType } from './module.js';
import { inputOf, nnMethod } from './layers.js';

/** reduction=, or the legacy size_average= / reduce= pair (_Reduction.legacy_get_string). */
function reductionOf(a: BoundArgs): core.Reduction {
  if ((a.size_average ?? None) !== None || (a.reduce ?? None) !== None) {
    const sizeAverage = a.size_average !== false;
    if (a.reduce === false) return 'none';
    return sizeAverage ? 'mean' : 'sum';
  }
  return core.checkReduction(String(a.reduction));
}

const LEGACY = 'size_average=None, reduce=None, reduction="mean"';
const tensorOrNull = (m: PyInstance, name: string): Tensor | null => {
  const v = m.dict.get(name);
  return v !== undefined && isTensor(v) ? v.value : null;
};
const reduction = (m: PyInstance) => core.checkReduction(String(m.dict.get('reduction')));

function defineLoss(
  name: string,
  init: string,
  forward: (m: PyInstance, x: Tensor, y: Tensor) => Tensor,
  setup?: (m: PyInstance, a: BoundArgs) => void,
): PyType {
  const t = new PyType(name, { module: 'torch.nn.modules.loss', bases: [moduleType] });
  t.define({
    __init__: nnMethod('__init__', `self, ${init}`, (m, a) => {
      initModule(m);
      m.dict.set('reduction', reductionOf(a));
      setup?.(m, a);
      return None;
    }),
    forward: nnMethod('forward', 'self, input, target', (m, a) =>
      forward(m, inputOf(a.input, name), requireTensor(a.target, 'target')),
    ),
  });
  return t;
}

const keep =
  (...names: string[]) =>
  (m: PyInstance, a: BoundArgs) => {
    for (const n of names) m.dict.set(n, a[n] === undefined ? None : (a[n] as PyValue));
  };

export const lossTypes: Record<string, PyType> = {
  MSELoss: defineLoss('MSELoss', LEGACY, (m, x, y) => core.mseLoss(x, y, reduction(m))),
  L1Loss: defineLoss('L1Loss', LEGACY, (m, x, y) => core.l1Loss(x, y, reduction(m))),
  NLLLoss: defineLoss(
    'NLLLoss',
    `weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"`,
    (m, x, y) =>
      core.nllLoss(
        x,
        y,
        tensorOrNull(m, 'weight'),
        toIndex(m.dict.get('ignore_index') ?? -100),
        reduction(m),
      ),
    keep('weight', 'ignore_index'),
  ),
  CrossEntropyLoss: defineLoss(
    'CrossEntropyLoss',
    `weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean", label_smoothing=0.0`,
    (m, x, y) =>
      core.crossEntropy(
        x,
        y,
        tensorOrNull(m, 'weight'),
        toIndex(m.dict.get('ignore_index') ?? -100),
        reduction(m),
      ),
    keep('weight', 'ignore_index', 'label_smoothing'),
  ),
  BCELoss: defineLoss(
    'BCELoss',
    `weight=None, ${LEGACY}`,
    (m, x, y) => core.binaryCrossEntropy(x, y, tensorOrNull(m, 'weight'), reduction(m)),
    keep('weight'),
  ),
  BCEWithLogitsLoss: defineLoss(
    'BCEWithLogitsLoss',
    `weight=None, ${LEGACY}, pos_weight=None`,
    (m, x, y) =>
      core.binaryCrossEntropyWithLogits(
        x,
        y,
        tensorOrNull(m, 'weight'),
        reduction(m),
        tensorOrNull(m, 'pos_weight'),
      ),
    keep('weight', 'pos_weight'),
  ),
};
