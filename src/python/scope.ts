// Scope analysis over the Lezer tree, done once before compiling: which names each function
// assigns (its locals), which are declared global/nonlocal, and which locals inner functions
// capture (cells) — so the compiler can give every variable a fixed slot in its frame.
import type { SyntaxNode } from '@lezer/common';

export type ScopeKind = 'module' | 'function' | 'class' | 'comp' | 'genexp';

export type Binding =
  | { kind: 'slot'; index: number; cell: boolean }
  | { kind: 'global' }
  | { kind: 'class'; fallback: Binding }
  | { kind: 'name' };

export class Scope {
  readonly assigned = new Set<string>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly uses = new Set<string>();
  readonly children: Scope[] = [];
  readonly cells = new Set<string>();
  /** Free variables this frame receives from its closure, in closure order. */
  readonly frees: string[] = [];
  readonly slotOf = new Map<string, number>();
  params: string[] = [];
  hasYield = false;
  /** The def/class name (for qualified names like `f.<locals>.g`). */
  name = '';
  /** Slot counter, on frame owners only. */
  nslots = 0;

  constructor(
    public kind: ScopeKind,
    public node: SyntaxNode,
    public parent: Scope | undefined,
  ) {
    parent?.children.push(this);
  }

  /** The scope whose frame this scope's code runs in (comprehensions share their owner's). */
  get owner(): Scope {
    return this.kind === 'comp' ? this.parent!.owner : this;
  }

  /** Python's __qualname__ for a def/class/lambda scope. */
  get qualname(): string {
    const parts: string[] = [this.name];
    for (let p = this.parent; p && p.kind !== 'module'; p = p.parent) {
      if (p.kind === 'class') parts.unshift(p.name);
      else if (p.kind === 'function') parts.unshift(p.name + '.<locals>');
    }
    return parts.join('.');
  }

  isLocal(name: string): boolean {
    if (this.kind === 'module') return false;
    return (
      (this.assigned.has(name) || this.params.includes(name)) &&
      !this.globals.has(name) &&
      !this.nonlocals.has(name)
    );
  }

  allocate(name: string): number {
    let i = this.slotOf.get(name);
    if (i === undefined) {
      i = this.owner.nslots++;
      this.slotOf.set(name, i);
    }
    return i;
  }
}

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}

const scopeNodes = new Set([
  'FunctionDefinition',
  'LambdaExpression',
  'ClassDefinition',
  'ArrayComprehensionExpression',
  'SetComprehensionExpression',
  'DictionaryComprehensionExpression',
  'ComprehensionExpression',
]);

/** Key identifying a scope node. */
export function scopeKey(node: SyntaxNode): string {
  return `${node.name}@${node.from}`;
}

export class ScopeAnalysis {
  readonly scopes = new Map<string, Scope>();
  readonly module: Scope;

  constructor(root: SyntaxNode) {
    this.module = new Scope('module', root, undefined);
    this.scopes.set(scopeKey(root), this.module);
    this.walk(root, this.module);
    this.resolveAll(this.module);
  }

  private newScope(kind: ScopeKind, node: SyntaxNode, parent: Scope): Scope {
    const s = new Scope(kind, node, parent);
    this.scopes.set(scopeKey(node), s);
    return s;
  }

  /** Marks the names bound by an assignment target. */
  private target(node: SyntaxNode, scope: Scope): void {
    switch (node.name) {
      case 'VariableName':
        scope.assigned.add(text(node));
        scope.uses.add(text(node));
        return;
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'ParenthesizedExpression':
        for (const c of children(node)) this.target(c, scope);
        return;
      default:
        this.walk(node, scope);
    }
  }

  private params(paramList: SyntaxNode, outer: Scope, inner: Scope): void {
    const kids = children(paramList);
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k.name === 'VariableName') inner.params.push(text(k));
      else if (k.name === 'AssignOp') {
        // Default value: evaluated in the outer scope.
        if (kids[i + 1]) this.walk(kids[i + 1], outer);
        i++;
      } else if (k.name === 'TypeDef') this.walk(k, outer);
    }
  }

  private walk(node: SyntaxNode, scope: Scope): void {
    const name = node.name;
    if (name === 'VariableName') {
      scope.uses.add(text(node));
      return;
    }
    if (scopeNodes.has(name) || (name === 'ArgList' && children(node).some((k) => k.name === 'for'))) {
      this.scopeNode(node, scope);
      return;
    }
    const kids = children(node);
    switch (name) {
      case 'AssignStatement': {
        const ops = kids.filter((k) => k.name === 'AssignOp');
        const lastOp = ops[ops.length - 1];
        for (const k of kids) {
          if (k.name === 'AssignOp' || k.name === ',' || k.name === '*') continue;
          if (k.name === 'TypeDef') continue;
          if (lastOp && k.from < lastOp.from) this.target(k, scope);
          else this.walk(k, scope);
        }
        if (!lastOp) for (const k of kids) if (k.name === 'VariableName') scope.assigned.add(text(k));
        return;
      }
      case 'UpdateStatement':
        this.target(kids[0], scope);
        for (const k of kids.slice(1)) this.walk(k, scope);
        return;
      case 'ArgList': {
        // f(n := x) binds n as a walrus does; f(n=x) names a keyword, not a variable.
        for (let i = 0; i < kids.length; i++) {
          const k = kids[i];
          const op = kids[i + 1];
          if (k.name === 'VariableName' && op?.name === 'AssignOp') {
            if (text(op) === ':=') {
              let s = scope;
              while (s.kind === 'comp' || s.kind === 'genexp') s = s.parent!;
              this.target(k, s);
              scope.uses.add(text(k));
            }
            continue;
          }
          if (k.name !== 'AssignOp') this.walk(k, scope);
        }
        return;
      }
      case 'NamedExpression': {
        // Walrus in a comprehension binds in the enclosing function.
        let s = scope;
        while (s.kind === 'comp' || s.kind === 'genexp') s = s.parent!;
        this.target(kids[0], s);
        scope.uses.add(text(kids[0]));
        for (const k of kids.slice(1)) this.walk(k, scope);
        return;
      }
      case 'ForStatement': {
        let inFound = false;
        for (const k of kids) {
          if (k.name === 'in') {
            inFound = true;
            continue;
          }
          if (!inFound && k.name !== 'for' && k.name !== ',') this.target(k, scope);
          else this.walk(k, scope);
        }
        return;
      }
      case 'WithStatement':
      case 'TryStatement': {
        for (let i = 0; i < kids.length; i++) {
          if (kids[i].name === 'as' && kids[i + 1]) {
            this.target(kids[i + 1], scope);
            i++;
          } else this.walk(kids[i], scope);
        }
        return;
      }
      case 'ImportStatement': {
        const isFrom = kids[0]?.name === 'from';
        let afterImport = !isFrom;
        for (let i = 0; i < kids.length; i++) {
          const k = kids[i];
          if (k.name === 'import') {
            afterImport = true;
            continue;
          }
          if (!afterImport) continue;
          if (k.name === 'as') {
            scope.assigned.add(text(kids[i + 1]));
            i++;
            continue;
          }
          if (k.name === 'VariableName') {
            const prev = kids[i - 1];
            const next = kids[i + 1];
            if (prev?.name === '.') continue;
            if (next?.name === 'as') continue;
            if (!isFrom && next?.name === '.') {
              scope.assigned.add(text(k));
              continue;
            }
            scope.assigned.add(text(k));
          }
        }
        return;
      }
      case 'ScopeStatement': {
        const isGlobal = kids[0]?.name === 'global';
        for (const k of kids.slice(1))
          if (k.name === 'VariableName') (isGlobal ? scope.globals : scope.nonlocals).add(text(k));
        return;
      }
      case 'DeleteStatement':
        for (const k of kids.slice(1)) this.target(k, scope);
        return;
      case 'YieldStatement':
      case 'YieldExpression':
        scope.owner.hasYield = true;
        break;
      case 'MemberExpression':
        // `a.b`: only `a` is a name; PropertyName is not.
        break;
    }
    for (const k of kids) this.walk(k, scope);
  }

  private scopeNode(node: SyntaxNode, scope: Scope): void {
    const kids = children(node);
    switch (node.name) {
      case 'FunctionDefinition': {
        const nameNode = kids.find((k) => k.name === 'VariableName');
        if (nameNode) scope.assigned.add(text(nameNode));
        const inner = this.newScope('function', node, scope);
        inner.name = nameNode ? text(nameNode) : '';
        const pl = kids.find((k) => k.name === 'ParamList');
        if (pl) this.params(pl, scope, inner);
        for (const k of kids) if (k.name === 'TypeDef') this.walk(k, scope);
        const body = kids.find((k) => k.name === 'Body');
        if (body) this.walk(body, inner);
        return;
      }
      case 'LambdaExpression': {
        const inner = this.newScope('function', node, scope);
        inner.name = '<lambda>';
        const pl = kids.find((k) => k.name === 'ParamList');
        if (pl) this.params(pl, scope, inner);
        const colon = kids.findIndex((k) => k.name === ':');
        for (const k of kids.slice(colon + 1)) this.walk(k, inner);
        return;
      }
      case 'ClassDefinition': {
        const nameNode = kids.find((k) => k.name === 'VariableName');
        if (nameNode) scope.assigned.add(text(nameNode));
        const args = kids.find((k) => k.name === 'ArgList');
        if (args) this.walk(args, scope);
        const inner = this.newScope('class', node, scope);
        inner.name = nameNode ? text(nameNode) : '';
        const body = kids.find((k) => k.name === 'Body');
        if (body) this.walk(body, inner);
        return;
      }
      default: {
        // Comprehensions: the first iterable belongs to the enclosing scope.
        const isGen = node.name === 'ComprehensionExpression' || node.name === 'ArgList';
        const inner = this.newScope(isGen ? 'genexp' : 'comp', node, scope);
        let state: 'elt' | 'target' | 'iter' | 'cond' = 'elt';
        let firstIter = true;
        for (const k of kids) {
          const n = k.name;
          if (n === 'for') {
            state = 'target';
            continue;
          }
          if (n === 'in' && state === 'target') {
            state = 'iter';
            continue;
          }
          if (n === 'if') {
            state = 'cond';
            continue;
          }
          if (
            n === ',' ||
            n === '[' ||
            n === ']' ||
            n === '{' ||
            n === '}' ||
            n === '(' ||
            n === ')' ||
            n === ':' ||
            n === 'async'
          )
            continue;
          if (state === 'target') this.target(k, inner);
          else if (state === 'iter' && firstIter) {
            this.walk(k, scope);
            firstIter = false;
          } else this.walk(k, inner);
        }
        return;
      }
    }
  }

  private resolveAll(scope: Scope): void {
    for (const name of scope.uses) this.resolve(scope, name);
    for (const n of scope.nonlocals) this.resolve(scope, n);
    for (const c of scope.children) this.resolveAll(c);
  }

  /** Ensures `name` used in `scope` has a binding: marks cells and free variables. */
  private resolve(scope: Scope, name: string): void {
    if (scope.globals.has(name)) return;
    // Same frame: the scope itself, then enclosing comprehensions up to the frame owner.
    let s: Scope | undefined = scope;
    for (;;) {
      // A comprehension in a class body does not see the class's names (CPython 3.11).
      if (s.kind === 'class' && s !== scope) break;
      if (s.isLocal(name)) return;
      if (s.kind !== 'comp') break;
      s = s.parent!;
    }
    const owner = scope.owner;
    if (owner.kind === 'module') return;
    // Look in enclosing frames, skipping class bodies.
    const chain: Scope[] = [owner];
    let p = owner.parent;
    while (p) {
      if (p.kind === 'module') return;
      if (p.kind !== 'class' && p.isLocal(name)) {
        p.cells.add(name);
        for (const f of chain) if (!f.frees.includes(name)) f.frees.push(name);
        return;
      }
      // A class body between them passes the cell on, as CPython's class frames do (its own names
      // are not looked in).
      if (p.kind !== 'comp' && p !== owner) chain.push(p);
      if (p.kind === 'class' && p.globals.has(name)) return;
      p = p.parent;
    }
  }
}

let source = '';
/** The source text the node positions refer to (set by the compiler before analysis). */
export function setSource(src: string): void {
  source = src;
}
export function text(node: SyntaxNode): string {
  return source.slice(node.from, node.to);
}
