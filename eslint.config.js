const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  {ignores: ['node_modules/', 'build/', 'dist/', '.dev-wiki/', 'coverage/', 'scratch/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {sourceType: 'commonjs', globals: {require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly'}},
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  },
  {
    files: ['shared/**/*.ts'],
    // shared/ is the pure core used by the gadget too: no Node modules, no I/O.
    rules: {'no-restricted-imports': ['error', {patterns: ['node:*', 'fs', 'path', 'child_process', 'http', 'https', 'mwn']}]},
  },
  {rules: {'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}]}},
);
