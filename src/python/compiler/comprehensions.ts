// List, set and dict comprehensions (run eagerly in their own scope) and generator expressions
// (lazy iterators).
import type { SyntaxNode } from '@lezer/common';
import {
  generatorType,
  IterResult,
  PyDict,
  pyError,
  PyIterator,
  PyList,
  PySet,
  PyValue,
  STOP,
} from '../objects.js';
import { getIter, iterate, MAX_SEQUENCE, truthy } from '../runtime.js';
import { isPromise, MaybePromise, then } from '../maybe-promise.js';
import { children, Scope, scopeKey } from '../scope.js';
import type { CompileContext } from './context.js';
import { Cell, Expr, Frame, Store } from './frame.js';
import { allocateScope, cellSource, targetList } from './names.js';

// Helpers used by compiled code

interface GenClause {
  kind: 'for' | 'if';
  target?: Store;
  iter?: Expr;
  cond?: Expr;
}

const CONTINUE_FETCH: unique symbol = Symbol('continue');
type Step = IterResult | typeof CONTINUE_FETCH;

/**
 * A generator expression as a lazy iterator (an explicit stack of the for-clauses' iterators):
 * synchronous per item unless something in it waits, unlike a coroutine generator.
 */
function genexpIterator(
  gf: Frame,
  clauses: GenClause[],
  forClauses: number[],
  elt: Expr,
  first: PyIterator,
): PyIterator {
  if (clauses.length === 1) return oneClauseIterator(gf, clauses[0].target!, elt, first);
  const iters: (PyIterator | undefined)[] = new Array<PyIterator | undefined>(clauses.length);
  iters[0] = first;
  let depth = 0;
  let done = false;
  let count = 0;
  const proceed = (j: number): MaybePromise<Step> => {
    for (; j < clauses.length; j++) {
      const c = clauses[j];
      if (c.kind === 'if') {
        const cv = c.cond!(gf);
        const t = isPromise(cv) ? cv.then(truthy) : typeof cv === 'boolean' ? cv : truthy(cv);
        if (isPromise(t)) {
          const next = j + 1;
          return t.then((ok) => (ok ? proceed(next) : CONTINUE_FETCH));
        }
        if (!t) return CONTINUE_FETCH;
      } else {
        const jj = j;
        return then(c.iter!(gf), (seq) =>
          then(getIter(seq), (it) => {
            iters[jj] = it;
            depth = forClauses.indexOf(jj);
            return CONTINUE_FETCH;
          }),
        );
      }
    }
    return elt(gf);
  };
  // The item `v` of the for-clause at `ci`: bound to its target, then the clauses after it.
  const handle = (v: IterResult, ci: number): MaybePromise<Step> => {
    if (v === STOP) {
      if (depth === 0) {
        done = true;
        return STOP;
      }
      depth--;
      return CONTINUE_FETCH;
    }
    const a = clauses[ci].target!(gf, v);
    if (isPromise(a)) return a.then(() => proceed(ci + 1));
    return proceed(ci + 1);
  };
  const fetch = (): MaybePromise<Step> => {
    const ci = forClauses[depth];
    const x = iters[ci]!.next();
    return isPromise(x) ? x.then((v) => handle(v, ci)) : handle(x, ci);
  };
  const next = (): MaybePromise<IterResult> => {
    for (;;) {
      if (done) return STOP;
      if ((++count & 1023) === 0) {
        const tk = gf.session.ctl.tick();
        if (tk !== undefined) return tk.then(next);
      }
      const r = fetch();
      if (isPromise(r)) return r.then((v) => (v === CONTINUE_FETCH ? next() : v));
      if (r !== CONTINUE_FETCH) return r;
    }
  };
  return new PyIterator(next, generatorType);
}

/** `(elt for x in xs)`, the common one-clause generator expression, without the clause stack. */
function oneClauseIterator(gf: Frame, target: Store, elt: Expr, it: PyIterator): PyIterator {
  let done = false;
  let count = 0;
  const item = (x: IterResult): MaybePromise<IterResult> => {
    if (x === STOP) {
      done = true;
      return STOP;
    }
    const a = target(gf, x);
    if (isPromise(a)) return a.then(() => elt(gf));
    return elt(gf);
  };
  const next = (): MaybePromise<IterResult> => {
    if (done) return STOP;
    if ((++count & 1023) === 0) {
      const tk = gf.session.ctl.tick();
      if (tk !== undefined) return tk.then(next);
    }
    const x = it.next();
    return isPromise(x) ? x.then(item) : item(x);
  };
  return new PyIterator(next, generatorType);
}

export function comprehension(comp: CompileContext, node: SyntaxNode, scope: Scope): Expr {
  const inner = comp.analysis.scopes.get(scopeKey(node))!;
  const kids = children(node).filter((k) => !['[', ']', '{', '}', '(', ')'].includes(k.name));
  const kind = node.name;
  const forIdx = kids.findIndex((k) => k.name === 'for');
  const head = kids.slice(0, forIdx);
  // Clauses: for targets in iter / if cond.
  interface Clause {
    kind: 'for' | 'if';
    target?: Store;
    iter?: Expr;
    cond?: Expr;
  }
  const isGenexp = inner.kind === 'genexp';
  const { cellSlots, freeSlots } = isGenexp
    ? allocateScope(inner)
    : { cellSlots: [] as number[], freeSlots: [] as number[] };
  if (!isGenexp) for (const n of inner.assigned) inner.allocate(n);
  const clauses: Clause[] = [];
  let firstIter: Expr | undefined;
  for (let i = forIdx; i < kids.length;) {
    const k = kids[i];
    if (k.name === 'for') {
      const inIdx = kids.findIndex((x, j) => j > i && x.name === 'in');
      const target = targetList(comp, kids.slice(i + 1, inIdx), inner);
      let j = inIdx + 1;
      const iterNodes: SyntaxNode[] = [];
      while (j < kids.length && kids[j].name !== 'for' && kids[j].name !== 'if') iterNodes.push(kids[j++]);
      const iterScope = clauses.length === 0 ? scope : inner;
      const iter = comp.exprList(iterNodes, iterScope);
      if (clauses.length === 0) firstIter = iter;
      clauses.push({ kind: 'for', target, iter });
      i = j;
    } else if (k.name === 'if') {
      const cond = comp.expr(kids[i + 1], inner);
      clauses.push({ kind: 'if', cond });
      i += 2;
    } else if (k.name === 'async') {
      throw comp.syntaxError(k, 'asynchronous comprehensions are not supported');
    } else i++;
  }
  let emit: (f: Frame, acc: PyValue) => MaybePromise<void>;
  if (kind === 'DictionaryComprehensionExpression') {
    const key = comp.expr(head[0], inner);
    const value = comp.expr(head[2], inner);
    emit = (f, acc) => then(key(f), (k) => then(value(f), (v) => (acc as PyDict).set(k, v)));
  } else {
    const elt = comp.exprList(head, inner);
    if (kind === 'SetComprehensionExpression') emit = (f, acc) => then(elt(f), (v) => (acc as PySet).add(v));
    else
      emit = (f, acc) => {
        const v = elt(f);
        const items = (acc as PyList).items;
        if (isPromise(v)) return v.then((x) => void items.push(x));
        items.push(v);
        if (items.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
      };
  }
  // Runs clauses[i..] for the current bindings.
  const run = (f: Frame, i: number, acc: PyValue, first: PyValue | undefined): MaybePromise<void> => {
    if (i === clauses.length) return emit(f, acc);
    const c = clauses[i];
    if (c.kind === 'if') {
      const v = c.cond!(f);
      const t = typeof v === 'boolean' ? v : isPromise(v) ? v.then(truthy) : truthy(v);
      if (isPromise(t)) return t.then((ok) => (ok ? run(f, i + 1, acc, undefined) : undefined));
      return t ? run(f, i + 1, acc, undefined) : undefined;
    }
    const src = first !== undefined ? first : c.iter!(f);
    // iterate() ticks the run control and finishes asynchronously without Promise chains.
    return then(src, (seq) =>
      iterate(seq, (x) => {
        const a = c.target!(f, x);
        if (isPromise(a)) return a.then(() => run(f, i + 1, acc, undefined));
        return run(f, i + 1, acc, undefined);
      }),
    );
  };
  if (isGenexp) {
    const genElt = comp.exprList(head, inner);
    const freeSources = inner.frees.map((n) => cellSource(n, scope));
    const forClauses = clauses.map((c, i) => (c.kind === 'for' ? i : -1)).filter((i) => i >= 0);
    return (f) =>
      then(firstIter!(f), (seq) =>
        then(getIter(seq), (it) => {
          const gf = new Frame(f.globals, f.session, inner.nslots);
          for (const s of cellSlots) gf.slots[s] = new Cell(undefined);
          freeSlots.forEach((s, k) => (gf.slots[s] = f.slots[freeSources[k]]));
          return genexpIterator(gf, clauses, forClauses, genElt, it);
        }),
      );
  }
  const cellsInComp = [...inner.cells].filter((n) => inner.isLocal(n)).map((n) => inner.slotOf.get(n)!);
  return (f) => {
    const acc: PyValue =
      kind === 'DictionaryComprehensionExpression'
        ? new PyDict()
        : kind === 'SetComprehensionExpression'
          ? new PySet()
          : new PyList();
    for (const s of cellsInComp) f.slots[s] = new Cell(undefined);
    return then(run(f, 0, acc, undefined), () => acc);
  };
}
