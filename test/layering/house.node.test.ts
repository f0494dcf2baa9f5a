// The house's limits, measured on the sources so they stay true: no file in src/ (tests aside) over
// 1,000 lines, no class over 500, and no import cycle (a module that imports what it uses never
// needs another to fill a table for it at load time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('../..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sourceFiles(join(root, 'src'));
const parsed = new Map(
  files.map((f) => [f, ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true)]),
);
const name = (f: string) => relative(root, f);

test('no source file in src/ is over 1,000 lines', () => {
  assert.ok(files.length > 100, `found only ${files.length} files`);
  const over = files
    .map((f) => ({ file: name(f), lines: parsed.get(f)!.getLineStarts().length }))
    .filter((x) => x.lines > 1000);
  assert.deepEqual(over, []);
});

test('no class in src/ is over 500 lines', () => {
  const classes: { cls: string; lines: number }[] = [];
  for (const [f, sf] of parsed) {
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
        const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
        classes.push({ cls: `${name(f)} ${node.name?.text ?? '(anonymous)'}`, lines: last - first + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  assert.ok(classes.length > 50, `found only ${classes.length} classes`);
  assert.deepEqual(
    classes.filter((c) => c.lines > 500),
    [],
  );
});

/** The modules `sf` imports for its values (type-only imports and lazy import() load nothing). */
function valueImports(file: string, sf: ts.SourceFile): string[] {
  const out: string[] = [];
  for (const st of sf.statements) {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      if (clause && !clause.name && bindings && ts.isNamedImports(bindings)) {
        if (bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)) continue;
      }
      spec = st.moduleSpecifier;
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly && st.moduleSpecifier) {
      const clause = st.exportClause;
      if (clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly)) continue;
      spec = st.moduleSpecifier;
    }
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
    const target = normalize(join(dirname(file), spec.text.replace(/\.js$/, '.ts')));
    if (existsSync(target)) out.push(target);
  }
  return out;
}

test('no import cycle among the modules of src/', () => {
  const graph = new Map([...parsed].map(([f, sf]) => [f, valueImports(f, sf)]));
  const edges = [...graph.values()].reduce((n, d) => n + d.length, 0);
  assert.ok(edges > 300, `found only ${edges} imports`);
  // Depth-first search; a module met again while still on the path closes a cycle.
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const path: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    path.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open') cycles.push([...path.slice(path.indexOf(d)), d].map(name).join(' → '));
      else if (!state.has(d)) visit(d);
    }
    path.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  assert.deepEqual(cycles, []);
});
