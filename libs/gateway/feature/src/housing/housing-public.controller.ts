import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { pageOf, type Page } from '@gm/shared-contracts';
import {
  GetRound,
  HousingUnitSchema,
  ListProjectUnits,
  ListProjectUnitsSchema,
  PublishedRoundSchema,
  RoundRefSchema,
  type HousingUnit,
  type PublishedRound,
} from '@gm/housing-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

const UnitsQuerySchema = ListProjectUnitsSchema.omit({ projectId: true });
const ProjectRefSchema = z.object({ id: z.uuid() });

/** Public housing reads: a project's units and published round results (no token needed). */
@Controller('api/housing')
export class HousingPublicController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('projects/:id/units')
  @ApiDoc({
    summary: "A project's units with bedrooms, area, rent and status, paged; filter status",
    tag: 'housing',
    params: ProjectRefSchema,
    query: UnitsQuerySchema,
    response: pageOf(HousingUnitSchema),
    errors: [404, 503],
  })
  units(@Param('id') id: string, @Query() query: unknown): Promise<Page<HousingUnit>> {
    const { id: projectId } = parseInput(ProjectRefSchema, { id }, 'path');
    const page = parseInput(UnitsQuerySchema, query ?? {}, 'query');
    return this.rpc.call(ListProjectUnits, { ...page, projectId });
  }

  @Get('rounds/:id')
  @ApiDoc({
    summary:
      'A published round: its method, rank order with masked names and lottery numbers, units offered, last rank served per class (deferred acceptance: the cutoff per class), seed, digests and the proof bundle',
    tag: 'housing',
    params: RoundRefSchema,
    response: PublishedRoundSchema,
    errors: [404, 503],
  })
  round(@Param('id') id: string): Promise<PublishedRound> {
    return this.rpc.call(GetRound, parseInput(RoundRefSchema, { id }, 'path'));
  }
}
