import { Controller } from '@nestjs/common';
import { RpcHandler, requireRole, type RpcCallContext } from '@gm/shared-messaging';
import {
  AddHousingUnits,
  CreateHousingProject,
  GetHousingUnit,
  RetireHousingProject,
  RetireHousingUnit,
  UpdateHousingProject,
  UpdateHousingUnit,
  type AddedUnits,
  type AddUnitsInput,
  type CreateHousingProjectInput,
  type ManagedHousingProject,
  type ManagedUnit,
  type ManagedUnitDetail,
  type RetireInput,
  type UpdateHousingProjectInput,
  type UpdateUnitInput,
} from '@gm/housing-contracts';
import { AddUnitsUseCase } from '../stock/add-units.use-case.js';
import { ManageProjectsUseCase } from '../stock/manage-projects.use-case.js';
import { ManageUnitsUseCase } from '../stock/manage-units.use-case.js';

/** The stock: housing officers (and admins) only, checked here and again in each use case. */
@Controller()
export class HousingStockController {
  constructor(
    private readonly projects: ManageProjectsUseCase,
    private readonly additions: AddUnitsUseCase,
    private readonly units: ManageUnitsUseCase,
  ) {}

  @RpcHandler(CreateHousingProject)
  createProject(
    input: CreateHousingProjectInput,
    ctx: RpcCallContext,
  ): Promise<ManagedHousingProject> {
    return this.projects.create(requireRole(ctx, 'housing-officer'), input);
  }

  @RpcHandler(UpdateHousingProject)
  updateProject(
    input: UpdateHousingProjectInput,
    ctx: RpcCallContext,
  ): Promise<ManagedHousingProject> {
    return this.projects.update(requireRole(ctx, 'housing-officer'), input);
  }

  @RpcHandler(RetireHousingProject)
  retireProject(input: RetireInput, ctx: RpcCallContext): Promise<ManagedHousingProject> {
    return this.projects.retire(requireRole(ctx, 'housing-officer'), input);
  }

  @RpcHandler(AddHousingUnits)
  addUnits(input: AddUnitsInput, ctx: RpcCallContext): Promise<AddedUnits> {
    return this.additions.execute(requireRole(ctx, 'housing-officer'), input);
  }

  @RpcHandler(GetHousingUnit)
  getUnit({ id }: { id: string }, ctx: RpcCallContext): Promise<ManagedUnitDetail> {
    return this.units.get(requireRole(ctx, 'housing-officer'), id);
  }

  @RpcHandler(UpdateHousingUnit)
  updateUnit(input: UpdateUnitInput, ctx: RpcCallContext): Promise<ManagedUnit> {
    return this.units.update(requireRole(ctx, 'housing-officer'), input);
  }

  @RpcHandler(RetireHousingUnit)
  retireUnit(input: RetireInput, ctx: RpcCallContext): Promise<ManagedUnit> {
    return this.units.retire(requireRole(ctx, 'housing-officer'), input);
  }
}
