import pg from 'pg';

/**
 * One set of value conversions for both dialects, so a row reads the same on pg and PGlite:
 * - int8 (count(*), bigserial) and numeric become `number`. Values beyond 2^53 (int8) or
 *   15 significant digits (numeric) lose precision: cast such columns to text in SQL.
 * - date stays the text `YYYY-MM-DD`: a calendar day has no time zone, and a Date would invent one.
 * - interval stays PostgreSQL's text form (`1 day 02:00:00`).
 * - timestamptz is a JS Date (the drivers' default); json/jsonb are parsed.
 * Arrays of these types convert element by element.
 */
const OID = {
  int8: 20,
  int8Array: 1016,
  numeric: 1700,
  numericArray: 1231,
  date: 1082,
  dateArray: 1182,
  interval: 1186,
  intervalArray: 1187,
  textArray: 1009,
} as const;

type Parser = (text: string) => unknown;

const toNumber: Parser = (text) => Number(text);
const asText: Parser = (text) => text;

const scalarParsers: Record<number, Parser> = {
  [OID.int8]: toNumber,
  [OID.numeric]: toNumber,
  [OID.date]: asText,
  [OID.interval]: asText,
};

/** PGlite: its array parsers are built from these element parsers. */
export const pgliteParsers: Record<number, Parser> = scalarParsers;

type Nested = unknown | Nested[];

function mapDeep(value: Nested, parse: Parser): Nested {
  if (Array.isArray(value)) return value.map((item) => mapDeep(item, parse));
  return value === null ? null : parse(value as string);
}

function arrayOf(parse: Parser): Parser {
  // The text[] parser splits PostgreSQL array syntax (quoting, NULL, nesting) into strings.
  const getTypeParser = pg.types.getTypeParser as (oid: number, format: 'text') => Parser;
  const splitArray = getTypeParser(OID.textArray, 'text');
  return (text) => mapDeep(splitArray(text), parse);
}

const pgParsers: Record<number, Parser> = {
  ...scalarParsers,
  [OID.int8Array]: arrayOf(toNumber),
  [OID.numericArray]: arrayOf(toNumber),
  [OID.dateArray]: arrayOf(asText),
  [OID.intervalArray]: arrayOf(asText),
};

/** pg: per-pool type parsers, so nothing global in the `pg` module is changed. */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format ?? 'text') === 'text' && pgParsers[oid]
      ? pgParsers[oid]
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
