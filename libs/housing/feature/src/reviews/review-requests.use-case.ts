import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction, isUniqueViolation } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import {
  ReviewDecided,
  ReviewRequested,
  type CreateReviewRequestInput,
  type DecideReviewRequestInput,
  type ReviewRequest,
  type ReviewRequestList,
} from '@gm/housing-contracts';
import {
  addApplicationHistory,
  decideReviewRequest,
  findApplication,
  insertReviewRequest,
  listReviewRequests,
  lockApplication,
  lockReviewRequest,
  type ReviewRequestRow,
} from '@gm/housing-data-access';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';
import { canRead } from '../applications/applications.use-case.js';

export function toReviewRequest(row: ReviewRequestRow): ReviewRequest {
  return {
    id: row.id,
    applicationId: row.application_id,
    applicantId: row.applicant_id,
    reason: row.reason,
    status: row.status,
    decisionNote: row.decision_note,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * PIPL art. 24, a first-class audited step: the applicant asks a person to review the automated
 * decision on the application; a housing officer upholds or changes it, giving reasons. Each step
 * is in the application's history and raises an event for the applicant.
 */
@Injectable()
export class ReviewRequestsUseCase {
  constructor(
    @InjectHousingDatabase() private readonly database: HousingDatabase,
    private readonly outbox: Outbox,
  ) {}

  async request(
    identity: Identity,
    input: CreateReviewRequestInput,
    now: Date = new Date(),
  ): Promise<ReviewRequest> {
    return inTransaction(this.database.db, async (trx) => {
      const application = await lockApplication(trx, input.applicationId);
      if (!application) throw AppError.notFound('application', input.applicationId);
      if (application.applicant_id !== identity.id) {
        throw canRead(identity, application)
          ? AppError.forbidden('only the applicant asks for a review')
          : AppError.forbidden('not your application');
      }
      let row: ReviewRequestRow;
      try {
        row = await insertReviewRequest(trx, {
          id: uuidv7(),
          application_id: application.id,
          applicant_id: application.applicant_id,
          reason: input.reason,
          status: 'open',
          created_at: now,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw AppError.conflict(
            'a review of this application is already open',
            'review-request-open',
          );
        }
        throw error;
      }
      await addApplicationHistory(trx, {
        application_id: application.id,
        action: 'review-requested',
        from_status: application.status,
        to_status: application.status,
        actor_id: identity.id,
        note: input.reason,
      });
      await this.outbox.add(
        trx,
        ReviewRequested,
        {
          reviewRequestId: row.id,
          applicationId: row.application_id,
          applicantId: row.applicant_id,
          status: 'open',
          at: now.toISOString(),
        },
        { subject: row.application_id },
      );
      return toReviewRequest(row);
    });
  }

  async list(identity: Identity, applicationId: string): Promise<ReviewRequestList> {
    const db = this.database.db;
    const application = await findApplication(db, applicationId);
    if (!application) throw AppError.notFound('application', applicationId);
    if (!canRead(identity, application)) throw AppError.forbidden('not your application');
    return { items: (await listReviewRequests(db, applicationId)).map(toReviewRequest) };
  }

  async decide(
    identity: Identity,
    input: DecideReviewRequestInput,
    now: Date = new Date(),
  ): Promise<ReviewRequest> {
    if (!hasRole(identity, 'housing-officer')) {
      throw AppError.forbidden('only housing officers decide a review');
    }
    return inTransaction(this.database.db, async (trx) => {
      const request = await lockReviewRequest(trx, input.id);
      if (!request) throw AppError.notFound('review request', input.id);
      if (request.status !== 'open') {
        throw AppError.conflict(
          `this review was already decided (${request.status})`,
          'review-request-state',
        );
      }
      const application = await lockApplication(trx, request.application_id);
      const decided = await decideReviewRequest(trx, input.id, {
        status: input.decision,
        note: input.note,
        by: identity.id,
        at: now,
      });
      await addApplicationHistory(trx, {
        application_id: request.application_id,
        action: `review-${input.decision}`,
        from_status: application!.status,
        to_status: application!.status,
        actor_id: identity.id,
        note: input.note,
      });
      await this.outbox.add(
        trx,
        ReviewDecided,
        {
          reviewRequestId: decided.id,
          applicationId: decided.application_id,
          applicantId: decided.applicant_id,
          status: input.decision,
          note: input.note,
          decidedBy: identity.id,
          at: now.toISOString(),
        },
        { subject: decided.application_id },
      );
      return toReviewRequest(decided);
    });
  }
}
