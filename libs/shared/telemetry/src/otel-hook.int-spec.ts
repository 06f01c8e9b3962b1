import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const hook = fileURLToPath(new URL('../otel-hook.mjs', import.meta.url));
const fixture = fileURLToPath(new URL('./otel-hook.fixture.mjs', import.meta.url));
const DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// The subset of OTLP/JSON the assertions read.
interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: OtlpAttribute[];
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
  }[];
}

const SERVER = 2;
const CLIENT = 3;

const attribute = (attributes: OtlpAttribute[], key: string) => {
  const value = attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? value?.intValue;
};

interface FixtureReport {
  serviceName: string;
  seen: Record<string, { traceparent?: string; traceId?: string }>;
}

/** Runs the fixture under `node --import otel-hook.mjs` with a clean OTEL_* environment. */
async function runFixture(env: Record<string, string>): Promise<FixtureReport> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('OTEL_') && key !== 'NODE_OPTIONS',
    ),
  );
  const { stdout } = await run(process.execPath, ['--import', hook, fixture], {
    env: { ...inherited, DATABASE_URL, ...env },
    timeout: 30_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as FixtureReport;
}

describe('otel-hook.mjs', () => {
  const exports: OtlpExport[] = [];
  let collector: Server;
  let endpoint: string;

  beforeAll(async () => {
    // A stand-in OTLP/HTTP collector: records every JSON trace export it receives.
    collector = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/v1/traces') exports.push(JSON.parse(body) as OtlpExport);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((done) => collector.listen(0, '127.0.0.1', done));
    endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((done) => collector.close(done));
  });

  it('exports HTTP and pg spans of an ESM program over OTLP, with the W3C traceparent propagated', async () => {
    const report = await runFixture({
      OTEL_SERVICE_NAME: 'hook-spec',
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    });

    expect(report.serviceName).toBe('hook-spec');
    const resources = exports.flatMap((e) => e.resourceSpans);
    expect(resources.length).toBeGreaterThan(0);
    for (const { resource } of resources)
      expect(attribute(resource.attributes, 'service.name')).toBe('hook-spec');

    const spans = resources.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const pathOf = (span: OtlpSpan) =>
      attribute(span.attributes, 'url.path') ?? attribute(span.attributes, 'url.full');
    const serverPing = spans.find((s) => s.kind === SERVER && pathOf(s) === '/ping');
    const clientPing = spans.find((s) => s.kind === CLIENT && String(pathOf(s)).endsWith('/ping'));
    expect(serverPing).toBeDefined();
    expect(clientPing).toBeDefined();
    // The server span continues the client's trace: the traceparent header crossed the wire.
    expect(serverPing!.traceId).toBe(clientPing!.traceId);
    expect(serverPing!.parentSpanId).toBe(clientPing!.spanId);
    expect(report.seen['/ping']!.traceparent).toBe(
      `00-${clientPing!.traceId}-${clientPing!.spanId}-01`,
    );

    // Probes get no server span.
    expect(spans.some((s) => s.kind === SERVER && pathOf(s) === '/healthz')).toBe(false);

    const query = spans.find((s) => s.name.startsWith('pg.query'));
    expect(query).toBeDefined();
    expect(query!.kind).toBe(CLIENT);
    expect(
      attribute(query!.attributes, 'db.statement') ?? attribute(query!.attributes, 'db.query.text'),
    ).toBe('SELECT 1 AS one');
  });

  it('records spans without exporting them when no OTLP endpoint is set, naming the service by its package', async () => {
    const before = exports.length;
    const report = await runFixture({});

    expect(report.seen['/ping']!.traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
    expect(report.serviceName).toBe('shared-telemetry');
    expect(exports.length).toBe(before);
  });
});
