import { z } from 'zod';
import { pageOf, rpc } from '@gm/shared-contracts';
import {
  ApplicationDetailSchema,
  ApplicationRefSchema,
  ApplicationSchema,
  CreateApplicationSchema,
  ListApplicationsSchema,
} from './application.js';
import {
  ApplicationExplanationSchema,
  CreateRoundSchema,
  OfferRefSchema,
  OfferSchema,
  PublishedRoundSchema,
  RoundCreatedSchema,
  RoundRefSchema,
} from './round.js';
import {
  CreateReviewRequestSchema,
  DecideReviewRequestSchema,
  ReviewRequestListSchema,
  ReviewRequestSchema,
} from './review.js';
import { HousingUnitSchema, ListProjectUnitsSchema, UnitRefSchema } from './unit.js';
import { HousingOverviewSchema } from './overview.js';
import { HousingProjectSchema } from './project.js';
import { SimulationRequestSchema, SimulationResultSchema } from './simulation.js';
import {
  AddedUnitsSchema,
  AddUnitsSchema,
  CreateHousingProjectSchema,
  ManagedHousingProjectSchema,
  ManagedUnitDetailSchema,
  ManagedUnitSchema,
  RetireSchema,
  UpdateHousingProjectSchema,
  UpdateUnitSchema,
} from './stock.js';
import { HOUSING_SUBJECTS } from './subjects.js';

export const ListHousingProjects = rpc(
  HOUSING_SUBJECTS.listProjects,
  z.object({}),
  z.object({ items: z.array(HousingProjectSchema) }),
);

export const GetHousingOverview = rpc(
  HOUSING_SUBJECTS.overview,
  z.object({}),
  HousingOverviewSchema,
);

/** Runs an allocation mechanism on a posted problem; touches no state (housing officer). */
export const SimulateAllocation = rpc(
  HOUSING_SUBJECTS.simulate,
  SimulationRequestSchema,
  SimulationResultSchema,
);

export const ListProjectUnits = rpc(
  HOUSING_SUBJECTS.listUnits,
  ListProjectUnitsSchema,
  pageOf(HousingUnitSchema),
);

export const CreateApplication = rpc(
  HOUSING_SUBJECTS.createApplication,
  CreateApplicationSchema,
  ApplicationSchema,
);
export const GetApplication = rpc(
  HOUSING_SUBJECTS.getApplication,
  ApplicationRefSchema,
  ApplicationDetailSchema,
);
export const ListApplications = rpc(
  HOUSING_SUBJECTS.listApplications,
  ListApplicationsSchema,
  pageOf(ApplicationSchema),
);
export const WithdrawApplication = rpc(
  HOUSING_SUBJECTS.withdrawApplication,
  ApplicationRefSchema,
  ApplicationSchema,
);
export const ExplainApplication = rpc(
  HOUSING_SUBJECTS.explainApplication,
  ApplicationRefSchema,
  ApplicationExplanationSchema,
);

export const CreateRound = rpc(HOUSING_SUBJECTS.createRound, CreateRoundSchema, RoundCreatedSchema);
export const GetRound = rpc(HOUSING_SUBJECTS.getRound, RoundRefSchema, PublishedRoundSchema);
export const AcceptOffer = rpc(HOUSING_SUBJECTS.acceptOffer, OfferRefSchema, OfferSchema);
export const DeclineOffer = rpc(HOUSING_SUBJECTS.declineOffer, OfferRefSchema, OfferSchema);

/** PIPL art. 24: the applicant asks a person to review the automated decision. */
export const RequestReview = rpc(
  HOUSING_SUBJECTS.requestReview,
  CreateReviewRequestSchema,
  ReviewRequestSchema,
);
/** An application's review requests, oldest first (the applicant or a housing officer). */
export const ListReviewRequests = rpc(
  HOUSING_SUBJECTS.listReviewRequests,
  ApplicationRefSchema,
  ReviewRequestListSchema,
);
export const DecideReviewRequest = rpc(
  HOUSING_SUBJECTS.decideReviewRequest,
  DecideReviewRequestSchema,
  ReviewRequestSchema,
);
/** A let unit returns to available stock (housing officer). */
export const VacateUnit = rpc(HOUSING_SUBJECTS.vacateUnit, UnitRefSchema, HousingUnitSchema);

/* The stock, managed by housing officers (and admins). */
export const CreateHousingProject = rpc(
  HOUSING_SUBJECTS.createProject,
  CreateHousingProjectSchema,
  ManagedHousingProjectSchema,
);
export const UpdateHousingProject = rpc(
  HOUSING_SUBJECTS.updateProject,
  UpdateHousingProjectSchema,
  ManagedHousingProjectSchema,
);
/** Retires the project and its remaining units; refused while any is offered, let or in a running round. */
export const RetireHousingProject = rpc(
  HOUSING_SUBJECTS.retireProject,
  RetireSchema,
  ManagedHousingProjectSchema,
);
export const AddHousingUnits = rpc(HOUSING_SUBJECTS.addUnits, AddUnitsSchema, AddedUnitsSchema);
export const GetHousingUnit = rpc(HOUSING_SUBJECTS.getUnit, UnitRefSchema, ManagedUnitDetailSchema);
export const UpdateHousingUnit = rpc(
  HOUSING_SUBJECTS.updateUnit,
  UpdateUnitSchema,
  ManagedUnitSchema,
);
export const RetireHousingUnit = rpc(HOUSING_SUBJECTS.retireUnit, RetireSchema, ManagedUnitSchema);
