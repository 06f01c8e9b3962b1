import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  GrantQualification,
  GrantQualificationRequestSchema,
  GrantQualificationSchema,
  JoinWaitlist,
  JoinWaitlistSchema,
  ListQualifications,
  ListQualificationsSchema,
  ListWaitlist,
  QualificationSchema,
  ResourceRefSchema,
  RevokeQualification,
  RevokeQualificationSchema,
  WaitlistEntrySchema,
  WaitlistQuerySchema,
  WaitlistRequestSchema,
  type Qualification,
  type WaitlistEntry,
  type WaitlistQuery,
} from '@gm/resources-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { ZodValidationPipe, parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

const QualificationListSchema = z.object({
  qualification: z.string().nullable(),
  items: z.array(QualificationSchema),
});
const RevokeParamsSchema = RevokeQualificationSchema.extend({ id: z.string() }).omit({
  resourceId: true,
});

/** Who may use a resource: qualifications (its unit's manager) and the waitlist (researchers). */
@Controller('api')
@Auth()
export class ResourceAccessController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('resources/:id/qualifications')
  @ApiDoc({
    summary:
      'Grant (or renew) the qualification the resource requires to a user of any institute, until expiresAt (the owning unit’s manager)',
    tag: 'resources',
    auth: 'required',
    params: ResourceRefSchema,
    body: GrantQualificationRequestSchema,
    response: QualificationSchema,
    status: 201,
    errors: [401, 403, 404, 503],
  })
  grant(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<Qualification> {
    const request = parseInput(GrantQualificationRequestSchema, body, 'body');
    return this.rpc.call(
      GrantQualification,
      parseInput(GrantQualificationSchema, { ...request, resourceId: id }, 'path'),
      { token: caller.token },
    );
  }

  @Get('resources/:id/qualifications')
  @ApiDoc({
    summary:
      'The live grants of the qualification the resource requires (the owning unit’s manager)',
    tag: 'resources',
    auth: 'required',
    params: ResourceRefSchema,
    response: QualificationListSchema,
    errors: [401, 403, 404, 503],
  })
  qualifications(
    @Param('id') id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<z.infer<typeof QualificationListSchema>> {
    return this.rpc.call(
      ListQualifications,
      parseInput(ListQualificationsSchema, { resourceId: id }, 'path'),
      { token: caller.token },
    );
  }

  @Delete('resources/:id/qualifications/:userId')
  @ApiDoc({
    summary:
      'Revoke a user’s grant of the qualification the resource requires (the owning unit’s manager)',
    tag: 'resources',
    auth: 'required',
    params: RevokeParamsSchema,
    response: QualificationSchema,
    errors: [401, 403, 404, 503],
  })
  revoke(
    @Param('id') id: string,
    @Param('userId') userId: string,
    @CurrentCaller() caller: Caller,
  ): Promise<Qualification> {
    return this.rpc.call(
      RevokeQualification,
      parseInput(RevokeQualificationSchema, { resourceId: id, userId }, 'path'),
      { token: caller.token },
    );
  }

  @Post('resources/:id/waitlist')
  @ApiDoc({
    summary:
      'Wait for a taken slot (researcher): when it frees, the first in line gets an exclusive hold for HOLD_MINUTES (event resources.evt.hold.offered.v1), then the next; booking the slot takes the hold over. A free slot → 409 waitlist-conflict',
    tag: 'resources',
    auth: 'required',
    params: ResourceRefSchema,
    body: WaitlistRequestSchema,
    response: WaitlistEntrySchema,
    status: 201,
    errors: [401, 403, 404, 409, 503],
  })
  join(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<WaitlistEntry> {
    const request = parseInput(WaitlistRequestSchema, body, 'body');
    return this.rpc.call(
      JoinWaitlist,
      parseInput(JoinWaitlistSchema, { ...request, resourceId: id }, 'path'),
      { token: caller.token },
    );
  }

  @Get('waitlist')
  @ApiDoc({
    summary: 'The caller’s own waitlist entries with their holds, newest first',
    tag: 'resources',
    auth: 'required',
    query: WaitlistQuerySchema,
    response: z.object({ items: z.array(WaitlistEntrySchema) }),
    errors: [401, 503],
  })
  waitlist(
    @Query(new ZodValidationPipe(WaitlistQuerySchema, 'query')) query: WaitlistQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<{ items: WaitlistEntry[] }> {
    return this.rpc.call(ListWaitlist, query, { token: caller.token });
  }
}
