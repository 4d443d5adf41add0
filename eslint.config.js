// Lint: typescript-eslint everywhere, the Lit and web-components rules on the
// widget, and type-aware promise rules where async mistakes lose messages.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', '.scratch/', 'dist/', 'lib/', 'coverage/', 'bench/results.json', 'custom-elements.json', 'test/package/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'server/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Plain TypeScript only: the protocol layer never imports lit or touches the DOM tree.
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['lit', 'lit/*', '@lit/*', '../components/*', '../controller/*'] }],
      'no-restricted-globals': ['error', 'document'],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'server/**/*.ts', 'bench/**/*.{ts,mjs}', '*.config.*', 'test/helpers/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
