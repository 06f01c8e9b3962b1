import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
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
  type SimulationRequest,
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
  findCurrentTenancies,
  type ApplicationRow,
  type FrozenRoundJson,
  type HousingDB,
  type OfferRow,
  type UnitPlace,
} from '@gm/housing-data-access';
import {
  classIdOf,
  classIdsAtFreeze,
  classPriorityGroups,
  compareCodeUnits,
  frozenRoundDigest,
  maskName,
  rankRound,
  runRound,
  sha256Hex,
  typesByProjectOf,
  type Explanation,
} from '@gm/housing-domain';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';
import { canRead } from '../applications/applications.use-case.js';
import { HousingSettings } from '../settings.js';
import { toOffer } from './offer.mapper.js';
import { RoundAllocator } from './round-allocator.js';

const LIVE_OFFER = new Set(['open', 'accepted']);
const projectCodeOf = (classId: string) => classId.split(':')[0];

/**
 * Allocation rounds: freeze the available units of some projects (with YRMH-IGYT, tenants' homes
 * too) and the active applications listing them, each ranked list expanded against those units'
 * layouts (with deferred acceptance, each class's priority groups too), commit to the seed, rank
 * by the published key and the SHA-256 lottery, run the round's mechanism on unit classes, and
 * offer each assigned applicant a dwelling with a deadline.
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
    const method = input.method ?? 'serial-dictatorship';
    return inTransaction(this.database.db, async (trx) => {
      await lockAllocation(trx);
      const projects = await findProjects(trx, input.projectIds);
      const known = new Set(projects.map((p) => p.id));
      const unknown = input.projectIds.findIndex((id) => !known.has(id));
      if (unknown !== -1) throw AppError.notFound('housing project', input.projectIds[unknown]);

      // Freeze: the dwellings, and the applicants whose ranked lists name one of these projects.
      const available = await lockAvailableUnits(trx, input.projectIds);
      const listing = (await lockActiveApplications(trx)).filter((a) =>
        a.preferences.some((p) => known.has(p.projectId)),
      );
      const homes =
        method === 'yrmh-igyt'
          ? await tenantHomes(trx, listing, input.projectIds)
          : new Map<string, UnitPlace>();
      const dwellings = [...available, ...homes.values()];
      // Each ranked list is expanded against the stock frozen now, not the layouts of the day it
      // was submitted (`class_ids`): new layouts reach it, retired ones leave it (ADR 0018).
      const frozenTypes = typesByProjectOf(dwellings);
      const applications = listing.map((a) => ({
        a,
        classIds: classIdsAtFreeze(
          policy,
          {
            talentTier: a.talent_tier,
            householdSize: a.household_size,
            preferredProjectIds: a.preferred_project_ids,
            preferences: a.preferences,
          },
          frozenTypes,
        ),
      }));
      const units = dwellings.map((u) => ({
        unitId: u.unitId,
        classId: classIdOf(u),
        sortKey: `${u.projectCode}-${u.building.padStart(4, '0')}-${u.number.padStart(6, '0')}`,
      }));
      const frozen: FrozenRoundJson = {
        policyVersion: policy.version,
        method,
        applicants: applications.map(({ a, classIds }) => ({
          publicId: a.id,
          tierRank: a.tier_rank,
          points: a.points,
          baseDate: a.base_date,
          classIds,
          ...(homes.has(a.id) ? { tenantOf: homes.get(a.id)!.unitId } : {}),
        })),
        units,
        ...(method === 'deferred-acceptance'
          ? {
              classPriorities: classPriorityGroups(
                policy,
                applications.map(({ a, classIds }) => ({
                  publicId: a.id,
                  talentTier: a.talent_tier,
                  employerUnitId: a.employer_unit_id,
                  subdistrict: a.subdistrict,
                  classIds,
                })),
                [...new Set(units.map((u) => u.classId))],
                projectCodeOf,
              ),
            }
          : {}),
      };
      const inputDigest = frozenRoundDigest(frozen);
      // Commit, then reveal: the commitment is fixed before any lottery number exists.
      const seed = input.seed ?? randomBytes(32).toString('hex');
      const seedCommitment = sha256Hex(seed);
      const ranking = rankRound(frozen, seed);
      const order = ranking.map((r) => r.publicId);
      const run = runRound(frozen, order);
      const explanationOf = new Map(run.explanations.map((e) => [e.applicantId, e]));
      const byId = new Map(applications.map(({ a }) => [a.id, a]));

      const roundId = uuidv7();
      const round = await insertRound(
        trx,
        {
          id: roundId,
          method,
          policy_version: policy.version,
          project_ids: JSON.stringify(input.projectIds),
          seed_commitment: seedCommitment,
          seed,
          frozen: JSON.stringify(frozen),
          input_digest: inputDigest,
          result_digest: run.result.digest,
          proof: JSON.stringify({ method, ...run.problem }),
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
            explanation: JSON.stringify(explanationOf.get(a.id)!),
          };
        }),
      );
      const offers = await this.allocator.apply(trx, round, run, [], now);
      await this.outbox.add(
        trx,
        RoundPublished,
        {
          roundId: round.id,
          method,
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
        method,
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
      ...(round.method === 'deferred-acceptance'
        ? { cutoffs: classCutoffs(round.proof, dwellings, [...live.values()]) }
        : {}),
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
      method: e.method ?? 'serial-dictatorship',
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
        ...(c.priorityPosition === undefined ? {} : { priorityPosition: c.priorityPosition }),
        ...(c.cutoff === undefined ? {} : { cutoff: c.cutoff }),
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
      ...(e.trade
        ? {
            trade: {
              kind: e.trade.kind,
              ...(e.trade.cycle
                ? { cycle: e.trade.cycle.map((m) => ({ rank: m.rank, classId: m.unitId })) }
                : {}),
            },
          }
        : {}),
      summary: explanationSummary(entry, e),
    };
  }
}

/**
 * The homes tenants bring into a YRMH-IGYT round, by application id: the unit the application
 * names as its current one, when it lies in the round's projects and the applicant still rents it.
 */
async function tenantHomes(
  trx: Transaction<HousingDB>,
  applications: readonly ApplicationRow[],
  projectIds: readonly string[],
): Promise<Map<string, UnitPlace>> {
  const claims = applications.filter((a) => a.current_unit_id !== null);
  const unitIds = claims.map((a) => a.current_unit_id!);
  const tenancies = new Map(
    (await findCurrentTenancies(trx, unitIds)).map((t) => [t.unit_id, t.applicant_id]),
  );
  const places = new Map((await findUnitPlaces(trx, unitIds)).map((p) => [p.unitId, p]));
  const homes = new Map<string, UnitPlace>();
  for (const a of claims) {
    const place = places.get(a.current_unit_id!);
    const inRound = place !== undefined && projectIds.includes(place.projectId);
    if (inRound && tenancies.get(a.current_unit_id!) === a.applicant_id) homes.set(a.id, place);
  }
  return homes;
}

/**
 * Deferred acceptance: per class, the place in its priority (the proof's) of the last applicant
 * holding a live offer of it, and how many do.
 */
function classCutoffs(
  proof: SimulationRequest,
  dwellings: ReadonlyMap<string, number>,
  live: readonly OfferRow[],
): NonNullable<PublishedRound['cutoffs']> {
  return proof.units
    .map((unit) => {
      const priority = unit.priority ?? [];
      const places = live
        .filter((o) => o.class_id === unit.id)
        .map((o) => priority.indexOf(o.application_id) + 1)
        .filter((place) => place > 0);
      return {
        classId: unit.id,
        dwellings: dwellings.get(unit.id) ?? unit.capacity,
        admitted: places.length,
        cutoff: places.length > 0 ? Math.max(...places) : null,
      };
    })
    .sort((a, b) => compareCodeUnits(a.classId, b.classId));
}

type EntryFacts = {
  rank: number;
  talent_tier: string;
  base_date: string;
  lottery: string;
  points: number;
};

/** One sentence a person can read, in the terms of the round's mechanism. */
export function explanationSummary(entry: EntryFacts, e: Explanation): string {
  const who = `You were #${entry.rank} (tier ${entry.talent_tier}, ${entry.points} points, base date ${entry.base_date}, lottery 0x${entry.lottery.slice(0, 8)}…)`;
  const received = (cls: string | null, choice: number | null) =>
    cls === null
      ? '; no class on your list had a dwelling left for you'
      : choice === null
        ? `; you kept the unit you rent (${cls})`
        : `; you received your choice ${choice} (${cls})`;
  switch (e.method ?? 'serial-dictatorship') {
    case 'yrmh-igyt': {
      const trade = e.trade;
      const how =
        trade?.kind === 'kept-own-unit'
          ? `; nothing you ranked above the unit you rent was left, so you kept it (${e.unitId})`
          : trade?.kind === 'cycle'
            ? `; you traded in a cycle: ${trade
                .cycle!.map((m) => `#${m.rank} → ${m.unitId}`)
                .join(', ')}${received(e.unitId, e.choice)}`
            : trade?.kind === 'vacant'
              ? `${received(e.unitId, e.choice)}, a free dwelling`
              : received(null, null);
      return `${who}${how}.`;
    }
    case 'deferred-acceptance': {
      const missed = e.choices.find((c) => c.outcome === 'ran-out' && typeof c.cutoff === 'number');
      const excluded = e.choices.find((c) => c.outcome === 'ineligible');
      const at = e.choices.find((c) => c.outcome === 'received');
      return `${who}${
        missed
          ? `; at your choice ${missed.choice} (${missed.unitId}) the last admitted priority position was #${missed.cutoff}, and you were #${missed.priorityPosition} there`
          : ''
      }${
        excluded && (!missed || excluded.choice < missed.choice)
          ? `; your choice ${excluded.choice} (${excluded.unitId}) does not admit you under its priority`
          : ''
      }${received(e.unitId, e.choice)}${at?.priorityPosition ? `, where you were #${at.priorityPosition}` : ''}.`;
    }
    case 'serial-dictatorship': {
      const missed = e.counterfactual
        ? `; your choice ${e.counterfactual.choice} (${e.counterfactual.unitId}) ran out at #${e.counterfactual.atRankAtMost}, and you would have received it at a position ≤ ${e.counterfactual.atRankAtMost}`
        : '';
      return `${who}${missed}${received(e.unitId, e.choice)}.`;
    }
  }
}
