import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { pageOf, type Page } from '@gm/shared-contracts';
import { RpcClient } from '@gm/shared-messaging';
import {
  ItemParamsSchema,
  ListTicketItems,
  ResolveItemBodySchema,
  ResolveItemsBodySchema,
  ResolveTicketItem,
  ResolveTicketItems,
  TicketIdParamsSchema,
  TicketItemQuerySchema,
  TicketItemSchema,
  TicketSchema,
  type Ticket,
  type TicketItem,
  type TicketItemQuery,
} from '@gm/triage-contracts';
import type { z } from 'zod';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { ZodValidationPipe, parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

/**
 * A ticket's beneficiary items (e.g. one per researcher's plate), each settled on its own by the
 * lead department; settling the last one resolves the ticket with a summary.
 */
@Controller('api')
@Auth()
export class TicketItemsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('tickets/:id/items')
  @ApiDoc({
    summary: 'A page of a ticket’s beneficiary items with their outcomes and decisions',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    query: TicketItemQuerySchema,
    response: pageOf(TicketItemSchema),
    errors: [401, 404, 503],
  })
  list(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query(new ZodValidationPipe(TicketItemQuerySchema, 'query')) query: TicketItemQuery,
  ): Promise<Page<TicketItem>> {
    const params = parseInput(TicketIdParamsSchema, { id }, 'path');
    return this.rpc.call(ListTicketItems, { ...params, ...query }, { token: caller.token });
  }

  @Post('tickets/:id/items/resolve')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Settle many items at once, all or nothing (officer of the lead department, ticket in progress)',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    body: ResolveItemsBodySchema,
    response: TicketSchema,
    errors: [401, 403, 404, 409, 503],
  })
  resolveMany(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(ResolveItemsBodySchema, 'body'))
    input: z.output<typeof ResolveItemsBodySchema>,
  ): Promise<Ticket> {
    const params = parseInput(TicketIdParamsSchema, { id }, 'path');
    return this.rpc.call(ResolveTicketItems, { ...params, ...input }, { token: caller.token });
  }

  @Post('tickets/:id/items/:itemId/resolve')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Settle one beneficiary’s item: granted, partially granted, refused (with its basis) or withdrawn',
    tag: 'triage',
    auth: 'required',
    params: ItemParamsSchema,
    body: ResolveItemBodySchema,
    response: TicketSchema,
    errors: [401, 403, 404, 409, 503],
  })
  resolveOne(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('itemId') itemId: string,
    @Body(new ZodValidationPipe(ResolveItemBodySchema, 'body'))
    input: z.output<typeof ResolveItemBodySchema>,
  ): Promise<Ticket> {
    const params = parseInput(ItemParamsSchema, { id, itemId }, 'path');
    return this.rpc.call(ResolveTicketItem, { ...params, ...input }, { token: caller.token });
  }
}
