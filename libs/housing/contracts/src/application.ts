import { z } from 'zod';
import { PageQuerySchema } from '@gm/shared-contracts';

/** A calendar day `YYYY-MM-DD` (Asia/Shanghai). */
export const CalendarDaySchema = z.iso.date();
export const InstantSchema = z.iso.datetime({ offset: true });

/**
 * active: eligible and waiting for a round; offered: holds an open offer; housed: accepted an
 * offer; withdrawn: taken back by the applicant.
 */
export const APPLICATION_STATUSES = ['active', 'offered', 'housed', 'withdrawn'] as const;
export const ApplicationStatusSchema = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatusSchema>;

/**
 * One entry of a ranked list: a project's dwellings with this many bedrooms, or (without
 * `bedrooms`) every layout of the project that fits the household, larger first.
 */
export const PreferenceSchema = z.object({
  projectId: z.uuid(),
  bedrooms: z.number().int().min(0).max(10).optional(),
});
export type Preference = z.infer<typeof PreferenceSchema>;

/** The distinct projects of a ranked list, in the order they first appear. */
export const projectsOfPreferences = (preferences: readonly Preference[]): string[] => [
  ...new Set(preferences.map((p) => p.projectId)),
];

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * `POST /api/housing/applications`: the talent's household and its ranked list, as projects
 * (`preferredProjectIds`) or as unit types (`preferences`: project × bedrooms). With
 * `preferences`, `preferredProjectIds` may be left out; given, it names the same projects in the
 * same order. The fields a `housing` ticket's `details` carry are a subset, so a ticket can open one.
 */
export const CreateApplicationSchema = z
  .object({
    /** The talent tier of the Shenzhen talent catalogue, e.g. `A`, `B`, `C`. */
    talentTier: z.string().trim().min(1).max(20),
    employerUnitId: z.uuid().optional(),
    householdSize: z.number().int().min(1).max(12),
    /** Acceptable projects, best first. */
    preferredProjectIds: z
      .array(z.uuid())
      .min(1)
      .max(10)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'a project is listed once' })
      .optional(),
    /** Acceptable unit types, best first: `{projectId, bedrooms?}`, each listed once. */
    preferences: z.array(PreferenceSchema).min(1).max(20).optional(),
    /**
     * An existing tenant who wants to move: the unit it rents now (YRMH-IGYT rounds trade it).
     * Checked against the tenancies the housing office recorded.
     */
    currentUnitId: z.uuid().optional(),
    /** The residence subdistrict (街道), e.g. `凤凰街道`: some projects rank its residents first. */
    subdistrict: z.string().trim().min(1).max(40).optional(),
    /**
     * The start of the applicant's Shenzhen hukou or social insurance (户籍/社保起始日), as
     * declared: the base date under a policy that says so.
     */
    socialInsuranceSince: CalendarDaySchema.optional(),
    /** The name published masked (张**); defaults to the account's user name. Personal data. */
    applicantName: z.string().trim().min(1).max(60).optional(),
    /** Personal data: stored for the housing office, never in events, logs or public results. */
    idNumber: z.string().trim().min(6).max(32).optional(),
    phone: z.string().trim().min(5).max(32).optional(),
    note: z.string().max(2_000).optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.preferences) {
      if (!input.preferredProjectIds) {
        ctx.addIssue({
          code: 'custom',
          path: ['preferredProjectIds'],
          message: 'list the acceptable projects (preferredProjectIds) or unit types (preferences)',
        });
      }
      return;
    }
    const seen = new Set<string>();
    input.preferences.forEach((p, i) => {
      const key = `${p.projectId}:${p.bedrooms ?? '*'}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['preferences', i],
          message: `project ${p.projectId}${p.bedrooms === undefined ? '' : ` with ${p.bedrooms} bedrooms`} is listed twice`,
        });
      }
      seen.add(key);
    });
    const projects = projectsOfPreferences(input.preferences);
    if (input.preferredProjectIds && !sameList(input.preferredProjectIds, projects)) {
      ctx.addIssue({
        code: 'custom',
        path: ['preferredProjectIds'],
        message: 'with preferences, name the same projects in the order they first appear there',
      });
    }
  });
export type CreateApplicationInput = z.infer<typeof CreateApplicationSchema>;

export const ApplicationSchema = z.object({
  id: z.uuid(),
  applicantId: z.string(),
  applicantName: z.string(),
  talentTier: z.string(),
  employerUnitId: z.uuid().nullable(),
  householdSize: z.number().int(),
  preferredProjectIds: z.array(z.uuid()),
  /** The ranked list: unit types (a project alone stands for its fitting layouts). */
  preferences: z.array(PreferenceSchema),
  /** The unit an existing tenant rents now and may trade (YRMH-IGYT). */
  currentUnitId: z.uuid().nullable(),
  subdistrict: z.string().nullable(),
  /** Under the published policy (`policyVersion`). */
  points: z.number().int(),
  /** 轮候起始日: the base date of the priority key. */
  baseDate: CalendarDaySchema,
  policyVersion: z.string(),
  status: ApplicationStatusSchema,
  /** The 问诊会 ticket that opened or links this application. */
  ticketId: z.uuid().nullable(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Application = z.infer<typeof ApplicationSchema>;

export const ApplicationHistoryEntrySchema = z.object({
  action: z.string(),
  fromStatus: ApplicationStatusSchema.nullable(),
  toStatus: ApplicationStatusSchema,
  /** User id, or `system:<what>`. */
  actorId: z.string(),
  note: z.string().nullable(),
  at: InstantSchema,
});
export type ApplicationHistoryEntry = z.infer<typeof ApplicationHistoryEntrySchema>;

/** What only the applicant and the housing office see: personal data and the history. */
export const ApplicationDetailSchema = ApplicationSchema.extend({
  socialInsuranceSince: CalendarDaySchema.nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  history: z.array(ApplicationHistoryEntrySchema),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetailSchema>;

export const ApplicationRefSchema = z.object({ id: z.uuid() });
export type ApplicationRef = z.infer<typeof ApplicationRefSchema>;

export const ListApplicationsSchema = PageQuerySchema.extend({
  status: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    ApplicationStatusSchema.optional(),
  ),
});
export type ListApplicationsQuery = z.infer<typeof ListApplicationsSchema>;
