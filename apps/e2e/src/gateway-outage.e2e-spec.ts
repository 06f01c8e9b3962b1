import { connect as connectTcp, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { request } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';

// A service stopped under a running gateway, then the gateway itself stopped under load.
jest.setTimeout(180_000);

const RPC_TIMEOUT_MS = 1_500;
const GRACE_MS = 4_000;
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({
    services: ['resources', 'triage', 'gateway'],
    serviceEnv: {
      gateway: { RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS), SHUTDOWN_GRACE_MS: String(GRACE_MS) },
    },
  });
});

afterAll(async () => {
  await platform?.stop();
});

describe('a service that is down', () => {
  it('answers its endpoints with 503 and Retry-After in time, and names it in the overview', async () => {
    await platform.stopService('triage');
    for (const path of ['/api/departments', '/api/ticket-categories']) {
      const started = Date.now();
      const result = await request<{ status: number }>(platform.baseUrl, path);
      expect({ path, status: result.status }).toEqual({ path, status: 503 });
      expect(Date.now() - started).toBeLessThan(RPC_TIMEOUT_MS + 1_000);
      expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(result.body.status).toBe(503);
    }
    const overview = await request<{ degraded: string[]; resources: unknown }>(
      platform.baseUrl,
      '/api/portal/overview',
    );
    expect(overview.status).toBe(200);
    expect(overview.body.degraded).toContain('triage');
    expect(overview.body.degraded).not.toContain('resources');
    expect(overview.body.resources).not.toBeNull();
    // The other services still answer.
    expect((await request(platform.baseUrl, '/api/units')).status).toBe(200);
  });
});

/** Sends the head and part of a body, so the request stays in flight until `finish` is called. */
async function slowRequest(baseUrl: string) {
  const { hostname, port } = new URL(baseUrl);
  const body = JSON.stringify({ username: 'nobody', password: 'wrong-password' });
  const socket: Socket = connectTcp(Number(port), hostname);
  await new Promise<void>((resolve, reject) =>
    socket.once('connect', resolve).once('error', reject),
  );
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(
    `POST /api/auth/token HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body.slice(0, 10)}`,
  );
  return {
    finish: () => socket.write(body.slice(10)),
    answer: async () => {
      await closed;
      return answer;
    },
    destroy: () => socket.destroy(),
  };
}

/**
 * Waits until the gateway has read the slow request's head: a connection with no request yet is
 * idle and closed at once. An answer on another connection, sent later, comes after it.
 */
async function headRead(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect((await fetch(`${platform.baseUrl}/healthz`)).status).toBe(200);
}

describe('SIGTERM', () => {
  it('finishes the request in flight, refuses new ones and exits within the grace period', async () => {
    const inFlight = await slowRequest(platform.baseUrl);
    await headRead();
    const started = Date.now();
    const stopping = platform.stopService('gateway');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const late = await fetch(`${platform.baseUrl}/api/units`).then(
      (response) => response.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    inFlight.finish();
    const answer = await inFlight.answer();
    // The wrong password is answered as usual: the request was served, not cut.
    expect(answer).toMatch(/^HTTP\/1\.1 401 /);
    await stopping;
    expect(Date.now() - started).toBeLessThan(GRACE_MS);
    expect(platform.logs('gateway')).toMatch(/gateway exited \(code null, signal SIGTERM\)/);
  });

  it('cuts a request that does not finish once the grace period is over', async () => {
    await platform.startService('gateway');
    const stuck = await slowRequest(platform.baseUrl);
    await headRead();
    const started = Date.now();
    await platform.stopService('gateway');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(GRACE_MS - 100);
    // Well before the platform's 10 s SIGKILL: the process left by itself.
    expect(elapsed).toBeLessThan(GRACE_MS + 4_000);
    expect(platform.logs('gateway')).toMatch(/grace period over/);
    stuck.destroy();
  });
});
