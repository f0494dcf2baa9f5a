// Per-site caches: a compiled attribute access or method call remembers the last class it looked
// a name up in, so a loop over objects of one class skips the class's own lookup table; and the
// last instance layout it read or wrote the name in, so it skips the instance's too.
import { currentTypeVersion, PyType, PyValue } from '../objects.js';
import type { InstanceDict, Layout } from '../instance-dict.js';

/** The class-lookup caches made while a cell compiles, for the cell to drop what they hold. */
let compiling: TypeLookupCache[] | undefined;

/** Runs `compile`; returns what it returned and the TypeLookupCaches made meanwhile. */
export function collectTypeCaches<T>(compile: () => T): [T, TypeLookupCache[]] {
  const outer = compiling;
  const caches: TypeLookupCache[] = (compiling = []);
  try {
    return [compile(), caches];
  } finally {
    compiling = outer;
  }
}

/** One site's memo of `name` looked up along a class's MRO, valid until any class changes. */
export class TypeLookupCache {
  private cls: PyType | undefined;
  private version = -1;
  private value: PyValue | undefined;
  constructor(readonly name: string) {
    compiling?.push(this);
  }

  /** Drops the class and the value it holds (they may belong to a session that ended). */
  forget(): void {
    this.cls = undefined;
    this.value = undefined;
    this.version = -1;
  }

  /** What `t.lookup(name)` returns now. */
  get(t: PyType): PyValue | undefined {
    const version = currentTypeVersion();
    if (t === this.cls && version === this.version) return this.value;
    this.value = t.lookup(this.name);
    this.cls = t;
    this.version = version;
    return this.value;
  }
}

/**
 * One site's memo of where `name` sits in an instance's values (instance-dict.ts): the layout it
 * last saw and the index there (-1: absent), and for a store that adds the name, the layout
 * before and after. A hit is an array read or write.
 */
export class AttrSlotCache {
  private layout: Layout | undefined;
  private index = -1;
  private from: Layout | undefined;
  private to: Layout | undefined;
  constructor(readonly name: string) {}

  /** What `d.get(name)` returns. */
  load(d: InstanceDict<PyValue>): PyValue | undefined {
    const l = d.layout;
    if (l !== undefined && l === this.layout) return this.index < 0 ? undefined : d.slots[this.index];
    return this.loadMiss(d);
  }

  private loadMiss(d: InstanceDict<PyValue>): PyValue | undefined {
    const l = d.layout;
    if (l === undefined) return d.get(this.name);
    const i = l.index.get(this.name);
    this.layout = l;
    this.index = i ?? -1;
    return i === undefined ? undefined : d.slots[i];
  }

  /** Does what `d.set(name, v)` does. */
  store(d: InstanceDict<PyValue>, v: PyValue): void {
    const l = d.layout;
    if (l !== undefined) {
      if (l === this.layout && this.index >= 0) {
        d.slots[this.index] = v;
        return;
      }
      if (l === this.from) {
        d.layout = this.to;
        d.slots.push(v);
        return;
      }
    }
    this.storeMiss(d, v);
  }

  private storeMiss(d: InstanceDict<PyValue>, v: PyValue): void {
    const before = d.layout;
    d.set(this.name, v);
    const after = d.layout;
    if (before === undefined || after === undefined) return;
    if (before === after) {
      this.layout = after;
      this.index = after.index.get(this.name)!;
    } else {
      this.from = before;
      this.to = after;
    }
  }
}
