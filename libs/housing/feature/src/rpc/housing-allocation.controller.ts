import { Controller } from '@nestjs/common';
import { RpcHandler, requireRole, type RpcCallContext } from '@gm/shared-messaging';
import type { Page } from '@gm/shared-contracts';
import {
  AcceptOffer,
  CreateApplication,
  CreateRound,
  DeclineOffer,
  DecideReviewRequest,
  ExplainApplication,
  GetApplication,
  GetRound,
  ListApplications,
  ListProjectUnits,
  ListReviewRequests,
  RequestReview,
  VacateUnit,
  WithdrawApplication,
  type Application,
  type ApplicationDetail,
  type ApplicationExplanation,
  type CreateApplicationInput,
  type CreateReviewRequestInput,
  type CreateRoundInput,
  type DecideReviewRequestInput,
  type HousingUnit,
  type ListApplicationsQuery,
  type ListProjectUnitsQuery,
  type Offer,
  type PublishedRound,
  type ReviewRequest,
  type ReviewRequestList,
  type RoundCreated,
} from '@gm/housing-contracts';
import { ApplicationsUseCase } from '../applications/applications.use-case.js';
import { OffersUseCase } from '../offers/offers.use-case.js';
import { RoundsUseCase } from '../rounds/rounds.use-case.js';
import { ReviewRequestsUseCase } from '../reviews/review-requests.use-case.js';
import { ListProjectUnitsUseCase } from '../units/list-project-units.use-case.js';
import { VacateUnitUseCase } from '../units/vacate-unit.use-case.js';

/** Units, applications, rounds and offers; every use case checks the caller itself. */
@Controller()
export class HousingAllocationController {
  constructor(
    private readonly units: ListProjectUnitsUseCase,
    private readonly applications: ApplicationsUseCase,
    private readonly rounds: RoundsUseCase,
    private readonly offers: OffersUseCase,
    private readonly reviews: ReviewRequestsUseCase,
    private readonly vacancies: VacateUnitUseCase,
  ) {}

  @RpcHandler(ListProjectUnits, { auth: 'optional' })
  listUnits(query: ListProjectUnitsQuery): Promise<Page<HousingUnit>> {
    return this.units.execute(query);
  }

  @RpcHandler(CreateApplication)
  createApplication(input: CreateApplicationInput, ctx: RpcCallContext): Promise<Application> {
    return this.applications.create(requireRole(ctx), input);
  }

  @RpcHandler(GetApplication)
  getApplication({ id }: { id: string }, ctx: RpcCallContext): Promise<ApplicationDetail> {
    return this.applications.get(requireRole(ctx), id);
  }

  @RpcHandler(ListApplications)
  listApplications(query: ListApplicationsQuery, ctx: RpcCallContext): Promise<Page<Application>> {
    return this.applications.list(requireRole(ctx), query);
  }

  @RpcHandler(WithdrawApplication)
  withdraw({ id }: { id: string }, ctx: RpcCallContext): Promise<Application> {
    return this.applications.withdraw(requireRole(ctx), id);
  }

  @RpcHandler(ExplainApplication)
  explain({ id }: { id: string }, ctx: RpcCallContext): Promise<ApplicationExplanation> {
    return this.rounds.explain(requireRole(ctx), id);
  }

  @RpcHandler(CreateRound)
  createRound(input: CreateRoundInput, ctx: RpcCallContext): Promise<RoundCreated> {
    return this.rounds.create(requireRole(ctx), input);
  }

  @RpcHandler(GetRound, { auth: 'optional' })
  getRound({ id }: { id: string }): Promise<PublishedRound> {
    return this.rounds.get(id);
  }

  @RpcHandler(AcceptOffer)
  accept({ id }: { id: string }, ctx: RpcCallContext): Promise<Offer> {
    return this.offers.accept(requireRole(ctx), id);
  }

  @RpcHandler(DeclineOffer)
  decline({ id }: { id: string }, ctx: RpcCallContext): Promise<Offer> {
    return this.offers.decline(requireRole(ctx), id);
  }

  @RpcHandler(RequestReview)
  requestReview(input: CreateReviewRequestInput, ctx: RpcCallContext): Promise<ReviewRequest> {
    return this.reviews.request(requireRole(ctx), input);
  }

  @RpcHandler(ListReviewRequests)
  listReviews({ id }: { id: string }, ctx: RpcCallContext): Promise<ReviewRequestList> {
    return this.reviews.list(requireRole(ctx), id);
  }

  @RpcHandler(DecideReviewRequest)
  decideReview(input: DecideReviewRequestInput, ctx: RpcCallContext): Promise<ReviewRequest> {
    return this.reviews.decide(requireRole(ctx), input);
  }

  @RpcHandler(VacateUnit)
  vacate({ id }: { id: string }, ctx: RpcCallContext): Promise<HousingUnit> {
    return this.vacancies.execute(requireRole(ctx), id);
  }
}
