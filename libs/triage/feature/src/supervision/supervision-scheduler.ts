import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '@gm/shared-runtime';
import { TRIAGE_SETTINGS, type TriageSettings } from '../config/triage-config.js';
import { SuperviseTicketsUseCase } from './supervise-tickets.use-case.js';

/**
 * Runs the supervision ladder every SUPERVISION_INTERVAL_MS. Every replica runs it; the claims in
 * the database make each action happen once, and the state there makes a restart catch up.
 */
@Injectable()
export class SupervisionScheduler extends PeriodicTask {
  constructor(
    @Inject(TRIAGE_SETTINGS) private readonly settings: TriageSettings,
    private readonly supervise: SuperviseTicketsUseCase,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.settings.supervision.intervalMs;
  }

  protected async runOnce(): Promise<string | undefined> {
    const { applied, lapsed } = await this.supervise.execute();
    return applied + lapsed > 0 ? `supervision: ${applied} applied, ${lapsed} lapsed` : undefined;
  }
}
