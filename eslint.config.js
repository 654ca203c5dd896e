// @ts-check
const tseslint = require('typescript-eslint');
const noDirImport = require('./scripts/eslint/no-dir-import');
const importX = require('eslint-plugin-import-x');
const { createTypeScriptImportResolver } = require('eslint-import-resolver-typescript');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/generated/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    plugins: { local: { rules: { 'no-dir-import': noDirImport } }, 'import-x': importX },
    settings: { ...importX.flatConfigs.typescript.settings, 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      'local/no-dir-import': 'error',
      // No import circles, type imports included: a circle is a layer that does not hold.
      'import-x/no-cycle': ['error', { allowUnsafeDynamicCyclicDependency: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Error'] > Literal:first-child", message: 'Throw a coded error (shared/errors.ts), or use invariant() for internal assumptions.' },
      ],
    },
  },
  {
    // A migration carries its own SQL: what an old migration does must not change with today's
    // code. Derived data it cannot write as SQL it names for a rebuild (migrations/rebuild.ts).
    files: ['src/db/migrations/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!./rebuild'], message: 'A migration imports nothing of the application (see src/db/migrations/rebuild.ts).' }] }],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
