import { Injectable } from '@nestjs/common';
import type { Executor } from '@gm/shared-db';
import {
  findResource,
  type ResourcesDB,
  type ResourceWithUnitRow,
} from '@gm/resources-data-access';
import type { ResourceLookup } from '@gm/resources-domain';

/** How long a resource read is reused. Edits through this process clear it at once. */
export const RESOURCE_CACHE_TTL_MS = 5_000;
/** The catalogue has ~100 entries; a bound keeps lookups of ever new codes from growing it. */
const MAX_ENTRIES = 2_000;

interface Entry {
  row: ResourceWithUnitRow;
  until: number;
}

/**
 * A short in-process cache of catalogue rows by id and by code (ADR 0019): the catalogue
 * changes rarely and is read on every catalogue view, availability query and booking request.
 * `UpdateResourceUseCase` drops an edited resource at once; another replica's edit shows here
 * within `RESOURCE_CACHE_TTL_MS`. Writes that depend on the policy do not trust it blindly: the
 * booking statement checks the row's `updated_at` is still the one read (see CreateBookingUseCase).
 * Unknown resources are not cached, so a new one is found at once.
 */
@Injectable()
export class ResourceCache {
  readonly #entries = new Map<string, Entry>();

  async find(
    db: Executor<ResourcesDB>,
    lookup: ResourceLookup,
  ): Promise<ResourceWithUnitRow | undefined> {
    const key = keyOf(lookup);
    const cached = this.#entries.get(key);
    if (cached && cached.until > Date.now()) return cached.row;
    const row = await findResource(db, lookup);
    if (row) this.remember(row);
    else this.#entries.delete(key);
    return row;
  }

  /** Keeps a row just read (or written) under its id and its code. */
  remember(row: ResourceWithUnitRow): void {
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    const entry = { row, until: Date.now() + RESOURCE_CACHE_TTL_MS };
    this.#entries.set(keyOf({ by: 'id', id: row.id }), entry);
    this.#entries.set(keyOf({ by: 'code', code: row.code }), entry);
  }

  /** Forgets a resource (after an edit), by id and by code. */
  forget(id: string): void {
    const entry = this.#entries.get(keyOf({ by: 'id', id }));
    this.#entries.delete(keyOf({ by: 'id', id }));
    if (entry) this.#entries.delete(keyOf({ by: 'code', code: entry.row.code }));
  }
}

const keyOf = (lookup: ResourceLookup): string =>
  lookup.by === 'id' ? `id:${lookup.id}` : `code:${lookup.code}`;
