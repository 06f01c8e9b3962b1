/**
 * The authorisation matrix of the gateway's API, as api.md states it: one row per endpoint
 * (method and OpenAPI path), who may call it, and a request that is otherwise valid, so that the
 * only reason for a 401 or 403 is the caller. `authz.e2e-spec.ts` runs every row against every
 * demo account and without a token, and fails when /api/openapi.json has an endpoint with no row.
 * Add a row with every endpoint you add.
 */

/** The demo accounts of api.md the matrix signs in as, one per role. */
export const ACCOUNTS = [
  'admin',
  'researcher1',
  'manager1',
  'enterprise1',
  'talent1',
  'convener1',
  'officer.housing',
  'housing1',
] as const;
export type Account = (typeof ACCOUNTS)[number];

/** Ids of things created before the matrix runs, by the accounts named. */
export interface AuthzFixtures {
  /** A pending booking of researcher1 on GM-R-001 (manager1's unit; it needs approval). */
  bookingId: string;
  /** A ticket of talent1, assigned by convener1 to the housing department (officer.housing). */
  ticketId: string;
  /** The one beneficiary item of that ticket. */
  itemId: string;
  /** A 问诊会 session of convener1. */
  sessionId: string;
  /** The housing department's id. */
  housingDepartmentId: string;
  /** The GMC housing project's id. */
  housingProjectId: string;
  /** A housing application of talent1 on that project… */
  applicationId: string;
  /** …and the offer a round of housing1 made it. */
  offerId: string;
}

/** An id nothing has: anyone may ask for a published round, and learns it does not exist. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export interface AuthzRow {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path as /api/openapi.json names it, e.g. `/api/bookings/{id}`. */
  path: string;
  /** Who may call: anyone (no token needed), anyone signed in, or these accounts only. */
  allowed: 'anyone' | 'signed-in' | readonly Account[];
  /**
   * Accounts refused with 404 rather than 403, because they may not even see the target (a
   * ticket's id is not disclosed to those outside it). The rest of the refused get 403.
   */
  hidden?: readonly Account[];
  /** The concrete path and body; default: `path` as it is, no body. */
  request?: (fixtures: AuthzFixtures) => { path?: string; json?: unknown };
  /** A server-sent event stream: only the status of its first answer is read. */
  stream?: true;
}

const future = (days: number, hour: number) => {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(hour, 0, 0, 0);
  return at.toISOString();
};

/** Everyone outside a ticket of talent1 handled by the housing department. */
const OUTSIDE_TICKET: readonly Account[] = ['researcher1', 'manager1', 'enterprise1', 'housing1'];

export const AUTHZ_TABLE: readonly AuthzRow[] = [
  // auth
  {
    method: 'POST',
    path: '/api/auth/token',
    allowed: 'anyone',
    request: () => ({ json: { username: 'talent2', password: 'guangming-demo' } }),
  },
  { method: 'GET', path: '/api/me', allowed: 'signed-in' },
  // documentation, portal, live events
  { method: 'GET', path: '/api/openapi.json', allowed: 'anyone' },
  { method: 'GET', path: '/api/asyncapi.json', allowed: 'anyone' },
  { method: 'GET', path: '/api/docs', allowed: 'anyone' },
  { method: 'GET', path: '/api/portal/overview', allowed: 'anyone' },
  { method: 'GET', path: '/api/events/stream', allowed: 'anyone', stream: true },
  // catalogue and directories
  { method: 'GET', path: '/api/units', allowed: 'anyone' },
  { method: 'GET', path: '/api/resources', allowed: 'anyone' },
  {
    method: 'GET',
    path: '/api/resources/{id}',
    allowed: 'anyone',
    request: () => ({ path: '/api/resources/GM-R-001' }),
  },
  {
    method: 'GET',
    path: '/api/resources/free',
    allowed: 'anyone',
    request: () => ({
      path: `/api/resources/free?from=${encodeURIComponent(future(20, 1))}&to=${encodeURIComponent(future(20, 3))}`,
    }),
  },
  {
    method: 'GET',
    path: '/api/resources/{id}/availability',
    allowed: 'anyone',
    request: () => ({
      path: `/api/resources/GM-R-001/availability?from=${encodeURIComponent(future(20, 0))}&to=${encodeURIComponent(future(21, 0))}`,
    }),
  },
  { method: 'GET', path: '/api/departments', allowed: 'anyone' },
  { method: 'GET', path: '/api/ticket-categories', allowed: 'anyone' },
  { method: 'GET', path: '/api/housing/projects', allowed: 'anyone' },
  // talent housing
  {
    method: 'GET',
    path: '/api/housing/projects/{id}/units',
    allowed: 'anyone',
    request: (f) => ({ path: `/api/housing/projects/${f.housingProjectId}/units` }),
  },
  {
    method: 'GET',
    path: '/api/housing/rounds/{id}',
    allowed: 'anyone',
    request: () => ({ path: `/api/housing/rounds/${UNKNOWN_ID}` }),
  },
  {
    method: 'POST',
    path: '/api/housing/applications',
    allowed: ['talent1', 'admin'],
    request: (f) => ({
      json: { talentTier: 'B', householdSize: 1, preferredProjectIds: [f.housingProjectId] },
    }),
  },
  { method: 'GET', path: '/api/housing/applications', allowed: ['talent1', 'housing1', 'admin'] },
  {
    method: 'GET',
    path: '/api/housing/applications/{id}',
    allowed: ['talent1', 'housing1', 'admin'],
    request: (f) => ({ path: `/api/housing/applications/${f.applicationId}` }),
  },
  {
    method: 'GET',
    path: '/api/housing/applications/{id}/explanation',
    allowed: ['talent1', 'housing1', 'admin'],
    request: (f) => ({ path: `/api/housing/applications/${f.applicationId}/explanation` }),
  },
  {
    method: 'POST',
    path: '/api/housing/applications/{id}/withdraw',
    // Only the applicant: housing officers (and admin) read it but do not withdraw it.
    allowed: ['talent1'],
    request: (f) => ({ path: `/api/housing/applications/${f.applicationId}/withdraw` }),
  },
  {
    method: 'POST',
    path: '/api/housing/applications/{id}/review-requests',
    // Only the applicant asks (PIPL art. 24); a second ask while one is open is a 409 (allowed).
    allowed: ['talent1'],
    request: (f) => ({
      path: `/api/housing/applications/${f.applicationId}/review-requests`,
      json: { reason: 'authorisation matrix' },
    }),
  },
  {
    method: 'GET',
    path: '/api/housing/applications/{id}/review-requests',
    allowed: ['talent1', 'housing1', 'admin'],
    request: (f) => ({ path: `/api/housing/applications/${f.applicationId}/review-requests` }),
  },
  {
    method: 'POST',
    path: '/api/housing/review-requests/{id}/decision',
    // The role is checked before the lookup: housing officers learn the request does not exist.
    allowed: ['housing1', 'admin'],
    request: () => ({
      path: `/api/housing/review-requests/${UNKNOWN_ID}/decision`,
      json: { decision: 'upheld', note: 'authorisation matrix' },
    }),
  },
  {
    method: 'POST',
    path: '/api/housing/units/{id}/vacate',
    allowed: ['housing1', 'admin'],
    request: () => ({ path: `/api/housing/units/${UNKNOWN_ID}/vacate` }),
  },
  // the housing stock: housing officers (and admin); unknown ids answer 404 after the role check
  {
    method: 'POST',
    path: '/api/housing/projects',
    // The first of the two creates it, the second learns the code is taken (409, allowed).
    allowed: ['housing1', 'admin'],
    request: () => ({ json: { code: 'AUTHZ', name: '矩阵项目', nameEn: 'Matrix project' } }),
  },
  {
    method: 'PATCH',
    path: '/api/housing/projects/{id}',
    allowed: ['housing1', 'admin'],
    request: () => ({ path: `/api/housing/projects/${UNKNOWN_ID}`, json: { address: 'x' } }),
  },
  {
    method: 'POST',
    path: '/api/housing/projects/{id}/retire',
    allowed: ['housing1', 'admin'],
    request: () => ({ path: `/api/housing/projects/${UNKNOWN_ID}/retire`, json: {} }),
  },
  {
    method: 'POST',
    path: '/api/housing/projects/{id}/units',
    allowed: ['housing1', 'admin'],
    request: () => ({
      path: `/api/housing/projects/${UNKNOWN_ID}/units`,
      json: {
        units: [{ building: '1', number: '101', bedrooms: 1, areaSqm: 45, monthlyRent: 1350 }],
      },
    }),
  },
  {
    method: 'GET',
    path: '/api/housing/units/{id}',
    allowed: ['housing1', 'admin'],
    request: () => ({ path: `/api/housing/units/${UNKNOWN_ID}` }),
  },
  {
    method: 'PATCH',
    path: '/api/housing/units/{id}',
    allowed: ['housing1', 'admin'],
    request: () => ({ path: `/api/housing/units/${UNKNOWN_ID}`, json: { monthlyRent: 1000 } }),
  },
  {
    method: 'POST',
    path: '/api/housing/units/{id}/retire',
    allowed: ['housing1', 'admin'],
    request: () => ({ path: `/api/housing/units/${UNKNOWN_ID}/retire`, json: {} }),
  },
  {
    method: 'POST',
    path: '/api/housing/rounds',
    allowed: ['housing1', 'admin'],
    request: (f) => ({ json: { projectIds: [f.housingProjectId] } }),
  },
  ...(['accept', 'decline'] as const).map((answer): AuthzRow => ({
    method: 'POST',
    path: `/api/housing/offers/{id}/${answer}`,
    // Only the applicant answers: talent1 accepts first, so its decline is a 409 (allowed).
    allowed: ['talent1'],
    request: (f) => ({ path: `/api/housing/offers/${f.offerId}/${answer}` }),
  })),
  {
    method: 'POST',
    path: '/api/housing/simulations',
    allowed: ['housing1', 'admin'],
    request: () => ({
      json: {
        method: 'serial-dictatorship',
        applicants: [{ id: 'a1', preferences: ['u1'] }],
        units: [{ id: 'u1' }],
      },
    }),
  },
  // bookings
  {
    method: 'POST',
    path: '/api/bookings',
    allowed: ['researcher1', 'admin'],
    request: () => ({
      json: {
        resourceId: 'GM-R-002',
        start: future(30, 1),
        end: future(30, 2),
        purpose: 'authorisation matrix',
      },
    }),
  },
  { method: 'GET', path: '/api/bookings', allowed: 'signed-in' },
  {
    method: 'GET',
    path: '/api/bookings/{id}',
    allowed: ['researcher1', 'manager1', 'admin'],
    request: (f) => ({ path: `/api/bookings/${f.bookingId}` }),
  },
  {
    method: 'POST',
    path: '/api/bookings/{id}/approve',
    allowed: ['manager1', 'admin'],
    request: (f) => ({ path: `/api/bookings/${f.bookingId}/approve`, json: {} }),
  },
  {
    method: 'POST',
    path: '/api/bookings/{id}/reject',
    allowed: ['manager1', 'admin'],
    request: (f) => ({ path: `/api/bookings/${f.bookingId}/reject`, json: { reason: 'matrix' } }),
  },
  {
    method: 'POST',
    path: '/api/bookings/{id}/cancel',
    allowed: ['researcher1', 'manager1', 'admin'],
    request: (f) => ({ path: `/api/bookings/${f.bookingId}/cancel`, json: { reason: 'matrix' } }),
  },
  {
    method: 'POST',
    path: '/api/resources/{id}/maintenance',
    allowed: ['manager1', 'admin'],
    request: () => ({
      path: '/api/resources/GM-R-001/maintenance',
      json: { start: future(40, 1), end: future(40, 2), reason: 'matrix' },
    }),
  },
  {
    method: 'GET',
    path: '/api/resources/stats',
    allowed: 'signed-in',
    request: () => ({
      path: `/api/resources/stats?from=${encodeURIComponent(future(20, 0))}&to=${encodeURIComponent(future(27, 0))}`,
    }),
  },
  {
    method: 'PATCH',
    path: '/api/resources/{id}',
    allowed: ['manager1', 'admin'],
    request: () => ({ path: '/api/resources/GM-R-001', json: { location: 'A-B1-01 (matrix)' } }),
  },
  {
    method: 'GET',
    path: '/api/resources/{id}/calendar.ics',
    allowed: 'anyone',
    request: () => ({ path: '/api/resources/GM-R-001/calendar.ics' }),
  },
  {
    method: 'POST',
    path: '/api/resources/{id}/qualifications',
    allowed: ['manager1', 'admin'],
    request: () => ({
      path: '/api/resources/GM-R-001/qualifications',
      json: { userId: 'matrix-user', expiresAt: future(60, 0) },
    }),
  },
  {
    method: 'GET',
    path: '/api/resources/{id}/qualifications',
    allowed: ['manager1', 'admin'],
    request: () => ({ path: '/api/resources/GM-R-001/qualifications' }),
  },
  {
    method: 'DELETE',
    path: '/api/resources/{id}/qualifications/{userId}',
    allowed: ['manager1', 'admin'],
    request: () => ({ path: '/api/resources/GM-R-001/qualifications/matrix-user' }),
  },
  {
    method: 'POST',
    path: '/api/resources/{id}/waitlist',
    allowed: ['researcher1', 'admin'],
    request: () => ({
      path: '/api/resources/GM-R-001/waitlist',
      json: { start: future(30, 1), end: future(30, 2) },
    }),
  },
  { method: 'GET', path: '/api/waitlist', allowed: 'signed-in' },
  // tickets
  {
    method: 'POST',
    path: '/api/tickets',
    allowed: ['researcher1', 'enterprise1', 'talent1', 'admin'],
    request: () => ({
      json: { title: 'Matrix', description: 'authorisation matrix', category: 'other' },
    }),
  },
  { method: 'GET', path: '/api/tickets', allowed: 'signed-in' },
  {
    method: 'GET',
    path: '/api/tickets/{id}',
    allowed: ['talent1', 'convener1', 'officer.housing', 'admin'],
    hidden: OUTSIDE_TICKET,
    request: (f) => ({ path: `/api/tickets/${f.ticketId}` }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/assign',
    allowed: ['convener1', 'admin'],
    request: (f) => ({
      path: `/api/tickets/${f.ticketId}/assign`,
      json: { departmentId: f.housingDepartmentId },
    }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/accept',
    allowed: ['officer.housing', 'admin'],
    hidden: OUTSIDE_TICKET,
    request: (f) => ({ path: `/api/tickets/${f.ticketId}/accept`, json: {} }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/contact',
    allowed: ['officer.housing', 'admin'],
    hidden: OUTSIDE_TICKET,
    request: (f) => ({
      path: `/api/tickets/${f.ticketId}/contact`,
      json: { channel: 'phone', note: 'matrix' },
    }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/return',
    allowed: ['officer.housing', 'admin'],
    hidden: OUTSIDE_TICKET,
    request: (f) => ({
      path: `/api/tickets/${f.ticketId}/return`,
      json: { reason: 'matrix', basis: 'matrix' },
    }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/return-review',
    allowed: ['convener1', 'admin'],
    request: (f) => ({
      path: `/api/tickets/${f.ticketId}/return-review`,
      json: { decision: 'reject' },
    }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/resolve',
    allowed: ['officer.housing', 'admin'],
    hidden: OUTSIDE_TICKET,
    request: (f) => ({ path: `/api/tickets/${f.ticketId}/resolve`, json: { resolution: 'done' } }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/confirm',
    allowed: ['talent1'],
    hidden: OUTSIDE_TICKET,
    request: (f) => ({
      path: `/api/tickets/${f.ticketId}/confirm`,
      json: { solved: true, satisfaction: 'satisfied' },
    }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/merge',
    allowed: ['convener1', 'admin'],
    // Into a ticket nobody has: the convener learns it (400) and the fixture stays open.
    request: (f) => ({
      path: `/api/tickets/${f.ticketId}/merge`,
      json: { intoTicketId: UNKNOWN_ID },
    }),
  },
  {
    method: 'GET',
    path: '/api/tickets/{id}/duplicates',
    // 并单 suggestions: not for the requester.
    allowed: ['convener1', 'officer.housing', 'admin'],
    hidden: OUTSIDE_TICKET,
    request: (f) => ({ path: `/api/tickets/${f.ticketId}/duplicates` }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/duplicates/{otherId}/dismiss',
    allowed: ['convener1', 'admin'],
    // No such pair: the convener learns it (404) and nothing changes.
    request: (f) => ({
      path: `/api/tickets/${f.ticketId}/duplicates/${UNKNOWN_ID}/dismiss`,
      json: {},
    }),
  },
  {
    method: 'GET',
    path: '/api/tickets/{id}/items',
    allowed: ['talent1', 'convener1', 'officer.housing', 'admin'],
    hidden: OUTSIDE_TICKET,
    request: (f) => ({ path: `/api/tickets/${f.ticketId}/items` }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/items/resolve',
    allowed: ['officer.housing', 'admin'],
    hidden: OUTSIDE_TICKET,
    // An item the fixture does not have: refused as bad input after the caller is checked.
    request: (f) => ({
      path: `/api/tickets/${f.ticketId}/items/resolve`,
      json: { items: [{ itemId: UNKNOWN_ID, outcome: 'granted', reply: 'matrix' }] },
    }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/items/{itemId}/resolve',
    allowed: ['officer.housing', 'admin'],
    hidden: OUTSIDE_TICKET,
    request: (f) => ({
      path: `/api/tickets/${f.ticketId}/items/${f.itemId}/resolve`,
      json: { outcome: 'granted', reply: 'matrix' },
    }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/extension',
    allowed: ['officer.housing', 'admin'],
    hidden: OUTSIDE_TICKET,
    request: (f) => ({
      path: `/api/tickets/${f.ticketId}/extension`,
      json: { workingDays: 2, reason: 'matrix' },
    }),
  },
  {
    method: 'POST',
    path: '/api/tickets/{id}/extension-review',
    allowed: ['convener1', 'admin'],
    request: (f) => ({
      path: `/api/tickets/${f.ticketId}/extension-review`,
      json: { decision: 'refuse' },
    }),
  },
  {
    method: 'POST',
    path: '/api/triage-sessions',
    allowed: ['convener1', 'admin'],
    request: (f) => ({
      json: { title: 'Matrix', heldAt: future(3, 2), departmentIds: [f.housingDepartmentId] },
    }),
  },
  {
    method: 'POST',
    path: '/api/triage-sessions/{id}/agenda',
    allowed: ['convener1', 'admin'],
    request: (f) => ({
      path: `/api/triage-sessions/${f.sessionId}/agenda`,
      json: { ticketIds: [f.ticketId] },
    }),
  },
  {
    method: 'POST',
    path: '/api/triage-sessions/{id}/outcomes',
    allowed: ['convener1', 'admin'],
    request: (f) => ({
      path: `/api/triage-sessions/${f.sessionId}/outcomes`,
      json: { ticketId: f.ticketId, outcome: 'deferred' },
    }),
  },
  {
    method: 'GET',
    path: '/api/triage-sessions/{id}/minutes',
    // The fixture session has the housing department attending.
    allowed: ['convener1', 'officer.housing', 'admin'],
    request: (f) => ({ path: `/api/triage-sessions/${f.sessionId}/minutes` }),
  },
  {
    method: 'GET',
    path: '/api/triage/metrics',
    allowed: ['convener1', 'officer.housing', 'admin'],
  },
  // Open311 GeoReport v2: public reads; a post needs a requester's token (api_key or Bearer)
  ...(['json', 'xml'] as const).flatMap((format): AuthzRow[] => [
    { method: 'GET', path: `/open311/v2/discovery.${format}`, allowed: 'anyone' },
    { method: 'GET', path: `/open311/v2/services.${format}`, allowed: 'anyone' },
    {
      method: 'GET',
      path: `/open311/v2/services/{service_code}.${format}`,
      allowed: 'anyone',
      request: () => ({ path: `/open311/v2/services/housing.${format}` }),
    },
    { method: 'GET', path: `/open311/v2/requests.${format}`, allowed: 'anyone' },
    {
      method: 'POST',
      path: `/open311/v2/requests.${format}`,
      allowed: ['researcher1', 'enterprise1', 'talent1', 'admin'],
      request: () => ({ json: { service_code: 'other', description: 'authorisation matrix' } }),
    },
    {
      method: 'GET',
      path: `/open311/v2/requests/{service_request_id}.${format}`,
      allowed: 'anyone',
      request: (f) => ({ path: `/open311/v2/requests/${f.ticketId}.${format}` }),
    },
    {
      method: 'GET',
      path: `/open311/v2/tokens/{token}.${format}`,
      allowed: 'anyone',
      request: () => ({ path: `/open311/v2/tokens/WZH-2026-000001.${format}` }),
    },
    { method: 'GET', path: `/open311/v2/servicerequestupdates.${format}`, allowed: 'anyone' },
  ]),
];

export type Outcome = 'allowed' | 401 | 403 | 404;

/** What api.md says `account` (undefined: no token) gets from `row`. */
export function expectedOutcome(row: AuthzRow, account: Account | undefined): Outcome {
  if (row.allowed === 'anyone') return 'allowed';
  if (account === undefined) return 401;
  if (row.allowed === 'signed-in' || row.allowed.includes(account)) return 'allowed';
  return row.hidden?.includes(account) ? 404 : 403;
}

/** What a status means for the matrix: anything but 401, 403 and a hidden 404 is "allowed". */
export function outcomeOf(status: number, row: AuthzRow): Outcome {
  if (status === 401 || status === 403) return status;
  if (status === 404 && row.hidden) return 404;
  return 'allowed';
}
