import { describe, it, expect } from '@jest/globals';
import { headers } from 'nats';
import { copyHeaders, deadLetterSubject } from './dead-letters.js';
import { subjectToken } from './durable-consumer.js';

describe('dead-letter naming', () => {
  it('puts dead letters under dlq.<service>.<handler>, prefixed', () => {
    expect(deadLetterSubject('', 'housing', 'TicketEvents_onAssigned')).toBe(
      'dlq.housing.TicketEvents_onAssigned',
    );
    expect(deadLetterSubject('t1', 'housing', 'h')).toBe('t1.dlq.housing.h');
  });

  it('turns handler names into subject tokens and durable names', () => {
    expect(subjectToken('Ticket.Events onAssigned>*')).toBe('Ticket_Events_onAssigned__');
    expect(subjectToken('already-fine_1')).toBe('already-fine_1');
  });
});

describe('copyHeaders', () => {
  it('keeps application headers and leaves JetStream and skipped ones behind', () => {
    const source = headers();
    source.set('traceparent', '00-abc-def-01');
    source.set('Ce-Type', 'triage.evt.x.v1');
    source.set('Nats-Msg-Id', 'id-1');
    source.set('Gm-Error', 'boom');
    const copy = copyHeaders(source, (key) => key.startsWith('Gm-'));
    expect(copy.keys().sort()).toEqual(['Ce-Type', 'traceparent']);
    expect(copy.get('traceparent')).toBe('00-abc-def-01');
  });
});
