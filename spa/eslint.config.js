// ESLint flat config: typescript-eslint (type-aware) + react-hooks, no import cycles, and the layer rules:
// shared code (api, lib, i18n, components, test) imports no feature and not app; a feature imports no other
// feature and not app; app (routes, shell) composes them all.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Every folder of src/features is a feature: a new one is bound by the rules below without being listed.
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Shared code: everything may import it, it imports neither a feature nor app. */
const sharedLayers = ['api', 'lib', 'i18n', 'components', 'test'];

const noApp = {
  regex: '^@/app(/|$)',
  message: 'Only src/app composes features into pages; move what you need from app into src/lib or src/components.',
};

const sharedBoundary = {
  files: sharedLayers.map((layer) => `src/${layer}/**/*.{ts,tsx}`),
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^@/features(/|$)',
            message: 'Shared code (api, lib, i18n, components) must not import a feature; compose in src/app or move the code here.',
          },
          noApp,
          {
            regex: '^(\\.\\./)+(features|app)(/|$)',
            message: 'Shared code (api, lib, i18n, components) must not import features or app.',
          },
        ],
      },
    ],
  },
};

/** Features never import each other nor app; shared code lives in src/lib and src/components. */
const featureBoundaries = features.map((feature) => ({
  files: [`src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^@/features/(?!${feature}/)`,
            message: 'Features must not import each other; compose them in src/app, or move shared code to src/lib or src/components.',
          },
          noApp,
          {
            regex: '^(\\.\\./){2,}',
            message: 'Leave the feature folder through the @/ alias (and never into another feature).',
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/api/schema.d.ts', 'public'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      ecmaVersion: 2022,
      globals: globals.browser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // No import cycles in the app (lazy import() counts; `import type` does not, it is gone at run time).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these two, import-x skips .ts(x) files when it follows an import, and finds no cycle at all.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      // Resolves the @/ alias as tsc and Vite do.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: join(import.meta.dirname, 'tsconfig.app.json') })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Fakes in tests often return promises without awaiting anything.
    files: ['**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  sharedBoundary,
  ...featureBoundaries,
);
