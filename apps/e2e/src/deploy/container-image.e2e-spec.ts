// The Dockerfile, read as text (no Docker engine here): one multi-stage image on a Node LTS,
// built with npm ci, pruned to production dependencies, run as a non-root uid.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './manifests.js';
import { APPS } from './platform-rules.js';

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions of a Dockerfile, continuation lines joined, comments dropped. */
function dockerInstructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** Stages, each with its FROM line and what follows it. */
function stages(instructions: Instruction[]): { from: string; body: Instruction[] }[] {
  const out: { from: string; body: Instruction[] }[] = [];
  for (const i of instructions) {
    if (i.keyword === 'FROM') out.push({ from: i.args, body: [] });
    else out.at(-1)?.body.push(i);
  }
  return out;
}

const text = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
const instructions = dockerInstructions(text);
const all = stages(instructions);
const runtime = all.at(-1)!;
const runs = (stage: { body: Instruction[] }) =>
  stage.body
    .filter((i) => i.keyword === 'RUN')
    .map((i) => i.args)
    .join('\n');

describe('Dockerfile', () => {
  it('builds in stages from a Node LTS image', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    const nodeVersion = /^ARG NODE_VERSION=(\d+)$/m.exec(text)?.[1];
    expect(['22', '24']).toContain(nodeVersion);
    for (const stage of all)
      expect(stage.from).toMatch(/^node:\$\{NODE_VERSION\}-[a-z-]+(\s+AS\s+\w+)?$/i);
  });

  it('installs with npm ci, builds, then prunes to production dependencies', () => {
    const build = all.map(runs).join('\n');
    const ci = build.indexOf('npm ci');
    const compile = build.indexOf('npm run build');
    const prune = build.indexOf('npm prune --omit=dev');
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(compile).toBeGreaterThan(ci);
    expect(prune).toBeGreaterThan(compile);
    expect(runs(runtime)).not.toContain('npm ');
  });

  it('runs as a numeric non-root user, with no HEALTHCHECK', () => {
    const users = runtime.body.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    const [uid] = users.at(-1)!.split(':');
    expect(uid).toMatch(/^\d+$/);
    expect(Number(uid)).toBeGreaterThan(0);
    expect(instructions.some((i) => i.keyword === 'HEALTHCHECK')).toBe(false);
  });

  it('carries the OCI labels', () => {
    const labels = runtime.body
      .filter((i) => i.keyword === 'LABEL')
      .map((i) => i.args)
      .join(' ');
    for (const key of [
      'title',
      'description',
      'source',
      'version',
      'revision',
      'created',
      'licenses',
    ]) {
      expect(labels).toContain(`org.opencontainers.image.${key}=`);
    }
  });

  it('starts node with source maps and the telemetry hook; the command selects the app', () => {
    const entrypoint = JSON.parse(
      runtime.body.find((i) => i.keyword === 'ENTRYPOINT')!.args,
    ) as string[];
    const hook = entrypoint[entrypoint.indexOf('--import') + 1];
    expect(entrypoint).toContain('node');
    expect(entrypoint).toContain('--enable-source-maps');
    expect(hook).toBe('./libs/shared/telemetry/otel-hook.mjs');
    expect(existsSync(join(REPO_ROOT, hook))).toBe(true);
    const command = JSON.parse(runtime.body.find((i) => i.keyword === 'CMD')!.args) as string[];
    expect(command).toEqual(['apps/gateway/dist/main.js']);
    for (const app of APPS)
      expect(existsSync(join(REPO_ROOT, `apps/${app}/src/main.ts`))).toBe(true);
  });

  it('leaves dependencies, build output and secrets out of the build context', () => {
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['.git', '**/node_modules', '**/dist', '.env', '.data'])
      expect(ignored).toContain(entry);
  });
});
