import { AppError } from '@gm/shared-errors';
import type { HousingUnitStatus, UnavailableReason, UnitChanges } from '@gm/housing-contracts';

/** What an officer's change of a unit depends on. */
export interface UnitState {
  status: HousingUnitStatus;
  bedrooms: number;
  areaSqm: number;
  monthlyRent: number;
  unavailableReason: UnavailableReason | null;
  retired: boolean;
}

type Managed = Omit<UnitState, 'retired'>;

export interface UnitChangeOutcome {
  next: Managed;
  /** Each field that changed, before and after (for the stock history). */
  changes: Partial<{ [K in keyof Managed]: { from: Managed[K]; to: Managed[K] } }>;
  /** Which of rent, area and bedrooms changed (the `unit.updated` event). */
  attributes: Array<'monthlyRent' | 'areaSqm' | 'bedrooms'>;
  /** Whether the status or its reason changed (the `unit.status-changed` event). */
  statusChanged: boolean;
}

/** Offers and vacating move a unit into and out of these, never an officer. */
const DRIVEN_BY_OFFERS: readonly HousingUnitStatus[] = ['offered', 'allocated'];

function refuseRetired(unit: UnitState): void {
  if (unit.retired)
    throw AppError.conflict('the unit is retired: it no longer changes', 'unit-retired');
}

function refuseHeld(unit: UnitState, what: string): void {
  if (unit.status === 'offered') {
    throw AppError.conflict(
      `the unit is offered: ${what} until the offer is accepted, declined or lapses`,
      'unit-state',
    );
  }
  if (unit.status === 'allocated') {
    throw AppError.conflict(
      `the unit is let (allocated): ${what} until it is vacated (POST /api/housing/units/:id/vacate)`,
      'unit-state',
    );
  }
}

function refuseRunningRound(roundId: string | null, what: string): void {
  if (roundId !== null) {
    throw AppError.conflict(
      `the unit is frozen into round ${roundId}, which is still running (it has open offers): ${what} until every offer of the round is answered or lapses`,
      'unit-in-round',
    );
  }
}

/**
 * An officer's change of a unit, or why not (409): a retired unit never changes; an offered or
 * let one keeps its rent, area, bedrooms and status (the offer's terms, the tenancy's); `offered`
 * and `allocated` are set by offers and vacating only; and a unit frozen into a round that is
 * still running (`runningRoundId`) keeps what the round allocates by: bedrooms, area and status,
 * because a re-run after a decline may offer it again as frozen.
 */
export function decideUnitChange(
  unit: UnitState,
  changes: UnitChanges,
  runningRoundId: string | null,
): UnitChangeOutcome {
  refuseRetired(unit);
  if (changes.status !== undefined && DRIVEN_BY_OFFERS.includes(changes.status)) {
    throw AppError.conflict(
      `an officer sets a unit available or unavailable only; ${changes.status === 'offered' ? 'offered follows a round’s offer' : 'allocated (let) follows an accepted offer'}, and vacating returns it to stock`,
      'unit-status',
    );
  }
  refuseHeld(unit, 'its rent, area, bedrooms and status stay as they are');

  const status = changes.status ?? unit.status;
  const next: Managed = {
    status,
    bedrooms: changes.bedrooms ?? unit.bedrooms,
    areaSqm: changes.areaSqm ?? unit.areaSqm,
    monthlyRent: changes.monthlyRent ?? unit.monthlyRent,
    unavailableReason: status === 'unavailable' ? (changes.reason ?? unit.unavailableReason) : null,
  };
  const outcome: UnitChangeOutcome = { next, changes: {}, attributes: [], statusChanged: false };
  const record = <K extends keyof Managed>(key: K) => {
    if (next[key] !== unit[key]) {
      (outcome.changes as Record<string, unknown>)[key] = { from: unit[key], to: next[key] };
    }
  };
  (['monthlyRent', 'areaSqm', 'bedrooms', 'status', 'unavailableReason'] as const).forEach(record);
  outcome.attributes = (['monthlyRent', 'areaSqm', 'bedrooms'] as const).filter(
    (k) => k in outcome.changes,
  );
  outcome.statusChanged = 'status' in outcome.changes || 'unavailableReason' in outcome.changes;
  const allocationRelevant = ['areaSqm', 'bedrooms', 'status', 'unavailableReason'].some(
    (k) => k in outcome.changes,
  );
  if (allocationRelevant) {
    refuseRunningRound(runningRoundId, 'its bedrooms, area and status stay as frozen');
  }
  return outcome;
}

/** Whether an officer may retire the unit: not offered, not let, not in a running round. */
export function checkUnitRetirement(unit: UnitState, runningRoundId: string | null): void {
  refuseRetired(unit);
  refuseHeld(unit, 'it cannot be retired');
  refuseRunningRound(runningRoundId, 'it cannot be retired');
}

/**
 * Whether an officer may retire a project with these (unretired) units: none offered or let, none
 * in a running round. The refusal counts them, so the officer knows what to settle first.
 */
export function checkProjectRetirement(
  units: ReadonlyArray<{ status: HousingUnitStatus }>,
  runningRoundIds: readonly string[],
): void {
  const held = units.filter((u) => DRIVEN_BY_OFFERS.includes(u.status));
  if (held.length > 0) {
    const offered = held.filter((u) => u.status === 'offered').length;
    throw AppError.conflict(
      `the project still has ${offered} offered and ${held.length - offered} let (allocated) units: they must be answered or vacated before it retires`,
      'project-state',
    );
  }
  if (runningRoundIds.length > 0) {
    throw AppError.conflict(
      `units of the project are frozen into rounds still running (${runningRoundIds.join(', ')}): retire it once their offers are all answered or lapse`,
      'project-in-round',
    );
  }
}
