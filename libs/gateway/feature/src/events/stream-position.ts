import { AppError } from '@gm/shared-errors';
import { EVENT_SERVICES, type EventService } from './event-catalogue.js';

/**
 * Where an SSE client stands in every event stream: the JetStream sequence of the last message
 * of each stream the client has been shown or that was skipped for it. It is the SSE `id`, so a
 * reconnect with `Last-Event-ID` resumes each stream right after that sequence: nothing is lost
 * and nothing is sent twice.
 */
export type StreamPosition = Record<EventService, number>;

const PART = /^([a-z]+):(\d{1,15})$/;

/** `resources:12,triage:4,housing:0` (the same order always, so ids compare as text too). */
export function formatPosition(position: StreamPosition): string {
  return EVENT_SERVICES.map((service) => `${service}:${position[service]}`).join(',');
}

/**
 * Parses a `Last-Event-ID`; a service it does not name starts at the stream's present end. A
 * malformed id is a 400 rather than a silent restart from "now", which would lose events.
 */
export function parsePosition(id: string): Partial<StreamPosition> {
  const position: Partial<StreamPosition> = {};
  for (const part of id.split(',')) {
    const match = PART.exec(part.trim());
    const service = match?.[1] as EventService | undefined;
    if (!match || !service || !EVENT_SERVICES.includes(service) || service in position) {
      throw AppError.invalid(
        'Last-Event-ID is not an id this stream sent',
        [
          {
            path: 'Last-Event-ID',
            message: `unexpected part "${part}"`,
            code: 'sse.last-event-id',
          },
        ],
        'bad-last-event-id',
      );
    }
    position[service] = Number(match[2]);
  }
  return position;
}
