import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Controller,
  Get,
  Injectable,
  Module,
  NotFoundException,
  Param,
  type OnModuleInit,
} from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import pg from 'pg';
import { ObservabilityModule } from './observability.module.js';
import { ReadinessRegistry } from './readiness.registry.js';

const DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });

/** What a feature module does: registers a readiness check for its dependency. */
@Injectable()
class DatabaseReadiness implements OnModuleInit {
  constructor(private readonly readiness: ReadinessRegistry) {}
  onModuleInit(): void {
    this.readiness.register('database', async () => {
      await pool.query('SELECT 1');
    });
  }
}

@Controller('things')
class ThingsController {
  @Get(':id')
  find(@Param('id') id: string): { id: string } {
    if (id === 'missing') throw new NotFoundException();
    return { id };
  }
}

@Module({ controllers: [ThingsController], providers: [DatabaseReadiness] })
class FeatureModule {}

/** The value of the sample of `name` whose labels include `labels`, from Prometheus text. */
function sampleValue(
  text: string,
  name: string,
  labels: Record<string, string>,
): number | undefined {
  for (const [, labelText = '', value] of text.matchAll(
    new RegExp(`^${name}\\{(.*)\\} (\\S+)$`, 'gm'),
  )) {
    const sample = Object.fromEntries(
      [...labelText.matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]),
    );
    if (Object.entries(labels).every(([k, v]) => sample[k] === v)) return Number(value);
  }
  return undefined;
}

describe('ObservabilityModule', () => {
  let app: NestFastifyApplication;
  let url: string;

  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ObservabilityModule.forRoot({ service: 'obs-spec' }), FeatureModule],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await pool.end().catch(() => undefined);
  });

  it('answers /healthz while the process runs', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ status: 'ok' });
  });

  it('is ready while every registered check passes', async () => {
    const response = await get('/readyz');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({
      status: 'ready',
      checks: { database: { status: 'ok' } },
    });
  });

  it('serves request metrics by route template and status in Prometheus text format', async () => {
    expect((await get('/things/42')).status).toBe(200);
    expect((await get('/things/43')).status).toBe(200);
    expect((await get('/things/missing')).status).toBe(404);
    expect((await get('/no/such/route')).status).toBe(404);

    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const count = (labels: Record<string, string>) =>
      sampleValue(metrics.text, 'http_server_request_duration_seconds_count', labels);
    const base = { method: 'GET', service: 'obs-spec' };
    expect(count({ ...base, route: '/things/:id', status_code: '200' })).toBe(2);
    expect(count({ ...base, route: '/things/:id', status_code: '404' })).toBe(1);
    expect(count({ ...base, route: 'unmatched', status_code: '404' })).toBe(1);
    expect(metrics.text).not.toContain('route="/healthz"');
    expect(metrics.text).toMatch(/^process_resident_memory_bytes\{service="obs-spec"\} \d+/m);
  });

  it('answers 503 naming the check once one fails', async () => {
    await pool.end();
    const response = await get('/readyz');
    expect(response.status).toBe(503);
    const body = JSON.parse(response.text);
    expect(body).toMatchObject({
      status: 'not-ready',
      failed: ['database'],
      checks: { database: { status: 'failed' } },
    });
    expect(body.checks.database.error).toMatch(/pool/i);
    expect((await get('/healthz')).status).toBe(200);
  });
});
