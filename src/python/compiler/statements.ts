// Statements: the dispatch over statement kinds, assignment, augmented assignment, if/while/for,
// import.
import { PyLazyAttribute } from '../lazy-attribute.js';
import type { SyntaxNode } from '@lezer/common';
import {
  builtinExceptions,
  IterResult,
  NativeFunction,
  newException,
  None,
  pyError,
  PyDict,
  PyException,
  PyFloat,
  PyInstance,
  PyList,
  PyModule,
  PyProperty,
  PyTuple,
  PyValue,
  STOP,
} from '../objects.js';
import {
  binaryOpFor,
  call,
  getAttr,
  getItem,
  getIter,
  inplaceOp,
  lookupAttr,
  PyRange,
  setAttr,
  setItem,
  truthy,
  ZipIterator,
} from '../runtime.js';
import { eachInOrder, isPromise, mapMP, MaybePromise, then } from '../maybe-promise.js';
import { children, Scope, text } from '../scope.js';
import type { CompileContext } from './context.js';
import { BREAK, CONTINUE, Expr, Frame, LoopStep, RETURN, Signal, Stmt } from './frame.js';
import { raiseStmt, tryStmt, withStmt } from './exceptions.js';
import { classDef, decorated, functionDef } from './functions.js';
import {
  binding,
  delTarget,
  loadName,
  localSlot,
  localSlots,
  operand,
  setName,
  storeName,
  subscriptSlot,
  targetList,
  localAttrStoreOf,
  localItemStoreOf,
} from './names.js';
import { yieldExpr } from './expressions.js';
import { subscript } from './subscripts.js';
import { positionedParts } from './positions.js';
import { localAttrAssign, localItemAssign, localMinus, localPlus, localRawFloat } from './local-stores.js';
import { RAW, rawForm, rawInplace, rawValue } from './raw-floats.js';
import { AttrSlotCache, TypeLookupCache } from './site-cache.js';

export function statement(comp: CompileContext, node: SyntaxNode, scope: Scope): Stmt {
  const kids = children(node);
  switch (node.name) {
    case 'ExpressionStatement': {
      const e = comp.exprList(kids, scope);
      return (f) => {
        const v = e(f);
        return isPromise(v) ? v.then(() => undefined) : undefined;
      };
    }
    case 'AssignStatement':
      return assignStmt(comp, node, kids, scope);
    case 'UpdateStatement':
      return updateStmt(comp, kids, scope);
    case 'PassStatement':
      return () => undefined;
    case 'BreakStatement':
      if (comp.loopDepth === 0) throw comp.syntaxError(node, "'break' outside loop");
      return () => BREAK;
    case 'ContinueStatement':
      if (comp.loopDepth === 0) throw comp.syntaxError(node, "'continue' not properly in loop");
      return () => CONTINUE;
    case 'ReturnStatement': {
      if (comp.fnDepth === 0) throw comp.syntaxError(node, "'return' outside function");
      if (kids.length === 1) {
        return (f) => {
          f.ret = None;
          return RETURN;
        };
      }
      const e = comp.exprList(kids.slice(1), scope);
      const es = kids.length === 2 ? localSlot(comp, kids[1], scope) : -1;
      return (f) => {
        const v = operand(f, es, e);
        if (isPromise(v))
          return v.then((x) => {
            f.ret = x;
            return RETURN;
          });
        f.ret = v;
        return RETURN;
      };
    }
    case 'IfStatement':
      return ifStmt(comp, kids, scope);
    case 'WhileStatement':
      return whileStmt(comp, kids, scope);
    case 'ForStatement':
      return forStmt(comp, kids, scope);
    case 'TryStatement':
      return tryStmt(comp, kids, scope);
    case 'WithStatement':
      return withStmt(comp, kids, scope);
    case 'FunctionDefinition':
      return functionDef(comp, node, scope, []);
    case 'ClassDefinition':
      return classDef(comp, node, scope, []);
    case 'DecoratedStatement':
      return decorated(comp, kids, scope);
    case 'RaiseStatement':
      return raiseStmt(comp, kids, scope);
    case 'ImportStatement':
      return importStmt(comp, kids, scope);
    case 'ScopeStatement':
      if (kids[0]?.name === 'nonlocal' && comp.fnDepth === 0)
        throw comp.syntaxError(node, 'nonlocal declaration not allowed at module level');
      return () => undefined;
    case 'AssertStatement': {
      const cond = comp.expr(kids[1], scope);
      const msg = kids[3] ? comp.expr(kids[3], scope) : undefined;
      return (f) =>
        then(cond(f), (c) =>
          then(truthy(c), (t) => {
            if (t) return undefined;
            if (!msg) throw new PyException(newException(builtinExceptions.AssertionError, []));
            return then(msg(f), (m) => {
              throw new PyException(newException(builtinExceptions.AssertionError, [m]));
            });
          }),
        );
    }
    case 'DeleteStatement': {
      const targets = kids
        .slice(1)
        .filter((k) => k.name !== ',')
        .map((k) => delTarget(comp, k, scope));
      return (f) => {
        return eachInOrder(targets.length, (i) => targets[i](f));
      };
    }
    case 'YieldStatement': {
      const e = yieldExpr(comp, kids, scope);
      return (f) => then(e(f), () => undefined);
    }
    case 'Body':
      return comp.body(node, scope);
    case 'StatementGroup':
      return comp.block(comp.flatStatements(node).map((s) => comp.stmt(s, scope)));
    case 'MatchStatement':
      throw comp.syntaxError(node, 'match statements are not supported');
    case 'PrintStatement':
      throw comp.syntaxError(node, "Missing parentheses in call to 'print'. Did you mean print(...)?");
    default:
      throw comp.syntaxError(node, 'invalid syntax');
  }
}

export function assignStmt(comp: CompileContext, node: SyntaxNode, kids: SyntaxNode[], scope: Scope): Stmt {
  const assign = assignment(comp, node, kids, scope);
  // `x: T` or `x: T = v` in a class body: T goes in the class's __annotations__ (dataclasses read it).
  const typeDef = kids.find((k) => k.name === 'TypeDef');
  const target = kids[0];
  if (scope.kind !== 'class' || !typeDef || target?.name !== 'VariableName' || kids[1] !== typeDef)
    return assign;
  const annotation = comp.expr(children(typeDef)[1], scope);
  const name = text(target);
  return (f) =>
    then(assign(f), (signal) =>
      then(annotation(f), (type) => {
        const found = f.classNs!.get('__annotations__');
        const annotations = found instanceof PyDict ? found : new PyDict();
        if (annotations !== found) f.classNs!.set('__annotations__', annotations);
        annotations.set(name, type);
        return signal;
      }),
    );
}

function assignment(comp: CompileContext, node: SyntaxNode, kids: SyntaxNode[], scope: Scope): Stmt {
  // Groups separated by `=`; the last is the value.
  const groups: SyntaxNode[][] = [[]];
  let annotated = false;
  for (const k of kids) {
    if (k.name === 'AssignOp') groups.push([]);
    else if (k.name === 'TypeDef') annotated = true;
    else groups[groups.length - 1].push(k);
  }
  if (groups.length === 1) {
    // `x: int` without a value.
    if (annotated) return () => undefined;
    throw comp.syntaxError(node, 'invalid syntax');
  }
  const value = comp.exprList(groups[groups.length - 1], scope);
  comp.assigningWithEquals = groups.length === 2;
  const targets = groups.slice(0, -1).map((g) => targetList(comp, g, scope));
  comp.assigningWithEquals = false;
  if (targets.length === 1) {
    const t = targets[0];
    const last = groups[groups.length - 1];
    const vs = last.length === 1 ? localSlot(comp, last[0], scope) : -1;
    const first = groups[0];
    const ts = first.length === 1 ? localSlot(comp, first[0], scope) : -1;
    if (ts >= 0) {
      // `x = …` to a plain local: the value goes straight into its slot.
      return (f) => {
        const v = operand(f, vs, value);
        if (isPromise(v))
          return v.then((x) => {
            f.slots[ts] = x;
            return undefined;
          });
        f.slots[ts] = v;
        return undefined;
      };
    }
    const general = (f: Frame, v: MaybePromise<PyValue>): MaybePromise<Signal> => {
      if (isPromise(v)) return v.then((x) => then(t(f, x), () => undefined));
      const r = t(f, v);
      if (isPromise(r)) return r.then(() => undefined);
      return undefined;
    };
    const attr = localAttrStoreOf(t);
    if (attr !== undefined) return localAttrAssign(vs, value, attr, general);
    const item = localItemStoreOf(t);
    if (item !== undefined) return localItemAssign(vs, value, item, general);
    return (f) => general(f, operand(f, vs, value));
  }
  return (f) =>
    then(value(f), (v) => {
      return eachInOrder(targets.length, (i) => targets[i](f, v));
    });
}

export function updateStmt(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Stmt {
  const target = kids[0];
  const op = text(kids[1]).slice(0, -1);
  const value = comp.expr(kids[2], scope);
  const vs = localSlot(comp, kids[2], scope);
  const fast = binaryOpFor(op);
  const code = op === '+' ? 1 : op === '-' ? 2 : op === '*' ? 3 : 0;
  const vraw = rawForm(value);
  // Numbers take the specialised operator; lists and objects the in-place protocol. + - * on
  // exact ints and floats are computed here, each in its own case (its own type feedback).
  // The inline cases only; undefined for any other operands (a Promise among them).
  const inline = (a: PyValue, b: MaybePromise<PyValue>): PyValue | undefined => {
    switch (code) {
      case 1:
        if (typeof a === 'number') {
          if (typeof b === 'number') {
            const r = a + b;
            if (Number.isSafeInteger(r)) return r;
          }
        } else if (a instanceof PyFloat) {
          if (b instanceof PyFloat) return new PyFloat(a.v + b.v);
          if (typeof b === 'number') return new PyFloat(a.v + b);
        }
        break;
      case 2:
        if (typeof a === 'number') {
          if (typeof b === 'number') {
            const r = a - b;
            if (Number.isSafeInteger(r)) return r;
          }
        } else if (a instanceof PyFloat) {
          if (b instanceof PyFloat) return new PyFloat(a.v - b.v);
          if (typeof b === 'number') return new PyFloat(a.v - b);
        }
        break;
      case 3:
        if (typeof a === 'number') {
          if (typeof b === 'number') {
            const r = a * b;
            if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
          }
        } else if (a instanceof PyFloat) {
          if (b instanceof PyFloat) return new PyFloat(a.v * b.v);
          if (typeof b === 'number') return new PyFloat(a.v * b);
        }
        break;
    }
    return undefined;
  };
  const apply = (a: PyValue, b: PyValue): MaybePromise<PyValue> => {
    const r = inline(a, b);
    if (r !== undefined) return r;
    return typeof a === 'number' || a instanceof PyFloat ? fast(a, b) : inplaceOp(op, a, b);
  };
  // cur op= value for an attribute or a list item: value evaluated now, the result inline where
  // it can be (a raw float, two numbers); a Promise only when something waited.
  const combined = (f: Frame, cur: PyValue): MaybePromise<PyValue> => {
    const v0 = vraw !== undefined ? vraw(f) : operand(f, vs, value);
    const y = v0 === RAW ? rawInplace(code, cur, rawValue[0]) : undefined;
    if (y !== undefined) return y;
    const v = v0 === RAW ? new PyFloat(rawValue[0]) : v0;
    const r = inline(cur, v);
    if (r !== undefined) return r;
    return isPromise(v) ? v.then((x) => apply(cur, x)) : apply(cur, v);
  };
  if (target.name === 'VariableName') {
    const load = loadName(comp, text(target), scope, target);
    const store = storeName(comp, text(target), scope);
    const b = binding(comp, text(target), scope);
    if (b.kind === 'slot' && !b.cell) {
      // A plain local: read and written in its slot, no load and store closures.
      const i = b.index;
      const set = (f: Frame, r: PyValue): Signal => {
        f.slots[i] = r;
        return undefined;
      };
      // Once the operand is evaluated (not a raw float): ints, floats and the rest.
      const finish = (f: Frame, cur: PyValue, v: MaybePromise<PyValue>): MaybePromise<Signal> => {
        const q = inline(cur, v);
        if (q !== undefined) {
          f.slots[i] = q;
          return undefined;
        }
        if (isPromise(v)) return v.then((x) => then(apply(cur, x), (r) => set(f, r)));
        const r = apply(cur, v);
        if (isPromise(r)) return r.then((x) => set(f, x));
        f.slots[i] = r;
        return undefined;
      };
      const general: Stmt = (f) => {
        const cur = f.slots[i] as PyValue | undefined;
        if (cur === undefined) return then(load(f), () => undefined); // raises UnboundLocalError
        let v = vraw !== undefined ? vraw(f) : operand(f, vs, value);
        if (v === RAW) {
          const y = rawInplace(code, cur, rawValue[0]);
          if (y !== undefined) {
            f.slots[i] = y;
            return undefined;
          }
          v = new PyFloat(rawValue[0]);
        }
        return finish(f, cur, v);
      };
      // `total += x`, `n -= 1`, `total += f(x)`: added to or taken from a local, floats and ints
      // here, in a closure of its own (its own type feedback), else as general does.
      if (vraw === undefined && code === 1) return localPlus(i, vs, value, general, finish);
      if (vraw === undefined && code === 2) return localMinus(i, vs, value, general, finish);
      if (vraw !== undefined && code !== 0) return localRawFloat(i, code, vraw, general, finish);
      return general;
    }
    const slow = (f: Frame, cur: MaybePromise<PyValue>): MaybePromise<Signal> =>
      then(cur, (c) => then(value(f), (v) => then(apply(c, v), (r) => then(store(f, r), () => undefined))));
    return (f) => {
      const cur = load(f);
      if (isPromise(cur)) return slow(f, cur);
      const v = operand(f, vs, value);
      if (isPromise(v)) return v.then((x) => then(apply(cur, x), (r) => then(store(f, r), () => undefined)));
      const r = apply(cur, v);
      if (isPromise(r)) return r.then((x) => then(store(f, x), () => undefined));
      const st = store(f, r);
      if (isPromise(st)) return st.then(() => undefined);
      return undefined;
    };
  }
  if (target.name === 'MemberExpression') {
    const mk = children(target);
    const obj = comp.expr(mk[0], scope);
    if (mk[1]?.name === '.') {
      const name = text(mk[2]);
      const slow = (f: Frame, o: PyValue, cur: MaybePromise<PyValue>): MaybePromise<Signal> =>
        then(cur, (c) =>
          then(value(f), (v) => then(apply(c, v), (r) => then(setAttr(o, name, r), () => undefined))),
        );
      const hooks = new TypeLookupCache('__setattr__');
      const typeAttr = new TypeLookupCache(name);
      const ownAttr = new AttrSlotCache(name);
      // An instance that keeps `name` in its own dict (no property, no native __setattr__), as the
      // compiled load and store of an attribute find it.
      const plain = (o: PyValue): o is PyInstance =>
        o instanceof PyInstance &&
        !(hooks.get(o.cls) instanceof NativeFunction) &&
        !(typeAttr.get(o.cls) instanceof PyProperty);
      const withObj = (f: Frame, o: PyValue): MaybePromise<Signal> => {
        if (plain(o)) {
          const own = ownAttr.load(o.dict);
          if (own !== undefined) {
            const r = combined(f, own);
            if (isPromise(r)) return r.then((x) => then(setAttr(o, name, x), () => undefined));
            if (plain(o)) {
              ownAttr.store(o.dict, r);
              return undefined;
            }
            return then(setAttr(o, name, r), () => undefined);
          }
        }
        const cur = getAttr(o, name);
        if (isPromise(cur)) return slow(f, o, cur);
        const v = operand(f, vs, value);
        if (isPromise(v))
          return v.then((x) => then(apply(cur, x), (r) => then(setAttr(o, name, r), () => undefined)));
        const r = apply(cur, v);
        if (isPromise(r)) return r.then((x) => then(setAttr(o, name, x), () => undefined));
        const st = setAttr(o, name, r);
        return isPromise(st) ? st.then(() => undefined) : undefined;
      };
      const os = localSlot(comp, mk[0], scope);
      return (f) => {
        const o = operand(f, os, obj);
        return isPromise(o) ? o.then((x) => withObj(f, x)) : withObj(f, o);
      };
    }
    const key = subscript(comp, mk, scope);
    const slow = (f: Frame, o: PyValue, k: PyValue, cur: MaybePromise<PyValue>): MaybePromise<Signal> =>
      then(cur, (c) =>
        then(value(f), (v) => then(apply(c, v), (r) => then(setItem(o, k, r), () => undefined))),
      );
    const withKey = (f: Frame, o: PyValue, k: PyValue): MaybePromise<Signal> => {
      if (o instanceof PyList && typeof k === 'number') {
        // xs[i] op= v on a list at an int index in range: the item is read before v is evaluated
        // (as getItem), and written in place unless v's evaluation changed the list's length.
        const items = o.items;
        const n = items.length;
        const i = k < 0 ? k + n : k;
        if (i >= 0 && i < n) {
          const r = combined(f, items[i]);
          if (isPromise(r)) return r.then((x) => then(setItem(o, k, x), () => undefined));
          if (o.items === items && items.length === n) {
            items[i] = r;
            return undefined;
          }
          return then(setItem(o, k, r), () => undefined);
        }
      }
      const cur = getItem(o, k);
      if (isPromise(cur)) return slow(f, o, k, cur);
      const v = operand(f, vs, value);
      if (isPromise(v))
        return v.then((x) => then(apply(cur, x), (r) => then(setItem(o, k, r), () => undefined)));
      const r = apply(cur, v);
      if (isPromise(r)) return r.then((x) => then(setItem(o, k, x), () => undefined));
      const st = setItem(o, k, r);
      return isPromise(st) ? st.then(() => undefined) : undefined;
    };
    const os = localSlot(comp, mk[0], scope);
    const ks = subscriptSlot(comp, mk, scope);
    return (f) => {
      const o = operand(f, os, obj);
      if (isPromise(o)) return o.then((x) => then(key(f), (k) => withKey(f, x, k)));
      const k = operand(f, ks, key);
      return isPromise(k) ? k.then((kv) => withKey(f, o, kv)) : withKey(f, o, k);
    };
  }
  throw comp.syntaxError(target, "'" + target.name + "' is an illegal expression for augmented assignment");
}

export function ifStmt(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Stmt {
  const branches: [Expr | null, Stmt][] = [];
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i].name;
    if (k === 'if' || k === 'elif') {
      branches.push([comp.expr(kids[i + 1], scope), comp.body(kids[i + 2], scope)]);
      i += 2;
    } else if (k === 'else') {
      branches.push([null, comp.body(kids[i + 1], scope)]);
      i += 1;
    }
  }
  // if/elif/else as a chain of one closure per condition, each calling the next on false: a
  // loop over arrays of conditions cost a JS engine twice as much once many programs had run.
  let orelse: Stmt | undefined;
  for (let i = branches.length - 1; i >= 0; i--) {
    const [cond, body] = branches[i];
    orelse = cond === null ? body : ifElse(cond, body, orelse);
  }
  return orelse ?? (() => undefined);
}

/** `if cond: body`, else `orelse` when given. */
function ifElse(cond: Expr, body: Stmt, orelse: Stmt | undefined): Stmt {
  const branch = (f: Frame, t: boolean): MaybePromise<Signal> =>
    t ? body(f) : orelse === undefined ? undefined : orelse(f);
  return (f) => {
    const c = cond(f);
    if (c === true) return body(f);
    if (c === false) return orelse === undefined ? undefined : orelse(f);
    if (isPromise(c)) return c.then((v) => then(truthy(v), (t) => branch(f, t)));
    const t = truthy(c);
    if (isPromise(t)) return t.then((tv) => branch(f, tv));
    return t ? body(f) : orelse === undefined ? undefined : orelse(f);
  };
}

// Loops run synchronously until something waits; then an async function awaits that step and
// runs the loop synchronously again until the next wait, so a long loop never builds a chain of
// pending Promises and its iterations always take the synchronous path. A for loop's iterations
// do not tick the run control themselves: every statement of the body does (Compiler.at).

const afterBody = (s: Signal): LoopStep => (s === BREAK ? undefined : s === RETURN ? s : 'next');

/** Finishes a loop whose steps returned `first` (a Promise: something waited). */
async function loopRest(
  f: Frame,
  first: Promise<LoopStep>,
  steps: (f: Frame) => MaybePromise<LoopStep>,
  orelse: Stmt | undefined,
): Promise<Signal> {
  let r = await first;
  while (r === 'next') {
    const s = steps(f);
    r = isPromise(s) ? await s : s;
  }
  if (r === 'stop') return orelse ? orelse(f) : undefined;
  return r;
}

export function whileStmt(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Stmt {
  const cond = comp.expr(kids[1], scope);
  const body = comp.loopBody(kids[2], scope);
  const orelse = kids[3]?.name === 'else' ? comp.body(kids[4], scope) : undefined;
  const withCond = (f: Frame, t: boolean): MaybePromise<LoopStep> => (t ? then(body(f), afterBody) : 'stop');
  // Iterations until the loop ends ('stop', break, return) or a step waits (a Promise of how it ended).
  const steps = (f: Frame): MaybePromise<LoopStep> => {
    const ctl = f.session.ctl;
    for (;;) {
      const tk = ctl.tick();
      if (tk !== undefined) return tk.then(() => 'next' as const);
      const c = cond(f);
      const t: MaybePromise<boolean> = typeof c === 'boolean' ? c : isPromise(c) ? c.then(truthy) : truthy(c);
      if (isPromise(t)) return t.then((tv) => withCond(f, tv));
      if (!t) return 'stop';
      const s = body(f);
      if (isPromise(s)) return s.then(afterBody);
      if (s === BREAK) return undefined;
      if (s === RETURN) return s;
    }
  };
  return (f) => {
    const r = steps(f);
    if (isPromise(r)) return loopRest(f, r, steps, orelse);
    if (r === 'stop') return orelse ? orelse(f) : undefined;
    return r as Signal;
  };
}

/**
 * A loop body as one closure with its statement's position and tick inline when it is a single
 * statement (the common `for x in xs: total += x`), so each iteration makes one JS call fewer.
 */
function oneStatement(body: Stmt): Stmt {
  const p = positionedParts(body);
  if (p === undefined) return body;
  const { line, col, inner } = p;
  return (f) => {
    f.line = line;
    f.col = col;
    const t = f.session.ctl.tick();
    if (t !== undefined)
      return t.then(() => {
        f.line = line;
        f.col = col;
        return inner(f);
      });
    return inner(f);
  };
}

export function forStmt(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Stmt {
  const inIdx = kids.findIndex((k) => k.name === 'in');
  const bodyIdx = kids.findIndex((k) => k.name === 'Body');
  const targetNodes = kids.slice(1, inIdx);
  const target = targetList(comp, targetNodes, scope);
  // `for x in …` with x a plain local: each item goes straight into x's slot.
  const only =
    targetNodes.length === 1 && targetNodes[0].name === 'VariableName' ? targetNodes[0] : undefined;
  const b = only ? binding(comp, text(only), scope) : undefined;
  const slot = b?.kind === 'slot' && !b.cell ? b.index : -1;
  // `for a, b in zip(xs, ys)` with a and b plain locals: the items go to the slots, no tuple.
  const pairSlots = localSlots(comp, targetNodes, scope);
  const iterable = comp.exprList(kids.slice(inIdx + 1, bodyIdx), scope);
  const zipped = pairSlots && zipOfNames(comp, kids.slice(inIdx + 1, bodyIdx), scope, pairSlots.length);
  const body = comp.loopBody(kids[bodyIdx], scope);
  const orelse = kids[bodyIdx + 1]?.name === 'else' ? comp.body(kids[bodyIdx + 2], scope) : undefined;

  const withItem = (f: Frame, v: IterResult): MaybePromise<LoopStep> => {
    if (v === STOP) return 'stop';
    const a = target(f, v);
    if (isPromise(a)) return a.then(() => then(body(f), afterBody));
    return then(body(f), afterBody);
  };
  const run1 = oneStatement(body);
  /** One item: bound to the target, then the body. */
  const item = (f: Frame, x: PyValue): MaybePromise<Signal> => {
    if (slot >= 0) {
      f.slots[slot] = x;
      return run1(f);
    }
    const a = target(f, x);
    if (isPromise(a)) return a.then(() => body(f));
    return run1(f);
  };
  const run = (f: Frame, steps: (f: Frame) => MaybePromise<LoopStep>): MaybePromise<Signal> => {
    const r = steps(f);
    if (isPromise(r)) return loopRest(f, r, steps, orelse);
    if (r === 'stop') return orelse ? orelse(f) : undefined;
    return r as Signal;
  };
  // `for x in range(…)` or a list, x a plain local, the body one statement: the item, the
  // statement's position and tick, then its code, all in the loop (no JS call per step for them).
  const one = slot >= 0 ? positionedParts(body) : undefined;
  const ticked = (f: Frame, t: Promise<void>): Promise<LoopStep> =>
    t
      .then(() => {
        f.line = one!.line;
        f.col = one!.col;
        return one!.inner(f);
      })
      .then(afterBody);
  const over = (f: Frame, seq: PyValue): MaybePromise<Signal> => {
    if (one !== undefined && (seq instanceof PyRange || seq instanceof PyList || seq instanceof PyTuple)) {
      const { line, col, inner } = one;
      let i = 0;
      if (seq instanceof PyRange) {
        const { start, step, length } = seq;
        return run(f, (f) => {
          const ctl = f.session.ctl;
          for (;;) {
            if (i >= length) return 'stop';
            f.slots[slot] = start + i++ * step;
            f.line = line;
            f.col = col;
            const t = ctl.tick();
            if (t !== undefined) return ticked(f, t);
            const s = inner(f);
            if (s === undefined || s === CONTINUE) continue;
            if (isPromise(s)) return s.then(afterBody);
            return s === BREAK ? undefined : s;
          }
        });
      }
      // A list read by index, as its iterator does: items appended meanwhile are seen too.
      return run(f, (f) => {
        const ctl = f.session.ctl;
        for (;;) {
          const items = seq.items;
          if (i >= items.length) return 'stop';
          f.slots[slot] = items[i++];
          f.line = line;
          f.col = col;
          const t = ctl.tick();
          if (t !== undefined) return ticked(f, t);
          const s = inner(f);
          if (s === undefined || s === CONTINUE) continue;
          if (isPromise(s)) return s.then(afterBody);
          return s === BREAK ? undefined : s;
        }
      });
    }
    if (seq instanceof PyRange) {
      // range: the counter is a plain number, no iterator object.
      let i = 0;
      const { start, step, length } = seq;
      return run(f, (f) => {
        for (;;) {
          if (i >= length) return 'stop';
          const s = item(f, start + i++ * step);
          if (isPromise(s)) return s.then(afterBody);
          if (s !== undefined && s !== CONTINUE) return s === BREAK ? undefined : s;
        }
      });
    }
    if (seq instanceof PyList || seq instanceof PyTuple) {
      // A list read by index, as its iterator does: items appended meanwhile are seen too.
      let i = 0;
      return run(f, (f) => {
        for (;;) {
          const items = seq.items;
          if (i >= items.length) return 'stop';
          const s = item(f, items[i++]);
          if (isPromise(s)) return s.then(afterBody);
          if (s !== undefined && s !== CONTINUE) return s === BREAK ? undefined : s;
        }
      });
    }
    if (
      pairSlots !== undefined &&
      seq instanceof ZipIterator &&
      seq.its.length === pairSlots.length &&
      !seq.strict &&
      seq.overSequences
    ) {
      const its = seq.its;
      const n = its.length;
      const vals = new Array<PyValue>(n);
      return run(f, (f) => {
        for (;;) {
          // As zip's own step: the iterators advance in order until one runs out.
          let stop = false;
          for (let k = 0; k < n; k++) {
            const x = its[k].next() as IterResult;
            if (x === STOP) {
              stop = true;
              break;
            }
            vals[k] = x;
          }
          if (stop) return 'stop';
          const slots = f.slots;
          for (let k = 0; k < n; k++) slots[pairSlots[k]] = vals[k];
          const s = run1(f);
          if (isPromise(s)) return s.then(afterBody);
          if (s !== undefined && s !== CONTINUE) return s === BREAK ? undefined : s;
        }
      });
    }
    return then(getIter(seq), (it) =>
      run(f, (f) => {
        for (;;) {
          const x = it.next();
          if (isPromise(x)) return x.then((v) => withItem(f, v));
          if (x === STOP) return 'stop';
          const s = item(f, x);
          if (isPromise(s)) return s.then(afterBody);
          if (s !== undefined && s !== CONTINUE) return s === BREAK ? undefined : s;
        }
      }),
    );
  };
  if (zipped === undefined || pairSlots === undefined) return (f) => then(iterable(f), (seq) => over(f, seq));
  // `for a, b in zip(xs, ys)` over lists or tuples, zip being the builtin: read by index, with no
  // iterators (the zip object is never seen by the program); anything else as zip(...) would.
  const n = pairSlots.length;
  const overLists = (f: Frame, seqs: (PyList | PyTuple)[]): MaybePromise<Signal> => {
    let i = 0;
    return run(f, (f) => {
      for (;;) {
        // Items appended meanwhile are seen, as by the lists' iterators; the first list that
        // ran out ends the loop.
        for (let k = 0; k < n; k++) if (i >= seqs[k].items.length) return 'stop';
        const slots = f.slots;
        for (let k = 0; k < n; k++) slots[pairSlots[k]] = seqs[k].items[i];
        i++;
        const s = run1(f);
        if (isPromise(s)) return s.then(afterBody);
        if (s !== undefined && s !== CONTINUE) return s === BREAK ? undefined : s;
      }
    });
  };
  const withArgs = (f: Frame, c: PyValue, vals: PyValue[]): MaybePromise<Signal> => {
    if (c === f.session.builtins.get('zip')) {
      let lists = true;
      for (let k = 0; k < n; k++)
        if (!(vals[k] instanceof PyList || vals[k] instanceof PyTuple)) lists = false;
      if (lists) return overLists(f, vals as (PyList | PyTuple)[]);
    }
    return then(call(c, vals, null), (seq) => over(f, seq));
  };
  const { callee, args } = zipped;
  // Something waited: the arguments after it in order, then the loop.
  const finish = async (f: Frame, c: PyValue, vals: PyValue[], k: number, v: Promise<PyValue>) => {
    vals[k] = await v;
    for (let j = k + 1; j < n; j++) vals[j] = await args[j](f);
    return withArgs(f, c, vals);
  };
  return (f) => {
    const c = callee(f);
    if (isPromise(c))
      return c.then((cv) =>
        then(
          mapMP(args, (e) => e(f)),
          (vals) => withArgs(f, cv, vals),
        ),
      );
    const vals = new Array<PyValue>(n);
    for (let k = 0; k < n; k++) {
      const v = args[k](f);
      if (isPromise(v)) return finish(f, c, vals, k, v);
      vals[k] = v;
    }
    return withArgs(f, c, vals);
  };
}

/**
 * `zip(a, b.c, …)` with `count` arguments that are names or attributes of names (compiled again
 * here, with nothing to run twice): its callee and arguments; undefined for any other iterable.
 */
function zipOfNames(
  comp: CompileContext,
  nodes: SyntaxNode[],
  scope: Scope,
  count: number,
): { callee: Expr; args: Expr[] } | undefined {
  if (nodes.length !== 1 || nodes[0].name !== 'CallExpression') return undefined;
  const [callee, argList] = children(nodes[0]);
  if (callee?.name !== 'VariableName' || text(callee) !== 'zip' || argList?.name !== 'ArgList')
    return undefined;
  const args = children(argList).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',');
  const simple = (k: SyntaxNode): boolean => {
    if (k.name === 'VariableName') return true;
    const m = children(k);
    return k.name === 'MemberExpression' && m.length === 3 && m[1].name === '.' && simple(m[0]);
  };
  if (args.length !== count || !args.every(simple)) return undefined;
  return { callee: comp.expr(callee, scope), args: args.map((a) => comp.expr(a, scope)) };
}

export function importStmt(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Stmt {
  const actions: ((f: Frame) => MaybePromise<void>)[] = [];
  const last = kids[kids.length - 1];
  if (last?.name === ',')
    throw comp.syntaxError(last, 'trailing comma not allowed without surrounding parentheses');
  if (kids[0].name === 'from') {
    const importIdx = kids.findIndex((k) => k.name === 'import');
    const modName = kids
      .slice(1, importIdx)
      .map((k) => text(k))
      .join('');
    if (modName.startsWith('.'))
      throw comp.syntaxError(kids[1], 'attempted relative import with no known parent package');
    const rest = kids.slice(importIdx + 1).filter((k) => k.name !== '(' && k.name !== ')');
    if (rest[0]?.name === '*') {
      actions.push((f) =>
        then(f.session.importModule(modName), async (m) => {
          for (const [k, v] of [...m.dict]) {
            if (k.startsWith('_')) continue;
            setName(f, k, v instanceof PyLazyAttribute ? await v.resolve(m, k) : v);
          }
        }),
      );
    } else {
      for (let i = 0; i < rest.length; i++) {
        if (rest[i].name === ',') continue;
        const name = text(rest[i]);
        let alias = name;
        if (rest[i + 1]?.name === 'as') {
          alias = text(rest[i + 2]);
          i += 2;
        }
        const store = storeName(comp, alias, scope);
        actions.push((f) =>
          then(f.session.importModule(modName), (m) => {
            const v = lookupAttr(m, name);
            if (v !== undefined) return then(v, (x) => store(f, x));
            return f.session.importModule(modName + '.' + name).then(
              (sub) => store(f, sub),
              () => {
                const e = pyError(
                  'ImportError',
                  `cannot import name '${name}' from '${modName}' (unknown location)`,
                );
                throw e;
              },
            );
          }),
        );
      }
    }
  } else {
    let i = 1;
    while (i < kids.length) {
      const parts: string[] = [];
      while (i < kids.length && kids[i].name !== ',' && kids[i].name !== 'as') {
        if (kids[i].name === 'VariableName') parts.push(text(kids[i]));
        i++;
      }
      let alias: string | undefined;
      if (kids[i]?.name === 'as') {
        alias = text(kids[i + 1]);
        i += 2;
      }
      i++;
      const full = parts.join('.');
      const store = storeName(comp, alias ?? parts[0], scope);
      actions.push(async (f) => {
        let top: PyModule | undefined;
        let m: PyModule | undefined;
        for (let k = 1; k <= parts.length; k++) {
          m = await f.session.importModule(parts.slice(0, k).join('.'));
          top ??= m;
        }
        await store(f, alias ? m! : top!);
      });
      void full;
    }
  }
  return (f) => {
    return eachInOrder(actions.length, (i) => actions[i](f));
  };
}
