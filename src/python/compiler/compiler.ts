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

export interface CompiledCell {
  run: (f: Frame) => MaybePromise<Signal>;
  nslots: () => number;
  /** True when the last statement is an expression whose value is echoed. */
  echoes: boolean;
}

export class Compiler implements CompileContext {
  readonly analysis: ScopeAnalysis;
  readonly lineStarts: number[] = [];

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
    return { run: this.block(compiled), nslots: () => scope.nslots, echoes };
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

/** Statements run in order, each positioned and ticked here rather than by its own wrapper. */
function positionedBlock(parts: Positioned[]): Stmt {
  const n = parts.length;
  const inners = parts.map((p) => p.inner);
  const lines = parts.map((p) => p.line);
  const cols = parts.map((p) => p.col);
  const resume = (f: Frame, i: number): MaybePromise<Signal> => {
    f.line = lines[i];
    f.col = cols[i];
    return then(inners[i](f), (s) => (s !== undefined ? s : run(f, i + 1)));
  };
  const run = (f: Frame, start: number): MaybePromise<Signal> => {
    const ctl = f.session.ctl;
    for (let i = start; i < n; i++) {
      f.line = lines[i];
      f.col = cols[i];
      const t = ctl.tick();
      if (t !== undefined) {
        const idx = i;
        return t.then(() => resume(f, idx));
      }
      const r = inners[i](f);
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
