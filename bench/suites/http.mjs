// HTTP baselines, load from a separate process: bare Fastify, and bare Fastify → raw NATS
// request → raw responder → pg, for a read by id and for a write with its outbox row.
import { resolve } from 'node:path';
import {
  BENCH_DIR,
  createDatabase,
  freePort,
  settings,
  uniqueName,
  using,
} from '../lib/common.mjs';
import { prepareBaselineSchema } from '../lib/baseline-db.mjs';
import { httpBench } from '../lib/http-load.mjs';

export const description = 'bare Fastify; Fastify → raw NATS → raw responder → pg, read and write';

/** Starts the read/write baseline stack; shared with the suites that compare with it. */
export async function baselineStack(ctx, defer) {
  const database = await createDatabase('http');
  defer(() => database.drop());
  const ids = await prepareBaselineSchema(database.url);
  const prefix = uniqueName('http');
  const responder = await ctx.startNode(
    'responder',
    [resolve(BENCH_DIR, 'servers/responder.mjs')],
    {
      env: { NATS_URL: settings.natsUrl, DATABASE_URL: database.url, BENCH_PREFIX: prefix },
      readyLine: 'responder ready',
    },
  );
  defer(() => responder.stop());
  const port = await freePort();
  const http = await ctx.startNode(
    'fastify-nats',
    [resolve(BENCH_DIR, 'servers/fastify-nats.mjs')],
    {
      env: { NATS_URL: settings.natsUrl, BENCH_PREFIX: prefix, PORT: String(port) },
      readyLine: 'fastify-nats ready',
    },
  );
  defer(() => http.stop());
  return { url: `http://127.0.0.1:${port}`, ids, responder, http };
}

const peak = (...processes) =>
  Object.fromEntries(processes.map((p) => [p.name, p.memory().peakRssMb]));

/** The read baseline (`GET /resources/:id` through Fastify → NATS → responder → pg), once per run. */
export function readBaseline(ctx) {
  return ctx.once('read-baseline', () =>
    using(async (defer) => {
      const stack = await baselineStack(ctx, defer);
      const figure = await httpBench({ url: `${stack.url}/resources/${stack.ids[0]}` });
      return {
        ...figure,
        name: 'Fastify→NATS→pg read',
        processes: peak(stack.http, stack.responder),
      };
    }),
  );
}

/**
 * The write baseline (`POST /records`: Fastify → NATS → responder → a row and its outbox row in
 * one statement, each request on a distinct slot), once per run.
 */
export function writeBaseline(ctx) {
  return ctx.once('write-baseline', () =>
    using(async (defer) => {
      const stack = await baselineStack(ctx, defer);
      const bodyTemplate = JSON.stringify({
        resourceId: stack.ids[0],
        start: '{{start}}',
        end: '{{end}}',
        purpose: 'benchmark {{n}}',
      });
      const figure = await httpBench({
        url: `${stack.url}/records`,
        method: 'POST',
        bodyTemplate,
        slotBase: '2030-01-01T00:00:00Z',
      });
      return {
        ...figure,
        name: 'Fastify→NATS→pg write + outbox',
        processes: peak(stack.http, stack.responder),
      };
    }),
  );
}

export async function run(ctx) {
  const bare = await using(async (defer) => {
    const port = await freePort();
    const server = await ctx.startNode(
      'fastify',
      [resolve(BENCH_DIR, 'servers/fastify-bare.mjs')],
      {
        env: { PORT: String(port) },
        readyLine: 'fastify-bare ready',
      },
    );
    defer(() => server.stop());
    const figure = await httpBench({ url: `http://127.0.0.1:${port}/resource` });
    return { ...figure, name: 'bare Fastify', processes: peak(server) };
  });
  const read = await readBaseline(ctx);
  const write = await writeBaseline(ctx);
  return [
    ctx.row('bare Fastify GET (JSON, 1 KB)', bare, { unit: 'req/s', processes: bare.processes }),
    ctx.row('Fastify → raw NATS → responder → pg, read by id', read, {
      unit: 'req/s',
      baseline: bare,
      processes: read.processes,
    }),
    ctx.row('Fastify → raw NATS → responder → pg, write + outbox row (CTE)', write, {
      unit: 'req/s',
      baseline: read,
      processes: write.processes,
    }),
  ];
}
