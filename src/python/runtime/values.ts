// The runtime's own value kinds: range, dict views, super() and staticmethod objects; the memory
// guard on sequence sizes.
import { PyDict, PyObject, PyTuple, PyType, PyValue, rangeType } from '../objects.js';

/** Memory guard: sequences longer than this raise MemoryError before allocating. */
export const MAX_SEQUENCE = 1 << 25;

// range

export class PyRange extends PyObject {
  readonly length: number;
  constructor(
    public start: number,
    public stop: number,
    public step: number,
  ) {
    super(rangeType);
    const n = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
    this.length = Math.max(0, n);
  }
  at(i: number): number {
    return this.start + i * this.step;
  }
}

// Functions defined in Python: the interpreter implements `PyFunctionLike`.

/** A dict keys/values/items view. */
export class DictView extends PyObject {
  constructor(
    cls: PyType,
    public dict: PyDict,
    public kind: 'keys' | 'values' | 'items',
  ) {
    super(cls);
  }
  items(): PyValue[] {
    const e = this.dict.entries();
    if (this.kind === 'keys') return e.map((x) => x[0]);
    if (this.kind === 'values') return e.map((x) => x[1]);
    return e.map((x) => new PyTuple([x[0], x[1]]));
  }
}

/** Super proxy: attribute lookup starts after `cls` in self's MRO. */
export class PySuper extends PyObject {
  constructor(
    cls: PyType,
    public start: PyType,
    public self: PyValue,
  ) {
    super(cls);
  }
}

/** staticmethod / classmethod wrappers. */
export class PyStaticMethod extends PyObject {
  constructor(
    cls: PyType,
    public func: PyValue,
    public kind: 'static' | 'class',
  ) {
    super(cls);
  }
}

// Attributes
