import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import { OfferAccepted, OfferDeclined, OfferExpired, type Offer } from '@gm/housing-contracts';
import {
  addApplicationHistory,
  findOffer,
  findOpenOfferOfUnit,
  findUnitPlaces,
  insertStrike,
  lockAllocation,
  lockApplication,
  lockLapsedOffers,
  lockRound,
  lockRoundSkipLocked,
  releaseUnits,
  roundsWithLapsedOffers,
  setOfferStatus,
  setUnitStatus,
  strikeTimesOf,
  updateApplication,
  type HousingDB,
  type OfferRow,
} from '@gm/housing-data-access';
import { shanghaiDay, strikeResetsBaseDate } from '@gm/housing-domain';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';
import { RoundAllocator } from '../rounds/round-allocator.js';
import { toOffer, toOfferEventData } from '../rounds/offer.mapper.js';
import { HousingSettings } from '../settings.js';
import { moveOut } from '../tenancies/move-out.js';

const SWEEP_BATCH = 20;

/**
 * The applicant answers an offer before its deadline. Accepting lets the dwelling; declining (or
 * letting it lapse) is a strike under the decline policy, and the round re-runs on what is left
 * so the dwelling goes to the next applicant.
 */
@Injectable()
export class OffersUseCase {
  constructor(
    @InjectHousingDatabase() private readonly database: HousingDatabase,
    private readonly outbox: Outbox,
    private readonly settings: HousingSettings,
    private readonly allocator: RoundAllocator,
  ) {}

  accept(identity: Identity, id: string, now: Date = new Date()): Promise<Offer> {
    return inTransaction(this.database.db, async (trx) => {
      const offer = await this.openOfferOf(trx, identity, id, now);
      const accepted = await setOfferStatus(trx, id, 'accepted', now);
      await setUnitStatus(trx, [offer.unit_id], 'allocated');
      const application = await updateApplication(trx, offer.application_id, { status: 'housed' });
      const [place] = await findUnitPlaces(trx, [offer.unit_id]);
      await addApplicationHistory(trx, {
        application_id: offer.application_id,
        action: 'offer-accepted',
        from_status: 'offered',
        to_status: 'housed',
        actor_id: identity.id,
        note: `${place.projectCode}-${place.building}-${place.number}`,
      });
      // A tenant who applied to move leaves the unit it rents.
      const home = application.current_unit_id;
      await moveOut(trx, this.outbox, application, {
        newUnitId: offer.unit_id,
        reoffered: home !== null && (await findOpenOfferOfUnit(trx, home)) !== undefined,
        actorId: identity.id,
        now,
      });
      await this.outbox.add(
        trx,
        OfferAccepted,
        toOfferEventData(accepted, place, application.ticket_id, now),
        { subject: offer.application_id },
      );
      return toOffer(accepted, place);
    });
  }

  decline(identity: Identity, id: string, now: Date = new Date()): Promise<Offer> {
    return inTransaction(this.database.db, async (trx) => {
      const offer = await this.openOfferOf(trx, identity, id, now);
      const declined = await this.release(trx, offer, 'declined', identity.id, now);
      const round = await lockRound(trx, offer.round_id);
      await this.allocator.rerun(trx, round!, now);
      return declined;
    });
  }

  /**
   * Lapses open offers past their deadline, round by round: each round is locked with SKIP
   * LOCKED (a replica busy with it is left alone), its lapsed offers expire and it re-runs.
   * The deadline is the state, so a restart loses nothing. Returns how many offers lapsed.
   */
  async expireLapsed(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (const roundId of await roundsWithLapsedOffers(this.database.db, now, SWEEP_BATCH)) {
      total += await inTransaction(this.database.db, async (trx) => {
        // Same lock order as accept and decline: the allocation first, then the round.
        await lockAllocation(trx);
        const round = await lockRoundSkipLocked(trx, roundId);
        if (!round) return 0;
        const lapsed = await lockLapsedOffers(trx, roundId, now);
        for (const offer of lapsed) await this.release(trx, offer, 'expired', 'system:expiry', now);
        if (lapsed.length > 0) await this.allocator.rerun(trx, round, now);
        return lapsed.length;
      });
    }
    return total;
  }

  /** The caller's open offer, locked with the allocation; refusals name why. */
  private async openOfferOf(
    trx: Transaction<HousingDB>,
    identity: Identity,
    id: string,
    now: Date,
  ): Promise<OfferRow> {
    await lockAllocation(trx);
    const offer = await findOffer(trx, id);
    if (!offer) throw AppError.notFound('offer', id);
    if (offer.applicant_id !== identity.id) {
      throw AppError.forbidden('only the applicant answers an offer');
    }
    if (offer.status !== 'open') {
      throw AppError.conflict(`the offer is ${offer.status}`, 'offer-state');
    }
    if (now.getTime() >= offer.expires_at.getTime()) {
      throw AppError.conflict(
        `the offer expired at ${offer.expires_at.toISOString()}`,
        'offer-expired',
      );
    }
    return offer;
  }

  /**
   * Declined or lapsed: the dwelling goes back to the round, the application back to waiting, and
   * a strike is recorded (every offered dwelling is of a project the applicant listed); reaching
   * the policy's limit within its window resets the base date.
   */
  private async release(
    trx: Transaction<HousingDB>,
    offer: OfferRow,
    status: 'declined' | 'expired',
    actorId: string,
    now: Date,
  ): Promise<Offer> {
    const row = await setOfferStatus(trx, offer.id, status, now);
    await releaseUnits(trx, [offer.unit_id]);
    const previous = await strikeTimesOf(trx, offer.applicant_id);
    const reset = strikeResetsBaseDate(this.settings.policy, previous, now);
    await insertStrike(trx, {
      id: uuidv7(),
      applicant_id: offer.applicant_id,
      offer_id: offer.id,
      reason: status,
      at: now,
    });
    const current = await lockApplication(trx, offer.application_id);
    const application = await updateApplication(trx, offer.application_id, {
      status: 'active',
      ...(reset ? { base_date: shanghaiDay(now) } : {}),
    });
    const [place] = await findUnitPlaces(trx, [offer.unit_id]);
    await addApplicationHistory(trx, {
      application_id: offer.application_id,
      action: status === 'declined' ? 'offer-declined' : 'offer-expired',
      from_status: current?.status ?? 'offered',
      to_status: 'active',
      actor_id: actorId,
      note: `strike ${previous.length + 1}${reset ? `: base date reset to ${application.base_date}` : ''}`,
    });
    await this.outbox.add(
      trx,
      status === 'declined' ? OfferDeclined : OfferExpired,
      toOfferEventData(row, place, application.ticket_id, now, {
        strike: true,
        baseDateReset: reset,
      }),
      { subject: offer.application_id },
    );
    return toOffer(row, place);
  }
}
