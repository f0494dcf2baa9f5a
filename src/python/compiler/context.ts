// What the files that compile one kind of syntax need from the compiler (compiler.ts implements
// it): the source and its scopes, the way back into statements and expressions, and what encloses
// the code being compiled (loops and functions, for break/continue/return).
import type { SyntaxNode } from '@lezer/common';
import type { PyException } from '../objects.js';
import type { Scope, ScopeAnalysis } from '../scope.js';
import type { Expr, Stmt } from './frame.js';

export interface CompileContext {
  readonly src: string;
  readonly analysis: ScopeAnalysis;
  /** Loops around the statement being compiled, inside the innermost function or class. */
  loopDepth: number;
  /** Functions around the statement being compiled (0 at module and class level). */
  fnDepth: number;
  /** True while compiling the targets of `x = …` with one `=` (its error messages differ). */
  assigningWithEquals: boolean;
  expr(node: SyntaxNode, scope: Scope): Expr;
  /** A comma-separated list: one expression, or a tuple. */
  exprList(nodes: SyntaxNode[], scope: Scope): Expr;
  stmt(node: SyntaxNode, scope: Scope): Stmt;
  /** A function, class or block body. */
  body(node: SyntaxNode, scope: Scope): Stmt;
  /** A loop's body: break and continue are allowed in it. */
  loopBody(node: SyntaxNode, scope: Scope): Stmt;
  block(stmts: Stmt[]): Stmt;
  flatStatements(node: SyntaxNode): SyntaxNode[];
  /** Compiles a function or class body: loops outside it do not count for break/continue. */
  nested<T>(isFunction: boolean, compile: () => T): T;
  syntaxError(node: SyntaxNode, message: string): PyException;
  /** Registers how a site drops the values it memoised, for CompiledCell.forget. */
  onForget(drop: () => void): void;
}
