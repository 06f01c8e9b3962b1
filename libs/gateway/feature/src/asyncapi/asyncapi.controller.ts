import { Controller, Get, Header } from '@nestjs/common';
import { platformEventCatalogue } from '../events/event-catalogue.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { API_VERSION } from '../openapi/openapi.controller.js';
import { buildAsyncApiDocument, type AsyncApiDocument } from './asyncapi-document.js';

@Controller('api')
export class AsyncApiController {
  private readonly document = buildAsyncApiDocument(platformEventCatalogue(), API_VERSION);

  @Get('asyncapi.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiDoc({
    tag: 'documentation',
    summary: 'The AsyncAPI 3.0 document of every domain event (subjects and CloudEvents payloads)',
  })
  asyncapi(): AsyncApiDocument {
    return this.document;
  }
}
