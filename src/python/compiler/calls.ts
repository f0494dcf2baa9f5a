// Calls: argument lists (positional, keyword, *args, **kwargs) and call expressions, with a fast
// path for obj.method(...) that allocates no bound method.
import type { SyntaxNode } from '@lezer/common';
import {
  currentTypeVersion,
  Kwargs,
  NativeFunction,
  None,
  PyDict,
  pyError,
  PyInstance,
  PyList,
  PyModule,
  PyObject,
  PyTuple,
  PyType,
  PyValue,
  typeName,
  typeOf,
} from '../objects.js';
import { call, checkInit, getAttr, isPlainClass, PySuper, toArrayMP } from '../runtime.js';
import { isPromise, MaybePromise, then } from '../maybe-promise.js';
import { children, Scope, text } from '../scope.js';
import type { CompileContext } from './context.js';
import { Cell, CodeInfo, Expr, Frame, PyFunction } from './frame.js';
import { globalLoadOf, loadName, localSlot, operand, storeName } from './names.js';
import { comprehension } from './comprehensions.js';
import { temporaryReceiver } from './temporaries.js';
import { AttrSlotCache, TypeLookupCache } from './site-cache.js';

/**
 * The function that `o.name(...)` calls with `o` as its first argument, when binding it would
 * only make a bound method (a method found on the type, not shadowed by the instance); else
 * undefined, and the caller gets the attribute itself.
 */
function plainMethod(
  o: PyValue,
  name: string,
  cache?: TypeLookupCache,
  own?: AttrSlotCache,
): PyFunction | NativeFunction | undefined {
  if (o instanceof PyInstance) {
    if (own ? own.load(o.dict) !== undefined : o.dict.has(name)) return undefined;
    const m = cache ? cache.get(o.cls) : o.cls.lookup(name);
    return m instanceof PyFunction || m instanceof NativeFunction ? m : undefined;
  }
  if (o instanceof PyModule || o instanceof PyType || o instanceof PySuper) return undefined;
  const t = typeOf(o);
  const m = cache ? cache.get(t) : t.lookup(name);
  return m instanceof NativeFunction || m instanceof PyFunction ? m : undefined;
}

/**
 * One call site's memo of the method `name` on the last builtin or native object it saw (a list,
 * dict, str, tensor …, never an instance of a class defined in Python, a module, a class or
 * super, whose attributes may shadow or bind otherwise): while no class changed, an object of
 * that class gets the same method without the checks plainMethod makes.
 */
class BuiltinMethodCache {
  private cls: PyType | undefined;
  private version = -1;
  private method: PyFunction | NativeFunction | undefined;
  constructor(readonly name: string) {}

  /** The method for `o`, which is not an instance of a class defined in Python (the caller tests that). */
  get(o: PyValue): PyFunction | NativeFunction | undefined {
    if (o instanceof PyObject && o.cls === this.cls && currentTypeVersion() === this.version)
      return this.method;
    if (!(o instanceof PyObject) || o instanceof PyModule || o instanceof PyType || o instanceof PySuper)
      return undefined;
    const m = o.cls.lookup(this.name);
    this.cls = o.cls;
    this.version = currentTypeVersion();
    this.method = m instanceof NativeFunction || m instanceof PyFunction ? m : undefined;
    return this.method;
  }
}

/** obj.name(args) without allocating a bound method for builtin and native methods. */
export function callMethod(
  o: PyValue,
  name: string,
  args: PyValue[],
  kwargs: Kwargs | null,
): MaybePromise<PyValue> {
  const m = plainMethod(o, name);
  if (m !== undefined) {
    args.unshift(o);
    return m.call(args, kwargs);
  }
  const fn = getAttr(o, name);
  if (isPromise(fn)) return fn.then((x) => call(x, args, kwargs));
  return call(fn, args, kwargs);
}

/**
 * Evaluates positional arguments left to right into `out` from index `offset`: `out` itself, or
 * a Promise of it once an argument waited.
 */
type FillArgs = (f: Frame, out: PyValue[], offset: number) => MaybePromise<PyValue[]>;

function positionalArgs(es: Expr[], slots: number[]): FillArgs {
  const n = es.length;
  const finish = async (f: Frame, out: PyValue[], offset: number, i: number, v: Promise<PyValue>) => {
    out[offset + i] = await v;
    for (let j = i + 1; j < n; j++) out[offset + j] = await es[j](f);
    return out;
  };
  if (n === 0) return (_f, out) => out;
  if (n === 1) {
    const e0 = es[0];
    const s0 = slots[0];
    return (f, out, offset) => {
      const v = operand(f, s0, e0);
      if (isPromise(v)) return finish(f, out, offset, 0, v);
      out[offset] = v;
      return out;
    };
  }
  return (f, out, offset) => {
    for (let i = 0; i < n; i++) {
      const v = operand(f, slots[i], es[i]);
      if (isPromise(v)) return finish(f, out, offset, i, v);
      out[offset + i] = v;
    }
    return out;
  };
}

/** `name := value` as an argument: the value, stored first (in the enclosing function, out of a comprehension). */
function namedArgument(comp: CompileContext, name: string, valueNode: SyntaxNode, scope: Scope): Expr {
  let s = scope;
  while (s.kind === 'comp' || s.kind === 'genexp') s = s.parent!;
  const store = storeName(comp, name, s);
  const value = comp.expr(valueNode, scope);
  return (f) => then(value(f), (v) => then(store(f, v), () => v));
}

type ArgPart = { kind: 'pos' | 'star' | 'kw' | 'kwstar'; e: Expr; name?: string; node?: SyntaxNode };

/** An argument list's parts, compiled; or the one generator expression `f(x for x in xs)`. */
function argParts(comp: CompileContext, argList: SyntaxNode, scope: Scope): ArgPart[] | { gen: Expr } {
  const kids = children(argList).filter((k) => k.name !== '(' && k.name !== ')');
  if (kids.some((k) => k.name === 'for')) return { gen: comprehension(comp, argList, scope) };
  const parts: ArgPart[] = [];
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.name === ',') continue;
    if (k.name === '*') {
      parts.push({ kind: 'star', e: comp.expr(kids[i + 1], scope) });
      i++;
    } else if (k.name === '**') {
      parts.push({ kind: 'kwstar', e: comp.expr(kids[i + 1], scope) });
      i++;
    } else if (k.name === 'VariableName' && kids[i + 1]?.name === 'AssignOp' && text(kids[i + 1]) === ':=') {
      // f(n := expr): a positional argument that also binds n (Lezer has no NamedExpression here)
      parts.push({ kind: 'pos', e: namedArgument(comp, text(k), kids[i + 2], scope), node: k });
      i += 2;
    } else if (k.name === 'VariableName' && kids[i + 1]?.name === 'AssignOp') {
      parts.push({ kind: 'kw', e: comp.expr(kids[i + 2], scope), name: text(k) });
      i += 2;
    } else if (k.name === '⚠') {
      throw comp.syntaxError(k, 'invalid syntax');
    } else parts.push({ kind: 'pos', e: comp.expr(k, scope), node: k });
  }
  return parts;
}

export function callArgs(
  comp: CompileContext,
  argList: SyntaxNode,
  scope: Scope,
): (f: Frame) => MaybePromise<[PyValue[], Kwargs | null]> {
  return argsEvaluator(argParts(comp, argList, scope));
}

function argsEvaluator(
  parsed: ArgPart[] | { gen: Expr },
): (f: Frame) => MaybePromise<[PyValue[], Kwargs | null]> {
  if (!Array.isArray(parsed)) {
    const gen = parsed.gen;
    return (f) => then(gen(f), (g) => [[g], null] as [PyValue[], Kwargs | null]);
  }
  const parts = parsed;
  type Part = ArgPart;
  if (parts.every((p) => p.kind === 'pos')) {
    const es = parts.map((p) => p.e);
    const n = es.length;
    return (f) => {
      const out: PyValue[] = new Array<PyValue>(n);
      for (let i = 0; i < n; i++) {
        const v = es[i](f);
        if (isPromise(v)) {
          const idx = i;
          return (async () => {
            out[idx] = await v;
            for (let j = idx + 1; j < n; j++) out[j] = await es[j](f);
            return [out, null] as [PyValue[], Kwargs | null];
          })();
        }
        out[i] = v;
      }
      return [out, null];
    };
  }
  const firstKw = parts.findIndex((p) => p.kind === 'kw');
  if (
    parts.every((p) => p.kind === 'pos' || p.kind === 'kw') &&
    parts.slice(firstKw).every((p) => p.kind === 'kw')
  ) {
    // f(a, b, k=v): positional then keyword values, in the order written (no step closures).
    const es = parts.map((p) => p.e);
    const names = parts.map((p) => (p.kind === 'kw' ? p.name! : undefined));
    const npos = names.filter((nm) => nm === undefined).length;
    const n = es.length;
    const put = (args: PyValue[], kw: Kwargs, i: number, v: PyValue) => {
      const name = names[i];
      if (name === undefined) args[i] = v;
      else {
        if (kw.has(name)) throw pyError('TypeError', `got multiple values for keyword argument '${name}'`);
        kw.set(name, v);
      }
    };
    const finish = async (
      f: Frame,
      args: PyValue[],
      kw: Kwargs,
      i: number,
      v: Promise<PyValue>,
    ): Promise<[PyValue[], Kwargs | null]> => {
      put(args, kw, i, await v);
      for (let j = i + 1; j < n; j++) put(args, kw, j, await es[j](f));
      return [args, kw];
    };
    return (f) => {
      const args = new Array<PyValue>(npos);
      const kw: Kwargs = new Map();
      for (let i = 0; i < n; i++) {
        const v = es[i](f);
        if (isPromise(v)) return finish(f, args, kw, i, v);
        put(args, kw, i, v);
      }
      return [args, kw];
    };
  }
  const addKw = (kwargs: Kwargs, k: string, v: PyValue) => {
    if (kwargs.has(k)) throw pyError('TypeError', `got multiple values for keyword argument '${k}'`);
    kwargs.set(k, v);
  };
  // Applies one evaluated part; starred parts may need to iterate (async).
  const apply = (p: Part, v: PyValue, args: PyValue[], kw: { map: Kwargs | null }): MaybePromise<void> => {
    switch (p.kind) {
      case 'pos':
        args.push(v);
        return;
      case 'star':
        if (v instanceof PyList || v instanceof PyTuple) {
          for (const x of v.items) args.push(x);
          return;
        }
        return then(toArrayMP(v), (xs) => {
          for (const x of xs) args.push(x);
        });
      case 'kw':
        addKw((kw.map ??= new Map()), p.name!, v);
        return;
      default:
        if (!(v instanceof PyDict))
          throw pyError('TypeError', `argument after ** must be a mapping, not ${typeName(v)}`);
        kw.map ??= new Map();
        for (const [k, x] of v.entries()) {
          if (typeof k !== 'string') throw pyError('TypeError', 'keywords must be strings');
          addKw(kw.map, k, x);
        }
    }
  };
  return (f) => {
    const args: PyValue[] = [];
    const kw: { map: Kwargs | null } = { map: null };
    const step = (i: number): MaybePromise<[PyValue[], Kwargs | null]> => {
      for (; i < parts.length; i++) {
        const p = parts[i];
        const v = p.e(f);
        const next = i + 1;
        if (isPromise(v)) return v.then((x) => then(apply(p, x, args, kw), () => step(next)));
        const r = apply(p, v, args, kw);
        if (isPromise(r)) return r.then(() => step(next));
      }
      return [args, kw.map];
    };
    return step(0);
  };
}

export function callExpr(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Expr {
  const callee = kids[0];
  const argList = kids[1];
  if (!argList || argList.name !== 'ArgList') throw comp.syntaxError(callee, 'invalid syntax');
  const parsed = argParts(comp, argList, scope);
  const args = argsEvaluator(parsed);
  const posExprs =
    Array.isArray(parsed) && parsed.every((p) => p.kind === 'pos') ? parsed.map((p) => p.e) : undefined;
  // super() with no arguments: the class the method was defined in, and its first argument.
  if (callee.name === 'VariableName' && text(callee) === 'super' && children(argList).length === 2) {
    const loadSuper = loadName(comp, 'super', scope);
    return (f) => {
      const fn = f.fn;
      if (!fn?.definingClass || fn.code.params.length === 0) {
        return then(loadSuper(f), (s) => call(s, [], null));
      }
      const first = f.slots[fn.code.params[0].slot];
      const self = first instanceof Cell ? first.v! : (first as PyValue);
      return new PySuper(f.session.superType, fn.definingClass, self);
    };
  }
  const posSlots =
    Array.isArray(parsed) && posExprs
      ? parsed.map((p) => (p.node ? localSlot(comp, p.node, scope) : -1))
      : [];
  const positional = posExprs ? positionalArgs(posExprs, posSlots) : undefined;
  const nargs = posExprs ? posExprs.length : 0;
  if (callee.name === 'MemberExpression') {
    const mk = children(callee);
    if (mk[1]?.name === '.') {
      const name = text(mk[2]);
      if (positional) {
        // As CPython's LOAD_METHOD: the method is looked up before the arguments are evaluated.
        const methods = new TypeLookupCache(name);
        const ownAttr = new AttrSlotCache(name);
        // The second argument of a call with two, for NativeFunction.method2.
        const second = (f: Frame): MaybePromise<PyValue | undefined> =>
          nargs > 1 ? operand(f, posSlots[1], posExprs![1]) : undefined;
        const builtin = new BuiltinMethodCache(name);
        const withObj = (f: Frame, o: PyValue): MaybePromise<PyValue> => {
          const m =
            o instanceof PyInstance
              ? plainMethod(o, name, methods, ownAttr)
              : (builtin.get(o) ?? plainMethod(o, name, methods, ownAttr));
          if (m instanceof PyFunction) {
            const nf = m.frameFor(nargs + 1);
            if (nf !== undefined) {
              nf.slots[0] = o;
              const a = positional(f, nf.slots as PyValue[], 1);
              // The slots themselves unless an argument waited (then a Promise of them).
              if (a !== nf.slots) return (a as Promise<PyValue[]>).then(() => m.runFrame(nf, nargs + 1));
              return m.runFrame(nf, nargs + 1);
            }
          }
          if (m !== undefined) {
            const m2 = (m as NativeFunction).method2;
            if (m2 !== undefined && nargs >= m2.min && nargs <= m2.max) {
              // xs.append(x), d.get(k, 0): the arguments straight to the method, no array.
              const a = nargs > 0 ? operand(f, posSlots[0], posExprs![0]) : None;
              if (isPromise(a)) return a.then((av) => then(second(f), (bv) => m2.fn(o, av, bv)));
              const b = second(f);
              if (isPromise(b)) return b.then((bv) => m2.fn(o, a, bv));
              return m2.fn(o, a, b);
            }
            const out = new Array<PyValue>(nargs + 1);
            out[0] = o;
            const a = positional(f, out, 1);
            if (isPromise(a)) return a.then((av) => m.call(av, null));
            return m.call(a, null);
          }
          const bound = getAttr(o, name);
          if (isPromise(bound))
            return bound.then((b) =>
              then(positional(f, new Array<PyValue>(nargs), 0), (av) => call(b, av, null)),
            );
          const a = positional(f, new Array<PyValue>(nargs), 0);
          if (isPromise(a)) return a.then((av) => call(bound, av, null));
          return call(bound, a, null);
        };
        // A receiver that is an expression temporary compiles there; any other here, once.
        const temporary = temporaryReceiver(comp, mk[0], scope, name, withObj);
        if (temporary) return temporary;
        const obj = comp.expr(mk[0], scope);
        const os = localSlot(comp, mk[0], scope);
        return (f) => {
          const o = operand(f, os, obj);
          // Our objects first: they are no Promise, and the test is cheaper than the Promise one.
          if (o instanceof PyObject || !isPromise(o)) return withObj(f, o);
          return o.then((x) => withObj(f, x));
        };
      }
      const withObj = (f: Frame, o: PyValue): MaybePromise<PyValue> => {
        const a = args(f);
        if (isPromise(a)) return a.then(([av, kw]) => callMethod(o, name, av, kw));
        return callMethod(o, name, a[0], a[1]);
      };
      const temporary = temporaryReceiver(comp, mk[0], scope, name, withObj);
      if (temporary) return temporary;
      const obj = comp.expr(mk[0], scope);
      return (f) => {
        const o = obj(f);
        if (isPromise(o)) return o.then((x) => withObj(f, x));
        return withObj(f, o);
      };
    }
  }
  const fn = comp.expr(callee, scope);
  const kw = Array.isArray(parsed) ? keywordCall(fn, parsed, args) : undefined;
  if (kw) return kw;
  if (positional) {
    const inits = new TypeLookupCache('__init__');
    // f(…) where f is a global or builtin name: its load read here, without a call to its closure.
    const global = globalLoadOf(fn);
    return (f) => {
      const c = global !== undefined ? global.get(f) : fn(f);
      // The callee's kinds first: none is a Promise, and these tests are cheaper than that one.
      if (c instanceof PyFunction) {
        // The arguments go straight into the new frame's slots.
        const nf = c.frameFor(nargs);
        if (nf !== undefined) {
          if (nargs === 0) return c.runFrame(nf, 0);
          const a = positional(f, nf.slots as PyValue[], 0);
          if (a !== nf.slots) return (a as Promise<PyValue[]>).then(() => c.runFrame(nf, nargs));
          return c.runFrame(nf, nargs);
        }
      } else if (c instanceof NativeFunction && c.unary !== undefined && nargs === 1) {
        const u = c.unary;
        const x = operand(f, posSlots[0], posExprs![0]);
        return x instanceof PyObject || !isPromise(x) ? u(x) : x.then(u);
      } else if (c instanceof PyType && isPlainClass(c)) {
        // Point(x, y): the new instance and the arguments go straight into __init__'s frame.
        const init = inits.get(c);
        const nf = init instanceof PyFunction ? init.frameFor(nargs + 1) : undefined;
        if (nf !== undefined && init instanceof PyFunction) {
          const inst = new PyInstance(c);
          nf.slots[0] = inst;
          const a = positional(f, nf.slots as PyValue[], 1);
          if (a !== nf.slots)
            return (a as Promise<PyValue[]>).then(() =>
              then(init.runFrame(nf, nargs + 1), (r) => checkInit(r, inst)),
            );
          const r = init.runFrame(nf, nargs + 1);
          if (isPromise(r)) return r.then((x) => checkInit(x, inst));
          return checkInit(r, inst);
        }
      } else if (isPromise(c))
        return c.then((cv) => then(positional(f, new Array<PyValue>(nargs), 0), (a) => call(cv, a, null)));
      const a = positional(f, new Array<PyValue>(nargs), 0);
      if (isPromise(a)) return a.then((av) => call(c, av, null));
      return call(c, a, null);
    };
  }
  return (f) => {
    const c = fn(f);
    if (isPromise(c)) return c.then((cv) => then(args(f), ([a, kw]) => call(cv, a, kw)));
    const a = args(f);
    if (isPromise(a)) return a.then(([av, kw]) => call(c, av, kw));
    return call(c, a[0], a[1]);
  };
}

/**
 * `f(a, k=v)` with positional then keyword arguments: when f is a Python function whose
 * parameters are all positional and each keyword names one after the positional ones, the values
 * go straight into the new frame's slots (no keyword Map, no binder). The slots the names take
 * are kept per function.
 */
function keywordCall(
  fn: Expr,
  parts: ArgPart[],
  general: (f: Frame) => MaybePromise<[PyValue[], Kwargs | null]>,
): Expr | undefined {
  const firstKw = parts.findIndex((p) => p.kind === 'kw');
  if (firstKw < 0 || !parts.every((p, i) => p.kind === (i < firstKw ? 'pos' : 'kw'))) return undefined;
  const es = parts.map((p) => p.e);
  const names = parts.slice(firstKw).map((p) => p.name!);
  if (new Set(names).size !== names.length) return undefined;
  const npos = firstKw;
  const n = es.length;
  let seen: CodeInfo | undefined;
  let seenSlots: number[] | undefined;
  const slotsFor = (code: CodeInfo): number[] | undefined => {
    if (code === seen) return seenSlots;
    seen = code;
    seenSlots = undefined;
    if (!code.simple || npos > code.nposargs) return undefined;
    const out: number[] = [];
    for (const name of names) {
      const p = code.byName.get(name);
      if (p === undefined || p.slot < npos) return undefined;
      out.push(p.slot);
    }
    seenSlots = out;
    return out;
  };
  const slow = (f: Frame, c: PyValue) => then(general(f), ([a, k]) => call(c, a, k));
  // Something waited: the remaining arguments in order, then the general call.
  const finish = async (f: Frame, c: PyValue, vals: PyValue[], i: number, v: Promise<PyValue>) => {
    vals[i] = await v;
    for (let j = i + 1; j < n; j++) vals[j] = await es[j](f);
    const kw: Kwargs = new Map();
    for (let k = 0; k < names.length; k++) kw.set(names[k], vals[npos + k]);
    return call(c, vals.slice(0, npos), kw);
  };
  return (f) => {
    const c = fn(f);
    if (!(c instanceof PyFunction)) return isPromise(c) ? c.then((cv) => slow(f, cv)) : slow(f, c);
    const ks = slotsFor(c.code);
    if (ks === undefined) return slow(f, c);
    const vals = new Array<PyValue>(n);
    for (let i = 0; i < n; i++) {
      const v = es[i](f);
      if (isPromise(v)) return finish(f, c, vals, i, v);
      vals[i] = v;
    }
    const nf = c.newFrame();
    const slots = nf.slots;
    for (let i = 0; i < npos; i++) slots[i] = vals[i];
    for (let k = 0; k < ks.length; k++) slots[ks[k]] = vals[npos + k];
    return c.runFilled(nf);
  };
}
