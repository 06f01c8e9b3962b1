// Catalogue read `GET /api/resources/:id` through the gateway (validation, tracing with export,
// RPC with the token check, resources service on pg) against the hand-written read baseline.
/* global fetch */
import { using } from '../lib/common.mjs';
import { httpBench } from '../lib/http-load.mjs';
import { peakRss, startPlatform } from '../lib/platform.mjs';
import { readBaseline } from './http.mjs';

export const description = 'GET /api/resources/:id through the gateway vs Fastify → NATS → pg';

export async function run(ctx) {
  const baseline = await readBaseline(ctx);
  const figure = await using(async (defer) => {
    const platform = await startPlatform(ctx, defer, ['resources', 'gateway']);
    const list = await fetch(`${platform.baseUrl}/api/resources?pageSize=1`);
    if (!list.ok) throw new Error(`GET /api/resources answered ${list.status}`);
    const { items } = await list.json();
    const result = await httpBench({ url: `${platform.baseUrl}/api/resources/${items[0].id}` });
    return { ...result, processes: peakRss(platform.processes) };
  });
  return [
    ctx.row('catalogue read GET /api/resources/:id', figure, {
      unit: 'req/s',
      baseline,
      processes: figure.processes,
      target: (f, b, { ratio, p99Ratio }) => ({
        ok: ratio >= 0.75 && p99Ratio <= 2,
        text: '≥ 75 %, p99 ≤ 2×',
      }),
    }),
  ];
}
