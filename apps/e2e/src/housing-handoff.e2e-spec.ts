import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ApplicationDetail, HousingProject, Offer, RoundCreated } from '@gm/housing-contracts';
import { stableId, type Page } from '@gm/shared-contracts';
import { waitFor } from '@gm/shared-testing';
import { TicketSchema, type Department, type Ticket } from '@gm/triage-contracts';
import { request, signInAll } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';

// Starting all four processes takes seconds; a busy CI machine may take many.
jest.setTimeout(240_000);

let platform: Platform;
let tokens: Record<string, string>;
let gmc: HousingProject;
let housing: Department;

const call = <T>(user: string | undefined, path: string, json?: unknown) =>
  request<T>(platform.baseUrl, path, { token: user ? tokens[user] : undefined, json });

/** The calendar day in Asia/Shanghai (UTC+8) of an instant. */
const shanghaiDay = (at: string) =>
  new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10);

async function ticketOf(id: string): Promise<Ticket> {
  const result = await call<Ticket>('talent1', `/api/tickets/${id}`);
  if (result.status !== 200) throw new Error(`ticket: ${result.status} ${JSON.stringify(result)}`);
  return TicketSchema.parse(result.body);
}

beforeAll(async () => {
  platform = await startPlatform();
  tokens = await signInAll(platform.baseUrl, ['talent1', 'convener1', 'housing1']);
  const projects = await call<Page<HousingProject>>(undefined, '/api/housing/projects');
  gmc = projects.body.items.find((p) => p.code === 'GMC')!;
  const departments = await call<Page<Department>>(undefined, '/api/departments?pageSize=100');
  housing = departments.body.items.find((d) => d.code === 'housing')!;
  expect(gmc).toBeDefined();
  expect(housing).toBeDefined();
});

afterAll(async () => {
  await platform?.stop();
});

describe('the 问诊会 ticket ↔ housing hand-off', () => {
  it('links the application from the ticket and resolves the ticket when the offer is accepted', async () => {
    const details = {
      talentTier: 'A',
      householdSize: 1,
      preferredProjectIds: [gmc.id],
      applicantName: '张一鸣',
    };
    const created = await call<{ id: string }>('talent1', '/api/tickets', {
      title: '申请人才住房',
      description: '新入职研究员，申请光明云谷人才房',
      category: 'housing',
      details,
    });
    expect(created.status).toBe(201);
    const ticketId = created.body.id;

    const assigned = await call<Ticket>('convener1', `/api/tickets/${ticketId}/assign`, {
      departmentId: housing.id,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.status).toBe('assigned');

    // Housing opens the application from the ticket's details and reports the link back.
    const linked = await waitFor(
      async () => {
        const ticket = await ticketOf(ticketId);
        return ticket.links.find((l) => l.kind === 'housing-application');
      },
      { what: 'the housing-application link on the ticket', timeoutMs: 30_000 },
    );
    const application = await call<ApplicationDetail>(
      'talent1',
      `/api/housing/applications/${linked.id}`,
    );
    expect(application.status).toBe(200);
    expect(application.body).toMatchObject({
      id: linked.id,
      ticketId,
      status: 'active',
      applicantId: stableId('user', 'talent1'),
      preferredProjectIds: [gmc.id],
      // The name travels in the ticket's details; the base date is the ticket's submission day.
      applicantName: '张一鸣',
      baseDate: shanghaiDay((await ticketOf(ticketId)).createdAt),
    });

    // A round offers talent1 a unit; accepting it resolves the ticket with no manual step.
    const round = await call<RoundCreated>('housing1', '/api/housing/rounds', {
      projectIds: [gmc.id],
    });
    expect(round.status).toBe(201);
    const offer = round.body.offers.find((o) => o.applicationId === linked.id);
    expect(offer).toBeDefined();
    const accepted = await call<Offer>('talent1', `/api/housing/offers/${offer!.id}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');

    const resolved = await waitFor(
      async () => {
        const ticket = await ticketOf(ticketId);
        return ticket.status === 'resolved' ? ticket : undefined;
      },
      { what: 'the ticket to be resolved by the hand-off', timeoutMs: 30_000 },
    );
    expect(resolved.resolution).toContain(offer!.unitCode);
    expect(resolved.links).toEqual([{ kind: 'housing-application', id: linked.id }]);

    const closed = await call<Ticket>('talent1', `/api/tickets/${ticketId}/confirm`, {
      solved: true,
      satisfaction: 'satisfied',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
    expect(closed.body.history.map((h) => h.transition)).toEqual([
      'submitted',
      'assigned',
      'linked',
      'accepted',
      'resolved',
      'closed',
    ]);
  });
});
