import { Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Identity } from '@gm/shared-contracts';
import { AppError } from '@gm/shared-errors';
import { inTransaction, isUniqueViolation } from '@gm/shared-db';
import { Outbox } from '@gm/shared-messaging';
import {
  HousingProjectCreated,
  HousingProjectRetired,
  HousingProjectUpdated,
  type CreateHousingProjectInput,
  type ManagedHousingProject,
  type RetireInput,
  type UpdateHousingProjectInput,
} from '@gm/housing-contracts';
import {
  countBuildingsByProject,
  countUnitsByProjectAndStatus,
  insertProject,
  insertStockChanges,
  lockAllocation,
  lockLiveUnitsOfProject,
  lockProject,
  unitsInRunningRounds,
  updateProject,
  updateUnit,
  type HousingDB,
  type ProjectRow,
} from '@gm/housing-data-access';
import { checkProjectRetirement } from '@gm/housing-domain';
import { InjectHousingDatabase, type HousingDatabase } from '../database.js';
import { requireHousingOfficer, toManagedProject } from './stock.mapper.js';

const COLUMN = { name: 'name', nameEn: 'name_en', address: 'address' } as const;

/**
 * Housing officers create, edit and retire projects. A project's code is unique for ever (a
 * retired one keeps it) and never changes: class ids and unit codes are made of it. Every change
 * is recorded in the stock history and published as a public event in the same transaction.
 */
@Injectable()
export class ManageProjectsUseCase {
  constructor(
    @InjectHousingDatabase() private readonly database: HousingDatabase,
    private readonly outbox: Outbox,
  ) {}

  async create(
    identity: Identity,
    input: CreateHousingProjectInput,
    now: Date = new Date(),
  ): Promise<ManagedHousingProject> {
    requireHousingOfficer(identity, 'create housing projects');
    return inTransaction(this.database.db, async (trx) => {
      const taken = await trx
        .selectFrom('projects')
        .select(['id', 'retired_at'])
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (taken) throw codeTaken(input.code, taken.retired_at !== null);
      let row: ProjectRow;
      try {
        row = await insertProject(trx, {
          id: uuidv7(),
          code: input.code,
          name: input.name,
          name_en: input.nameEn,
          address: input.address,
          created_at: now,
          updated_at: now,
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken(input.code, false);
        throw error;
      }
      await insertStockChanges(trx, [
        {
          project_id: row.id,
          unit_id: null,
          action: 'project-created',
          changes: JSON.stringify(input),
          reason: null,
          note: null,
          actor_id: identity.id,
          at: now,
        },
      ]);
      await this.outbox.add(
        trx,
        HousingProjectCreated,
        { project: publicFields(row), at: now.toISOString() },
        { subject: row.id },
      );
      return this.managed(trx, row);
    });
  }

  async update(
    identity: Identity,
    { id, changes }: UpdateHousingProjectInput,
    now: Date = new Date(),
  ): Promise<ManagedHousingProject> {
    requireHousingOfficer(identity, 'edit housing projects');
    return inTransaction(this.database.db, async (trx) => {
      const row = await this.lockLive(trx, id);
      const current = publicFields(row);
      const diff: Record<string, { from: string; to: string }> = {};
      for (const key of ['name', 'nameEn', 'address'] as const) {
        const to = changes[key];
        if (to !== undefined && to !== current[key]) diff[key] = { from: current[key], to };
      }
      const changed = Object.keys(diff) as Array<keyof typeof COLUMN>;
      if (changed.length === 0) return this.managed(trx, row);
      const updated = await updateProject(
        trx,
        id,
        Object.fromEntries(changed.map((key) => [COLUMN[key], diff[key].to])),
      );
      await insertStockChanges(trx, [
        {
          project_id: id,
          unit_id: null,
          action: 'project-updated',
          changes: JSON.stringify(diff),
          reason: null,
          note: null,
          actor_id: identity.id,
          at: now,
        },
      ]);
      await this.outbox.add(
        trx,
        HousingProjectUpdated,
        { project: publicFields(updated), changed, at: now.toISOString() },
        { subject: id },
      );
      return this.managed(trx, updated);
    });
  }

  /**
   * Retires the project and its remaining units (kept, out of the catalogue and of allocation).
   * Refused while a unit is offered, let or frozen into a running round.
   */
  async retire(
    identity: Identity,
    { id, note }: RetireInput,
    now: Date = new Date(),
  ): Promise<ManagedHousingProject> {
    requireHousingOfficer(identity, 'retire housing projects');
    return inTransaction(this.database.db, async (trx) => {
      // Rounds freeze units under the allocation lock: none can freeze one of these meanwhile.
      await lockAllocation(trx);
      const row = await this.lockLive(trx, id);
      const units = await lockLiveUnitsOfProject(trx, id);
      const inRounds = await unitsInRunningRounds(
        trx,
        units.map((u) => u.id),
      );
      checkProjectRetirement(units, [...new Set(inRounds.values())].sort());
      await updateUnit(
        trx,
        units.map((u) => u.id),
        { status: 'unavailable', unavailable_reason: null, retired_at: now },
      );
      const retired = await updateProject(trx, id, { retired_at: now });
      await insertStockChanges(trx, [
        ...units.map((u) => ({
          project_id: id,
          unit_id: u.id,
          action: 'retired',
          changes: JSON.stringify({ status: { from: u.status, to: 'unavailable' } }),
          reason: 'project-retired',
          note: note ?? null,
          actor_id: identity.id,
          at: now,
        })),
        {
          project_id: id,
          unit_id: null,
          action: 'project-retired',
          changes: JSON.stringify({ retiredUnits: units.length }),
          reason: null,
          note: note ?? null,
          actor_id: identity.id,
          at: now,
        },
      ]);
      await this.outbox.add(
        trx,
        HousingProjectRetired,
        { projectId: id, code: row.code, retiredUnits: units.length, at: now.toISOString() },
        { subject: id },
      );
      return this.managed(trx, retired);
    });
  }

  /** The project locked for a change; a retired one changes no more. */
  private async lockLive(trx: Transaction<HousingDB>, id: string): Promise<ProjectRow> {
    const row = await lockProject(trx, id);
    if (!row) throw AppError.notFound('housing project', id);
    if (row.retired_at) {
      throw AppError.conflict(
        `housing project ${row.code} was retired on ${row.retired_at.toISOString()}: it changes no more`,
        'project-retired',
      );
    }
    return row;
  }

  private async managed(
    trx: Transaction<HousingDB>,
    row: ProjectRow,
  ): Promise<ManagedHousingProject> {
    const buildings = await countBuildingsByProject(trx);
    const counts = await countUnitsByProjectAndStatus(trx);
    return toManagedProject(row, buildings.get(row.id) ?? 0, counts);
  }
}

const publicFields = (row: ProjectRow) => ({
  id: row.id,
  code: row.code,
  name: row.name,
  nameEn: row.name_en,
  address: row.address,
});

function codeTaken(code: string, retired: boolean): AppError {
  return AppError.conflict(
    `a housing project with code ${code} exists already${retired ? ' (retired: codes are never reused)' : ''}`,
    'project-code-taken',
    [{ path: 'code', code: 'project.code-taken', message: `code ${code} is taken` }],
  );
}
