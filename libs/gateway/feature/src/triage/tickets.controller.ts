import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { pageOf, type Page } from '@gm/shared-contracts';
import { RpcClient } from '@gm/shared-messaging';
import {
  AcceptTicket,
  AddToAgenda,
  AddToAgendaBodySchema,
  AssignTicket,
  AssignTicketBodySchema,
  ConfirmTicket,
  ConfirmTicketBodySchema,
  ContactTicket,
  ContactTicketBodySchema,
  CreatedTicketSchema,
  CreateSessionBodySchema,
  CreateTicket,
  CreateTicketBodySchema,
  CreateTriageSession,
  GetSessionMinutes,
  GetTicket,
  GetTicketMetrics,
  ListTickets,
  MergeTicket,
  MergeTicketBodySchema,
  MetricsQuerySchema,
  RecordAgendaOutcome,
  RecordOutcomeBodySchema,
  RequestExtension,
  RequestExtensionBodySchema,
  ReviewExtension,
  ReviewExtensionBodySchema,
  SessionMinutesSchema,
  ResolveTicket,
  ResolveTicketBodySchema,
  ReturnTicket,
  ReturnTicketBodySchema,
  ReviewReturn,
  ReviewReturnBodySchema,
  SessionIdParamsSchema,
  TicketIdParamsSchema,
  TicketQuerySchema,
  TicketSchema,
  TicketMetricsSchema,
  TicketSummarySchema,
  TriageSessionSchema,
  type MetricsQuery,
  type SessionMinutes,
  type Ticket,
  type TicketMetrics,
  type TicketQuery,
  type TicketSummary,
  type TriageSession,
} from '@gm/triage-contracts';
import type { z } from 'zod';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { ZodValidationPipe, parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

const body = <S extends z.ZodType>(schema: S) => new ZodValidationPipe(schema, 'body');
const ticketId = (id: string) => parseInput(TicketIdParamsSchema, { id }, 'path').id;

/** 问诊会 tickets and sessions (triage service); the service checks who may do what. */
@Controller('api')
@Auth()
export class TicketsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('tickets')
  @ApiDoc({
    summary: 'Raise a ticket (researcher, enterprise, talent); details follow the category',
    tag: 'triage',
    auth: 'required',
    body: CreateTicketBodySchema,
    response: CreatedTicketSchema,
    status: 201,
    errors: [401, 403, 503],
  })
  createTicket(
    @CurrentCaller() caller: Caller,
    @Body(body(CreateTicketBodySchema)) input: z.output<typeof CreateTicketBodySchema>,
  ) {
    return this.rpc.call(CreateTicket, input, { token: caller.token });
  }

  @Get('tickets')
  @ApiDoc({
    summary: 'Tickets the caller may see: own, its department’s, or all for conveners',
    tag: 'triage',
    auth: 'required',
    query: TicketQuerySchema,
    response: pageOf(TicketSummarySchema),
    errors: [401, 503],
  })
  listTickets(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(TicketQuerySchema, 'query')) query: TicketQuery,
  ): Promise<Page<TicketSummary>> {
    return this.rpc.call(ListTickets, query, { token: caller.token });
  }

  @Get('tickets/:id')
  @ApiDoc({
    summary: 'One ticket with its items, history and links',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    response: TicketSchema,
    errors: [401, 404, 503],
  })
  getTicket(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Ticket> {
    return this.rpc.call(GetTicket, { id: ticketId(id) }, { token: caller.token });
  }

  @Post('tickets/:id/assign')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Dispatch (派单) to a lead department, optional assisting ones, with a deadline',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    body: AssignTicketBodySchema,
    response: TicketSchema,
    errors: [401, 403, 404, 409, 503],
  })
  assign(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(body(AssignTicketBodySchema)) input: z.output<typeof AssignTicketBodySchema>,
  ): Promise<Ticket> {
    return this.rpc.call(AssignTicket, { id: ticketId(id), ...input }, { token: caller.token });
  }

  @Post('tickets/:id/accept')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Sign for (签收) a ticket of the officer’s department',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    response: TicketSchema,
    errors: [401, 403, 404, 409, 503],
  })
  accept(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<Ticket> {
    return this.rpc.call(AcceptTicket, { id: ticketId(id) }, { token: caller.token });
  }

  @Post('tickets/:id/contact')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Record a contact with the requester (首次联系) after signing for; the first is due by the response deadline',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    body: ContactTicketBodySchema,
    response: TicketSchema,
    errors: [401, 403, 404, 409, 503],
  })
  contact(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(body(ContactTicketBodySchema)) input: z.output<typeof ContactTicketBodySchema>,
  ): Promise<Ticket> {
    return this.rpc.call(ContactTicket, { id: ticketId(id), ...input }, { token: caller.token });
  }

  @Post('tickets/:id/return')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Return (退单) with a reason and its basis, for the convener to review',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    body: ReturnTicketBodySchema,
    response: TicketSchema,
    errors: [401, 403, 404, 409, 503],
  })
  returnTicket(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(body(ReturnTicketBodySchema)) input: z.output<typeof ReturnTicketBodySchema>,
  ): Promise<Ticket> {
    return this.rpc.call(ReturnTicket, { id: ticketId(id), ...input }, { token: caller.token });
  }

  @Post('tickets/:id/return-review')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Review a return: the department keeps it, or it goes to another department',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    body: ReviewReturnBodySchema,
    response: TicketSchema,
    errors: [401, 403, 404, 409, 503],
  })
  reviewReturn(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(body(ReviewReturnBodySchema)) input: z.output<typeof ReviewReturnBodySchema>,
  ): Promise<Ticket> {
    return this.rpc.call(ReviewReturn, { id: ticketId(id), ...input }, { token: caller.token });
  }

  @Post('tickets/:id/resolve')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Resolve (办结) with a reply citing its basis; refused (409) while beneficiary items are open',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    body: ResolveTicketBodySchema,
    response: TicketSchema,
    errors: [401, 403, 404, 409, 503],
  })
  resolve(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(body(ResolveTicketBodySchema)) input: z.output<typeof ResolveTicketBodySchema>,
  ): Promise<Ticket> {
    return this.rpc.call(ResolveTicket, { id: ticketId(id), ...input }, { token: caller.token });
  }

  @Post('tickets/:id/confirm')
  @HttpCode(200)
  @ApiDoc({
    summary: 'The requester confirms and rates; unsolved or unsatisfied means a redo (重办)',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    body: ConfirmTicketBodySchema,
    response: TicketSchema,
    errors: [401, 403, 404, 409, 503],
  })
  confirm(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(body(ConfirmTicketBodySchema)) input: z.output<typeof ConfirmTicketBodySchema>,
  ): Promise<Ticket> {
    return this.rpc.call(ConfirmTicket, { id: ticketId(id), ...input }, { token: caller.token });
  }

  @Post('tickets/:id/merge')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Merge (合并) a duplicate into another open ticket; both sides are linked',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    body: MergeTicketBodySchema,
    response: TicketSchema,
    errors: [400, 401, 403, 404, 409, 503],
  })
  merge(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(body(MergeTicketBodySchema)) input: z.output<typeof MergeTicketBodySchema>,
  ): Promise<Ticket> {
    return this.rpc.call(MergeTicket, { id: ticketId(id), ...input }, { token: caller.token });
  }

  @Post('tickets/:id/extension')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Ask for more working days (延期申请), with a reason (officer of the lead department)',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    body: RequestExtensionBodySchema,
    response: TicketSchema,
    errors: [400, 401, 403, 404, 409, 503],
  })
  requestExtension(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(body(RequestExtensionBodySchema)) input: z.output<typeof RequestExtensionBodySchema>,
  ): Promise<Ticket> {
    return this.rpc.call(RequestExtension, { id: ticketId(id), ...input }, { token: caller.token });
  }

  @Post('tickets/:id/extension-review')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Approve (the deadline moves by the working days asked) or refuse an extension request',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    body: ReviewExtensionBodySchema,
    response: TicketSchema,
    errors: [400, 401, 403, 404, 409, 503],
  })
  reviewExtension(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(body(ReviewExtensionBodySchema)) input: z.output<typeof ReviewExtensionBodySchema>,
  ): Promise<Ticket> {
    return this.rpc.call(ReviewExtension, { id: ticketId(id), ...input }, { token: caller.token });
  }

  @Post('triage-sessions')
  @ApiDoc({
    summary: 'Schedule a 问诊会 session with the departments attending',
    tag: 'triage',
    auth: 'required',
    body: CreateSessionBodySchema,
    response: TriageSessionSchema,
    status: 201,
    errors: [401, 403, 503],
  })
  createSession(
    @CurrentCaller() caller: Caller,
    @Body(body(CreateSessionBodySchema)) input: z.output<typeof CreateSessionBodySchema>,
  ): Promise<TriageSession> {
    return this.rpc.call(CreateTriageSession, input, { token: caller.token });
  }

  @Post('triage-sessions/:id/agenda')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Put tickets on a session’s agenda',
    tag: 'triage',
    auth: 'required',
    params: SessionIdParamsSchema,
    body: AddToAgendaBodySchema,
    response: TriageSessionSchema,
    errors: [401, 403, 404, 503],
  })
  addToAgenda(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(body(AddToAgendaBodySchema)) input: z.output<typeof AddToAgendaBodySchema>,
  ): Promise<TriageSession> {
    const { id: sessionId } = parseInput(SessionIdParamsSchema, { id }, 'path');
    return this.rpc.call(AddToAgenda, { id: sessionId, ...input }, { token: caller.token });
  }

  @Post('triage-sessions/:id/outcomes')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Record what the session decided on an agenda item (assigned, answered on the spot, deferred)',
    tag: 'triage',
    auth: 'required',
    params: SessionIdParamsSchema,
    body: RecordOutcomeBodySchema,
    response: TriageSessionSchema,
    errors: [400, 401, 403, 404, 503],
  })
  recordOutcome(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(body(RecordOutcomeBodySchema)) input: z.output<typeof RecordOutcomeBodySchema>,
  ): Promise<TriageSession> {
    const { id: sessionId } = parseInput(SessionIdParamsSchema, { id }, 'path');
    return this.rpc.call(RecordAgendaOutcome, { id: sessionId, ...input }, { token: caller.token });
  }

  @Get('triage-sessions/:id/minutes')
  @ApiDoc({
    summary:
      'The minutes (纪要) of a session as items and Markdown (convener, departments attending)',
    tag: 'triage',
    auth: 'required',
    params: SessionIdParamsSchema,
    response: SessionMinutesSchema,
    errors: [401, 403, 404, 503],
  })
  minutes(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<SessionMinutes> {
    const { id: sessionId } = parseInput(SessionIdParamsSchema, { id }, 'path');
    return this.rpc.call(GetSessionMinutes, { id: sessionId }, { token: caller.token });
  }

  @Get('triage/metrics')
  @ApiDoc({
    summary:
      'Response, resolution, satisfaction, return, redo and on-time rates and overdue counts per department and month (convener: all; officer: own department)',
    tag: 'triage',
    auth: 'required',
    query: MetricsQuerySchema,
    response: TicketMetricsSchema,
    errors: [400, 401, 403, 503],
  })
  metrics(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(MetricsQuerySchema, 'query')) query: MetricsQuery,
  ): Promise<TicketMetrics> {
    return this.rpc.call(GetTicketMetrics, query, { token: caller.token });
  }
}
