// docker-compose.yml, checked without Docker: it validates against the Compose Specification's
// JSON Schema (read from ../shared, never copied here) and wires the platform as designed.
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeError } from './crd-schema.js';
import { COMPOSE_SPEC } from './deploy-sources.js';
import { REPO_ROOT } from './manifests.js';
import { APPS, APP_PORTS } from './platform-rules.js';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
  read_only?: boolean;
  cap_drop?: string[];
}

interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// Compose resolves YAML merge keys (<<), so the test reads the file the same way.
const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as Compose;
const { services } = compose;

describe('docker-compose.yml', () => {
  if (!COMPOSE_SPEC)
    console.warn('../shared/schemas/compose-spec.json is missing: the schema check is skipped');
  const validate = COMPOSE_SPEC
    ? (() => {
        // The schema names its draft with an https URL ajv does not know; the draft-07 class fits.
        const { $schema: _draft, ...schema } = JSON.parse(
          readFileSync(COMPOSE_SPEC, 'utf8'),
        ) as Record<string, unknown>;
        return new Ajv({ strict: false, allErrors: true }).compile(schema);
      })()
    : undefined;
  const schemaErrors = (candidate: unknown) =>
    validate!(candidate) ? [] : (validate!.errors ?? []).map(describeError);

  (validate ? it : it.skip)('validates against the Compose Specification schema', () => {
    expect(schemaErrors(compose)).toEqual([]);
  });

  (validate ? it : it.skip)(
    'is rejected by the schema when a dependency condition is wrong',
    () => {
      const broken = structuredClone(compose);
      broken.services.gateway.depends_on!.postgres.condition = 'service_ready';
      expect(schemaErrors(broken)).toContain(
        '/services/gateway/depends_on/postgres/condition: must be equal to one of the allowed values',
      );
    },
  );

  it('runs PostgreSQL 17 and NATS with JetStream on volumes, both health-checked', () => {
    expect(services.postgres.image).toMatch(/^postgres:17(\.|-|$)/);
    expect(services.postgres.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(
      true,
    );
    expect(services.nats.image).toMatch(/^nats:2\.(1\d|[2-9]\d)/);
    const command = services.nats.command ?? [];
    expect(command.some((a) => a === '-js' || a === '--jetstream')).toBe(true);
    const storeDir = command[command.findIndex((a) => a === '-sd' || a === '--store_dir') + 1];
    expect(services.nats.volumes?.some((v) => v.endsWith(`:${storeDir}`))).toBe(true);
    for (const name of ['postgres', 'nats'])
      expect(services[name].healthcheck?.test.length).toBeGreaterThan(0);
  });

  it.each(APPS)(
    'migrates the %s schema once, with migrate latest, after PostgreSQL is healthy',
    (app) => {
      const migrate = services[`migrate-${app}`];
      expect(migrate.command).toEqual([`apps/${app}/dist/main.js`, 'migrate', 'latest']);
      expect(migrate.depends_on?.postgres.condition).toBe('service_healthy');
      expect(migrate.environment?.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
      // A process loads its whole configuration, the demo sign-in included, before it migrates.
      expect(migrate.environment).toMatchObject({ AUTH_MODE: 'demo' });
    },
  );

  it.each(APPS)('starts %s after its migration, checking /readyz on its port', (app) => {
    const service = services[app];
    const port = APP_PORTS[app];
    expect(service.command).toEqual([`apps/${app}/dist/main.js`]);
    expect(service.environment?.[app === 'gateway' ? 'PORT' : 'HTTP_PORT']).toBe(String(port));
    expect(service.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/readyz`);
    expect(service.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      nats: { condition: 'service_healthy' },
      [`migrate-${app}`]: { condition: 'service_completed_successfully' },
    });
    expect(service).toMatchObject({ read_only: true, cap_drop: ['ALL'] });
  });

  it('runs the processes from the one image in demo mode, migrations done beforehand', () => {
    const all = [...APPS, ...APPS.map((a) => `migrate-${a}`)].map((name) => services[name]);
    expect(new Set(all.map((s) => s.image)).size).toBe(1);
    for (const app of APPS) {
      expect(services[app].build).toBeDefined();
      expect(services[app].environment).toMatchObject({
        SEED_DEMO_DATA: 'true',
        MIGRATE_ON_START: 'false',
        NATS_URL: 'nats://nats:4222',
        OTEL_SERVICE_NAME: app,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
        AUTH_MODE: 'demo',
      });
    }
    // The gateway signs the demo tokens and every service verifies them: one secret for all.
    const secrets = new Set(all.map((s) => s.environment?.AUTH_DEMO_SECRET));
    expect(secrets.size).toBe(1);
    expect([...secrets][0]?.length).toBeGreaterThanOrEqual(32);
    expect(services.gateway.ports).toContain('3000:3000');
  });

  it('waits for the three services before the gateway takes traffic', () => {
    for (const service of ['resources', 'triage', 'housing']) {
      expect(services.gateway.depends_on?.[service]?.condition).toBe('service_healthy');
    }
  });

  it('sends traces through the OpenTelemetry collector to Jaeger, whose UI is published', () => {
    expect(services['otel-collector'].image).toMatch(/^otel\/opentelemetry-collector-contrib:\d/);
    const mount = services['otel-collector'].volumes?.find((v) =>
      v.startsWith('./deploy/compose/'),
    );
    expect(mount).toBeDefined();
    const configFile = join(REPO_ROOT, mount!.split(':')[0]);
    expect(existsSync(configFile)).toBe(true);
    const config = parse(readFileSync(configFile, 'utf8')) as {
      receivers: { otlp: { protocols: Record<string, { endpoint: string }> } };
      exporters: Record<string, { endpoint: string }>;
      service: { pipelines: { traces: { receivers: string[]; exporters: string[] } } };
    };
    expect(config.receivers.otlp.protocols.http.endpoint).toMatch(/:4318$/);
    const traces = config.service.pipelines.traces;
    expect(traces.receivers).toContain('otlp');
    expect(traces.exporters.map((e) => config.exporters[e]?.endpoint)).toContain('jaeger:4317');
    expect(services.jaeger.image).toMatch(/^jaegertracing\/(jaeger|all-in-one):\d/);
    expect(services.jaeger.ports).toContain('16686:16686');
  });
});
