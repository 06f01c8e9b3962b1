import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OpenApiController, OpenApiRegistry } from './openapi.controller.js';

/** `/api/openapi.json` and `/api/docs`, generated from the controllers' `@ApiDoc` schemas. */
@Module({
  imports: [DiscoveryModule],
  controllers: [OpenApiController],
  providers: [OpenApiRegistry],
})
export class OpenApiModule {}
