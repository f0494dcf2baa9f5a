// Per-site caches: a compiled attribute access or method call remembers the last class it looked
// a name up in, so a loop over objects of one class skips the class's own lookup table.
import { currentTypeVersion, PyType, PyValue } from '../objects.js';

/** One site's memo of `name` looked up along a class's MRO, valid until any class changes. */
export class TypeLookupCache {
  private cls: PyType | undefined;
  private version = -1;
  private value: PyValue | undefined;
  constructor(readonly name: string) {}

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
