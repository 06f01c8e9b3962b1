import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  nanos,
  type JetStreamManager,
  type NatsError,
  type StreamConfig,
} from 'nats';

const DAY_MS = 24 * 60 * 60 * 1000;

/** One JetStream stream, unprefixed. The deployment renders the same data into its manifests. */
export interface StreamDefinition {
  name: string;
  subjects: readonly string[];
  description: string;
  maxAgeMs: number;
  duplicateWindowMs: number;
}

const eventStream = (service: string): StreamDefinition => ({
  name: `${service.toUpperCase()}_EVENTS`,
  subjects: [`${service}.evt.>`],
  description: `Domain events produced by the ${service} service`,
  maxAgeMs: 30 * DAY_MS,
  duplicateWindowMs: 2 * 60 * 1000,
});

/** Every stream of the platform: one per producing service, plus the dead letters. */
export const STREAMS = {
  RESOURCES_EVENTS: eventStream('resources'),
  TRIAGE_EVENTS: eventStream('triage'),
  HOUSING_EVENTS: eventStream('housing'),
  DEAD_LETTERS: {
    name: 'DEAD_LETTERS',
    subjects: ['dlq.>'],
    description: 'Events a consumer gave up on, with the error; replayed by an operator command',
    maxAgeMs: 30 * DAY_MS,
    duplicateWindowMs: 2 * 60 * 1000,
  },
} as const satisfies Record<string, StreamDefinition>;

/** `resources.evt.x` under prefix `t1` is `t1.resources.evt.x`; production uses no prefix. */
export function prefixSubject(prefix: string, subject: string): string {
  return prefix ? `${prefix}.${subject}` : subject;
}

/** `RESOURCES_EVENTS` under prefix `t1` is `t1_RESOURCES_EVENTS`. */
export function prefixStreamName(prefix: string, name: string): string {
  return prefix ? `${prefix}_${name}` : name;
}

/** The stream that stores an (unprefixed) event type; throws when no stream covers it. */
export function streamForSubject(subject: string): StreamDefinition {
  const stream = Object.values(STREAMS).find((s) =>
    s.subjects.some((p) => subjectMatches(p, subject)),
  );
  if (!stream) {
    throw new Error(`no stream is defined for subject ${subject}; add it to STREAMS in streams.ts`);
  }
  return stream;
}

/** NATS wildcard matching: `*` is one token, a trailing `>` is one or more. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

/** The JetStream configuration of a stream under a prefix. */
export function streamConfig(definition: StreamDefinition, prefix: string): Partial<StreamConfig> {
  return {
    name: prefixStreamName(prefix, definition.name),
    subjects: definition.subjects.map((s) => prefixSubject(prefix, s)),
    description: definition.description,
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(definition.maxAgeMs),
    duplicate_window: nanos(definition.duplicateWindowMs),
    num_replicas: 1,
  };
}

// JetStream API error codes (nats-server's errors.json).
const STREAM_NOT_FOUND = 10059;
const STREAM_NAME_IN_USE = 10058;

/**
 * Creates every stream, or updates it to the definition if it exists. Safe to run from every
 * replica at once: a create that loses the race becomes an update.
 */
export async function ensureStreams(jsm: JetStreamManager, prefix = ''): Promise<void> {
  for (const definition of Object.values(STREAMS)) {
    await ensureStream(jsm, streamConfig(definition, prefix));
  }
}

async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig>): Promise<void> {
  const name = config.name as string;
  try {
    await jsm.streams.info(name);
  } catch (error) {
    if (apiErrorCode(error) !== STREAM_NOT_FOUND) throw error;
    try {
      await jsm.streams.add(config);
      return;
    } catch (addError) {
      if (apiErrorCode(addError) !== STREAM_NAME_IN_USE) throw addError;
    }
  }
  await jsm.streams.update(name, config);
}

/** The `err_code` of a JetStream API error, if it is one. */
export function apiErrorCode(error: unknown): number | undefined {
  return (error as NatsError | undefined)?.api_error?.err_code;
}
