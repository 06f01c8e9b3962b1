import { Controller } from '@nestjs/common';
import { RpcHandler, requireRole, type RpcCallContext } from '@gm/shared-messaging';
import {
  AcceptTicket,
  AddToAgenda,
  AssignTicket,
  ConfirmTicket,
  ContactTicket,
  CreateTicket,
  CreateTriageSession,
  GetSessionMinutes,
  DismissDuplicate,
  GetTicket,
  ListTicketDuplicates,
  ListTicketItems,
  ListTickets,
  MergeTicket,
  RecordAgendaOutcome,
  RequestExtension,
  ReviewExtension,
  ResolveTicket,
  ResolveTicketItem,
  ResolveTicketItems,
  ReturnTicket,
  ReviewReturn,
} from '@gm/triage-contracts';
import type { z } from 'zod';
import { ExtensionsUseCase } from '../tickets/extensions.use-case.js';
import { CreateTicketUseCase } from '../tickets/create-ticket.use-case.js';
import { DuplicatesUseCase } from '../tickets/duplicates.use-case.js';
import { TicketItemsUseCase } from '../tickets/ticket-items.use-case.js';
import { QueryTicketsUseCase } from '../tickets/query-tickets.use-case.js';
import { SessionsUseCase } from '../tickets/sessions.use-case.js';
import { TicketCommandsUseCase } from '../tickets/ticket-commands.use-case.js';

type Req<C extends { request: z.ZodType }> = z.output<C['request']>;

/** Ticket and session RPCs; every one needs a caller, and the use cases check what it may do. */
@Controller()
export class TicketsController {
  constructor(
    private readonly create: CreateTicketUseCase,
    private readonly query: QueryTicketsUseCase,
    private readonly commands: TicketCommandsUseCase,
    private readonly sessions: SessionsUseCase,
    private readonly extensions: ExtensionsUseCase,
    private readonly duplicates: DuplicatesUseCase,
    private readonly items: TicketItemsUseCase,
  ) {}

  @RpcHandler(CreateTicket)
  createTicket(request: Req<typeof CreateTicket>, ctx: RpcCallContext) {
    return this.create.execute(requireRole(ctx), request);
  }

  @RpcHandler(ListTickets)
  listTickets(request: Req<typeof ListTickets>, ctx: RpcCallContext) {
    return this.query.list(requireRole(ctx), request);
  }

  @RpcHandler(GetTicket)
  getTicket(request: Req<typeof GetTicket>, ctx: RpcCallContext) {
    return this.query.get(requireRole(ctx), request.id);
  }

  @RpcHandler(AssignTicket)
  assign(request: Req<typeof AssignTicket>, ctx: RpcCallContext) {
    return this.commands.assign(requireRole(ctx), request);
  }

  @RpcHandler(AcceptTicket)
  accept(request: Req<typeof AcceptTicket>, ctx: RpcCallContext) {
    return this.commands.accept(requireRole(ctx), request.id);
  }

  @RpcHandler(ContactTicket)
  contact(request: Req<typeof ContactTicket>, ctx: RpcCallContext) {
    return this.commands.contact(requireRole(ctx), request);
  }

  @RpcHandler(ReturnTicket)
  returnTicket(request: Req<typeof ReturnTicket>, ctx: RpcCallContext) {
    return this.commands.return(requireRole(ctx), request);
  }

  @RpcHandler(ReviewReturn)
  reviewReturn(request: Req<typeof ReviewReturn>, ctx: RpcCallContext) {
    return this.commands.reviewReturn(requireRole(ctx), request);
  }

  @RpcHandler(ResolveTicket)
  resolve(request: Req<typeof ResolveTicket>, ctx: RpcCallContext) {
    return this.commands.resolve(requireRole(ctx), request);
  }

  @RpcHandler(ConfirmTicket)
  confirm(request: Req<typeof ConfirmTicket>, ctx: RpcCallContext) {
    return this.commands.confirm(requireRole(ctx), request);
  }

  @RpcHandler(MergeTicket)
  merge(request: Req<typeof MergeTicket>, ctx: RpcCallContext) {
    return this.commands.merge(requireRole(ctx), request);
  }

  @RpcHandler(ListTicketDuplicates)
  listDuplicates(request: Req<typeof ListTicketDuplicates>, ctx: RpcCallContext) {
    return this.duplicates.list(requireRole(ctx), request.id);
  }

  @RpcHandler(DismissDuplicate)
  dismissDuplicate(request: Req<typeof DismissDuplicate>, ctx: RpcCallContext) {
    return this.duplicates.dismiss(requireRole(ctx), request);
  }

  @RpcHandler(ListTicketItems)
  listItems(request: Req<typeof ListTicketItems>, ctx: RpcCallContext) {
    return this.items.list(requireRole(ctx), request);
  }

  @RpcHandler(ResolveTicketItem)
  resolveItem(request: Req<typeof ResolveTicketItem>, ctx: RpcCallContext) {
    return this.items.resolveOne(requireRole(ctx), request);
  }

  @RpcHandler(ResolveTicketItems)
  resolveItems(request: Req<typeof ResolveTicketItems>, ctx: RpcCallContext) {
    return this.items.resolveMany(requireRole(ctx), request);
  }

  @RpcHandler(RequestExtension)
  requestExtension(request: Req<typeof RequestExtension>, ctx: RpcCallContext) {
    return this.extensions.request(requireRole(ctx), request);
  }

  @RpcHandler(ReviewExtension)
  reviewExtension(request: Req<typeof ReviewExtension>, ctx: RpcCallContext) {
    return this.extensions.review(requireRole(ctx), request);
  }

  @RpcHandler(CreateTriageSession)
  createSession(request: Req<typeof CreateTriageSession>, ctx: RpcCallContext) {
    return this.sessions.create(requireRole(ctx), request);
  }

  @RpcHandler(AddToAgenda)
  addToAgenda(request: Req<typeof AddToAgenda>, ctx: RpcCallContext) {
    return this.sessions.addToAgenda(requireRole(ctx), request);
  }

  @RpcHandler(RecordAgendaOutcome)
  recordOutcome(request: Req<typeof RecordAgendaOutcome>, ctx: RpcCallContext) {
    return this.sessions.recordOutcome(requireRole(ctx), request);
  }

  @RpcHandler(GetSessionMinutes)
  minutes(request: Req<typeof GetSessionMinutes>, ctx: RpcCallContext) {
    return this.sessions.minutes(requireRole(ctx), request.id);
  }
}
