import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { AppError, ERROR_CODES, toProblemDetails, type ErrorCode } from '@gm/shared-errors';
import type { ApiDocOptions } from './api-doc.decorator.js';
import { exampleOf } from './schema-example.js';

/** A documented route as found on the controllers. */
export interface DocumentedRoute {
  method: string;
  /** Nest's path form, e.g. `/api/resources/:id`. */
  path: string;
  doc: ApiDocOptions;
}

export type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

// The problem details of every error (RFC 9457), as @gm/shared-errors writes them.
const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z
    .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
    .optional(),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Transforms and preprocessors have no JSON form; they are documented by the type they accept.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodObject | undefined, location: 'query' | 'path'): unknown[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

const EXAMPLE_DETAILS: Record<ErrorCode, string> = {
  'invalid-input': 'the request is invalid',
  unauthenticated: 'access token expired',
  forbidden: 'you may not do this',
  'not-found': 'no such item',
  conflict: 'the current state does not allow this',
  'payload-too-large': 'the body is larger than the limit',
  'rate-limited': 'at most 600 requests per minute; retry in 1 minute',
  unavailable: 'the service did not answer in time',
  internal: 'an unexpected error occurred',
};

/** A problem as the gateway writes it for `status`, built by the same mapper the filter uses. */
function problemExample(status: number): unknown {
  const code = (Object.keys(ERROR_CODES) as ErrorCode[]).find((c) => ERROR_CODES[c] === status);
  if (!code) return { type: 'about:blank', title: STATUS_CODES[status], status, detail: '' };
  const errors =
    code === 'invalid-input' ? [{ path: 'end', message: 'must be after start' }] : undefined;
  return toProblemDetails(new AppError(code, EXAMPLE_DETAILS[code], errors));
}

function errorResponses(doc: ApiDocOptions): Record<string, unknown> {
  const statuses = new Set([
    400,
    ...(doc.auth === 'required' ? [401] : []),
    ...(doc.errors ?? []),
    500,
  ]);
  return Object.fromEntries(
    [...statuses].sort().map((status) => [
      String(status),
      {
        description: STATUS_CODES[status] ?? 'Error',
        content: {
          'application/problem+json': {
            schema: PROBLEM_REF,
            examples: { problem: { value: problemExample(status) } },
          },
        },
      },
    ]),
  );
}

const isJson = (mediaType: string) => /^application\/(?:[\w.-]+\+)?json$/.test(mediaType);

/**
 * A media type object: the schema and one example, the hand-picked one or else one derived from
 * the schema (only for JSON: a derived text/calendar or XML body would say nothing).
 */
function mediaType(schema: JsonSchema, type: string, picked: unknown): Record<string, unknown> {
  const value = picked !== undefined ? picked : isJson(type) ? exampleOf(schema) : undefined;
  return value === undefined ? { schema } : { schema, examples: { example: { value } } };
}

function operation({ doc }: DocumentedRoute): Record<string, unknown> {
  const responseType = doc.responseType ?? 'application/json';
  const success = doc.response
    ? {
        description: 'OK',
        content: {
          [responseType]: mediaType(
            jsonSchema(doc.response, 'output'),
            responseType,
            doc.examples?.response,
          ),
        },
      }
    : { description: 'OK' };
  return {
    summary: doc.summary,
    tags: [doc.tag],
    ...(doc.auth && doc.auth !== 'none'
      ? { security: [{ bearer: [] }, ...(doc.auth === 'optional' ? [{}] : [])] }
      : {}),
    parameters: [...parameters(doc.params, 'path'), ...parameters(doc.query, 'query')],
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': mediaType(
                jsonSchema(doc.body, 'input'),
                'application/json',
                doc.examples?.body,
              ),
            },
          },
        }
      : {}),
    responses: { [String(doc.status ?? 200)]: success, ...errorResponses(doc) },
  };
}

/** The OpenAPI 3.1 document of the gateway, generated from the routes' own zod schemas. */
export function buildOpenApiDocument(routes: DocumentedRoute[], version: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Guangming Science City alliance platform API',
      version,
      description:
        'The gateway of the district portal: shared research resources, 问诊会 triage and talent housing. ' +
        'Errors are RFC 9457 problem details.',
    },
    paths,
    components: {
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
