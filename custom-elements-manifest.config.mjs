// Generates custom-elements.json from the JSDoc on each element class, and editor data for
// VS Code and JetBrains from it.
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

export default {
  globs: ['src/elements/*/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/**/*.data.ts', 'src/elements/shared/**'],
  outdir: '.',
  litelement: true,
  plugins: [
    // Modules in path order: the glob's file-system order differs between clones, and the committed
    // manifest should not change with it.
    { name: 'sort-modules', packageLinkPhase: ({ customElementsManifest }) => customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path)) },
    customElementVsCodePlugin({ outdir: 'dist/editor', htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json' }),
    customElementJetBrainsPlugin({ outdir: 'dist/editor', webTypesFileName: 'web-types.json', packageJson: false }),
  ],
};
