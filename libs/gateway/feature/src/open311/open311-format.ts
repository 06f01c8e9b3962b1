import type { FastifyReply } from 'fastify';
import { toXmlDocument, type ItemNames } from './xml.js';

export type Open311Format = 'json' | 'xml';

export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** The element names of every Open311 list, JSON arrays in one format, repeated elements in the other. */
export const OPEN311_ITEM_NAMES: ItemNames = {
  services: 'service',
  service_requests: 'request',
  service_requests_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

/** The format a URL asks for by its extension (`requests.xml`); JSON otherwise. */
export function formatOfUrl(url: string): Open311Format {
  return /\.xml$/i.test(url.split('?', 1)[0]!) ? 'xml' : 'json';
}

/** Sends `value` as the standard writes it: JSON as it is, XML under `root`. */
export function sendOpen311(
  reply: FastifyReply,
  format: Open311Format,
  root: string,
  value: unknown,
): FastifyReply {
  reply.header('content-type', OPEN311_CONTENT_TYPES[format]);
  return reply.send(
    format === 'xml' ? toXmlDocument(root, value, OPEN311_ITEM_NAMES) : JSON.stringify(value),
  );
}
