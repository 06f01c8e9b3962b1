import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { pageOf, type Page } from '@gm/shared-contracts';
import {
  AcceptOffer,
  ApplicationDetailSchema,
  ApplicationExplanationSchema,
  ApplicationRefSchema,
  ApplicationSchema,
  CreateApplication,
  CreateApplicationSchema,
  CreateRound,
  CreateRoundSchema,
  DeclineOffer,
  ExplainApplication,
  GetApplication,
  ListApplications,
  ListApplicationsSchema,
  OfferRefSchema,
  OfferSchema,
  RoundCreatedSchema,
  WithdrawApplication,
  type Application,
  type ApplicationDetail,
  type ApplicationExplanation,
  type ListApplicationsQuery,
  type Offer,
  type RoundCreated,
} from '@gm/housing-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { ZodValidationPipe, parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

const ListQuerySchema = ListApplicationsSchema;

/** Applications, rounds and offers (housing service); the service authorises every call. */
@Controller('api/housing')
@Auth()
export class HousingApplicationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('applications')
  @ApiDoc({
    summary:
      'Apply for talent housing (talent): a ranked list of projects (preferredProjectIds) or of unit types (preferences: {projectId, bedrooms?}); a tenant who wants to move names currentUnitId. 201 with status and points; 400 names each failed eligibility rule per entry (eligibility.tier, eligibility.household-size, eligibility.unit-type, eligibility.area-standard) or claim (tenancy.not-tenant); 409 with one already in play',
    tag: 'housing',
    auth: 'required',
    body: CreateApplicationSchema,
    response: ApplicationSchema,
    status: 201,
    errors: [401, 403, 409, 503],
  })
  create(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<Application> {
    return this.rpc.call(CreateApplication, parseInput(CreateApplicationSchema, body, 'body'), {
      token: caller.token,
    });
  }

  @Get('applications')
  @ApiDoc({
    summary: "Applications: a talent's own, all for a housing officer; filter status",
    tag: 'housing',
    auth: 'required',
    query: ListQuerySchema,
    response: pageOf(ApplicationSchema),
    errors: [401, 403, 503],
  })
  list(
    @Query(new ZodValidationPipe(ListQuerySchema, 'query')) query: ListApplicationsQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<Page<Application>> {
    return this.rpc.call(ListApplications, query, { token: caller.token });
  }

  @Get('applications/:id')
  @ApiDoc({
    summary: 'One application with its history (the applicant or a housing officer)',
    tag: 'housing',
    auth: 'required',
    params: ApplicationRefSchema,
    response: ApplicationDetailSchema,
    errors: [401, 403, 404, 503],
  })
  get(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ApplicationDetail> {
    return this.rpc.call(GetApplication, parseInput(ApplicationRefSchema, { id }, 'path'), {
      token: caller.token,
    });
  }

  @Get('applications/:id/explanation')
  @ApiDoc({
    summary:
      'Why this rank and this outcome in the latest round, in the terms of its method: the counterfactual (serial dictatorship), the trading cycle (YRMH-IGYT), per-class cutoffs (deferred acceptance); the applicant or a housing officer',
    tag: 'housing',
    auth: 'required',
    params: ApplicationRefSchema,
    response: ApplicationExplanationSchema,
    errors: [401, 403, 404, 409, 503],
  })
  explain(
    @Param('id') id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<ApplicationExplanation> {
    return this.rpc.call(ExplainApplication, parseInput(ApplicationRefSchema, { id }, 'path'), {
      token: caller.token,
    });
  }

  @Post('applications/:id/withdraw')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Withdraw an active application (the applicant)',
    tag: 'housing',
    auth: 'required',
    params: ApplicationRefSchema,
    response: ApplicationSchema,
    errors: [401, 403, 404, 409, 503],
  })
  withdraw(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<Application> {
    return this.rpc.call(WithdrawApplication, parseInput(ApplicationRefSchema, { id }, 'path'), {
      token: caller.token,
    });
  }

  @Post('rounds')
  @ApiDoc({
    summary:
      'Run an allocation round on projects (housing officer) with a method: serial-dictatorship (default), yrmh-igyt (tenants bring their unit and move on their word) or deferred-acceptance (each project’s published priority); freezes applicants and available units, commits to the seed (given or drawn), offers with deadlines; same inputs and seed → same result',
    tag: 'housing',
    auth: 'required',
    body: CreateRoundSchema,
    response: RoundCreatedSchema,
    status: 201,
    errors: [401, 403, 404, 503],
  })
  createRound(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<RoundCreated> {
    return this.rpc.call(CreateRound, parseInput(CreateRoundSchema, body, 'body'), {
      token: caller.token,
    });
  }

  @Post('offers/:id/accept')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Accept an offer before expiresAt (the applicant); 409 after it or once answered',
    tag: 'housing',
    auth: 'required',
    params: OfferRefSchema,
    response: OfferSchema,
    errors: [401, 403, 404, 409, 503],
  })
  accept(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<Offer> {
    return this.rpc.call(AcceptOffer, parseInput(OfferRefSchema, { id }, 'path'), {
      token: caller.token,
    });
  }

  @Post('offers/:id/decline')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Decline an offer before expiresAt (the applicant): a strike under the decline policy; the unit goes to the next applicant',
    tag: 'housing',
    auth: 'required',
    params: OfferRefSchema,
    response: OfferSchema,
    errors: [401, 403, 404, 409, 503],
  })
  decline(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<Offer> {
    return this.rpc.call(DeclineOffer, parseInput(OfferRefSchema, { id }, 'path'), {
      token: caller.token,
    });
  }
}
