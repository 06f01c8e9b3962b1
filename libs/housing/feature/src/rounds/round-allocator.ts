import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { Outbox } from '@gm/shared-messaging';
import { OfferAccepted, OfferMade, OfferSuperseded } from '@gm/housing-contracts';
import {
  addApplicationHistory,
  findApplications,
  findUnitPlaces,
  insertOffers,
  listRoundEntries,
  listRoundOffers,
  releaseUnits,
  setEntryExplanation,
  setOfferStatus,
  setUnitStatus,
  updateApplication,
  type HousingDB,
  type OfferRow,
  type RoundRow,
} from '@gm/housing-data-access';
import { runRound, type RoundRun } from '@gm/housing-domain';
import { HousingSettings } from '../settings.js';
import { moveOut } from '../tenancies/move-out.js';
import { toOfferEventData, unitCodeOf } from './offer.mapper.js';

const HOUR = 3_600_000;
const ACTOR = 'system:allocation';

/**
 * Turns an engine run into offers: keeps open offers the run confirms, supersedes the others,
 * offers the rest with a deadline, and keeps units, applications and events in step. Callers hold
 * the allocation lock (lockAllocation) in `trx`.
 */
@Injectable()
export class RoundAllocator {
  constructor(
    private readonly outbox: Outbox,
    private readonly settings: HousingSettings,
  ) {}

  /** Re-runs the round's mechanism on what is left: accepted offers fixed, declined ones out. */
  async rerun(trx: Transaction<HousingDB>, round: RoundRow, now: Date): Promise<OfferRow[]> {
    const offers = await listRoundOffers(trx, round.id);
    const entries = await listRoundEntries(trx, round.id);
    const applications = new Map(
      (
        await findApplications(
          trx,
          entries.map((e) => e.application_id),
        )
      ).map((a) => [a.id, a]),
    );
    const accepted = new Map<string, string>();
    const open = new Map<string, string>();
    for (const offer of offers) {
      if (offer.status === 'accepted') accepted.set(offer.application_id, offer.unit_id);
      if (offer.status === 'open') open.set(offer.application_id, offer.unit_id);
    }
    // Still waiting: holding an open offer here, or active without having declined one here.
    const removed = new Set(
      entries
        .map((e) => e.application_id)
        .filter((id) => {
          if (accepted.has(id) || open.has(id)) return false;
          const declinedHere = offers.some(
            (o) => o.application_id === id && (o.status === 'declined' || o.status === 'expired'),
          );
          return declinedHere || applications.get(id)?.status !== 'active';
        }),
    );
    const order = entries.map((e) => e.application_id);
    const run = runRound(round.frozen, order, { accepted, removed, open });
    for (const explanation of run.explanations) {
      await setEntryExplanation(trx, round.id, explanation.applicantId, explanation);
    }
    return this.apply(trx, round, run, offers, now);
  }

  /**
   * Writes a run's outcome: supersede what changed, offer what is new. A tenant of a YRMH-IGYT
   * round moves on its word: an allocation other than its home is accepted at once and its home
   * freed, before any offer is written (a trading cycle's members take each other's homes).
   * Returns the new offers.
   */
  async apply(
    trx: Transaction<HousingDB>,
    round: RoundRow,
    run: RoundRun,
    existing: readonly OfferRow[],
    now: Date,
  ): Promise<OfferRow[]> {
    const open = existing.filter((o) => o.status === 'open');
    const changed = open.filter((o) => run.dwellings.get(o.application_id) !== o.unit_id);
    const kept = new Set(open.filter((o) => !changed.includes(o)).map((o) => o.application_id));
    const fresh = [...run.dwellings].filter(([applicationId]) => !kept.has(applicationId));
    const places = new Map(
      (
        await findUnitPlaces(trx, [
          ...changed.map((o) => o.unit_id),
          ...fresh.map(([, unitId]) => unitId),
        ])
      ).map((p) => [p.unitId, p]),
    );
    const applications = new Map(
      (
        await findApplications(trx, [
          ...changed.map((o) => o.application_id),
          ...fresh.map(([id]) => id),
        ])
      ).map((a) => [a.id, a]),
    );
    const tenants = new Set(
      run.method === 'yrmh-igyt'
        ? round.frozen.applicants.filter((a) => a.tenantOf).map((a) => a.publicId)
        : [],
    );
    const moving = new Set(fresh.map(([id]) => id).filter((id) => tenants.has(id)));

    for (const offer of changed) {
      const superseded = await setOfferStatus(trx, offer.id, 'superseded', now);
      await releaseUnits(trx, [offer.unit_id]);
      const application = applications.get(offer.application_id)!;
      await this.outbox.add(
        trx,
        OfferSuperseded,
        toOfferEventData(superseded, places.get(offer.unit_id)!, application.ticket_id, now),
        { subject: offer.application_id },
      );
      if (!run.dwellings.has(offer.application_id)) {
        await updateApplication(trx, offer.application_id, { status: 'active' });
        await addApplicationHistory(trx, {
          application_id: offer.application_id,
          action: 'offer-superseded',
          from_status: 'offered',
          to_status: 'active',
          actor_id: 'system:allocation',
        });
      }
    }

    const offeredNow = new Set(fresh.map(([, unitId]) => unitId));
    for (const id of moving) {
      const application = applications.get(id)!;
      await moveOut(trx, this.outbox, application, {
        newUnitId: run.dwellings.get(id)!,
        reoffered:
          application.current_unit_id !== null && offeredNow.has(application.current_unit_id),
        actorId: ACTOR,
        now,
      });
    }

    const classOf = new Map(round.frozen.units.map((u) => [u.unitId, u.classId]));
    const expiresAt = new Date(now.getTime() + this.settings.offerHours * HOUR);
    const made = await insertOffers(
      trx,
      fresh.map(([applicationId, unitId]) => ({
        id: uuidv7(),
        round_id: round.id,
        application_id: applicationId,
        applicant_id: applications.get(applicationId)!.applicant_id,
        unit_id: unitId,
        class_id: classOf.get(unitId)!,
        status: moving.has(applicationId) ? ('accepted' as const) : ('open' as const),
        expires_at: expiresAt,
        decided_at: moving.has(applicationId) ? now : null,
      })),
    );
    await setUnitStatus(
      trx,
      made.filter((o) => o.status === 'open').map((o) => o.unit_id),
      'offered',
    );
    await setUnitStatus(
      trx,
      made.filter((o) => o.status === 'accepted').map((o) => o.unit_id),
      'allocated',
    );
    for (const offer of made) {
      const application = applications.get(offer.application_id)!;
      const place = places.get(offer.unit_id)!;
      const moved = offer.status === 'accepted';
      const status = moved ? 'housed' : 'offered';
      if (application.status !== status) {
        await updateApplication(trx, offer.application_id, { status });
      }
      await addApplicationHistory(trx, {
        application_id: offer.application_id,
        action: moved ? 'moved' : 'offered',
        from_status: application.status,
        to_status: status,
        actor_id: ACTOR,
        note: moved
          ? `round ${round.id}: moved to ${unitCodeOf(place)} (${offer.class_id}) as ranked`
          : `round ${round.id}: ${place.projectCode} ${offer.class_id}, reply by ${expiresAt.toISOString()}`,
      });
      const data = toOfferEventData(offer, place, application.ticket_id, now);
      await this.outbox.add(trx, OfferMade, data, { subject: offer.application_id });
      if (moved) {
        await this.outbox.add(trx, OfferAccepted, data, { subject: offer.application_id });
      }
    }
    return made;
  }
}
