// Keeps the configuration documented: every variable a zod env schema reads is in README.md's
// table, and the table and .env.example list the same variables.
import { describe, it, expect } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
// Read by `npm start` or by the tests only, so documented outside the processes' table.
const outsideTheTable = new Set([
  'RESOURCES_HTTP_PORT',
  'TRIAGE_HTTP_PORT',
  'HOUSING_HTTP_PORT',
  'TEST_DATABASE_URL',
  'TEST_NATS_URL',
  'CHROMIUM_PATH',
]);

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const matches = (text: string, pattern: RegExp) =>
  new Set([...text.matchAll(pattern)].map((m) => m[1] as string));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist'].includes(entry.name) ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

/** Keys of the env schemas: upper-case object keys in files that define or load one. */
function schemaVariables(): Set<string> {
  const files = [...sourceFiles('libs'), ...sourceFiles('apps')].filter((file) =>
    /EnvSchema|loadConfig\(/.test(read(file)),
  );
  return new Set(files.flatMap((file) => [...matches(read(file), /^\s+([A-Z][A-Z0-9_]+):/gm)]));
}

const tableVariables = () => matches(read('README.md'), /^\| `([A-Z][A-Z0-9_]+)` +\|/gm);
const exampleVariables = () => matches(read('.env.example'), /^(?:# )?([A-Z][A-Z0-9_]+)=/gm);

describe('configuration documentation', () => {
  it('finds the schemas it checks', () => {
    expect([...schemaVariables()]).toEqual(
      expect.arrayContaining(['NATS_URL', 'DATABASE_URL', 'AUTH_MODE', 'PORT']),
    );
  });

  it("lists every schema's variables in README.md", () => {
    const table = tableVariables();
    expect([...schemaVariables()].filter((name) => !table.has(name)).sort()).toEqual([]);
  });

  it('lists the same variables in README.md and .env.example', () => {
    const example = [...exampleVariables()].filter((name) => !outsideTheTable.has(name)).sort();
    expect(example).toEqual([...tableVariables()].sort());
  });
});
