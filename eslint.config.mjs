// ESLint flat config, after Payload's blank template: Next's core-web-vitals and TypeScript rules,
// with the same few TypeScript rules turned to warnings. `npm run lint` fails on errors only.
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals'
import nextTypescript from 'eslint-config-next/typescript'

const eslintConfig = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/ban-ts-comment': 'warn',
      '@typescript-eslint/no-empty-object-type': 'warn',
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'warn',
        {
          vars: 'all',
          args: 'after-used',
          ignoreRestSiblings: false,
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^(_|ignore)',
        },
      ],
    },
  },
  {
    // The only pages are the admin's, which show stored images (covers, residents' photos) at the
    // size they were checked at, from Payload's own file URLs: next/image's optimiser adds nothing.
    files: ['src/admin/**'],
    rules: { '@next/next/no-img-element': 'off' },
  },
  {
    // The residents' pages are static HTML from route handlers with no client runtime (see
    // src/app/(residents)/README.md): a plain <a> is the only link there is; next/link needs the runtime.
    files: ['src/app/(residents)/**'],
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },
  {
    // Generated files (Payload's types and import map, the SQLite migrations that `npm run
    // migrate:create` writes; the MongoDB ones are written by hand) and build output.
    ignores: [
      '.next/',
      'data/',
      'media/',
      'coverage/',
      'test-results/',
      'next-env.d.ts',
      'src/payload-types.ts',
      'src/app/(payload)/admin/importMap.js',
      'src/migrations/sqlite/',
    ],
  },
]

export default eslintConfig
