import type { Offer, OfferEventData } from '@gm/housing-contracts';
import type { OfferRow, UnitPlace } from '@gm/housing-data-access';

/** `CZ-1-501`: project code, building, number. */
export const unitCodeOf = (place: Pick<UnitPlace, 'projectCode' | 'building' | 'number'>) =>
  `${place.projectCode}-${place.building}-${place.number}`;

export function toOffer(row: OfferRow, place: UnitPlace): Offer {
  return {
    id: row.id,
    roundId: row.round_id,
    applicationId: row.application_id,
    applicantId: row.applicant_id,
    unitId: row.unit_id,
    projectId: place.projectId,
    unitCode: unitCodeOf(place),
    classId: row.class_id,
    status: row.status,
    expiresAt: row.expires_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export function toOfferEventData(
  row: OfferRow,
  place: UnitPlace,
  ticketId: string | null,
  at: Date,
  extra: Pick<OfferEventData, 'strike' | 'baseDateReset'> = {},
): OfferEventData {
  return {
    offerId: row.id,
    roundId: row.round_id,
    applicationId: row.application_id,
    applicantId: row.applicant_id,
    ticketId,
    unitId: row.unit_id,
    unitCode: unitCodeOf(place),
    projectId: place.projectId,
    projectName: place.projectName,
    projectNameEn: place.projectNameEn,
    classId: row.class_id,
    status: row.status,
    expiresAt: row.expires_at.toISOString(),
    ...extra,
    at: at.toISOString(),
  };
}
