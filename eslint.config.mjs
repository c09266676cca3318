// @ts-check
import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { importX } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const R = './src/renderer/src'
const layer = (name) => `${R}/${name}`
const features = (() => {
  try {
    return readdirSync(layer('features'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
  } catch {
    return []
  }
})()

/**
 * The direction of the codebase (DESIGN.md): UI -> features -> store -> crypto/domain.
 * domain and crypto import nothing above them; store imports domain and crypto; features import
 * store, domain, crypto, ui and platform but not each other; only app imports features.
 */
const zones = [
  {
    target: layer('domain'),
    from: [
      layer('crypto'),
      layer('store'),
      layer('features'),
      layer('platform'),
      layer('ui'),
      layer('app'),
    ],
    message: 'domain is pure: it imports no other layer.',
  },
  {
    target: layer('crypto'),
    from: [
      layer('domain'),
      layer('store'),
      layer('features'),
      layer('platform'),
      layer('ui'),
      layer('app'),
    ],
    message: 'crypto imports no other layer.',
  },
  {
    target: layer('store'),
    from: [layer('features'), layer('platform'), layer('ui'), layer('app')],
    message: 'store imports only domain and crypto.',
  },
  {
    target: layer('platform'),
    from: [
      layer('domain'),
      layer('crypto'),
      layer('store'),
      layer('features'),
      layer('ui'),
      layer('app'),
    ],
    message: 'platform is the host adapter only.',
  },
  {
    target: layer('ui'),
    from: [layer('crypto'), layer('store'), layer('features'), layer('platform'), layer('app')],
    message: 'ui is presentational: no data, no features.',
  },
  {
    target: layer('features'),
    from: [layer('app')],
    message: 'features never import the app shell.',
  },
  {
    // The store's insides: the database, its rows and the raw record machinery. Screens ask for
    // data through the named queries (store/queries) and change it through store/operations.
    target: [layer('features'), layer('app'), layer('ui'), layer('platform')],
    from: [`${layer('store')}/db.ts`, `${layer('store')}/records.ts`, `${layer('store')}/live.ts`],
    message:
      'screens never see the database or its rows: use the named queries in store/queries and the operations in store/operations.',
  },
  ...features.map((name) => ({
    target: `${layer('features')}/${name}`,
    from: layer('features'),
    except: [`./${name}`],
    message: 'features do not import each other; the app composes them.',
  })),
  {
    target: './src/renderer',
    from: ['./src/main', './src/preload'],
    message: 'the renderer talks to main only through window.mend.',
  },
  {
    target: './src/main',
    from: ['./src/renderer', './src/preload'],
    message: 'main never imports renderer or preload code.',
  },
  {
    target: './src/preload',
    from: ['./src/renderer', './src/main'],
    message: 'the preload imports only src/shared and electron.',
  },
  {
    target: './src/shared',
    from: ['./src/main', './src/preload', './src/renderer'],
    message: 'src/shared is the contract: it imports nothing.',
  },
]

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: [
            'tsconfig.node.json',
            'tsconfig.web.json',
            'tsconfig.e2e.json',
            'tsconfig.unit.json',
          ],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': 'error',
      'no-console': ['error', { allow: ['error', 'warn', 'log'] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/browser/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Mend does not use the React Compiler; react-hook-form's watch() is fine without it.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer reaches the host only through the platform adapter.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // Chromium saves form state (session restore, autofill) unless autocomplete is off.
          selector:
            'JSXOpeningElement[name.name="form"]:not(:has(JSXAttribute[name.name="autoComplete"][value.value="off"]))',
          message:
            'Every <form> needs autoComplete="off": the browser must not keep what was typed.',
        },
      ],
    },
  },
  {
    files: [
      'src/renderer/src/features/**',
      'src/renderer/src/app/**',
      'src/renderer/src/ui/**',
      'src/renderer/src/platform/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer reaches the host only through the platform adapter.',
            },
          ],
          patterns: [
            {
              group: ['dexie', 'dexie-*', 'dexie/*'],
              message:
                'Only the store talks to Dexie: use the named queries in store/queries and the operations in store/operations.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [`src/renderer/src/domain/**`, `src/renderer/src/crypto/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-*', 'react/*', 'dexie', 'dexie-*'],
              message: 'domain and crypto are plain TypeScript: no React, no Dexie.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/src/**/*.{ts,tsx}'],
    ignores: ['src/renderer/src/app/ErrorBoundary.tsx'],
    rules: {
      // Client data must never reach a log; the one logger is reportError in the app shell.
      'no-console': 'error',
    },
  },
  {
    files: [
      'src/main/**/*.ts',
      'src/preload/**/*.ts',
      'tests/unit/**/*.ts',
      'tests/e2e/**/*.ts',
      'tests/electron/**/*.ts',
      'tests/support/**',
      'scripts/**',
      'bench/**',
      '*.config.*',
      'tooling/**',
      '.ci/**',
    ],
    languageOptions: { globals: globals.node },
  },
)
