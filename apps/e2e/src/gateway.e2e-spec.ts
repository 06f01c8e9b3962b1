import { readFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SignJWT, decodeJwt } from 'jose';
import { connect, headers as natsHeaders, type NatsConnection } from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { BookingRequested, MaintenanceScheduled } from '@gm/resources-contracts';
import type { EventContract } from '@gm/shared-contracts';
import { testNatsUrl, waitFor } from '@gm/shared-testing';
import { request, signIn } from './support/http.js';
import { REPO_ROOT, startPlatform, type Platform } from './support/platform.js';
import { openSse, type SseClient } from './support/sse.js';

// Live events straight from JetStream: only the gateway runs; the test publishes to the streams.
jest.setTimeout(120_000);

let platform: Platform;
let nc: NatsConnection;
const UNIT = '5d0b1b7e-1f0a-4b7e-9a61-3b1c2d4e5f60';

beforeAll(async () => {
  platform = await startPlatform({
    services: ['gateway'],
    serviceEnv: { gateway: { SSE_HEARTBEAT_MS: '300', SSE_SLOW_CLIENT_MS: '500' } },
  });
  nc = await connect({ servers: testNatsUrl() });
});

afterAll(async () => {
  if (nc) {
    const jsm = await nc.jetstreamManager();
    for (const stream of ['RESOURCES_EVENTS', 'TRIAGE_EVENTS', 'HOUSING_EVENTS', 'DEAD_LETTERS']) {
      await jsm.streams.delete(`${platform.prefix}_${stream}`).catch(() => undefined);
    }
    await nc.drain();
  }
  await platform?.stop();
});

/** Publishes a CloudEvent to its service's stream, as the outbox relay would. */
async function publish(contract: EventContract, data: unknown, subject = 'agg-1'): Promise<string> {
  const id = uuidv7();
  const envelope = {
    specversion: '1.0',
    id,
    source: '/guangming/e2e',
    type: contract.type,
    time: new Date().toISOString(),
    subject,
    datacontenttype: 'application/json',
    data,
  };
  const h = natsHeaders();
  h.set('Nats-Msg-Id', id);
  await nc.jetstream().publish(`${platform.prefix}.${contract.type}`, JSON.stringify(envelope), {
    headers: h,
    msgID: id,
  });
  return id;
}

const maintenance = (n: number, reason = `maintenance ${n}`) => ({
  maintenanceId: uuidv7(),
  resourceId: uuidv7(),
  resourceCode: `GM-R-${String(n).padStart(3, '0')}`,
  resourceName: '显微镜',
  resourceNameEn: 'Microscope',
  unitId: UNIT,
  start: '2026-06-01T09:00:00+08:00',
  end: '2026-06-01T12:00:00+08:00',
  reason,
});

const stream = (options: Parameters<typeof openSse>[1] = {}) =>
  openSse(`${platform.baseUrl}/api/events/stream`, options);

const domainEvents = (client: SseClient) =>
  client.events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data));

async function readyOf(client: SseClient) {
  await waitFor(() => client.events.some((e) => e.event === 'ready'), { what: 'the ready event' });
  return client.events.find((e) => e.event === 'ready')!;
}

describe('GET /api/events/stream', () => {
  it('streams public events and resumes from Last-Event-ID without gaps or repeats', async () => {
    const first = await stream();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await readyOf(first);

    const sent: string[] = [];
    for (let n = 1; n <= 5; n++) sent.push(await publish(MaintenanceScheduled, maintenance(n)));
    await waitFor(() => domainEvents(first).length >= 5, { what: 'five live events' });
    first.close();
    await first.ended;
    const resumeFrom = first.lastEventId();
    expect(resumeFrom).toMatch(/^resources:\d+,triage:\d+,housing:\d+$/);

    // Published while no one listens: JetStream keeps them for the resume.
    for (let n = 6; n <= 10; n++) sent.push(await publish(MaintenanceScheduled, maintenance(n)));
    const second = await stream({ lastEventId: resumeFrom });
    expect((await readyOf(second)).id).toBe(resumeFrom);
    sent.push(await publish(MaintenanceScheduled, maintenance(11)));
    await waitFor(() => domainEvents(second).length >= 6, { what: 'the missed and new events' });
    second.close();

    const seen = [...domainEvents(first), ...domainEvents(second)].map((e) => e.id);
    expect(seen).toEqual(sent);
    expect(domainEvents(second)[0]).toMatchObject({
      type: MaintenanceScheduled.type,
      data: { resourceCode: 'GM-R-006' },
    });
  });

  it('sends heartbeat comments while nothing happens', async () => {
    const client = await stream();
    await waitFor(() => client.comments.filter((c) => c === 'heartbeat').length >= 2, {
      what: 'two heartbeats',
    });
    client.close();
  });

  it("shows a person's event only to the people its contract names, never to others", async () => {
    const me = await signIn(platform.baseUrl, 'researcher1');
    const other = await signIn(platform.baseUrl, 'researcher2');
    const { body: identity } = await request<{ id: string }>(platform.baseUrl, '/api/me', {
      token: me,
    });
    const clients = {
      anonymous: await stream(),
      mine: await stream({ token: me }),
      other: await stream({ token: other }),
    };
    await Promise.all(Object.values(clients).map(readyOf));
    const booking = {
      bookingId: uuidv7(),
      resourceId: uuidv7(),
      resourceCode: 'GM-R-001',
      resourceName: '显微镜',
      resourceNameEn: 'Microscope',
      unitId: UNIT,
      requesterId: identity.id,
      requesterUnitId: null,
      start: '2026-06-02T09:00:00+08:00',
      end: '2026-06-02T10:00:00+08:00',
      status: 'pending',
      actorId: identity.id,
      reason: null,
    };
    const personal = await publish(BookingRequested, booking);
    // A public event after it: once everyone has that, the personal one was decided for all.
    const marker = await publish(MaintenanceScheduled, maintenance(99));
    for (const client of Object.values(clients)) {
      await waitFor(() => domainEvents(client).some((e) => e.id === marker), {
        what: 'the marker',
      });
      client.close();
    }
    const got = (client: SseClient) => domainEvents(client).some((e) => e.id === personal);
    expect(got(clients.anonymous)).toBe(false);
    expect(got(clients.other)).toBe(false);
    // The requester sees it once the contract names who may (its `audience`).
    expect(got(clients.mine)).toBe(BookingRequested.audience !== undefined);
  });

  it('rejects a Last-Event-ID it never sent and a bad token', async () => {
    const bad = await request(platform.baseUrl, '/api/events/stream', {
      headers: { 'last-event-id': 'resources:x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const unauthenticated = await request(platform.baseUrl, '/api/events/stream?access_token=nope');
    expect(unauthenticated.status).toBe(401);
  });

  it("ends a signed-in stream when its token expires, so it can't outlive the token", async () => {
    // The same claims as a real sign-in, valid for 3 s (the issuer's shortest TTL is a minute).
    const claims = decodeJwt(await signIn(platform.baseUrl, 'researcher1'));
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await new SignJWT({ ...claims, iat: now, exp: now + 3 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(platform.demoSecret));
    const client = await stream({ token: shortLived });
    expect(client.status).toBe(200);
    await readyOf(client);
    await waitFor(() => client.events.some((e) => e.event === 'expired'), {
      what: 'the expired event',
      timeoutMs: 15_000,
    });
    await client.ended;
    // Reconnecting on the dead token is refused; anonymous streams have no expiry.
    const again = await request(
      platform.baseUrl,
      `/api/events/stream?access_token=${encodeURIComponent(shortLived)}`,
    );
    expect(again.status).toBe(401);
  });

  it('disconnects a client that stops reading instead of buffering for it', async () => {
    const url = new URL(platform.baseUrl);
    const socket = connectTcp(Number(url.port), url.hostname);
    let closed = false;
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `GET /api/events/stream HTTP/1.1\r\nHost: ${url.host}\r\nAccept: text/event-stream\r\n\r\n`,
    );
    socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // More than the loopback socket buffers hold: 160 events of 64 KiB.
    const big = 'x'.repeat(64 * 1024);
    for (let n = 0; n < 160; n++) await publish(MaintenanceScheduled, maintenance(n, big));
    await waitFor(() => /stopped reading; disconnected/.test(platform.logs('gateway')), {
      what: 'the gateway to drop the slow client',
      timeoutMs: 30_000,
    });
    socket.resume();
    await waitFor(() => closed, { what: 'the connection to close' });
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer of a POST and refuses the key with another body', async () => {
    const key = `e2e-${uuidv7()}`;
    const tokenOf = (username: string) =>
      request<{ accessToken: string }>(platform.baseUrl, '/api/auth/token', {
        json: { username, password: 'guangming-demo' },
        headers: { 'idempotency-key': key },
      });
    const first = await tokenOf('researcher1');
    // A new token would differ: its issue time moves on.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const again = await tokenOf('researcher1');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.accessToken).toBe(first.body.accessToken);
    const other = await tokenOf('researcher2');
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('API documents', () => {
  it('serves an OpenAPI 3.1 document that a validator accepts, with examples on every endpoint', async () => {
    const { status, body } = await request<{
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>(platform.baseUrl, '/api/openapi.json');
    expect(status).toBe(200);
    const result = await new Validator().validate(structuredClone(body));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(await new Validator().validate({ ...body, openapi: '3.1.x' })).toMatchObject({
      valid: false,
    });
    const withoutExample = Object.entries(body.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => !JSON.stringify(operation.responses).includes('"examples"'))
        .map(([method]) => `${method} ${path}`),
    );
    expect(withoutExample).toEqual([]);
  });

  it('serves the AsyncAPI document committed in docs/asyncapi.json', async () => {
    const { status, body } = await request(platform.baseUrl, '/api/asyncapi.json');
    expect(status).toBe(200);
    const committed = readFileSync(`${REPO_ROOT}/docs/asyncapi.json`, 'utf8');
    expect(body).toEqual(JSON.parse(committed));
  });
});

describe('shutdown', () => {
  it('ends live streams and exits promptly on SIGTERM', async () => {
    const client = await stream();
    await readyOf(client);
    const started = Date.now();
    await platform.stopService('gateway');
    await client.ended;
    expect(Date.now() - started).toBeLessThan(5_000);
    // Nest re-raises the signal once its shutdown hooks are done; SIGKILL would mean a hang.
    expect(platform.logs('gateway')).toMatch(/gateway exited \(code null, signal SIGTERM\)/);
  });
});
