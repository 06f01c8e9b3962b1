import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, nanos, type JetStreamManager, type NatsConnection } from 'nats';
import { testNatsUrl, uniquePrefix } from '@gm/shared-testing';
import { ensureStreams, prefixStreamName, STREAMS } from './streams.js';

describe('ensureStreams', () => {
  const prefix = uniquePrefix('streams');
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl(), noAsyncTraces: true });
    jsm = await nc.jetstreamManager();
  });

  afterAll(async () => {
    for await (const name of jsm.streams.names())
      if (name.startsWith(`${prefix}_`)) await jsm.streams.delete(name);
    await nc?.close();
  });

  it('creates every stream under the prefix, also when replicas do it at the same time', async () => {
    await Promise.all([
      ensureStreams(jsm, prefix),
      ensureStreams(jsm, prefix),
      ensureStreams(jsm, prefix),
    ]);
    const names: string[] = [];
    for await (const name of jsm.streams.names())
      if (name.startsWith(`${prefix}_`)) names.push(name);
    expect(names.sort()).toEqual(
      Object.values(STREAMS)
        .map((s) => prefixStreamName(prefix, s.name))
        .sort(),
    );
    const info = await jsm.streams.info(prefixStreamName(prefix, 'HOUSING_EVENTS'));
    expect(info.config).toMatchObject({
      subjects: [`${prefix}.housing.evt.>`],
      storage: 'file',
      duplicate_window: nanos(STREAMS.HOUSING_EVENTS.duplicateWindowMs),
      max_age: nanos(STREAMS.HOUSING_EVENTS.maxAgeMs),
    });
  });

  it('brings a stream that drifted back to its definition, keeping its messages', async () => {
    const name = prefixStreamName(prefix, 'TRIAGE_EVENTS');
    await jsm.streams.update(name, { max_age: nanos(10 * 60_000) });
    await nc.jetstream().publish(`${prefix}.triage.evt.x.v1`, 'kept');
    await ensureStreams(jsm, prefix);
    const info = await jsm.streams.info(name);
    expect(info.config.max_age).toBe(nanos(STREAMS.TRIAGE_EVENTS.maxAgeMs));
    expect(info.state.messages).toBe(1);
  });
});
