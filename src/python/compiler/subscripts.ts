// The key inside `x[...]`: an index, a slice `a:b:c`, or a tuple of them (`x[i, 1:]`). Loads,
// stores, deletes and augmented assignments all compile their subscript here.
import type { SyntaxNode } from '@lezer/common';
import { None, PySlice, PyTuple } from '../objects.js';
import { mapMP, then } from '../maybe-promise.js';
import type { Scope } from '../scope.js';
import type { CompileContext } from './context.js';
import type { Expr } from './frame.js';

export function subscript(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Expr {
  const open = kids.findIndex((k) => k.name === '[');
  const inner = kids.slice(open + 1, kids[kids.length - 1].name === ']' ? -1 : undefined);
  // Split on top-level commas; each part is an expression or a slice with ':' tokens.
  const parts: SyntaxNode[][] = [[]];
  for (const k of inner) {
    if (k.name === ',') parts.push([]);
    else parts[parts.length - 1].push(k);
  }
  const trailingComma = parts.length > 1 && parts[parts.length - 1].length === 0;
  if (trailingComma) parts.pop();
  const compiled = parts.map((p) => slicePart(comp, p, scope));
  if (compiled.length === 1 && !trailingComma) return compiled[0];
  return (f) =>
    then(
      mapMP(compiled, (c) => c(f)),
      (xs) => new PyTuple(xs),
    );
}

function slicePart(comp: CompileContext, nodes: SyntaxNode[], scope: Scope): Expr {
  if (!nodes.some((k) => k.name === ':')) {
    if (nodes[0]?.name === '*') {
      const e = comp.expr(nodes[1], scope);
      return e;
    }
    return comp.expr(nodes[0], scope);
  }
  const slots: (Expr | null)[] = [null, null, null];
  let idx = 0;
  for (const k of nodes) {
    if (k.name === ':') idx++;
    else slots[idx] = comp.expr(k, scope);
  }
  const [a, b, c] = slots;
  return (f) =>
    then(a ? a(f) : None, (start) =>
      then(b ? b(f) : None, (stop) => then(c ? c(f) : None, (step) => new PySlice(start, stop, step))),
    );
}
