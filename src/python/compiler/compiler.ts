// The compiler: turns a cell's Lezer syntax tree into JS closures, once. Every closure returns its
// result directly, or a Promise only when something really waited (a native call that returned a
// Promise, a yield to the event loop, a generator); so plain Python runs synchronously. This class
// holds the compile state and the statement/expression dispatch; each kind of syntax is compiled
// by the file named for it.
import type { SyntaxNode, Tree } from '@lezer/common';
import { pyError, PyException, PyTuple } from '../objects.js';
import { isPromise, MaybePromise, then } from '../maybe-promise.js';
import { children, Scope, ScopeAnalysis, setSource } from '../scope.js';
import { Expr, Frame, Signal, Stmt } from './frame.js';
import type { CompileContext } from './context.js';
import { statement } from './statements.js';
import { expression, starredItems } from './expressions.js';
import { markPositioned, Positioned, positionedParts } from './positions.js';
import { collectTypeCaches } from './site-cache.js';

export interface CompiledCell {
  run: (f: Frame) => MaybePromise<Signal>;
  nslots: () => number;
  /** True when the last statement is an expression whose value is echoed. */
  echoes: boolean;
  /**
   * Drops the values its sites memoised (a global's value): a cell kept to be run again must not
   * keep alive what the program deleted since.
   */
  forget: () => void;
}

export class Compiler implements CompileContext {
  readonly analysis: ScopeAnalysis;
  readonly lineStarts: number[] = [];
  private readonly drops: (() => void)[] = [];

  constructor(
    readonly src: string,
    readonly tree: Tree,
  ) {
    setSource(src);
    this.lineStarts.push(0);
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    this.analysis = new ScopeAnalysis(tree.topNode);
  }

  pos(p: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: p - this.lineStarts[lo] + 1 };
  }

  compileModule(echoLast: boolean): CompiledCell {
    const [cell, typeCaches] = collectTypeCaches(() => this.compileStatements(echoLast));
    this.onForget(() => {
      for (const c of typeCaches) c.forget();
    });
    return cell;
  }

  private compileStatements(echoLast: boolean): CompiledCell {
    const root = this.tree.topNode;
    const scope = this.analysis.module;
    const stmts = this.flatStatements(root);
    let echoes = false;
    const compiled: Stmt[] = stmts.map((s, i) => {
      if (echoLast && i === stmts.length - 1 && s.name === 'ExpressionStatement') {
        echoes = true;
        const e = this.exprList(children(s), scope);
        return this.at(s, (f) =>
          then(e(f), (v) => {
            f.lastValue = v;
            return undefined;
          }),
        );
      }
      return this.stmt(s, scope);
    });
    const drops = this.drops;
    const forget = () => {
      for (const d of drops) d();
    };
    return { run: this.block(compiled), nslots: () => scope.nslots, echoes, forget };
  }

  /** Statements of a Script/Body, with `a; b` groups flattened. */
  flatStatements(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const c of children(node)) {
      if (c.name === 'StatementGroup') out.push(...this.flatStatements(c));
      else if (c.name === ':' || c.name === ';') continue;
      else out.push(c);
    }
    return out;
  }

  block(stmts: Stmt[]): Stmt {
    const n = stmts.length;
    if (n === 1) return stmts[0];
    const parts = stmts.map(positionedParts);
    if (parts.every((p) => p !== undefined)) return positionedBlock(parts as Positioned[]);
    const run = (f: Frame, start: number): MaybePromise<Signal> => {
      for (let i = start; i < n; i++) {
        const r = stmts[i](f);
        if (r !== undefined) {
          if (isPromise(r)) {
            const next = i + 1;
            return r.then((s) => (s !== undefined ? s : run(f, next)));
          }
          return r;
        }
      }
      return undefined;
    };
    return (f) => run(f, 0);
  }

  /** Wraps a statement: records its position and ticks the run control. */
  at(node: SyntaxNode, inner: Stmt): Stmt {
    const { line, col } = this.pos(node.from);
    return markPositioned(
      (f) => {
        f.line = line;
        f.col = col;
        const t = f.session.ctl.tick();
        if (t !== undefined) {
          return t.then(() => {
            f.line = line;
            f.col = col;
            return inner(f);
          });
        }
        return inner(f);
      },
      { line, col, inner },
    );
  }

  loopDepth = 0;
  assigningWithEquals = false;
  fnDepth = 0;

  loopBody(node: SyntaxNode, scope: Scope): Stmt {
    this.loopDepth++;
    try {
      return this.body(node, scope);
    } finally {
      this.loopDepth--;
    }
  }

  /** Compiles a function or class body: loops outside it do not count for break/continue. */
  nested<T>(isFunction: boolean, compile: () => T): T {
    const saved = [this.loopDepth, this.fnDepth];
    this.loopDepth = 0;
    this.fnDepth = isFunction ? this.fnDepth + 1 : 0;
    try {
      return compile();
    } finally {
      [this.loopDepth, this.fnDepth] = saved;
    }
  }

  body(node: SyntaxNode, scope: Scope): Stmt {
    const stmts = this.flatStatements(node).map((s) => this.stmt(s, scope));
    if (stmts.length === 0) return () => undefined;
    return this.block(stmts);
  }

  // -------------------------------------------------------------------------------------------
  // Statements

  stmt(node: SyntaxNode, scope: Scope): Stmt {
    const inner = statement(this, node, scope);
    return this.at(node, inner);
  }

  onForget(drop: () => void): void {
    this.drops.push(drop);
  }

  syntaxError(node: SyntaxNode, message: string): PyException {
    const { line, col } = this.pos(node.from);
    const e = pyError('SyntaxError', message);
    e.frames.push({ line, column: col, name: '<module>' });
    (e as PyException & { syntax?: boolean }).syntax = true;
    return e;
  }

  /** A comma-separated list: one expression, or a tuple. */
  exprList(nodes: SyntaxNode[], scope: Scope): Expr {
    const hasComma = nodes.some((k) => k.name === ',');
    const hasStar = nodes.some((k) => k.name === '*');
    if (!hasComma && !hasStar && nodes.length === 1) return this.expr(nodes[0], scope);
    const items = starredItems(this, nodes, scope);
    return (f) => {
      const xs = items(f);
      return isPromise(xs) ? xs.then((x) => new PyTuple(x)) : new PyTuple(xs);
    };
  }

  expr(node: SyntaxNode, scope: Scope): Expr {
    return expression(this, node, scope);
  }
}

/**
 * Statements run in order, each positioned and ticked here rather than by its own wrapper: in
 * closures of two statements each, each calling the next, not a loop over arrays of statements
 * (the loop cost a JS engine twice as much per statement, its call sites shared by every block).
 */
function positionedBlock(parts: Positioned[]): Stmt {
  let next: Stmt | undefined;
  const last = parts.length - 1;
  for (let i = last - (last % 2 === 0 ? 0 : 1); i >= 0; i -= 2)
    next = twoStatements(parts[i], parts[i + 1], next);
  return next!;
}

/** p0, then p1 when given, then `next` (the rest of the block) when given. */
function twoStatements(p0: Positioned, p1: Positioned | undefined, next: Stmt | undefined): Stmt {
  const { line: l0, col: c0, inner: s0 } = p0;
  const afterSecond = (f: Frame, s: Signal): MaybePromise<Signal> =>
    s !== undefined || next === undefined ? s : next(f);
  const second = (f: Frame): MaybePromise<Signal> => {
    if (p1 === undefined) return next === undefined ? undefined : next(f);
    f.line = p1.line;
    f.col = p1.col;
    const t = f.session.ctl.tick();
    if (t !== undefined) {
      return t.then(() => {
        f.line = p1.line;
        f.col = p1.col;
        return then(p1.inner(f), (s) => afterSecond(f, s));
      });
    }
    const r = p1.inner(f);
    if (r !== undefined) return isPromise(r) ? r.then((s) => afterSecond(f, s)) : r;
    return next === undefined ? undefined : next(f);
  };
  const afterFirst = (f: Frame, s: Signal): MaybePromise<Signal> => (s !== undefined ? s : second(f));
  const l1 = p1 === undefined ? 0 : p1.line;
  const c1 = p1 === undefined ? 0 : p1.col;
  const s1 = p1 === undefined ? undefined : p1.inner;
  return (f) => {
    f.line = l0;
    f.col = c0;
    const t = f.session.ctl.tick();
    if (t !== undefined) {
      return t.then(() => {
        f.line = l0;
        f.col = c0;
        return then(s0(f), (s) => afterFirst(f, s));
      });
    }
    const r = s0(f);
    if (r !== undefined) return isPromise(r) ? r.then((s) => afterFirst(f, s)) : r;
    if (s1 === undefined) return next === undefined ? undefined : next(f);
    // The second statement inline (as second() does), saving a call per pair.
    f.line = l1;
    f.col = c1;
    const t1 = f.session.ctl.tick();
    if (t1 !== undefined) {
      return t1.then(() => {
        f.line = l1;
        f.col = c1;
        return then(s1(f), (s) => afterSecond(f, s));
      });
    }
    const r1 = s1(f);
    if (r1 !== undefined) return isPromise(r1) ? r1.then((s) => afterSecond(f, s)) : r1;
    return next === undefined ? undefined : next(f);
  };
}
