import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  AddedUnitsSchema,
  AddHousingUnits,
  AddUnitsBodySchema,
  CreateHousingProject,
  CreateHousingProjectSchema,
  GetHousingUnit,
  HousingProjectChangesSchema,
  ManagedHousingProjectSchema,
  ManagedUnitDetailSchema,
  ManagedUnitSchema,
  RetireHousingProject,
  RetireHousingUnit,
  RetirementBodySchema,
  UnitChangesSchema,
  UnitRefSchema,
  UpdateHousingProject,
  UpdateHousingUnit,
  type AddedUnits,
  type ManagedHousingProject,
  type ManagedUnit,
  type ManagedUnitDetail,
} from '@gm/housing-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

const ProjectRefSchema = z.object({ id: z.uuid() });

/** The housing stock, managed by housing officers (the housing service authorises every call). */
@Controller('api/housing')
@Auth()
export class HousingStockController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('projects')
  @ApiDoc({
    summary:
      'Create a housing project (housing officer): code (capital letters and digits, unique for ever, never changes), name, nameEn, address; 409 when the code is taken. Publishes housing.evt.project.created.v1.',
    tag: 'housing',
    auth: 'required',
    body: CreateHousingProjectSchema,
    response: ManagedHousingProjectSchema,
    status: 201,
    errors: [401, 403, 409, 503],
  })
  createProject(
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<ManagedHousingProject> {
    return this.rpc.call(
      CreateHousingProject,
      parseInput(CreateHousingProjectSchema, body, 'body'),
      { token: caller.token },
    );
  }

  @Patch('projects/:id')
  @ApiDoc({
    summary:
      'Edit a housing project (housing officer): any of name, nameEn, address (the code never changes); 409 once retired. Publishes housing.evt.project.updated.v1.',
    tag: 'housing',
    auth: 'required',
    params: ProjectRefSchema,
    body: HousingProjectChangesSchema,
    response: ManagedHousingProjectSchema,
    errors: [401, 403, 404, 409, 503],
  })
  updateProject(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<ManagedHousingProject> {
    const ref = parseInput(ProjectRefSchema, { id }, 'path');
    const changes = parseInput(HousingProjectChangesSchema, body, 'body');
    return this.rpc.call(UpdateHousingProject, { ...ref, changes }, { token: caller.token });
  }

  @Post('projects/:id/retire')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Retire a housing project and its remaining units (housing officer): they leave the catalogue and allocation, their records stay; 409 while a unit is offered, let or frozen into a running round. Publishes housing.evt.project.retired.v1.',
    tag: 'housing',
    auth: 'required',
    params: ProjectRefSchema,
    body: RetirementBodySchema,
    response: ManagedHousingProjectSchema,
    errors: [401, 403, 404, 409, 503],
  })
  retireProject(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<ManagedHousingProject> {
    const ref = parseInput(ProjectRefSchema, { id }, 'path');
    const retirement = parseInput(RetirementBodySchema, body ?? {}, 'body');
    return this.rpc.call(RetireHousingProject, { ...retirement, ...ref }, { token: caller.token });
  }

  @Post('projects/:id/units')
  @ApiDoc({
    summary:
      'Add units to a housing project (housing officer), all or nothing: `units`, a list of {building, number, floor?, bedrooms, areaSqm, monthlyRent} (floor read from the number when left out: 1203 → 12), or `building`, a plan of floors × layout (position p of floor f is number f·p, e.g. 1203). A bad row is a 400 naming it (units.3.areaSqm); an existing building and number a 409 naming it. New units are available. Publishes housing.evt.project.units-added.v1.',
    tag: 'housing',
    auth: 'required',
    params: ProjectRefSchema,
    body: AddUnitsBodySchema,
    response: AddedUnitsSchema,
    status: 201,
    examples: {
      body: {
        building: {
          code: '5',
          floors: 12,
          layout: [
            { bedrooms: 1, areaSqm: 45, monthlyRent: 1350 },
            { bedrooms: 2, areaSqm: 65, monthlyRent: 1950 },
          ],
        },
      },
    },
    errors: [401, 403, 404, 409, 413, 503],
  })
  addUnits(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<AddedUnits> {
    const { id: projectId } = parseInput(ProjectRefSchema, { id }, 'path');
    const additions = parseInput(AddUnitsBodySchema, body, 'body');
    return this.rpc.call(AddHousingUnits, { ...additions, projectId }, { token: caller.token });
  }

  @Get('units/:id')
  @ApiDoc({
    summary:
      'A unit as the housing office manages it, retired or not: floor, class, why unavailable, and its stock history (housing officer)',
    tag: 'housing',
    auth: 'required',
    params: UnitRefSchema,
    response: ManagedUnitDetailSchema,
    errors: [401, 403, 404, 503],
  })
  getUnit(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ManagedUnitDetail> {
    return this.rpc.call(GetHousingUnit, parseInput(UnitRefSchema, { id }, 'path'), {
      token: caller.token,
    });
  }

  @Patch('units/:id')
  @ApiDoc({
    summary:
      'Edit a unit (housing officer): monthlyRent, areaSqm, bedrooms while it is neither offered nor let; status available ↔ unavailable (with reason maintenance or reserved). 409 for an offered or let unit, for status offered or allocated (offers and vacating set those), for a retired unit, and for bedrooms, area or status of a unit frozen into a round still running. Publishes housing.evt.unit.updated.v1 and housing.evt.unit.status-changed.v1.',
    tag: 'housing',
    auth: 'required',
    params: UnitRefSchema,
    body: UnitChangesSchema,
    response: ManagedUnitSchema,
    errors: [401, 403, 404, 409, 503],
  })
  updateUnit(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<ManagedUnit> {
    const ref = parseInput(UnitRefSchema, { id }, 'path');
    const changes = parseInput(UnitChangesSchema, body, 'body');
    return this.rpc.call(UpdateHousingUnit, { ...ref, changes }, { token: caller.token });
  }

  @Post('units/:id/retire')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Retire a unit (housing officer): it leaves the catalogue and allocation for good, its record and history stay; 409 while offered, let or frozen into a running round. Publishes housing.evt.unit.retired.v1.',
    tag: 'housing',
    auth: 'required',
    params: UnitRefSchema,
    body: RetirementBodySchema,
    response: ManagedUnitSchema,
    errors: [401, 403, 404, 409, 503],
  })
  retireUnit(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<ManagedUnit> {
    const ref = parseInput(UnitRefSchema, { id }, 'path');
    const retirement = parseInput(RetirementBodySchema, body ?? {}, 'body');
    return this.rpc.call(RetireHousingUnit, { ...retirement, ...ref }, { token: caller.token });
  }
}
