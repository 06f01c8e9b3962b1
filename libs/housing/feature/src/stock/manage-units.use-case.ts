import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import {
  HousingUnitRetired,
  HousingUnitStatusChanged,
  HousingUnitUpdated,
  type ManagedUnit,
  type ManagedUnitDetail,
  type RetireInput,
  type UpdateUnitInput,
} from '@gm/housing-contracts';
import {
  findManagedUnit,
  insertStockChanges,
  listUnitChanges,
  lockAllocation,
  lockManagedUnit,
  unitsInRunningRounds,
  updateUnit,
  type HousingDB,
  type ManagedUnitRow,
} from '@gm/housing-data-access';
import { checkUnitRetirement, decideUnitChange } from '@gm/housing-domain';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';
import {
  requireHousingOfficer,
  toManagedUnit,
  toStockChange,
  unitStateOf,
} from './stock.mapper.js';

/**
 * A housing officer reads, edits and retires one unit. Changes run under the allocation lock, so
 * no round freezes or re-runs in between; the rules (offered and let units keep their terms,
 * frozen units of a running round keep what it allocates by) are the domain's decideUnitChange.
 */
@Injectable()
export class ManageUnitsUseCase {
  constructor(
    @InjectHousingDatabase() private readonly database: HousingDatabase,
    private readonly outbox: Outbox,
  ) {}

  /** The unit, retired or not, with its stock history. */
  async get(identity: Identity, id: string): Promise<ManagedUnitDetail> {
    requireHousingOfficer(identity, 'read a unit’s management record');
    const db = this.database.db;
    const row = await findManagedUnit(db, id);
    if (!row) throw AppError.notFound('housing unit', id);
    const history = await listUnitChanges(db, id);
    return { ...toManagedUnit(row), history: history.map(toStockChange) };
  }

  async update(
    identity: Identity,
    { id, changes }: UpdateUnitInput,
    now: Date = new Date(),
  ): Promise<ManagedUnit> {
    requireHousingOfficer(identity, 'edit housing units');
    return inTransaction(this.database.db, async (trx) => {
      const row = await this.lock(trx, id);
      const round = (await unitsInRunningRounds(trx, [id])).get(id) ?? null;
      const outcome = decideUnitChange(unitStateOf(row), changes, round);
      const { next } = outcome;
      const after: ManagedUnitRow = {
        ...row,
        status: next.status,
        bedrooms: next.bedrooms,
        area_sqm: next.areaSqm,
        monthly_rent: next.monthlyRent,
        unavailable_reason: next.unavailableReason,
      };
      if (Object.keys(outcome.changes).length === 0) return toManagedUnit(row);

      await updateUnit(trx, [id], {
        status: next.status,
        bedrooms: next.bedrooms,
        area_sqm: next.areaSqm,
        monthly_rent: next.monthlyRent,
        unavailable_reason: next.unavailableReason,
      });
      const entry = (action: string, keys: readonly string[], reason: string | null) => ({
        project_id: row.project_id,
        unit_id: id,
        action,
        changes: JSON.stringify(
          Object.fromEntries(Object.entries(outcome.changes).filter(([key]) => keys.includes(key))),
        ),
        reason,
        note: changes.note ?? null,
        actor_id: identity.id,
        at: now,
      });
      const unit = toManagedUnit(after);
      if (outcome.attributes.length > 0) {
        await insertStockChanges(trx, [entry('updated', outcome.attributes, null)]);
        await this.outbox.add(
          trx,
          HousingUnitUpdated,
          { unit, changed: outcome.attributes, at: now.toISOString() },
          { subject: id },
        );
      }
      if (outcome.statusChanged) {
        await insertStockChanges(trx, [
          entry('status-changed', ['status', 'unavailableReason'], next.unavailableReason),
        ]);
        await this.outbox.add(
          trx,
          HousingUnitStatusChanged,
          {
            unitId: id,
            projectId: row.project_id,
            from: row.status,
            to: next.status,
            reason: next.unavailableReason,
            at: now.toISOString(),
          },
          { subject: id },
        );
      }
      return unit;
    });
  }

  /** Retires the unit: out of the catalogue and of allocation for good; its row and history stay. */
  async retire(
    identity: Identity,
    { id, note }: RetireInput,
    now: Date = new Date(),
  ): Promise<ManagedUnit> {
    requireHousingOfficer(identity, 'retire housing units');
    return inTransaction(this.database.db, async (trx) => {
      const row = await this.lock(trx, id);
      const round = (await unitsInRunningRounds(trx, [id])).get(id) ?? null;
      checkUnitRetirement(unitStateOf(row), round);
      await updateUnit(trx, [id], {
        status: 'unavailable',
        unavailable_reason: null,
        retired_at: now,
      });
      await insertStockChanges(trx, [
        {
          project_id: row.project_id,
          unit_id: id,
          action: 'retired',
          changes: JSON.stringify({ status: { from: row.status, to: 'unavailable' } }),
          reason: null,
          note: note ?? null,
          actor_id: identity.id,
          at: now,
        },
      ]);
      await this.outbox.add(
        trx,
        HousingUnitRetired,
        { unitId: id, projectId: row.project_id, at: now.toISOString() },
        { subject: id },
      );
      return toManagedUnit({
        ...row,
        status: 'unavailable',
        unavailable_reason: null,
        retired_at: now,
      });
    });
  }

  /** The allocation lock first (as rounds, offers and vacating take it), then the unit. */
  private async lock(trx: Transaction<HousingDB>, id: string): Promise<ManagedUnitRow> {
    await lockAllocation(trx);
    const row = await lockManagedUnit(trx, id);
    if (!row) throw AppError.notFound('housing unit', id);
    return row;
  }
}
