// Type-aware lint: no `any`, no floating promises, no console in the app.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import stylistic from '@stylistic/eslint-plugin';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'appPackage/build/**', 'test-results/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  // Prettier formats (printWidth 120, checked by `npm run lint`); what it cannot break is a
  // long string, template or regular expression: those stay whole, so a message can be found by grep.
  {
    plugins: { '@stylistic': stylistic },
    rules: {
      '@stylistic/max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  // Functions that read in one screen, in the app itself (tests and scripts may tell longer stories).
  {
    files: ['bot/**/*.ts', 'dialogs/**/*.ts', 'cards/**/*.ts', 'services/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  // The layers (docs/architecture.md): services/ is the domain and knows no adapter, card
  // or conversation; cards/ render data for anyone; dialogs/ hold the conversation and are
  // wired by bot/, never the other way round.
  ...layer('services/**/*.ts', ['bot', 'dialogs', 'cards'], true),
  ...layer('cards/**/*.ts', ['bot', 'dialogs'], false),
  ...layer('dialogs/**/*.ts', ['bot'], false),
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly' },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);

/** `files` may not import from the named top-level folders (nor, for the domain, from the Bot Framework or restify). */
function layer(files, forbidden, noFramework) {
  const folders = forbidden.join('|');
  return [
    {
      files: [files],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\.?/)+(${folders})/`,
                message: `${files.split('/')[0]}/ may not import from ${forbidden.map((f) => `${f}/`).join(', ')} (the layers of docs/architecture.md).`,
              },
              ...(noFramework
                ? [
                    {
                      regex: '^(botbuilder|botframework-|restify)',
                      message:
                        'services/ is the domain: no Bot Framework or restify (keep it a bot/-only change to move SDKs).',
                    },
                  ]
                : []),
            ],
          },
        ],
      },
    },
  ];
}
