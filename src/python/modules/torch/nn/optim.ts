// torch.optim: Optimizer (param_groups, state, zero_grad, step, state_dict, add_param_group, repr)
// and SGD, Adam, AdamW, RMSprop with PyTorch 1.13's defaults, checks and update rules. Hyper-
// parameters are read from the group dicts at each step, so `opt.param_groups[0]['lr'] = …` works.
import * as core from '../../../../core/index.js';
import type { Tensor } from '../../../../core/index.js';
import {
  type BoundArgs,
  defineFunction,
  isPromise,
  type MaybePromise,
  newList,
  newModule,
  newTuple,
  None,
  PyDict,
  PyInstance,
  type PyNative,
  PyList,
  type PyModule,
  PyTuple,
  PyType,
  type PyValue,
  pyError,
  pyFloat,
  toNumber,
  typeName,
} from '../../../objects.js';
import { call as callPython, reprSync, str as pyStr, toArrayMP as toArray } from '../../../runtime.js';
import { isTensor } from '../convert.js';
import { toPyError } from '../errors.js';
import { wrap } from '../tensor-type.js';
import { zeroGrad } from './module.js';
import { all, then } from './parameter.js';

export const optimizerType = new PyType('Optimizer', { module: 'torch.optim.optimizer' });

/** A required hyper-parameter left out (PyTorch's `required` sentinel). */
const REQUIRED = new PyInstance(new PyType('_RequiredParameter', { module: 'torch.optim.optimizer' }));
(REQUIRED.cls as PyType).define({
  __repr__: defineFunction('__repr__', 'self', () => '<required parameter>'),
});

const groupsOf = (o: PyInstance) => (o.dict.get('param_groups') as PyList).items as PyDict[];
const paramsOf = (g: PyDict) => (g.get('params') as PyList).items;
const stateOf = (o: PyInstance) => o.dict.get('state') as PyDict;
const tensorOf = (v: PyValue) => (v as PyNative<Tensor>).value;
const numberIn = (g: PyDict, k: string) => toNumber(g.get(k) ?? 0);

function addParamGroup(o: PyInstance, group: PyDict): void {
  const defaults = o.dict.get('defaults') as PyDict;
  let params = group.get('params');
  if (params === undefined) throw pyError('KeyError', "'params'");
  if (isTensor(params)) params = newList([params]);
  else if (params instanceof PyTuple || params instanceof PyList) params = newList(params.items.slice());
  else
    throw pyError(
      'TypeError',
      'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.',
    );
  group.set('params', params);
  for (const p of (params as PyList).items) {
    if (!isTensor(p))
      throw pyError(
        'TypeError',
        `optimizer can only optimize Tensors, but one of the params is ${typeName(p)}`,
      );
    if (!p.value.isLeaf) throw pyError('ValueError', "can't optimize a non-leaf Tensor");
  }
  for (const [k, v] of defaults.entries()) {
    if (v === REQUIRED && !group.has(k))
      throw pyError(
        'ValueError',
        `parameter group didn't specify a value of required optimization parameter ${String(k)}`,
      );
    if (!group.has(k)) group.set(k, v);
  }
  const seen = new Set<PyValue>();
  for (const g of groupsOf(o)) for (const p of paramsOf(g)) seen.add(p);
  if ((params as PyList).items.some((p) => seen.has(p)))
    throw pyError('ValueError', 'some parameters appear in more than one parameter group');
  groupsOf(o).push(group);
}

/** Optimizer.__init__(params, defaults): a list of tensors is one group; dicts are groups. */
function initOptimizer(o: PyInstance, params: PyValue, defaults: [string, PyValue][]): MaybePromise<void> {
  if (isTensor(params)) {
    throw pyError(
      'TypeError',
      `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${core.scalarTypeName(params.value.dtype) ? `torch.${core.scalarTypeName(params.value.dtype)}Tensor` : 'Tensor'}`,
    );
  }
  o.dict.set('defaults', new PyDict(defaults));
  o.dict.set('state', new PyDict());
  o.dict.set('param_groups', newList());
  return then(toArray(params), (items) => {
    if (items.length === 0) throw pyError('ValueError', 'optimizer got an empty parameter list');
    const groups = items[0] instanceof PyDict ? items : [new PyDict([['params', newList(items)]])];
    for (const g of groups) {
      if (!(g instanceof PyDict))
        throw pyError('TypeError', `param group must be a dict, but got ${typeName(g)}`);
      addParamGroup(o, new PyDict(g.entries()));
    }
  });
}

/** The state dict of one parameter, made on its first step. */
function paramState(o: PyInstance, p: PyValue): PyDict {
  const state = stateOf(o);
  let s = state.get(p) as PyDict | undefined;
  if (!s) {
    s = new PyDict();
    state.set(p, s);
  }
  return s;
}
const stateTensor = (s: PyDict, k: string): Tensor | null => {
  const v = s.get(k);
  return v !== undefined && isTensor(v) ? v.value : null;
};

/** Advances the float `step` tensor PyTorch 1.13 keeps in Adam's and RMSprop's state; returns the new count. */
function nextStep(s: PyDict): number {
  const prev = stateTensor(s, 'step');
  const n = (prev ? Number(prev.readSync()[0]) : 0) + 1;
  // in place, as PyTorch's `state_steps += 1`
  if (prev) core.noGrad(() => core.fill(prev, n));
  else s.set('step', wrap(core.tensor(n, { dtype: 'float32' })));
  return n;
}

type StepRule = (o: PyInstance, g: PyDict, p: PyValue, param: Tensor, grad: Tensor) => void;

const rules: Record<string, StepRule> = {
  SGD: (o, g, p, param, grad) => {
    const momentum = numberIn(g, 'momentum');
    const s = momentum !== 0 ? paramState(o, p) : null;
    const buf = core.sgdStep(param, grad, s ? stateTensor(s, 'momentum_buffer') : null, {
      lr: numberIn(g, 'lr'),
      momentum,
      dampening: numberIn(g, 'dampening'),
      weightDecay: numberIn(g, 'weight_decay'),
      nesterov: g.get('nesterov') === true,
      maximize: g.get('maximize') === true,
    });
    if (s && buf) s.set('momentum_buffer', wrap(buf));
  },
  Adam: (o, g, p, param, grad) => adamRule(o, g, p, param, grad, false),
  AdamW: (o, g, p, param, grad) => adamRule(o, g, p, param, grad, true),
  RMSprop: (o, g, p, param, grad) => {
    const s = paramState(o, p);
    const momentum = numberIn(g, 'momentum');
    const centered = g.get('centered') === true;
    if (!s.has('step')) {
      s.set('step', wrap(core.tensor(0, { dtype: 'float32' })));
      s.set('square_avg', wrap(core.stateLike(param)));
      if (momentum > 0) s.set('momentum_buffer', wrap(core.stateLike(param)));
      if (centered) s.set('grad_avg', wrap(core.stateLike(param)));
    }
    nextStep(s);
    core.rmspropStep(
      param,
      grad,
      stateTensor(s, 'square_avg') as Tensor,
      centered ? stateTensor(s, 'grad_avg') : null,
      momentum > 0 ? stateTensor(s, 'momentum_buffer') : null,
      {
        lr: numberIn(g, 'lr'),
        alpha: numberIn(g, 'alpha'),
        eps: numberIn(g, 'eps'),
        weightDecay: numberIn(g, 'weight_decay'),
        momentum,
        centered,
        maximize: g.get('maximize') === true,
      },
    );
  },
};

function adamRule(
  o: PyInstance,
  g: PyDict,
  p: PyValue,
  param: Tensor,
  grad: Tensor,
  decoupled: boolean,
): void {
  const s = paramState(o, p);
  const amsgrad = g.get('amsgrad') === true;
  if (!s.has('step')) {
    s.set('step', wrap(core.tensor(0, { dtype: 'float32' })));
    s.set('exp_avg', wrap(core.stateLike(param)));
    s.set('exp_avg_sq', wrap(core.stateLike(param)));
    if (amsgrad) s.set('max_exp_avg_sq', wrap(core.stateLike(param)));
  }
  const step = nextStep(s);
  const betas = g.get('betas');
  const [b1, b2] =
    betas instanceof PyTuple || betas instanceof PyList ? betas.items.map((b) => toNumber(b)) : [0.9, 0.999];
  core.adamStep(
    param,
    grad,
    stateTensor(s, 'exp_avg') as Tensor,
    stateTensor(s, 'exp_avg_sq') as Tensor,
    amsgrad ? stateTensor(s, 'max_exp_avg_sq') : null,
    step,
    {
      lr: numberIn(g, 'lr'),
      beta1: b1,
      beta2: b2,
      eps: numberIn(g, 'eps'),
      weightDecay: numberIn(g, 'weight_decay'),
      amsgrad,
      maximize: g.get('maximize') === true,
      decoupled,
    },
  );
}

function step(o: PyInstance): void {
  const rule = ruleOf(o);
  for (const g of groupsOf(o)) {
    for (const p of paramsOf(g)) {
      const t = tensorOf(p);
      if (!t.grad) continue;
      const grad = t.grad;
      core.noGrad(() => rule(o, g, p, t, grad));
    }
  }
}
function ruleOf(o: PyInstance): StepRule {
  for (const t of o.cls.mro) {
    const r = rules[t.name];
    if (r && t.module?.startsWith('torch.optim')) return r;
  }
  throw pyError('NotImplementedError', `${o.cls.name}.step() is not implemented`);
}

/** str() of each group value, then PyTorch's layout: `Parameter Group i` and sorted `key: value`. */
function optimizerRepr(o: PyInstance): MaybePromise<string> {
  const groups = groupsOf(o).map((g, i) => {
    const keys = g
      .keys()
      .map(String)
      .filter((k) => k !== 'params')
      .sort();
    return then(
      all(keys.map((k) => pyStr(g.get(k) as PyValue))),
      (vals) => `\nParameter Group ${i}\n${keys.map((k, j) => `    ${k}: ${vals[j]}\n`).join('')}`,
    );
  });
  return then(all(groups), (parts) => `${o.cls.name} (${parts.join('')})`);
}

function stateDict(o: PyInstance): PyDict {
  const index = new Map<PyValue, number>();
  const groups = groupsOf(o).map((g) => {
    const d = new PyDict();
    for (const [k, v] of g.entries()) if (k !== 'params') d.set(k, v);
    d.set(
      'params',
      newList(
        paramsOf(g).map((p) => {
          if (!index.has(p)) index.set(p, index.size);
          return index.get(p) as number;
        }),
      ),
    );
    return d;
  });
  const state = new PyDict();
  for (const [p, s] of stateOf(o).entries()) if (index.has(p)) state.set(index.get(p) as number, s);
  return new PyDict([
    ['state', state],
    ['param_groups', newList(groups)],
  ]);
}

const method = (name: string, spec: string, impl: (o: PyInstance, a: BoundArgs) => MaybePromise<PyValue>) =>
  defineFunction(name, spec, (a) => {
    try {
      return impl(a.self as PyInstance, a);
    } catch (e) {
      throw toPyError(e);
    }
  });

optimizerType.define({
  __init__: method('__init__', 'self, params, defaults', (o, a) =>
    then(
      initOptimizer(
        o,
        a.params,
        (a.defaults as PyDict).entries().map(([k, v]) => [String(k), v]),
      ),
      () => None,
    ),
  ),
  __repr__: method('__repr__', 'self', (o) => optimizerRepr(o)),
  zero_grad: method('zero_grad', 'self, set_to_none=False', (o, a) => {
    for (const g of groupsOf(o)) for (const p of paramsOf(g)) zeroGrad(tensorOf(p), a.set_to_none === true);
    return None;
  }),
  step: method('step', 'self, closure=None', (o, a) => {
    const run = () => {
      step(o);
    };
    if (a.closure === None) {
      run();
      return None;
    }
    // closure() re-evaluates the loss with grad enabled; its value is step's result
    const loss = callPython(a.closure, []);
    return isPromise<PyValue>(loss)
      ? loss.then((l) => {
          run();
          return l;
        })
      : (run(), loss);
  }),
  add_param_group: method('add_param_group', 'self, param_group', (o, a) => {
    if (!(a.param_group instanceof PyDict)) throw pyError('TypeError', 'param group must be a dict');
    addParamGroup(o, new PyDict(a.param_group.entries()));
    return None;
  }),
  state_dict: method('state_dict', 'self', (o) => stateDict(o)),
});

const num = (v: PyValue) => (v === REQUIRED ? NaN : toNumber(v));
const invalid = (what: string, v: PyValue) => pyError('ValueError', `Invalid ${what}: ${reprSync(v)}`);

/** An optimizer class: __init__(params, <hyper-parameters>) checks them and sets the defaults. */
function defineOptimizer(
  name: string,
  file: string,
  spec: string,
  defaults: string,
  check: (a: BoundArgs) => void,
): PyType {
  const t = new PyType(name, { module: `torch.optim.${file}`, bases: [optimizerType] });
  const keys = defaults.split(' ');
  t.define({
    __init__: method('__init__', `self, params, ${spec}`, (o, a) => {
      // SGD's lr has no default: left out, it is PyTorch's `required` sentinel
      if (a.lr === None && name === 'SGD') a.lr = REQUIRED;
      // the spec cannot hold a tuple default
      if (a.betas === None) a.betas = newTuple([pyFloat(0.9), pyFloat(0.999)]);
      check(a);
      return then(
        initOptimizer(
          o,
          a.params,
          keys.map((k) => [k, a[k] ?? None]),
        ),
        () => None,
      );
    }),
  });
  return t;
}

const lrCheck = (a: BoundArgs) => {
  if (a.lr !== REQUIRED && num(a.lr) < 0) throw invalid('learning rate', a.lr);
};
const epsCheck = (a: BoundArgs) => {
  if (num(a.eps) < 0) throw invalid('epsilon value', a.eps);
};
const wdCheck = (a: BoundArgs) => {
  if (num(a.weight_decay) < 0) throw invalid('weight_decay value', a.weight_decay);
};
const betasCheck = (a: BoundArgs) => {
  const b = a.betas instanceof PyTuple || a.betas instanceof PyList ? a.betas.items : [];
  if (b.length !== 2) throw pyError('ValueError', `Invalid betas: ${reprSync(a.betas)}`);
  if (!(num(b[0]) >= 0 && num(b[0]) < 1)) throw invalid('beta parameter at index 0', b[0]);
  if (!(num(b[1]) >= 0 && num(b[1]) < 1)) throw invalid('beta parameter at index 1', b[1]);
};

const SGD = defineOptimizer(
  'SGD',
  'sgd',
  'lr=None, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False, foreach=None, differentiable=False',
  'lr momentum dampening weight_decay nesterov maximize foreach differentiable',
  (a) => {
    lrCheck(a);
    if (num(a.momentum) < 0) throw invalid('momentum value', a.momentum);
    wdCheck(a);
    if (a.nesterov === true && (num(a.momentum) <= 0 || num(a.dampening) !== 0))
      throw pyError('ValueError', 'Nesterov momentum requires a momentum and zero dampening');
  },
);
const ADAM =
  'lr=0.001, betas=None, eps=1e-08, weight_decay=0, amsgrad=False, *, foreach=None, maximize=False, capturable=False';
const adamCheck = (a: BoundArgs) => {
  lrCheck(a);
  epsCheck(a);
  betasCheck(a);
  wdCheck(a);
};
const Adam = defineOptimizer(
  'Adam',
  'adam',
  `${ADAM}, differentiable=False, fused=False`,
  'lr betas eps weight_decay amsgrad maximize foreach capturable differentiable fused',
  adamCheck,
);
const AdamW = defineOptimizer(
  'AdamW',
  'adamw',
  ADAM.replace('weight_decay=0', 'weight_decay=0.01'),
  'lr betas eps weight_decay amsgrad foreach maximize capturable',
  adamCheck,
);
const RMSprop = defineOptimizer(
  'RMSprop',
  'rmsprop',
  'lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False, foreach=None, maximize=False, differentiable=False',
  'lr momentum alpha eps centered weight_decay foreach maximize differentiable',
  (a) => {
    lrCheck(a);
    epsCheck(a);
    if (num(a.momentum) < 0) throw invalid('momentum value', a.momentum);
    wdCheck(a);
    if (num(a.alpha) < 0) throw invalid('alpha value', a.alpha);
  },
);

export function optimModule(): PyModule {
  return newModule('torch.optim', {
    Optimizer: optimizerType,
    SGD,
    Adam,
    AdamW,
    RMSprop,
  });
}
