import 'reflect-metadata';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, type INestMicroservice } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { authEnvSchema } from '@gm/shared-auth';
import { stableId, type Page } from '@gm/shared-contracts';
import { MEMORY_DATA_DIR } from '@gm/shared-db';
import { AppError, type ProblemDetails } from '@gm/shared-errors';
import { RpcHandler, RpcModule, createRpcServer } from '@gm/shared-messaging';
import {
  createTestDatabase,
  testNatsUrl,
  uniquePrefix,
  type TestDatabase,
} from '@gm/shared-testing';
import {
  GetResource,
  GetResourcesOverview,
  ListResources,
  ListUnits,
  type ResourceQuery,
  type ResourcesOverview,
  type Unit,
} from '@gm/resources-contracts';
import { createGatewayApp } from './bootstrap.js';
import { loadGatewayConfig } from './config/gateway-config.js';
import { seedDemoAccounts } from './auth/seed-demo-accounts.js';
import { openGatewayDatabase } from './data/open-database.js';
import type { PortalOverview } from './portal/portal-overview.js';

const SECRET = 'gateway-int-spec-secret-that-is-long-enough';
const STARTUP_TIMEOUT_MS = 60_000;
const UNITS: Unit[] = ['SZBL', 'SIAT', 'SYSU-SZ'].map((code) => ({
  id: stableId('unit', code),
  code,
  name: `单位 ${code}`,
  nameEn: `Unit ${code}`,
}));
const OVERVIEW: ResourcesOverview = {
  units: 3,
  resources: {
    total: 0,
    byCategory: { instrument: 0, laboratory: 0, facility: 0, computing: 0, platform: 0 },
    byStatus: { available: 0, maintenance: 0, retired: 0 },
  },
};

/** Every request the stand-in resources service received, to see what the gateway forwarded. */
const received: ResourceQuery[] = [];

/** A stand-in resources service on real NATS: the gateway is tested alone, the real one in e2e. */
@Controller()
class StandInResources {
  @RpcHandler(ListUnits, { auth: 'optional' })
  units() {
    return { items: UNITS };
  }

  @RpcHandler(ListResources, { auth: 'optional' })
  resources(query: ResourceQuery) {
    received.push(query);
    return { items: [], page: query.page, pageSize: query.pageSize, total: 0 };
  }

  @RpcHandler(GetResource, { auth: 'optional' })
  resource({ id }: { id: string }): never {
    throw AppError.notFound('resource', id);
  }

  @RpcHandler(GetResourcesOverview, { auth: 'optional' })
  overview() {
    return OVERVIEW;
  }
}

async function startStandIn(prefix: string): Promise<INestMicroservice> {
  const moduleRef = await Test.createTestingModule({
    imports: [RpcModule.forRoot({ auth: authEnvSchema.parse({ AUTH_DEMO_SECRET: SECRET }) })],
    controllers: [StandInResources],
  }).compile();
  const service = moduleRef.createNestMicroservice(
    createRpcServer({ service: 'resources', natsUrl: testNatsUrl(), prefix }),
  );
  await service.listen();
  return service;
}

/** A built portal as the gateway expects it, with build by-products that must not be served. */
async function portalFixture(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gm-portal-'));
  await mkdir(join(dir, 'public'));
  await mkdir(join(dir, 'dist'));
  await writeFile(
    join(dir, 'public/index.html'),
    '<!doctype html><title>光明科学城</title><script type="module" src="/app.js"></script>',
  );
  await writeFile(join(dir, 'public/styles.css'), 'body { margin: 0 }');
  await writeFile(join(dir, 'dist/app.js'), 'export {};');
  await writeFile(join(dir, 'dist/app.d.ts'), 'export {};');
  await writeFile(join(dir, 'dist/app.js.map'), '{}');
  await writeFile(join(dir, 'dist/tsconfig.tsbuildinfo'), '{}');
  return dir;
}

async function listen(app: NestFastifyApplication): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.getUrl();
}

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

async function call<T = ProblemDetails>(url: string, init: RequestInit = {}): Promise<Answer<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

function expectProblem(answer: Answer<unknown>, status: number): ProblemDetails {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  expect(answer.headers.get('cache-control')).toBe('no-store');
  const problem = answer.body as ProblemDetails;
  expect(problem).toMatchObject({
    status,
    type: expect.stringMatching(/^https:\/\//),
    title: expect.any(String),
  });
  expect(JSON.stringify(problem)).not.toMatch(/\bat .+:\d+:\d+/);
  return problem;
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the gateway (demo mode, PostgreSQL, a stand-in resources service)', () => {
  let database: TestDatabase;
  let standIn: INestMicroservice;
  let app: NestFastifyApplication;
  let portalDir: string;
  let base: string;

  beforeAll(async () => {
    const prefix = uniquePrefix('gateway');
    [database, standIn, portalDir] = await Promise.all([
      createTestDatabase(),
      startStandIn(prefix),
      portalFixture(),
    ]);
    const config = loadGatewayConfig({
      AUTH_DEMO_SECRET: SECRET,
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      NATS_PREFIX: prefix,
      SEED_DEMO_DATA: 'true',
      RPC_TIMEOUT_MS: '1000',
      BODY_LIMIT_BYTES: '2048',
      RATE_LIMIT_PER_MINUTE: '0',
      PORTAL_DIR: portalDir,
      LOG_LEVEL: 'silent',
    });
    app = await createGatewayApp(config);
    base = await listen(app);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
    await standIn?.close();
    await database?.drop();
    if (portalDir) await rm(portalDir, { recursive: true, force: true });
  });

  describe('problem details', () => {
    it('answers an unknown route with 404', async () => {
      const problem = expectProblem(await call(`${base}/api/nope`), 404);
      expect(problem.instance).toBe('/api/nope');
    });

    it('answers malformed JSON with 400', async () => {
      const answer = await call(`${base}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username": "admin", ',
      });
      expectProblem(answer, 400);
    });

    it('answers a body over the limit with 413', async () => {
      expectProblem(
        await call(`${base}/api/auth/token`, json({ username: 'x'.repeat(4096), password: 'p' })),
        413,
      );
    });

    it('answers an unsupported media type with 415', async () => {
      const answer = await call(`${base}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml' },
        body: '<login/>',
      });
      expect(expectProblem(answer, 415).type).toMatch(/unsupported-media-type$/);
    });

    it('names every bad query parameter with its path', async () => {
      const answer = await call(`${base}/api/resources?pageSize=500&category=spaceship&page=-1`);
      const problem = expectProblem(answer, 400);
      expect(problem.errors?.map((e) => e.path).sort()).toEqual(['category', 'page', 'pageSize']);
      expect(received).toHaveLength(0);
    });

    it("passes a service's not-found on as 404", async () => {
      const problem = expectProblem(await call(`${base}/api/resources/GM-R-999`), 404);
      expect(problem.detail).toContain('GM-R-999');
    });

    it('sends security headers', async () => {
      const answer = await call(`${base}/api/nope`);
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  describe('catalogue', () => {
    it('forwards the parsed query to the resources service', async () => {
      const answer = await call<Page<unknown>>(
        `${base}/api/resources?q=${encodeURIComponent('电镜')}&page=2&pageSize=5`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ items: [], page: 2, pageSize: 5, total: 0 });
      expect(answer.headers.get('cache-control')).toBe('public, max-age=30');
      expect(received.at(-1)).toMatchObject({ q: '电镜', page: 2, pageSize: 5 });
    });

    it('pages the units like any other list', async () => {
      const all = await call<Page<Unit>>(`${base}/api/units`);
      expect(all.body).toEqual({ items: UNITS, page: 1, pageSize: 100, total: 3 });
      const second = await call<Page<Unit>>(`${base}/api/units?page=2&pageSize=2`);
      expect(second.body).toEqual({ items: [UNITS[2]], page: 2, pageSize: 2, total: 3 });
    });
  });

  describe('auth', () => {
    it('issues a token to a seeded demo account and shows the user behind it', async () => {
      const signIn = await call<{ accessToken: string; user: { id: string } }>(
        `${base}/api/auth/token`,
        json({ username: 'researcher2', password: 'guangming-demo' }),
      );
      expect(signIn.status).toBe(200);
      expect(signIn.body.user.id).toBe(stableId('user', 'researcher2'));
      const me = await call<{ username: string; unitId: string }>(`${base}/api/me`, {
        headers: { authorization: `Bearer ${signIn.body.accessToken}` },
      });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ username: 'researcher2', unitId: stableId('unit', 'SIAT') });
    });

    it('answers wrong credentials with one 401 for both causes', async () => {
      const badPassword = expectProblem(
        await call(`${base}/api/auth/token`, json({ username: 'admin', password: 'x' })),
        401,
      );
      const unknown = expectProblem(
        await call(`${base}/api/auth/token`, json({ username: 'ghost', password: 'x' })),
        401,
      );
      expect(unknown.detail).toBe(badPassword.detail);
    });

    it('names the bad fields of a token request', async () => {
      const problem = expectProblem(
        await call(`${base}/api/auth/token`, json({ username: 42 })),
        400,
      );
      expect(problem.errors?.map((e) => e.path).sort()).toEqual(['password', 'username']);
    });

    it('requires a valid bearer token for /api/me', async () => {
      const missing = await call(`${base}/api/me`);
      expectProblem(missing, 401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer');
      expectProblem(
        await call(`${base}/api/me`, { headers: { authorization: 'Bearer nonsense' } }),
        401,
      );
    });

    it('seeds the demo accounts once', async () => {
      const opened = await openGatewayDatabase(
        loadGatewayConfig({ AUTH_DEMO_SECRET: SECRET, DATABASE_URL: database.url }),
      );
      try {
        expect(await seedDemoAccounts(opened.db)).toBe(0);
        const count = await opened.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(count.n)).toBe(12);
      } finally {
        await opened.close();
      }
    });
  });

  describe('operations', () => {
    it('is ready when its database and NATS answer', async () => {
      const ready = await call<{ status: string; checks: Record<string, unknown> }>(
        `${base}/readyz`,
      );
      expect(ready.status).toBe(200);
      expect(Object.keys(ready.body.checks).sort()).toEqual(['database', 'nats']);
      expect((await call(`${base}/healthz`)).status).toBe(200);
    });

    it('names the services missing from a degraded overview', async () => {
      const answer = await call<PortalOverview>(`${base}/api/portal/overview`);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        resources: OVERVIEW,
        triage: null,
        housing: null,
        degraded: ['triage', 'housing'],
      });
      expect(answer.headers.get('cache-control')).toBe('no-store');
    });
  });

  describe('API documentation', () => {
    it('is an OpenAPI document generated from the routes and their schemas', async () => {
      const answer = await call<{
        openapi: string;
        paths: Record<
          string,
          Record<
            string,
            {
              parameters: Array<{ name: string; in: string; schema: { maximum?: number } }>;
              responses: Record<string, unknown>;
            }
          >
        >;
      }>(`${base}/api/openapi.json`);
      expect(answer.status).toBe(200);
      expect(answer.body.openapi).toBe('3.1.0');
      expect(Object.keys(answer.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/auth/token',
          '/api/me',
          '/api/units',
          '/api/resources',
          '/api/resources/{id}',
          '/api/portal/overview',
        ]),
      );
      const list = answer.body.paths['/api/resources']!['get']!;
      const pageSize = list.parameters.find((p) => p.name === 'pageSize');
      expect(pageSize).toMatchObject({ in: 'query', schema: { maximum: 100 } });
      expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['200', '400', '503']));
      expect(answer.body.paths['/api/resources/{id}']!['get']!.parameters).toEqual([
        expect.objectContaining({ name: 'id', in: 'path' }),
      ]);
    });

    it('has a JSON example on every success response and request body, valid against its schema', async () => {
      interface Media {
        schema: Record<string, unknown>;
        examples?: Record<string, { value: unknown }>;
      }
      interface Operation {
        requestBody?: { content: Record<string, Media> };
        responses: Record<string, { content?: Record<string, Media> }>;
      }
      const answer = await call<{ paths: Record<string, Record<string, Operation>> }>(
        `${base}/api/openapi.json`,
      );
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      const problems: string[] = [];
      let checked = 0;
      for (const [path, operations] of Object.entries(answer.body.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const bodies = [
            ['request', operation.requestBody?.content],
            ...Object.entries(operation.responses)
              .filter(([status]) => status.startsWith('2'))
              .map(([status, response]) => [status, response.content] as const),
          ] as const;
          for (const [where, content] of bodies) {
            for (const [type, media] of Object.entries(content ?? {})) {
              if (!/json$/.test(type)) continue;
              const values = Object.values(media.examples ?? {});
              if (values.length === 0) problems.push(`${method} ${path} ${where}: no example`);
              const validate = ajv.compile(media.schema);
              for (const { value } of values) {
                checked++;
                if (!validate(value)) {
                  problems.push(`${method} ${path} ${where}: ${ajv.errorsText(validate.errors)}`);
                }
              }
            }
          }
        }
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(40);
    });

    it('has a readable page', async () => {
      const page = await fetch(`${base}/api/docs`);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('/api/resources/{id}');
    });
  });

  describe('portal files', () => {
    it('serves the page at / and revalidates it on every visit', async () => {
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('光明科学城');
    });

    it('serves the compiled script and the stylesheet with a short cache', async () => {
      for (const path of ['/app.js', '/styles.css']) {
        const file = await fetch(`${base}${path}`);
        expect(file.status).toBe(200);
        expect(file.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
      }
    });

    it('does not serve build by-products', async () => {
      for (const path of [
        '/app.d.ts',
        '/app.js.map',
        '/tsconfig.tsbuildinfo',
        '/../package.json',
      ]) {
        expectProblem(await call(`${base}${path}`), 404);
      }
    });
  });
});

describe('the gateway (OIDC mode, embedded PGlite, no services, rate-limited)', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    const config = loadGatewayConfig({
      AUTH_MODE: 'oidc',
      AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
      AUTH_ISSUER: 'https://id.example',
      AUTH_AUDIENCE: 'guangming-platform',
      DATA_DIR: MEMORY_DATA_DIR,
      NATS_URL: testNatsUrl(),
      NATS_PREFIX: uniquePrefix('gateway_empty'),
      RPC_TIMEOUT_MS: '300',
      RATE_LIMIT_PER_MINUTE: '5',
      TRUST_PROXY: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    app = await createGatewayApp(config);
    base = await listen(app);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  it('explains that the token endpoint is disabled', async () => {
    const problem = expectProblem(
      await call(`${base}/api/auth/token`, json({ username: 'admin', password: 'x' })),
      404,
    );
    expect(problem.type).toMatch(/token-endpoint-disabled$/);
    expect(problem.detail).toContain('oidc');
  });

  it('answers 503 with Retry-After when a service does not answer', async () => {
    const answer = await call(`${base}/api/units`);
    expect(expectProblem(answer, 503).detail).toContain('resources');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits requests per minute, but never the probes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await call(`${base}/api/me`)).status);
    expect(statuses).toContain(429);
    const limited = await call(`${base}/api/me`);
    expect(expectProblem(limited, 429).type).toMatch(/rate-limited$/);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    for (let i = 0; i < 8; i++) expect((await call(`${base}/healthz`)).status).toBe(200);
  });

  it('counts each client behind a trusted proxy on its own', async () => {
    const behindProxy = (client: string) =>
      call(`${base}/api/me`, { headers: { 'x-forwarded-for': client } });
    // The socket's own budget is spent by the test above; a client named by the proxy has its own.
    expect((await call(`${base}/api/me`)).status).toBe(429);
    const first: number[] = [];
    for (let i = 0; i < 5; i++) first.push((await behindProxy('203.0.113.7')).status);
    expect(first).not.toContain(429);
    expect((await behindProxy('203.0.113.7')).status).toBe(429);
    expect((await behindProxy('198.51.100.23')).status).not.toBe(429);
  });
});
