// Lint: typescript-eslint, Prettier compatibility, and Nx module boundaries. The boundaries
// encode docs/adr/0001: a scope depends only on itself, shared, and other scopes' contracts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const frameworkPackages = [
  '@nestjs/*',
  'kysely',
  'kysely-*',
  'pg',
  'nats',
  '@electric-sql/*',
  'fastify',
  '@fastify/*',
  '@opentelemetry/*',
  'pino',
];

const depConstraints = (testFiles) => {
  const testing = testFiles ? ['type:testing'] : [];
  return [
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    ...['resources', 'triage', 'housing', 'gateway'].map((scope) => ({
      sourceTag: `scope:${scope}`,
      onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared', 'type:contracts'],
    })),
    // End-to-end tests may read shared infrastructure, e.g. the stream definitions of deploy/.
    {
      sourceTag: 'scope:e2e',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:infra'],
    },
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: ['type:feature', 'type:infra', 'type:contracts', ...testing],
    },
    {
      sourceTag: 'type:feature',
      onlyDependOnLibsWithTags: [
        'type:feature',
        'type:domain',
        'type:data-access',
        'type:contracts',
        'type:infra',
        ...testing,
      ],
    },
    {
      sourceTag: 'type:domain',
      onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', ...testing],
      bannedExternalImports: frameworkPackages,
    },
    {
      sourceTag: 'type:data-access',
      onlyDependOnLibsWithTags: [
        'type:data-access',
        'type:domain',
        'type:contracts',
        'type:infra',
        ...testing,
      ],
      bannedExternalImports: ['nats', '@nestjs/microservices'],
    },
    {
      sourceTag: 'type:contracts',
      onlyDependOnLibsWithTags: ['type:contracts'],
      ...(testFiles ? {} : { allowedExternalImports: ['zod', 'uuid'] }),
    },
    {
      sourceTag: 'type:infra',
      onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', ...testing],
    },
    {
      sourceTag: 'type:testing',
      onlyDependOnLibsWithTags: [
        'type:testing',
        'type:infra',
        'type:contracts',
        'type:data-access',
      ],
    },
    {
      sourceTag: 'type:e2e',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:infra'],
    },
  ];
};

// Test files, and the helpers they share (`*.test-support.ts`): these may use `type:testing` libs.
const testGlobs = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.test-support.ts'];
// The test harness wraps the database lib, and the database lib's own tests use the harness.
const ignoredCircularDependencies = [['@gm/shared-db', '@gm/shared-testing']];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out-tsc/**',
      '.data/**',
      '.nx/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@nx': nx },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    ignores: testGlobs,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          ignoredCircularDependencies,
          depConstraints: depConstraints(false),
        },
      ],
    },
  },
  {
    files: testGlobs,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          ignoredCircularDependencies,
          depConstraints: depConstraints(true),
        },
      ],
    },
  },
  prettier,
);
