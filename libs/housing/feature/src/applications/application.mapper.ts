import type { Application, ApplicationDetail, ApplicationEventData } from '@gm/housing-contracts';
import type { ApplicationHistoryRow, ApplicationRow } from '@gm/housing-data-access';

export function toApplication(row: ApplicationRow): Application {
  return {
    id: row.id,
    applicantId: row.applicant_id,
    applicantName: row.applicant_name,
    talentTier: row.talent_tier,
    employerUnitId: row.employer_unit_id,
    householdSize: row.household_size,
    preferredProjectIds: row.preferred_project_ids,
    preferences: row.preferences,
    currentUnitId: row.current_unit_id,
    subdistrict: row.subdistrict,
    points: row.points,
    baseDate: row.base_date,
    policyVersion: row.policy_version,
    status: row.status,
    ticketId: row.ticket_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toApplicationDetail(
  row: ApplicationRow,
  history: ApplicationHistoryRow[],
): ApplicationDetail {
  return {
    ...toApplication(row),
    socialInsuranceSince: row.social_insurance_since,
    idNumber: row.id_number,
    phone: row.phone,
    note: row.note,
    history: history.map((h) => ({
      action: h.action,
      fromStatus: h.from_status,
      toStatus: h.to_status,
      actorId: h.actor_id,
      note: h.note,
      at: h.at.toISOString(),
    })),
  };
}

/** The event form: the applicant by id only, never name, ID number or phone. */
export function toApplicationEventData(row: ApplicationRow, at: Date): ApplicationEventData {
  return {
    applicationId: row.id,
    applicantId: row.applicant_id,
    talentTier: row.talent_tier,
    householdSize: row.household_size,
    preferredProjectIds: row.preferred_project_ids,
    points: row.points,
    baseDate: row.base_date,
    status: row.status,
    ticketId: row.ticket_id,
    at: at.toISOString(),
  };
}
