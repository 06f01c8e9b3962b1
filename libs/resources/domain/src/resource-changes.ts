import type { BookingPolicy, Resource, ResourceChanges } from '@gm/resources-contracts';

const TEXT_FIELDS = [
  'name',
  'nameEn',
  'description',
  'descriptionEn',
  'location',
  'status',
] as const;

/** A changed field (`name`, `policy.maxMinutes`) with its value before and after. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * The resource as `changes` would leave it, and what actually changed. Policy fields not given
 * stay; `bufferMinutes` sets both buffers unless either is given itself; the public
 * `bufferMinutes` is always the larger buffer again. The merged policy is not checked here: the
 * caller validates it with BookingPolicySchema.
 */
export function applyResourceChanges(
  resource: Resource,
  changes: ResourceChanges,
): { resource: Resource; changed: FieldChanges } {
  const next: Resource = { ...resource, policy: mergePolicy(resource.policy, changes.policy) };
  for (const field of TEXT_FIELDS) {
    const value = changes[field];
    if (value !== undefined) Object.assign(next, { [field]: value });
  }
  const changed: FieldChanges = {};
  for (const field of TEXT_FIELDS) {
    if (next[field] !== resource[field])
      changed[field] = { from: resource[field], to: next[field] };
  }
  for (const key of Object.keys(next.policy) as Array<keyof BookingPolicy>) {
    const [from, to] = [resource.policy[key], next.policy[key]];
    if (JSON.stringify(from) !== JSON.stringify(to)) changed[`policy.${key}`] = { from, to };
  }
  return { resource: next, changed };
}

function mergePolicy(
  policy: BookingPolicy,
  patch: ResourceChanges['policy'] | undefined,
): BookingPolicy {
  if (!patch) return policy;
  const { bufferMinutes, ...fields } = patch;
  const buffers =
    bufferMinutes !== undefined &&
    fields.bufferBeforeMinutes === undefined &&
    fields.bufferAfterMinutes === undefined
      ? { bufferBeforeMinutes: bufferMinutes, bufferAfterMinutes: bufferMinutes }
      : {};
  const merged = { ...policy, ...definedOnly(fields), ...buffers };
  return {
    ...merged,
    bufferMinutes: Math.max(merged.bufferBeforeMinutes, merged.bufferAfterMinutes),
  };
}

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
