import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { hasRole, type Identity, type Page } from '@gm/shared-contracts';
import { AppError, type FieldError } from '@gm/shared-errors';
import { inTransaction, isUniqueViolation } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import {
  ApplicationLinked,
  ApplicationSubmitted,
  ApplicationWithdrawn,
  projectsOfPreferences,
  type Application,
  type ApplicationDetail,
  type CreateApplicationInput,
  type ListApplicationsQuery,
} from '@gm/housing-contracts';
import {
  addApplicationHistory,
  findApplication,
  findLiveApplicationOf,
  findTenancyOf,
  insertApplication,
  listApplicationHistory,
  listApplications,
  lockApplication,
  unitLayoutsOf,
  updateApplication,
  type ApplicationRow,
  type HousingDB,
} from '@gm/housing-data-access';
import { baseDateOf, checkEligibility, shanghaiDay, typesByProjectOf } from '@gm/housing-domain';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';
import { HousingSettings } from '../settings.js';
import {
  toApplication,
  toApplicationDetail,
  toApplicationEventData,
} from './application.mapper.js';

/** The applicant or a housing officer may read an application; anyone else learns nothing. */
export function canRead(identity: Identity, row: ApplicationRow): boolean {
  return row.applicant_id === identity.id || hasRole(identity, 'housing-officer');
}

/**
 * Talents apply, read and withdraw their applications; housing officers read all. Eligibility and
 * points follow the published policy; an ineligible application is refused naming each failed rule.
 */
@Injectable()
export class ApplicationsUseCase {
  constructor(
    @InjectHousingDatabase() private readonly database: HousingDatabase,
    private readonly outbox: Outbox,
    private readonly settings: HousingSettings,
  ) {}

  async create(
    identity: Identity,
    input: CreateApplicationInput,
    now: Date = new Date(),
  ): Promise<Application> {
    if (!hasRole(identity, 'talent')) throw AppError.forbidden('only talents apply for housing');
    return inTransaction(this.database.db, (trx) =>
      this.open(trx, identity.id, identity.username, input, { actorId: identity.id, now }),
    );
  }

  /**
   * Opens an application in the caller's transaction (a ticket hand-off passes `ticketId` and the
   * ticket's `submittedAt`): policy checks, the row, its first history entry and the events.
   */
  async open(
    trx: Transaction<HousingDB>,
    applicantId: string,
    fallbackName: string,
    input: CreateApplicationInput,
    options: { actorId: string; now: Date; ticketId?: string; submittedAt?: Date },
  ): Promise<Application> {
    const { policy } = this.settings;
    if (await findLiveApplicationOf(trx, applicantId)) {
      throw AppError.conflict(
        'you already have an application in play: withdraw it first',
        'application-exists',
      );
    }
    // The schema guarantees one of the two lists; with preferences, they rank.
    const projectIds = input.preferences
      ? projectsOfPreferences(input.preferences)
      : input.preferredProjectIds!;
    const typesByProject = typesByProjectOf(await unitLayoutsOf(trx, projectIds));
    const outcome = checkEligibility(
      policy,
      {
        talentTier: input.talentTier,
        householdSize: input.householdSize,
        preferredProjectIds: projectIds,
        preferences: input.preferences,
        memberUnitEmployer: input.employerUnitId !== undefined,
      },
      typesByProject,
    );
    if (!outcome.eligible) {
      throw AppError.invalid(
        'the application is not eligible under the published policy',
        outcome.errors,
        'housing-ineligible',
      );
    }
    const submittedAt = options.submittedAt ?? options.now;
    await this.checkClaims(trx, applicantId, input, submittedAt);
    let row: ApplicationRow;
    try {
      row = await insertApplication(trx, {
        id: uuidv7(),
        applicant_id: applicantId,
        applicant_name: input.applicantName ?? fallbackName,
        id_number: input.idNumber ?? null,
        phone: input.phone ?? null,
        talent_tier: input.talentTier,
        tier_rank: outcome.tierRank,
        employer_unit_id: input.employerUnitId ?? null,
        household_size: input.householdSize,
        preferred_project_ids: JSON.stringify(projectIds),
        preferences: JSON.stringify(
          input.preferences ?? projectIds.map((projectId) => ({ projectId })),
        ),
        class_ids: JSON.stringify(outcome.classIds),
        current_unit_id: input.currentUnitId ?? null,
        subdistrict: input.subdistrict ?? null,
        social_insurance_since: input.socialInsuranceSince ?? null,
        points: outcome.points,
        base_date: baseDateOf(policy, submittedAt, input.socialInsuranceSince),
        policy_version: policy.version,
        status: 'active',
        ticket_id: options.ticketId ?? null,
        note: input.note ?? null,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw AppError.conflict('you already have an application in play', 'application-exists');
      }
      throw error;
    }
    await addApplicationHistory(trx, {
      application_id: row.id,
      action: options.ticketId ? 'opened-from-ticket' : 'submitted',
      from_status: null,
      to_status: 'active',
      actor_id: options.actorId,
      note: `${outcome.points} points under policy ${policy.version}`,
    });
    const data = toApplicationEventData(row, options.now);
    await this.outbox.add(trx, ApplicationSubmitted, data, { subject: row.id });
    if (options.ticketId) {
      await this.outbox.add(
        trx,
        ApplicationLinked,
        { ...data, ticketId: options.ticketId, created: true },
        { subject: row.id },
      );
    }
    return toApplication(row);
  }

  /**
   * What the applicant states beyond eligibility: a current unit must be one it rents now (a
   * tenancy the housing office recorded); a declared hukou / social-insurance start cannot lie
   * after the submission day.
   */
  private async checkClaims(
    trx: Transaction<HousingDB>,
    applicantId: string,
    input: CreateApplicationInput,
    submittedAt: Date,
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (input.currentUnitId && !(await findTenancyOf(trx, applicantId, input.currentUnitId))) {
      errors.push({
        path: 'currentUnitId',
        code: 'tenancy.not-tenant',
        message: `no current tenancy of unit ${input.currentUnitId} is recorded for you`,
      });
    }
    const submitted = shanghaiDay(submittedAt);
    if (input.socialInsuranceSince && input.socialInsuranceSince > submitted) {
      errors.push({
        path: 'socialInsuranceSince',
        code: 'base-date.after-submission',
        message: `a declared start cannot lie after the day of application (${submitted})`,
        limit: submitted,
      });
    }
    if (errors.length > 0) throw AppError.invalid('the application states what is not so', errors);
  }

  async get(identity: Identity, id: string): Promise<ApplicationDetail> {
    const db = this.database.db;
    const row = await findApplication(db, id);
    if (!row) throw AppError.notFound('application', id);
    if (!canRead(identity, row)) throw AppError.forbidden('not your application');
    return toApplicationDetail(row, await listApplicationHistory(db, id));
  }

  async list(identity: Identity, query: ListApplicationsQuery): Promise<Page<Application>> {
    const officer = hasRole(identity, 'housing-officer');
    if (!officer && !hasRole(identity, 'talent')) {
      throw AppError.forbidden('applications are read by talents and housing officers');
    }
    const { rows, total } = await listApplications(this.database.db, {
      applicantId: officer ? undefined : identity.id,
      status: query.status,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(toApplication), page: query.page, pageSize: query.pageSize, total };
  }

  /** The applicant takes the application back; with an open offer it must decline it first. */
  async withdraw(identity: Identity, id: string, now: Date = new Date()): Promise<Application> {
    return inTransaction(this.database.db, async (trx) => {
      const row = await lockApplication(trx, id);
      if (!row) throw AppError.notFound('application', id);
      if (row.applicant_id !== identity.id) {
        throw canRead(identity, row)
          ? AppError.forbidden('only the applicant withdraws an application')
          : AppError.forbidden('not your application');
      }
      if (row.status !== 'active') {
        throw AppError.conflict(
          row.status === 'offered'
            ? 'decline the open offer before withdrawing'
            : `a ${row.status} application cannot be withdrawn`,
          'application-state',
        );
      }
      const updated = await updateApplication(trx, id, { status: 'withdrawn' });
      await addApplicationHistory(trx, {
        application_id: id,
        action: 'withdrawn',
        from_status: row.status,
        to_status: 'withdrawn',
        actor_id: identity.id,
      });
      await this.outbox.add(trx, ApplicationWithdrawn, toApplicationEventData(updated, now), {
        subject: id,
      });
      return toApplication(updated);
    });
  }
}
