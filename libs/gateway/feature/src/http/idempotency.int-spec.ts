import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyReply } from 'fastify';
import { DATABASE } from '@gm/shared-db';
import { AppError } from '@gm/shared-errors';
import { openTestDatabase, type OpenedTestDatabase } from '@gm/shared-testing';
import { loadGatewayConfig } from '../config/gateway-config.js';
import { GATEWAY_CONFIG } from '../config/tokens.js';
import { gatewayMigrations } from '../data/migrations/index.js';
import type { GatewayDb } from '../data/tables.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';

jest.setTimeout(60_000);

let executions = 0;

@Controller('things')
class ThingsController {
  @Post()
  async create(@Body() body: { name: string }, @Res({ passthrough: true }) reply: FastifyReply) {
    executions += 1;
    const id = `thing-${executions}`;
    // Slow enough for concurrent duplicates to overlap.
    await new Promise((resolve) => setTimeout(resolve, 200));
    reply.header('location', `/things/${id}`);
    return { id, name: body.name };
  }

  @Post('fail')
  @HttpCode(200)
  fail(): never {
    executions += 1;
    throw AppError.conflict('not now');
  }
}

let opened: OpenedTestDatabase<GatewayDb>;
let app: NestFastifyApplication;

beforeAll(async () => {
  opened = await openTestDatabase<GatewayDb>({
    service: 'gateway',
    schema: 'gateway',
    migrations: gatewayMigrations,
  });
  const config = loadGatewayConfig({
    AUTH_DEMO_SECRET: 'x'.repeat(40),
    IDEMPOTENCY_TTL_SECONDS: '2',
  });
  const moduleRef = await Test.createTestingModule({
    controllers: [ThingsController],
    providers: [
      { provide: DATABASE, useValue: opened.database },
      { provide: GATEWAY_CONFIG, useValue: config },
      { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    ],
  }).compile();
  app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
});

afterAll(async () => {
  await app?.close();
  await opened?.cleanup();
});

const post = (url: string, body: unknown, key?: string) =>
  app.inject({
    method: 'POST',
    url,
    payload: body as object,
    headers: key ? { 'idempotency-key': key } : {},
  });

describe('Idempotency-Key on POST', () => {
  it('replays the first answer for the same key and body, running the handler once', async () => {
    const before = executions;
    const first = await post('/things', { name: 'a', n: 1 }, 'key-1');
    const again = await post('/things', { n: 1, name: 'a' }, 'key-1');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['location']).toBe(first.headers['location']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(executions - before).toBe(1);
  });

  it('answers 409 when the key comes back with another body', async () => {
    await post('/things', { name: 'b' }, 'key-2');
    const other = await post('/things', { name: 'c' }, 'key-2');
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ errors: [{ code: 'idempotency.key-reused' }] });
  });

  it('runs exactly one of concurrent duplicates; the others get its answer', async () => {
    const before = executions;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post('/things', { name: 'd' }, 'key-3')),
    );
    expect(executions - before).toBe(1);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(201));
  });

  it('frees the key of a failed request, runs requests without a key every time', async () => {
    const before = executions;
    expect((await post('/things/fail', {}, 'key-4')).statusCode).toBe(409);
    expect((await post('/things/fail', {}, 'key-4')).statusCode).toBe(409);
    await post('/things', { name: 'e' });
    await post('/things', { name: 'e' });
    expect(executions - before).toBe(4);
  });

  it('forgets a key after IDEMPOTENCY_TTL_SECONDS', async () => {
    const first = await post('/things', { name: 'f' }, 'key-5');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const later = await post('/things', { name: 'g' }, 'key-5');
    expect(later.statusCode).toBe(201);
    expect(later.json()).not.toEqual(first.json());
  });

  it('rejects a malformed key', async () => {
    const bad = await post('/things', { name: 'h' }, 'x'.repeat(256));
    expect(bad.statusCode).toBe(400);
  });
});
