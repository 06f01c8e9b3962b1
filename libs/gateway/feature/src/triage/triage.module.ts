import { Module } from '@nestjs/common';
import { TicketsController } from './tickets.controller.js';

/** 问诊会 tickets and sessions over the triage service's RPC (needs RpcClient from the root module). */
@Module({ controllers: [TicketsController] })
export class TriageHttpModule {}
