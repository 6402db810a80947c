// ESLint 9 flat config: recommended JS + typescript-eslint rules, and the layering rules of STYLE.md 2.8
// enforced with no-restricted-imports (a small version of VS Code's layer checker):
//   src/core/**, src/data/**   no vscode, no Node built-ins (node:* or bare), nothing from ../extension
//   src/webview/**             no vscode (and no Node built-ins: it runs in the browser)
//   src/** outside extension/  no vscode
//   src/protocol/**            imports from other layers are `import type` only
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// The globals plain-JS files may use (TypeScript files are checked by tsc; typescript-eslint turns off no-undef).
// Listed here instead of importing the `globals` package, which is only a transitive dependency.
const readonly = (names) => Object.fromEntries(names.map((n) => [n, 'readonly']));
const globals = {
  node: readonly(['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer', 'global',
    'globalThis', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'queueMicrotask', 'structuredClone', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController',
    'AbortSignal', 'fetch', 'performance', 'SharedArrayBuffer', 'Atomics']),
  browser: readonly(['window', 'document', 'navigator', 'location', 'getComputedStyle', 'requestAnimationFrame',
    'cancelAnimationFrame', 'MutationObserver', 'ResizeObserver', 'HTMLElement', 'Element', 'Node', 'Event',
    'CustomEvent', 'alert', 'acquireVsCodeApi', 'console', 'setTimeout', 'clearTimeout']),
};

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

const noVscode = { name: 'vscode', message: 'Only src/extension/** may import vscode (STYLE.md 2.8).' };
const nodePatterns = [
  { group: ['node:*'], message: 'This layer is pure: no Node built-ins (STYLE.md 2.8).' },
];
const nodePaths = nodeBuiltins.map((name) => ({ name, message: 'This layer is pure: no Node built-ins (STYLE.md 2.8).' }));
const noExtension = { group: ['**/extension', '**/extension/*', '**/extension/**'], message: 'core and data may not depend on the extension layer (STYLE.md 2.8).' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '**/*.vsix', 'media/vendor/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  // Plain Node scripts and the JS test harnesses are CommonJS.
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module', globals: { ...globals.node } } },
  { files: ['media/**/*.js'], languageOptions: { sourceType: 'script', globals: { ...globals.browser } } },
  // Playwright tests pass functions to page.evaluate(), which run in the browser.
  { files: ['test/e2e/**/*.js'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },

  // ---- layering (later blocks override earlier ones for the same files, so each block is complete) ----
  {
    files: ['src/**/*.ts'],
    ignores: ['src/extension/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    files: ['src/core/**/*.ts', 'src/data/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode, ...nodePaths], patterns: [...nodePatterns, noExtension] }] },
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode, ...nodePaths], patterns: nodePatterns }] },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode, ...nodePaths], patterns: nodePatterns }],
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[importKind='value'][source.value=/^\\.\\.\\//]",
        message: 'src/protocol/** describes messages only: import other layers with `import type` (STYLE.md 2.8).',
      }],
    },
  },
);
