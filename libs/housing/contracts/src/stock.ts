import { z } from 'zod';
import { InstantSchema } from './application.js';
import { HousingProjectSchema, HousingUnitStatusSchema } from './project.js';
import { HousingUnitSchema } from './unit.js';

/*
 * The housing office's management of the stock: projects, and the units of their buildings.
 * Codes are letters and digits only: they make unit codes (`CZ-1-1203`) and class ids (`CZ:2BR:65`).
 */

/** Why a housing officer keeps a unit out of allocation. */
export const UNAVAILABLE_REASONS = ['maintenance', 'reserved'] as const;
export const UnavailableReasonSchema = z.enum(UNAVAILABLE_REASONS);
export type UnavailableReason = z.infer<typeof UnavailableReasonSchema>;

/** The most units one request adds (a list, or a building's floors × layout). */
export const MAX_UNITS_PER_REQUEST = 2_000;

const text = (max: number) => z.string().trim().max(max);
const ref = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9]+$/, `${what} is letters and digits only`);
const money = z.number().min(0).max(99_999_999.99).multipleOf(0.01);

export const ProjectCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{0,15}$/, 'a project code is 1–16 capital letters and digits');

/** `POST /api/housing/projects`. The code is unique and never changes. */
export const CreateHousingProjectSchema = z.strictObject({
  code: ProjectCodeSchema,
  name: text(200).min(1),
  nameEn: text(200).min(1),
  address: text(500).default(''),
});
export type CreateHousingProjectInput = z.infer<typeof CreateHousingProjectSchema>;

/** The body of `PATCH /api/housing/projects/:id`: any of these; the code is not one of them. */
export const HousingProjectChangesSchema = z
  .strictObject(
    {
      name: text(200).min(1).optional(),
      nameEn: text(200).min(1).optional(),
      address: text(500).optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.includes('code')
            ? "a project's code never changes: applications and rounds name its dwellings by it"
            : `not a field of a project that can change: ${issue.keys.join(', ')}`
          : undefined,
    },
  )
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: 'name at least one field to change: name, nameEn, address',
  });
export type HousingProjectChanges = z.infer<typeof HousingProjectChangesSchema>;

export const UpdateHousingProjectSchema = z.object({
  id: z.uuid(),
  changes: HousingProjectChangesSchema,
});
export type UpdateHousingProjectInput = z.infer<typeof UpdateHousingProjectSchema>;

/** The body of a retirement: an optional note for the stock history (never in events). */
export const RetirementBodySchema = z.strictObject({ note: text(500).min(1).optional() });
export const RetireSchema = RetirementBodySchema.extend({ id: z.uuid() });
export type RetireInput = z.infer<typeof RetireSchema>;

/** A project as the housing office sees it: retired ones too. */
export const ManagedHousingProjectSchema = HousingProjectSchema.extend({
  retiredAt: InstantSchema.nullable(),
});
export type ManagedHousingProject = z.infer<typeof ManagedHousingProjectSchema>;

/** A dwelling's layout and rent; its class (project × bedrooms × area) follows from it. */
const layoutShape = {
  bedrooms: z.number().int().min(0).max(10),
  areaSqm: z.number().positive().max(99_999.99).multipleOf(0.01),
  /** Yuan per month. */
  monthlyRent: money,
};
export const UnitLayoutSchema = z.strictObject(layoutShape);
export type UnitLayoutInput = z.infer<typeof UnitLayoutSchema>;

/** One unit of a list: `floor` may be left out when the number says it (`1203` → 12). */
export const NewUnitSchema = z.strictObject({
  building: ref('a building code', 16),
  number: ref('a unit number', 16),
  floor: z.number().int().min(-9).max(200).optional(),
  ...layoutShape,
});
export type NewUnitInput = z.infer<typeof NewUnitSchema>;

/**
 * A building described by its floors and the layout of each floor: position `p` (from 1) of floor
 * `f` is number `f` followed by `p` in two digits (`1203`), as the district numbers its dwellings.
 */
export const BuildingPlanSchema = z.strictObject({
  code: ref('a building code', 16),
  /** Default `<code>栋`; used when the building is new. */
  name: text(50).min(1).optional(),
  floors: z.number().int().min(1).max(100),
  firstFloor: z.number().int().min(1).max(200).default(1),
  layout: z.array(UnitLayoutSchema).min(1).max(99),
});
export type BuildingPlan = z.infer<typeof BuildingPlanSchema>;

const addUnitsShape = {
  units: z.array(NewUnitSchema).min(1).max(MAX_UNITS_PER_REQUEST).optional(),
  building: BuildingPlanSchema.optional(),
};
type Additions = { units?: unknown; building?: { floors: number; layout: unknown[] } };
/** Exactly one way to add: a list or a building plan. */
const oneWayToAdd = (b: Additions) => (b.units === undefined) !== (b.building === undefined);
const ONE_WAY = {
  message: 'give either units (a list) or building (floors × layout), one of the two',
};
const planSize = (b: Additions) =>
  !b.building || b.building.floors * b.building.layout.length <= MAX_UNITS_PER_REQUEST;
const PLAN_SIZE = {
  message: `a building plan makes at most ${MAX_UNITS_PER_REQUEST} units (floors × layout)`,
  path: ['building', 'floors'],
};

/**
 * The body of `POST /api/housing/projects/:id/units`: a list of units, or a building plan. All
 * or nothing: one bad row (named, e.g. `units.3.areaSqm`) or one existing building and number
 * refuses the whole request.
 */
export const AddUnitsBodySchema = z
  .strictObject(addUnitsShape)
  .refine(oneWayToAdd, ONE_WAY)
  .refine(planSize, PLAN_SIZE);
export type AddUnitsBody = z.infer<typeof AddUnitsBodySchema>;

export const AddUnitsSchema = z
  .strictObject({ projectId: z.uuid(), ...addUnitsShape })
  .refine(oneWayToAdd, ONE_WAY)
  .refine(planSize, PLAN_SIZE);
export type AddUnitsInput = z.infer<typeof AddUnitsSchema>;

/** A unit as the housing office sees it: its floor, class, why it is unavailable, retirement. */
export const ManagedUnitSchema = HousingUnitSchema.extend({
  floor: z.number().int(),
  /** `CZ:2BR:65`: the class a round treats it in (project × bedrooms × area). */
  classId: z.string(),
  unavailableReason: UnavailableReasonSchema.nullable(),
  retiredAt: InstantSchema.nullable(),
});
export type ManagedUnit = z.infer<typeof ManagedUnitSchema>;

export const AddedUnitsSchema = z.object({
  projectId: z.uuid(),
  items: z.array(ManagedUnitSchema),
});
export type AddedUnits = z.infer<typeof AddedUnitsSchema>;

/**
 * The body of `PATCH /api/housing/units/:id`. Rent, area and bedrooms change only while the unit
 * is neither offered nor let; an officer moves it between `available` and `unavailable` (with a
 * reason); `offered` and `allocated` follow offers and vacating only.
 */
export const UnitChangesSchema = z
  .strictObject({
    monthlyRent: money.optional(),
    areaSqm: layoutShape.areaSqm.optional(),
    bedrooms: layoutShape.bedrooms.optional(),
    status: HousingUnitStatusSchema.optional(),
    /** Required when `status` is `unavailable`, and only then. */
    reason: UnavailableReasonSchema.optional(),
    /** For the stock history only (never in events). */
    note: text(500).min(1).optional(),
  })
  .refine((c) => [c.monthlyRent, c.areaSqm, c.bedrooms, c.status].some((v) => v !== undefined), {
    message: 'name at least one field to change: monthlyRent, areaSqm, bedrooms, status',
  })
  .refine((c) => c.status !== 'unavailable' || c.reason !== undefined, {
    message: 'say why the unit is unavailable: maintenance or reserved',
    path: ['reason'],
  })
  .refine((c) => c.reason === undefined || c.status === 'unavailable', {
    message: 'a reason goes with status unavailable only',
    path: ['reason'],
  });
export type UnitChanges = z.infer<typeof UnitChangesSchema>;

export const UpdateUnitSchema = z.object({ id: z.uuid(), changes: UnitChangesSchema });
export type UpdateUnitInput = z.infer<typeof UpdateUnitSchema>;

/** One entry of the stock history: who changed what, before and after. */
export const StockChangeSchema = z.object({
  action: z.string(),
  /** Each changed field with `{ from, to }`; the new unit's fields for `added`. */
  changes: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  actorId: z.string(),
  at: InstantSchema,
});
export type StockChange = z.infer<typeof StockChangeSchema>;

/** `GET /api/housing/units/:id` (housing officer): the unit, retired or not, with its history. */
export const ManagedUnitDetailSchema = ManagedUnitSchema.extend({
  history: z.array(StockChangeSchema),
});
export type ManagedUnitDetail = z.infer<typeof ManagedUnitDetailSchema>;
