// Booking write `POST /api/bookings` end to end through the gateway (token check, validation,
// RPC, policy check, one transaction: booking + calendar claim under the exclusion constraint +
// history + outbox rows), on distinct slots and under contention on one slot, against the
// hand-written write baseline (Fastify → NATS → pg, a row and its outbox row).
/* global fetch */
import pg from 'pg';
import { sleep, using } from '../lib/common.mjs';
import { bookableSlots } from '../lib/booking-slots.mjs';
import { httpBench } from '../lib/http-load.mjs';
import { peakRss, startPlatform } from '../lib/platform.mjs';
import { writeBaseline } from './http.mjs';

export const description =
  'POST /api/bookings through the gateway: distinct slots, and contention on one slot (409s/s)';

/** GM-R-001 … GM-R-010: no fair-share cap; the suite keeps those needing no approval. */
const CODES = Array.from({ length: 10 }, (_, i) => `GM-R-${String(i + 1).padStart(3, '0')}`);

export async function signIn(baseUrl, username) {
  const response = await fetch(`${baseUrl}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'guangming-demo' }),
  });
  if (!response.ok) throw new Error(`sign-in of ${username} answered ${response.status}`);
  return (await response.json()).accessToken;
}

const countOf = (result, status) => result.statusCodes[String(status)]?.count ?? 0;

export async function run(ctx) {
  const baseline = await writeBaseline(ctx);
  const figures = await using(async (defer) => {
    const platform = await startPlatform(ctx, defer, ['resources', 'gateway']);
    const token = await signIn(platform.baseUrl, 'researcher1');
    const slots = await bookableSlots(platform.baseUrl, CODES);
    if (slots.length === 0) throw new Error('no bookable slot among GM-R-001 … GM-R-010');
    const db = new pg.Client({ connectionString: platform.databases.resources });
    await db.connect();
    defer(() => db.end());
    // Each run starts on an empty calendar: the slots the previous run booked are free again
    // (the booking rows stay; only the calendar claims, which the exclusion constraint sees, go).
    // Requests still in flight when autocannon stops are still committing: wait until the
    // number of claims stops changing, else one would take a slot the next run sends again.
    const claims = async () =>
      Number((await db.query('select count(*) as n from resources.calendar_blocks')).rows[0].n);
    const freeCalendar = async () => {
      for (let last = -1, now = await claims(); now !== last; last = now, now = await claims()) {
        await sleep(500);
      }
      await db.query(`delete from resources.calendar_blocks where kind = 'booking'`);
    };
    const request = {
      url: `${platform.baseUrl}/api/bookings`,
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      before: freeCalendar,
    };
    // A failed run names what the servers logged as errors (a 5xx is the platform's, not ours).
    const explained = (bench) =>
      bench.catch((error) => {
        const logged = Object.values(platform.processes)
          .flatMap((p) =>
            p
              .output()
              .split('\n')
              .map((line) => `${p.name}: ${line}`),
          )
          .filter((line) => /error|exception/i.test(line))
          .slice(-10);
        error.message += logged.length ? `\nserver errors:\n${logged.join('\n')}` : '';
        throw error;
      });
    const distinct = await explained(
      httpBench({
        ...request,
        bodies: slots.map((slot) => JSON.stringify({ ...slot, purpose: 'benchmark' })),
        expect: [201],
      }),
    );
    // Under contention the platform may answer 5xx (a deadlock between the waiting claims):
    // that figure fails, the distinct-slot one stands.
    let contended;
    try {
      contended = await explained(
        httpBench({
          ...request,
          bodyTemplate: JSON.stringify({ ...slots[0], purpose: 'benchmark, one slot' }),
          expect: [201, 409],
          // Conflicts answered per second; exactly one request of each run may win the slot.
          figure: (result) => {
            if (countOf(result, 201) !== 1) {
              throw new Error(`${countOf(result, 201)} requests won the one slot, not exactly 1`);
            }
            return (result.rate * countOf(result, 409)) / result.requests;
          },
        }),
      );
    } catch (error) {
      contended = { error };
    }
    return {
      distinct,
      contended,
      slots: slots.length,
      processes: peakRss(platform.processes),
    };
  });
  const target = (f, b, { ratio }) => ({ ok: ratio >= 0.6, text: '≥ 60 %' });
  return [
    ctx.row('booking write POST /api/bookings, distinct slots', figures.distinct, {
      unit: 'req/s',
      baseline,
      target,
      processes: figures.processes,
      note: `${figures.slots} distinct valid slots over the policy windows of the bookable demo resources, the calendar emptied before each run`,
    }),
    figures.contended.error
      ? ctx.failed('booking write, contention on one slot: 409s answered', figures.contended.error)
      : ctx.row('booking write, contention on one slot: 409s answered', figures.contended, {
          unit: 'req/s',
          baseline,
          processes: figures.processes,
          note: 'every request the same slot: one 201 per run, the rest 409 booking-overlap',
        }),
  ];
}
