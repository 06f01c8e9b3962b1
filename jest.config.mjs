// One jest run for the whole workspace, split by kind: unit (*.spec.ts), integration
// (*.int-spec.ts, real PostgreSQL and NATS) and end-to-end (apps/e2e, through the gateway).
// Helpers shared by a project's tests (*.test-support.ts) match no testMatch: they are no tests.
import { join } from 'node:path';
import { projects, root } from './scripts/workspace.mjs';

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

// Workspace packages resolve to their TypeScript source, so tests need no build.
const workspaceMapper = Object.fromEntries(
  projects()
    .filter((p) => p.kind === 'lib')
    .map((p) => [`^${p.name}$`, join(p.dir, 'src/index.ts')]),
);

const common = {
  rootDir: root,
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { ...workspaceMapper, '^(\\.{1,2}/.*)\\.js$': '$1' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '/dist/'],
};

export default {
  // Jest 30 reads the timeout only here, not per project (e2e raises it in a setup file).
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/src/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/shared/testing/jest-global-setup.mjs',
      globalTeardown: '<rootDir>/libs/shared/testing/jest-global-teardown.mjs',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/e2e/src/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/shared/testing/jest-global-setup.mjs',
      globalTeardown: '<rootDir>/libs/shared/testing/jest-global-teardown.mjs',
      setupFilesAfterEnv: ['<rootDir>/libs/shared/testing/jest-e2e-timeout.mjs'],
    },
  ],
};
