// Run by otel-hook.int-spec.ts as `node --import ../otel-hook.mjs otel-hook.fixture.mjs`: HTTP
// and pg, both imported as ESM, are used once each; the process then ends by itself, which is
// when the SDK flushes. Prints what the spec checks that spans cannot show, as one JSON line.
import { createServer, get } from 'node:http';
import { trace } from '@opentelemetry/api';
import pg from 'pg';
import { startOtelSdk } from '../otel-sdk.mjs';

const seen = {};
const server = createServer((req, res) => {
  seen[req.url] = {
    traceparent: req.headers.traceparent,
    traceId: trace.getActiveSpan()?.spanContext().traceId,
  };
  res.end('pong');
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const request = (path) =>
  new Promise((done, fail) =>
    get(`http://127.0.0.1:${server.address().port}${path}`, (res) =>
      res.resume().on('end', done),
    ).on('error', fail),
  );
await request('/ping');
await request('/healthz');
server.close();

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
await client.query('SELECT 1 AS one');
await client.end();

// The hook started the SDK already: this second start must hand back the running one.
const { serviceName } = startOtelSdk({ serviceName: 'second-start' });
process.stdout.write(`${JSON.stringify({ serviceName, seen })}\n`);
