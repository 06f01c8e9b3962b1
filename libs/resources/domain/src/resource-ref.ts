const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a caller named a resource: by its UUID or by its list code. */
export type ResourceLookup = { by: 'id'; id: string } | { by: 'code'; code: string };

/**
 * Reads `GET /api/resources/:id`'s `:id`: a UUID is an id, anything else a code. Codes are
 * upper-case in the list, so `gm-r-001` finds `GM-R-001`.
 */
export function parseResourceRef(ref: string): ResourceLookup {
  const value = ref.trim();
  return UUID.test(value)
    ? { by: 'id', id: value.toLowerCase() }
    : { by: 'code', code: value.toUpperCase() };
}
