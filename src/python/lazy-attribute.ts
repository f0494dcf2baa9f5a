// A module's attribute that loads on first use (a submodule in a file of its own).
import { moduleType, PyModule, PyObject, type PyValue } from './objects.js';

/**
 * A module's attribute that loads on first use: a submodule kept in a file of its own (torch.optim's
 * lr_scheduler), so that a lesson that never touches it does not download it. Reading the attribute
 * (runtime/attributes.ts, an import) waits for the load and puts the value in its place.
 */
export class PyLazyAttribute extends PyObject {
  private loading: Promise<PyValue> | null = null;
  constructor(private readonly load: () => Promise<PyValue>) {
    super(moduleType);
  }
  /** The value, loaded once, then stored in `owner` under `name` (where this stood). */
  resolve(owner: PyModule, name: string): Promise<PyValue> {
    return (this.loading ??= this.load().then((value) => {
      owner.dict.set(name, value);
      return value;
    }));
  }
}
