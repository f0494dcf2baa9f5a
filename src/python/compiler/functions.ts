// def, class, decorators and lambda: parameters, closures (cell and free slots), defaults.
import type { SyntaxNode } from '@lezer/common';
import { Kwargs, pyError, PyType, PyValue } from '../objects.js';
import { call, getAttr, PyStaticMethod } from '../runtime.js';
import { isPromise, mapMP, MaybePromise, then } from '../maybe-promise.js';
import { children, Scope, scopeKey, text } from '../scope.js';
import type { CompileContext } from './context.js';
import {
  addTrace,
  Cell,
  CodeInfo,
  Expr,
  Frame,
  ParamInfo,
  PyFunction,
  RETURN,
  Signal,
  Stmt,
} from './frame.js';
import { stringValue } from './literals.js';
import { positionedParts } from './positions.js';
import { allocateScope, cellSource, storeName } from './names.js';
import { callArgs } from './calls.js';

export function decorated(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Stmt {
  const decorators: Expr[] = [];
  let def: SyntaxNode | undefined;
  for (const k of kids) {
    if (k.name === 'Decorator') decorators.push(decoratorExpr(comp, k, scope));
    else def = k;
  }
  if (!def) throw comp.syntaxError(kids[0], 'invalid syntax');
  if (def.name === 'ClassDefinition') return classDef(comp, def, scope, decorators);
  return functionDef(comp, def, scope, decorators);
}

export function decoratorExpr(comp: CompileContext, node: SyntaxNode, scope: Scope): Expr {
  const kids = children(node).filter((k) => k.name !== 'At');
  if (kids.length === 1) return comp.expr(kids[0], scope);
  let e: Expr = comp.expr(kids[0], scope);
  for (let i = 1; i < kids.length; i++) {
    const k = kids[i];
    if (k.name === '.') {
      const name = text(kids[i + 1]);
      const prev = e;
      e = (f) => then(prev(f), (o) => getAttr(o, name));
      i++;
    } else if (k.name === 'ArgList') {
      const prev = e;
      const args = callArgs(comp, k, scope);
      e = (f) => then(prev(f), (fn) => then(args(f), ([a, kw]) => call(fn, a, kw)));
    }
  }
  return e;
}

export function parameters(
  comp: CompileContext,
  paramList: SyntaxNode | undefined,
  outer: Scope,
  inner: Scope,
): { params: ParamInfo[]; defaults: Expr[] } {
  const params: ParamInfo[] = [];
  const defaults: Expr[] = [];
  if (!paramList) return { params, defaults };
  const kids = children(paramList);
  let afterStar = false;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i];
    if (k.name === '*') {
      if (kids[i + 1]?.name === 'VariableName') {
        const name = text(kids[i + 1]);
        params.push({ name, slot: inner.allocate(name), kind: 'varargs', defaultIndex: -1 });
        i++;
      }
      afterStar = true;
      continue;
    }
    if (k.name === '**') {
      const name = text(kids[i + 1]);
      params.push({ name, slot: inner.allocate(name), kind: 'varkw', defaultIndex: -1 });
      i++;
      continue;
    }
    if (k.name === 'VariableName') {
      const kind: ParamInfo['kind'] = afterStar ? 'kwonly' : 'pos';
      const name = text(k);
      const p: ParamInfo = { name, slot: inner.allocate(name), kind, defaultIndex: -1 };
      if (kids[i + 1]?.name === 'TypeDef') i++;
      if (kids[i + 1]?.name === 'AssignOp') {
        p.defaultIndex = defaults.length;
        defaults.push(comp.expr(kids[i + 2], outer));
        i += 2;
      }
      params.push(p);
    }
  }
  return { params, defaults };
}

/** How many of the last positional parameters have defaults (all of them may be omitted). */
function trailingDefaults(positional: ParamInfo[]): number {
  let k = 0;
  while (k < positional.length && positional[positional.length - 1 - k].defaultIndex >= 0) k++;
  return k;
}

export function makeFunction(
  comp: CompileContext,
  node: SyntaxNode,
  scope: Scope,
  name: string,
  bodyNode: SyntaxNode,
  isLambda: boolean,
): Expr {
  const inner = comp.analysis.scopes.get(scopeKey(node))!;
  const kids = children(node);
  const { params, defaults } = parameters(
    comp,
    kids.find((k) => k.name === 'ParamList'),
    scope,
    inner,
  );
  const { cellSlots, freeSlots } = allocateScope(inner);
  let doc: string | undefined;
  let body: Stmt;
  const names = new Set<string>();
  for (const p of params) {
    if (names.has(p.name))
      throw comp.syntaxError(node, `duplicate argument '${p.name}' in function definition`);
    names.add(p.name);
  }
  if (isLambda) {
    const e = comp.nested(true, () => comp.expr(bodyNode, inner));
    body = (f) =>
      then(e(f), (v) => {
        f.ret = v;
        return RETURN;
      });
    if (inner.hasYield) {
      body = (f) => then(e(f), () => RETURN);
    }
  } else {
    const stmts = comp.flatStatements(bodyNode);
    const first = stmts[0];
    if (first?.name === 'ExpressionStatement') {
      const c = children(first)[0];
      if (c?.name === 'String') doc = stringValue(c);
    }
    body = comp.nested(true, () => comp.body(bodyNode, inner));
  }
  const positional = params.filter((p) => p.kind === 'pos');
  const code: CodeInfo = {
    name,
    qualname: inner.qualname,
    params,
    nposargs: positional.length,
    scope: inner,
    body,
    one: inner.hasYield ? undefined : positionedParts(body),
    isGenerator: inner.hasYield,
    cellSlots,
    freeSlots,
    paramCells: new Set(params.filter((p) => inner.cells.has(p.name)).map((p) => p.slot)),
    simple: params.every((p, i) => p.kind === 'pos' && p.slot === i),
    minArgs: positional.length - trailingDefaults(positional),
    positional,
    varargs: params.find((p) => p.kind === 'varargs'),
    varkw: params.find((p) => p.kind === 'varkw'),
    byName: new Map(params.filter((p) => p.kind === 'pos' || p.kind === 'kwonly').map((p) => [p.name, p])),
    doc,
  };
  // The closure: cells of the enclosing frame, in the inner scope's free order.
  const freeSources = inner.frees.map((n) => cellSource(n, scope));
  return (f) =>
    then(
      mapMP(defaults, (d) => d(f)),
      (defs) => {
        const closure = freeSources.map((i) => f.slots[i] as Cell);
        return new PyFunction(code, defs, closure, f.globals, f.session);
      },
    );
}

export function functionDef(comp: CompileContext, node: SyntaxNode, scope: Scope, decorators: Expr[]): Stmt {
  const kids = children(node);
  if (kids[0]?.name === 'async') throw comp.syntaxError(node, 'async functions are not supported');
  const name = text(kids.find((k) => k.name === 'VariableName')!);
  const make = makeFunction(
    comp,
    node,
    scope,
    name,
    kids.find((k) => k.name === 'Body')!,
    false,
  );
  const store = storeName(comp, name, scope);
  return (f) =>
    then(
      mapMP(decorators, (d) => d(f)),
      (decs) =>
        then(make(f), (fn) => {
          let v: MaybePromise<PyValue> = fn;
          for (let i = decs.length - 1; i >= 0; i--) {
            const d = decs[i];
            v = then(v, (x) => call(d, [x], null));
          }
          return then(v, (x) => then(store(f, x), () => undefined));
        }),
    );
}

export function classDef(comp: CompileContext, node: SyntaxNode, scope: Scope, decorators: Expr[]): Stmt {
  const kids = children(node);
  const name = text(kids.find((k) => k.name === 'VariableName')!);
  const argList = kids.find((k) => k.name === 'ArgList');
  const args = argList ? callArgs(comp, argList, scope) : undefined;
  const inner = comp.analysis.scopes.get(scopeKey(node))!;
  const { freeSlots } = allocateScope(inner);
  const bodyNode = kids.find((k) => k.name === 'Body')!;
  const body = comp.nested(false, () => comp.body(bodyNode, inner));
  const freeSources = inner.frees.map((n) => cellSource(n, scope));
  const store = storeName(comp, name, scope);
  let doc: string | undefined;
  const first = comp.flatStatements(bodyNode)[0];
  if (first?.name === 'ExpressionStatement' && children(first)[0]?.name === 'String')
    doc = stringValue(children(first)[0]);
  return (f) =>
    then(args ? args(f) : ([[], null] as [PyValue[], Kwargs | null]), ([bases]) => {
      for (const b of bases) if (!(b instanceof PyType)) throw pyError('TypeError', 'bases must be types');
      const cf = new Frame(f.globals, f.session, inner.nslots);
      cf.classNs = new Map();
      freeSlots.forEach((slot, i) => (cf.slots[slot] = f.slots[freeSources[i]]));
      cf.line = f.line;
      const finish = () => {
        const cls = new PyType(name, {
          module: '__main__',
          bases: bases.length ? (bases as PyType[]) : undefined,
          doc,
        });
        for (const [k, v] of cf.classNs!) {
          cls.dict.set(k, v);
          if (v instanceof PyFunction) v.definingClass = cls;
          if (v instanceof PyStaticMethod && v.func instanceof PyFunction) v.func.definingClass = cls;
        }
        let v: MaybePromise<PyValue> = cls;
        return then(
          mapMP(decorators, (d) => d(f)),
          (decs) => {
            for (let i = decs.length - 1; i >= 0; i--) {
              const d = decs[i];
              v = then(v, (x) => call(d, [x], null));
            }
            return then(v, (x) => then(store(f, x), () => undefined));
          },
        );
      };
      let r: MaybePromise<Signal>;
      try {
        r = body(cf);
      } catch (e) {
        throw addTrace(e, cf, name);
      }
      if (isPromise(r))
        return r.then(finish, (e: unknown) => {
          throw addTrace(e, cf, name);
        });
      return finish();
    });
}
