import { z } from 'zod';
import {
  MetricsConfigSchema,
  TicketCategoryCodeSchema,
  type MetricsConfig,
} from '@gm/triage-contracts';
import {
  DEFAULT_DUPLICATE_THRESHOLD,
  DEFAULT_METRICS_CONFIG,
  DEFAULT_SUPERVISION_POLICY,
  type SupervisionPolicy,
} from '@gm/triage-domain';

const workingDays = (fallback: number) => z.coerce.number().int().min(0).max(60).default(fallback);

/** A JSON variable: empty means unset; text that is not JSON is an issue of that variable. */
const json = () =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    });

/** Variables only the triage service reads, beside the shared service ones. */
export const triageEnvSchema = z.object({
  /** How often the supervision scheduler (督办) looks for due reminders, overdues and escalations; 0 stops it. */
  SUPERVISION_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /**
   * The reminder comes at the end of this many working days before a deadline's day (0: none,
   * and no reminder of a missing first contact either).
   */
  SUPERVISION_REMIND_WORKING_DAYS_BEFORE: workingDays(
    DEFAULT_SUPERVISION_POLICY.remindWorkingDaysBefore,
  ),
  /** The escalation to the convener comes this many working days after the deadline's day (0: at it). */
  SUPERVISION_ESCALATE_WORKING_DAYS_AFTER: workingDays(
    DEFAULT_SUPERVISION_POLICY.escalateWorkingDaysAfter,
  ),
  /** 签收 is on time by the end of this many working days after the dispatch. */
  TICKET_RESPONSE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(1),
  /**
   * Response deadlines of some categories, in working days, as JSON, e.g. `{"housing":2}`; the
   * others take TICKET_RESPONSE_WORKING_DAYS.
   */
  TICKET_RESPONSE_WORKING_DAYS_BY_CATEGORY: json().pipe(
    z.record(TicketCategoryCodeSchema, z.number().int().min(1).max(60)).optional(),
  ),
  /** The score (0..1) from which a new ticket's look-alike is suggested to the convener (并单). */
  TRIAGE_DUPLICATE_THRESHOLD: z.coerce.number().gt(0).max(1).default(DEFAULT_DUPLICATE_THRESHOLD),
  /** 退单 is allowed until the end of this many working days after the (last) dispatch. */
  TICKET_RETURN_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(1),
  /**
   * The metrics' weights and formulas as JSON (see MetricsConfigSchema); keys left out keep their
   * defaults, e.g. `{"satisfactionWeights":{"satisfied":1,"basically-satisfied":0.8,"unsatisfied":0}}`.
   */
  TRIAGE_METRICS_CONFIG: json().pipe(MetricsConfigSchema.partial().optional()),
});

export type TriageEnv = z.infer<typeof triageEnvSchema>;

/** The triage service's rules that are configuration, typed, with defaults. */
export interface TriageSettings {
  supervision: SupervisionPolicy & {
    /** Milliseconds between scheduler runs; 0: no scheduler in this process. */
    intervalMs: number;
    /** Actions claimed per transaction. */
    batchSize: number;
  };
  /** Working days a department has to sign for (签收) and first contact (首次联系) after a dispatch. */
  responseWorkingDays: number;
  /** The same, for categories that differ from it. */
  responseWorkingDaysByCategory: Readonly<Record<string, number>>;
  /** 并单 suggestions at intake. */
  duplicates: {
    /** The score from which a pair is suggested. */
    threshold: number;
    /** How many of the newest open tickets of the category a new one is compared with. */
    scanLimit: number;
    /** The most suggestions one intake makes (the best scores). */
    maxSuggestions: number;
  };
  /** Working days after the dispatch within which a department may return (退单) a ticket. */
  returnWorkingDays: number;
  metrics: MetricsConfig;
}

export const DEFAULT_TRIAGE_SETTINGS: TriageSettings = {
  supervision: { ...DEFAULT_SUPERVISION_POLICY, intervalMs: 60_000, batchSize: 50 },
  responseWorkingDays: 1,
  responseWorkingDaysByCategory: {},
  duplicates: { threshold: DEFAULT_DUPLICATE_THRESHOLD, scanLimit: 500, maxSuggestions: 5 },
  returnWorkingDays: 1,
  metrics: DEFAULT_METRICS_CONFIG,
};

/** The response deadline of a category, in working days after the dispatch. */
export function responseWorkingDaysOf(settings: TriageSettings, category: string): number {
  return settings.responseWorkingDaysByCategory[category] ?? settings.responseWorkingDays;
}

export function triageSettingsFromEnv(env: TriageEnv): TriageSettings {
  return {
    supervision: {
      intervalMs: env.SUPERVISION_INTERVAL_MS,
      batchSize: DEFAULT_TRIAGE_SETTINGS.supervision.batchSize,
      remindWorkingDaysBefore: env.SUPERVISION_REMIND_WORKING_DAYS_BEFORE,
      escalateWorkingDaysAfter: env.SUPERVISION_ESCALATE_WORKING_DAYS_AFTER,
    },
    responseWorkingDays: env.TICKET_RESPONSE_WORKING_DAYS,
    responseWorkingDaysByCategory: env.TICKET_RESPONSE_WORKING_DAYS_BY_CATEGORY ?? {},
    duplicates: {
      ...DEFAULT_TRIAGE_SETTINGS.duplicates,
      threshold: env.TRIAGE_DUPLICATE_THRESHOLD,
    },
    returnWorkingDays: env.TICKET_RETURN_WORKING_DAYS,
    metrics: { ...DEFAULT_METRICS_CONFIG, ...env.TRIAGE_METRICS_CONFIG },
  };
}

/** The settings the module runs with (TriageModuleOptions.settings, else the defaults). */
export const TRIAGE_SETTINGS = Symbol('triage:settings');
