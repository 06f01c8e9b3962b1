import { headers as natsHeaders, type JetStreamClient, type JsMsg, type MsgHdrs } from 'nats';
import { prefixSubject } from '../streams.js';

/** Headers a dead-lettered message carries besides the original's own. */
export const DEAD_LETTER_HEADERS = {
  error: 'Gm-Error',
  originalSubject: 'Gm-Original-Subject',
  consumer: 'Gm-Consumer',
  deliveries: 'Gm-Deliveries',
} as const;

const MAX_HEADER_VALUE = 2000;

/** `<prefix>.dlq.<service>.<handler>`; the names must be subject tokens already. */
export function deadLetterSubject(prefix: string, service: string, handler: string): string {
  return prefixSubject(prefix, `dlq.${service}.${handler}`);
}

export interface DeadLetter {
  /** The message given up on. */
  msg: JsMsg;
  subject: string;
  consumer: string;
  error: string;
  deliveries: number;
  timeoutMs: number;
}

/**
 * Stores a message the consumer gave up on in the dead-letter stream, with its payload, its
 * headers and why. The id is per original message and consumer, so a retried dead-lettering
 * after a lost ack is stored once.
 */
export async function publishDeadLetter(js: JetStreamClient, letter: DeadLetter): Promise<void> {
  const { msg } = letter;
  const headers = copyHeaders(msg.headers);
  headers.set(DEAD_LETTER_HEADERS.error, headerValue(letter.error));
  headers.set(DEAD_LETTER_HEADERS.originalSubject, msg.subject);
  headers.set(DEAD_LETTER_HEADERS.consumer, letter.consumer);
  headers.set(DEAD_LETTER_HEADERS.deliveries, String(letter.deliveries));
  await js.publish(letter.subject, msg.data, {
    msgID: `${letter.consumer}:${msg.info.stream}:${msg.seq}`,
    headers,
    timeout: letter.timeoutMs,
  });
}

/** The application headers of a message; JetStream's own (`Nats-*`) stay behind. */
export function copyHeaders(
  source: MsgHdrs | undefined,
  skip: (key: string) => boolean = () => false,
): MsgHdrs {
  const copy = natsHeaders();
  for (const key of source?.keys() ?? []) {
    if (key.toLowerCase().startsWith('nats-') || skip(key)) continue;
    for (const value of source?.values(key) ?? []) copy.append(key, value);
  }
  return copy;
}

/** Header values are one line of bounded length. */
function headerValue(text: string): string {
  const line = text.replace(/[\r\n]+/g, ' ').trim() || 'unknown error';
  return line.length > MAX_HEADER_VALUE ? `${line.slice(0, MAX_HEADER_VALUE - 3)}...` : line;
}
