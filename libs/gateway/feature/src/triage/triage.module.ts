import { Module } from '@nestjs/common';
import { TicketDuplicatesController } from './ticket-duplicates.controller.js';
import { TicketItemsController } from './ticket-items.controller.js';
import { TicketsController } from './tickets.controller.js';

/** 问诊会 tickets and sessions over the triage service's RPC (needs RpcClient from the root module). */
@Module({ controllers: [TicketsController, TicketItemsController, TicketDuplicatesController] })
export class TriageHttpModule {}
