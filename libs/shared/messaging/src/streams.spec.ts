import { describe, it, expect } from '@jest/globals';
import {
  STREAMS,
  prefixStreamName,
  prefixSubject,
  streamConfig,
  streamForSubject,
  subjectMatches,
} from './streams.js';

describe('stream definitions', () => {
  it('has one stream per producing service and one for dead letters', () => {
    expect(Object.values(STREAMS).map((s) => [s.name, s.subjects])).toEqual([
      ['RESOURCES_EVENTS', ['resources.evt.>']],
      ['TRIAGE_EVENTS', ['triage.evt.>']],
      ['HOUSING_EVENTS', ['housing.evt.>']],
      ['DEAD_LETTERS', ['dlq.>']],
    ]);
  });

  it('prefixes names and subjects only when a prefix is set', () => {
    expect(prefixSubject('', 'resources.evt.x')).toBe('resources.evt.x');
    expect(prefixSubject('t1', 'resources.evt.x')).toBe('t1.resources.evt.x');
    expect(prefixStreamName('', 'RESOURCES_EVENTS')).toBe('RESOURCES_EVENTS');
    expect(prefixStreamName('t1', 'RESOURCES_EVENTS')).toBe('t1_RESOURCES_EVENTS');
  });

  it('renders a file-stored, de-duplicating, age-limited JetStream config', () => {
    expect(streamConfig(STREAMS.RESOURCES_EVENTS, 't1')).toMatchObject({
      name: 't1_RESOURCES_EVENTS',
      subjects: ['t1.resources.evt.>'],
      storage: 'file',
      retention: 'limits',
      duplicate_window: 2 * 60 * 1e9,
      max_age: 30 * 24 * 60 * 60 * 1e9,
    });
  });

  it('finds the stream of an event type', () => {
    expect(streamForSubject('triage.evt.ticket.assigned.v1').name).toBe('TRIAGE_EVENTS');
    expect(streamForSubject('dlq.housing.x').name).toBe('DEAD_LETTERS');
    expect(() => streamForSubject('gateway.evt.x.v1')).toThrow(
      /no stream is defined for subject gateway\.evt\.x\.v1/,
    );
  });

  it('matches NATS wildcards', () => {
    expect(subjectMatches('a.>', 'a.b.c')).toBe(true);
    expect(subjectMatches('a.>', 'a')).toBe(false);
    expect(subjectMatches('a.*.c', 'a.b.c')).toBe(true);
    expect(subjectMatches('a.*.c', 'a.b.d')).toBe(false);
    expect(subjectMatches('a.b', 'a.b.c')).toBe(false);
    expect(subjectMatches('a.b.c', 'a.b')).toBe(false);
  });
});
