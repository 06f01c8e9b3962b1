import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { hasRole, type Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import {
  RoundPublished,
  type ApplicationExplanation,
  type CreateRoundInput,
  type PublishedRound,
  type RoundCreated,
} from '@gm/housing-contracts';
import {
  findApplication,
  findLatestEntryOf,
  findProjects,
  findRound,
  findUnitPlaces,
  listRoundEntries,
  listRoundOffers,
  lockActiveApplications,
  lockAllocation,
  lockAvailableUnits,
  insertRound,
  type FrozenRoundJson,
  type OfferRow,
} from '@gm/housing-data-access';
import {
  classIdOf,
  frozenRoundDigest,
  maskName,
  rankRound,
  runRound,
  sha256Hex,
  type Explanation,
} from '@gm/housing-domain';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';
import { canRead } from '../applications/applications.use-case.js';
import { HousingSettings } from '../settings.js';
import { toOffer } from './offer.mapper.js';
import { globalExplanation, RoundAllocator } from './round-allocator.js';

const METHOD = 'serial-dictatorship' as const;
const LIVE_OFFER = new Set(['open', 'accepted']);

/**
 * Allocation rounds: freeze the active applications and available units of some projects,
 * commit to the seed, rank by the published key and the SHA-256 lottery, run serial
 * dictatorship on unit classes, and offer each assigned applicant a dwelling with a deadline.
 */
@Injectable()
export class RoundsUseCase {
  constructor(
    @InjectHousingDatabase() private readonly database: HousingDatabase,
    private readonly outbox: Outbox,
    private readonly settings: HousingSettings,
    private readonly allocator: RoundAllocator,
  ) {}

  async create(
    identity: Identity,
    input: CreateRoundInput,
    now: Date = new Date(),
  ): Promise<RoundCreated> {
    if (!hasRole(identity, 'housing-officer')) {
      throw AppError.forbidden('only housing officers run allocation rounds');
    }
    const { policy } = this.settings;
    return inTransaction(this.database.db, async (trx) => {
      await lockAllocation(trx);
      const projects = await findProjects(trx, input.projectIds);
      const known = new Set(projects.map((p) => p.id));
      const unknown = input.projectIds.findIndex((id) => !known.has(id));
      if (unknown !== -1) throw AppError.notFound('housing project', input.projectIds[unknown]);
      const codes = new Set(projects.map((p) => p.code));

      // Freeze: the dwellings and the applicants, each with its classes in these projects.
      const units = await lockAvailableUnits(trx, input.projectIds);
      const applications = (await lockActiveApplications(trx))
        .map((a) => ({ a, classIds: a.class_ids.filter((c) => codes.has(c.split(':')[0])) }))
        .filter(({ classIds }) => classIds.length > 0);
      const frozen: FrozenRoundJson = {
        policyVersion: policy.version,
        applicants: applications.map(({ a, classIds }) => ({
          publicId: a.id,
          tierRank: a.tier_rank,
          points: a.points,
          baseDate: a.base_date,
          classIds,
        })),
        units: units.map((u) => ({
          unitId: u.unitId,
          classId: classIdOf(u),
          sortKey: `${u.projectCode}-${u.building.padStart(4, '0')}-${u.number.padStart(6, '0')}`,
        })),
      };
      const inputDigest = frozenRoundDigest(frozen);
      // Commit, then reveal: the commitment is fixed before any lottery number exists.
      const seed = input.seed ?? randomBytes(32).toString('hex');
      const seedCommitment = sha256Hex(seed);
      const ranking = rankRound(frozen, seed);
      const order = ranking.map((r) => r.publicId);
      const run = runRound(frozen, order);
      const rankOf = new Map(ranking.map((r) => [r.publicId, r.rank]));
      const explanationOf = new Map(run.explanations.map((e) => [e.applicantId, e]));
      const byId = new Map(applications.map(({ a }) => [a.id, a]));

      const roundId = uuidv7();
      const round = await insertRound(
        trx,
        {
          id: roundId,
          method: METHOD,
          policy_version: policy.version,
          project_ids: JSON.stringify(input.projectIds),
          seed_commitment: seedCommitment,
          seed,
          frozen: JSON.stringify(frozen),
          input_digest: inputDigest,
          result_digest: run.result.digest,
          proof: JSON.stringify({ method: METHOD, ...run.problem }),
          created_by: identity.id,
          published_at: now,
        },
        ranking.map((r) => {
          const a = byId.get(r.publicId)!;
          return {
            round_id: roundId,
            application_id: a.id,
            rank: r.rank,
            lottery: r.lottery,
            masked_name: maskName(a.applicant_name),
            talent_tier: a.talent_tier,
            points: a.points,
            base_date: a.base_date,
            explanation: JSON.stringify(globalExplanation(explanationOf.get(a.id)!, run, rankOf)),
          };
        }),
      );
      const offers = await this.allocator.apply(trx, round, run, [], now);
      await this.outbox.add(
        trx,
        RoundPublished,
        {
          roundId: round.id,
          method: METHOD,
          policyVersion: policy.version,
          projectIds: input.projectIds,
          seedCommitment,
          seed,
          inputDigest,
          resultDigest: run.result.digest,
          applicants: ranking.length,
          offers: offers.length,
          at: now.toISOString(),
        },
        { subject: round.id },
      );
      const places = new Map(
        (
          await findUnitPlaces(
            trx,
            offers.map((o) => o.unit_id),
          )
        ).map((p) => [p.unitId, p]),
      );
      return {
        id: round.id,
        seed,
        method: METHOD,
        inputDigest,
        resultDigest: run.result.digest,
        offers: offers.map((o) => toOffer(o, places.get(o.unit_id)!)),
      };
    });
  }

  /** The published result: masked names, lottery numbers, dwellings, cutoffs, seed, proof. */
  async get(id: string): Promise<PublishedRound> {
    const db = this.database.db;
    const round = await findRound(db, id);
    if (!round) throw AppError.notFound('round', id);
    const [entries, offers] = await Promise.all([
      listRoundEntries(db, id),
      listRoundOffers(db, id),
    ]);
    const live = new Map<string, OfferRow>();
    for (const offer of offers)
      if (LIVE_OFFER.has(offer.status)) live.set(offer.application_id, offer);
    const places = new Map(
      (
        await findUnitPlaces(
          db,
          [...live.values()].map((o) => o.unit_id),
        )
      ).map((p) => [p.unitId, p]),
    );
    const rankOf = new Map(entries.map((e) => [e.application_id, e.rank]));
    const dwellings = new Map<string, number>();
    for (const unit of round.frozen.units) {
      dwellings.set(unit.classId, (dwellings.get(unit.classId) ?? 0) + 1);
    }
    const lastRank = new Map<string, number>();
    for (const offer of live.values()) {
      const rank = rankOf.get(offer.application_id)!;
      lastRank.set(offer.class_id, Math.max(lastRank.get(offer.class_id) ?? 0, rank));
    }
    return {
      id: round.id,
      method: round.method,
      policyVersion: round.policy_version,
      projectIds: round.project_ids,
      seedCommitment: round.seed_commitment,
      seed: round.seed,
      inputDigest: round.input_digest,
      resultDigest: round.result_digest,
      publishedAt: round.published_at.toISOString(),
      ranking: entries.map((e) => {
        const offer = live.get(e.application_id);
        const place = offer ? places.get(offer.unit_id) : undefined;
        return {
          rank: e.rank,
          publicId: e.application_id,
          maskedName: e.masked_name,
          talentTier: e.talent_tier,
          points: e.points,
          baseDate: e.base_date,
          lottery: e.lottery,
          unitCode: place ? `${place.projectCode}-${place.building}-${place.number}` : null,
          offerStatus: offer?.status ?? null,
        };
      }),
      lastRankServed: [...dwellings.keys()].sort().map((classId) => ({
        classId,
        dwellings: dwellings.get(classId)!,
        lastRank: lastRank.get(classId) ?? null,
      })),
      proof: round.proof,
    };
  }

  /** Why this rank and this outcome, in the latest round the application took part in. */
  async explain(identity: Identity, applicationId: string): Promise<ApplicationExplanation> {
    const db = this.database.db;
    const application = await findApplication(db, applicationId);
    if (!application) throw AppError.notFound('application', applicationId);
    if (!canRead(identity, application)) throw AppError.forbidden('not your application');
    const entry = await findLatestEntryOf(db, applicationId);
    if (!entry) {
      throw AppError.conflict('the application has not been in a round yet', 'no-round-yet');
    }
    const e = entry.explanation as Explanation;
    return {
      applicationId,
      roundId: entry.round_id,
      rank: entry.rank,
      applicants: entry.applicants,
      talentTier: entry.talent_tier,
      points: entry.points,
      baseDate: entry.base_date,
      lottery: entry.lottery,
      classId: e.unitId,
      choice: e.choice,
      choices: e.choices.map((c) => ({
        classId: c.unitId,
        choice: c.choice,
        outcome: c.outcome,
        ...(c.ranOutAtRank === undefined ? {} : { ranOutAtRank: c.ranOutAtRank }),
      })),
      ...(e.counterfactual
        ? {
            counterfactual: {
              classId: e.counterfactual.unitId,
              choice: e.counterfactual.choice,
              atRankAtMost: e.counterfactual.atRankAtMost,
            },
          }
        : {}),
      summary: summarise(entry.rank, entry, e),
    };
  }
}

function summarise(
  rank: number,
  entry: { talent_tier: string; base_date: string; lottery: string; points: number },
  e: Explanation,
): string {
  const who = `You were #${rank} (tier ${entry.talent_tier}, ${entry.points} points, base date ${entry.base_date}, lottery 0x${entry.lottery.slice(0, 8)}…)`;
  const missed = e.counterfactual
    ? `; your choice ${e.counterfactual.choice} (${e.counterfactual.unitId}) ran out at #${e.counterfactual.atRankAtMost}, and you would have received it at a position ≤ ${e.counterfactual.atRankAtMost}`
    : '';
  const got =
    e.unitId === null
      ? '; no class on your list had a dwelling left for you'
      : `; you received your choice ${e.choice} (${e.unitId})`;
  return `${who}${missed}${got}.`;
}
