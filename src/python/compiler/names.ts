// Names and assignment targets: where a name lives (slot, cell, global, class namespace), loading,
// storing and deleting it, unpacking into target lists.
import type { SyntaxNode } from '@lezer/common';
import {
  NativeFunction,
  PyDict,
  pyError,
  PyException,
  PyInstance,
  PyIterator,
  PyList,
  PyObject,
  PyProperty,
  PySet,
  PyTuple,
  PyValue,
  typeName,
  typeOf,
} from '../objects.js';
import { delAttr, delItem, PyRange, setAttr, setItem, toArrayMP } from '../runtime.js';
import { eachInOrder, isPromise, MaybePromise, then } from '../maybe-promise.js';
import { Binding, children, Scope, text } from '../scope.js';
import type { CompileContext } from './context.js';
import { Cell, Expr, Frame, GlobalNamespace, Store } from './frame.js';
import { subscript } from './subscripts.js';
import { constantCode, constants } from './constants.js';
import { AttrSlotCache, TypeLookupCache } from './site-cache.js';

function unbound(name: string, free: boolean): PyException {
  if (free)
    return pyError(
      'NameError',
      `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`,
    );
  return pyError(
    'UnboundLocalError',
    `cannot access local variable '${name}' where it is not associated with a value`,
  );
}

function loadGlobal(f: Frame, name: string): PyValue {
  const v = f.globals.get(name);
  if (v !== undefined) return v;
  const b = f.session.builtins.get(name);
  if (b !== undefined) return b;
  throw pyError('NameError', `name '${name}' is not defined`);
}

/** Binds a name in the class body or module being run (`from m import *`). */
export function setName(f: Frame, name: string, v: PyValue): void {
  if (f.classNs) f.classNs.set(name, v);
  else f.globals.set(name, v);
}

function describe(node: SyntaxNode): string {
  switch (node.name) {
    case 'CallExpression':
      return 'function call';
    case 'Number':
    case 'String':
    case 'Boolean':
    case 'None':
      return 'literal';
    case 'BinaryExpression':
      return 'expression';
    default:
      return 'expression';
  }
}

export function binding(comp: CompileContext, name: string, scope: Scope): Binding {
  if (scope.kind === 'class') {
    if (scope.globals.has(name)) return { kind: 'global' };
    if (scope.frees.includes(name) && !scope.assigned.has(name))
      return { kind: 'slot', index: scope.allocate(name), cell: true };
    return { kind: 'class', fallback: { kind: 'global' } };
  }
  let s: Scope | undefined = scope;
  while (s) {
    // A comprehension in a class body does not see the class's names (CPython 3.11).
    if (s.kind === 'class') break;
    if (s.globals.has(name)) return { kind: 'global' };
    if (s.isLocal(name)) return { kind: 'slot', index: s.allocate(name), cell: s.cells.has(name) };
    if (s.kind !== 'comp') break;
    s = s.parent;
  }
  const owner = scope.owner;
  if (owner.frees.includes(name)) return { kind: 'slot', index: owner.allocate(name), cell: true };
  return { kind: 'global' };
}

/**
 * The slot of `node` when it reads a plain local of the frame (not a cell); a code below -1 when
 * it is a literal (constants.ts); else -1. `operand` reads either without a call.
 */
export function localSlot(comp: CompileContext, node: SyntaxNode, scope: Scope): number {
  if (LITERALS.has(node.name)) return literalCode(comp, node, scope);
  if (node.name !== 'VariableName') return -1;
  const b = binding(comp, text(node), scope);
  return b.kind === 'slot' && !b.cell ? b.index : -1;
}

/** localSlot of the key in `x[key]` (the children of a subscript MemberExpression), else -1. */
export function subscriptSlot(comp: CompileContext, kids: SyntaxNode[], scope: Scope): number {
  const open = kids.findIndex((k) => k.name === '[');
  const close = kids.length - 1;
  return open >= 0 && kids[close].name === ']' && close === open + 2
    ? localSlot(comp, kids[open + 1], scope)
    : -1;
}

/**
 * An operand's value: read from its slot when it is a bound plain local (`slot` from localSlot),
 * without a call to its load closure (a call every site shares, so never inlined); else `e(f)`
 * (which also raises UnboundLocalError).
 */
export function operand(f: Frame, slot: number, e: Expr): MaybePromise<PyValue> {
  if (slot >= 0) {
    const v = f.slots[slot] as PyValue | undefined;
    if (v !== undefined) return v;
  } else if (slot < -1) return constants[-2 - slot];
  return e(f);
}

const LITERALS = new Set(['Number', 'String', 'Boolean', 'None']);

/** The constant code of a literal, -1 when its closure does more than return one value. */
function literalCode(comp: CompileContext, node: SyntaxNode, scope: Scope): number {
  const e = comp.expr(node, scope);
  let v: MaybePromise<PyValue>;
  try {
    // A literal's closure ignores its frame; one that throws (a malformed number) stays a call.
    v = e(undefined as unknown as Frame);
  } catch {
    return -1;
  }
  if (isPromise(v) || v !== e(undefined as unknown as Frame)) return -1;
  return constantCode(v);
}

export function loadName(comp: CompileContext, name: string, scope: Scope, _node?: SyntaxNode): Expr {
  const b = binding(comp, name, scope);
  if (b.kind === 'slot') {
    const i = b.index;
    if (b.cell) {
      return (f) => {
        const v = (f.slots[i] as Cell | undefined)?.v;
        if (v === undefined) throw unbound(name, true);
        return v;
      };
    }
    return (f) => {
      const v = f.slots[i] as PyValue | undefined;
      if (v === undefined) throw unbound(name, false);
      return v;
    };
  }
  if (b.kind === 'class') {
    return (f) => {
      const v = f.classNs?.get(name);
      if (v !== undefined) return v;
      return loadGlobal(f, name);
    };
  }
  const site = new GlobalLoad(name);
  comp.onForget(() => site.forget());
  const load: Expr = (f) => site.get(f);
  globalLoads.set(load, site);
  return load;
}

/**
 * One site's load of a global (or builtin) name: what it was found as, kept while the namespace is
 * unchanged. An object with a method rather than a closure, so that a call site can read it with a
 * call the JS engine inlines (globalLoadOf).
 */
export class GlobalLoad {
  private seenIn: GlobalNamespace | undefined;
  private seenVersion = -1;
  private seen: PyValue = null;
  constructor(readonly name: string) {}

  get(f: Frame): PyValue {
    const g = f.globals;
    if (g === this.seenIn && this.seenIn.version === this.seenVersion) return this.seen;
    const v = loadGlobal(f, this.name);
    if (g instanceof GlobalNamespace) {
      this.seenIn = g;
      this.seenVersion = g.version;
      this.seen = v;
    }
    return v;
  }

  /** Drops the value and namespace it holds (they may outlive a `del` or their session). */
  forget(): void {
    this.seenIn = undefined;
    this.seen = null;
  }
}

const globalLoads = new WeakMap<Expr, GlobalLoad>();

/** The GlobalLoad of an expression that loadName compiled to a global load; else undefined. */
export function globalLoadOf(e: Expr): GlobalLoad | undefined {
  return globalLoads.get(e);
}

export function storeName(comp: CompileContext, name: string, scope: Scope): Store {
  const b = binding(comp, name, scope);
  if (b.kind === 'slot') {
    const i = b.index;
    if (b.cell) {
      return (f, v) => {
        let c = f.slots[i] as Cell | undefined;
        if (!c) c = f.slots[i] = new Cell(undefined);
        c.v = v;
      };
    }
    return (f, v) => {
      f.slots[i] = v;
    };
  }
  if (b.kind === 'class') return (f, v) => void f.classNs!.set(name, v);
  return (f, v) => void f.globals.set(name, v);
}

export function delName(comp: CompileContext, name: string, scope: Scope): (f: Frame) => void {
  const b = binding(comp, name, scope);
  if (b.kind === 'slot') {
    const i = b.index;
    return (f) => {
      if (b.cell) {
        const c = f.slots[i] as Cell | undefined;
        if (!c || c.v === undefined) throw unbound(name, true);
        c.v = undefined;
      } else {
        if (f.slots[i] === undefined) throw unbound(name, false);
        f.slots[i] = undefined;
      }
    };
  }
  if (b.kind === 'class') {
    return (f) => {
      if (!f.classNs!.delete(name)) throw pyError('NameError', `name '${name}' is not defined`);
    };
  }
  return (f) => {
    if (!f.globals.delete(name)) throw pyError('NameError', `name '${name}' is not defined`);
  };
}

export function delTarget(
  comp: CompileContext,
  node: SyntaxNode,
  scope: Scope,
): (f: Frame) => MaybePromise<void> {
  if (node.name === 'VariableName') return delName(comp, text(node), scope);
  if (node.name === 'MemberExpression') {
    const mk = children(node);
    const obj = comp.expr(mk[0], scope);
    if (mk[1]?.name === '.') {
      const name = text(mk[2]);
      return (f) => then(obj(f), (o) => delAttr(o, name));
    }
    const key = subscript(comp, mk, scope);
    return (f) => then(obj(f), (o) => then(key(f), (k) => delItem(o, k)));
  }
  if (
    node.name === 'TupleExpression' ||
    node.name === 'ArrayExpression' ||
    node.name === 'ParenthesizedExpression'
  ) {
    const parts = children(node)
      .filter((k) => !['(', ')', '[', ']', ','].includes(k.name))
      .map((k) => delTarget(comp, k, scope));
    return (f) => {
      return eachInOrder(parts.length, (i) => parts[i](f));
    };
  }
  throw comp.syntaxError(node, `cannot delete ${describe(node)}`);
}

export function targetList(comp: CompileContext, nodes: SyntaxNode[], scope: Scope): Store {
  const items = nodes.filter((k) => k.name !== ',');
  const hasComma = nodes.some((k) => k.name === ',');
  if (!hasComma && items.length === 1) return target(comp, items[0], scope);
  return unpackTargets(comp, nodes, scope);
}

/**
 * The slots of `a, b, …` (or `(a, b)`, `[a, b]`) when every target is a plain local of the frame
 * (no cell, no star, no attribute or item); else undefined.
 */
export function localSlots(comp: CompileContext, nodes: SyntaxNode[], scope: Scope): number[] | undefined {
  if (
    nodes.length === 1 &&
    ['TupleExpression', 'ArrayExpression', 'ParenthesizedExpression'].includes(nodes[0].name)
  )
    nodes = children(nodes[0]).filter((k) => !['(', ')', '[', ']'].includes(k.name));
  const slots: number[] = [];
  for (const k of nodes) {
    if (k.name === ',') continue;
    if (k.name !== 'VariableName') return undefined;
    const b = binding(comp, text(k), scope);
    if (b.kind !== 'slot' || b.cell) return undefined;
    slots.push(b.index);
  }
  return slots.length > 1 ? slots : undefined;
}

export function unpackTargets(comp: CompileContext, nodes: SyntaxNode[], scope: Scope): Store {
  const targets: Store[] = [];
  let starIndex = -1;
  for (let i = 0; i < nodes.length; i++) {
    const k = nodes[i];
    if (k.name === ',') continue;
    if (k.name === '*') {
      starIndex = targets.length;
      targets.push(target(comp, nodes[i + 1], scope));
      i++;
      continue;
    }
    targets.push(target(comp, k, scope));
  }
  const n = targets.length;
  // Every target a plain local (`for x, y in pairs`): a tuple's items go straight into the slots.
  const slots = localSlots(comp, nodes, scope) ?? [];
  const allSlots = slots.length === n;
  /** Stores parts[i…] into the targets in order, waiting only where a store waits. */
  const storeFrom = (f: Frame, parts: PyValue[], i: number): MaybePromise<void> => {
    for (; i < n; i++) {
      const r = targets[i](f, parts[i]);
      if (isPromise(r)) {
        const next = i + 1;
        return r.then(() => storeFrom(f, parts, next));
      }
    }
  };
  return (f, v) => {
    if (allSlots && (v instanceof PyTuple || v instanceof PyList) && v.items.length === n) {
      const items = v.items;
      const s = f.slots;
      for (let i = 0; i < n; i++) s[slots[i]] = items[i];
      return;
    }
    // A tuple or list of the right length: its items, taken before any store (a store may change a list).
    if (starIndex < 0 && (v instanceof PyTuple || v instanceof PyList) && v.items.length === n)
      return storeFrom(f, v instanceof PyList ? v.items.slice() : v.items, 0);
    if (
      !(v instanceof PyList || v instanceof PyTuple) &&
      typeOf(v).lookup('__iter__') === undefined &&
      !(
        v instanceof PyObject &&
        (v instanceof PyIterator || v instanceof PyRange || v instanceof PyDict || v instanceof PySet)
      ) &&
      typeof v !== 'string'
    ) {
      throw pyError('TypeError', `cannot unpack non-iterable ${typeName(v)} object`);
    }
    return then(toArrayMP(v), (vals) => {
      let parts: PyValue[];
      if (starIndex < 0) {
        if (vals.length > n) throw pyError('ValueError', `too many values to unpack (expected ${n})`);
        if (vals.length < n)
          throw pyError('ValueError', `not enough values to unpack (expected ${n}, got ${vals.length})`);
        parts = vals;
      } else {
        if (vals.length < n - 1)
          throw pyError(
            'ValueError',
            `not enough values to unpack (expected at least ${n - 1}, got ${vals.length})`,
          );
        const after = n - 1 - starIndex;
        parts = [
          ...vals.slice(0, starIndex),
          new PyList(vals.slice(starIndex, vals.length - after)),
          ...vals.slice(vals.length - after),
        ];
      }
      return eachInOrder(n, (i) => targets[i](f, parts[i]));
    });
  };
}

export function target(comp: CompileContext, node: SyntaxNode, scope: Scope): Store {
  switch (node.name) {
    case 'VariableName':
      return storeName(comp, text(node), scope);
    case 'MemberExpression': {
      const mk = children(node);
      const obj = comp.expr(mk[0], scope);
      if (mk[1]?.name === '.') {
        const name = text(mk[2]);
        const hooks = new TypeLookupCache('__setattr__');
        const typeAttr = new TypeLookupCache(name);
        const ownAttr = new AttrSlotCache(name);
        const os = localSlot(comp, mk[0], scope);
        const store: Store = (f, v) => {
          const o = operand(f, os, obj);
          // An instance whose class has neither a native __setattr__ nor a property of that name
          // keeps the value in its own dict (as setAttr does).
          if (
            o instanceof PyInstance &&
            !(hooks.get(o.cls) instanceof NativeFunction) &&
            !(typeAttr.get(o.cls) instanceof PyProperty)
          ) {
            ownAttr.store(o.dict, v);
            return;
          }
          if (isPromise(o)) return o.then((x) => setAttr(x, name, v));
          return setAttr(o, name, v);
        };
        if (os >= 0) localAttrStores.set(store, { os, hooks, typeAttr, ownAttr });
        return store;
      }
      const key = subscript(comp, mk, scope);
      const os = localSlot(comp, mk[0], scope);
      const ks = subscriptSlot(comp, mk, scope);
      const itemStore: Store = (f, v) => {
        const o = operand(f, os, obj);
        // A dict or a list first: neither is a Promise, and those tests are cheaper than that one.
        if (o instanceof PyDict) {
          const k = operand(f, ks, key);
          if (typeof k === 'string' || typeof k === 'number') {
            // A str or int key is its own hash key: stored as PyDict.set stores it.
            const e = o.map.get(k);
            if (e !== undefined) e[1] = v;
            else o.map.set(k, [k, v]);
            return;
          }
          if (isPromise(k)) return k.then((kv) => setItem(o, kv, v));
          return setItem(o, k, v);
        }
        if (o instanceof PyList) {
          const k = operand(f, ks, key);
          if (typeof k === 'number') {
            // A list at an int index in range, as setItem would store it.
            const items = o.items;
            const i = k < 0 ? k + items.length : k;
            if (i >= 0 && i < items.length) {
              items[i] = v;
              return;
            }
          }
          if (isPromise(k)) return k.then((kv) => setItem(o, kv, v));
          return setItem(o, k, v);
        }
        if (isPromise(o)) return o.then((x) => then(key(f), (k) => setItem(x, k, v)));
        const k = operand(f, ks, key);
        if (isPromise(k)) return k.then((kv) => setItem(o, kv, v));
        return setItem(o, k, v);
      };
      if (os >= 0 && ks !== -1) localItemStores.set(itemStore, { os, ks, key });
      return itemStore;
    }
    case 'TupleExpression':
    case 'ArrayExpression': {
      const inner = children(node).filter((k) => !['(', ')', '[', ']'].includes(k.name));
      return unpackTargets(comp, inner, scope);
    }
    case 'ParenthesizedExpression': {
      const inner = children(node).filter((k) => k.name !== '(' && k.name !== ')');
      return targetList(comp, inner, scope);
    }
    default:
      throw comp.syntaxError(
        node,
        `cannot assign to ${describe(node)}${comp.assigningWithEquals ? " here. Maybe you meant '==' instead of '='?" : ''}`,
      );
  }
}

/** Allocates slots: locals, cells, free variables. Params are allocated first by params(). */
export function allocateScope(scope: Scope): { cellSlots: number[]; freeSlots: number[] } {
  for (const n of scope.assigned) if (scope.isLocal(n)) scope.allocate(n);
  const freeSlots = scope.frees.map((n) => scope.allocate(n));
  const cellSlots = [...scope.cells].filter((n) => scope.isLocal(n)).map((n) => scope.slotOf.get(n)!);
  return { cellSlots, freeSlots };
}

/** Slot of the Cell for `name` in the frame executing code of `scope`. */
export function cellSource(name: string, scope: Scope): number {
  let s: Scope | undefined = scope;
  while (s) {
    if (s.isLocal(name) && s.kind !== 'class') return s.allocate(name);
    if (s.kind !== 'comp') break;
    s = s.parent;
  }
  const owner = scope.owner;
  if (owner.frees.includes(name)) return owner.allocate(name);
  throw new Error(`internal: no cell for ${name}`);
}

/** What a store to an attribute of a local (`self.x = …`) checks, for an assignment to do it in place. */
export interface LocalAttrStore {
  os: number;
  hooks: TypeLookupCache;
  typeAttr: TypeLookupCache;
  ownAttr: AttrSlotCache;
}

const localAttrStores = new WeakMap<Store, LocalAttrStore>();

/** The parts of a target compiled as an attribute of a local; else undefined. */
export function localAttrStoreOf(t: Store): LocalAttrStore | undefined {
  return localAttrStores.get(t);
}

/** What a store to an item of a local at a local or literal key (`counts[w] = …`) reads. */
export interface LocalItemStore {
  os: number;
  ks: number;
  key: Expr;
}

const localItemStores = new WeakMap<Store, LocalItemStore>();

/** The parts of a target compiled as an item of a local at a local or literal key; else undefined. */
export function localItemStoreOf(t: Store): LocalItemStore | undefined {
  return localItemStores.get(t);
}
