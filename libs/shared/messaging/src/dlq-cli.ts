import { pathToFileURL } from 'node:url';
import { connect, type JetStreamManager, type NatsConnection, type StoredMsg } from 'nats';
import { z } from 'zod';
import { baseEnvSchema, loadConfig } from '@gm/shared-config';
import { AppError } from '@gm/shared-errors';
import { DEAD_LETTER_HEADERS, copyHeaders } from './events/dead-letters.js';
import { STREAMS, apiErrorCode, prefixStreamName } from './streams.js';
import { natsConnectionOptions } from './nats-options.js';

export interface DeadLetterSource {
  natsUrl: string;
  /** NATS_PREFIX of the deployment. */
  prefix?: string;
}

export interface DeadLetterEntry {
  /** Sequence in the dead-letter stream: what `replay` takes. */
  seq: number;
  time: Date;
  /** Where the message was published originally, with the prefix. */
  originalSubject: string;
  /** The durable consumer that gave up. */
  consumer: string;
  error: string;
  deliveries: number;
  /** The CloudEvent id and type, when the payload is one. */
  eventId?: string;
  type?: string;
}

export interface ReplayResult {
  seq: number;
  eventId: string;
  subject: string;
  msgId: string;
  /** JetStream already had this replay (same dead letter replayed twice within the duplicate window). */
  duplicate: boolean;
}

/** Header on a replayed message naming the dead letter it came from. */
export const REPLAY_OF_HEADER = 'Gm-Replay-Of';
const NO_MESSAGE_FOUND = 10037;

/** The latest dead letters (at most `limit`, default 50), or those from `fromSeq` on, oldest first. */
export async function listDeadLetters(
  options: DeadLetterSource & { limit?: number; fromSeq?: number },
): Promise<DeadLetterEntry[]> {
  const limit = options.limit ?? 50;
  return withJetStream(options.natsUrl, async (_nc, jsm) => {
    const stream = deadLetterStream(options.prefix);
    const { state } = await jsm.streams.info(stream);
    if (state.messages === 0) return [];
    const from = Math.max(state.first_seq, options.fromSeq ?? state.last_seq - limit + 1);
    const entries: DeadLetterEntry[] = [];
    for (let seq = from; seq <= state.last_seq && entries.length < limit; seq++) {
      const stored = await storedMessage(jsm, stream, seq);
      if (stored) entries.push(describe(stored));
    }
    return entries;
  });
}

/**
 * Publishes a dead letter again to its original subject, so the consumers of that subject get
 * it once more. The message id is fresh (`<eventId>:replay:<seq>`), or JetStream would drop it
 * as a duplicate of the original; consumers that processed the event before find it in their
 * inbox and do nothing.
 */
export async function replayDeadLetter(
  options: DeadLetterSource & { seq: number },
): Promise<ReplayResult> {
  return withJetStream(options.natsUrl, async (nc, jsm) => {
    const stored = await storedMessage(jsm, deadLetterStream(options.prefix), options.seq);
    if (!stored) throw AppError.notFound('dead letter', String(options.seq));
    const entry = describe(stored);
    if (!entry.originalSubject) {
      throw AppError.invalid(
        `dead letter ${options.seq} has no ${DEAD_LETTER_HEADERS.originalSubject} header`,
      );
    }
    const eventId = entry.eventId ?? `dead-letter-${options.seq}`;
    const msgId = `${eventId}:replay:${options.seq}`;
    const headers = copyHeaders(stored.header, (key) => key.toLowerCase().startsWith('gm-'));
    headers.set(REPLAY_OF_HEADER, String(options.seq));
    const ack = await nc
      .jetstream()
      .publish(entry.originalSubject, stored.data, { msgID: msgId, headers });
    return {
      seq: options.seq,
      eventId,
      subject: entry.originalSubject,
      msgId,
      duplicate: ack.duplicate,
    };
  });
}

function deadLetterStream(prefix = ''): string {
  return prefixStreamName(prefix, STREAMS.DEAD_LETTERS.name);
}

async function storedMessage(
  jsm: JetStreamManager,
  stream: string,
  seq: number,
): Promise<StoredMsg | undefined> {
  try {
    return await jsm.streams.getMessage(stream, { seq });
  } catch (error) {
    if (apiErrorCode(error) === NO_MESSAGE_FOUND) return undefined;
    throw error;
  }
}

const PayloadIdentity = z.object({ id: z.string().min(1), type: z.string().min(1) }).partial();

function describe(stored: StoredMsg): DeadLetterEntry {
  const header = (name: string) => stored.header?.get(name) ?? '';
  return {
    seq: stored.seq,
    time: stored.time,
    originalSubject: header(DEAD_LETTER_HEADERS.originalSubject),
    consumer: header(DEAD_LETTER_HEADERS.consumer),
    error: header(DEAD_LETTER_HEADERS.error),
    deliveries: Number(header(DEAD_LETTER_HEADERS.deliveries)) || 0,
    ...payloadIdentity(stored),
  };
}

function payloadIdentity(stored: StoredMsg): { eventId?: string; type?: string } {
  let body: unknown;
  try {
    body = stored.json();
  } catch {
    return {};
  }
  const parsed = PayloadIdentity.safeParse(body);
  if (!parsed.success) return {};
  return {
    ...(parsed.data.id ? { eventId: parsed.data.id } : {}),
    ...(parsed.data.type ? { type: parsed.data.type } : {}),
  };
}

async function withJetStream<T>(
  natsUrl: string,
  fn: (nc: NatsConnection, jsm: JetStreamManager) => Promise<T>,
): Promise<T> {
  const nc = await connect({
    ...natsConnectionOptions(natsUrl),
    name: 'dlq-cli',
    noAsyncTraces: true,
  });
  try {
    return await fn(nc, await nc.jetstreamManager());
  } finally {
    await nc.close();
  }
}

const USAGE = 'usage: dlq list [--limit N] [--from SEQ] | dlq replay <seq>';
const CliEnvSchema = baseEnvSchema.pick({ NATS_URL: true, NATS_PREFIX: true });
const SeqSchema = z.coerce.number().int().positive();

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

/**
 * The operator command: `dlq list` prints one JSON line per dead letter, `dlq replay <seq>`
 * republishes one. Reads NATS_URL and NATS_PREFIX. Returns the exit code.
 */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: CliIo = consoleIo,
): Promise<number> {
  const [command, ...rest] = argv[0] === 'dlq' ? argv.slice(1) : argv;
  try {
    const config = loadConfig(CliEnvSchema, env);
    const source = { natsUrl: config.NATS_URL, prefix: config.NATS_PREFIX };
    if (command === 'list') {
      const limit = option(rest, '--limit');
      const fromSeq = option(rest, '--from');
      const entries = await listDeadLetters({
        ...source,
        ...(limit ? { limit } : {}),
        ...(fromSeq ? { fromSeq } : {}),
      });
      entries.forEach((entry) => io.out(JSON.stringify(entry)));
      return 0;
    }
    if (command === 'replay' && rest.length === 1) {
      const result = await replayDeadLetter({ ...source, seq: SeqSchema.parse(rest[0]) });
      io.out(JSON.stringify(result));
      return 0;
    }
    io.err(USAGE);
    return 2;
  } catch (error) {
    io.err(`dlq ${command ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function option(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : SeqSchema.parse(args[i + 1]);
}

// `node dist/dlq-cli.js list` works as well as the apps' `node dist/main.js dlq list`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
