// One lint for the whole repository (`npm run lint`, part of `npm test`, zero warnings).
// Besides the recommended rules it keeps the architecture honest: the domain stays free
// of I/O, and the dashboard imports only the domain from core.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '.data/', '.turbo/', 'bench/results/', 'models/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed arguments and destructured rest siblings are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // An ambient module declaration reaches every package that compiles core's sources only by path.
      '@typescript-eslint/triple-slash-reference': ['error', { path: 'always', types: 'prefer-import', lib: 'always' }],
    },
  },
  {
    // Tests (and the testkit's clients they use) read HTTP and GraphQL answers as untyped JSON; asserting on them is the point.
    files: ['tests/**/*.ts', 'testkit/**/*.ts', '**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@iq/core(?!/domain$)(/.*)?$', message: 'The browser bundle takes only the domain: import from @iq/core/domain.' }] },
      ],
    },
  },
  {
    files: ['core/src/domain/**/*.ts'],
    ignores: ['core/src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'ioredis', 'bullmq', 'pino', 'pino-*', '@huggingface/*', 'onnxruntime-*', 'vader-sentiment'], message: 'The domain does no I/O and runs in the browser.' },
            { group: ['../*'], message: 'The domain depends on nothing else in core.' },
          ],
        },
      ],
    },
  },
);
