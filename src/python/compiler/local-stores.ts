// Statements that store into a local, an attribute of a local or an item of one, each in a
// closure of its own: `total += x`, `self.x = v`, `counts[w] = v`. The general closures for
// op=, attribute and item stores are shared by every such site of every program, so the JS engine
// soon sees every kind of value there and makes them slow; these see their own kinds only. Each
// does what the general one does for floats, ints, instances, dicts and lists, and hands anything
// else to it.
import { NativeFunction, PyDict, PyFloat, PyInstance, PyList, PyProperty, PyValue } from '../objects.js';
import { isPromise, MaybePromise } from '../maybe-promise.js';
import type { Expr, Frame, Signal, Stmt } from './frame.js';
import { operand, type LocalAttrStore, type LocalItemStore } from './names.js';
import { RAW, rawValue, type RawExpr } from './raw-floats.js';

/** The rest of `slots[i] op= v` once the operand is evaluated (not evaluated again). */
export type Finish = (f: Frame, cur: PyValue, v: MaybePromise<PyValue>) => MaybePromise<Signal>;

/** `slots[i] += operand` for floats and exact ints; `finish` for other operands, `general` for other locals. */
export function localPlus(i: number, vs: number, value: Expr, general: Stmt, finish: Finish): Stmt {
  return (f) => {
    // The local first: unbound, it raises before the operand is read (general does that).
    const cur = f.slots[i];
    if (cur instanceof PyFloat) {
      const v = operand(f, vs, value);
      if (v instanceof PyFloat) {
        f.slots[i] = new PyFloat(cur.v + v.v);
        return undefined;
      }
      return finish(f, cur, v);
    } else if (typeof cur === 'number') {
      const v = operand(f, vs, value);
      if (typeof v === 'number') {
        const r = cur + v;
        if (Number.isSafeInteger(r)) {
          f.slots[i] = r;
          return undefined;
        }
      }
      return finish(f, cur, v);
    }
    return general(f);
  };
}

/** `slots[i] -= operand` for floats and exact ints; `finish` for other operands, `general` for other locals. */
export function localMinus(i: number, vs: number, value: Expr, general: Stmt, finish: Finish): Stmt {
  return (f) => {
    // The local first: unbound, it raises before the operand is read (general does that).
    const cur = f.slots[i];
    if (cur instanceof PyFloat) {
      const v = operand(f, vs, value);
      if (v instanceof PyFloat) {
        f.slots[i] = new PyFloat(cur.v - v.v);
        return undefined;
      }
      return finish(f, cur, v);
    } else if (typeof cur === 'number') {
      const v = operand(f, vs, value);
      if (typeof v === 'number') {
        const r = cur - v;
        if (Number.isSafeInteger(r)) {
          f.slots[i] = r;
          return undefined;
        }
      }
      return finish(f, cur, v);
    }
    return general(f);
  };
}

/**
 * `total += v * v` and the like: `slots[i] op= operand` (op + - *, code 1-3) where the operand
 * hands over a raw float (raw-floats.ts) and the local holds a float: one PyFloat for the result;
 * `finish` for another operand result, `general` for another local.
 */
export function localRawFloat(i: number, code: number, vraw: RawExpr, general: Stmt, finish: Finish): Stmt {
  return (f) => {
    const cur = f.slots[i];
    if (!(cur instanceof PyFloat)) return general(f);
    const v = vraw(f);
    if (v !== RAW) return finish(f, cur, v);
    const y = rawValue[0];
    // rawInplace's float case, inline: calling it measured 10 % slower per loop step.
    f.slots[i] = new PyFloat(code === 1 ? cur.v + y : code === 2 ? cur.v - y : cur.v * y);
    return undefined;
  };
}

/**
 * `self.x = value`: the value into the instance's own dict here, as the target would (after the
 * value, as CPython: a local read has no effect to order), in a closure of its own; else the target.
 */
export function localAttrAssign(
  vs: number,
  value: Expr,
  { os, hooks, typeAttr, ownAttr }: LocalAttrStore,
  general: (f: Frame, v: MaybePromise<PyValue>) => MaybePromise<Signal>,
): Stmt {
  return (f) => {
    const v = operand(f, vs, value);
    const o = f.slots[os];
    if (
      o instanceof PyInstance &&
      !isPromise(v) &&
      !(hooks.get(o.cls) instanceof NativeFunction) &&
      !(typeAttr.get(o.cls) instanceof PyProperty)
    ) {
      ownAttr.store(o.dict, v);
      return undefined;
    }
    return general(f, v);
  };
}

/**
 * `counts[w] = value`, `xs[i] = value`: a dict at a str or int key, a list at an int index in
 * range, stored here as the target would (value, then object, then key, as CPython), in a closure
 * of its own; anything else goes to the target.
 */
export function localItemAssign(
  vs: number,
  value: Expr,
  { os, ks, key }: LocalItemStore,
  general: (f: Frame, v: MaybePromise<PyValue>) => MaybePromise<Signal>,
): Stmt {
  return (f) => {
    const v = operand(f, vs, value);
    const o = f.slots[os];
    if (o instanceof PyDict) {
      if (!isPromise(v)) {
        const k = operand(f, ks, key);
        if (typeof k === 'string' || typeof k === 'number') {
          const e = o.map.get(k);
          if (e !== undefined) e[1] = v;
          else o.map.set(k, [k, v]);
          return undefined;
        }
      }
    } else if (o instanceof PyList && !isPromise(v)) {
      const k = operand(f, ks, key);
      if (typeof k === 'number') {
        const items = o.items;
        const i = k < 0 ? k + items.length : k;
        if (i >= 0 && i < items.length) {
          items[i] = v;
          return undefined;
        }
      }
    }
    return general(f, v);
  };
}
