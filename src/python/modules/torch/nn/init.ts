// torch.nn.init: in-place initialisers (no autograd), drawing from the same generator stream as
// torch.rand / torch.randn, so seeded results equal PyTorch's.
import * as core from '../../../../core/index.js';
import type { Tensor } from '../../../../core/index.js';
import {
  type BoundArgs,
  defineFunction,
  newModule,
  None,
  type PyModule,
  type PyValue,
  pyError,
  pyFloat,
  toNumber,
} from '../../../objects.js';
import { requireTensor } from '../convert.js';
import { toPyError } from '../errors.js';

function fans(t: Tensor): [number, number] {
  if (t.ndim < 2)
    throw pyError(
      'ValueError',
      'Fan in and fan out can not be computed for tensor with fewer than 2 dimensions',
    );
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return [t.shape[1] * receptive, t.shape[0] * receptive];
}

function gain(nonlinearity: string, param: PyValue): number {
  switch (nonlinearity) {
    case 'linear':
    case 'conv1d':
    case 'conv2d':
    case 'conv3d':
    case 'conv_transpose1d':
    case 'conv_transpose2d':
    case 'conv_transpose3d':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5.0 / 3;
    case 'relu':
      return Math.sqrt(2.0);
    case 'leaky_relu': {
      const slope = param === None ? 0.01 : toNumber(param);
      return Math.sqrt(2.0 / (1 + slope ** 2));
    }
    case 'selu':
      return 3.0 / 4;
    default:
      throw pyError('ValueError', `Unsupported nonlinearity ${nonlinearity}`);
  }
}

function fanOf(t: Tensor, mode: string): number {
  if (mode !== 'fan_in' && mode !== 'fan_out')
    throw pyError('ValueError', `Mode ${mode} not supported, please use one of fan_in, fan_out`);
  const [fanIn, fanOut] = fans(t);
  return mode === 'fan_in' ? fanIn : fanOut;
}

/** An initialiser: fills the tensor in place without recording history, returns it. */
const init = (name: string, spec: string, fill: (t: Tensor, a: BoundArgs) => void) =>
  defineFunction(name, `tensor, ${spec}`.replace(/, $/, ''), (a) => {
    const t = requireTensor(a.tensor, 'tensor');
    try {
      core.noGrad(() => fill(t, a));
    } catch (e) {
      throw toPyError(e);
    }
    return a.tensor;
  });

const uniform = (t: Tensor, bound: number) => core.uniformFill(t, -bound, bound);

export function initModule(): PyModule {
  return newModule('torch.nn.init', {
    calculate_gain: defineFunction('calculate_gain', 'nonlinearity, param=None', (a) =>
      pyFloat(gain(String(a.nonlinearity), a.param)),
    ),
    uniform_: init('uniform_', 'a=0.0, b=1.0', (t, a) => core.uniformFill(t, toNumber(a.a), toNumber(a.b))),
    normal_: init('normal_', 'mean=0.0, std=1.0', (t, a) =>
      core.normalFill(t, toNumber(a.mean), toNumber(a.std)),
    ),
    constant_: init('constant_', 'val', (t, a) => core.fill(t, toNumber(a.val))),
    zeros_: init('zeros_', '', (t) => core.fill(t, 0)),
    ones_: init('ones_', '', (t) => core.fill(t, 1)),
    xavier_uniform_: init('xavier_uniform_', 'gain=1.0', (t, a) => {
      const [fanIn, fanOut] = fans(t);
      const std = toNumber(a.gain) * Math.sqrt(2.0 / (fanIn + fanOut));
      uniform(t, Math.sqrt(3.0) * std);
    }),
    xavier_normal_: init('xavier_normal_', 'gain=1.0', (t, a) => {
      const [fanIn, fanOut] = fans(t);
      core.normalFill(t, 0, toNumber(a.gain) * Math.sqrt(2.0 / (fanIn + fanOut)));
    }),
    kaiming_uniform_: init('kaiming_uniform_', "a=0, mode='fan_in', nonlinearity='leaky_relu'", (t, a) => {
      const std = gain(String(a.nonlinearity), a.a) / Math.sqrt(fanOf(t, String(a.mode)));
      uniform(t, Math.sqrt(3.0) * std);
    }),
    kaiming_normal_: init('kaiming_normal_', "a=0, mode='fan_in', nonlinearity='leaky_relu'", (t, a) => {
      core.normalFill(t, 0, gain(String(a.nonlinearity), a.a) / Math.sqrt(fanOf(t, String(a.mode))));
    }),
  });
}
