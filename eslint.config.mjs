// Lint: typescript-eslint's recommended rules for all TypeScript, react-hooks for the renderer.
// Formatting is Prettier's job (npm run format:check), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'db/migrations/**',
      'bench/results.json',
      'coverage/**',
      'tests/fixtures/ofdjs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // The compiler (strict) already checks these; the rule adds noise on intentional `_` parameters.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `let x = null; try { x = … } catch { … }` is the house style for "may fail"; the compiler checks the rest.
      'no-useless-assignment': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Sanitizers match control characters on purpose (file names, search terms, binary sniffing).
      'no-control-regex': 'off',
      // Full-width spaces (U+3000) are part of Chinese text in strings, templates and JSX.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipComments: true, skipJSXText: true, skipRegExps: true },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        performance: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Request: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
