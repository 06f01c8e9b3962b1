// Schema, service and channel names end up in SQL text and file paths, where parameters cannot
// go; accepting only plain identifiers keeps them safe to interpolate.
const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const CHANNEL = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const SERVICE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function check(kind: string, value: string, pattern: RegExp, rule: string): string {
  if (!pattern.test(value)) throw new Error(`invalid ${kind} ${JSON.stringify(value)}: ${rule}`);
  return value;
}

export const checkSchemaName = (schema: string) =>
  check(
    'schema name',
    schema,
    SQL_IDENTIFIER,
    'lower-case letters, digits and _, not starting with a digit',
  );

export const checkServiceName = (service: string) =>
  check('service name', service, SERVICE, 'lower-case letters, digits, - and _');

/** Channels are case-sensitive on both dialects (always quoted), as `pg_notify(channel, …)` is. */
export const checkChannelName = (channel: string) =>
  check('channel name', channel, CHANNEL, 'letters, digits and _, not starting with a digit');

export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
