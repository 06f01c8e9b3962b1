import type { Page } from '@gm/shared-contracts';
import type { ProblemDetails } from '@gm/shared-errors';
import type { Resource, ResourceCategory, Unit } from '@gm/resources-contracts';

/** An answer of the gateway that was not 2xx, carrying its RFC 9457 problem where there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem?: ProblemDetails,
  ) {
    super(problem?.detail ?? `request failed with status ${status}`);
    this.name = 'ApiError';
  }
}

export interface ResourceFilters {
  q: string;
  category: ResourceCategory | '';
  unitId: string;
  page: number;
}

export const PAGE_SIZE = 12;

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  if (!response.ok) {
    const isProblem = response.headers.get('content-type')?.includes('json') ?? false;
    throw new ApiError(
      response.status,
      isProblem ? ((await response.json()) as ProblemDetails) : undefined,
    );
  }
  return (await response.json()) as T;
}

/** The query string of a catalogue search; empty filters are left out. */
export function resourceQuery(filters: ResourceFilters): URLSearchParams {
  const params = new URLSearchParams({ page: String(filters.page), pageSize: String(PAGE_SIZE) });
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.category) params.set('category', filters.category);
  if (filters.unitId) params.set('unitId', filters.unitId);
  return params;
}

export function listResources(
  filters: ResourceFilters,
  signal?: AbortSignal,
): Promise<Page<Resource>> {
  return getJson(`/api/resources?${resourceQuery(filters).toString()}`, signal);
}

export function listUnits(): Promise<Page<Unit>> {
  return getJson('/api/units?pageSize=100');
}
