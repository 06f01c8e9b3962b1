import { Inject, Injectable } from '@nestjs/common';
import type { Identity } from '@gm/shared-contracts';
import { AppError, fieldErrorsFromIssues, type FieldError } from '@gm/shared-errors';
import {
  CreateTicketBodySchema,
  TICKET_DETAILS_SCHEMAS,
  type Open311Created,
  type Open311CreateRequest,
  type Open311Request,
  type Open311RequestQuery,
  type Open311RequestUpdate,
  type Open311Service,
  type Open311ServiceDefinition,
} from '@gm/triage-contracts';
import {
  findTicketIdByNumber,
  listDepartments,
  listPublicHistory,
  listPublicTickets,
  listTicketCategories,
  type PublicTicketRow,
} from '@gm/triage-data-access';
import { InjectTriageDatabase, type TriageDatabase } from '../database.js';
import { CreateTicketUseCase } from '../tickets/create-ticket.use-case.js';
import { TRIAGE_CLOCK, type Clock } from '../tickets/ticket-runtime.js';
import { detailsFromAttributes, open311Attributes } from './open311-attributes.js';
import {
  fixMyStreetStatusOf,
  open311StatusOf,
  statusNotesOf,
  TICKET_STATUSES_OF,
  updateDescriptionOf,
} from './open311-status.js';

const DAY_MS = 86_400_000;
/** The standard's window: a search spans at most 90 days, the last 90 without dates. */
const MAX_SPAN_MS = 90 * DAY_MS;
const TITLE_LENGTH = 80;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Open311 GeoReport v2 on the tickets: categories as services, their details schemas as service
 * definitions, tickets as public service requests (no requester, no details), a post as a new
 * ticket of the caller, and the history as FixMyStreet status updates.
 */
@Injectable()
export class Open311UseCase {
  constructor(
    @InjectTriageDatabase() private readonly database: TriageDatabase,
    private readonly createTicket: CreateTicketUseCase,
    @Inject(TRIAGE_CLOCK) private readonly clock: Clock,
  ) {}

  async services(): Promise<{ items: Open311Service[] }> {
    const [categories, departments] = await Promise.all([
      listTicketCategories(this.database.db),
      listDepartments(this.database.db),
    ]);
    const departmentName = new Map(departments.map((d) => [d.code, d.name]));
    return {
      items: categories.map((c) => ({
        service_code: c.code,
        service_name: c.name,
        description: `${c.name_en}. A department answers within ${c.sla_working_days} working days of dispatch.`,
        metadata: TICKET_DETAILS_SCHEMAS[c.code] !== undefined,
        type: 'realtime' as const,
        keywords: [...new Set([c.code, ...c.name_en.toLowerCase().match(/[a-z]+/g)!])].join(','),
        group:
          (c.default_department_code && departmentName.get(c.default_department_code)) ?? '问诊会',
      })),
    };
  }

  async definition(serviceCode: string): Promise<Open311ServiceDefinition> {
    const categories = await listTicketCategories(this.database.db);
    if (!categories.some((c) => c.code === serviceCode)) {
      throw AppError.notFound('service', serviceCode);
    }
    return {
      service_code: serviceCode,
      attributes: open311Attributes(TICKET_DETAILS_SCHEMAS[serviceCode]),
    };
  }

  async requests(query: Open311RequestQuery): Promise<{ items: Open311Request[] }> {
    const rows = query.ids
      ? await listPublicTickets(
          this.database.db,
          {
            ids: query.ids.filter((id) => UUID.test(id)),
            numbers: query.ids.filter((id) => !UUID.test(id)),
          },
          query.limit,
        )
      : await listPublicTickets(
          this.database.db,
          {
            categories: query.serviceCodes,
            statuses: query.statuses?.flatMap((s) => TICKET_STATUSES_OF[s]),
            ...this.window(query.start, query.end),
          },
          query.limit,
        );
    return { items: rows.map(toOpen311Request) };
  }

  async create(identity: Identity, input: Open311CreateRequest): Promise<Open311Created> {
    const schema = TICKET_DETAILS_SCHEMAS[input.service_code];
    const { details, errors } = detailsFromAttributes(schema, input.attributes);
    const description = input.description.trim();
    const parsed = CreateTicketBodySchema.safeParse({
      title: titleOf(description),
      description,
      category: input.service_code,
      ...(details !== undefined ? { details } : {}),
    });
    const checked = schema && details ? schema.safeParse(details) : undefined;
    const all = [
      ...errors,
      ...(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues)),
      ...(checked && !checked.success
        ? fieldErrorsFromIssues(checked.error.issues, 'details')
        : []),
    ];
    if (all.length > 0) {
      throw AppError.invalid(
        `invalid service request: ${all.map((e) => toOpen311Field(e).path).join(', ')}`,
        unique(all.map(toOpen311Field)),
      );
    }
    try {
      const ticket = await this.createTicket.execute(identity, parsed.data!);
      const [category] = (await listTicketCategories(this.database.db)).filter(
        (c) => c.code === input.service_code,
      );
      return {
        service_request_id: ticket.id,
        token: ticket.number,
        service_notice: `问诊会 ticket ${ticket.number}: the convener dispatches it to a department, which answers within ${category!.sla_working_days} working days.`,
        account_id: null,
      };
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid-input') {
        throw AppError.invalid(error.message, error.errors.map(toOpen311Field), error.type);
      }
      throw error;
    }
  }

  async byToken(token: string): Promise<{ service_request_id: string; token: string }> {
    const ticket = await findTicketIdByNumber(this.database.db, token);
    if (!ticket) throw AppError.notFound('token', token);
    return { service_request_id: ticket.id, token: ticket.number };
  }

  async updates(query: {
    start?: string;
    end?: string;
    limit: number;
  }): Promise<{ items: Open311RequestUpdate[] }> {
    const { createdFrom, createdTo } = this.window(query.start, query.end);
    const rows = await listPublicHistory(
      this.database.db,
      { from: createdFrom, to: createdTo },
      query.limit,
    );
    return {
      items: rows.map((row) => ({
        update_id: String(row.seq),
        service_request_id: row.ticket_id,
        status: fixMyStreetStatusOf(row.to_status),
        updated_datetime: row.at.toISOString(),
        description: updateDescriptionOf(row.transition, row.department_name),
        media_url: '',
        external_status_code: row.transition,
      })),
    };
  }

  /** The search window of the standard: at most 90 days; the last 90 days when none is given. */
  private window(start?: string, end?: string): { createdFrom: Date; createdTo: Date } {
    const now = this.clock().getTime();
    const to = end ? Date.parse(end) : start ? Date.parse(start) + MAX_SPAN_MS : now;
    const from = start ? Date.parse(start) : to - MAX_SPAN_MS;
    const errors: FieldError[] = [];
    if (from > to) {
      errors.push({
        path: 'start_date',
        message: 'must not be after end_date',
        code: 'open311.date-order',
      });
    } else if (to - from > MAX_SPAN_MS) {
      errors.push({
        path: 'end_date',
        message: 'a search spans at most 90 days',
        code: 'open311.max-span',
        limit: 90,
      });
    }
    if (errors.length > 0) throw AppError.invalid('the date range is invalid', errors);
    return { createdFrom: new Date(from), createdTo: new Date(to) };
  }
}

/** One error per field and message: the title and the description both come from `description`. */
function unique(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter(
    (e) => !seen.has(`${e.path}\n${e.message}`) && seen.add(`${e.path}\n${e.message}`),
  );
}

/** The first line of the description, shortened: tickets need a title, Open311 has none. */
function titleOf(description: string): string {
  const line = description.split(/\r?\n/, 1)[0]!.trim();
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

/** A ticket field's error named by the Open311 parameter the client sent. */
function toOpen311Field(error: FieldError): FieldError {
  const path = error.path
    .replace(/^details\.([^.]+)/, 'attribute[$1]')
    .replace(/^details$/, 'attribute')
    .replace(/^(title|description)$/, 'description')
    .replace(/^category$/, 'service_code');
  return { ...error, path };
}

function toOpen311Request(row: PublicTicketRow): Open311Request {
  return {
    service_request_id: row.id,
    status: open311StatusOf(row.status),
    status_notes: statusNotesOf(row.status, row.department_name, row.overdue),
    service_name: row.category_name,
    service_code: row.category,
    // The title only: a description may carry the requester's circumstances.
    description: row.title,
    agency_responsible: row.department_name,
    service_notice: null,
    requested_datetime: row.created_at.toISOString(),
    updated_datetime: row.updated_at.toISOString(),
    expected_datetime: row.due_at?.toISOString() ?? null,
    address: '',
    address_id: '',
    zipcode: '',
    media_url: '',
  };
}
