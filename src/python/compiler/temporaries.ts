// Expression temporaries: in `(t * t).sum().item()` the product and the sum are made by native
// ops, each used once as the receiver of a method call and dropped, with no name, container or
// frame ever holding them; so is `x - m` in `((x - m) ** 2).mean()`, an operand of an operator
// in such a receiver. A host (torch) may free such a value as soon as the call returns,
// instead of when the garbage collector finds it (a tensor's wasm or GPU memory is not the
// collector's to reuse, and a loop of such lines would grow it). The compiler knows the shape of
// the expression; the host decides, from what the op and the call left behind, whether the value
// is really unused.
import type { SyntaxNode } from '@lezer/common';
import { type Kwargs, NativeFunction, type PyValue, typeOf } from '../objects.js';
import { binaryOpFor, call, forwardDunder, getAttr, unaryDunder, unaryOp } from '../runtime.js';
import { isPromise, MaybePromise, then } from '../maybe-promise.js';
import { children, Scope, text } from '../scope.js';
import type { CompileContext } from './context.js';
import type { Expr, Frame } from './frame.js';

/** What the interpreter asks of a host that frees temporaries. */
export interface TemporaryHost {
  /** Whether an operator on `v` runs only the host's native code (a tensor, a Python number). */
  plain(v: PyValue): boolean;
  /** Whether `o.name(…)` calls the host's own native method (`o` being plain). */
  method(o: PyValue, name: string): boolean;
  /** A mark taken right before an op: what the op makes comes after it. */
  mark(): number;
  /**
   * `value` (made by a native op after `mark`) was the receiver of the method `name`, which
   * answered `result`; nothing in the interpreter holds it any more.
   */
  drop(value: PyValue, mark: number, name: string, result: PyValue): void;
}

let host: TemporaryHost | null = null;
/** Installs the host (torch, on import); the interpreter frees nothing without one. */
export function setTemporaryHost(h: TemporaryHost): void {
  host = h;
}

/** The mark of a value that may be held elsewhere (made by Python code, or not made at all). */
const HELD = -1;

/** Evaluates an expression and hands its value to `k` with the mark it was made after (or HELD). */
type Producer = (f: Frame, k: (o: PyValue, mark: number) => MaybePromise<PyValue>) => MaybePromise<PyValue>;

const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%', '**', '@', '&', '|', '^', '<<', '>>']);
/** Arguments whose evaluation runs no Python code and makes no tensor (and `-1`). */
const SIMPLE_ARGS = new Set(['VariableName', 'Number', 'String', 'Boolean', 'None']);
function simple(node: SyntaxNode | undefined): boolean {
  if (!node) return false;
  if (SIMPLE_ARGS.has(node.name)) return true;
  const kids = node.name === 'UnaryExpression' ? children(node) : [];
  return kids.length === 2 && text(kids[0]) === '-' && kids[1].name === 'Number';
}

function unparenthesized(node: SyntaxNode): SyntaxNode | null {
  let n = node;
  while (n.name === 'ParenthesizedExpression') {
    const inner = children(n).filter((k) => k.name !== '(' && k.name !== ')');
    if (inner.length !== 1) return null;
    n = inner[0];
  }
  return n;
}

/**
 * `(a op b).name(…)`, `(-a).name(…)`, `x.m(…).name(…)`: the receiver computed here (the generic
 * operator the expression compiles to, or the method call) and handed to `use`, which makes the
 * call; then dropped to the host when only native code made it. Undefined for any other receiver.
 */
export function temporaryReceiver(
  comp: CompileContext,
  receiver: SyntaxNode,
  scope: Scope,
  name: string,
  use: (f: Frame, o: PyValue) => MaybePromise<PyValue>,
): Expr | undefined {
  const produce = producer(comp, receiver, scope);
  if (!produce) return undefined;
  const consume = (f: Frame, o: PyValue, mark: number): MaybePromise<PyValue> => {
    const h = host;
    if (mark === HELD || h === null) return use(f, o);
    const r = use(f, o);
    if (isPromise(r))
      return r.then((x) => {
        h.drop(o, mark, name, x);
        return x;
      });
    h.drop(o, mark, name, r);
    return r;
  };
  return (f) => produce(f, (o, mark) => consume(f, o, mark));
}

function producer(comp: CompileContext, receiver: SyntaxNode, scope: Scope): Producer | undefined {
  const node = unparenthesized(receiver);
  if (!node) return undefined;
  const kids = children(node);
  if (node.name === 'UnaryExpression') {
    const op = text(kids[0]);
    if ((op !== '-' && op !== '~' && op !== '+') || kids.length !== 2 || kids[1].name === 'Number')
      return undefined;
    const operand = producer(comp, kids[1], scope) ?? held(comp.expr(kids[1], scope));
    const dunder = unaryDunder(op);
    return (f, k) =>
      operand(f, (v, vm) => {
        const h = host;
        if (h === null || !h.plain(v)) return then(unaryOp(op, v), (o) => k(o, HELD));
        const mark = h.mark();
        const o = unaryOp(op, v);
        if (isPromise(o)) return o.then((x) => k(x, HELD));
        if (vm !== HELD) h.drop(v, vm, dunder, o);
        return k(o, mark);
      });
  }
  if (node.name === 'BinaryExpression') {
    if (kids.length !== 3 || kids[2].name === '⚠') return undefined;
    const op = text(kids[1]);
    if (!ARITHMETIC.has(op)) return undefined;
    const fn = binaryOpFor(op);
    const left = producer(comp, kids[0], scope) ?? held(comp.expr(kids[0], scope));
    const right = producer(comp, kids[2], scope) ?? held(comp.expr(kids[2], scope));
    const dunder = forwardDunder(op) ?? op;
    return (f, k) =>
      left(f, (a, am) =>
        right(f, (b, bm) => {
          const h = host;
          if (h === null || !h.plain(a) || !h.plain(b)) return then(fn(a, b), (o) => k(o, HELD));
          const mark = h.mark();
          const o = fn(a, b);
          if (isPromise(o)) return o.then((x) => k(x, HELD));
          // `(x - m) ** 2`: an operand that only native ops made is done with once the operator ran.
          if (am !== HELD) h.drop(a, am, dunder, o);
          if (bm !== HELD && b !== a) h.drop(b, bm, dunder, o);
          return k(o, mark);
        }),
      );
  }
  if (node.name === 'CallExpression') return methodProducer(comp, kids, scope);
  return undefined;
}

/** An operand that no producer makes: evaluated as usual, and HELD (it may be held elsewhere). */
function held(e: Expr): Producer {
  return (f, k) => {
    const v = e(f);
    return isPromise(v) ? v.then((x) => k(x, HELD)) : k(v, HELD);
  };
}

/** `recv.name(args)` with simple arguments: its receiver dropped after it, its result handed on. */
function methodProducer(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Producer | undefined {
  const [callee, argList] = kids;
  if (kids.length !== 2 || callee.name !== 'MemberExpression' || argList?.name !== 'ArgList')
    return undefined;
  const mk = children(callee);
  if (mk.length !== 3 || mk[1].name !== '.') return undefined;
  const parts = simpleArguments(argList);
  if (!parts) return undefined;
  const positional = parts.positional.map((n) => comp.expr(n, scope));
  const keywords = parts.keywords.map(([k, n]) => [k, comp.expr(n, scope)] as const);
  const name = text(mk[2]);
  const inner = producer(comp, mk[0], scope);
  const recv = inner ? undefined : comp.expr(mk[0], scope);
  // Names and literals: evaluating them runs no Python code (and waits for nothing).
  const args = (f: Frame, self: PyValue[]): MaybePromise<[PyValue[], Kwargs | null]> => {
    const p: MaybePromise<PyValue>[] = self;
    let waited = false;
    for (let i = 0; i < positional.length; i++) {
      const v = positional[i](f);
      waited ||= isPromise(v);
      p.push(v);
    }
    if (!waited && keywords.length === 0) return [self, null];
    const kv = keywords.map(([, e]) => e(f));
    const done = (pv: PyValue[], kvs: PyValue[]): [PyValue[], Kwargs | null] =>
      kvs.length === 0 ? [pv, null] : [pv, new Map(keywords.map(([k], i) => [k, kvs[i]]))];
    if (p.some(isPromise) || kv.some(isPromise))
      return Promise.all([Promise.all(p), Promise.all(kv)]).then(([pv, kvs]) => done(pv, kvs));
    return done(p as PyValue[], kv as PyValue[]);
  };
  const step = (
    f: Frame,
    o: PyValue,
    mark: number,
    k: (o: PyValue, mark: number) => MaybePromise<PyValue>,
  ) => {
    const h = host;
    const m = h !== null && h.plain(o) && h.method(o, name) ? typeOf(o).lookup(name) : undefined;
    if (h === null || !(m instanceof NativeFunction)) {
      // As CPython: the attribute first, then the arguments.
      return then(getAttr(o, name), (b) =>
        then(args(f, []), ([p, kw]) => then(call(b, p, kw), (r) => k(r, HELD))),
      );
    }
    const av = args(f, [o]);
    if (isPromise(av)) return av.then(([p, kw]) => then(m.call(p, kw), (r) => k(r, HELD)));
    const [p, kw] = av;
    const made = h.mark();
    const r = m.call(p, kw);
    if (isPromise(r))
      return r.then((x) => {
        if (mark !== HELD) h.drop(o, mark, name, x);
        return k(x, HELD);
      });
    if (mark !== HELD) h.drop(o, mark, name, r);
    return k(r, made);
  };
  if (inner) return (f, k) => inner(f, (o, mark) => step(f, o, mark, k));
  return (f, k) => then(recv!(f), (o) => step(f, o, HELD, k));
}

/**
 * The arguments when every one is a name or a literal (no call, no f-string, no star) and no
 * keyword repeats; else null.
 */
function simpleArguments(
  argList: SyntaxNode,
): { positional: SyntaxNode[]; keywords: [string, SyntaxNode][] } | null {
  const kids = children(argList).filter((k) => k.name !== '(' && k.name !== ')' && k.name !== ',');
  const positional: SyntaxNode[] = [];
  const keywords: [string, SyntaxNode][] = [];
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.name === 'VariableName' && kids[i + 1]?.name === 'AssignOp') {
      const value = kids[i + 2];
      const key = text(k);
      if (!simple(value) || keywords.some(([n]) => n === key)) return null;
      keywords.push([key, value]);
      i += 2;
    } else if (simple(k) && keywords.length === 0) positional.push(k);
    else return null;
  }
  return { positional, keywords };
}
