import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { RpcClient } from '@gm/shared-messaging';
import {
  DismissDuplicate,
  DismissDuplicateBodySchema,
  DuplicateListSchema,
  DuplicateParamsSchema,
  ListTicketDuplicates,
  TicketIdParamsSchema,
  type DuplicateList,
} from '@gm/triage-contracts';
import type { z } from 'zod';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { ZodValidationPipe, parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

/** 并单 suggestions: likely duplicates found at intake, for a convener to merge or dismiss. */
@Controller('api')
@Auth()
export class TicketDuplicatesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('tickets/:id/duplicates')
  @ApiDoc({
    summary:
      'Likely duplicates of a ticket with their score and the signals that matched (convener; officers of its departments)',
    tag: 'triage',
    auth: 'required',
    params: TicketIdParamsSchema,
    response: DuplicateListSchema,
    errors: [401, 403, 404, 503],
  })
  list(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<DuplicateList> {
    const params = parseInput(TicketIdParamsSchema, { id }, 'path');
    return this.rpc.call(ListTicketDuplicates, params, { token: caller.token });
  }

  @Post('tickets/:id/duplicates/:otherId/dismiss')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Dismiss a duplicate suggestion: the two tickets are different problems (convener)',
    tag: 'triage',
    auth: 'required',
    params: DuplicateParamsSchema,
    body: DismissDuplicateBodySchema,
    response: DuplicateListSchema,
    errors: [401, 403, 404, 409, 503],
  })
  dismiss(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('otherId') otherId: string,
    @Body(new ZodValidationPipe(DismissDuplicateBodySchema, 'body'))
    input: z.output<typeof DismissDuplicateBodySchema>,
  ): Promise<DuplicateList> {
    const params = parseInput(DuplicateParamsSchema, { id, otherId }, 'path');
    return this.rpc.call(DismissDuplicate, { ...params, ...input }, { token: caller.token });
  }
}
