import {
  Controller,
  Get,
  Header,
  Injectable,
  RequestMethod,
  type OnModuleInit,
} from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { API_DOC, type ApiDocOptions } from './api-doc.decorator.js';
import { renderDocsPage } from './docs-page.js';
import {
  buildOpenApiDocument,
  type DocumentedRoute,
  type OpenApiDocument,
} from './openapi-document.js';

export const API_VERSION = '0.1.0';

function joinPath(...parts: Array<string | string[] | undefined>): string {
  const segments = parts.flatMap((part) => (Array.isArray(part) ? part.slice(0, 1) : [part ?? '']));
  return (
    '/' +
    segments
      .map((s) => s.replace(/^\/+|\/+$/g, ''))
      .filter(Boolean)
      .join('/')
  );
}

/** Builds the document once, at start, from the `@ApiDoc` routes of every controller. */
@Injectable()
export class OpenApiRegistry implements OnModuleInit {
  private built?: { document: OpenApiDocument; page: string };

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const document = buildOpenApiDocument(this.routes(), API_VERSION);
    this.built = { document, page: renderDocsPage(document) };
  }

  get document(): OpenApiDocument {
    return this.built!.document;
  }

  get page(): string {
    return this.built!.page;
  }

  private routes(): DocumentedRoute[] {
    const routes: DocumentedRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        const doc = this.reflector.get<ApiDocOptions | undefined>(API_DOC, handler);
        if (!doc) continue;
        const method = RequestMethod[this.reflector.get<RequestMethod>(METHOD_METADATA, handler)];
        const path = joinPath(
          this.reflector.get(PATH_METADATA, metatype),
          this.reflector.get(PATH_METADATA, handler),
        );
        routes.push({ method, path, doc });
      }
    }
    return routes;
  }
}

@Controller('api')
export class OpenApiController {
  constructor(private readonly registry: OpenApiRegistry) {}

  @Get('openapi.json')
  @Header('cache-control', 'public, max-age=300')
  openapi(): OpenApiDocument {
    return this.registry.document;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'public, max-age=300')
  docs(): string {
    return this.registry.page;
  }
}
