import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApplicationRefSchema,
  DecideReviewRequest,
  HousingUnitSchema,
  ListReviewRequests,
  RequestReview,
  ReviewDecisionBodySchema,
  ReviewRequestBodySchema,
  ReviewRequestListSchema,
  ReviewRequestRefSchema,
  ReviewRequestSchema,
  UnitRefSchema,
  VacateUnit,
  type HousingUnit,
  type ReviewRequest,
  type ReviewRequestList,
} from '@gm/housing-contracts';
import { RpcClient } from '@gm/shared-messaging';
import { Auth, CurrentCaller, type Caller } from '../auth/auth.guard.js';
import { parseInput } from '../http/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';

/** Review requests (PIPL art. 24) and vacated units (housing service authorises every call). */
@Controller('api/housing')
@Auth()
export class HousingReviewsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('applications/:id/review-requests')
  @ApiDoc({
    summary:
      'Ask a person to review the automated decision on an application (the applicant, PIPL art. 24); 409 while one is open',
    tag: 'housing',
    auth: 'required',
    params: ApplicationRefSchema,
    body: ReviewRequestBodySchema,
    response: ReviewRequestSchema,
    status: 201,
    errors: [401, 403, 404, 409, 503],
  })
  request(
    @Param('id') id: string,
    @Body() payload: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<ReviewRequest> {
    const { id: applicationId } = parseInput(ApplicationRefSchema, { id }, 'path');
    const input = { ...parseInput(ReviewRequestBodySchema, payload, 'body'), applicationId };
    return this.rpc.call(RequestReview, input, { token: caller.token });
  }

  @Get('applications/:id/review-requests')
  @ApiDoc({
    summary: "An application's review requests, oldest first (the applicant or a housing officer)",
    tag: 'housing',
    auth: 'required',
    params: ApplicationRefSchema,
    response: ReviewRequestListSchema,
    errors: [401, 403, 404, 503],
  })
  list(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<ReviewRequestList> {
    return this.rpc.call(ListReviewRequests, parseInput(ApplicationRefSchema, { id }, 'path'), {
      token: caller.token,
    });
  }

  @Post('review-requests/:id/decision')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Decide a review request (housing officer): upheld or changed, with the reasons; 409 once decided',
    tag: 'housing',
    auth: 'required',
    params: ReviewRequestRefSchema,
    body: ReviewDecisionBodySchema,
    response: ReviewRequestSchema,
    errors: [401, 403, 404, 409, 503],
  })
  decide(
    @Param('id') id: string,
    @Body() payload: unknown,
    @CurrentCaller() caller: Caller,
  ): Promise<ReviewRequest> {
    const ref = parseInput(ReviewRequestRefSchema, { id }, 'path');
    const input = { ...parseInput(ReviewDecisionBodySchema, payload, 'body'), ...ref };
    return this.rpc.call(DecideReviewRequest, input, { token: caller.token });
  }

  @Post('units/:id/vacate')
  @HttpCode(200)
  @ApiDoc({
    summary:
      'Record that a let unit was vacated (housing officer): it returns to available stock; 409 unless allocated',
    tag: 'housing',
    auth: 'required',
    params: UnitRefSchema,
    response: HousingUnitSchema,
    errors: [401, 403, 404, 409, 503],
  })
  vacate(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<HousingUnit> {
    return this.rpc.call(VacateUnit, parseInput(UnitRefSchema, { id }, 'path'), {
      token: caller.token,
    });
  }
}
