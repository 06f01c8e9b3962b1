import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AsyncApiController } from '../asyncapi/asyncapi.controller.js';
import { OpenApiController, OpenApiRegistry } from './openapi.controller.js';

/**
 * `/api/openapi.json` and `/api/docs`, generated from the controllers' `@ApiDoc` schemas, and
 * `/api/asyncapi.json`, generated from the event contracts.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [OpenApiController, AsyncApiController],
  providers: [OpenApiRegistry],
})
export class OpenApiModule {}
