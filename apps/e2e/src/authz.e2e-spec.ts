import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ApproveBooking, CreateBooking } from '@gm/resources-contracts';
import { AppError } from '@gm/shared-errors';
import { RpcClient } from '@gm/shared-messaging';
import { testNatsUrl } from '@gm/shared-testing';
import { CreateTicket } from '@gm/triage-contracts';
import {
  ACCOUNTS,
  AUTHZ_TABLE,
  expectedOutcome,
  outcomeOf,
  type Account,
  type AuthzFixtures,
  type AuthzRow,
} from './support/authz-table.js';
import { request, signIn } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';

// Every endpoint against every role and no token, through the gateway and straight over NATS.
jest.setTimeout(180_000);

let platform: Platform;
let fixtures: AuthzFixtures;
const tokens = new Map<Account, string>();

async function created<T>(
  result: Promise<{ status: number; body: unknown }>,
  what: string,
): Promise<T> {
  const { status, body } = await result;
  if (status !== 201 && status !== 200) {
    throw new Error(`${what} failed: ${status} ${JSON.stringify(body)}`);
  }
  return body as T;
}

beforeAll(async () => {
  platform = await startPlatform();
  for (const account of ACCOUNTS) tokens.set(account, await signIn(platform.baseUrl, account));
  const token = (account: Account) => tokens.get(account)!;
  const departments = await request<{ items: Array<{ id: string; code: string }> }>(
    platform.baseUrl,
    '/api/departments',
  );
  const housingDepartmentId = departments.body.items.find((d) => d.code === 'housing')!.id;
  const soon = new Date(Date.now() + 10 * 86_400_000);
  soon.setUTCHours(2, 0, 0, 0);
  const booking = await created<{ id: string }>(
    request(platform.baseUrl, '/api/bookings', {
      token: token('researcher1'),
      json: {
        resourceId: 'GM-R-001',
        start: soon.toISOString(),
        end: new Date(soon.getTime() + 3_600_000).toISOString(),
        purpose: 'authorisation matrix fixture',
      },
    }),
    'the fixture booking',
  );
  const ticket = await created<{ id: string }>(
    request(platform.baseUrl, '/api/tickets', {
      token: token('talent1'),
      json: {
        title: 'Fixture',
        description: 'authorisation matrix',
        category: 'other',
        items: [{ beneficiaryName: 'Matrix' }],
      },
    }),
    'the fixture ticket',
  );
  const ticketItems = await request<{ items: Array<{ id: string }> }>(
    platform.baseUrl,
    `/api/tickets/${ticket.id}/items`,
    { token: token('talent1') },
  );
  await created(
    request(platform.baseUrl, `/api/tickets/${ticket.id}/assign`, {
      token: token('convener1'),
      json: { departmentId: housingDepartmentId },
    }),
    'assigning the fixture ticket',
  );
  const session = await created<{ id: string }>(
    request(platform.baseUrl, '/api/triage-sessions', {
      token: token('convener1'),
      json: { title: 'Fixture', heldAt: soon.toISOString(), departmentIds: [housingDepartmentId] },
    }),
    'the fixture session',
  );
  const projects = await request<{ items: Array<{ id: string; code: string }> }>(
    platform.baseUrl,
    '/api/housing/projects',
  );
  const housingProjectId = projects.body.items.find((p) => p.code === 'GMC')!.id;
  const application = await created<{ id: string }>(
    request(platform.baseUrl, '/api/housing/applications', {
      token: token('talent1'),
      json: { talentTier: 'B', householdSize: 1, preferredProjectIds: [housingProjectId] },
    }),
    'the fixture housing application',
  );
  const round = await created<{ offers: Array<{ id: string; applicationId: string }> }>(
    request(platform.baseUrl, '/api/housing/rounds', {
      token: token('housing1'),
      json: { projectIds: [housingProjectId] },
    }),
    'the fixture housing round',
  );
  const offer = round.offers.find((o) => o.applicationId === application.id)!;
  fixtures = {
    bookingId: booking.id,
    ticketId: ticket.id,
    itemId: ticketItems.body.items[0]!.id,
    sessionId: session.id,
    housingDepartmentId,
    housingProjectId,
    applicationId: application.id,
    offerId: offer.id,
  };
});

afterAll(async () => {
  await platform?.stop();
});

async function statusOf(row: AuthzRow, account: Account | undefined): Promise<number> {
  const { path = row.path, json } = row.request?.(fixtures) ?? {};
  const token = account ? tokens.get(account) : undefined;
  if (row.stream) {
    const abort = new AbortController();
    const response = await fetch(new URL(path, platform.baseUrl), {
      headers: {
        accept: 'text/event-stream',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      signal: abort.signal,
    });
    abort.abort();
    return response.status;
  }
  const result = await request(platform.baseUrl, path, {
    method: row.method,
    token,
    ...(json !== undefined ? { json } : {}),
  });
  return result.status;
}

const key = (row: AuthzRow) => `${row.method} ${row.path}`;

describe('the authorisation matrix', () => {
  it('has a row for every endpoint of the OpenAPI document', async () => {
    const document = await request<{ paths: Record<string, Record<string, unknown>> }>(
      platform.baseUrl,
      '/api/openapi.json',
    );
    const documented = Object.entries(document.body.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const rows = new Set(AUTHZ_TABLE.map(key));
    expect(documented.filter((endpoint) => !rows.has(endpoint))).toEqual([]);
    expect(documented.length).toBeGreaterThan(20);
  });

  it.each(AUTHZ_TABLE.map((row) => [key(row), row] as const))(
    '%s answers each caller as api.md says',
    async (_name, row) => {
      const callers: Array<Account | undefined> = [undefined, ...ACCOUNTS];
      const expected: Record<string, unknown> = {};
      const actual: Record<string, unknown> = {};
      for (const account of callers) {
        const who = account ?? '(no token)';
        expected[who] = expectedOutcome(row, account);
        const status = await statusOf(row, account);
        actual[who] = outcomeOf(status, row) === 'allowed' ? 'allowed' : status;
      }
      expect(actual).toEqual(expected);
    },
  );
});

describe('the same rules straight over NATS, without the gateway', () => {
  let client: RpcClient;

  beforeAll(async () => {
    client = RpcClient.create({ natsUrl: testNatsUrl(), prefix: platform.prefix, name: 'authz' });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
  });

  const codeOf = (call: Promise<unknown>) =>
    call.then(
      () => 'answered',
      (error: unknown) => (error instanceof AppError ? error.code : String(error)),
    );

  const booking = () => ({
    resourceId: 'GM-R-003',
    start: new Date(Date.now() + 50 * 86_400_000).toISOString(),
    end: new Date(Date.now() + 50 * 86_400_000 + 3_600_000).toISOString(),
    purpose: 'over NATS',
  });

  it('treats a message without a token as anonymous', async () => {
    expect(await codeOf(client.call(CreateBooking, booking()))).toBe('unauthenticated');
    expect(await codeOf(client.call(ApproveBooking, { id: fixtures.bookingId }))).toBe(
      'unauthenticated',
    );
    expect(
      await codeOf(client.call(CreateTicket, { title: 't', description: 'd', category: 'other' })),
    ).toBe('unauthenticated');
  });

  it('refuses a forged token', async () => {
    const forged = `${tokens.get('talent1')!.slice(0, -4)}AAAA`;
    expect(await codeOf(client.call(CreateBooking, booking(), { token: forged }))).toBe(
      'unauthenticated',
    );
  });

  it('refuses a role that may not do it', async () => {
    expect(
      await codeOf(client.call(CreateBooking, booking(), { token: tokens.get('talent1') })),
    ).toBe('forbidden');
    expect(
      await codeOf(
        client.call(
          ApproveBooking,
          { id: fixtures.bookingId },
          { token: tokens.get('researcher1') },
        ),
      ),
    ).toBe('forbidden');
    expect(
      await codeOf(
        client.call(
          CreateTicket,
          { title: 't', description: 'd', category: 'other' },
          { token: tokens.get('housing1') },
        ),
      ),
    ).toBe('forbidden');
  });
});
