import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { pageOf, type Page } from '@gm/shared-contracts';
import {
  GetResource,
  ListResources,
  ListUnits,
  ResourceQuerySchema,
  ResourceRefSchema,
  ResourceSchema,
  UnitSchema,
  type Resource,
  type ResourceQuery,
  type Unit,
} from '@gm/resources-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { ZodValidationPipe, parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { PUBLIC_CACHE } from './public-cache.js';
import { ReferenceListQuerySchema, pageOfList, type ReferenceListQuery } from './reference-list.js';

/** The shared-resource catalogue (共享资源清单): anonymous reads served by the resources service. */
@Controller('api')
export class CatalogueController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('units')
  @ApiDoc({
    summary: 'The member units of the alliance',
    tag: 'resources',
    query: ReferenceListQuerySchema,
    response: pageOf(UnitSchema),
    errors: [503],
  })
  @Header('cache-control', PUBLIC_CACHE)
  async units(
    @Query(new ZodValidationPipe(ReferenceListQuerySchema, 'query')) query: ReferenceListQuery,
  ): Promise<Page<Unit>> {
    const { items } = await this.rpc.call(ListUnits, {});
    return pageOfList(items, query);
  }

  @Get('resources')
  @ApiDoc({
    summary: 'The shared-resource catalogue; q searches names in Chinese or English',
    tag: 'resources',
    query: ResourceQuerySchema,
    response: pageOf(ResourceSchema),
    errors: [503],
  })
  @Header('cache-control', PUBLIC_CACHE)
  resources(
    @Query(new ZodValidationPipe(ResourceQuerySchema, 'query')) query: ResourceQuery,
  ): Promise<Page<Resource>> {
    return this.rpc.call(ListResources, query);
  }

  @Get('resources/:id')
  @ApiDoc({
    summary: 'One resource, by id or by code (GM-R-001)',
    tag: 'resources',
    params: ResourceRefSchema,
    response: ResourceSchema,
    errors: [404, 503],
  })
  @Header('cache-control', PUBLIC_CACHE)
  resource(@Param('id') id: string): Promise<Resource> {
    return this.rpc.call(GetResource, parseInput(ResourceRefSchema, { id }, 'path'));
  }
}
