// The attributes of an instance of a class defined in Python, stored as hidden classes are in JS
// engines: the names, in the order they were first set, live in a Layout shared by every instance
// that set the same names in the same order; the instance keeps only an array of values. A new
// instance allocates no hash table, and a compiled `self.x` remembers the layout it last saw and
// reads the value at its index (site-cache.ts). A deleted attribute turns the instance's dict
// into a plain Map.

/** Past this many attributes, an instance keeps a Map (a layout chain per name would not pay). */
const MAX_LAYOUT = 64;

/** Attribute names in insertion order, each at its index in the instance's values. */
export class Layout {
  readonly index = new Map<string, number>();
  private next: Map<string, Layout> | undefined;
  constructor(readonly names: readonly string[]) {
    for (let i = 0; i < names.length; i++) this.index.set(names[i], i);
  }

  /** The layout of an instance that sets `name` next (the same object for every such instance). */
  with(name: string): Layout {
    this.next ??= new Map();
    let l = this.next.get(name);
    if (l === undefined) {
      l = new Layout([...this.names, name]);
      this.next.set(name, l);
    }
    return l;
  }
}

const rootLayout = new Layout([]);

/** An instance's attribute table: a Map to its users, a layout and an array inside. */
export class InstanceDict<V> implements Map<string, V> {
  /** Undefined once the dict became a plain Map (`map`). */
  layout: Layout | undefined = rootLayout;
  slots: V[] = [];
  private map: Map<string, V> | undefined;

  get size(): number {
    return this.layout ? this.slots.length : this.map!.size;
  }

  get(key: string): V | undefined {
    if (this.layout === undefined) return this.map!.get(key);
    const i = this.layout.index.get(key);
    return i === undefined ? undefined : this.slots[i];
  }

  has(key: string): boolean {
    return this.layout ? this.layout.index.has(key) : this.map!.has(key);
  }

  set(key: string, value: V): this {
    const l = this.layout;
    if (l === undefined) {
      this.map!.set(key, value);
      return this;
    }
    const i = l.index.get(key);
    if (i !== undefined) this.slots[i] = value;
    else if (l.names.length >= MAX_LAYOUT) {
      this.toMap();
      this.map!.set(key, value);
    } else {
      this.layout = l.with(key);
      this.slots.push(value);
    }
    return this;
  }

  delete(key: string): boolean {
    if (this.layout !== undefined) {
      if (!this.layout.index.has(key)) return false;
      this.toMap();
    }
    return this.map!.delete(key);
  }

  clear(): void {
    this.layout = rootLayout;
    this.slots = [];
    this.map = undefined;
  }

  private toMap(): void {
    const m = new Map<string, V>();
    const l = this.layout!;
    for (let i = 0; i < l.names.length; i++) m.set(l.names[i], this.slots[i]);
    this.map = m;
    this.layout = undefined;
    this.slots = [];
  }

  *entries(): MapIterator<[string, V]> {
    if (this.layout === undefined) {
      yield* this.map!.entries();
      return;
    }
    const { names } = this.layout;
    const vals = this.slots;
    for (let i = 0; i < names.length; i++) yield [names[i], vals[i]];
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: string, map: Map<string, V>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }

  get [Symbol.toStringTag](): string {
    return 'InstanceDict';
  }
}
