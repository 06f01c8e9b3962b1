import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Ajv, type ValidateFunction } from 'ajv';
import { stableId } from '@gm/shared-contracts';
import type { TicketSummary } from '@gm/triage-contracts';
import { request, signInAll } from './support/http.js';
import { startPlatform, type Platform } from './support/platform.js';
import { asXmlText, parseXml, xmlToJson } from './support/xml.js';

// Open311 GeoReport v2 clients against the built gateway and triage service.
jest.setTimeout(180_000);

const PROJECT = '11111111-1111-4111-8111-111111111111';
const HOUSING = stableId('department', 'housing');
const V2 = '/open311/v2';

/** The standard's JSON Schemas, written from the specification (not from our code). */
// strictRequired is off: `anyOf: [{required: [a]}, {required: [b]}]` names properties declared beside it.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
const schema = (name: string): ValidateFunction =>
  ajv.compile(
    JSON.parse(
      readFileSync(new URL(`./support/open311-schemas/${name}.json`, import.meta.url), 'utf8'),
    ) as object,
  );
const SCHEMAS = {
  discovery: schema('discovery'),
  services: schema('services'),
  definition: schema('service-definition'),
  requests: schema('service-requests'),
  request: schema('service-request'),
  posted: schema('post-service-request'),
  token: schema('token'),
  errors: schema('errors'),
  updates: schema('service-request-updates'),
};
/** Elements that are lists in Open311 XML. */
const LISTS = new Set([
  'services',
  'service_requests',
  'service_requests_updates',
  'attributes',
  'values',
  'endpoints',
  'formats',
  'errors',
]);

let platform: Platform;
let tokens: Record<string, string>;

function valid(validate: ValidateFunction, body: unknown): void {
  validate(body);
  expect(validate.errors ?? []).toEqual([]);
}

async function getJson<T>(path: string, validate: ValidateFunction, status = 200): Promise<T> {
  const result = await request<T>(platform.baseUrl, path);
  expect({ path, status: result.status }).toEqual({ path, status });
  expect(result.headers.get('content-type')).toMatch(/^application\/json/);
  valid(validate, result.body);
  return result.body;
}

/** The XML form of a JSON endpoint: well-formed, rooted at `root`, and the same data. */
async function expectXmlMatches(jsonPath: string, root: string, json: unknown, status = 200) {
  const result = await request<string>(platform.baseUrl, jsonPath.replace('.json', '.xml'), {
    headers: { accept: 'text/xml' },
  });
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toMatch(/^text\/xml/);
  expect(result.body).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>/);
  const document = parseXml(result.body);
  expect(document.name).toBe(root);
  expect(xmlToJson(document, LISTS)).toEqual(asXmlText(json));
}

function form(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return body.toString();
}

const postForm = (path: string, fields: Record<string, string | string[]>, token?: string) =>
  request<unknown>(platform.baseUrl, `${V2}/${path}`, {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form(fields),
  });

const housingForm = {
  service_code: 'housing',
  description: '申请人才住房\n新入职研究员，三口之家',
  'attribute[talentTier]': 'B',
  'attribute[householdSize]': '3',
  'attribute[preferredProjectIds][]': [PROJECT],
  email: 'talent1@example.org',
  first_name: 'Tal',
  last_name: 'Ent',
};

beforeAll(async () => {
  platform = await startPlatform({ services: ['triage', 'gateway'] });
  tokens = await signInAll(platform.baseUrl, [
    'talent1',
    'convener1',
    'officer.housing',
    'manager1',
  ]);
});

afterAll(async () => {
  await platform?.stop();
});

describe('Open311 GeoReport v2 reads', () => {
  it('serves discovery, services and service definitions in JSON and XML', async () => {
    const discovery = await getJson<{ endpoints: { url: string }[] }>(
      `${V2}/discovery.json`,
      SCHEMAS.discovery,
    );
    expect(discovery.endpoints[0]!.url).toBe(`${platform.baseUrl}${V2}`);
    await expectXmlMatches(`${V2}/discovery.json`, 'discovery', discovery);

    const services = await getJson<Array<{ service_code: string; metadata: boolean }>>(
      `${V2}/services.json`,
      SCHEMAS.services,
    );
    const byCode = new Map(services.map((s) => [s.service_code, s]));
    expect(byCode.get('housing')).toMatchObject({
      metadata: true,
      type: 'realtime',
      service_name: '人才住房',
      group: '光明区住房和建设局',
    });
    expect(byCode.get('other')).toMatchObject({ metadata: false });
    await expectXmlMatches(`${V2}/services.json`, 'services', services);

    const definition = await getJson<{ attributes: Array<Record<string, unknown>> }>(
      `${V2}/services/housing.json`,
      SCHEMAS.definition,
    );
    expect(definition.attributes.map((a) => [a['code'], a['datatype'], a['required']])).toEqual([
      ['talentTier', 'string', true],
      ['householdSize', 'number', true],
      ['preferredProjectIds', 'string', true],
      ['employerUnitId', 'string', false],
      ['note', 'text', false],
      ['applicantName', 'string', false],
      ['socialInsuranceSince', 'datetime', false],
    ]);
    await expectXmlMatches(`${V2}/services/housing.json`, 'service_definition', definition);
    const talent = await getJson<{ attributes: Array<Record<string, unknown>> }>(
      `${V2}/services/talent-service.json`,
      SCHEMAS.definition,
    );
    expect(talent.attributes[0]).toMatchObject({ datatype: 'singlevaluelist', order: 1 });
    await expectXmlMatches(`${V2}/services/talent-service.json`, 'service_definition', talent);
  });

  it('answers an unknown service code with the standard error list, in both formats', async () => {
    const errors = await getJson<Array<{ code: number; description: string }>>(
      `${V2}/services/no-such-thing.json`,
      SCHEMAS.errors,
      404,
    );
    expect(errors).toEqual([{ code: 404, description: expect.stringMatching(/no-such-thing/) }]);
    await expectXmlMatches(`${V2}/services/no-such-thing.json`, 'errors', errors, 404);
  });
});

describe('Open311 requests', () => {
  let posted: { service_request_id: string; token: string };

  it('creates a ticket of the caller from a form post with api_key', async () => {
    const result = await postForm('requests.json', { ...housingForm, api_key: tokens['talent1']! });
    expect(result.status).toBe(201);
    valid(SCHEMAS.posted, result.body);
    posted = (result.body as Array<{ service_request_id: string; token: string }>)[0]!;
    expect(posted.token).toMatch(/^WZH-\d{4}-\d{6}$/);

    const mine = await request<{ items: TicketSummary[] }>(
      platform.baseUrl,
      '/api/tickets?category=housing',
      { token: tokens['talent1'] },
    );
    const ticket = mine.body.items.find((t) => t.id === posted.service_request_id);
    expect(ticket).toMatchObject({
      title: '申请人才住房',
      status: 'submitted',
      number: posted.token,
    });
    const full = await request<{ details: unknown }>(
      platform.baseUrl,
      `/api/tickets/${posted.service_request_id}`,
      { token: tokens['talent1'] },
    );
    expect(full.body.details).toEqual({
      talentTier: 'B',
      householdSize: 3,
      preferredProjectIds: [PROJECT],
    });
  });

  it('answers a post in XML, with a Bearer token and a JSON body', async () => {
    const result = await request<string>(platform.baseUrl, `${V2}/requests.xml`, {
      token: tokens['talent1'],
      json: { service_code: 'other', description: 'Parking at the institute <gate> & more' },
    });
    expect(result.status).toBe(201);
    const [created] = xmlToJson(parseXml(result.body), LISTS) as Array<Record<string, string>>;
    valid(SCHEMAS.posted, [{ ...created, account_id: null }]);
    expect(created!['service_request_id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses posts in the standard error format: no key, a bad key, wrong role, bad input', async () => {
    const anonymous = await postForm('requests.json', housingForm);
    expect(anonymous.status).toBe(401);
    valid(SCHEMAS.errors, anonymous.body);
    const forged = await postForm('requests.xml', { ...housingForm, api_key: 'not-a-token' });
    expect(forged.status).toBe(401);
    expect(parseXml(forged.body as string).name).toBe('errors');
    const manager = await postForm('requests.json', housingForm, tokens['manager1']);
    expect(manager.status).toBe(403);
    valid(SCHEMAS.errors, manager.body);

    const unknown = await postForm(
      'requests.json',
      { service_code: 'no-such-thing', description: 'x' },
      tokens['talent1'],
    );
    expect(unknown.status).toBe(400);
    valid(SCHEMAS.errors, unknown.body);
    expect(unknown.body).toEqual([
      { code: 400, description: expect.stringMatching(/^service_code: /) },
    ]);

    const bad = await postForm(
      'requests.json',
      {
        ...housingForm,
        'attribute[householdSize]': 'three',
        'attribute[colour]': 'red',
        description: ' ',
      },
      tokens['talent1'],
    );
    expect(bad.status).toBe(400);
    valid(SCHEMAS.errors, bad.body);
    expect(
      (bad.body as Array<{ description: string }>).map((e) => e.description.split(':')[0]).sort(),
    ).toEqual(['attribute[colour]', 'attribute[householdSize]', 'description']);
  });

  it('lists requests without personal data, filtered as the standard says, in JSON and XML', async () => {
    const me = await request<{ id: string }>(platform.baseUrl, '/api/me', {
      token: tokens['talent1'],
    });
    const path = `${V2}/requests.json?service_request_id=${posted.service_request_id}`;
    const [one] = await getJson<Array<Record<string, unknown>>>(path, SCHEMAS.requests);
    expect(one).toMatchObject({
      service_request_id: posted.service_request_id,
      status: 'open',
      service_code: 'housing',
      description: '申请人才住房',
      address: '',
    });
    const text = JSON.stringify(one);
    for (const secret of [me.body.id, 'talent1', '三口之家', PROJECT, 'Tal']) {
      expect(text).not.toContain(secret);
    }
    await expectXmlMatches(path, 'service_requests', [one]);

    const all = await getJson<Array<{ service_request_id: string; service_code: string }>>(
      `${V2}/requests.json`,
      SCHEMAS.requests,
    );
    expect(all.map((r) => r.service_request_id)).toContain(posted.service_request_id);
    const other = await getJson<Array<{ service_code: string }>>(
      `${V2}/requests.json?service_code=other`,
      SCHEMAS.requests,
    );
    expect(other.length).toBeGreaterThan(0);
    expect(other.every((r) => r.service_code === 'other')).toBe(true);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(await getJson(`${V2}/requests.json?start_date=${future}`, SCHEMAS.requests)).toEqual([]);
    await getJson(
      `${V2}/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z`,
      SCHEMAS.errors,
      400,
    );
  });

  it('maps the ticket loop to open and closed, by id, token and status updates', async () => {
    const id = posted.service_request_id;
    const act = async (user: string, action: string, json: unknown) => {
      const result = await request(platform.baseUrl, `/api/tickets/${id}/${action}`, {
        token: tokens[user],
        json,
      });
      expect({ action, status: result.status }).toEqual({ action, status: 200 });
    };
    await act('convener1', 'assign', { departmentId: HOUSING });
    const [assigned] = await getJson<Array<Record<string, unknown>>>(
      `${V2}/requests/${id}.json`,
      SCHEMAS.request,
    );
    expect(assigned).toMatchObject({
      status: 'open',
      agency_responsible: '光明区住房和建设局',
      expected_datetime: expect.any(String),
    });
    await act('officer.housing', 'accept', {});
    await act('officer.housing', 'resolve', { resolution: 'Unit 3-1204 offered' });

    const byNumber = await getJson<Array<Record<string, unknown>>>(
      `${V2}/requests/${posted.token}.json`,
      SCHEMAS.request,
    );
    expect(byNumber[0]).toMatchObject({ service_request_id: id, status: 'closed' });
    expect(JSON.stringify(byNumber)).not.toContain('3-1204');
    await expectXmlMatches(`${V2}/requests/${id}.json`, 'service_requests', byNumber);
    const closed = await getJson<Array<{ service_request_id: string; status: string }>>(
      `${V2}/requests.json?status=closed`,
      SCHEMAS.requests,
    );
    expect(closed.map((r) => r.service_request_id)).toContain(id);
    expect(closed.every((r) => r.status === 'closed')).toBe(true);
    const open = await getJson<Array<{ service_request_id: string }>>(
      `${V2}/requests.json?status=open`,
      SCHEMAS.requests,
    );
    expect(open.map((r) => r.service_request_id)).not.toContain(id);
    await getJson(`${V2}/requests/00000000-0000-4000-8000-000000000000.json`, SCHEMAS.errors, 404);

    const token = await getJson<unknown>(`${V2}/tokens/${posted.token}.json`, SCHEMAS.token);
    expect(token).toEqual([{ service_request_id: id, token: posted.token }]);
    await expectXmlMatches(`${V2}/tokens/${posted.token}.json`, 'service_requests', token);
    await getJson(`${V2}/tokens/WZH-1999-000000.json`, SCHEMAS.errors, 404);

    const updatesPath = `${V2}/servicerequestupdates.json?start_date=${encodeURIComponent(
      new Date(Date.now() - 3_600_000).toISOString(),
    )}`;
    const updates = await getJson<Array<Record<string, string>>>(updatesPath, SCHEMAS.updates);
    const ours = updates.filter((u) => u.service_request_id === id);
    expect(ours.map((u) => [u.external_status_code, u.status])).toEqual([
      ['submitted', 'open'],
      ['assigned', 'action_scheduled'],
      ['accepted', 'in_progress'],
      ['resolved', 'fixed'],
    ]);
    expect(JSON.stringify(ours)).not.toContain('3-1204');
    await expectXmlMatches(updatesPath, 'service_requests_updates', updates);
  });
});
