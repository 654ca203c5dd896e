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
      // The layers: shared/ and db/ serve everything and import none of what stands on them;
      // the domains import no HTTP, Apollo or executor code. (Still to go, with one declaration
      // per entity: db/entities.ts lists the domains' entities, and the domains import the
      // compiler's relations.)
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/shared',
              from: ['./src/modules', './src/compiler', './src/limits', './src/execution', './src/observability', './src/exports', './src/playground', './src/server.ts', './src/main.ts', './src/schema.ts'],
              message: 'shared/ imports no domain, compiler, limits, execution, observability, route or server code.',
            },
            {
              target: './src/db',
              from: ['./src/modules', './src/compiler', './src/limits', './src/execution', './src/observability', './src/exports', './src/playground', './src/server.ts', './src/main.ts', './src/schema.ts', './src/context.ts'],
              message: 'db/ imports no domain, compiler, limits, execution, observability, route, request or server code (the entities come from src/entities.ts).',
            },
            {
              target: './src/modules',
              from: ['./src/compiler', './src/limits', './src/execution', './src/observability', './src/exports', './src/playground', './src/server.ts', './src/main.ts'],
              message: 'A domain imports no compiler, limits, execution, observability, route or server code: it declares (shared/listing.ts, shared/resolvers.ts), the compiler reads.',
            },
          ],
        },
      ],
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
  {
    // The Playground's browser modules: ES modules served as they are written (no bundler), with the
    // browser's globals; the UMD builds' globals (React, GraphiQL, cytoscape, echarts) only through
    // `window`, where vendor.d.ts types them. The browser resolves only relative URLs: a module
    // imports its siblings by "./<name>.js".
    files: ['src/playground/browser/**/*.js'],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'window', 'document', 'navigator', 'location', 'history', 'console', 'globalThis',
          'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'requestAnimationFrame', 'cancelAnimationFrame',
          'performance', 'URL', 'URLSearchParams', 'Blob', 'TextDecoder', 'TextEncoder', 'atob', 'btoa',
          'getComputedStyle', 'matchMedia', 'ResizeObserver', 'MutationObserver', 'HTMLElement', 'Element', 'Event', 'CustomEvent',
        ].map((name) => [name, 'readonly']),
      ),
    },
    plugins: { 'import-x': importX },
    settings: { ...importX.flatConfigs.typescript.settings, 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      'no-undef': 'error',
      'no-var': 'off',
      'prefer-const': 'off',
      'prefer-rest-params': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-cycle': ['error', { allowUnsafeDynamicCyclicDependency: false }],
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./[a-z][a-z-]*\\.js$)', message: 'A browser module imports only its siblings, by "./<name>.js": the browser gets the files as they are.' }] }],
    },
  },
);
