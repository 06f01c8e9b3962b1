// Proves the Nx module boundaries (eslint.config.mjs, docs/adr) are enforced: a wrong import
// fails lint with @nx/enforce-module-boundaries, an allowed one passes.
import { describe, it, expect, beforeAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const RULE = '@nx/enforce-module-boundaries';

let eslint: ESLint;

/** Messages of the boundary rule for `code` linted as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === RULE && m.severity === 2)
    .map((m) => m.message);
}

describe('module boundaries', () => {
  beforeAll(() => {
    // The rule reads the cached project graph; compute it once, without a daemon.
    execFileSync(join(root, 'node_modules/.bin/nx'), ['show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'pipe',
    });
    eslint = new ESLint({ cwd: root });
  }, 60_000);

  it('rejects an app importing another app, by package or by path', async () => {
    const byPackage = await boundaryErrors(
      'apps/resources/src/probe.ts',
      "import * as triage from '@gm/triage-app';\nexport const probe = triage;\n",
    );
    const byPath = await boundaryErrors(
      'apps/resources/src/probe.ts',
      "import * as triage from '../../triage/src/main.js';\nexport const probe = triage;\n",
    );
    expect(byPackage).toEqual([
      expect.stringContaining('tagged with "scope:resources" can only depend on'),
    ]);
    expect(byPath).toEqual([
      expect.stringContaining('cannot be imported by a relative or absolute path'),
    ]);
  });

  it('rejects a lib importing an app', async () => {
    // The portal app is of the gateway's own scope, so only the type rule can stop this.
    const errors = await boundaryErrors(
      'libs/gateway/feature/src/probe.ts',
      "import * as portal from '@gm/portal-app';\nexport const probe = portal;\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('tagged with "type:feature" can only depend on'),
    ]);
  });

  it("rejects a service reading another service's data access", async () => {
    const errors = await boundaryErrors(
      'libs/triage/feature/src/probe.ts',
      "import * as other from '@gm/housing-data-access';\nexport const probe = other;\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('tagged with "scope:triage" can only depend on'),
    ]);
  });

  it.each([
    [
      '@nestjs/common',
      "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
    ],
    ['kysely', "import { sql } from 'kysely';\nexport const probe = sql;\n"],
    ['nats', "import { connect } from 'nats';\nexport const probe = connect;\n"],
  ])('rejects a domain lib importing %s', async (pkg, code) => {
    const errors = await boundaryErrors('libs/resources/domain/src/probe.ts', code);
    expect(errors).toEqual([
      `A project tagged with "type:domain" is not allowed to import "${pkg}"`,
    ]);
  });

  it('lets tests and their shared support, and nothing else, use the test harness', async () => {
    const code = "import * as testing from '@gm/shared-testing';\nexport const probe = testing;\n";
    const support = await boundaryErrors('libs/housing/feature/src/probe.test-support.ts', code);
    const spec = await boundaryErrors('libs/housing/feature/src/probe.int-spec.ts', code);
    const source = await boundaryErrors('libs/housing/feature/src/probe.ts', code);
    expect({ support, spec }).toEqual({ support: [], spec: [] });
    expect(source).toEqual([
      expect.stringContaining('tagged with "type:feature" can only depend on'),
    ]);
  });

  it('accepts imports along the allowed directions', async () => {
    const feature = await boundaryErrors(
      'libs/triage/feature/src/probe.ts',
      [
        "import * as domain from '@gm/shared-errors';",
        "import * as contracts from '@gm/housing-contracts';",
        "import * as data from '@gm/triage-data-access';",
        'export const probe = [domain, contracts, data];',
        '',
      ].join('\n'),
    );
    const app = await boundaryErrors(
      'apps/resources/src/probe.ts',
      "import * as feature from '@gm/resources-feature';\nexport const probe = feature;\n",
    );
    const domain = await boundaryErrors(
      'libs/resources/domain/src/probe.ts',
      "import { z } from 'zod';\nimport * as contracts from '@gm/resources-contracts';\nexport const probe = [z, contracts];\n",
    );
    expect({ feature, app, domain }).toEqual({ feature: [], app: [], domain: [] });
  });
});
