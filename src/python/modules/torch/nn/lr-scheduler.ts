// torch.optim.lr_scheduler: PyTorch 1.13's schedulers. Each one's lr follows the same formula in the
// same order of float operations (Python's, through the interpreter's own operators), so the lrs a
// lesson prints are PyTorch's to the last digit. Their state lives in the instance's attributes,
// as PyTorch's does, so `sched.gamma = 0.5` or `state_dict()` behave the same.
import { cos } from '../../../../core/crlibm-trig.js';
import {
  defineFunction,
  floatType,
  type MaybePromise,
  newList,
  newModule,
  None,
  type PyDict,
  pyError,
  PyFloat,
  pyFloat,
  PyDict as Dict,
  PyInstance,
  PyList,
  type PyModule,
  PyTuple,
  PyType,
  type PyValue,
  toNumber,
  typeName,
} from '../../../objects.js';
import { binaryOp, call as callPython, mapMP, reprSync, then, toArrayMP } from '../../../runtime.js';
import { optimizerType } from './optim.js';

const MODULE = 'torch.optim.lr_scheduler';

const attr = (s: PyInstance, name: string): PyValue => s.dict.get(name) ?? None;
const groupsOf = (s: PyInstance) =>
  (attr(attr(s, 'optimizer') as PyInstance, 'param_groups') as PyList).items as PyDict[];
const lrs = (s: PyInstance) => groupsOf(s).map((g) => g.get('lr') ?? None);
const epochOf = (s: PyInstance) => toNumber(attr(s, 'last_epoch'));
const baseLrs = (s: PyInstance) => (attr(s, 'base_lrs') as PyList).items;
const times = (a: PyValue, b: PyValue) => binaryOp('*', a, b);
const plus = (a: PyValue, b: PyValue) => binaryOp('+', a, b);
const minus = (a: PyValue, b: PyValue) => binaryOp('-', a, b);
const over = (a: PyValue, b: PyValue) => binaryOp('/', a, b);

function checkOptimizer(o: PyValue): PyInstance {
  if (!(o instanceof PyInstance) || !o.cls.isSubtypeOf(optimizerType))
    throw pyError('TypeError', `${typeName(o)} is not an Optimizer`);
  return o;
}

/** A scheduler kind: its __init__ parameters (after optimizer), their checks, and its lr rule. */
interface Schedule {
  params: string;
  /** Sets the kind's own attributes (before the base's), checking them as PyTorch does. */
  init(s: PyInstance, a: Record<string, PyValue>): MaybePromise<void>;
  /** get_lr(): the new lr of each group at `last_epoch`, from the current ones. */
  lr(s: PyInstance): MaybePromise<PyValue[]>;
}

export const lrSchedulerType = new PyType('_LRScheduler', { module: MODULE });

/** _LRScheduler.__init__: initial_lr in each group, base_lrs, last_epoch, then the first step. */
function initBase(
  s: PyInstance,
  optimizer: PyInstance,
  lastEpoch: PyValue,
  verbose: PyValue,
): MaybePromise<void> {
  s.dict.set('optimizer', optimizer);
  const groups = groupsOf(s);
  if (toNumber(lastEpoch) === -1) {
    for (const g of groups) if (!g.has('initial_lr')) g.set('initial_lr', g.get('lr') ?? None);
  } else {
    groups.forEach((g, i) => {
      if (!g.has('initial_lr'))
        throw pyError(
          'KeyError',
          `param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`,
        );
    });
  }
  s.dict.set('base_lrs', newList(groups.map((g) => g.get('initial_lr') ?? None)));
  s.dict.set('last_epoch', lastEpoch);
  s.dict.set('verbose', verbose);
  s.dict.set('_step_count', 0);
  s.dict.set('_get_lr_called_within_step', false);
  return then(step(s, None), () => undefined);
}

function scheduleOf(s: PyInstance): Schedule {
  for (const t of s.cls.mro) {
    const rule = schedules.get(t);
    if (rule) return rule;
  }
  throw pyError('NotImplementedError', '');
}

/** step(epoch=None): the next epoch's lrs into the optimizer's groups (an epoch given: that one's). */
function step(s: PyInstance, epoch: PyValue): MaybePromise<PyValue> {
  s.dict.set('_step_count', toNumber(attr(s, '_step_count')) + 1);
  s.dict.set('last_epoch', epoch === None ? toNumber(attr(s, 'last_epoch')) + 1 : epoch);
  s.dict.set('_get_lr_called_within_step', true);
  return then(scheduleOf(s).lr(s), (values) => {
    s.dict.set('_get_lr_called_within_step', false);
    groupsOf(s).forEach((g, i) => g.set('lr', values[i]));
    s.dict.set('_last_lr', newList(lrs(s)));
    return None;
  });
}

lrSchedulerType.define({
  step: defineFunction('step', 'self, epoch=None', (a) => step(a.self as PyInstance, a.epoch)),
  get_last_lr: defineFunction('get_last_lr', 'self', (a) => attr(a.self as PyInstance, '_last_lr')),
  get_lr: defineFunction('get_lr', 'self', (a) =>
    then(scheduleOf(a.self as PyInstance).lr(a.self as PyInstance), (v) => newList(v)),
  ),
  state_dict: defineFunction('state_dict', 'self', (a) => {
    const s = a.self as PyInstance;
    const skip = new Set(['optimizer', 'lr_lambdas']);
    const d = new Dict([...s.dict].filter(([k]) => !skip.has(k)));
    // Lambdas are not saved, as PyTorch saves none of a plain function's.
    if (s.dict.has('lr_lambdas'))
      d.set('lr_lambdas', newList((attr(s, 'lr_lambdas') as PyList).items.map(() => None)));
    return d;
  }),
  load_state_dict: defineFunction('load_state_dict', 'self, state_dict', (a) => {
    const s = a.self as PyInstance;
    for (const [k, v] of (a.state_dict as PyDict).entries())
      if (typeof k === 'string' && k !== 'lr_lambdas') s.dict.set(k, v);
    return None;
  }),
});

const schedules = new Map<PyType, Schedule>();

/** One scheduler class, from its schedule: `Name(optimizer, <params>, last_epoch=-1, verbose=False)`. */
function scheduler(name: string, schedule: Schedule): PyType {
  const t = new PyType(name, { module: MODULE, bases: [lrSchedulerType] });
  schedules.set(t, schedule);
  const params = schedule.params ? `${schedule.params}, ` : '';
  t.define({
    __init__: defineFunction('__init__', `self, optimizer, ${params}last_epoch=-1, verbose=False`, (a) => {
      const s = a.self as PyInstance;
      const optimizer = checkOptimizer(a.optimizer);
      return then(schedule.init(s, a), () =>
        then(initBase(s, optimizer, a.last_epoch, a.verbose), () => None),
      );
    }),
  });
  return t;
}

const set = (s: PyInstance, values: Record<string, PyValue>) => {
  for (const [k, v] of Object.entries(values)) s.dict.set(k, v);
};
const unchanged = (s: PyInstance) => lrs(s);
const scaled = (s: PyInstance, factor: PyValue) => mapMP(lrs(s), (lr) => times(lr, factor));

const StepLR = scheduler('StepLR', {
  params: 'step_size, gamma=0.1',
  init: (s, a) => set(s, { step_size: a.step_size, gamma: a.gamma }),
  lr: (s) => {
    const epoch = attr(s, 'last_epoch');
    // Epoch 0 first: a step_size of 0 fails at the first real step, as PyTorch's does.
    if (toNumber(epoch) === 0) return unchanged(s);
    return then(binaryOp('%', epoch, attr(s, 'step_size')), (r) =>
      toNumber(r) !== 0 ? unchanged(s) : scaled(s, attr(s, 'gamma')),
    );
  },
});

const MultiStepLR = scheduler('MultiStepLR', {
  params: 'milestones, gamma=0.1',
  init: (s, a) =>
    then(toArrayMP(a.milestones), (ms) => {
      // A Counter of the milestones: one given twice multiplies by gamma twice there.
      const counts = new Dict();
      for (const m of ms) counts.set(m, toNumber(counts.get(m) ?? 0) + 1);
      set(s, { milestones: counts, gamma: a.gamma });
    }),
  lr: (s) => {
    const count = (attr(s, 'milestones') as PyDict).get(attr(s, 'last_epoch'));
    if (count === undefined) return unchanged(s);
    return then(binaryOp('**', attr(s, 'gamma'), count), (f) => scaled(s, f));
  },
});

const ConstantLR = scheduler('ConstantLR', {
  // 1.0 / 3 as Python writes it
  params: 'factor=0.3333333333333333, total_iters=5',
  init: (s, a) => {
    const factor = toNumber(a.factor);
    if (factor > 1.0 || factor < 0)
      throw pyError('ValueError', 'Constant multiplicative factor expected to be between 0 and 1.');
    set(s, { factor: a.factor, total_iters: a.total_iters });
  },
  lr: (s) => {
    const epoch = epochOf(s);
    const total = toNumber(attr(s, 'total_iters'));
    if (epoch === 0) return scaled(s, attr(s, 'factor'));
    if (epoch !== total) return unchanged(s);
    return then(over(1.0, attr(s, 'factor')), (f) => scaled(s, f));
  },
});

const LinearLR = scheduler('LinearLR', {
  params: 'start_factor=0.3333333333333333, end_factor=1.0, total_iters=5',
  init: (s, a) => {
    const start = toNumber(a.start_factor);
    const end = toNumber(a.end_factor);
    if (start > 1.0 || start < 0)
      throw pyError('ValueError', 'Starting multiplicative factor expected to be between 0 and 1.');
    if (end > 1.0 || end < 0)
      throw pyError('ValueError', 'Ending multiplicative factor expected to be between 0 and 1.');
    set(s, { start_factor: a.start_factor, end_factor: a.end_factor, total_iters: a.total_iters });
  },
  lr: (s) => {
    const epoch = attr(s, 'last_epoch');
    if (toNumber(epoch) === 0) return scaled(s, attr(s, 'start_factor'));
    if (toNumber(epoch) > toNumber(attr(s, 'total_iters'))) return unchanged(s);
    // 1. + (end - start) / (total * start + (epoch - 1) * (end - start))
    const [start, end, total] = [attr(s, 'start_factor'), attr(s, 'end_factor'), attr(s, 'total_iters')];
    const factor = then(minus(end, start), (span) =>
      then(times(total, start), (a) =>
        then(minus(epoch, 1), (e) =>
          then(times(e, span), (b) => then(plus(a, b), (den) => then(over(span, den), (q) => plus(1.0, q)))),
        ),
      ),
    );
    return then(factor, (f) => scaled(s, f));
  },
});

const ExponentialLR = scheduler('ExponentialLR', {
  params: 'gamma',
  init: (s, a) => set(s, { gamma: a.gamma }),
  lr: (s) => (epochOf(s) === 0 ? unchanged(s) : scaled(s, attr(s, 'gamma'))),
});

/** (1 + cos(pi * k / T)) as Python computes it (math.cos is correctly rounded, as glibc's). */
const onePlusCos = (k: number, tMax: number) => 1 + cos((Math.PI * k) / tMax);

const CosineAnnealingLR = scheduler('CosineAnnealingLR', {
  params: 'T_max, eta_min=0',
  init: (s, a) => set(s, { T_max: a.T_max, eta_min: a.eta_min }),
  lr: (s) => {
    const epoch = epochOf(s);
    const tMax = toNumber(attr(s, 'T_max'));
    const etaMin = toNumber(attr(s, 'eta_min'));
    const groups = lrs(s).map((v) => toNumber(v));
    const bases = baseLrs(s).map((v) => toNumber(v));
    if (epoch === 0) return lrs(s);
    if (toNumber(attr(s, '_step_count')) === 1 && epoch > 0)
      return bases.map((b) => pyFloat(etaMin + ((b - etaMin) * (1 + cos((epoch * Math.PI) / tMax))) / 2));
    if ((((epoch - 1 - tMax) % (2 * tMax)) + 2 * tMax) % (2 * tMax) === 0)
      return groups.map((lr, i) => pyFloat(lr + ((bases[i] - etaMin) * (1 - cos(Math.PI / tMax))) / 2));
    return groups.map((lr) =>
      pyFloat((onePlusCos(epoch, tMax) / onePlusCos(epoch - 1, tMax)) * (lr - etaMin) + etaMin),
    );
  },
});

/** lr_lambda: one function for every group, or a list of one per group. */
function lambdasFor(s: PyInstance, given: PyValue): PyList {
  const n = groupsOf(s).length;
  if (given instanceof PyList || given instanceof PyTuple) {
    if (given.items.length !== n)
      throw pyError('ValueError', `Expected ${n} lr_lambdas, but got ${given.items.length}`);
    return newList(given.items.slice());
  }
  return newList(Array.from({ length: n }, () => given));
}

const LambdaLR = scheduler('LambdaLR', {
  params: 'lr_lambda',
  init: (s, a) => {
    s.dict.set('optimizer', checkOptimizer(a.optimizer));
    s.dict.set('lr_lambdas', lambdasFor(s, a.lr_lambda));
  },
  lr: (s) => {
    const lambdas = (attr(s, 'lr_lambdas') as PyList).items;
    return mapMP(baseLrs(s), (base, i) =>
      then(callPython(lambdas[i], [attr(s, 'last_epoch')]), (f) => times(base, f)),
    );
  },
});

const MultiplicativeLR = scheduler('MultiplicativeLR', {
  params: 'lr_lambda',
  init: (s, a) => {
    s.dict.set('optimizer', checkOptimizer(a.optimizer));
    s.dict.set('lr_lambdas', lambdasFor(s, a.lr_lambda));
  },
  lr: (s) => {
    if (epochOf(s) <= 0) return unchanged(s);
    const lambdas = (attr(s, 'lr_lambdas') as PyList).items;
    return mapMP(lrs(s), (lr, i) =>
      then(callPython(lambdas[i], [attr(s, 'last_epoch')]), (f) => times(lr, f)),
    );
  },
});

// ---- OneCycleLR: up to max_lr and down again, momentum the other way -----------------------------

/** _format_param: one value per group (a list of them, or one for all). */
function perGroup(s: PyInstance, name: string, v: PyValue): number[] {
  const n = groupsOf(s).length;
  if (v instanceof PyList || v instanceof PyTuple) {
    if (v.items.length !== n)
      throw pyError('ValueError', `expected ${n} values for ${name}, got ${v.items.length}`);
    return v.items.map((x) => toNumber(x));
  }
  return Array.from({ length: n }, () => toNumber(v));
}

const positiveInt = (v: PyValue, what: string): number => {
  // `v <= 0` first, as PyTorch compares: None cannot be compared with an int.
  if (v === None) throw pyError('TypeError', "'<=' not supported between instances of 'NoneType' and 'int'");
  if (typeof v !== 'number' || v <= 0)
    throw pyError('ValueError', `Expected positive integer ${what}, but got ${reprSync(v)}`);
  return v;
};

interface Phase {
  end: number;
  startLr: string;
  endLr: string;
  startMomentum: string;
  endMomentum: string;
}

const OneCycleLR = scheduler('OneCycleLR', {
  params:
    "max_lr, total_steps=None, epochs=None, steps_per_epoch=None, pct_start=0.3, anneal_strategy='cos', cycle_momentum=True, base_momentum=0.85, max_momentum=0.95, div_factor=25.0, final_div_factor=10000.0, three_phase=False",
  init: (s, a) => {
    s.dict.set('optimizer', checkOptimizer(a.optimizer));
    if (a.total_steps === None && a.epochs === None && a.steps_per_epoch === None)
      throw pyError('ValueError', 'You must define either total_steps OR (epochs AND steps_per_epoch)');
    const total =
      a.total_steps !== None
        ? positiveInt(a.total_steps, 'total_steps')
        : positiveInt(a.epochs, 'epochs') * positiveInt(a.steps_per_epoch, 'steps_per_epoch');
    const pct = a.pct_start;
    if (!(pct instanceof PyFloat) || toNumber(pct) < 0 || toNumber(pct) > 1)
      throw pyError('ValueError', `Expected float between 0 and 1 pct_start, but got ${reprSync(pct)}`);
    if (a.anneal_strategy !== 'cos' && a.anneal_strategy !== 'linear')
      throw pyError(
        'ValueError',
        `anneal_strategy must by one of 'cos' or 'linear', instead got ${String(a.anneal_strategy)}`,
      );
    const p = toNumber(pct);
    const phase = (end: number, startLr: string, endLr: string, startMomentum: string, endMomentum: string) =>
      ({ end, startLr, endLr, startMomentum, endMomentum }) as Phase;
    const phases =
      a.three_phase === true
        ? [
            phase(p * total - 1, 'initial_lr', 'max_lr', 'max_momentum', 'base_momentum'),
            phase(2 * p * total - 2, 'max_lr', 'initial_lr', 'base_momentum', 'max_momentum'),
            phase(total - 1, 'initial_lr', 'min_lr', 'max_momentum', 'max_momentum'),
          ]
        : [
            phase(p * total - 1, 'initial_lr', 'max_lr', 'max_momentum', 'base_momentum'),
            phase(total - 1, 'max_lr', 'min_lr', 'base_momentum', 'max_momentum'),
          ];
    phasesOf.set(s, phases);
    set(s, { total_steps: total, anneal_strategy: a.anneal_strategy, cycle_momentum: a.cycle_momentum });
    const groups = groupsOf(s);
    const maxLrs = perGroup(s, 'max_lr', a.max_lr);
    if (toNumber(a.last_epoch) === -1)
      groups.forEach((g, i) => {
        const initial = maxLrs[i] / toNumber(a.div_factor);
        g.set('initial_lr', pyFloat(initial));
        g.set(
          'max_lr',
          a.max_lr instanceof PyList || a.max_lr instanceof PyTuple ? a.max_lr.items[i] : a.max_lr,
        );
        g.set('min_lr', pyFloat(initial / toNumber(a.final_div_factor)));
      });
    if (a.cycle_momentum !== false) {
      const defaults = attr(attr(s, 'optimizer') as PyInstance, 'defaults') as PyDict;
      if (!defaults.has('momentum') && !defaults.has('betas'))
        throw pyError('ValueError', 'optimizer must support momentum with `cycle_momentum` option enabled');
      s.dict.set('use_beta1', defaults.has('betas'));
      const maxM = perGroup(s, 'max_momentum', a.max_momentum);
      const baseM = perGroup(s, 'base_momentum', a.base_momentum);
      if (toNumber(a.last_epoch) === -1)
        groups.forEach((g, i) => {
          setMomentum(s, g, maxM[i]);
          g.set('max_momentum', pyFloat(maxM[i]));
          g.set('base_momentum', pyFloat(baseM[i]));
        });
    }
  },
  lr: (s) => {
    const step = epochOf(s);
    const total = toNumber(attr(s, 'total_steps'));
    if (step > total)
      throw pyError(
        'ValueError',
        `Tried to step ${step + 1} times. The specified number of total steps is ${total}`,
      );
    const phases = phasesOf.get(s)!;
    const cosine = attr(s, 'anneal_strategy') === 'cos';
    const anneal = (start: number, end: number, pct: number) =>
      cosine ? end + ((start - end) / 2.0) * (cos(Math.PI * pct) + 1) : (end - start) * pct + start;
    const cycle = attr(s, 'cycle_momentum') !== false;
    return groupsOf(s).map((g) => {
      const at = (k: string) => toNumber(g.get(k) ?? 0);
      let start = 0;
      for (let i = 0; i < phases.length; i++) {
        const ph = phases[i];
        if (step <= ph.end || i === phases.length - 1) {
          const pct = (step - start) / (ph.end - start);
          if (cycle) setMomentum(s, g, anneal(at(ph.startMomentum), at(ph.endMomentum), pct));
          return pyFloat(anneal(at(ph.startLr), at(ph.endLr), pct));
        }
        start = ph.end;
      }
      return g.get('lr') ?? None;
    });
  },
});

/** The schedule's phases, kept beside the instance (PyTorch keeps a list of dicts). */
const phasesOf = new WeakMap<PyInstance, Phase[]>();

/** Momentum, or Adam's beta1, of a group. */
function setMomentum(s: PyInstance, g: PyDict, m: number): void {
  if (attr(s, 'use_beta1') === true) {
    const betas = g.get('betas');
    const rest = betas instanceof PyTuple || betas instanceof PyList ? betas.items.slice(1) : [];
    g.set('betas', new PyTuple([pyFloat(m), ...rest]));
  } else g.set('momentum', pyFloat(m));
}

// ---- ReduceLROnPlateau: steps by a metric, not by epochs --------------------------------------

export const reduceOnPlateauType = new PyType('ReduceLROnPlateau', { module: MODULE });

/** Whether `a` improves on `best` by the threshold, in the scheduler's mode. */
function isBetter(s: PyInstance, a: number, best: number): boolean {
  const threshold = toNumber(attr(s, 'threshold'));
  const relative = attr(s, 'threshold_mode') === 'rel';
  if (attr(s, 'mode') === 'min') return relative ? a < best * (1 - threshold) : a < best - threshold;
  return relative ? a > best * (threshold + 1) : a > best + threshold;
}

/** ReduceLROnPlateau.step: counts epochs without improvement; past patience, lrs times factor. */
function plateauStep(s: PyInstance, current: number, epochArg: PyValue): PyValue {
  const epoch = epochArg === None ? toNumber(attr(s, 'last_epoch')) + 1 : epochArg;
  s.dict.set('last_epoch', epoch);
  if (isBetter(s, current, toNumber(attr(s, 'best')))) {
    s.dict.set('best', pyFloat(current));
    s.dict.set('num_bad_epochs', 0);
  } else s.dict.set('num_bad_epochs', toNumber(attr(s, 'num_bad_epochs')) + 1);
  if (toNumber(attr(s, 'cooldown_counter')) > 0) {
    s.dict.set('cooldown_counter', toNumber(attr(s, 'cooldown_counter')) - 1);
    s.dict.set('num_bad_epochs', 0);
  }
  if (toNumber(attr(s, 'num_bad_epochs')) > toNumber(attr(s, 'patience'))) {
    const minLrs = (attr(s, 'min_lrs') as PyList).items;
    groupsOf(s).forEach((g, i) => {
      const old = toNumber(g.get('lr') ?? 0);
      const next = Math.max(old * toNumber(attr(s, 'factor')), toNumber(minLrs[i]));
      if (old - next > toNumber(attr(s, 'eps'))) g.set('lr', pyFloat(next));
    });
    s.dict.set('cooldown_counter', attr(s, 'cooldown'));
    s.dict.set('num_bad_epochs', 0);
  }
  s.dict.set('_last_lr', newList(lrs(s)));
  return None;
}

reduceOnPlateauType.define({
  __init__: defineFunction(
    '__init__',
    "self, optimizer, mode='min', factor=0.1, patience=10, threshold=1e-4, threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8, verbose=False",
    (a) => {
      const s = a.self as PyInstance;
      if (toNumber(a.factor) >= 1.0) throw pyError('ValueError', 'Factor should be < 1.0.');
      set(s, { factor: a.factor });
      const optimizer = checkOptimizer(a.optimizer);
      s.dict.set('optimizer', optimizer);
      const n = groupsOf(s).length;
      let minLrs: PyValue[];
      if (a.min_lr instanceof PyList || a.min_lr instanceof PyTuple) {
        if (a.min_lr.items.length !== n)
          throw pyError('ValueError', `expected ${n} min_lrs, got ${a.min_lr.items.length}`);
        minLrs = a.min_lr.items.slice();
      } else minLrs = Array.from({ length: n }, () => a.min_lr);
      if (a.mode !== 'min' && a.mode !== 'max')
        throw pyError('ValueError', `mode ${String(a.mode)} is unknown!`);
      if (a.threshold_mode !== 'rel' && a.threshold_mode !== 'abs')
        throw pyError('ValueError', `threshold mode ${String(a.threshold_mode)} is unknown!`);
      const worse = pyFloat(a.mode === 'min' ? Infinity : -Infinity);
      set(s, {
        min_lrs: newList(minLrs),
        patience: a.patience,
        verbose: a.verbose,
        cooldown: a.cooldown,
        cooldown_counter: 0,
        mode: a.mode,
        threshold: a.threshold,
        threshold_mode: a.threshold_mode,
        best: worse,
        num_bad_epochs: 0,
        mode_worse: worse,
        eps: a.eps,
        last_epoch: 0,
      });
      return None;
    },
  ),
  step: defineFunction('step', 'self, metrics, epoch=None', (a) => {
    const s = a.self as PyInstance;
    // float(metrics): a number or a one-element tensor (the loss itself)
    return then(callPython(floatType, [a.metrics]), (m) => plateauStep(s, toNumber(m), a.epoch));
  }),
  state_dict: defineFunction('state_dict', 'self', (a) => {
    const s = a.self as PyInstance;
    return new Dict([...s.dict].filter(([k]) => k !== 'optimizer'));
  }),
  load_state_dict: defineFunction('load_state_dict', 'self, state_dict', (a) => {
    const s = a.self as PyInstance;
    for (const [k, v] of (a.state_dict as PyDict).entries()) if (typeof k === 'string') s.dict.set(k, v);
    return None;
  }),
});

export function lrSchedulerModule(): PyModule {
  return newModule(MODULE, {
    _LRScheduler: lrSchedulerType,
    LambdaLR,
    MultiplicativeLR,
    StepLR,
    MultiStepLR,
    ConstantLR,
    LinearLR,
    ExponentialLR,
    CosineAnnealingLR,
    OneCycleLR,
    ReduceLROnPlateau: reduceOnPlateauType,
  });
}
