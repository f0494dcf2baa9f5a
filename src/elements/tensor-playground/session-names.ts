// Which names a cell defines and which it reads, from the Lezer syntax tree (no interpreter in the
// page): the "Run all above" offer appears only when a cell fails on a name a cell above defines.
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';

/** True when this VariableName is a name the statement around it binds (assigned, defined, imported). */
function binds(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.name) {
    case 'FunctionDefinition':
    case 'ClassDefinition':
      // `def f(...)`: the first VariableName is the function's name.
      return parent.getChild('VariableName')?.from === node.from;
    case 'ImportStatement':
      return importBindings(parent).includes(node.from);
    case 'AssignStatement':
    case 'UpdateStatement':
      // Targets come before the last `=`.
      return node.to <= lastAssignOp(parent);
    case 'ForStatement':
      return node.to <= (parent.getChild('in')?.from ?? -1);
    case 'WithStatement':
      return node.prevSibling?.name === 'as';
    case 'TupleExpression':
    case 'ArrayExpression':
    case 'ParenthesizedExpression':
      return binds(parent);
    default:
      return false;
  }
}

function lastAssignOp(statement: SyntaxNode): number {
  let at = -1;
  for (let child = statement.firstChild; child; child = child.nextSibling)
    if (child.name === 'AssignOp' || child.name === 'UpdateOp') at = child.from;
  return at;
}

/** The names an import binds: `import a.b` binds a, `import a.b as c` c, `from m import x, y as z` x and z. */
function importBindings(statement: SyntaxNode): number[] {
  const bound: number[] = [];
  const importKeyword = statement.getChild('import');
  const isFrom = statement.getChild('from') !== null;
  let first: SyntaxNode | null = null;
  let alias = false;
  const close = (): void => {
    if (first && !alias) bound.push(first.from);
    first = null;
    alias = false;
  };
  for (let child = statement.firstChild; child; child = child.nextSibling) {
    if (isFrom && importKeyword && child.from < importKeyword.from) continue;
    if (child.name === ',') close();
    else if (child.name === 'as') alias = true;
    else if (child.name === 'VariableName') {
      if (alias) bound.push(child.from);
      else first ??= child;
    }
  }
  close();
  return bound;
}

/** Names bound inside a `def` or `class` body are that body's, not the session's. */
function insideDefinition(node: SyntaxNode): boolean {
  for (let at = node.parent; at; at = at.parent)
    if (
      at.name === 'Body' &&
      (at.parent?.name === 'FunctionDefinition' || at.parent?.name === 'ClassDefinition')
    )
      return true;
  return false;
}

function walkNames(code: string, visit: (node: SyntaxNode, text: string) => void): void {
  const cursor = parser.parse(code).cursor();
  do {
    if (cursor.name === 'VariableName') visit(cursor.node, code.slice(cursor.from, cursor.to));
  } while (cursor.next());
}

/** Names a cell's top-level code binds: assignments, `def`, `class`, imports, loop and `with` targets. */
export function definedNames(code: string): Set<string> {
  const names = new Set<string>();
  walkNames(code, (node, text) => {
    if (binds(node) && !insideDefinition(node)) names.add(text);
  });
  return names;
}

/** Every name a cell mentions. */
export function usedNames(code: string): Set<string> {
  const names = new Set<string>();
  walkNames(code, (_, text) => names.add(text));
  return names;
}
