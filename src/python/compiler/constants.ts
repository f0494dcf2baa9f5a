// Literal operands read without a call: a literal (`1`, `0.5`, `'k'`, `None`, `True`) gets an
// operand code below -1 (localSlot) that indexes this table, so `i % 3`, `return None` or
// `d.get(k, 0)` read the constant where they would call its closure, a call every site shares.
import { PyFloat, PyValue } from '../objects.js';

/** The constants of every compiled literal operand; code c stands for constants[-2 - c]. */
export const constants: PyValue[] = [];

// One entry per distinct value (the table stays as small as the set of literals programs use).
const byValue = new Map<PyValue, number>();
const floats = new Map<string, number>();

/** The operand code of the literal value `v` (its compiled closure returns `v` at every call). */
export function constantCode(v: PyValue): number {
  if (v instanceof PyFloat) {
    // Equal floats share one PyFloat; -0.0 and 0.0 stay apart.
    const key = Object.is(v.v, -0) ? '-0' : String(v.v);
    let i = floats.get(key);
    if (i === undefined) {
      i = constants.push(v) - 1;
      floats.set(key, i);
    }
    return -2 - i;
  }
  let i = byValue.get(v);
  if (i === undefined) {
    i = constants.push(v) - 1;
    byValue.set(v, i);
  }
  return -2 - i;
}
