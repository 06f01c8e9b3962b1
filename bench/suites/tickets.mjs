// 问诊会 ticket lifecycle through the gateway: submit (talent1) → assign (convener1) → accept →
// resolve (officer.traffic), four authorised writes with their outbox rows per ticket, from a
// closed loop in the runner; figure = completed lifecycles per second, p50/p99 of one lifecycle.
/* global AbortSignal, fetch */
import { stableId } from '@gm/shared-contracts';
import { closedLoop, repeated, using } from '../lib/common.mjs';
import { peakRss, startPlatform } from '../lib/platform.mjs';
import { signIn } from './bookings.mjs';

export const description =
  'ticket lifecycle submit → assign → accept → resolve through the gateway, per second';

const TRAFFIC = stableId('department', 'traffic');

export async function run(ctx) {
  const figure = await using(async (defer) => {
    const platform = await startPlatform(ctx, defer, ['triage', 'gateway']);
    const tokens = {};
    for (const user of ['talent1', 'convener1', 'officer.traffic']) {
      tokens[user] = await signIn(platform.baseUrl, user);
    }
    const call = async (user, path, body, status) => {
      const response = await fetch(`${platform.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[user]}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (response.status !== status) {
        throw new Error(`${user} POST ${path}: ${response.status} ${text.slice(0, 300)}`);
      }
      return JSON.parse(text);
    };
    let n = 0;
    const lifecycle = async () => {
      const { id } = await call(
        'talent1',
        '/api/tickets',
        {
          title: `人才补贴未到账 ${n++}`,
          description: 'B 类人才补贴超期未发放（基准测试）',
          category: 'talent-service',
          details: { service: 'subsidy' },
        },
        201,
      );
      await call('convener1', `/api/tickets/${id}/assign`, { departmentId: TRAFFIC }, 200);
      await call('officer.traffic', `/api/tickets/${id}/accept`, {}, 200);
      const resolved = await call(
        'officer.traffic',
        `/api/tickets/${id}/resolve`,
        { resolution: '已发放（基准测试）' },
        200,
      );
      if (resolved.status !== 'resolved') throw new Error(`ticket ${id} is ${resolved.status}`);
    };
    const result = await repeated((durationMs) => closedLoop(lifecycle, { durationMs }));
    return { ...result, processes: peakRss(platform.processes) };
  });
  return [
    ctx.row('ticket lifecycle submit → assign → accept → resolve', figure, {
      unit: 'tickets/s',
      processes: figure.processes,
      note: 'four authorised writes per ticket through the gateway; p50/p99 of one whole lifecycle; load from the runner process',
    }),
  ];
}
