import { stableId } from '@gm/shared-contracts';
import type { OpeningHours, ResourceCategory } from '@gm/resources-contracts';
import type { NewResourceRow, NewUnitRow } from '../tables.js';
import { DEMO_RESOURCES, type ResourceSeed } from './resources.seed.js';
import { DEMO_UNITS, type UnitSeed } from './units.seed.js';

const DEMO_NOTE = '（示例数据，仅供演示。）';
const DEMO_NOTE_EN = ' (Demo data, for demonstration only.)';

const openOn = (weekdays: number[], open: string, close: string): OpeningHours[] =>
  weekdays.map((weekday) => ({ weekday, open, close }));
const WEEKDAYS = [1, 2, 3, 4, 5];
const MONDAY_TO_SATURDAY = [1, 2, 3, 4, 5, 6];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

type PolicyDefaults = Pick<
  NewResourceRow,
  | 'min_minutes'
  | 'max_minutes'
  | 'slot_minutes'
  | 'buffer_before_minutes'
  | 'buffer_after_minutes'
  | 'lead_time_hours'
  | 'max_advance_days'
> & { openingHours: OpeningHours[] };

/** Booking rules typical of each kind of resource; a seed entry adds approval and limits. */
const POLICY_BY_CATEGORY: Record<ResourceCategory, PolicyDefaults> = {
  instrument: {
    min_minutes: 30,
    max_minutes: 240,
    slot_minutes: 30,
    buffer_before_minutes: 15,
    buffer_after_minutes: 15,
    lead_time_hours: 24,
    max_advance_days: 30,
    openingHours: openOn(MONDAY_TO_SATURDAY, '08:30', '21:00'),
  },
  laboratory: {
    min_minutes: 60,
    max_minutes: 480,
    slot_minutes: 60,
    buffer_before_minutes: 30,
    buffer_after_minutes: 30,
    lead_time_hours: 48,
    max_advance_days: 60,
    openingHours: openOn(WEEKDAYS, '09:00', '18:00'),
  },
  facility: {
    min_minutes: 120,
    max_minutes: 720,
    slot_minutes: 60,
    buffer_before_minutes: 60,
    buffer_after_minutes: 60,
    lead_time_hours: 72,
    max_advance_days: 90,
    openingHours: openOn(EVERY_DAY, '08:00', '20:00'),
  },
  computing: {
    min_minutes: 60,
    max_minutes: 4320,
    slot_minutes: 60,
    buffer_before_minutes: 0,
    buffer_after_minutes: 0,
    lead_time_hours: 1,
    max_advance_days: 30,
    openingHours: openOn(EVERY_DAY, '00:00', '24:00'),
  },
  platform: {
    min_minutes: 60,
    max_minutes: 480,
    slot_minutes: 60,
    buffer_before_minutes: 0,
    buffer_after_minutes: 15,
    lead_time_hours: 24,
    max_advance_days: 60,
    openingHours: openOn(WEEKDAYS, '09:00', '17:30'),
  },
};

function unitRow(unit: UnitSeed): NewUnitRow {
  return {
    id: stableId('unit', unit.code),
    code: unit.code,
    name: unit.name,
    name_en: unit.nameEn,
  };
}

function resourceRow(resource: ResourceSeed, unit: UnitSeed): NewResourceRow {
  const { openingHours, ...policy } = POLICY_BY_CATEGORY[resource.category];
  return {
    id: stableId('resource', resource.code),
    code: resource.code,
    unit_id: stableId('unit', unit.code),
    name: resource.name,
    name_en: resource.nameEn,
    category: resource.category,
    status: resource.status ?? 'available',
    location: `${unit.site} ${resource.room} / ${unit.siteEn}, ${resource.room}`,
    description: resource.summary + DEMO_NOTE,
    description_en: resource.summaryEn + DEMO_NOTE_EN,
    requires_approval: resource.requiresApproval,
    ...policy,
    opening_hours: JSON.stringify(openingHours),
    required_qualification: resource.qualification ?? null,
    monthly_cap_hours_per_unit: resource.monthlyCapHours ?? null,
    external_share_percent: resource.externalSharePercent ?? null,
  };
}

/** The demo catalogue as table rows, with ids other services' seeds can compute too. */
export function demoCatalogue(): { units: NewUnitRow[]; resources: NewResourceRow[] } {
  const unitsByCode = new Map<string, UnitSeed>(DEMO_UNITS.map((u) => [u.code, u]));
  return {
    units: DEMO_UNITS.map(unitRow),
    resources: DEMO_RESOURCES.map((r) => {
      const unit = unitsByCode.get(r.unit);
      if (!unit) throw new Error(`demo resource ${r.code} names unknown unit ${r.unit}`);
      return resourceRow(r, unit);
    }),
  };
}
