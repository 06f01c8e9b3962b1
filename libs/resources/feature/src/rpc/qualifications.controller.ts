import { Controller } from '@nestjs/common';
import { RpcHandler, requireRole, type RpcCallContext } from '@gm/shared-messaging';
import {
  GrantQualification,
  JoinWaitlist,
  ListQualifications,
  ListWaitlist,
  RevokeQualification,
  type GrantQualificationInput,
  type JoinWaitlistInput,
  type ListQualificationsInput,
  type Qualification,
  type RevokeQualificationInput,
  type WaitlistEntry,
  type WaitlistQuery,
} from '@gm/resources-contracts';
import { QualificationsUseCase } from '../qualifications/qualifications.use-case.js';
import { WaitlistUseCase } from '../waitlist/waitlist.use-case.js';

/** Qualifications (the owning unit's manager) and the waitlist (researchers) over NATS. */
@Controller()
export class AccessController {
  constructor(
    private readonly qualifications: QualificationsUseCase,
    private readonly waitlist: WaitlistUseCase,
  ) {}

  @RpcHandler(GrantQualification)
  grant(input: GrantQualificationInput, ctx: RpcCallContext): Promise<Qualification> {
    return this.qualifications.grant(requireRole(ctx, 'resource-manager'), input);
  }

  @RpcHandler(RevokeQualification)
  revoke(input: RevokeQualificationInput, ctx: RpcCallContext): Promise<Qualification> {
    return this.qualifications.revoke(requireRole(ctx, 'resource-manager'), input);
  }

  @RpcHandler(ListQualifications)
  list(
    { resourceId }: ListQualificationsInput,
    ctx: RpcCallContext,
  ): Promise<{ qualification: string | null; items: Qualification[] }> {
    return this.qualifications.list(requireRole(ctx, 'resource-manager'), resourceId);
  }

  @RpcHandler(JoinWaitlist)
  join(input: JoinWaitlistInput, ctx: RpcCallContext): Promise<WaitlistEntry> {
    return this.waitlist.join(requireRole(ctx, 'researcher'), input);
  }

  @RpcHandler(ListWaitlist)
  entries(query: WaitlistQuery, ctx: RpcCallContext): Promise<{ items: WaitlistEntry[] }> {
    return this.waitlist.list(requireRole(ctx), query);
  }
}
