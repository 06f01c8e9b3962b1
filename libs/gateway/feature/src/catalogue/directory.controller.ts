import { Controller, Get, Header, Query } from '@nestjs/common';
import { pageOf, type Page } from '@gm/shared-contracts';
import {
  HousingProjectSchema,
  ListHousingProjects,
  type HousingProject,
} from '@gm/housing-contracts';
import { RpcClient } from '@gm/shared-messaging';
import {
  DepartmentSchema,
  ListDepartments,
  ListTicketCategories,
  TicketCategorySchema,
  type Department,
  type TicketCategory,
} from '@gm/triage-contracts';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { PUBLIC_CACHE } from './public-cache.js';
import { ReferenceListQuerySchema, pageOfList, type ReferenceListQuery } from './reference-list.js';

const listQuery = new ZodValidationPipe(ReferenceListQuerySchema, 'query');

/** Public reference lists of the triage and housing services. */
@Controller('api')
export class DirectoryController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('departments')
  @ApiDoc({
    summary: 'The departments tickets are assigned to',
    tag: 'triage',
    query: ReferenceListQuerySchema,
    response: pageOf(DepartmentSchema),
    errors: [503],
  })
  @Header('cache-control', PUBLIC_CACHE)
  async departments(@Query(listQuery) query: ReferenceListQuery): Promise<Page<Department>> {
    const { items } = await this.rpc.call(ListDepartments, {});
    return pageOfList(items, query);
  }

  @Get('ticket-categories')
  @ApiDoc({
    summary: 'Ticket categories with their default department and deadline',
    tag: 'triage',
    query: ReferenceListQuerySchema,
    response: pageOf(TicketCategorySchema),
    errors: [503],
  })
  @Header('cache-control', PUBLIC_CACHE)
  async ticketCategories(
    @Query(listQuery) query: ReferenceListQuery,
  ): Promise<Page<TicketCategory>> {
    const { items } = await this.rpc.call(ListTicketCategories, {});
    return pageOfList(items, query);
  }

  @Get('housing/projects')
  @ApiDoc({
    summary: 'Talent-housing projects with unit counts by status',
    tag: 'housing',
    query: ReferenceListQuerySchema,
    response: pageOf(HousingProjectSchema),
    errors: [503],
  })
  @Header('cache-control', PUBLIC_CACHE)
  async housingProjects(
    @Query(listQuery) query: ReferenceListQuery,
  ): Promise<Page<HousingProject>> {
    const { items } = await this.rpc.call(ListHousingProjects, {});
    return pageOfList(items, query);
  }
}
