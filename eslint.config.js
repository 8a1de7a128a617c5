// Lint enforces the layering: the engine (src/core) runs in a Web Worker and in Node, so it may
// import nothing from Electron, React, the DOM or Node; the renderer never reaches Node or Electron.
import tseslint from 'typescript-eslint';

const nodeModules = ['fs', 'path', 'os', 'crypto', 'child_process', 'url', 'stream', 'buffer', 'worker_threads'];
const nodeImports = [...nodeModules, ...nodeModules.map((m) => `node:${m}`), 'node:*'];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-debugger': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/contract.ts', 'src/shared/errors.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeImports, 'electron', 'react', 'react-dom', 'keytar'].map((name) => ({
            name,
            message: 'The engine runs in a Web Worker and in Node: no Node, Electron, React or DOM imports.',
          })),
          patterns: [{ group: ['node:*', '@mui/*', '@visx/*', '**/renderer/**', '**/main/**', '**/node/**', '**/worker/**'], message: 'The engine imports only the engine and src/shared.' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', 'require', 'localStorage', 'fetch'],
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeImports, 'electron', 'keytar', 'sql.js'].map((name) => ({
            name,
            message: 'The renderer talks to the engine worker and the preload bridge only.',
          })),
          patterns: [{ group: ['node:*', '**/core/**', '**/main/**', '**/node/**'], message: 'The renderer reaches the engine through its worker client only.' }],
        },
      ],
    },
  },
);
