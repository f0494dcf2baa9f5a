// Generates custom-elements.json from the JSDoc on each element class, and editor data for
// VS Code and JetBrains from it.
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

// Editor data lists an attribute's values only from a union of string literals written out:
// `DeviceName` would be offered as the value "DeviceName". Aliases of such unions in src/kernel
// are written out in the manifest's types.
const LITERAL_UNION = /export type (\w+) =((?:\s*\|?\s*'[^']*')+);/g;
const aliases = new Map(
  readdirSync('src/kernel')
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [...readFileSync(`src/kernel/${file}`, 'utf8').matchAll(LITERAL_UNION)])
    .map(([, name, union]) => [
      name,
      union
        .trim()
        .replace(/^\|\s*/, '')
        .replace(/\s+/g, ' '),
    ]),
);
const writeOutAliases = {
  name: 'write-out-literal-unions',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules)
      for (const decl of mod.declarations ?? [])
        for (const item of [...(decl.members ?? []), ...(decl.attributes ?? [])]) {
          const text = item.type?.text;
          if (!text) continue;
          const parts = text.split('|').map((part) => part.trim());
          if (!parts.some((part) => aliases.has(part))) continue;
          // An absent attribute is the null case: editors offer the values.
          const written = parts.filter((part) => part !== 'null').map((part) => aliases.get(part) ?? part);
          item.type.text = written.join(' | ');
        }
  },
};

/** Each CSS custom property and part once, however many elements share it (the first description). */
function dedupeCssData(file, lists) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  for (const path of lists) {
    const holder = path.slice(0, -1).reduce((obj, key) => obj?.[key], data);
    const key = path[path.length - 1];
    if (!Array.isArray(holder?.[key])) continue;
    const seen = new Set();
    holder[key] = holder[key].filter((entry) => !seen.has(entry.name) && seen.add(entry.name));
  }
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
const dedupeEditorCss = {
  name: 'dedupe-editor-css',
  packageLinkPhase() {
    dedupeCssData('dist/editor/vscode.css-custom-data.json', [['properties'], ['pseudoElements']]);
    dedupeCssData('dist/editor/web-types.json', [
      ['contributions', 'css', 'properties'],
      ['contributions', 'css', 'pseudo-elements'],
    ]);
  },
};

export default {
  globs: ['src/elements/*/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/**/*.generated.ts', 'src/elements/shared/**'],
  outdir: '.',
  litelement: true,
  plugins: [
    // Modules in path order: the glob's file-system order differs between clones, and the committed
    // manifest should not change with it.
    {
      name: 'sort-modules',
      packageLinkPhase: ({ customElementsManifest }) =>
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path)),
    },
    writeOutAliases,
    customElementVsCodePlugin({
      outdir: 'dist/editor',
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
    }),
    customElementJetBrainsPlugin({
      outdir: 'dist/editor',
      webTypesFileName: 'web-types.json',
      packageJson: false,
    }),
    dedupeEditorCss,
  ],
};
