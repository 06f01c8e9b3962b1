import { expect } from '@jest/globals';
import { connect } from 'nats';
import { testNatsUrl } from '@gm/shared-testing';
import { TicketSchema, type Ticket } from '@gm/triage-contracts';
import { request } from './http.js';

/** The gateway to call and the signed-in demo users' tokens, by username. */
export interface GatewaySession {
  baseUrl: string;
  tokens: Readonly<Record<string, string>>;
}

/**
 * The gateway's ticket endpoints as the signed-in demo users. `session` is read at each call: the
 * platform starts, and the users sign in, in `beforeAll`, after a test file has set these up.
 */
export function ticketClient(session: () => GatewaySession) {
  /** A request as `user`: a POST of `json` when given, else a GET. */
  const call = <T>(user: string, path: string, json?: unknown) => {
    const { baseUrl, tokens } = session();
    return request<T>(baseUrl, path, { token: tokens[user], json });
  };

  /** Raises a ticket as `user`, which must be created, submitted and numbered; its id. */
  async function raise(user: string, body: Record<string, unknown>): Promise<string> {
    const created = await call<{ id: string; number: string; status: string }>(
      user,
      '/api/tickets',
      body,
    );
    expect({ status: created.status, body: created.body }).toMatchObject({
      status: 201,
      body: { status: 'submitted', number: expect.stringMatching(/^WZH-/) },
    });
    return created.body.id;
  }

  /** A ticket action (`assign`, `accept`, `resolve`, …) as `user`, which must succeed; the ticket. */
  async function act(user: string, id: string, action: string, json: unknown = {}) {
    const result = await call<Ticket>(user, `/api/tickets/${id}/${action}`, json);
    if (result.status !== 200)
      throw new Error(`${action}: ${result.status} ${JSON.stringify(result.body)}`);
    return TicketSchema.parse(result.body);
  }

  /** The ticket as `user` sees it, which must be allowed. */
  async function get(user: string, id: string): Promise<Ticket> {
    const result = await call<Ticket>(user, `/api/tickets/${id}`);
    expect(result.status).toBe(200);
    return TicketSchema.parse(result.body);
  }

  return { call, raise, act, get };
}

export interface TicketEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface TicketEvents {
  /** The events about ticket `id` seen so far, in order. */
  of(id: string): TicketEvent[];
  /** Their transitions: `submitted`, `assigned`, … */
  transitionsOf(id: string): string[];
  close(): Promise<void>;
}

/** Records the ticket events on the triage stream under the platform's NATS `prefix`, by ticket. */
export async function watchTicketEvents(prefix: string): Promise<TicketEvents> {
  const nc = await connect({ servers: testNatsUrl() });
  const seen = new Map<string, TicketEvent[]>();
  const sub = nc.subscribe(`${prefix}.triage.evt.ticket.>`);
  void (async () => {
    for await (const msg of sub) {
      const event = msg.json<TicketEvent & { subject: string }>();
      seen.set(event.subject, [...(seen.get(event.subject) ?? []), event]);
    }
  })();
  const of = (id: string) => seen.get(id) ?? [];
  return {
    of,
    transitionsOf: (id) => of(id).map((e) => e.type.split('.')[3]),
    close: () => nc.close(),
  };
}
