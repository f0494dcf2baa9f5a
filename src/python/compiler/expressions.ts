// Expressions: the dispatch over expression kinds, displays, subscripts, f-strings, boolean
// operators, binary operators and comparison chains.
import type { SyntaxNode } from '@lezer/common';
import {
  Ellipsis,
  None,
  NotImplemented,
  PyDict,
  pyError,
  PyFloat,
  PyInstance,
  PyObject,
  PyList,
  PyProperty,
  PySet,
  PyTuple,
  PyValue,
  typeName,
  PyIterator,
} from '../objects.js';
import {
  binaryOp,
  binaryOpFor,
  forwardDunder,
  compare,
  compareFor,
  contains,
  format,
  getAttr,
  getItem,
  iterate,
  reflected,
  repr,
  str,
  toArrayMP,
  truthy,
  unaryOp,
} from '../runtime.js';
import { isPromise, mapMP, MaybePromise, then } from '../maybe-promise.js';
import { children, Scope, text } from '../scope.js';
import type { CompileContext } from './context.js';
import { Expr, Frame, PyFunction } from './frame.js';
import { parseNumber, stringValue, unescape } from './literals.js';
import { makeFunction } from './functions.js';
import { loadName, localSlot, operand, storeName, subscriptSlot } from './names.js';
import { arithmetic } from './raw-floats.js';
import { subscript } from './subscripts.js';
import { callExpr } from './calls.js';
import { comprehension } from './comprehensions.js';
import { AttrSlotCache, TypeLookupCache } from './site-cache.js';

const compareOps = new Set(['<', '>', '==', '!=', '<=', '>=', 'in', 'not in', 'is', 'is not', '<>']);

function iterateAsync(it: PyValue, body: (x: PyValue) => MaybePromise<unknown>): MaybePromise<void> {
  return iterate(it, (x) => then(body(x), () => undefined));
}

export function expression(comp: CompileContext, node: SyntaxNode, scope: Scope): Expr {
  const kids = children(node);
  switch (node.name) {
    case 'VariableName':
      return loadName(comp, text(node), scope, node);
    case 'Number': {
      let v: PyValue;
      try {
        v = parseNumber(text(node));
      } catch (e) {
        const err = e;
        return () => {
          throw err;
        };
      }
      return () => v;
    }
    case 'String': {
      const v = stringValue(node);
      return () => v;
    }
    case 'FormatString':
      return fstring(comp, node, scope);
    case 'ContinuedString': {
      const parts = kids.map((k) => comp.expr(k, scope));
      return (f) =>
        then(
          mapMP(parts, (p) => p(f)),
          (xs) => xs.join(''),
        );
    }
    case 'Boolean':
      return text(node) === 'True' ? () => true : () => false;
    case 'None':
      return () => None;
    case 'Ellipsis':
      return () => Ellipsis;
    case 'ParenthesizedExpression': {
      const inner = kids.filter((k) => k.name !== '(' && k.name !== ')');
      if (inner.length === 1) return comp.expr(inner[0], scope);
      if (inner.some((k) => k.name === 'for')) return comprehension(comp, node, scope);
      return comp.exprList(inner, scope);
    }
    case 'TupleExpression': {
      const items = starredItems(
        comp,
        kids.filter((k) => k.name !== '(' && k.name !== ')'),
        scope,
      );
      return (f) => {
        const xs = items(f);
        return isPromise(xs) ? xs.then((x) => new PyTuple(x)) : new PyTuple(xs);
      };
    }
    case 'ArrayExpression': {
      const items = starredItems(
        comp,
        kids.filter((k) => k.name !== '[' && k.name !== ']'),
        scope,
      );
      return (f) => {
        const xs = items(f);
        return isPromise(xs) ? xs.then((x) => new PyList(x)) : new PyList(xs);
      };
    }
    case 'SetExpression': {
      const items = starredItems(
        comp,
        kids.filter((k) => k.name !== '{' && k.name !== '}'),
        scope,
      );
      return (f) => then(items(f), (xs) => new PySet(xs));
    }
    case 'DictionaryExpression':
      return dictDisplay(comp, kids, scope);
    case 'ArrayComprehensionExpression':
    case 'SetComprehensionExpression':
    case 'DictionaryComprehensionExpression':
    case 'ComprehensionExpression':
      return comprehension(comp, node, scope);
    case 'UnaryExpression': {
      const op = text(kids[0]);
      if (op === 'not') return boolExpr(comp, node, scope);
      const operand = comp.expr(kids[1], scope);
      if (op === '-' && kids[1].name === 'Number') {
        const v = parseNumber(text(kids[1]));
        const neg = unaryOp('-', v) as PyValue;
        return () => neg;
      }
      return (f) => {
        const v = operand(f);
        if (isPromise(v)) return v.then((x) => unaryOp(op, x));
        return unaryOp(op, v);
      };
    }
    case 'BinaryExpression':
      return binary(comp, node, kids, scope);
    case 'ConditionalExpression': {
      const a = comp.expr(kids[0], scope);
      const c = comp.expr(kids[2], scope);
      const b = comp.expr(kids[4], scope);
      const pick = (f: Frame, t: boolean) => (t ? a(f) : b(f));
      return (f) => {
        const cv = c(f);
        if (typeof cv === 'boolean') return cv ? a(f) : b(f);
        if (isPromise(cv)) return cv.then((x) => then(truthy(x), (t) => pick(f, t)));
        const t = truthy(cv);
        if (isPromise(t)) return t.then((tv) => pick(f, tv));
        return t ? a(f) : b(f);
      };
    }
    case 'CallExpression':
      return callExpr(comp, kids, scope);
    case 'MemberExpression': {
      if (
        kids[0].name === 'Number' &&
        kids[1]?.name === '.' &&
        kids[1].from === kids[0].to &&
        (!kids[2] || (kids[2].name === '⚠' && kids[2].from === kids[2].to))
      ) {
        // `1.`: the parser's reading is a member access with a missing name.
        const v = new PyFloat(Number(text(kids[0]).replace(/_/g, '')));
        return () => v;
      }
      const obj = comp.expr(kids[0], scope);
      if (kids[1]?.name === '.') {
        const name = text(kids[2]);
        if (name === '__class__') {
          return (f) => {
            const o = obj(f);
            if (isPromise(o)) return o.then((x) => getAttr(x, name));
            return getAttr(o, name);
          };
        }
        const typeAttr = new TypeLookupCache(name);
        const ownAttr = new AttrSlotCache(name);
        const os = localSlot(comp, kids[0], scope);
        if (os >= 0) return attrOfLocal(os, obj, name, typeAttr, ownAttr);
        return (f) => {
          const o = operand(f, os, obj);
          // An instance's own attribute, unless its class has a property of that name (as getAttr).
          // (An instance is no Promise: tested first, as it is the common case.)
          if (o instanceof PyInstance) {
            if (!(typeAttr.get(o.cls) instanceof PyProperty)) {
              const own = ownAttr.load(o.dict);
              if (own !== undefined) return own;
            }
            return getAttr(o, name);
          }
          if (isPromise(o)) return o.then((x) => getAttr(x, name));
          return getAttr(o, name);
        };
      }
      const key = subscript(comp, kids, scope);
      const os = localSlot(comp, kids[0], scope);
      const ks = subscriptSlot(comp, kids, scope);
      if (os >= 0) return itemOfLocal(os, obj, ks, key);
      return (f) => {
        const o = operand(f, os, obj);
        if (o instanceof PyList) {
          // A list at a small int index in range: the item, as getItem would find it.
          const k = operand(f, ks, key);
          if (typeof k === 'number') {
            const items = o.items;
            const i = k < 0 ? k + items.length : k;
            if (i >= 0 && i < items.length) return items[i];
          }
          if (isPromise(k)) return k.then((kv) => getItem(o, kv));
          return getItem(o, k);
        }
        if (isPromise(o)) return o.then((x) => then(key(f), (k) => getItem(x, k)));
        const k = operand(f, ks, key);
        if (isPromise(k)) return k.then((kv) => getItem(o, kv));
        if (o instanceof PyDict && (typeof k === 'string' || typeof k === 'number')) {
          // A str or int key is its own hash key: the entry, as PyDict.get finds it.
          const e = o.map.get(k);
          if (e !== undefined) return e[1];
        }
        return getItem(o, k);
      };
    }
    case 'LambdaExpression': {
      const colon = kids.findIndex((k) => k.name === ':');
      return makeFunction(comp, node, scope, '<lambda>', kids[colon + 1], true);
    }
    case 'YieldExpression':
      return yieldExpr(comp, kids, scope);
    case 'NamedExpression': {
      const name = text(kids[0]);
      let s = scope;
      while (s.kind === 'comp' || s.kind === 'genexp') s = s.parent!;
      const store = storeName(comp, name, s === scope ? scope : s);
      const value = comp.expr(kids[2], scope);
      return (f) => then(value(f), (v) => then(store(f, v), () => v));
    }
    case 'AwaitExpression':
      throw comp.syntaxError(node, "'await' outside async function");
    case '⚠':
      throw comp.syntaxError(node, 'invalid syntax');
    default:
      throw comp.syntaxError(node, 'invalid syntax');
  }
}

/** Items of a display with `*x` unpacking. */
export function starredItems(
  comp: CompileContext,
  nodes: SyntaxNode[],
  scope: Scope,
): (f: Frame) => MaybePromise<PyValue[]> {
  const parts: { e: Expr; star: boolean }[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const k = nodes[i];
    if (k.name === ',') continue;
    if (k.name === '*') {
      parts.push({ e: comp.expr(nodes[i + 1], scope), star: true });
      i++;
      continue;
    }
    parts.push({ e: comp.expr(k, scope), star: false });
  }
  if (!parts.some((p) => p.star)) {
    const es = parts.map((p) => p.e);
    const n = es.length;
    const finish = async (f: Frame, out: PyValue[], i: number, v: Promise<PyValue>) => {
      out[i] = await v;
      for (let j = i + 1; j < n; j++) out[j] = await es[j](f);
      return out;
    };
    return (f) => {
      const out = new Array<PyValue>(n);
      for (let i = 0; i < n; i++) {
        const v = es[i](f);
        if (isPromise(v)) return finish(f, out, i, v);
        out[i] = v;
      }
      return out;
    };
  }
  return async (f) => {
    const out: PyValue[] = [];
    for (const p of parts) {
      const v = await p.e(f);
      if (p.star) for (const x of await toArrayMP(v)) out.push(x);
      else out.push(v);
    }
    return out;
  };
}

export function yieldExpr(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Expr {
  if (comp.fnDepth === 0) throw comp.syntaxError(kids[0], "'yield' outside function");
  const rest = kids.slice(1).filter((k) => k.name !== '⚠');
  if (rest[0]?.name === 'from') {
    const src = comp.expr(rest[1], scope);
    return (f) =>
      then(src(f), (it) =>
        then(
          iterateAsync(it, (x) => f.gen!.yieldValue(x)),
          // The value of `yield from g` is g's return value.
          () => (it instanceof PyIterator ? it.returnValue : None),
        ),
      );
  }
  const value = rest.length ? comp.exprList(rest, scope) : () => None;
  return (f) => then(value(f), (v) => f.gen!.yieldValue(v));
}

export function dictDisplay(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Expr {
  const entries: ({ k: Expr; v: Expr } | { spread: Expr })[] = [];
  const inner = kids.filter((k) => k.name !== '{' && k.name !== '}');
  for (let i = 0; i < inner.length; i++) {
    const k = inner[i];
    if (k.name === ',') continue;
    if (k.name === '**') {
      entries.push({ spread: comp.expr(inner[i + 1], scope) });
      i++;
      continue;
    }
    entries.push({ k: comp.expr(k, scope), v: comp.expr(inner[i + 2], scope) });
    i += 2;
  }
  return (f) => {
    const d = new PyDict();
    const step = (i: number): MaybePromise<PyValue> => {
      for (; i < entries.length; i++) {
        const e = entries[i];
        const next = i + 1;
        if ('spread' in e) {
          return then(e.spread(f), (m) => {
            if (!(m instanceof PyDict))
              throw pyError('TypeError', `'${typeName(m)}' object is not a mapping`);
            for (const [k, v] of m.entries()) d.set(k, v);
            return step(next);
          });
        }
        const k = e.k(f);
        if (isPromise(k)) {
          return k.then((kv) =>
            then(e.v(f), (vv) => {
              d.set(kv, vv);
              return step(next);
            }),
          );
        }
        // The value is evaluated once: an async value is awaited, never evaluated again.
        const v = e.v(f);
        if (isPromise(v)) {
          return v.then((vv) => {
            d.set(k, vv);
            return step(next);
          });
        }
        d.set(k, v);
      }
      return d;
    };
    return step(0);
  };
}

export function fstring(comp: CompileContext, node: SyntaxNode, scope: Scope): Expr {
  const src = text(node);
  const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(src)!;
  const raw = m[1].toLowerCase().includes('r');
  const bodyStart = node.from + m[0].length;
  const bodyEnd = node.to - m[2].length;
  const parts: (string | Expr)[] = [];
  let pos = bodyStart;
  const literal = (from: number, to: number) => {
    if (to > from)
      parts.push(unescape(comp.src.slice(from, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}'), raw));
  };
  for (const k of children(node)) {
    if (k.name !== 'FormatReplacement') continue;
    literal(pos, k.from);
    parts.push(replacement(comp, k, scope, raw));
    pos = k.to;
  }
  literal(pos, bodyEnd);
  return (f) =>
    then(
      mapMP(parts, (p) => (typeof p === 'string' ? p : p(f))),
      (xs) => xs.join(''),
    );
}

export function replacement(comp: CompileContext, node: SyntaxNode, scope: Scope, raw: boolean): Expr {
  const kids = children(node).filter((k) => k.name !== '{' && k.name !== '}');
  let conv = '';
  let spec: Expr | undefined;
  let selfDoc = '';
  const exprNodes: SyntaxNode[] = [];
  for (const k of kids) {
    if (k.name === 'FormatConversion') conv = text(k).slice(1);
    else if (k.name === 'FormatSpec') spec = formatSpec(comp, k, scope, raw);
    else if (k.name === 'FormatSelfDoc') {
      const next = k.nextSibling;
      selfDoc = comp.src.slice(node.from + 1, next && next.name !== '}' ? next.from : node.to - 1);
    } else exprNodes.push(k);
  }
  const value = comp.exprList(exprNodes, scope);
  if (selfDoc && !conv && !spec) conv = 'r';
  return (f) =>
    then(value(f), (v) =>
      then(spec ? spec(f) : '', (spv) => {
        const sp = spv as string;
        const conversion =
          conv === 'r' ? repr(v) : conv === 's' ? str(v) : conv === 'a' ? repr(v) : undefined;
        const formatted = conversion !== undefined ? then(conversion, (s) => format(s, sp)) : format(v, sp);
        return then(formatted, (s) => selfDoc + s);
      }),
    );
}

export function formatSpec(comp: CompileContext, node: SyntaxNode, scope: Scope, raw: boolean): Expr {
  const parts: (string | Expr)[] = [];
  let pos = node.from + 1;
  for (const k of children(node)) {
    if (k.name !== 'FormatReplacement') continue;
    if (k.from > pos) parts.push(unescape(comp.src.slice(pos, k.from), raw));
    parts.push(replacement(comp, k, scope, raw));
    pos = k.to;
  }
  if (node.to > pos) parts.push(unescape(comp.src.slice(pos, node.to), raw));
  return (f) =>
    then(
      mapMP(parts, (p) => (typeof p === 'string' ? p : p(f))),
      (xs) => xs.join(''),
    );
}

/** and / or / not, re-associated with Python's precedence (or < and < not). */
export function boolExpr(comp: CompileContext, node: SyntaxNode, scope: Scope): Expr {
  const tokens: (string | SyntaxNode)[] = [];
  const flatten = (n: SyntaxNode) => {
    const k = children(n);
    if (n.name === 'BinaryExpression' && (k[1]?.name === 'and' || k[1]?.name === 'or')) {
      flatten(k[0]);
      tokens.push(k[1].name);
      flatten(k[2]);
    } else if (n.name === 'UnaryExpression' && k[0]?.name === 'not') {
      tokens.push('not');
      flatten(k[1]);
    } else tokens.push(n);
  };
  flatten(node);
  let i = 0;
  const parseOr = (): Expr => {
    let left = parseAnd();
    while (tokens[i] === 'or') {
      i++;
      const l = left;
      const r = parseAnd();
      left = (f) => {
        const a = l(f);
        if (isPromise(a)) return a.then((x) => then(truthy(x), (t) => (t ? x : r(f))));
        const t = typeof a === 'boolean' ? a : truthy(a);
        if (isPromise(t)) return t.then((tv) => (tv ? a : r(f)));
        return t ? a : r(f);
      };
    }
    return left;
  };
  const parseAnd = (): Expr => {
    let left = parseNot();
    while (tokens[i] === 'and') {
      i++;
      const l = left;
      const r = parseNot();
      left = (f) => {
        const a = l(f);
        if (isPromise(a)) return a.then((x) => then(truthy(x), (t) => (t ? r(f) : x)));
        const t = typeof a === 'boolean' ? a : truthy(a);
        if (isPromise(t)) return t.then((tv) => (tv ? r(f) : a));
        return t ? r(f) : a;
      };
    }
    return left;
  };
  const parseNot = (): Expr => {
    if (tokens[i] === 'not') {
      i++;
      const e = parseNot();
      return (f) => {
        const v = e(f);
        if (isPromise(v)) return v.then((x) => then(truthy(x), (t) => !t));
        const t = typeof v === 'boolean' ? v : truthy(v);
        if (isPromise(t)) return t.then((tv) => !tv);
        return !t;
      };
    }
    const t = tokens[i++];
    if (typeof t === 'string') throw comp.syntaxError(node, 'invalid syntax');
    return comp.expr(t, scope);
  };
  return parseOr();
}

/**
 * a OP b for an instance of a class defined in Python: its method (found through the site's
 * cache) runs in a frame filled in place; NotImplemented or anything unusual goes the general way.
 */
function instanceOp(op: string, dunders: TypeLookupCache, a: PyInstance, b: PyValue): MaybePromise<PyValue> {
  if (dunders.name === '') return binaryOp(op, a, b);
  const fwd = dunders.get(a.cls);
  const nf = fwd instanceof PyFunction ? fwd.frameFor(2) : undefined;
  if (nf === undefined || !(fwd instanceof PyFunction)) return binaryOp(op, a, b);
  nf.slots[0] = a;
  nf.slots[1] = b;
  const r = fwd.runFrame(nf, 2);
  if (isPromise(r)) return r.then((x) => (x === NotImplemented ? reflected(op, a, b, fwd) : x));
  return r === NotImplemented ? reflected(op, a, b, fwd) : r;
}

export function binary(comp: CompileContext, node: SyntaxNode, kids: SyntaxNode[], scope: Scope): Expr {
  const opNode = kids[1];
  const opName = opNode.name;
  if (opName === 'and' || opName === 'or') return boolExpr(comp, node, scope);
  let op: string;
  let rightIdx = 2;
  if (opName === 'not' && kids[2]?.name === 'in') {
    op = 'not in';
    rightIdx = 3;
  } else if (opName === 'is' && kids[2]?.name === 'not') {
    op = 'is not';
    rightIdx = 3;
  } else op = text(opNode);
  if (compareOps.has(op)) return comparison(comp, node, scope);
  if (!kids[rightIdx] || kids[rightIdx].name === '⚠')
    throw comp.syntaxError(kids[rightIdx] ?? node, 'invalid syntax');
  const left = comp.expr(kids[0], scope);
  const right = comp.expr(kids[rightIdx], scope);
  const ls = localSlot(comp, kids[0], scope);
  const rs = localSlot(comp, kids[rightIdx], scope);
  const fn = binaryOpFor(op);
  const dunders = new TypeLookupCache(forwardDunder(op) ?? '');
  // One closure per operator, so each keeps its own type feedback in the JS engine; ints that
  // stay exact and floats are computed inline (before any Promise test: a number or a float is
  // none), everything else goes through fn.
  const rest = (a: PyValue, b: MaybePromise<PyValue>): MaybePromise<PyValue> => {
    // An instance's operator first (p + q on objects): our objects are no Promise.
    if (a instanceof PyInstance && (b instanceof PyObject || !isPromise(b)))
      return instanceOp(op, dunders, a, b);
    if (isPromise(b)) return b.then((y) => fn(a, y));
    return fn(a, b);
  };
  const waited = (f: Frame, a: Promise<PyValue>) => a.then((x) => then(right(f), (y) => fn(x, y)));
  switch (op) {
    case '+':
      return arithmetic(op, left, right, ls, rs, fn, rest, (f) => {
        const a = operand(f, ls, left);
        if (typeof a === 'number') {
          const b = operand(f, rs, right);
          if (typeof b === 'number') {
            const r = a + b;
            if (Number.isSafeInteger(r)) return r;
          } else if (b instanceof PyFloat) return new PyFloat(a + b.v);
          return rest(a, b);
        }
        if (a instanceof PyFloat) {
          const b = operand(f, rs, right);
          if (b instanceof PyFloat) return new PyFloat(a.v + b.v);
          if (typeof b === 'number') return new PyFloat(a.v + b);
          return rest(a, b);
        }
        if (!(a instanceof PyObject) && isPromise(a)) return waited(f, a);
        return rest(a, operand(f, rs, right));
      });
    case '-':
      return arithmetic(op, left, right, ls, rs, fn, rest, (f) => {
        const a = operand(f, ls, left);
        if (typeof a === 'number') {
          const b = operand(f, rs, right);
          if (typeof b === 'number') {
            const r = a - b;
            if (Number.isSafeInteger(r)) return r;
          } else if (b instanceof PyFloat) return new PyFloat(a - b.v);
          return rest(a, b);
        }
        if (a instanceof PyFloat) {
          const b = operand(f, rs, right);
          if (b instanceof PyFloat) return new PyFloat(a.v - b.v);
          if (typeof b === 'number') return new PyFloat(a.v - b);
          return rest(a, b);
        }
        if (!(a instanceof PyObject) && isPromise(a)) return waited(f, a);
        return rest(a, operand(f, rs, right));
      });
    case '*':
      return arithmetic(op, left, right, ls, rs, fn, rest, (f) => {
        const a = operand(f, ls, left);
        if (typeof a === 'number') {
          const b = operand(f, rs, right);
          if (typeof b === 'number') {
            const r = a * b;
            if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
          } else if (b instanceof PyFloat) return new PyFloat(a * b.v);
          return rest(a, b);
        }
        if (a instanceof PyFloat) {
          const b = operand(f, rs, right);
          if (b instanceof PyFloat) return new PyFloat(a.v * b.v);
          if (typeof b === 'number') return new PyFloat(a.v * b);
          return rest(a, b);
        }
        if (!(a instanceof PyObject) && isPromise(a)) return waited(f, a);
        return rest(a, operand(f, rs, right));
      });
    case '%':
      return (f) => {
        const a = operand(f, ls, left);
        if (isPromise(a)) return a.then((x) => then(right(f), (y) => fn(x, y)));
        const b = operand(f, rs, right);
        if (typeof a === 'number' && typeof b === 'number' && b > 0) {
          // Python's modulo takes the divisor's sign. Int32 operands get a % of their own, which
          // the JS engine computes as an integer division (a % of any numbers calls fmod).
          if ((a | 0) === a && (b | 0) === b) {
            const r = (a | 0) % (b | 0);
            return r < 0 ? r + b : r === 0 ? 0 : r;
          }
          const r = a % b;
          return r < 0 ? r + b : r === 0 ? 0 : r;
        }
        if (isPromise(b)) return b.then((y) => fn(a, y));
        return fn(a, b);
      };
    case '/':
      return arithmetic(op, left, right, ls, rs, fn, rest, (f) => {
        const a = operand(f, ls, left);
        if (typeof a === 'number') {
          const b = operand(f, rs, right);
          if (typeof b === 'number') {
            if (b !== 0) return new PyFloat(a / b);
          } else if (b instanceof PyFloat && b.v !== 0) return new PyFloat(a / b.v);
          return rest(a, b);
        }
        if (a instanceof PyFloat) {
          const b = operand(f, rs, right);
          if (b instanceof PyFloat) {
            if (b.v !== 0) return new PyFloat(a.v / b.v);
          } else if (typeof b === 'number' && b !== 0) return new PyFloat(a.v / b);
          return rest(a, b);
        }
        if (!(a instanceof PyObject) && isPromise(a)) return waited(f, a);
        return rest(a, operand(f, rs, right));
      });
    default:
      return (f) => {
        const a = operand(f, ls, left);
        if (isPromise(a)) return a.then((x) => then(right(f), (y) => fn(x, y)));
        const b = operand(f, rs, right);
        if (isPromise(b)) return b.then((y) => fn(a, y));
        if (a instanceof PyInstance) return instanceOp(op, dunders, a, b);
        return fn(a, b);
      };
  }
}

export function comparison(comp: CompileContext, node: SyntaxNode, scope: Scope): Expr {
  // Flatten `a < b <= c` (left-nested in the tree) into operands and operators.
  const operands: SyntaxNode[] = [];
  const ops: string[] = [];
  const flatten = (n: SyntaxNode) => {
    const k = children(n);
    if (n.name === 'BinaryExpression') {
      let op: string | undefined;
      let r = 2;
      if (k[1].name === 'not' && k[2]?.name === 'in') {
        op = 'not in';
        r = 3;
      } else if (k[1].name === 'is' && k[2]?.name === 'not') {
        op = 'is not';
        r = 3;
      } else if (k[1].name === 'CompareOp' || k[1].name === 'in' || k[1].name === 'is') op = text(k[1]);
      if (op && compareOps.has(op)) {
        flatten(k[0]);
        ops.push(op);
        if (!k[r] || k[r].name === '⚠') throw comp.syntaxError(n, 'invalid syntax');
        operands.push(k[r]);
        return;
      }
    }
    operands.push(n);
  };
  flatten(node);
  const es = operands.map((o) => comp.expr(o, scope));
  const ls = localSlot(comp, operands[0], scope);
  const rs = operands.length === 2 ? localSlot(comp, operands[1], scope) : -1;
  const one = (op: string, a: PyValue, b: PyValue): MaybePromise<PyValue> => {
    switch (op) {
      case 'is':
        return a === b;
      case 'is not':
        return a !== b;
      case 'in':
        return contains(b, a);
      case 'not in':
        return then(contains(b, a), (r) => !r);
      default:
        return compare(op, a, b);
    }
  };
  if (ops.length === 1) {
    const [l, r] = es;
    const op = ops[0];
    const fn =
      compareOps.has(op) && !['in', 'not in', 'is', 'is not'].includes(op)
        ? compareFor(op)
        : (a: PyValue, b: PyValue) => one(op, a, b);
    // One closure per operator (own type feedback), ints compared inline.
    switch (op) {
      case '<':
        return (f) => {
          const a = operand(f, ls, l);
          if (isPromise(a)) return a.then((x) => then(r(f), (y) => fn(x, y)));
          const b = operand(f, rs, r);
          if (typeof a === 'number' && typeof b === 'number') return a < b;
          if (isPromise(b)) return b.then((y) => fn(a, y));
          return fn(a, b);
        };
      case '<=':
        return (f) => {
          const a = operand(f, ls, l);
          if (isPromise(a)) return a.then((x) => then(r(f), (y) => fn(x, y)));
          const b = operand(f, rs, r);
          if (typeof a === 'number' && typeof b === 'number') return a <= b;
          if (isPromise(b)) return b.then((y) => fn(a, y));
          return fn(a, b);
        };
      case '>':
        return (f) => {
          const a = operand(f, ls, l);
          if (isPromise(a)) return a.then((x) => then(r(f), (y) => fn(x, y)));
          const b = operand(f, rs, r);
          if (typeof a === 'number' && typeof b === 'number') return a > b;
          if (isPromise(b)) return b.then((y) => fn(a, y));
          return fn(a, b);
        };
      case '==':
        return (f) => {
          const a = operand(f, ls, l);
          if (isPromise(a)) return a.then((x) => then(r(f), (y) => fn(x, y)));
          const b = operand(f, rs, r);
          if (typeof a === 'number' && typeof b === 'number') return a === b;
          if (isPromise(b)) return b.then((y) => fn(a, y));
          return fn(a, b);
        };
    }
    return (f) => {
      const a = operand(f, ls, l);
      if (isPromise(a)) return a.then((x) => then(r(f), (y) => fn(x, y)));
      const b = operand(f, rs, r);
      if (isPromise(b)) return b.then((y) => fn(a, y));
      return fn(a, b);
    };
  }
  return (f) => {
    const step = (i: number, left: PyValue): MaybePromise<PyValue> =>
      then(es[i + 1](f), (right) =>
        then(one(ops[i], left, right), (res) => {
          if (i === ops.length - 1) return res;
          return then(truthy(res), (t) => (t ? step(i + 1, right) : res));
        }),
      );
    return then(es[0](f), (a) => step(0, a));
  };
}

/**
 * `self.x`, `p.x`: an attribute of a local, as the general attribute load does, in a closure of its
 * own, whose type feedback is that of instances (those of modules, tensors and lists go elsewhere).
 */
function attrOfLocal(
  os: number,
  obj: Expr,
  name: string,
  typeAttr: TypeLookupCache,
  ownAttr: AttrSlotCache,
): Expr {
  return (f) => {
    const o = operand(f, os, obj);
    if (o instanceof PyInstance) {
      if (!(typeAttr.get(o.cls) instanceof PyProperty)) {
        const own = ownAttr.load(o.dict);
        if (own !== undefined) return own;
      }
      return getAttr(o, name);
    }
    if (isPromise(o)) return o.then((x) => getAttr(x, name));
    return getAttr(o, name);
  };
}

/**
 * `xs[i]`, `counts[k]`: an item of a local, as the general item load does, in a closure of its
 * own, whose type feedback is that of the lists and dicts programs index (not of tensors and
 * arrays read elsewhere).
 */
function itemOfLocal(os: number, obj: Expr, ks: number, key: Expr): Expr {
  return (f) => {
    const o = operand(f, os, obj);
    if (o instanceof PyList) {
      const k = operand(f, ks, key);
      if (typeof k === 'number') {
        const items = o.items;
        const i = k < 0 ? k + items.length : k;
        if (i >= 0 && i < items.length) return items[i];
      }
      if (isPromise(k)) return k.then((kv) => getItem(o, kv));
      return getItem(o, k);
    }
    if (isPromise(o)) return o.then((x) => then(key(f), (k) => getItem(x, k)));
    const k = operand(f, ks, key);
    if (isPromise(k)) return k.then((kv) => getItem(o, kv));
    if (o instanceof PyDict && (typeof k === 'string' || typeof k === 'number')) {
      const e = o.map.get(k);
      if (e !== undefined) return e[1];
    }
    return getItem(o, k);
  };
}
