import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layers, lowest first. Dependencies point one way: components -> hooks -> store -> the browser
 * edge -> pure code. Each pure folder may import only pure folders listed before it.
 */
const PURE = [
  'common',
  'features',
  'findings',
  'wording',
  'analyzers',
  'tracking',
  'checklist',
  'report',
  'sessions',
  'drills',
];
const EDGE = ['engine', 'storage', 'recording', 'live', 'messaging'];

const folder = (name) => [`@/utils/${name}`, `@/utils/${name}/*`];
const ban = (names, message) => ({ group: names.flatMap(folder), message });
const RUNTIME_PACKAGES = [
  'react',
  'react-dom',
  'zustand',
  'zustand/*',
  'dexie',
  'mediabunny',
  '@mediapipe/*',
  '@tensorflow/*',
  '@webext-core/*',
  'wxt',
  'wxt/*',
];
const UP_AND_ACROSS = {
  group: ['../*'],
  message: 'Import across folders with the @/ alias, so the layer rules can see it.',
};

/** Browser and extension globals pure code must receive as parameters instead. */
const PURE_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'chrome',
  'browser',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'Worker',
  'setTimeout',
  'setInterval',
  'requestAnimationFrame',
].map((name) => ({ name, message: 'Pure code takes browser APIs, clocks and timers as parameters.' }));

const pureRules = PURE.map((name, index) => ({
  files: [`utils/${name}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(index + 1 < PURE.length
            ? [ban(PURE.slice(index + 1), `utils/${name} is pure and sits below these folders.`)]
            : []),
          ban([...EDGE, 'store', 'hooks'], 'Pure code does not import the browser edge, the store or hooks.'),
          { group: ['@/components/*', ...RUNTIME_PACKAGES], message: 'Pure code: plain data in, plain data out.' },
          UP_AND_ACROSS,
        ],
      },
    ],
    'no-restricted-globals': ['error', ...PURE_GLOBALS],
  },
}));

const layerRule = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'public/mediapipe/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  ...pureRules,
  layerRule(EDGE.map((name) => `utils/${name}/**/*.ts`).concat('utils/messaging.ts'), [
    ban(['store', 'hooks'], 'The browser edge is driven by the store and hooks, not the other way.'),
    { group: ['@/components/*', 'react', 'react-dom'], message: 'The browser edge has no React.' },
    UP_AND_ACROSS,
  ]),
  layerRule(
    ['utils/store/**/*.ts'],
    [
      ban(['hooks'], 'Hooks adapt the store, not the other way.'),
      { group: ['@/components/*', 'react', 'react-dom'], message: 'The store has no React components.' },
      UP_AND_ACROSS,
    ],
  ),
  layerRule(
    ['utils/hooks/**/*.ts'],
    [{ group: ['@/components/*'], message: 'Hooks serve components.' }, UP_AND_ACROSS],
  ),
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              ...ban(EDGE, 'Components reach the browser edge through hooks and the store (types are fine).'),
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'tests/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
  // Prettier wraps code at 120 columns but not strings, template literals or comments.
  { rules: { 'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }] } },
);
