import { z } from 'zod';
import { InstantSchema } from './application.js';

/**
 * PIPL art. 24: an applicant may ask a person to review a decision made by automated means (the
 * eligibility check, points, the round). open: waiting for a housing officer; upheld: the decision
 * stands; changed: the officer changed it (the note says how).
 */
export const REVIEW_REQUEST_STATUSES = ['open', 'upheld', 'changed'] as const;
export const ReviewRequestStatusSchema = z.enum(REVIEW_REQUEST_STATUSES);
export type ReviewRequestStatus = z.infer<typeof ReviewRequestStatusSchema>;

/** `POST /api/housing/applications/:id/review-requests`: why the applicant asks. */
export const ReviewRequestBodySchema = z.object({
  reason: z.string().trim().min(1).max(2_000),
});
export const CreateReviewRequestSchema = ReviewRequestBodySchema.extend({
  applicationId: z.uuid(),
});
export type CreateReviewRequestInput = z.infer<typeof CreateReviewRequestSchema>;

/** `POST /api/housing/review-requests/:id/decision`: the officer's decision and its reasons. */
export const ReviewDecisionBodySchema = z.object({
  decision: z.enum(['upheld', 'changed']),
  note: z.string().trim().min(1).max(2_000),
});
export const DecideReviewRequestSchema = ReviewDecisionBodySchema.extend({ id: z.uuid() });
export type DecideReviewRequestInput = z.infer<typeof DecideReviewRequestSchema>;

export const ReviewRequestSchema = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  applicantId: z.string(),
  reason: z.string(),
  status: ReviewRequestStatusSchema,
  decisionNote: z.string().nullable(),
  /** The housing officer's user id. */
  decidedBy: z.string().nullable(),
  decidedAt: InstantSchema.nullable(),
  createdAt: InstantSchema,
});
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

export const ReviewRequestListSchema = z.object({ items: z.array(ReviewRequestSchema) });
export type ReviewRequestList = z.infer<typeof ReviewRequestListSchema>;

export const ReviewRequestRefSchema = z.object({ id: z.uuid() });
