import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import { layering } from './config/layering.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'custom-elements.json', 'coverage/**', '.cache/**'] },
  // The example apps are built and type-checked by their own tools (test/consumers/run.mjs).
  { ignores: ['test/consumers/*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  layering,
);
