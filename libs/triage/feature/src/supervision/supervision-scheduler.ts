import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { TRIAGE_SETTINGS, type TriageSettings } from '../config/triage-config.js';
import { SuperviseTicketsUseCase } from './supervise-tickets.use-case.js';

/**
 * Runs the supervision ladder every SUPERVISION_INTERVAL_MS. Every replica runs it; the claims in
 * the database make each action happen once, and the state there makes a restart catch up.
 */
@Injectable()
export class SupervisionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SupervisionScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(TRIAGE_SETTINGS) private readonly settings: TriageSettings,
    private readonly supervise: SuperviseTicketsUseCase,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.settings.supervision.intervalMs;
    if (interval <= 0) return;
    this.timer = setInterval(() => void this.tick(), interval);
    this.timer.unref();
    void this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One run; overlapping calls share the one running. */
  tick(): Promise<void> {
    this.running ??= this.supervise
      .execute()
      .then(({ applied, lapsed }) => {
        if (applied + lapsed > 0)
          this.logger.log(`supervision: ${applied} applied, ${lapsed} lapsed`);
      })
      .catch((error: unknown) => this.logger.error(`supervision run failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
