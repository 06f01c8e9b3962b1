import { z } from 'zod';
import { event } from '@gm/shared-contracts';
import { ApplicationStatusSchema, CalendarDaySchema, InstantSchema } from './application.js';
import { AllocationMethodSchema } from './simulation.js';
import { OfferStatusSchema } from './round.js';
import { ReviewRequestStatusSchema } from './review.js';
import { HousingProjectSchema, HousingUnitStatusSchema } from './project.js';
import { ManagedUnitSchema, UnavailableReasonSchema } from './stock.js';

/** Never the name, ID number or phone: an application event names the applicant by id only. */
export const ApplicationEventDataSchema = z.object({
  applicationId: z.uuid(),
  applicantId: z.string(),
  talentTier: z.string(),
  householdSize: z.number().int(),
  preferredProjectIds: z.array(z.uuid()),
  points: z.number().int(),
  baseDate: CalendarDaySchema,
  status: ApplicationStatusSchema,
  ticketId: z.uuid().nullable(),
  at: InstantSchema,
});
export type ApplicationEventData = z.infer<typeof ApplicationEventDataSchema>;

const applicantAudience = {
  audience: (d: { applicantId: string }) => [
    { userId: d.applicantId },
    { role: 'housing-officer' as const },
  ],
};

export const ApplicationSubmitted = event(
  'housing.evt.application.submitted.v1',
  ApplicationEventDataSchema,
  applicantAudience,
);
export const ApplicationWithdrawn = event(
  'housing.evt.application.withdrawn.v1',
  ApplicationEventDataSchema,
  applicantAudience,
);
/** A 问诊会 ticket opened or was linked to this application; triage records the link. */
export const ApplicationLinked = event(
  'housing.evt.application.linked.v1',
  ApplicationEventDataSchema.extend({ ticketId: z.uuid(), created: z.boolean() }),
  applicantAudience,
);

/**
 * A `housing` ticket assigned to the housing department could not open or link an application:
 * triage records why on the ticket. The reason is machine-readable; `errors` name the failed
 * fields or eligibility rules (never personal data).
 */
export const ApplicationLinkFailed = event(
  'housing.evt.application.link-failed.v1',
  z.object({
    ticketId: z.uuid(),
    applicantId: z.string(),
    /** `invalid-details`, `ineligible` or `linked-to-another-ticket`. */
    reason: z.enum(['invalid-details', 'ineligible', 'linked-to-another-ticket']),
    errors: z.array(
      z.object({
        path: z.string(),
        message: z.string(),
        code: z.string().optional(),
        limit: z.unknown().optional(),
      }),
    ),
    /** The application already in play, when there is one. */
    applicationId: z.uuid().nullable(),
    at: InstantSchema,
  }),
  applicantAudience,
);

/** A round's result: public, no personal data (the published page is at `/api/housing/rounds/:id`). */
export const RoundPublished = event(
  'housing.evt.round.published.v1',
  z.object({
    roundId: z.uuid(),
    method: AllocationMethodSchema,
    policyVersion: z.string(),
    projectIds: z.array(z.uuid()),
    seedCommitment: z.string(),
    seed: z.string(),
    inputDigest: z.string(),
    resultDigest: z.string(),
    applicants: z.number().int(),
    offers: z.number().int(),
    at: InstantSchema,
  }),
  { public: true },
);

/**
 * Everything a consumer needs about an offer without calling back: triage resolves a ticket from
 * `offer.accepted` alone (ticketId, unit code, project name).
 */
export const OfferEventDataSchema = z.object({
  offerId: z.uuid(),
  roundId: z.uuid(),
  applicationId: z.uuid(),
  applicantId: z.string(),
  ticketId: z.uuid().nullable(),
  unitId: z.uuid(),
  unitCode: z.string(),
  projectId: z.uuid(),
  projectName: z.string(),
  projectNameEn: z.string(),
  classId: z.string(),
  status: OfferStatusSchema,
  expiresAt: InstantSchema,
  /** Declined and expired: whether it counted as a strike; whether that reset the base date. */
  strike: z.boolean().optional(),
  baseDateReset: z.boolean().optional(),
  at: InstantSchema,
});
export type OfferEventData = z.infer<typeof OfferEventDataSchema>;

export const OfferMade = event(
  'housing.evt.offer.made.v1',
  OfferEventDataSchema,
  applicantAudience,
);
export const OfferAccepted = event(
  'housing.evt.offer.accepted.v1',
  OfferEventDataSchema,
  applicantAudience,
);
export const OfferDeclined = event(
  'housing.evt.offer.declined.v1',
  OfferEventDataSchema,
  applicantAudience,
);
export const OfferExpired = event(
  'housing.evt.offer.expired.v1',
  OfferEventDataSchema,
  applicantAudience,
);
/** A re-run gave the applicant a better unit: this offer is replaced by a new one. */
export const OfferSuperseded = event(
  'housing.evt.offer.superseded.v1',
  OfferEventDataSchema,
  applicantAudience,
);

/**
 * A review request (PIPL art. 24) opened or was decided. No free text of the applicant's; the
 * officer's note is the reason the applicant is owed, so the decision carries it.
 */
export const ReviewRequestEventDataSchema = z.object({
  reviewRequestId: z.uuid(),
  applicationId: z.uuid(),
  applicantId: z.string(),
  status: ReviewRequestStatusSchema,
  at: InstantSchema,
});
export const ReviewRequested = event(
  'housing.evt.review.requested.v1',
  ReviewRequestEventDataSchema,
  applicantAudience,
);
export const ReviewDecided = event(
  'housing.evt.review.decided.v1',
  ReviewRequestEventDataSchema.extend({
    status: z.enum(['upheld', 'changed']),
    note: z.string(),
    decidedBy: z.string(),
  }),
  applicantAudience,
);

/** A let unit was vacated and is available again: public, the unit and its project only. */
export const UnitVacated = event(
  'housing.evt.unit.vacated.v1',
  z.object({ unitId: z.uuid(), projectId: z.uuid(), at: InstantSchema }),
  { public: true },
);

/*
 * The stock as the housing office manages it. Public: catalogue data names nobody, and neither
 * the officer nor the officer's free-text notes travel (they stay in the stock history).
 */
const StockProjectSchema = HousingProjectSchema.pick({
  id: true,
  code: true,
  name: true,
  nameEn: true,
  address: true,
});

export const HousingProjectCreated = event(
  'housing.evt.project.created.v1',
  z.object({ project: StockProjectSchema, at: InstantSchema }),
  { public: true },
);
/** `changed` names the fields that changed (name, nameEn, address). */
export const HousingProjectUpdated = event(
  'housing.evt.project.updated.v1',
  z.object({ project: StockProjectSchema, changed: z.array(z.string()), at: InstantSchema }),
  { public: true },
);
/** The project left the catalogue with its remaining units (`retiredUnits`); its rows stay. */
export const HousingProjectRetired = event(
  'housing.evt.project.retired.v1',
  z.object({
    projectId: z.uuid(),
    code: z.string(),
    retiredUnits: z.number().int().min(0),
    at: InstantSchema,
  }),
  { public: true },
);
/** Units joined a project's stock (one event per request, a list or a building plan). */
export const HousingUnitsAdded = event(
  'housing.evt.project.units-added.v1',
  z.object({ projectId: z.uuid(), units: z.array(ManagedUnitSchema), at: InstantSchema }),
  { public: true },
);
/** Rent, area or bedrooms changed (`changed` names which); the unit as it is now. */
export const HousingUnitUpdated = event(
  'housing.evt.unit.updated.v1',
  z.object({ unit: ManagedUnitSchema, changed: z.array(z.string()), at: InstantSchema }),
  { public: true },
);
/** An officer moved the unit between available and unavailable (with the reason, a code). */
export const HousingUnitStatusChanged = event(
  'housing.evt.unit.status-changed.v1',
  z.object({
    unitId: z.uuid(),
    projectId: z.uuid(),
    from: HousingUnitStatusSchema,
    to: HousingUnitStatusSchema,
    reason: UnavailableReasonSchema.nullable(),
    at: InstantSchema,
  }),
  { public: true },
);
/** The unit left the catalogue; its row, offers and history stay. */
export const HousingUnitRetired = event(
  'housing.evt.unit.retired.v1',
  z.object({ unitId: z.uuid(), projectId: z.uuid(), at: InstantSchema }),
  { public: true },
);
