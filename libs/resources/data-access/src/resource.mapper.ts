import type { Resource, Unit } from '@gm/resources-contracts';
import type { ResourceColumnUpdate, ResourceWithUnitRow } from './resource.repository.js';
import type { UnitRow } from './tables.js';

export function toUnit(row: Pick<UnitRow, 'id' | 'code' | 'name' | 'name_en'>): Unit {
  return { id: row.id, code: row.code, name: row.name, nameEn: row.name_en };
}

export function toResource(row: ResourceWithUnitRow): Resource {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    category: row.category,
    unit: toUnit({
      id: row.unit_id,
      code: row.unit_code,
      name: row.unit_name,
      name_en: row.unit_name_en,
    }),
    location: row.location,
    description: row.description,
    descriptionEn: row.description_en,
    policy: {
      requiresApproval: row.requires_approval,
      minMinutes: row.min_minutes,
      maxMinutes: row.max_minutes,
      slotMinutes: row.slot_minutes,
      bufferMinutes: Math.max(row.buffer_before_minutes, row.buffer_after_minutes),
      bufferBeforeMinutes: row.buffer_before_minutes,
      bufferAfterMinutes: row.buffer_after_minutes,
      leadTimeHours: row.lead_time_hours,
      maxAdvanceDays: row.max_advance_days,
      openingHours: row.opening_hours,
      requiredQualification: row.required_qualification,
      monthlyCapHoursPerUnit: row.monthly_cap_hours_per_unit,
      externalSharePercent: row.external_share_percent,
    },
    status: row.status,
  };
}

/** The editable columns of a resource, from the contract's shape. */
export function toResourceColumns(resource: Resource): ResourceColumnUpdate {
  const { policy } = resource;
  return {
    name: resource.name,
    name_en: resource.nameEn,
    description: resource.description,
    description_en: resource.descriptionEn,
    location: resource.location,
    status: resource.status,
    requires_approval: policy.requiresApproval,
    min_minutes: policy.minMinutes,
    max_minutes: policy.maxMinutes,
    slot_minutes: policy.slotMinutes,
    buffer_before_minutes: policy.bufferBeforeMinutes,
    buffer_after_minutes: policy.bufferAfterMinutes,
    lead_time_hours: policy.leadTimeHours,
    max_advance_days: policy.maxAdvanceDays,
    opening_hours: JSON.stringify(policy.openingHours),
    required_qualification: policy.requiredQualification ?? null,
    monthly_cap_hours_per_unit: policy.monthlyCapHoursPerUnit ?? null,
    external_share_percent: policy.externalSharePercent ?? null,
  };
}
