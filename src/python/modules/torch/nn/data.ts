// torch.utils.data: Dataset, TensorDataset and DataLoader (batch_size, shuffle in PyTorch's seeded
// order, drop_last, len, iteration yielding lists of stacked tensors, as default_collate does).
import * as core from '../../../../core/index.js';
import type { Tensor } from '../../../../core/index.js';
import {
  defineFunction,
  isInt,
  isPromise,
  makeIterator,
  type MaybePromise,
  newList,
  newModule,
  newTuple,
  None,
  PyDict,
  PyFloat,
  PyInstance,
  type PyNative,
  PyList,
  type PyModule,
  PyTuple,
  PyType,
  type PyValue,
  pyError,
  toIndex,
  toNumber,
  typeName,
} from '../../../objects.js';
import { call as callPython, getItem, len, toArrayMP } from '../../../runtime.js';
import { generatorOf } from '../values.js';
import { isTensor } from '../convert.js';
import { toPyError } from '../errors.js';
import { wrap } from '../tensor-type.js';
import { all, then } from './parameter.js';

const guarded =
  <A extends unknown[], R>(fn: (...a: A) => R) =>
  (...a: A): R => {
    try {
      return fn(...a);
    } catch (e) {
      throw toPyError(e);
    }
  };

export const datasetType = new PyType('Dataset', { module: 'torch.utils.data.dataset' });
datasetType.define({
  __getitem__: defineFunction('__getitem__', 'self, index', () => {
    throw pyError('NotImplementedError', 'Subclasses of Dataset should implement __getitem__.');
  }),
});

const tensorsOf = (ds: PyInstance) =>
  (ds.dict.get('tensors') as PyTuple).items.map((t) => (t as PyNative<Tensor>).value);

export const tensorDatasetType = new PyType('TensorDataset', {
  module: 'torch.utils.data.dataset',
  bases: [datasetType],
});
tensorDatasetType.define({
  __init__: defineFunction('__init__', 'self, *tensors', (a) => {
    const items = (a.tensors as PyTuple).items;
    for (const t of items)
      if (!isTensor(t)) throw pyError('AttributeError', `'${typeName(t)}' object has no attribute 'size'`);
    const ts = items as PyNative<Tensor>[];
    if (ts.some((t) => t.value.ndim === 0))
      throw pyError('IndexError', 'dimension specified as 0 but tensor has no dimensions');
    if (ts.some((t) => t.value.shape[0] !== ts[0].value.shape[0]))
      throw pyError('AssertionError', 'Size mismatch between tensors');
    (a.self as PyInstance).dict.set('tensors', newTuple(items));
    return None;
  }),
  __getitem__: defineFunction(
    '__getitem__',
    'self, index',
    guarded((a) => {
      const idx = isTensor(a.index) ? a.index.value : toIndex(a.index);
      return newTuple(tensorsOf(a.self as PyInstance).map((t) => wrap(core.getIndex(t, [idx]))));
    }),
  ),
  __len__: defineFunction('__len__', 'self', (a) => tensorsOf(a.self as PyInstance)[0]?.shape[0] ?? 0),
});

// ---- Subset and random_split --------------------------------------------------------------------

export const subsetType = new PyType('Subset', { module: 'torch.utils.data.dataset', bases: [datasetType] });
const subsetParts = (self: PyValue) => {
  const d = (self as PyInstance).dict;
  return { dataset: d.get('dataset') ?? None, indices: d.get('indices') ?? None };
};
subsetType.define({
  __init__: defineFunction('__init__', 'self, dataset, indices', (a) => {
    const d = (a.self as PyInstance).dict;
    d.set('dataset', a.dataset);
    d.set('indices', a.indices);
    return None;
  }),
  // A list of positions reads the dataset once with the list of its indices, as PyTorch's does.
  __getitem__: defineFunction('__getitem__', 'self, idx', (a) => {
    const { dataset, indices } = subsetParts(a.self);
    if (a.idx instanceof PyList)
      return then(all(a.idx.items.map((i) => getItem(indices, i))), (picked) =>
        getItem(dataset, newList(picked)),
      );
    return then(getItem(indices, a.idx), (i) => getItem(dataset, i));
  }),
  __len__: defineFunction('__len__', 'self', (a) => len(subsetParts(a.self).indices)),
});

/** Fractions of a dataset (summing to 1) as lengths: floors, then the remainder one by one from the first. */
function lengthsFromFractions(fractions: number[], total: number): number[] {
  const lengths = fractions.map((frac, i) => {
    if (frac < 0 || frac > 1) throw pyError('ValueError', `Fraction at index ${i} is not between 0 and 1`);
    return Math.floor(total * frac);
  });
  const remainder = total - lengths.reduce((s, n) => s + n, 0);
  for (let i = 0; i < remainder; i++) lengths[i % lengths.length]++;
  return lengths;
}

const randomSplit = defineFunction('random_split', 'dataset, lengths, generator=None', (a) =>
  then(toArrayMP(a.lengths), (given) =>
    then(datasetLength(a.dataset), (total) => {
      const values = given.map((v) => toNumber(v));
      const sum = values.reduce((s, n) => s + n, 0);
      // math.isclose(sum, 1) and sum <= 1: fractions of the dataset
      const fractions = Math.abs(sum - 1) <= 1e-9 * Math.max(1, Math.abs(sum)) && sum <= 1;
      const lengths = fractions ? lengthsFromFractions(values, total) : values;
      if (lengths.reduce((s, n) => s + n, 0) !== total)
        throw pyError('ValueError', 'Sum of input lengths does not equal the length of the input dataset!');
      const order = guarded(() => core.randperm(total, { generator: generatorOf(a.generator) }))();
      const indices = Array.from(order.readSync(), Number);
      order.dispose();
      let offset = 0;
      return newList(
        lengths.map((n) => {
          const part = indices.slice(offset, (offset += n));
          const subset = new PyInstance(subsetType);
          subset.dict.set('dataset', a.dataset);
          subset.dict.set('indices', newList(part));
          return subset;
        }),
      );
    }),
  ),
);

// ---- DataLoader -----------------------------------------------------------------------------------

/**
 * RandomSampler's order: randperm with the loader's generator, or without one a seed drawn from the
 * global generator (random_() of an int64) for a generator of its own.
 */
function shuffledOrder(n: number, generator: core.MT19937 | null): number[] {
  // the seed is the 64-bit draw mod 2^63; a generator seeded with it uses its low 32 bits
  const gen = generator ?? new core.MT19937(core.defaultGenerator().random64()[1]);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n - 1; i++) {
    const z = gen.random() % (n - i);
    [order[i], order[z + i]] = [order[z + i], order[i]];
  }
  return order;
}

function datasetLength(ds: PyValue): MaybePromise<number> {
  if (ds instanceof PyList || ds instanceof PyTuple) return ds.items.length;
  return then(len(ds), (n) => toIndex(n));
}
function datasetItem(ds: PyValue, i: number): MaybePromise<PyValue> {
  if (ds instanceof PyList || ds instanceof PyTuple) return ds.items[i];
  return getItem(ds, i);
}

/** default_collate: tensors stacked, numbers to tensors, tuples and lists item by item (as a list), dicts by key. */
function collate(batch: PyValue[]): PyValue {
  const first = batch[0];
  if (isTensor(first)) return wrap(core.stack(batch.map((b) => (b as PyNative<Tensor>).value)));
  if (typeof first === 'boolean') return wrap(core.tensor(batch.map((b) => b === true)));
  if (isInt(first))
    return wrap(
      core.tensor(
        batch.map((b) => Number(b)),
        { dtype: 'int64' },
      ),
    );
  if (first instanceof PyFloat)
    return wrap(
      core.tensor(
        batch.map((b) => (b as PyFloat).v),
        { dtype: 'float64' },
      ),
    );
  if (typeof first === 'string') return newList(batch);
  if (first instanceof PyDict)
    return new PyDict(first.keys().map((k) => [k, collate(batch.map((b) => (b as PyDict).get(k) ?? None))]));
  if (first instanceof PyTuple || first instanceof PyList) {
    const n = first.items.length;
    if (batch.some((b) => (b as PyTuple).items.length !== n))
      throw pyError('RuntimeError', 'each element in list of batch should be of equal size');
    return newList(first.items.map((_, j) => collate(batch.map((b) => (b as PyTuple).items[j]))));
  }
  throw pyError(
    'TypeError',
    `default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class '${typeName(first)}'>`,
  );
}

interface LoaderConfig {
  dataset: PyValue;
  batchSize: number | null;
  shuffle: boolean;
  dropLast: boolean;
  collateFn: PyValue;
  generator: core.MT19937 | null;
}
function loaderConfig(self: PyInstance): LoaderConfig {
  const d = self.dict;
  const bs = d.get('batch_size') ?? 1;
  return {
    dataset: d.get('dataset') ?? None,
    batchSize: bs === None ? null : toIndex(bs),
    shuffle: d.get('_shuffle') === true,
    dropLast: d.get('drop_last') === true,
    collateFn: d.get('collate_fn') ?? None,
    generator: generatorOf(d.get('generator') ?? None),
  };
}

function batchesOf(order: number[], c: LoaderConfig): number[][] {
  if (c.batchSize === null) return order.map((i) => [i]);
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += c.batchSize) {
    const b = order.slice(i, i + c.batchSize);
    if (b.length < c.batchSize && c.dropLast) break;
    out.push(b);
  }
  return out;
}

function loaderIter(self: PyInstance): MaybePromise<PyValue> {
  const c = loaderConfig(self);
  return then(datasetLength(c.dataset), (n) => {
    // every iterator draws its workers' base seed first (an int64 random_()), shuffled or not
    (c.generator ?? core.defaultGenerator()).random64();
    const order = c.shuffle ? shuffledOrder(n, c.generator) : Array.from({ length: n }, (_, i) => i);
    const batches = batchesOf(order, c);
    const ds = c.dataset;
    // TensorDataset: each batch is one gather per tensor
    if (
      ds instanceof PyInstance &&
      ds.cls.isSubtypeOf(tensorDatasetType) &&
      c.collateFn === None &&
      c.batchSize !== null
    ) {
      const ts = tensorsOf(ds);
      return makeIterator(
        (function* () {
          for (const b of batches) {
            yield newList(
              ts.map((t) =>
                wrap(
                  guarded(() => core.getIndex(t, [core.tensor(b, { dtype: 'int64', device: t.device })]))(),
                ),
              ),
            );
          }
        })(),
      );
    }
    const items = batches.map((b) => all(b.map((i) => datasetItem(ds, i))));
    return then(all(items), (lists) => {
      const out = lists.map((l) => {
        if (c.batchSize === null) return c.collateFn === None ? l[0] : callPython(c.collateFn, [l[0]]);
        return c.collateFn === None ? guarded(() => collate(l))() : callPython(c.collateFn, [newList(l)]);
      });
      return then(all(out), (vals) => makeIterator(vals));
    });
  });
}

export const dataLoaderType = new PyType('DataLoader', { module: 'torch.utils.data.dataloader' });
dataLoaderType.define({
  __init__: defineFunction(
    '__init__',
    "self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0, collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None, multiprocessing_context=None, generator=None, *, prefetch_factor=2, persistent_workers=False, pin_memory_device=''",
    (a) => {
      const d = (a.self as PyInstance).dict;
      if (a.sampler !== None || a.batch_sampler !== None) {
        throw pyError(
          'NotImplementedError',
          'DataLoader: sampler and batch_sampler are not supported in torchlet',
        );
      }
      generatorOf(a.generator);
      if (a.batch_size !== None && toIndex(a.batch_size) <= 0) {
        throw pyError(
          'ValueError',
          `batch_size should be a positive integer value, but got batch_size=${String(a.batch_size)}`,
        );
      }
      d.set('dataset', a.dataset);
      d.set('batch_size', a.batch_size);
      d.set('drop_last', a.drop_last === true);
      d.set('num_workers', a.num_workers);
      d.set('collate_fn', a.collate_fn);
      d.set('_shuffle', a.shuffle === true);
      d.set('generator', a.generator);
      return None;
    },
  ),
  __len__: defineFunction('__len__', 'self', (a) => {
    const c = loaderConfig(a.self as PyInstance);
    return then(datasetLength(c.dataset), (n) => {
      if (c.batchSize === null) return n;
      return c.dropLast ? Math.floor(n / c.batchSize) : Math.ceil(n / c.batchSize);
    });
  }),
  __iter__: defineFunction('__iter__', 'self', (a) => {
    const r = loaderIter(a.self as PyInstance);
    return isPromise<PyValue>(r) ? r : r;
  }),
});

export function dataModule(): PyModule {
  return newModule('torch.utils.data', {
    Dataset: datasetType,
    TensorDataset: tensorDatasetType,
    Subset: subsetType,
    random_split: randomSplit,
    DataLoader: dataLoaderType,
  });
}
