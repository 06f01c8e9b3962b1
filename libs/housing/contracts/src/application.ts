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
 * `POST /api/housing/applications`: the talent's household and its ranked list of projects. The
 * fields a `housing` ticket's `details` carry are a subset, so a ticket can open one.
 */
export const CreateApplicationSchema = z.object({
  /** The talent tier of the Shenzhen talent catalogue, e.g. `A`, `B`, `C`. */
  talentTier: z.string().trim().min(1).max(20),
  employerUnitId: z.uuid().optional(),
  householdSize: z.number().int().min(1).max(12),
  /** Acceptable projects, best first. */
  preferredProjectIds: z
    .array(z.uuid())
    .min(1)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'a project is listed once' }),
  /** The name published masked (张**); defaults to the account's user name. Personal data. */
  applicantName: z.string().trim().min(1).max(60).optional(),
  /** Personal data: stored for the housing office, never in events, logs or public results. */
  idNumber: z.string().trim().min(6).max(32).optional(),
  phone: z.string().trim().min(5).max(32).optional(),
  note: z.string().max(2_000).optional(),
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
