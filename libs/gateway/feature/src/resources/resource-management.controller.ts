import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import {
  GetUtilisationStats,
  ResourceChangesSchema,
  ResourceRefSchema,
  ResourceSchema,
  StatsQuerySchema,
  UpdateResource,
  UpdateResourceSchema,
  UtilisationStatsSchema,
  type Resource,
  type StatsQuery,
  type UtilisationStats,
} from '@gm/resources-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { ZodValidationPipe, parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

/** Utilisation figures (signed in) and catalogue editing (the owning unit's manager). */
@Controller('api/resources')
export class ResourceManagementController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('stats')
  @Auth()
  @ApiDoc({
    summary:
      'Utilisation over from..to (at most 366 days), per resource and per owning unit: available hours ' +
      '(opening hours in Asia/Shanghai minus maintenance), booked (approved and completed) and pending ' +
      'hours clipped to the range, late cancellations (under 24 h before the start), utilisation = ' +
      'booked / available, and demand from outside the owning unit. Admins get every resource, a ' +
      'resource manager its own unit’s resources (`detail`: `all`, `unit`); everyone signed in gets ' +
      'the per-unit and overall sums (`aggregate`: no per-resource rows). No figure names a requester.',
    tag: 'resources',
    auth: 'required',
    query: StatsQuerySchema,
    response: UtilisationStatsSchema,
    errors: [401, 503],
  })
  stats(
    @Query(new ZodValidationPipe(StatsQuerySchema, 'query')) query: StatsQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<UtilisationStats> {
    return this.rpc.call(GetUtilisationStats, query, { token: caller.token });
  }

  @Patch(':id')
  @Auth()
  @ApiDoc({
    summary:
      'Edit a resource (the owning unit’s resource manager, or an admin): any of name, nameEn, ' +
      'description, descriptionEn, location, status, and policy fields (partial; the merged policy ' +
      'must stay consistent, e.g. minMinutes ≤ maxMinutes). `maintenance` or `retired` refuses new ' +
      'bookings; existing ones stay. Publishes resources.evt.resource.updated.v1.',
    tag: 'resources',
    auth: 'required',
    params: ResourceRefSchema,
    body: ResourceChangesSchema,
    response: ResourceSchema,
    errors: [401, 403, 404, 503],
  })
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<Resource> {
    const changes = parseInput(ResourceChangesSchema, body, 'body');
    return this.rpc.call(
      UpdateResource,
      parseInput(UpdateResourceSchema, { id, changes }, 'path'),
      { token: caller.token },
    );
  }
}
