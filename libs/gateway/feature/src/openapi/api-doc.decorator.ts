import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

/** What the OpenAPI document says about one route; the schemas are the ones the route validates with. */
export interface ApiDocOptions {
  summary: string;
  tag: string;
  /** Who may call: anyone, anyone with an optional token, or a signed-in caller. */
  auth?: 'none' | 'optional' | 'required';
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Media type of a successful response; default `application/json`. */
  responseType?: string;
  /** Success status; default 200. */
  status?: number;
  /**
   * Hand-picked examples where they read better than the ones derived from the schemas (every
   * JSON body and response without one gets a derived example). They must satisfy the schemas.
   */
  examples?: { body?: unknown; response?: unknown };
  /** Error statuses the route answers with a problem besides 400 and 500. */
  errors?: number[];
}

export const API_DOC = 'gm:api-doc';

/** Documents a controller method in /api/openapi.json. */
export const ApiDoc = (options: ApiDocOptions) => SetMetadata(API_DOC, options);
